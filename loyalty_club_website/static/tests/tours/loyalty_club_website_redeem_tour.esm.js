/* Copyright 2026 Customer Club for Odoo contributors
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl). */

import {registry} from "@web/core/registry";

// A member who reads Persian opens their club page (right to left, Jalali
// dates with Persian digits), redeems a reward of the catalog, gets its coupon
// code at once and puts it in the cart they already filled.
registry.category("web_tour.tours").add("loyalty_club_website_redeem_fa", {
    url: "/my/club",
    steps: () => [
        {
            content: "The club page reads right to left",
            trigger: "#wrapwrap.o_rtl .o_club_portal",
        },
        {
            content: "with the right-to-left build of the site's styles",
            trigger: 'link[rel="stylesheet"][href*=".rtl."]:not(:visible)',
        },
        {
            content: "History dates are Jalali, with Persian digits",
            trigger: ".o_club_portal_move td:first-child:contains(/۱۴[۰-۹]{2}/)",
        },
        {
            content: "Go to the rewards",
            trigger: "a.o_club_portal_rewards_link",
            run: "click",
        },
        {
            content: "Redeem the 50 off",
            trigger: 'tr.o_club_reward:contains("50 off online") .o_club_reward_redeem',
            run: "click",
        },
        {
            content: "The coupon's code is shown at once",
            trigger: ".o_club_redemption_code:contains(/^\\s*044[0-9]{20}\\s*$/)",
        },
        {
            content: "Put it in the cart",
            trigger: "a.o_club_redemption_cart",
            run: "click",
        },
        {
            content: "The reward is in the cart",
            trigger: '#cart_products:contains("50 off online")',
        },
    ],
});

/* Copyright 2026 Customer Club for Odoo contributors
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl). */

import {registry} from "@web/core/registry";
import * as tourUtils from "@website_sale/js/tours/tour_utils";

// A signed-in member puts a product in the cart and types their club coupon's
// code, written with Persian digits, in the cart's promo box.
registry.category("web_tour.tours").add("loyalty_club_website_cart_coupon", {
    url: "/shop",
    steps: () => [
        ...tourUtils.addToCart({productName: "Saffron 4.6g"}),
        tourUtils.goToCart(),
        {
            content: "Type the club coupon's code",
            trigger: 'form[name="coupon_code"] input[name="promo"]',
            run: "edit CLUB-۴۴۸۸",
        },
        {
            content: "Apply it",
            trigger: 'form[name="coupon_code"] .a-submit',
            run: "click",
        },
        {
            content: "The reward is in the cart",
            trigger: '#cart_products:contains("50 off online")',
        },
        ...tourUtils.assertCartAmounts({total: "150.00"}),
    ],
});

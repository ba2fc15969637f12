/* Copyright 2026 Customer Club for Odoo contributors
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl). */
import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("loyalty_club_adjust_tour", {
    steps: () => [
        {
            content: "Open the member's Customer Club tab",
            trigger: ".o_notebook a.nav-link:contains('Customer Club')",
            run: "click",
        },
        {
            content: "The member code is shown",
            trigger: ".o_field_widget[name='club_code']:contains('0')",
        },
        {
            content: "Adjust the member's points",
            trigger: "button:contains('Adjust Points')",
            run: "click",
        },
        {
            content: "Points to add",
            trigger: ".modal .o_field_widget[name='points'] input",
            run: "edit 150",
        },
        {
            content: "The reason",
            trigger: ".modal .o_field_widget[name='reason'] input",
            run: "edit Paper receipt from the old card",
        },
        {
            content: "Confirm",
            trigger: ".modal button[name='action_confirm']",
            run: "click",
        },
        {
            content: "The balance shows the added points",
            trigger: ".oe_stat_button .o_stat_value:contains('150')",
        },
        {
            content: "The adjustment is logged on the member",
            trigger: ".o-mail-Message:contains('Paper receipt from the old card')",
        },
    ],
});

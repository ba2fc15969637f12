/* Copyright 2026 Customer Club for Odoo contributors
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl). */
import {registry} from "@web/core/registry";
import {stepUtils} from "@web_tour/tour_service/tour_utils";

registry.category("web_tour.tours").add("loyalty_club_menu_tour", {
    url: "/odoo",
    steps: () => [
        stepUtils.showAppsMenuItem(),
        {
            content: "Open the Club app from the home menu",
            trigger: ".o_app[data-menu-xmlid='loyalty_club.loyalty_club_menu_root']",
            run: "click",
        },
        {
            content: "The Club app opens on its members",
            trigger: ".o_breadcrumb .active:contains('Members')",
        },
        {
            content: "Open the club's configuration",
            trigger: "button[data-menu-xmlid='loyalty_club.loyalty_club_menu_configuration']",
            run: "click",
        },
        {
            content: "Open the tiers",
            trigger: "a[data-menu-xmlid='loyalty_club.loyalty_club_tier_menu']",
            run: "click",
        },
        {
            content: "The tier created for this test is listed",
            trigger: ".o_list_view .o_data_row td[name='name']:contains('Tour Diamond')",
            run: "click",
        },
        {
            content: "Its form shows the earn multiplier",
            trigger: ".o_form_view .o_field_widget[name='earn_multiplier'] input",
        },
    ],
});

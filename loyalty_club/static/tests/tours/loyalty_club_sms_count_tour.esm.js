/* Copyright 2026 Customer Club for Odoo contributors
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl). */
import {registry} from "@web/core/registry";

// 60 Persian letters + a line break + «لغو۱۱» = 67 characters (the line break
// counts twice): one UNICODE SMS; one letter more needs two.
const SIXTY = "س".repeat(60);

registry.category("web_tour.tours").add("loyalty_club_sms_count_tour", {
    steps: () => [
        {
            content: "Write the campaign's SMS",
            trigger: ".o_field_widget[name='sms_body'] textarea",
            run: `edit ${SIXTY}`,
        },
        {
            content: "The footer is counted: one SMS",
            trigger: ".o_club_sms_count:contains('67 characters with «لغو۱۱»: 1 SMS (UNICODE)')",
        },
        {
            content: "Longer than one SMS",
            trigger: ".o_field_widget[name='sms_body'] textarea",
            run: `edit ${SIXTY}${"س".repeat(76)}`,
        },
        {
            content: "Split in parts of 67 characters",
            trigger: ".o_club_sms_count:contains('143 characters with «لغو۱۱»: 3 SMS (UNICODE)')",
        },
    ],
});

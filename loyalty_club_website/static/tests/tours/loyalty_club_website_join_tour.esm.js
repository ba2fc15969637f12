/* Copyright 2026 Customer Club for Odoo contributors
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl). */

import {registry} from "@web/core/registry";

// A visitor opens a friend's share link, creates an account with Odoo's own
// sign-up, confirms their mobile number (typed with Persian digits) with the
// code sent by SMS, and lands on their club page as a member.
registry.category("web_tour.tours").add("loyalty_club_website_join_referral", {
    steps: () => [
        {
            content: "The friend's invitation, nothing about the friend",
            trigger: ".o_club_page_invited",
        },
        {
            content: "Join the club",
            trigger: "a.o_club_page_join",
            run: "click",
        },
        {
            content: "Create an account",
            trigger: "a.o_club_join_signup",
            run: "click",
        },
        {
            content: "Email",
            trigger: "form.oe_signup_form input[name=login]",
            run: "edit shirin@example.com",
        },
        {
            content: "Name",
            trigger: "form.oe_signup_form input[name=name]",
            run: "edit Shirin Friend",
        },
        {
            content: "Password",
            trigger: "form.oe_signup_form input[name=password]",
            run: "edit a long enough password",
        },
        {
            content: "Password again",
            trigger: "form.oe_signup_form input[name=confirm_password]",
            run: "edit a long enough password",
        },
        {
            content: "Sign up",
            trigger: "form.oe_signup_form button[type=submit]",
            run: "click",
        },
        {
            content: "The friend's code is already in the join form",
            trigger: '.o_club_join_mobile_form input[name=referral_code]:not([value=""])',
        },
        {
            content: "Type the mobile number",
            trigger: ".o_club_join_mobile_form input[name=mobile]",
            run: "edit ۰۹۱۲ ۵۵۵ ۶۶۷۷",
        },
        {
            content: "Ask for the code",
            trigger: "button.o_club_join_send",
            run: "click",
        },
        {
            content: "Type the code from the SMS",
            trigger: ".o_club_join_code_form input[name=code]",
            run: "edit ۴۸۲۹۱۳",
        },
        {
            content: "Join",
            trigger: "button.o_club_join_confirm",
            run: "click",
        },
        {
            content: "The member's own club page",
            trigger: ".o_club_portal_balance",
        },
    ],
});

# Copyright 2026 Customer Club for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import re

from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestClubBackOfficeTour(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.manager = new_test_user(
            cls.env,
            login="club_tour_manager",
            groups="loyalty_club.group_loyalty_club_manager",
        )
        cls.env["loyalty.club.tier"].create(
            {"name": "Tour Diamond", "threshold": 50000, "earn_multiplier": 3.0}
        )

    def test_club_manager_opens_the_club_menu(self):
        self.start_tour("/odoo", "loyalty_club_menu_tour", login=self.manager.login)

    def test_persian_user_gets_a_right_to_left_back_office(self):
        self.env["res.lang"]._activate_lang("fa_IR")
        self.manager.lang = "fa_IR"
        self.authenticate(self.manager.login, self.manager.login)
        page = self.url_open("/odoo")
        self.assertEqual(page.status_code, 200)
        rtl_css = re.search(
            r'href="(/web/assets/[^"]*/web\.assets_web\.rtl\.min\.css)"', page.text
        )
        self.assertTrue(rtl_css, "the back office links its right-to-left stylesheet")
        stylesheet = self.url_open(rtl_css.group(1))
        self.assertEqual(stylesheet.status_code, 200)
        # rtlcss flipped Bootstrap's logical utilities: "start" is on the right.
        flipped = re.search(
            r"\.text-start\{text-align:right!important;?\}",
            stylesheet.text.replace(" ", ""),
        )
        self.assertTrue(flipped, "the right-to-left stylesheet was made by rtlcss")

    def test_club_manager_adjusts_a_members_points(self):
        self.env["loyalty.club.rule"].search([]).active = False
        member = self.env["res.partner"].create(
            {"name": "Tour Member", "mobile": "09127770000", "club_member": True}
        )
        self.start_tour(
            f"/odoo/action-loyalty_club.res_partner_action_club_members/{member.id}",
            "loyalty_club_adjust_tour",
            login=self.manager.login,
        )
        self.assertEqual(member.club_points, 150)
        self.assertEqual(
            member.club_move_ids.description, "Paper receipt from the old card"
        )

    def test_an_sms_text_counts_its_characters_and_parts_with_the_footer(self):
        self.start_tour(
            "/odoo/action-loyalty_club.loyalty_club_campaign_action/new",
            "loyalty_club_sms_count_tour",
            login=self.manager.login,
        )

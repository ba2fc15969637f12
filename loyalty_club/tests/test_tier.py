# Copyright 2026 Customer Club for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import ast

from psycopg2 import IntegrityError

from odoo.tests import Form, tagged
from odoo.tools import mute_logger

from .common import LoyaltyClubCommon


@tagged("post_install", "-at_install")
class TestClubTier(LoyaltyClubCommon):
    def test_default_tiers_are_installed(self):
        for xmlid, name in (
            ("loyalty_club.loyalty_club_tier_bronze", "Bronze"),
            ("loyalty_club.loyalty_club_tier_silver", "Silver"),
            ("loyalty_club.loyalty_club_tier_gold", "Gold"),
        ):
            self.assertEqual(self.env.ref(xmlid).name, name)
        bronze = self.env.ref("loyalty_club.loyalty_club_tier_bronze")
        gold = self.env.ref("loyalty_club.loyalty_club_tier_gold")
        self.assertLess(bronze.threshold, gold.threshold)
        self.assertLess(bronze.earn_multiplier, gold.earn_multiplier)

    def test_negative_threshold_is_refused(self):
        with (
            mute_logger("odoo.sql_db"),
            self.assertRaises(IntegrityError),
            self.cr.savepoint(),
        ):
            self.tier.write({"threshold": -1})

    def test_zero_multiplier_is_refused(self):
        with (
            mute_logger("odoo.sql_db"),
            self.assertRaises(IntegrityError),
            self.cr.savepoint(),
        ):
            self.tier.write({"earn_multiplier": 0})

    def test_member_count_and_members_button(self):
        members = self.env["res.partner"].create(
            [
                {
                    "name": "Member One",
                    "club_member": True,
                    "club_tier_id": self.tier.id,
                },
                {
                    "name": "Member Two",
                    "club_member": True,
                    "club_tier_id": self.tier.id,
                },
            ]
        )
        self.assertEqual(self.tier.member_count, 2)
        action = self.tier.action_view_members()
        self.assertEqual(self.env["res.partner"].search(action["domain"]), members)

    def test_members_menu_enrols_new_contacts(self):
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "loyalty_club.res_partner_action_club_members"
        )
        context = ast.literal_eval(action["context"])
        partners = self.env["res.partner"].with_user(self.club_user)
        with Form(partners.with_context(**context)) as form:
            form.name = "Niloofar Karimi"
        member = form.save()
        self.assertTrue(member.club_member)
        outsider = self.env["res.partner"].create({"name": "Not a member"})
        listed = self.env["res.partner"].search(ast.literal_eval(action["domain"]))
        self.assertIn(member, listed)
        self.assertNotIn(outsider, listed)

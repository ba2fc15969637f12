# Copyright 2026 Customer Club for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import ast
import datetime

from freezegun import freeze_time
from psycopg2 import IntegrityError

from odoo.tests import Form, tagged
from odoo.tools import mute_logger

from ..tools import jalali
from .common import LoyaltyClubCommon

D = datetime.date


@tagged("post_install", "-at_install")
class TestClubTier(LoyaltyClubCommon):
    """Three tiers of our own (the demo's are archived), a 12-month rolling
    window with 30 days of grace, and the member in the lowest tier."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["loyalty.club.tier"].search([]).active = False
        tiers = cls.env["loyalty.club.tier"]
        cls.bronze = tiers.create({"name": "B", "threshold": 0, "sequence": 1})
        cls.silver = tiers.create({"name": "S", "threshold": 500, "sequence": 2})
        cls.gold = tiers.create({"name": "G", "threshold": 2000, "sequence": 3})
        company = cls.env.company
        company.club_tier_window = "rolling"
        company.club_tier_window_months = 12
        company.club_tier_grace_days = 30
        cls.member.club_tier_id = cls.bronze

    def _spend(self, amount, when):
        with freeze_time(when):
            self._post(self.member, "earn", 1, amount=amount)

    def _review(self, when):
        with freeze_time(when):
            self.env["res.partner"]._cron_review_club_tiers()

    # ------------------------------------------------------------------
    # The tiers themselves
    # ------------------------------------------------------------------

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
            self.gold.write({"threshold": -1})

    def test_zero_multiplier_is_refused(self):
        with (
            mute_logger("odoo.sql_db"),
            self.assertRaises(IntegrityError),
            self.cr.savepoint(),
        ):
            self.gold.write({"earn_multiplier": 0})

    def test_member_count_and_members_button(self):
        members = self.env["res.partner"].create(
            [
                {
                    "name": "Member One",
                    "club_member": True,
                    "club_tier_id": self.gold.id,
                },
                {
                    "name": "Member Two",
                    "club_member": True,
                    "club_tier_id": self.gold.id,
                },
            ]
        )
        self.assertEqual(self.gold.member_count, 2)
        action = self.gold.action_view_members()
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

    # ------------------------------------------------------------------
    # The nightly review
    # ------------------------------------------------------------------

    def test_the_review_upgrades_members_who_reached_a_tier(self):
        self._spend(2500, "2026-01-10")
        self._review("2026-01-11")
        self.assertEqual(self.member.club_tier_id, self.gold)
        upgrade = self.member.club_tier_history_ids.filtered(
            lambda change: change.reason == "upgrade"
        )
        self.assertRecordValues(
            upgrade,
            [{"old_tier_id": self.bronze.id, "new_tier_id": self.gold.id}],
        )

    def test_downgrade_waits_for_the_grace_period(self):
        self._spend(2500, "2025-01-10")
        self.member.club_tier_id = self.gold
        self._review("2026-02-01")  # the 2025 spend left the 12-month window
        self.assertEqual(self.member.club_tier_id, self.gold, "grace first")
        self.assertEqual(self.member.club_tier_downgrade_date, D(2026, 3, 3))
        self._review("2026-03-02")
        self.assertEqual(self.member.club_tier_id, self.gold)
        self._review("2026-03-03")
        self.assertEqual(self.member.club_tier_id, self.bronze)
        self.assertFalse(self.member.club_tier_downgrade_date)
        downgrade = self.member.club_tier_history_ids.filtered(
            lambda change: change.reason == "downgrade"
        )
        self.assertRecordValues(
            downgrade,
            [{"old_tier_id": self.gold.id, "new_tier_id": self.bronze.id}],
        )

    def test_spending_again_during_the_grace_period_keeps_the_tier(self):
        self._spend(2500, "2025-01-10")
        self.member.club_tier_id = self.gold
        self._review("2026-02-01")
        self._spend(2100, "2026-02-10")
        self._review("2026-02-11")
        self.assertEqual(self.member.club_tier_id, self.gold)
        self.assertFalse(self.member.club_tier_downgrade_date)

    def test_a_review_run_twice_the_same_day_changes_nothing_more(self):
        self._spend(600, "2026-01-10")
        self._review("2026-01-11")
        self._review("2026-01-11")
        self.assertEqual(self.member.club_tier_id, self.silver)
        self.assertEqual(
            len(
                self.member.club_tier_history_ids.filtered(
                    lambda h: h.reason == "upgrade"
                )
            ),
            1,
        )

    def test_jalali_year_window_counts_only_this_jalali_year(self):
        self.env.company.club_tier_window = "jalali_year"
        last_day_1404 = jalali.to_gregorian(1404, 12, 29)
        self._spend(2500, last_day_1404.isoformat())
        self._review(last_day_1404.isoformat())
        self.assertEqual(self.member.club_tier_id, self.gold)
        nowruz = jalali.to_gregorian(1405, 1, 1)
        self._review(nowruz.isoformat())
        self.assertEqual(
            self.member.club_tier_downgrade_date, nowruz + datetime.timedelta(days=30)
        )

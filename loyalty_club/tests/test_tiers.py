# Copyright 2026 Customer Club for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import datetime

from freezegun import freeze_time

from odoo.tests import tagged

from ..tools import jalali
from .common import LoyaltyClubCommon

D = datetime.date


@tagged("post_install", "-at_install")
class TestTierReview(LoyaltyClubCommon):
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


@tagged("post_install", "-at_install")
class TestBirthdayBonus(LoyaltyClubCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["loyalty.club.rule"].create(
            {"name": "Birthday", "rule_type": "birthday", "points": 200}
        )
        cls.env["res.lang"]._activate_lang("fa_IR")
        # 1 Farvardin 1369: in 2024 its Jalali anniversary (20 March) is a
        # day before its Gregorian one (21 March)
        born = D(1990, 3, 21)
        cls.persian = cls._create_member(
            "Hoda Nazari", "09120000101", lang="fa_IR", club_birthday=born
        )
        cls.english = cls._create_member(
            "John Smith", "09120000102", lang="en_US", club_birthday=born
        )

    def _run(self, day):
        with freeze_time(day):
            self.env["res.partner"]._cron_birthday_bonus()

    def test_persian_members_celebrate_on_the_jalali_date(self):
        jalali_day = D(2024, 3, 20)
        self._run(jalali_day)
        self.assertEqual(self.persian.club_points, 200)
        self.assertEqual(self.english.club_points, 0)
        self._run(jalali_day)
        self.assertEqual(self.persian.club_points, 200, "once a year")

    def test_other_members_celebrate_on_the_gregorian_date(self):
        self._run(D(2024, 3, 21))
        self.assertEqual(self.english.club_points, 200)
        self.assertEqual(self.persian.club_points, 0)

    def test_esfand_30_birthdays_are_celebrated_on_esfand_29_in_common_years(self):
        self.persian.club_birthday = jalali.to_gregorian(1399, 12, 30)
        self._run(jalali.to_gregorian(1404, 12, 29))
        self.assertEqual(self.persian.club_points, 200)

# Copyright 2026 Customer Club for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import datetime

from freezegun import freeze_time

from odoo.tests import tagged

from ..tools import jalali
from .common import LoyaltyClubCommon

D = datetime.date


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

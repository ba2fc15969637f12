# Copyright 2026 Customer Club for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The Jalali helper, without a database."""

import datetime

from odoo.tests import BaseCase, tagged

from ..tools import jalali

D = datetime.date


@tagged("post_install", "-at_install")
class TestJalali(BaseCase):
    def test_gregorian_to_jalali(self):
        for gregorian, expected in (
            (D(2025, 3, 20), (1403, 12, 30)),  # Esfand 30 of the leap year 1403
            (D(2025, 3, 21), (1404, 1, 1)),  # Nowruz 1404
            (D(2026, 3, 20), (1404, 12, 29)),  # 1404 is a common year
            (D(2026, 3, 21), (1405, 1, 1)),
            (D(2029, 3, 20), (1408, 1, 1)),  # the "5-year gap" leap 1408 starts early
            (D(2030, 3, 20), (1408, 12, 30)),
            (D(2020, 3, 19), (1398, 12, 29)),
        ):
            with self.subTest(gregorian=gregorian):
                jdate = jalali.to_jalali(gregorian)
                self.assertEqual((jdate.year, jdate.month, jdate.day), expected)
                self.assertEqual(jalali.to_gregorian(*expected), gregorian)

    def test_utc_evening_is_the_next_day_in_tehran(self):
        evening = datetime.datetime(2025, 3, 20, 21, 0)  # naive UTC, as Odoo stores it
        self.assertEqual(jalali.tehran_date(evening), D(2025, 3, 21))
        self.assertEqual(jalali.format_date(evening, "en", "short"), "1404/01/01")
        afternoon = datetime.datetime(2025, 3, 20, 20, 29)
        self.assertEqual(jalali.format_date(afternoon, "en", "short"), "1403/12/30")

    def test_format_in_persian_uses_persian_digits_and_month_names(self):
        self.assertEqual(jalali.format_date(D(2025, 3, 21), "fa_IR"), "۱ فروردین ۱۴۰۴")
        self.assertEqual(
            jalali.format_date(D(2025, 3, 21), "fa_IR", "short"), "۱۴۰۴/۰۱/۰۱"
        )
        self.assertEqual(jalali.format_date(D(2025, 10, 22), "en_US"), "30 Mehr 1404")
        self.assertEqual(jalali.format_date(False), "")

    def test_digits_both_ways(self):
        self.assertEqual(jalali.persian_digits("1404/01/12"), "۱۴۰۴/۰۱/۱۲")
        self.assertEqual(jalali.ascii_digits("۰۹۱۲"), "0912")
        self.assertEqual(jalali.ascii_digits("٠٩١٢"), "0912")

    def test_month_bounds_and_lengths(self):
        self.assertEqual(jalali.month_bounds(1404, 1), (D(2025, 3, 21), D(2025, 4, 20)))
        self.assertEqual(
            jalali.month_bounds(1403, 12), (D(2025, 2, 19), D(2025, 3, 20))
        )
        self.assertEqual(
            jalali.month_bounds(1404, 12), (D(2026, 2, 20), D(2026, 3, 20))
        )
        self.assertEqual(jalali.month_length(1404, 7), 30)
        self.assertEqual(jalali.year_bounds(1403), (D(2024, 3, 20), D(2025, 3, 20)))

    def test_month_span_in_utc_starts_at_tehran_midnight(self):
        dt = datetime.datetime
        # 1 Tir 1405 = 22 June 2026; Tehran is UTC+3:30 all year
        self.assertEqual(
            jalali.month_span_utc(D(2026, 7, 1)),
            (dt(2026, 6, 21, 20, 30), dt(2026, 7, 22, 20, 30)),
        )
        # 21 June 21:00 UTC is already 1 Tir in Tehran
        self.assertEqual(
            jalali.month_span_utc(dt(2026, 6, 21, 21, 0))[0], dt(2026, 6, 21, 20, 30)
        )
        self.assertEqual(
            jalali.month_span_utc(dt(2026, 6, 21, 20, 0))[1], dt(2026, 6, 21, 20, 30)
        )

    def test_year_bounds_of_a_common_year(self):
        first, last = jalali.year_bounds(1404)
        self.assertEqual((first, last), (D(2025, 3, 21), D(2026, 3, 20)))
        self.assertEqual((last - first).days + 1, 365)

    def test_add_months_clamps_to_the_month_length(self):
        end_of_shahrivar = jalali.to_gregorian(1404, 6, 31)
        self.assertEqual(
            jalali.add_months(end_of_shahrivar, 1), jalali.to_gregorian(1404, 7, 30)
        )
        esfand_30 = jalali.to_gregorian(1403, 12, 30)
        self.assertEqual(
            jalali.add_months(esfand_30, 12), jalali.to_gregorian(1404, 12, 29)
        )
        self.assertEqual(
            jalali.add_months(esfand_30, -12), jalali.to_gregorian(1402, 12, 29)
        )
        self.assertEqual(
            jalali.add_months(jalali.to_gregorian(1404, 11, 5), 3),
            jalali.to_gregorian(1405, 2, 5),
        )

    def test_esfand_30_birthday_is_kept_on_esfand_29_in_common_years(self):
        born = jalali.to_gregorian(1399, 12, 30)  # 1399 is leap
        self.assertEqual(
            jalali.anniversary(born, 1403), jalali.to_gregorian(1403, 12, 30)
        )
        self.assertEqual(
            jalali.anniversary(born, 1404), jalali.to_gregorian(1404, 12, 29)
        )
        self.assertTrue(jalali.is_anniversary(born, jalali.to_gregorian(1404, 12, 29)))
        self.assertFalse(jalali.is_anniversary(born, jalali.to_gregorian(1403, 12, 29)))

    def test_anniversary_follows_the_jalali_calendar_not_the_gregorian_one(self):
        born = D(1990, 3, 21)  # 1 Farvardin 1369
        self.assertTrue(jalali.is_anniversary(born, D(2025, 3, 21)))  # 1 Farvardin 1404
        self.assertTrue(jalali.is_anniversary(born, D(2024, 3, 20)))  # 1 Farvardin 1403
        self.assertFalse(jalali.is_anniversary(born, D(2024, 3, 21)))

    def test_next_anniversary(self):
        born = jalali.to_gregorian(1370, 7, 15)
        self.assertEqual(
            jalali.next_anniversary(born, jalali.to_gregorian(1404, 7, 15)),
            jalali.to_gregorian(1404, 7, 15),
        )
        self.assertEqual(
            jalali.next_anniversary(born, jalali.to_gregorian(1404, 7, 16)),
            jalali.to_gregorian(1405, 7, 15),
        )

    def test_month_names_come_from_our_tables(self):
        self.assertEqual(jalali.month_name(1, "fa_IR"), "فروردین")
        self.assertEqual(jalali.month_name(12, "en_US"), "Esfand")

# Copyright 2026 Customer Club for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The Jalali helper, without a database."""

import datetime

import pytest

from ..tools import jalali

D = datetime.date


@pytest.mark.parametrize(
    ("gregorian", "expected"),
    [
        (D(2025, 3, 20), (1403, 12, 30)),  # Esfand 30 of the leap year 1403
        (D(2025, 3, 21), (1404, 1, 1)),  # Nowruz 1404
        (D(2026, 3, 20), (1404, 12, 29)),  # 1404 is a common year
        (D(2026, 3, 21), (1405, 1, 1)),
        (D(2029, 3, 20), (1408, 1, 1)),  # the "5-year gap" leap 1408 starts early
        (D(2030, 3, 20), (1408, 12, 30)),
        (D(2020, 3, 19), (1398, 12, 29)),
    ],
)
def test_gregorian_to_jalali(gregorian, expected):
    jdate = jalali.to_jalali(gregorian)
    assert (jdate.year, jdate.month, jdate.day) == expected
    assert jalali.to_gregorian(*expected) == gregorian


def test_utc_evening_is_the_next_day_in_tehran():
    evening = datetime.datetime(2025, 3, 20, 21, 0)  # naive UTC, as Odoo stores it
    assert jalali.tehran_date(evening) == D(2025, 3, 21)
    assert jalali.format_date(evening, "en", "short") == "1404/01/01"
    afternoon = datetime.datetime(2025, 3, 20, 20, 29)
    assert jalali.format_date(afternoon, "en", "short") == "1403/12/30"


def test_format_in_persian_uses_persian_digits_and_month_names():
    assert jalali.format_date(D(2025, 3, 21), "fa_IR") == "۱ فروردین ۱۴۰۴"
    assert jalali.format_date(D(2025, 3, 21), "fa_IR", "short") == "۱۴۰۴/۰۱/۰۱"
    assert jalali.format_date(D(2025, 10, 22), "en_US") == "30 Mehr 1404"
    assert jalali.format_date(False) == ""


def test_digits_both_ways():
    assert jalali.persian_digits("1404/01/12") == "۱۴۰۴/۰۱/۱۲"
    assert jalali.ascii_digits("۰۹۱۲") == "0912"
    assert jalali.ascii_digits("٠٩١٢") == "0912"


def test_month_bounds_and_lengths():
    assert jalali.month_bounds(1404, 1) == (D(2025, 3, 21), D(2025, 4, 20))
    assert jalali.month_bounds(1403, 12) == (D(2025, 2, 19), D(2025, 3, 20))
    assert jalali.month_bounds(1404, 12) == (D(2026, 2, 20), D(2026, 3, 20))
    assert jalali.month_length(1404, 7) == 30
    assert jalali.year_bounds(1403) == (D(2024, 3, 20), D(2025, 3, 20))


def test_year_bounds_of_a_common_year():
    first, last = jalali.year_bounds(1404)
    assert (first, last) == (D(2025, 3, 21), D(2026, 3, 20))
    assert (last - first).days + 1 == 365


def test_add_months_clamps_to_the_month_length():
    end_of_shahrivar = jalali.to_gregorian(1404, 6, 31)
    assert jalali.add_months(end_of_shahrivar, 1) == jalali.to_gregorian(1404, 7, 30)
    esfand_30 = jalali.to_gregorian(1403, 12, 30)
    assert jalali.add_months(esfand_30, 12) == jalali.to_gregorian(1404, 12, 29)
    assert jalali.add_months(esfand_30, -12) == jalali.to_gregorian(1402, 12, 29)
    assert jalali.add_months(jalali.to_gregorian(1404, 11, 5), 3) == (
        jalali.to_gregorian(1405, 2, 5)
    )


def test_esfand_30_birthday_is_kept_on_esfand_29_in_common_years():
    born = jalali.to_gregorian(1399, 12, 30)  # 1399 is leap
    assert jalali.anniversary(born, 1403) == jalali.to_gregorian(1403, 12, 30)
    assert jalali.anniversary(born, 1404) == jalali.to_gregorian(1404, 12, 29)
    assert jalali.is_anniversary(born, jalali.to_gregorian(1404, 12, 29))
    assert not jalali.is_anniversary(born, jalali.to_gregorian(1403, 12, 29))


def test_anniversary_follows_the_jalali_calendar_not_the_gregorian_one():
    born = D(1990, 3, 21)  # 1 Farvardin 1369
    assert jalali.is_anniversary(born, D(2025, 3, 21))  # 1 Farvardin 1404
    assert jalali.is_anniversary(born, D(2024, 3, 20))  # 1 Farvardin 1403
    assert not jalali.is_anniversary(born, D(2024, 3, 21))


def test_next_anniversary():
    born = jalali.to_gregorian(1370, 7, 15)
    assert jalali.next_anniversary(born, jalali.to_gregorian(1404, 7, 15)) == (
        jalali.to_gregorian(1404, 7, 15)
    )
    assert jalali.next_anniversary(born, jalali.to_gregorian(1404, 7, 16)) == (
        jalali.to_gregorian(1405, 7, 15)
    )


def test_month_names_come_from_our_tables():
    assert jalali.month_name(1, "fa_IR") == "فروردین"
    assert jalali.month_name(12, "en_US") == "Esfand"

# Copyright 2026 Customer Club for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Jalali (Solar Hijri) dates for the club, on top of jdatetime.

Pure Python, no Odoo: tested without a database (tests/test_jalali.py).

Rules kept here so that no other code has to remember them:

* Odoo stores naive UTC datetimes: convert to Asia/Tehran *before* taking the
  Jalali date (between 20:30 and 24:00 UTC the day differs).
* jdatetime's locale is process-global and leaky: month and weekday names
  come from our own tables, never from ``strftime('%B')``.
* jdatetime never prints Persian digits: ``persian_digits`` does.
* Esfand has 30 days only in leap years: anniversaries of 30 Esfand fall on
  29 Esfand in common years, and adding months clamps to the month's length.
* Compare and store Gregorian ``datetime.date`` values, never jdatetime
  objects (their equality depends on their locale).
"""

import datetime
from zoneinfo import ZoneInfo

import jdatetime

TEHRAN = ZoneInfo("Asia/Tehran")

MONTHS_FA = (
    "فروردین",
    "اردیبهشت",
    "خرداد",
    "تیر",
    "مرداد",
    "شهریور",
    "مهر",
    "آبان",
    "آذر",
    "دی",
    "بهمن",
    "اسفند",
)
MONTHS_EN = (
    "Farvardin",
    "Ordibehesht",
    "Khordad",
    "Tir",
    "Mordad",
    "Shahrivar",
    "Mehr",
    "Aban",
    "Azar",
    "Dey",
    "Bahman",
    "Esfand",
)
ESFAND = 12

_PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹"
_ARABIC_DIGITS = "٠١٢٣٤٥٦٧٨٩"
_TO_PERSIAN = str.maketrans("0123456789", _PERSIAN_DIGITS)
_TO_ASCII = str.maketrans(_PERSIAN_DIGITS + _ARABIC_DIGITS, "0123456789" * 2)


def persian_digits(value):
    """``"1404/01/01"`` → ``"۱۴۰۴/۰۱/۰۱"`` (anything else is left alone)."""
    return str(value).translate(_TO_PERSIAN)


def ascii_digits(value):
    """Persian and Arabic-Indic digits → ASCII digits."""
    return str(value).translate(_TO_ASCII)


def tehran_date(value):
    """The calendar date in Tehran of a ``date`` or of a naive UTC ``datetime``."""
    if isinstance(value, datetime.datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=datetime.timezone.utc)
        return value.astimezone(TEHRAN).date()
    return value


def to_jalali(value):
    """A jdatetime.date for a Gregorian date, or for a naive UTC datetime."""
    return jdatetime.date.fromgregorian(date=tehran_date(value))


def to_gregorian(year, month, day):
    """The Gregorian date of a Jalali date; ValueError when it does not exist."""
    return jdatetime.date(year, month, day).togregorian()


def month_name(month, lang="fa"):
    names = MONTHS_FA if str(lang).startswith("fa") else MONTHS_EN
    return names[month - 1]


def format_date(value, lang="fa", style="long"):
    """A Jalali date as people write it.

    ``style="long"``: ``"۱ فروردین ۱۴۰۴"`` (fa) or ``"1 Farvardin 1404"``;
    ``style="short"``: ``"۱۴۰۴/۰۱/۰۱"`` (fa) or ``"1404/01/01"``.
    Persian gets Persian digits. ``value`` is a date or a naive UTC datetime;
    ``None``/``False`` give ``""``.
    """
    if not value:
        return ""
    jdate = to_jalali(value)
    if style == "short":
        text = f"{jdate.year:04d}/{jdate.month:02d}/{jdate.day:02d}"
    else:
        text = f"{jdate.day} {month_name(jdate.month, lang)} {jdate.year}"
    return persian_digits(text) if str(lang).startswith("fa") else text


def month_length(year, month):
    if month <= 6:
        return 31
    if month < ESFAND:
        return 30
    return 30 if jdatetime.date(year, 1, 1).isleap() else 29


def month_bounds(year, month):
    """First and last Gregorian dates of a Jalali month."""
    first = to_gregorian(year, month, 1)
    return first, to_gregorian(year, month, month_length(year, month))


def year_bounds(year):
    """First and last Gregorian dates of a Jalali year (Nowruz to Esfand's end)."""
    return to_gregorian(year, 1, 1), to_gregorian(
        year, ESFAND, month_length(year, ESFAND)
    )


def month_span_utc(value):
    """The Jalali month (in Tehran) that holds ``value`` (a date or a naive
    UTC datetime), as naive UTC datetimes ``[start, end)``: what to compare
    Odoo's stored datetimes with."""
    jdate = to_jalali(value)
    first, last = month_bounds(jdate.year, jdate.month)
    return _tehran_midnight_utc(first), _tehran_midnight_utc(
        last + datetime.timedelta(days=1)
    )


def _tehran_midnight_utc(day):
    midnight = datetime.datetime.combine(day, datetime.time.min, tzinfo=TEHRAN)
    return midnight.astimezone(datetime.timezone.utc).replace(tzinfo=None)


def add_months(value, months):
    """The Gregorian date ``months`` Jalali months after ``value`` (may be
    negative), the day clamped to the target month's length: 31 Shahrivar + 1
    month is 30 Mehr."""
    jdate = to_jalali(value)
    index = jdate.year * 12 + (jdate.month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    return to_gregorian(year, month, min(jdate.day, month_length(year, month)))


def anniversary(birth_date, year):
    """The Gregorian date of the Jalali anniversary of ``birth_date`` in
    Jalali ``year``. A 30 Esfand birthday is kept on 29 Esfand in common
    years."""
    born = to_jalali(birth_date)
    day = min(born.day, month_length(year, born.month))
    return to_gregorian(year, born.month, day)


def is_anniversary(birth_date, day):
    """Whether ``day`` (a Gregorian date) is the Jalali anniversary of
    ``birth_date``."""
    if not birth_date or not day:
        return False
    return anniversary(birth_date, to_jalali(day).year) == day


def next_anniversary(birth_date, on_or_after):
    """The first Jalali anniversary of ``birth_date`` on or after a date."""
    year = to_jalali(on_or_after).year
    date = anniversary(birth_date, year)
    return date if date >= on_or_after else anniversary(birth_date, year + 1)

# Copyright 2026 Customer Club for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Normalise what people type before it is stored or searched.

Pure Python, no Odoo (tests/test_normalize.py). A Persian keyboard gives
Persian digits (۰۹۱۲…), an Arabic one Arabic-Indic digits (٠٩١٢…) and the
Arabic letters ي and ك: none of them match what is stored unless normalised.
"""

import re

from .jalali import ascii_digits

_ARABIC_LETTERS = str.maketrans({"ي": "ی", "ى": "ی", "ك": "ک", "ة": "ه"})
_NOT_DIGITS = re.compile(r"[\s\-().‐‑–]", re.ASCII)
_IRANIAN_MOBILE = re.compile(r"^09\d{9}$", re.ASCII)
_CODE_NOISE = re.compile(r"[\s\-]")


def normalize_text(text):
    """Persian letters and ASCII digits, white space collapsed."""
    if not text:
        return text
    text = ascii_digits(str(text)).translate(_ARABIC_LETTERS)
    return " ".join(text.split())


def normalize_iranian_mobile(text):
    """``"۰۹۱۲ ۳۴۵ ۶۷۸۹"``, ``"+98 912 345 6789"``, ``"00989123456789"`` or
    ``"9123456789"`` → ``"09123456789"``. None when ``text`` is not an
    Iranian mobile number."""
    if not text:
        return None
    digits = _NOT_DIGITS.sub("", ascii_digits(str(text)))
    if digits.startswith("+98"):
        digits = "0" + digits[3:]
    elif digits.startswith("0098"):
        digits = "0" + digits[4:]
    elif digits.startswith("98") and len(digits) == 12:
        digits = "0" + digits[2:]
    elif digits.startswith("9") and len(digits) == 10:
        digits = "0" + digits
    return digits if _IRANIAN_MOBILE.match(digits) else None


def luhn_check_digit(digits):
    """The Luhn check digit of a string of ASCII digits."""
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char)
        if position % 2 == 0:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return str((10 - total % 10) % 10)


def make_member_code(number, length=10):
    """A scannable member code: ``number`` zero-padded, then a Luhn digit."""
    body = str(number).zfill(length - 1)
    return body + luhn_check_digit(body)


def normalize_member_code(text):
    """A member code as typed or scanned (Persian digits, spaces, dashes) →
    its canonical form, or None when it cannot be one (wrong check digit)."""
    if not text:
        return None
    code = _CODE_NOISE.sub("", ascii_digits(str(text)))
    if not code.isascii() or not code.isdigit() or len(code) < 2:
        return None
    return code if luhn_check_digit(code[:-1]) == code[-1] else None

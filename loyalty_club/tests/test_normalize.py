# Copyright 2026 Customer Club for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Normalising what people type, without a database."""

import pytest

from ..tools import normalize


@pytest.mark.parametrize(
    "typed",
    [
        "09123456789",
        "۰۹۱۲۳۴۵۶۷۸۹",
        "٠٩١٢٣٤٥٦٧٨٩",
        "0912 345 6789",
        "0912-345-6789",
        "+98 912 345 6789",
        "+989123456789",
        "00989123456789",
        "989123456789",
        "9123456789",
        "(0912) 345 67 89",
    ],
)
def test_iranian_mobiles_are_normalised(typed):
    assert normalize.normalize_iranian_mobile(typed) == "09123456789"


@pytest.mark.parametrize(
    "typed",
    ["", None, "02188776655", "0912345678", "091234567890", "+49 151 2345678", "abc"],
)
def test_other_numbers_are_not_iranian_mobiles(typed):
    assert normalize.normalize_iranian_mobile(typed) is None


def test_text_gets_persian_letters_and_ascii_digits():
    assert normalize.normalize_text("علي  كريمي ۱۲") == "علی کریمی 12"
    assert normalize.normalize_text("") == ""
    assert normalize.normalize_text(None) is None


def test_member_codes_carry_a_check_digit():
    code = normalize.make_member_code(42)
    assert len(code) == 10
    assert code.startswith("000000042")
    assert normalize.normalize_member_code(code) == code
    persian = code.translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))
    assert normalize.normalize_member_code(persian) == code
    assert normalize.normalize_member_code(f"{code[:4]} {code[4:]}") == code


def test_a_mistyped_member_code_is_rejected():
    code = normalize.make_member_code(42)
    wrong_digit = code[:-2] + str((int(code[-2]) + 1) % 10) + code[-1]
    assert normalize.normalize_member_code(wrong_digit) is None
    swapped = code[:-3] + code[-2] + code[-3] + code[-1]
    if swapped != code:
        assert normalize.normalize_member_code(swapped) is None
    assert normalize.normalize_member_code("12ab") is None
    assert normalize.normalize_member_code("") is None

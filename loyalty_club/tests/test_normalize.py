# Copyright 2026 Customer Club for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Normalising what people type, without a database."""

from odoo.tests import BaseCase, tagged

from ..tools import normalize


@tagged("post_install", "-at_install")
class TestNormalize(BaseCase):
    def test_iranian_mobiles_are_normalised(self):
        for typed in (
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
        ):
            with self.subTest(typed=typed):
                self.assertEqual(
                    normalize.normalize_iranian_mobile(typed), "09123456789"
                )

    def test_other_numbers_are_not_iranian_mobiles(self):
        for typed in (
            "",
            None,
            "02188776655",
            "0912345678",
            "091234567890",
            "+49 151 2345678",
            "abc",
        ):
            with self.subTest(typed=typed):
                self.assertIsNone(normalize.normalize_iranian_mobile(typed))

    def test_text_gets_persian_letters_and_ascii_digits(self):
        self.assertEqual(normalize.normalize_text("علي  كريمي ۱۲"), "علی کریمی 12")
        self.assertEqual(normalize.normalize_text(""), "")
        self.assertIsNone(normalize.normalize_text(None))

    def test_member_codes_carry_a_check_digit(self):
        code = normalize.make_member_code(42)
        self.assertEqual(len(code), 10)
        self.assertTrue(code.startswith("000000042"))
        self.assertEqual(normalize.normalize_member_code(code), code)
        persian = code.translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))
        self.assertEqual(normalize.normalize_member_code(persian), code)
        self.assertEqual(
            normalize.normalize_member_code(f"{code[:4]} {code[4:]}"), code
        )

    def test_a_mistyped_member_code_is_rejected(self):
        code = normalize.make_member_code(42)
        wrong_digit = code[:-2] + str((int(code[-2]) + 1) % 10) + code[-1]
        self.assertIsNone(normalize.normalize_member_code(wrong_digit))
        swapped = code[:-3] + code[-2] + code[-3] + code[-1]
        self.assertNotEqual(swapped, code)
        self.assertIsNone(normalize.normalize_member_code(swapped))
        self.assertIsNone(normalize.normalize_member_code("12ab"))
        self.assertIsNone(normalize.normalize_member_code(""))

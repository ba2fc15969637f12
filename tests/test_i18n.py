# Copyright 2026 Customer Club for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Persian is first-class: every term of every addon is translated, and a
Persian user sees the club in Persian."""

from pathlib import Path

import polib

from odoo.tests import TransactionCase, tagged
from odoo.tools.translate import TranslationModuleReader

ROOT = Path(__file__).resolve().parent.parent
ADDONS = ("loyalty_club", "loyalty_club_pos", "loyalty_club_website")


@tagged("post_install", "-at_install")
class TestPersianTranslations(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("fa_IR")
        cls.env["ir.module.module"]._load_module_terms(
            list(ADDONS), ["fa_IR"], overwrite=True
        )

    def _current_terms(self, addon):
        reader = TranslationModuleReader(self.env.cr, modules=[addon])
        return {source for __, __, __, __, source, __, __ in reader}

    def test_every_term_of_every_addon_is_in_its_pot_and_translated(self):
        for addon in ADDONS:
            with self.subTest(addon=addon):
                i18n = ROOT / addon / "i18n"
                pot_terms = {e.msgid for e in polib.pofile(str(i18n / f"{addon}.pot"))}
                translated = {
                    e.msgid for e in polib.pofile(str(i18n / "fa.po")) if e.msgstr
                }
                current = self._current_terms(addon)
                self.assertFalse(
                    current - pot_terms,
                    f"{addon}: terms missing from the .pot, run `make pot`",
                )
                self.assertFalse(
                    current - translated,
                    f"{addon}: terms without a Persian translation in fa.po",
                )

    def test_club_menus_and_tiers_read_in_persian(self):
        fa_env = self.env(context={"lang": "fa_IR"})
        self.assertEqual(
            fa_env.ref("loyalty_club.loyalty_club_menu_root").name, "باشگاه"
        )
        self.assertEqual(
            fa_env.ref("loyalty_club.loyalty_club_menu_members").name, "اعضا"
        )
        self.assertEqual(
            fa_env.ref("loyalty_club.loyalty_club_tier_menu").name, "سطح‌ها"
        )
        tiers = fa_env["loyalty.club.tier"].browse(
            [
                self.env.ref(f"loyalty_club.loyalty_club_tier_{code}").id
                for code in ("bronze", "silver", "gold")
            ]
        )
        self.assertEqual(tiers.mapped("name"), ["برنزی", "نقره‌ای", "طلایی"])

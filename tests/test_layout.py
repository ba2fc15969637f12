# Copyright 2026 Customer Club for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Odoo's own test runner (and OCA's CI) runs only the test modules an
addon's ``tests/__init__.py`` imports: a test file left out of it would pass
here and never run there."""

import re
from pathlib import Path

from odoo.tests import BaseCase, tagged

ROOT = Path(__file__).resolve().parent.parent
ADDONS = ("loyalty_club", "loyalty_club_pos", "loyalty_club_website")


@tagged("post_install", "-at_install")
class TestEveryTestModuleIsImported(BaseCase):
    def test_each_addons_tests_package_imports_all_its_test_files(self):
        for addon in ADDONS:
            folder = ROOT / addon / "tests"
            imported = set(
                re.findall(
                    r"^from \. import (test_\w+)$",
                    (folder / "__init__.py").read_text(encoding="utf-8"),
                    re.MULTILINE,
                )
            )
            present = {path.stem for path in folder.glob("test_*.py")}
            with self.subTest(addon=addon):
                self.assertEqual(present - imported, set())

#!/usr/bin/env python3
# Copyright 2026 Customer Club for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Check that every addon's i18n/fa.po is complete and follows the glossary.

* each addon with an i18n/<addon>.pot has an i18n/fa.po for Persian;
* every entry of the .pot is translated in fa.po (and not fuzzy);
* a msgid that is a glossary term is translated as the glossary says, so that
  "Tier" or "Points" read the same in the back office, the POS and the portal.

Whether the .pot itself is current is checked by tests/test_i18n.py, which
exports the terms from a database with the addons installed.
"""

import csv
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
ADDONS = ("loyalty_club", "loyalty_club_pos", "loyalty_club_website")


def load_glossary():
    with (ROOT / "i18n" / "glossary.csv").open(encoding="utf-8") as handle:
        return {row["en"]: row["fa"] for row in csv.DictReader(handle)}


def check_addon(addon, glossary):
    problems = []
    pot_path = ROOT / addon / "i18n" / f"{addon}.pot"
    po_path = ROOT / addon / "i18n" / "fa.po"
    if not pot_path.exists():
        return [f"{addon}: i18n/{addon}.pot is missing (make pot)"]
    if not po_path.exists():
        return [f"{addon}: i18n/fa.po is missing"]
    pot, po = polib.pofile(str(pot_path)), polib.pofile(str(po_path))
    if po.metadata.get("Language") != "fa":
        problems.append(f"{addon}: fa.po must declare 'Language: fa'")
    translations = {
        (entry.msgctxt, entry.msgid): entry for entry in po if not entry.obsolete
    }
    for entry in pot:
        translated = translations.get((entry.msgctxt, entry.msgid))
        if translated is None or not translated.msgstr.strip():
            problems.append(f"{addon}: not translated: {entry.msgid!r}")
        elif translated.fuzzy:
            problems.append(f"{addon}: fuzzy translation: {entry.msgid!r}")
        elif entry.msgid in glossary and translated.msgstr != glossary[entry.msgid]:
            problems.append(
                f"{addon}: {entry.msgid!r} is {translated.msgstr!r}, "
                f"the glossary says {glossary[entry.msgid]!r}"
            )
    return problems


def main():
    glossary = load_glossary()
    problems = [p for addon in ADDONS for p in check_addon(addon, glossary)]
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print(f"{len(problems)} translation problem(s)", file=sys.stderr)
        return 1
    print("every fa.po is complete and follows i18n/glossary.csv")
    return 0


if __name__ == "__main__":
    sys.exit(main())

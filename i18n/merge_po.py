#!/usr/bin/env python3
# Copyright 2026 Customer Club for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Bring each addon's i18n/fa.po in line with its freshly exported .pot.

New entries are added untranslated, gone entries are dropped, translations
are kept. `make pot` runs it; then translate what `make lint` lists.

    i18n/merge_po.py [ADDON ...]
"""

import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
ADDONS = ("loyalty_club", "loyalty_club_pos", "loyalty_club_website")
HEADER = {
    "Project-Id-Version": "Odoo Server 18.0",
    "Language": "fa",
    "MIME-Version": "1.0",
    "Content-Type": "text/plain; charset=UTF-8",
    "Content-Transfer-Encoding": "",
    "Plural-Forms": "nplurals=2; plural=(n > 1);",
}


def merge(addon):
    pot_path = ROOT / addon / "i18n" / f"{addon}.pot"
    po_path = ROOT / addon / "i18n" / "fa.po"
    pot = polib.pofile(str(pot_path))
    old = polib.pofile(str(po_path)) if po_path.exists() else polib.POFile()
    known = {(e.msgctxt, e.msgid): e for e in old if not e.obsolete}
    po = polib.POFile(wrapwidth=78)
    po.header = f"Persian translation of {addon}.\nSee i18n/glossary.csv for the terms."
    po.metadata = HEADER
    for entry in pot:
        previous = known.get((entry.msgctxt, entry.msgid))
        po.append(
            polib.POEntry(
                msgctxt=entry.msgctxt,
                msgid=entry.msgid,
                msgstr=previous.msgstr if previous else "",
                occurrences=entry.occurrences,
                comment=entry.comment,
                tcomment=entry.tcomment,
                flags=[f for f in entry.flags if f != "fuzzy"],
            )
        )
    po.save(str(po_path))
    missing = sum(1 for e in po if not e.msgstr)
    print(f"{addon}/i18n/fa.po: {len(po)} entries, {missing} to translate")


if __name__ == "__main__":
    for name in sys.argv[1:] or ADDONS:
        merge(name)

#!/usr/bin/env bash
# `make lint`: ruff, pylint-odoo's mandatory checks, OCA's module and PO checks,
# and the completeness of every fa.po. Prints what is wrong and exits non-zero.
set -euo pipefail
cd "$(dirname "$0")/.."
ADDONS=(loyalty_club loyalty_club_pos loyalty_club_website)

echo "== ruff"
ruff check --no-fix .
ruff format --check .

echo "== pylint-odoo (mandatory checks)"
pylint --rcfile=.pylintrc-mandatory --score=n "${ADDONS[@]}"

echo "== OCA module checks (XML, CSV, manifest)"
oca-checks-odoo-module "${ADDONS[@]}"

echo "== OCA PO checks"
mapfile -t po_files < <(find "${ADDONS[@]}" i18n -name '*.po' -o -name '*.pot' | sort)
if [ ${#po_files[@]} -gt 0 ]; then
    oca-checks-po --disable=po-pretty-format "${po_files[@]}"
fi

echo "== Persian translations"
python3 i18n/check_translations.py

echo "lint: all checks passed"

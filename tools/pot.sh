#!/usr/bin/env bash
# `make pot`: regenerate i18n/<addon>.pot of every addon from the test
# database (installed or updated first). Translate the new entries in each
# addon's i18n/fa.po afterwards; `make lint` says which are missing.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
DB=club_test
ADDONS=(loyalty_club loyalty_club_pos loyalty_club_website)

python3 tools/devenv.py preflight base
python3 tools/devenv.py requirements requirements.txt
tools/cluster.sh start
python3 tools/devenv.py config test >/dev/null
ODOO=(python3 -m odoo -c "$ROOT/.run/test.conf" -d "$DB" --stop-after-init
    --logfile="$ROOT/.run/pot.log")
if tools/cluster.sh has-db "$DB"; then
    "${ODOO[@]}" -u "$(IFS=,; echo "${ADDONS[*]}")"
else
    "${ODOO[@]}" -i "$(IFS=,; echo "${ADDONS[*]}")"
fi
for addon in "${ADDONS[@]}"; do
    "${ODOO[@]}" --i18n-export="$ROOT/$addon/i18n/$addon.pot" --modules="$addon"
    echo "pot: $addon/i18n/$addon.pot"
done
python3 i18n/merge_po.py "${ADDONS[@]}"

#!/usr/bin/env bash
# `make test`: lint, a throwaway database with the three addons installed
# (and their demo data), then pytest-odoo over every test folder, browser
# tours included. A WARNING or ERROR logged during the install or a test, or a
# skipped test, fails the run.
#
#   tools/test.sh                      everything
#   tools/test.sh PYTEST_ARGS...       lint, install, then only these tests
#   REUSE_DB=1 tools/test.sh ARGS...   no lint, update the addons in the
#                                      existing test database, run the tests
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
DB=club_test
ADDONS=loyalty_club,loyalty_club_pos,loyalty_club_website
export LOYALTY_CLUB_TEST_STARTED=${LOYALTY_CLUB_TEST_STARTED:-$(date +%s)}

python3 tools/devenv.py preflight test
python3 tools/devenv.py requirements requirements.txt test-requirements.txt

if [ -z "${REUSE_DB:-}" ]; then
    tools/lint.sh
fi

tools/cluster.sh start
python3 tools/devenv.py config test >/dev/null
ODOO=(python3 -m odoo -c "$ROOT/.run/test.conf" -d "$DB" --stop-after-init
    --log-level=info --logfile="$ROOT/.run/test-install.log")

if [ -n "${REUSE_DB:-}" ] && tools/cluster.sh has-db "$DB"; then
    echo "== updating the addons in the existing database $DB"
    : >"$ROOT/.run/test-install.log"
    "${ODOO[@]}" -u "$ADDONS"
else
    echo "== installing the addons in a new database $DB (log: .run/test-install.log)"
    tools/cluster.sh dropdb "$DB"
    rm -rf "$ROOT/.run/odoo-data/filestore/$DB"
    : >"$ROOT/.run/test-install.log"
    "${ODOO[@]}" -i "$ADDONS" --load-language=en_US,fa_IR
fi
python3 tools/devenv.py checklog "$ROOT/.run/test-install.log"

echo "== pytest"
if [ $# -eq 0 ]; then
    set -- loyalty_club/tests loyalty_club_pos/tests loyalty_club_website/tests tests
fi
# pytest's summary line ends the output; conftest.py prints the total time
# (lint and install included) just before it.
exec python3 -m pytest --odoo-config="$ROOT/.run/test.conf" --odoo-database="$DB" \
    --odoo-http --odoo-log-level=warn -m "not scale" "$@"

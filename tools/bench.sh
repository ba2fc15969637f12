#!/usr/bin/env bash
# `make bench`: the ledger benchmarks (tests/test_benchmark.py) on their own
# database club_bench, with loyalty_club installed without demo data. Prints a
# table of timings; takes several minutes at 100,000 members.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
DB=club_bench

python3 tools/devenv.py preflight base
python3 tools/devenv.py requirements requirements.txt test-requirements.txt
tools/cluster.sh start
python3 tools/devenv.py config test >/dev/null
if ! tools/cluster.sh has-db "$DB"; then
    echo "== installing loyalty_club in $DB (no demo data)"
    python3 -m odoo -c "$ROOT/.run/test.conf" -d "$DB" -i loyalty_club \
        --without-demo=all --stop-after-init --logfile="$ROOT/.run/bench-install.log"
else
    python3 -m odoo -c "$ROOT/.run/test.conf" -d "$DB" -u loyalty_club \
        --stop-after-init --logfile="$ROOT/.run/bench-install.log"
fi
exec python3 -m pytest -s --odoo-config="$ROOT/.run/test.conf" --odoo-database="$DB" \
    --odoo-log-level=warn -m scale tests/test_benchmark.py "$@"

#!/usr/bin/env bash
# `make bench`: the ledger benchmarks (tests/test_benchmark.py), the Point
# of Sale benchmarks (tests/test_benchmark_pos.py) and the member's portal
# page (tests/test_benchmark_portal.py) on their own database club_bench,
# with the three addons (and so point_of_sale, pos_loyalty and the shop)
# installed without demo data. Prints tables of timings; takes
# about a quarter of an hour at 100,000 members. Arguments go to pytest, e.g.
# `tools/bench.sh -k BenchmarkPos` for the Point of Sale ones only.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
DB=club_bench
ADDONS=loyalty_club,loyalty_club_pos,loyalty_club_website

python3 tools/devenv.py preflight base
python3 tools/devenv.py requirements requirements.txt test-requirements.txt
tools/cluster.sh start
python3 tools/devenv.py config bench >/dev/null
if ! tools/cluster.sh has-db "$DB"; then
    echo "== installing $ADDONS in $DB (no demo data)"
    python3 -m odoo -c "$ROOT/.run/bench.conf" -d "$DB" -i "$ADDONS" \
        --without-demo=all --stop-after-init --logfile="$ROOT/.run/bench-install.log"
else
    # -i installs loyalty_club_pos in a club_bench made before it was benchmarked
    python3 -m odoo -c "$ROOT/.run/bench.conf" -d "$DB" -i "$ADDONS" -u "$ADDONS" \
        --without-demo=all --stop-after-init --logfile="$ROOT/.run/bench-install.log"
fi
exec python3 -m pytest -s --odoo-config="$ROOT/.run/bench.conf" --odoo-database="$DB" \
    --odoo-http --odoo-log-level=warn -m scale tests/test_benchmark.py tests/test_benchmark_pos.py \
    tests/test_benchmark_portal.py "$@"

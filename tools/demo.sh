#!/usr/bin/env bash
# `make demo`, `make demo-reset`, `make stop`: a demo database club_demo with
# the three addons and their demo data, served at http://localhost:8069.
#
#   tools/demo.sh start    create club_demo if needed (update it when the
#                          addons changed since), then serve it in the
#                          background
#   tools/demo.sh reset    stop Odoo, drop club_demo, then start
#   tools/demo.sh stop     stop Odoo and the PostgreSQL cluster
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
RUN="$ROOT/.run"
DB=club_demo
ADDONS=loyalty_club,loyalty_club_pos,loyalty_club_website
PORT=${PORT:-8069}
PID_FILE="$RUN/odoo-demo.pid"
LOG_FILE="$RUN/odoo-demo.log"
DIGEST_FILE="$RUN/demo-addons.digest"

odoo_running() {
    [ -f "$PID_FILE" ] && kill -0 "$(cat "$PID_FILE")" 2>/dev/null
}

stop_odoo() {
    if odoo_running; then
        kill "$(cat "$PID_FILE")"
        for _ in $(seq 30); do
            odoo_running || break
            sleep 1
        done
        echo "demo: Odoo stopped"
    fi
    rm -f "$PID_FILE"
}

port_taken() {
    python3 - "$PORT" <<'PY'
import socket, sys
with socket.socket() as s:
    sys.exit(0 if s.connect_ex(("127.0.0.1", int(sys.argv[1]))) == 0 else 1)
PY
}

prepare_database() {
    local odoo=(python3 -m odoo -c "$RUN/demo.conf" -d "$DB" --http-port="$PORT"
        --stop-after-init --logfile="$RUN/demo-install.log")
    local digest
    digest=$(python3 tools/devenv.py addons-digest)
    if ! tools/cluster.sh has-db "$DB"; then
        echo "demo: creating $DB with the club and its demo data (a few minutes;"
        echo "      log: .run/demo-install.log)"
        rm -rf "$RUN/odoo-data/filestore/$DB"
        "${odoo[@]}" -i "$ADDONS" --load-language=en_US,fa_IR ||
            { tools/cluster.sh dropdb "$DB"; fail_with_log "$RUN/demo-install.log"; }
    elif [ "$(cat "$DIGEST_FILE" 2>/dev/null)" != "$digest" ]; then
        echo "demo: the addons changed since $DB was built: updating them"
        "${odoo[@]}" -u "$ADDONS" || fail_with_log "$RUN/demo-install.log"
    fi
    echo "$digest" >"$DIGEST_FILE"
}

fail_with_log() {
    echo "demo: Odoo failed; the end of $1:" >&2
    tail -n 30 "$1" >&2
    exit 1
}

start() {
    python3 tools/devenv.py preflight demo
    python3 tools/devenv.py requirements requirements.txt
    tools/cluster.sh start
    python3 tools/devenv.py config demo >/dev/null
    if odoo_running; then
        echo "demo: Odoo is already running"
    else
        if port_taken; then
            echo "demo: port $PORT is in use by another program." >&2
            echo "      Stop it, or choose another port: make demo PORT=8070" >&2
            exit 1
        fi
        prepare_database
        python3 -m odoo -c "$RUN/demo.conf" -d "$DB" --http-port="$PORT" \
            --logfile="$LOG_FILE" >>"$LOG_FILE" 2>&1 &
        echo $! >"$PID_FILE"
        python3 tools/devenv.py wait-http "http://localhost:$PORT/web/login" 120 ||
            fail_with_log "$LOG_FILE"
    fi
    cat <<EOT

  Customer Club demo is running at http://localhost:$PORT
  Log in as admin / admin (Club Manager). Persian is installed: switch in
  your preferences. Log: .run/odoo-demo.log. Stop with: make stop

EOT
}

case "${1:-}" in
start) start ;;
reset)
    stop_odoo
    tools/cluster.sh start
    tools/cluster.sh dropdb "$DB"
    rm -rf "$RUN/odoo-data/filestore/$DB" "$DIGEST_FILE"
    start
    ;;
stop)
    stop_odoo
    tools/cluster.sh stop
    ;;
*)
    echo "usage: $0 start|reset|stop" >&2
    exit 2
    ;;
esac

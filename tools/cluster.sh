#!/usr/bin/env bash
# The project's private PostgreSQL cluster, kept in the untracked .run/ folder.
#
#   tools/cluster.sh start    create the cluster if needed, then start it
#   tools/cluster.sh stop     stop it (no-op when it is not running)
#   tools/cluster.sh status   say whether it runs and where its socket is
#   tools/cluster.sh socket   print the socket directory (Odoo's db_host)
#   tools/cluster.sh psql ...         psql on the cluster (as role odoo)
#   tools/cluster.sh has-db NAME      exit 0 when database NAME exists
#   tools/cluster.sh dropdb NAME      drop database NAME if it exists
#
# The server listens on a Unix socket only (no TCP port), so a PostgreSQL
# already using port 5432 on this machine does not get in the way. When run as
# root the server runs as an unprivileged system user, because PostgreSQL
# refuses to run as root.
#
# The cluster is tuned for development (fsync off): do not keep production
# data in it.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
RUN_DIR="$ROOT/.run"
PG_DIR="$RUN_DIR/pg"
DATA_DIR="$PG_DIR/data"
LOG_FILE="$PG_DIR/postgres.log"
PG_PORT=5432 # only names the socket file; nothing listens on TCP
DB_ROLE=odoo

die() {
    echo "cluster: $*" >&2
    exit 1
}

find_pg_bin() {
    local dir
    if command -v pg_config >/dev/null 2>&1; then
        dir=$(pg_config --bindir 2>/dev/null || true)
        if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then
            echo "$dir"
            return
        fi
    fi
    for dir in /usr/lib/postgresql/*/bin; do
        if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then
            echo "$dir"
            return
        fi
    done
    if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
        dirname "$(command -v initdb)"
        return
    fi
    die "PostgreSQL server binaries (initdb, pg_ctl) not found.
  On Debian or Ubuntu: apt-get install postgresql-15 (or any version from 12 on)."
}

PG_BIN=$(find_pg_bin)

# A Unix socket path is limited to 107 bytes: a deep checkout gets its socket
# in /tmp instead, named after the checkout so two clones never share one.
socket_dir() {
    local dir="$PG_DIR/socket"
    if [ ${#dir} -gt 80 ]; then
        dir="/tmp/loyalty-club-pg-$(printf '%s' "$ROOT" | md5sum | cut -c1-10)"
    fi
    echo "$dir"
}
SOCKET_DIR=$(socket_dir)

# The user the server runs as: ourselves, or an unprivileged one for root.
server_user() {
    if [ "$(id -u)" != 0 ]; then
        id -un
    elif id postgres >/dev/null 2>&1; then
        echo postgres
    else
        echo nobody
    fi
}
SERVER_USER=$(server_user)

as_server_user() {
    if [ "$(id -u)" = 0 ]; then
        runuser -u "$SERVER_USER" -- "$@"
    else
        "$@"
    fi
}

# The server user must be able to walk down to .run/pg: a checkout in a
# private (0700) temporary folder is not reachable for it. Grant the search
# (x) right only, on the folders that lack it, and say so.
grant_traversal() {
    [ "$(id -u)" = 0 ] || return 0
    local dir="$PG_DIR" missing=()
    while [ "$dir" != "/" ]; do
        dir=$(dirname "$dir")
        if ! runuser -u "$SERVER_USER" -- test -x "$dir"; then
            missing+=("$dir")
        fi
    done
    [ ${#missing[@]} -gt 0 ] || return 0
    for dir in "${missing[@]}"; do
        if command -v setfacl >/dev/null 2>&1; then
            setfacl -m "u:$SERVER_USER:x" "$dir"
        else
            chmod o+x "$dir"
        fi
        echo "cluster: let user $SERVER_USER pass through $dir (search right only)"
    done
}

is_running() {
    [ -f "$DATA_DIR/postmaster.pid" ] &&
        as_server_user "$PG_BIN/pg_ctl" -D "$DATA_DIR" status >/dev/null 2>&1
}

init_cluster() {
    echo "cluster: creating a private PostgreSQL cluster in $DATA_DIR"
    mkdir -p "$PG_DIR"
    grant_traversal
    if [ "$(id -u)" = 0 ]; then
        chown "$SERVER_USER" "$PG_DIR"
    fi
    as_server_user "$PG_BIN/initdb" --pgdata="$DATA_DIR" --username="$DB_ROLE" \
        --auth=trust --encoding=UTF8 --locale=C >"$PG_DIR/initdb.log" 2>&1 ||
        die "initdb failed, see $PG_DIR/initdb.log"
    as_server_user tee -a "$DATA_DIR/postgresql.conf" >/dev/null <<EOF

# Loyalty Club development cluster (tools/cluster.sh)
listen_addresses = ''
port = $PG_PORT
unix_socket_directories = '$SOCKET_DIR'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 100
shared_buffers = 256MB
work_mem = 16MB
maintenance_work_mem = 256MB
EOF
}

start() {
    [ -d "$DATA_DIR" ] || init_cluster
    if is_running; then
        return 0
    fi
    grant_traversal
    mkdir -p "$SOCKET_DIR"
    if [ "$(id -u)" = 0 ]; then
        chown "$SERVER_USER" "$SOCKET_DIR" "$PG_DIR"
        touch "$LOG_FILE" && chown "$SERVER_USER" "$LOG_FILE"
    fi
    as_server_user "$PG_BIN/pg_ctl" -D "$DATA_DIR" -l "$LOG_FILE" -w -t 60 \
        -o "-k $SOCKET_DIR" start >/dev/null ||
        die "PostgreSQL did not start, see $LOG_FILE"
    echo "cluster: PostgreSQL running, socket in $SOCKET_DIR"
}

stop() {
    if is_running; then
        as_server_user "$PG_BIN/pg_ctl" -D "$DATA_DIR" -m fast -w stop >/dev/null
        echo "cluster: PostgreSQL stopped"
    fi
}

status() {
    if is_running; then
        echo "cluster: running (data $DATA_DIR, socket $SOCKET_DIR, role $DB_ROLE)"
    else
        echo "cluster: not running (data $DATA_DIR)"
        return 3
    fi
}

run_psql() {
    "$PG_BIN/psql" -h "$SOCKET_DIR" -U "$DB_ROLE" -d postgres "$@"
}

has_db() {
    local found
    found=$(echo "SELECT 1 FROM pg_database WHERE datname = :'name'" |
        run_psql -Atq -v name="$1")
    [ "$found" = 1 ]
}

command=${1:-}
shift || true
case "$command" in
start) start ;;
stop) stop ;;
status) status ;;
socket) echo "$SOCKET_DIR" ;;
psql) run_psql "$@" ;;
has-db) has_db "${1:?database name}" ;;
dropdb)
    if has_db "${1:?database name}"; then
        "$PG_BIN/dropdb" -h "$SOCKET_DIR" -U "$DB_ROLE" --force "$1"
    fi
    ;;
*) die "usage: $0 start|stop|status|socket|psql|has-db NAME|dropdb NAME" ;;
esac

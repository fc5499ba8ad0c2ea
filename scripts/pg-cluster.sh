#!/usr/bin/env bash
# A throwaway PostgreSQL cluster on a loopback port, with its own data directory.
# initdb refuses to run as root, so as root the cluster runs as `postgres`.
#   scripts/pg-cluster.sh available|start|stop|url
set -euo pipefail
cd "$(dirname "$0")/.."
DIR=${PG_CLUSTER_DIR:-/tmp/edusalud-pg}
PORT=${PG_CLUSTER_PORT:-55432}

# Debian's packaged server first, then whatever initdb is on the PATH.
PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$PG_BIN" ] && command -v initdb >/dev/null 2>&1; then
  PG_BIN=$(dirname "$(command -v initdb)")
fi

as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "${1:-}" in
  available)
    # Exit 0 when a cluster can be started here.
    [ -n "$PG_BIN" ] && [ -x "$PG_BIN/initdb" ] || exit 1
    if [ "$(id -u)" = 0 ]; then id postgres >/dev/null 2>&1 || exit 1; fi
    ;;
  start)
    rm -rf "$DIR"
    mkdir -p "$DIR"
    [ "$(id -u)" = 0 ] && chown postgres "$DIR"
    as_owner "$PG_BIN/initdb" -D "$DIR/data" -U edusalud --auth=trust -E UTF8 --locale=C.UTF-8 >"$DIR/initdb.log"
    as_owner "$PG_BIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w \
      -o "-p $PORT -k $DIR -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start >/dev/null
    as_owner "$PG_BIN/createdb" -h 127.0.0.1 -p "$PORT" -U edusalud edusalud
    echo "PostgreSQL on 127.0.0.1:$PORT ($DIR)"
    ;;
  stop)
    as_owner "$PG_BIN/pg_ctl" -D "$DIR/data" -m fast stop >/dev/null || true
    rm -rf "$DIR"
    ;;
  url)
    echo "postgres://edusalud@127.0.0.1:$PORT/edusalud"
    ;;
  *)
    echo "usage: $0 available|start|stop|url" >&2
    exit 2
    ;;
esac

#!/usr/bin/env bash
# Fuzz the API with schemathesis, once per role, against a throwaway database.
#
# Loads the demo at a small scale, creates one token per role, serves the
# project on a free loopback port and runs `st run` with every check: no 5xx,
# no response outside the schema, no endpoint that ignores authentication.
# MAX_EXAMPLES (default 15) bounds the cases per operation and phase.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=$PWD/.venv/bin
MAX_EXAMPLES=${MAX_EXAMPLES:-15}

WORK=$(mktemp -d)
SERVER_PID=""
cleanup() {
  if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

export VAR_DIR=$WORK DATABASE_URL=sqlite:///$WORK/fuzz.sqlite3
export DEBUG=false SECRET_KEY=api-fuzz-only ALLOWED_HOSTS=127.0.0.1
export SSL_REDIRECT=false SECURE_COOKIES=false LOG_LEVEL=WARNING
unset REDIS_URL

echo "== api fuzz: database and tokens"
$BIN/edusalud migrate --no-input -v 0
$BIN/edusalud demo --scale 0.01 --seed 7 >/dev/null
$BIN/python scripts/api_fuzz_tokens.py >"$WORK/tokens"

PORT=$($BIN/python -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
$BIN/edusalud runserver "127.0.0.1:$PORT" --noreload --skip-checks >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 50); do
  if $BIN/python -c "import urllib.request, sys; urllib.request.urlopen('http://127.0.0.1:$PORT/entrar/')" 2>/dev/null; then break; fi
  sleep 0.2
done

# The roles run side by side: each run mostly waits on the network, not the CPU.
# One worker within a run: with several threads, Hypothesis reading lambdas'
# source trips CPython 3.11's "AST constructor recursion depth mismatch".
runs=()
while read -r role token; do
  (
    code=0
    $BIN/st --config-file scripts/schemathesis.toml run "http://127.0.0.1:$PORT/api/schema/" \
      --checks all \
      --header "Authorization: Bearer $token" \
      --max-examples "$MAX_EXAMPLES" \
      --seed 1 \
      --workers 1 \
      --generation-database none \
      --request-timeout 10 \
      --no-color >"$WORK/$role.log" 2>&1 || code=$?
    echo "$code" >"$WORK/$role.status"
  ) &
  runs+=($!)
done <"$WORK/tokens"
wait "${runs[@]}"  # not a bare `wait`: the server is a child too

status=0
while read -r role _; do
  echo "== api fuzz: $role"
  cat "$WORK/$role.log"
  [ "$(cat "$WORK/$role.status")" = 0 ] || status=1
done <"$WORK/tokens"

if [ $status -ne 0 ]; then
  echo "== api fuzz failed; the last lines of the server log:"
  tail -n 40 "$WORK/server.log"
fi
exit $status

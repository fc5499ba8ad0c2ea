#!/usr/bin/env bash
# The whole test run: lint, import contracts, migrations, then the suite on
# SQLite and, where PostgreSQL's binaries exist, again on a throwaway cluster.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin

echo "== lint"
$BIN/ruff check src tests bench
$BIN/ruff format --check src tests bench
$BIN/lint-imports

echo "== security scan (bandit: no finding of medium or high severity)"
$BIN/bandit -q -r src --severity-level medium

echo "== known vulnerabilities in the dependencies (pip-audit)"
scripts/audit.sh

echo "== migrations are up to date"
DJANGO_SETTINGS_MODULE=edusalud.config.test_settings $BIN/edusalud makemigrations --check --dry-run

echo "== translations"
scripts/check-messages.sh

echo "== the API's OpenAPI 3 schema is valid"
DJANGO_SETTINGS_MODULE=edusalud.config.test_settings \
  $BIN/edusalud spectacular --validate --fail-on-warn --file /dev/null

echo "== suite on SQLite"
$BIN/pytest -n "${PYTEST_WORKERS:-auto}" "$@"

# Minutes, not seconds: API_FUZZ=0 skips it on a laptop; CI always runs it.
if [ "${API_FUZZ:-1}" != 0 ]; then
  echo "== API fuzz (schemathesis, one token per role)"
  scripts/api-fuzz.sh
fi

if ! scripts/pg-cluster.sh available; then
  echo "== PostgreSQL binaries (or the postgres user) not found: suite ran on SQLite only"
  exit 0
fi

echo "== suite on PostgreSQL (throwaway cluster)"
scripts/pg-cluster.sh start
trap 'scripts/pg-cluster.sh stop' EXIT
export DATABASE_URL
DATABASE_URL=$(scripts/pg-cluster.sh url)
$BIN/pytest -n "${PYTEST_WORKERS:-auto}" "$@"

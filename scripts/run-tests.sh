#!/usr/bin/env bash
# Set up (first time) and run the whole test suite, including the PostgreSQL store tests
# (a local server is started when this runs as root or with sudo). Extra args go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --test
export QT_QPA_PLATFORM=offscreen
if [ -z "${MIANZE_TEST_PG_URL:-}" ] && [ -f scripts/start-postgres.sh ]; then
  if url=$(bash scripts/start-postgres.sh); then
    export MIANZE_TEST_PG_URL="$url"
  else
    echo "warning: PostgreSQL could not be started; its tests will be skipped (or fail when CI=true)" >&2
  fi
fi
exec .venv/bin/python -m pytest -q "$@"

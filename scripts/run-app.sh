#!/usr/bin/env bash
# Set up (first time) and launch the desktop app on the embedded SQLite database.
# Extra arguments go to mianze-desktop, e.g. --data-dir DIR or --load-samples.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec .venv/bin/mianze-desktop "$@"

#!/usr/bin/env bash
# Build the Linux one-folder bundle dist/mianze-desktop/ (GUI `mianze-desktop` + CLI `mianze`)
# with PyInstaller from installer/mianze-desktop.spec, print its size and run its self-test
# offscreen. Exits non-zero when the build or the self-test fails.
# Needs the .venv (scripts/setup.sh), binutils (objdump/strip; installed here when root) and
# PyInstaller (the `build` extra, installed into .venv when missing).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
DIST="$ROOT/dist/mianze-desktop"
LOG="$ROOT/build/pyinstaller.log"

bash scripts/setup.sh
if ! command -v objdump >/dev/null 2>&1 || ! command -v strip >/dev/null 2>&1; then
  SUDO=""
  [ "$(id -u)" != 0 ] && SUDO="sudo"
  echo "==> apt: installing binutils (PyInstaller needs objdump and strip)"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends binutils >/dev/null
fi
if ! .venv/bin/python -c "import PyInstaller" 2>/dev/null; then
  echo "==> pip: installing the build extra (PyInstaller)"
  .venv/bin/python -m pip install -q -e ".[build]"
fi

version=$(.venv/bin/python installer/buildinfo.py version)
echo "==> PyInstaller $(.venv/bin/python -m PyInstaller --version): building mianze-desktop $version"
mkdir -p build
start=$(date +%s)
if ! .venv/bin/python -m PyInstaller --noconfirm --clean --log-level WARN --distpath "$ROOT/dist" \
    --workpath "$ROOT/build/pyinstaller" installer/mianze-desktop.spec >"$LOG" 2>&1; then
  tail -n 40 "$LOG"
  echo "build-bundle: PyInstaller failed (full log: $LOG)" >&2
  exit 1
fi
grep -E "qt_trim:|linux_libs:|icu_trim:|WARNING" "$LOG" | grep -v -e "ctypes not found" -e "Ignoring icon" || true
echo "==> built in $(( $(date +%s) - start ))s: $DIST"

bytes=$(du -sb "$DIST" | cut -f1)
mb=$(( (bytes + 524288) / 1048576 ))
echo "==> bundle size: $(du -sh "$DIST" | cut -f1) ($mb MB, $(find "$DIST" -type f | wc -l) files; target <= 120 MB)"
echo "    largest parts:"
du -sm "$DIST"/_internal/* "$DIST"/mianze* 2>/dev/null | sort -rn | head -n 8 | sed "s/^/      /"

echo "==> self-test of the bundle (QT_QPA_PLATFORM=offscreen, run outside the source tree)"
cd "$(mktemp -d)"
export QT_QPA_PLATFORM=offscreen
unset MIANZE_DATA_DIR PYTHONPATH PYTHONHOME
if ! "$DIST/mianze-desktop" --self-test; then
  echo "build-bundle: the bundle's self-test FAILED" >&2
  exit 1
fi
"$DIST/mianze" --version >/dev/null
packs=$("$DIST/mianze" policy list --json | grep -c '"id"' || true)
if [ "$packs" -lt 1 ]; then
  echo "build-bundle: the bundled CLI (mianze policy list) lists no policy pack" >&2
  exit 1
fi
echo "==> CLI OK: mianze policy list shows $packs packs"
shown=$("$DIST/mianze-desktop" --data-dir "$(pwd)/gui-data" --exit-when-shown 2>/dev/null | grep '"shown"' || true)
if [ -z "$shown" ]; then
  echo "build-bundle: the bundled GUI did not show its first window" >&2
  exit 1
fi
echo "==> GUI OK: first window shown ($shown)"
echo "==> bundle OK: mianze-desktop $version, $mb MB, self-test passed"

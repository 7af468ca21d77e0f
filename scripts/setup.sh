#!/usr/bin/env bash
# Set up everything the app and its tests need on a fresh Debian/Ubuntu machine:
# system libraries (apt, when run as root or with sudo) and a virtualenv in .venv.
# Idempotent: a second run only checks. Usage: bash scripts/setup.sh [--test]
set -euo pipefail
cd "$(dirname "$0")/.."
WANT_TEST=0
[ "${1:-}" = "--test" ] && WANT_TEST=1

APT_RUNTIME="libgl1 libegl1 libxkbcommon0 libglib2.0-0 libfontconfig1 libdbus-1-3 fontconfig \
  libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-render-util0 libxcb-shape0 \
  libxcb-xkb1 libxkbcommon-x11-0 libxcb-randr0 libxcb-xinerama0 libnss3 libasound2"
APT_TEST="xvfb xauth poppler-utils postgresql libreoffice-calc-nogui binutils fonts-wqy-microhei"

if command -v apt-get >/dev/null 2>&1; then
  pkgs="$APT_RUNTIME"
  [ $WANT_TEST = 1 ] && pkgs="$pkgs $APT_TEST"
  missing=$(dpkg-query -W -f='${Package} ${Status}\n' $pkgs 2>/dev/null | awk '$NF!="installed"{print $1}' || true)
  for p in $pkgs; do dpkg-query -W "$p" >/dev/null 2>&1 || missing="$missing $p"; done
  missing=$(echo $missing | tr ' ' '\n' | sort -u | tr '\n' ' ')
  if [ -n "${missing// /}" ]; then
    SUDO=""
    [ "$(id -u)" != 0 ] && SUDO="sudo"
    echo "==> apt: installing $missing"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
  fi
fi

PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  echo "==> creating .venv"
  $PY -m venv .venv
fi
extras=""
[ $WANT_TEST = 1 ] && extras="[test]"
stamp=".venv/.installed$( [ $WANT_TEST = 1 ] && echo -test || true )"
sig=$(cat pyproject.toml setup.py | sha256sum | cut -c1-16)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$sig" ]; then
  echo "==> pip: installing mianze-desktop$extras"
  .venv/bin/python -m pip install -q --upgrade pip >/dev/null 2>&1 || true
  .venv/bin/python -m pip install -q -e ".$extras"
  echo "$sig" > "$stamp"
fi

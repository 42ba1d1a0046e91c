#!/usr/bin/env bash
# Set up everything the playground needs on a fresh Debian/Ubuntu machine, then exit.
#   scripts/setup.sh          the app
#   scripts/setup.sh --test   the app and the test tools
# Safe to run again: it skips what is already done.
set -euo pipefail
cd "$(dirname "$0")/.."

want_test=0; [ "${1:-}" = "--test" ] && want_test=1
PY=${PYTHON:-python3}

# 1. The system libraries Qt needs (offscreen and a real window), and a font so text is not boxes.
QT_LIBS="libegl1 libgl1 libopengl0 libfontconfig1 libxkbcommon0 libxkbcommon-x11-0 libdbus-1-3 fonts-dejavu-core \
libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-render-util0 libxcb-image0 libxcb-randr0 \
libxcb-xinerama0 libxcb-xkb1 libglib2.0-0 fonts-wqy-microhei"
if command -v dpkg >/dev/null 2>&1; then
  missing=$(for p in $QT_LIBS; do dpkg -s "$p" >/dev/null 2>&1 || echo "$p"; done | xargs)
  if [ -n "$missing" ]; then
    if [ "$(id -u)" = 0 ]; then
      echo "installing Qt's system libraries: $missing"
      (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing) >/dev/null
    else
      echo "Qt needs these system libraries; run:  sudo apt-get install -y $missing" >&2
    fi
  fi
fi

# 2. A virtual environment (Python >= 3.11). If the system Python already has torch (a CUDA
#    user's, say), the venv sees it instead of installing the CPU build over it.
if [ ! -x .venv/bin/python ]; then
  "$PY" -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { echo "Python >= 3.11 is needed" >&2; exit 1; }
  if "$PY" -c 'import torch' >/dev/null 2>&1; then
    "$PY" -m venv --system-site-packages .venv
  else
    "$PY" -m venv .venv || { echo "python3 -m venv failed: sudo apt-get install python3-venv" >&2; exit 1; }
  fi
fi
VPY=.venv/bin/python

# 3. torch: the CPU wheel unless a torch is already there (a plain 'torch' pulls a multi-GB CUDA build).
if ! "$VPY" -c 'import torch' >/dev/null 2>&1; then
  echo "installing torch==2.13.0"
  "$VPY" -m pip install -q --upgrade pip >/dev/null
  "$VPY" -m pip install -q "torch==2.13.0"
fi

# 4. The project (editable), and the test tools when asked. A stamp skips this when nothing changed.
stamp=".venv/.playground-installed-$want_test"
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  extra=""; [ "$want_test" = 1 ] && extra="[test]"
  echo "installing the playground$extra"
  "$VPY" -m pip install -q -e ".$extra"
  touch "$stamp"
fi

#!/usr/bin/env bash
# The e2e tests drive Debian's Chromium (browser downloads are not possible here).
# Installs it with apt-get when it is missing and we are allowed to.
set -euo pipefail
BIN=/usr/lib/chromium/chromium
if [ -x "$BIN" ]; then exit 0; fi
echo "Chromium not found at $BIN: installing Debian's chromium package..." >&2
if [ "$(id -u)" = 0 ]; then SUDO=""; elif command -v sudo >/dev/null; then SUDO="sudo"; else
  echo "Cannot install chromium: run 'apt-get install -y chromium' as root, then retry." >&2; exit 1
fi
$SUDO apt-get update -qq >/dev/null
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium fonts-dejavu-core >/dev/null
[ -x "$BIN" ] || { echo "chromium installed but $BIN is missing" >&2; exit 1; }

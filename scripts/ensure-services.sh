#!/usr/bin/env bash
# The sink tests run against real servers that the tests start themselves: librdkafka's mock
# Kafka cluster (inside Debian's kcat) and PostgreSQL (initdb + pg_ctl from Debian's
# postgresql package). Installs both with apt-get when missing and we are allowed to.
set -euo pipefail
missing=()
command -v kcat >/dev/null || missing+=(kcat)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
if [ ${#missing[@]} -eq 0 ]; then exit 0; fi
echo "Installing Debian's ${missing[*]} for the sink tests..." >&2
if [ "$(id -u)" = 0 ]; then SUDO=""; elif command -v sudo >/dev/null; then SUDO="sudo"; else
  echo "Cannot install ${missing[*]}: run 'apt-get install -y ${missing[*]}' as root, then retry." >&2; exit 1
fi
$SUDO apt-get update -qq >/dev/null
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
command -v kcat >/dev/null || { echo "kcat installed but not on PATH" >&2; exit 1; }
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || { echo "postgresql installed but initdb is missing" >&2; exit 1; }

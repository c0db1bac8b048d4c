#!/usr/bin/env bash
# Host prerequisites for the one-server hub and its tests (idempotent, quick when done):
#   - configurable-http-proxy from npm into /opt/aiwork-node (linked into /usr/local/bin)
#   - Debian's chromium for the browser tests (skip with AIWORK_NO_BROWSER=1)
#   - the course environment's interpreter runnable by the per-user accounts the hub creates:
#     opens traverse (x) permission on the directories above it, e.g. a pyenv under /root.
# Usage: deploy/install-host-deps.sh [PYTHON]   (run as root)
set -euo pipefail
PY="${1:-python3}"

if ! command -v configurable-http-proxy >/dev/null 2>&1; then
  if [ ! -x /opt/aiwork-node/node_modules/.bin/configurable-http-proxy ]; then
    npm install --silent --no-audit --no-fund --prefix /opt/aiwork-node configurable-http-proxy
  fi
  ln -sf /opt/aiwork-node/node_modules/.bin/configurable-http-proxy /usr/local/bin/configurable-http-proxy
fi

if [ "${AIWORK_NO_BROWSER:-0}" != "1" ] && [ ! -x /usr/bin/chromium ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null
fi

# Every directory above the real interpreter and its stdlib, and above this checkout's .venv
# (the tests run the hub from it), must be traversable by others.
repo="$(cd "$(dirname "$0")/.." && pwd)"
real="$("$PY" -c 'import os, sys; print(os.path.realpath(sys.executable)); print(sys.base_prefix)')
$repo/.venv/bin"
while IFS= read -r path; do
  d="$(dirname "$path")"
  while [ "$d" != "/" ]; do
    if ! setpriv --reuid=65534 --regid=65534 --clear-groups test -x "$d"; then
      chmod o+x "$d"
    fi
    d="$(dirname "$d")"
  done
done <<< "$real"

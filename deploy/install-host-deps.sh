#!/usr/bin/env bash
# Host prerequisites for the one-server hub and its tests (idempotent, quick when done):
#   - configurable-http-proxy from npm into /opt/aiwork-node (linked into /usr/local/bin)
#   - fonts for what notebooks show: Noto Color Emoji (✅/❌), DejaVu (Vietnamese)
#   - Debian's chromium for the browser tests (skip with AIWORK_NO_BROWSER=1)
#   - the course environment's interpreter runnable by the per-user accounts the hub creates:
#     traverse (o+x, never read) on the directories leading to the interpreter, its standard
#     library and the environment, e.g. a pyenv under /root. Nothing else is ever changed; an
#     environment inside a course checkout is refused (learners could then reach the sources).
# Usage: deploy/install-host-deps.sh PYTHON   (run as root; PYTHON: the course environment's)
set -euo pipefail
PY="${1:-python3}"

if ! command -v configurable-http-proxy >/dev/null 2>&1; then
  if [ ! -x /opt/aiwork-node/node_modules/.bin/configurable-http-proxy ]; then
    npm install --silent --no-audit --no-fund --prefix /opt/aiwork-node configurable-http-proxy
  fi
  ln -sf /opt/aiwork-node/node_modules/.bin/configurable-http-proxy /usr/local/bin/configurable-http-proxy
fi

packages=()
for font in fonts-noto-color-emoji fonts-dejavu-core; do
  dpkg -s "$font" >/dev/null 2>&1 || packages+=("$font")
done
if [ "${AIWORK_NO_BROWSER:-0}" != "1" ] && [ ! -x /usr/bin/chromium ]; then
  packages+=(chromium)
fi
if [ "${#packages[@]}" -gt 0 ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
fi

# The interpreter's own directories: the real executable's, the standard library's (base
# prefix) and the environment's (prefix).
paths="$("$PY" -c 'import os, sys; print(os.path.realpath(sys.executable)); print(sys.base_prefix); print(sys.prefix + "/bin")')"
while IFS= read -r path; do
  d="$path"
  [ -d "$d" ] || d="$(dirname "$d")"
  while [ "$d" != "/" ]; do
    if [ -d "$d/assignments/source" ]; then
      echo "install-host-deps: $PY lies inside a course checkout ($d): install the course environment elsewhere (deploy/README.md)" >&2
      exit 1
    fi
    d="$(dirname "$d")"
  done
done <<< "$paths"
while IFS= read -r path; do
  d="$path"
  [ -d "$d" ] || d="$(dirname "$d")"
  while [ "$d" != "/" ]; do
    if ! setpriv --reuid=65534 --regid=65534 --clear-groups test -x "$d"; then
      chmod o+x "$d"
    fi
    d="$(dirname "$d")"
  done
done <<< "$paths"

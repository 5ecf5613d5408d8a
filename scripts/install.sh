#!/usr/bin/env bash
# Installs what Desist needs into .venv (pinned by requirements.lock), builds the front-end
# assets from the pinned npm packages, and with --test also the test tools and Debian's chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
want_test=${1:-}

python3 -m venv .venv
.venv/bin/pip install -q --upgrade pip
extras=""
[ "$want_test" = "--test" ] && extras="[test]"
.venv/bin/pip install -q -c requirements.lock -e ".${extras}"

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
npm run --silent build

if [ "$want_test" = "--test" ] && ! command -v redis-server >/dev/null; then
  echo "Installing Debian's redis-server for the production smoke test"
  DEBIAN_FRONTEND=noninteractive apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null
fi

if [ "$want_test" = "--test" ] && [ ! -x /usr/bin/chromium ]; then
  echo "Installing Debian's chromium for the browser tests"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium fonts-dejavu-core >/dev/null
fi

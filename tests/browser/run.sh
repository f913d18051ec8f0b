#!/usr/bin/env bash
# Browser test of the dashboard in headless Chromium. Installs what it needs, builds brink
# (release) unless BRINK_BIN is set, runs browser.mjs. Exit 0 on success; the last line is
# "browser: N passed, M failed".
set -euo pipefail
cd "$(dirname "$0")"

if [ ! -x "${CHROMIUM:-/usr/bin/chromium}" ]; then
  echo "browser: installing chromium"
  SUDO=""
  if [ "$(id -u)" != 0 ] && command -v sudo >/dev/null; then SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi

if [ ! -d node_modules/playwright-core ]; then
  # Only the library: never `npx playwright install` (it downloads browsers).
  npm ci --no-audit --no-fund --ignore-scripts
fi

if [ -z "${BRINK_BIN:-}" ]; then
  (cd ../.. && cargo build --release --quiet -p brink)
  export BRINK_BIN="$(cd ../.. && pwd)/target/release/brink"
fi

exec node browser.mjs

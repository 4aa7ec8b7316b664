#!/usr/bin/env bash
# The README's first command: on a fresh machine with Node 20, install pnpm, the dependencies and
# Debian's Chromium (for the browser test), build, then run the rule packs over the bundled
# Okta sample.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v pnpm >/dev/null 2>&1 || [ "$(pnpm --version 2>/dev/null)" != "12.4.2" ]; then
  npm install -g pnpm@12.4.2
fi
pnpm install --frozen-lockfile
if ! command -v chromium >/dev/null 2>&1; then
  sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo apt-get update && $sudo apt-get install -y --no-install-recommends chromium
fi
pnpm build
node packages/cli/dist/bin.js run --rules rules/ examples/okta/events.ndjson

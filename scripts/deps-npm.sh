#!/bin/bash
# deps-npm.sh - the browser tests' npm packages (playwright-core), pinned by
# tests/browser/package-lock.json.
#
# Idempotent: does nothing when tests/browser/node_modules was installed
# from the current lock file (a stamp holds the lock file's SHA-256);
# otherwise runs `npm ci`, which replaces node_modules exactly. No browser is
# downloaded: the tests drive Debian's /usr/bin/chromium.
set -euo pipefail
cd "$(dirname "$0")/../tests/browser"

lock=package-lock.json
stamp=node_modules/.loop-lock.sha256
[ -f "$lock" ] || { echo "deps-npm: tests/browser/$lock is missing" >&2; exit 1; }
want=$(sha256sum "$lock" | cut -d' ' -f1)

if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] &&
    [ -f node_modules/playwright-core/package.json ]; then
	exit 0
fi
command -v npm >/dev/null 2>&1 || {
	echo "deps-npm: npm not found (scripts/deps.sh installs it)" >&2
	exit 1
}
echo "deps-npm: npm ci in tests/browser"
PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund \
    --prefer-offline --loglevel=error
echo "$want" >"$stamp"

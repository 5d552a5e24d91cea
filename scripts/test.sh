#!/usr/bin/env bash
# The whole test suite: type check, unit tests, production build, end-to-end tests in Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1 CI="${CI:-true}"

echo "== type check"
node_modules/.bin/tsc --noEmit

echo "== unit tests"
# The store tests start a throwaway PostgreSQL cluster (tests/pg-global-setup.ts): install its binaries if missing.
node scripts/ensure-postgres.mjs
node_modules/.bin/vitest run

echo "== build"
node_modules/.bin/next build

echo "== end-to-end tests"
node scripts/ensure-chromium.mjs
node_modules/.bin/playwright test

echo "== page weight"
node bench/page-weight.mjs

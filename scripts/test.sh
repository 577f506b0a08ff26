#!/usr/bin/env bash
# `npm test`: installs what the suites need if it is missing (Debian chromium, postgresql, poppler-utils whose
# pdftotext reads the document packs back, and fonts-liberation: Chromium installed without its recommended packages
# has no font with Arial's widths, and the tests that measure pages and printed packs set in Arial), builds the
# stylesheets, then runs every suite with node's test runner, the database suites also against a throwaway
# PostgreSQL cluster (scripts/with-postgres.sh).
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
[ -n "$pg_bin" ] && [ -x "$pg_bin/initdb" ] || need+=(postgresql)
command -v pdftotext >/dev/null || need+=(poppler-utils)
[ -e /usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf ] || need+=(fonts-liberation)
if [ ${#need[@]} -gt 0 ]; then
  echo "Installing ${need[*]} for the test suites…"
  if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

[ -d node_modules ] || npm install
node --import tsx src/web/assets/build.ts

export SCRUTINEER_TEST_POSTGRES=required
# This run's own folder for what test processes share (the demo council's database, test/app.ts); removed at the end.
SCRUTINEER_TEST_RUN_CACHE=$(mktemp -d /tmp/scrutineer-test-run.XXXXXX)
export SCRUTINEER_TEST_RUN_CACHE
trap 'rm -rf "$SCRUTINEER_TEST_RUN_CACHE"' EXIT

# Each kind of test file runs in one process, or two side by side (run/, and run/README.md says why and in which
# order). Node's test runner starts files in the order of their paths, so the names put the long processes first.
# Three at a time on two cores: a process waiting on PostgreSQL, Chromium or a command it started leaves its core to
# another.
files="$(ls run/*.ts)"
# The domain runs in two time zones to prove no date depends on the machine's zone: UTC here, and London's in
# run/unit-tests-in-london.ts.
TZ=UTC scripts/with-postgres.sh node --import tsx --test --test-concurrency=3 $files

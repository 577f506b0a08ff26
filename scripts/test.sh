#!/usr/bin/env bash
# `npm test`: installs what the suites need if it is missing (Debian chromium, postgresql, and poppler-utils whose
# pdftotext reads the document packs back), builds the
# stylesheets, then runs every suite with node's test runner, the database suites also against a throwaway
# PostgreSQL cluster (scripts/with-postgres.sh).
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
[ -n "$pg_bin" ] && [ -x "$pg_bin/initdb" ] || need+=(postgresql)
command -v pdftotext >/dev/null || need+=(poppler-utils)
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

# The unit, HTTP, database (but the commands', in two halves) and browser files each run in one process
# (test/*-tests.ts; test/one-process.ts says why); the command suites (src/cli) and every page in Chromium, the
# longest file, keep a process each. The longest start first (the browser suites, every page, the database halves,
# the HTTP files), then the commands', largest file first, so that the short ones fill in at the end and no
# long one is left running alone while the other processes' cores wait. Three at a time on two cores: a process
# waiting on PostgreSQL or Chromium leaves its core to another.
files=$(
  echo test/browser-tests.ts
  find src -name 'pages.browser.test.ts'
  echo test/db-tests-first.ts test/db-tests-second.ts
  echo test/http-tests.ts
  ls -S $(find src/cli -name '*.db.test.ts')
)
# The domain runs in two time zones to prove no date depends on the machine's zone.
TZ=Europe/London node --import tsx --test-reporter=dot test/unit-tests.ts $(find src/domain -name "*.test.ts" | sort)
TZ=UTC scripts/with-postgres.sh node --import tsx --test --test-concurrency=3 $files test/unit-tests.ts

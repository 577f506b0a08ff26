#!/usr/bin/env bash
# `npm run test:unit|test:db|test:http|test:browser`: one kind of suite, chosen by the test file's name (unit
# `*.test.ts`, `*.db.test.ts`, `*.http.test.ts`, `*.browser.test.ts`), each kind mostly in one process
# (run/*.ts). Node 20's test runner does not expand globs, so the files are listed here. Anything after the kind goes to the test runner, for example
#   npm run test:unit -- --test-name-pattern=period
# The database suites also run against a throwaway PostgreSQL cluster when its binaries are installed (as npm test
# does); otherwise on the embedded PGlite only. `npm test` runs them all, installing what they need.
set -euo pipefail
cd "$(dirname "$0")/.."
kind=${1:-}
shift || true
case "$kind" in
  unit)
    # In one process (run/unit-tests.ts finds them).
    files=run/unit-tests.ts
    ;;
  http)
    # In two processes side by side (run/http-tests-first.ts, -second.ts).
    files="run/http-tests-first.ts run/http-tests-second.ts"
    ;;
  db)
    # The commands' suites and the others, each in two halves (run/cli-tests-*.ts, run/db-tests-*.ts).
    files="run/cli-tests-first.ts run/cli-tests-second.ts run/db-tests-first.ts run/db-tests-second.ts"
    ;;
  browser)
    # Every page in Chromium in a process of its own, the others in one (run/README.md).
    files="run/browser-every-page.ts run/browser-tests.ts"
    ;;
  *)
    echo "Usage: scripts/test-suite.sh unit|db|http|browser [test runner options]" >&2
    exit 2
    ;;
esac
run=(node --import tsx --test "$@" $files)
# This run's own folder for what test processes share (the demo council's database, test/app.ts); removed at the end.
SCRUTINEER_TEST_RUN_CACHE=$(mktemp -d /tmp/scrutineer-test-run.XXXXXX)
export SCRUTINEER_TEST_RUN_CACHE
trap 'rm -rf "$SCRUTINEER_TEST_RUN_CACHE"' EXIT
case "$kind" in
  unit) "${run[@]}" ;;
  http) node --import tsx src/web/assets/build.ts && "${run[@]}" ;;
  browser)
    if [ ! -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]; then
      echo "The browser suites need Debian's Chromium: sudo apt-get install chromium (or npm test, which installs it)." >&2
      exit 1
    fi
    node --import tsx src/web/assets/build.ts && "${run[@]}"
    ;;
  db)
    if ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
      export SCRUTINEER_TEST_POSTGRES=required
      scripts/with-postgres.sh "${run[@]}"
      exit
    fi
    echo "PostgreSQL is not installed: running the database suites on the embedded PGlite only." >&2
    "${run[@]}"
    ;;
esac

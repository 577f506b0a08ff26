#!/usr/bin/env bash
# `npm run bench`: DuckDB is the floor the Annex A benchmark is measured against. It is an optional dependency
# (package.json records every platform's binding, so npm skips it where it has none); if npm could not install it,
# it is tried once more here, without saving, and the floor is skipped when it still cannot be.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! node --input-type=module -e "await import('@duckdb/node-api')" 2>/dev/null; then
  echo "Installing @duckdb/node-api (benchmark floor only, not saved)…" >&2
  npm install --no-save --no-audit --no-fund @duckdb/node-api@1.5.6-r.1 >/dev/null || echo "DuckDB could not be installed: the floor is skipped." >&2
fi
node --import tsx bench/run.ts "$@"

#!/usr/bin/env bash
# Runs a command with a throwaway PostgreSQL cluster: private socket directory, random port, no TCP listener,
# removed when the command ends. The command sees TEST_DATABASE_URL.
#   scripts/with-postgres.sh node --import tsx --test src/store/store.db.test.ts
set -euo pipefail
pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$pg_bin" ] || [ ! -x "$pg_bin/initdb" ]; then
  echo "PostgreSQL server binaries are not installed (apt-get install postgresql)." >&2
  exit 1
fi
pg_root=$(mktemp -d /tmp/scrutineer-pg.XXXXXX)
pg_port=$((20000 + RANDOM % 20000))
as_pg=()
if [ "$(id -u)" -eq 0 ]; then
  # initdb refuses to run as root: run the cluster as the postgres system user.
  id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
  chown postgres "$pg_root"
  as_pg=(runuser -u postgres --)
fi
cleanup() {
  "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$pg_root/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$pg_root"
}
trap cleanup EXIT
"${as_pg[@]}" "$pg_bin/initdb" -D "$pg_root/data" -U scrutineer --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
"${as_pg[@]}" "$pg_bin/pg_ctl" -D "$pg_root/data" -l "$pg_root/log" -w \
  -o "-p $pg_port -k $pg_root -c listen_addresses='' -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
  start >/dev/null
export TEST_DATABASE_URL="postgres://scrutineer@localhost/postgres?host=$pg_root&port=$pg_port"
"$@"

/**
 * Every store test runs twice: on the embedded PGlite and on a real PostgreSQL server (HOUSE-STYLE.md).
 * `npm test` starts a throwaway cluster and sets TEST_DATABASE_URL; each call here gets a fresh, empty database.
 * Without TEST_DATABASE_URL the PostgreSQL run is skipped, unless SCRUTINEER_TEST_POSTGRES=required.
 */
import { randomBytes } from 'node:crypto'
import { sql } from 'kysely'
import pg from 'pg'
import { openStore, type Store } from '../src/store/connect.ts'

export interface StoreTarget {
  name: 'PGlite' | 'PostgreSQL'
  /** Null when this target cannot run here (no server); the reason is in `skip`. */
  open: (() => Promise<Store>) | null
  skip: string | false
}

async function freshPostgres(adminUrl: string): Promise<Store> {
  const name = `scrutineer_test_${randomBytes(6).toString('hex')}`
  const admin = new pg.Client({ connectionString: adminUrl })
  await admin.connect()
  try {
    await admin.query(`create database ${name}`)
  } finally {
    await admin.end()
  }
  const url = new URL(adminUrl)
  url.pathname = `/${name}`
  const store = await openStore({ kind: 'postgres', url: url.toString() })
  const close = store.close
  return {
    ...store,
    close: async () => {
      await close()
      const cleanup = new pg.Client({ connectionString: adminUrl })
      await cleanup.connect()
      await cleanup.query(`drop database if exists ${name}`)
      await cleanup.end()
    },
  }
}

export function storeTargets(): StoreTarget[] {
  const url = process.env.TEST_DATABASE_URL
  if (url === undefined && process.env.SCRUTINEER_TEST_POSTGRES === 'required') {
    throw new Error('SCRUTINEER_TEST_POSTGRES=required but TEST_DATABASE_URL is not set.')
  }
  return [
    { name: 'PGlite', open: () => openStore({ kind: 'pglite', dataDir: null }), skip: false },
    url === undefined
      ? { name: 'PostgreSQL', open: null, skip: 'TEST_DATABASE_URL is not set (npm test sets it)' }
      : { name: 'PostgreSQL', open: () => freshPostgres(url), skip: false },
  ]
}

/**
 * Every row of `tables`, as text: taken before and after something that must change nothing (a refused import, a
 * check), the two are equal.
 */
export async function tablesSnapshot(store: Store, tables: readonly string[]): Promise<string> {
  const parts: string[] = []
  for (const table of tables) {
    const rows = await sql<Record<string, unknown>>`select * from ${sql.table(table)} order by 1, 2`.execute(store.db)
    parts.push(`${table}:${JSON.stringify(rows.rows)}`)
  }
  return parts.join('\n')
}

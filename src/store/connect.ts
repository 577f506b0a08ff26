/**
 * Opens the database Scrutineer runs on: the embedded PGlite (a folder on disk, or in memory for tests) or a
 * PostgreSQL server. Both get the same type parsers and the UTC time zone, so repositories cannot tell them apart.
 */
import { mkdirSync } from 'node:fs'
import { PGlite } from '@electric-sql/pglite'
import { Kysely, Migrator, PostgresDialect, sql } from 'kysely'
import pg from 'pg'
import { migrationProvider } from './migrations/index.ts'
import { PGliteDialect } from './pglite-dialect.ts'
import type { Database } from './schema.ts'
import { typeParsers } from './type-parsers.ts'

export type DatabaseTarget = { kind: 'pglite'; dataDir: string | null } | { kind: 'postgres'; url: string }

export interface Store {
  db: Kysely<Database>
  kind: DatabaseTarget['kind']
  /** Where the data lives, for people: a folder, "memory", or the server URL without its password. */
  location: string
  close: () => Promise<void>
}

export class DatabaseError extends Error {
  override name = 'DatabaseError'
}

function redactUrl(url: string): string {
  try {
    const parsed = new URL(url)
    if (parsed.password) parsed.password = '****'
    return parsed.toString()
  } catch {
    return 'postgres'
  }
}

async function openPglite(dataDir: string | null): Promise<Store> {
  if (dataDir !== null) mkdirSync(dataDir, { recursive: true })
  let pglite: PGlite
  try {
    pglite = await PGlite.create({
      ...(dataDir === null ? {} : { dataDir }),
      parsers: typeParsers,
    })
  } catch (error) {
    throw new DatabaseError(
      `Could not open the embedded database in ${dataDir ?? 'memory'}: ${(error as Error).message}. ` +
        'If another Scrutineer is running on the same folder, stop it first.',
    )
  }
  await pglite.exec("set time zone 'UTC'")
  const db = new Kysely<Database>({ dialect: new PGliteDialect(pglite) })
  return { db, kind: 'pglite', location: dataDir ?? 'memory', close: () => db.destroy() }
}

function openPostgres(url: string): Store {
  const pool = new pg.Pool({
    connectionString: url,
    options: '-c TimeZone=UTC',
    max: 10,
    types: {
      getTypeParser: (oid, format) =>
        typeParsers[oid] ?? (pg.types.getTypeParser(oid, format) as (text: string) => unknown),
    },
  })
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) })
  return { db, kind: 'postgres', location: redactUrl(url), close: () => db.destroy() }
}

/** Opens the database and brings its schema up to date. */
export async function openStore(target: DatabaseTarget): Promise<Store> {
  const store = target.kind === 'pglite' ? await openPglite(target.dataDir) : openPostgres(target.url)
  try {
    await migrateToLatest(store.db)
  } catch (error) {
    await store.close()
    if (error instanceof DatabaseError) throw error
    throw new DatabaseError(`Could not prepare the database at ${store.location}: ${(error as Error).message}`)
  }
  return store
}

export async function migrateToLatest(db: Kysely<Database>): Promise<string[]> {
  const migrator = new Migrator({ db, provider: migrationProvider })
  const { error, results } = await migrator.migrateToLatest()
  if (error) throw error instanceof Error ? error : new DatabaseError(JSON.stringify(error))
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName)
}

/** A cheap round trip, for /health. */
export async function checkStore(store: Store): Promise<{ ok: boolean; detail: string }> {
  try {
    const result = await sql<{ version: string }>`select version() as version`.execute(store.db)
    return { ok: true, detail: result.rows[0]?.version ?? '' }
  } catch (error) {
    return { ok: false, detail: (error as Error).message }
  }
}

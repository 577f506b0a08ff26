/**
 * Opens the database Scrutineer runs on: the embedded PGlite (a folder on disk, or in memory for tests) or a
 * PostgreSQL server. Both get the same type parsers and the UTC time zone, so repositories cannot tell them apart.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
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

/** The file in an embedded database's folder that names the process using it. */
export const LOCK_FILE = 'scrutineer.pid'

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/**
 * Claims an embedded database's folder for this process. PGlite is one process's database: a second process
 * (say `scrutineer users add` while `npm start` runs) would not be seen by the first, and either could overwrite
 * the other's writes when it closes. A lock left by a process that has ended is taken over.
 */
function claimFolder(dataDir: string): () => void {
  const lock = join(dataDir, LOCK_FILE)
  try {
    writeFileSync(lock, String(process.pid), { flag: 'wx' })
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    const holder = Number(readFileSync(lock, 'utf8').trim())
    if (Number.isInteger(holder) && holder > 0 && isRunning(holder)) {
      throw new DatabaseError(
        `The embedded database in ${dataDir} is in use by another Scrutineer (process ${holder}). ` +
          'Stop it first (Ctrl+C where it runs), then try again; to use one database from several processes at ' +
          `once, run Scrutineer on PostgreSQL. If no Scrutineer is running, delete ${lock}.`,
      )
    }
    writeFileSync(lock, String(process.pid))
  }
  return () => rmSync(lock, { force: true })
}

async function openPglite(dataDir: string | null): Promise<Store> {
  if (dataDir !== null) mkdirSync(dataDir, { recursive: true })
  const release = dataDir === null ? () => undefined : claimFolder(dataDir)
  let pglite: PGlite
  try {
    pglite = await PGlite.create({
      ...(dataDir === null ? {} : { dataDir }),
      parsers: typeParsers,
    })
  } catch (error) {
    release()
    throw new DatabaseError(
      `Could not open the embedded database in ${dataDir ?? 'memory'}: ${(error as Error).message}. ` +
        'If another Scrutineer is running on the same folder, stop it first.',
    )
  }
  await pglite.exec("set time zone 'UTC'")
  const db = new Kysely<Database>({ dialect: new PGliteDialect(pglite) })
  const close = async () => {
    try {
      await db.destroy()
    } finally {
      release()
    }
  }
  return { db, kind: 'pglite', location: dataDir ?? 'memory', close }
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

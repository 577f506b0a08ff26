/**
 * Opens the database Scrutineer runs on: the embedded PGlite (a folder on disk, or in memory for tests) or a
 * PostgreSQL server. Both get the same type parsers and the UTC time zone, so repositories cannot tell them apart.
 * A command on a folder that a running `scrutineer serve` holds uses that server's database through its socket.
 */
import { linkSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { Kysely, Migrator, PostgresDialect, sql } from 'kysely'
import pg from 'pg'
import { isProcessRunning } from '../processes.ts'
import { databaseFault } from './database-faults.ts'
import { serveDatabase, SOCKET_PORT, type DatabaseServer, type DatabaseServerOptions } from './database-server.ts'
import { migrationProvider } from './migrations/index.ts'
import { openEmbeddedDatabase, type EmbeddedDatabase } from './embedded-database.ts'
import { currentRole, grantApplicationRole } from './privileges.ts'
import { Mutex, PGliteDialect } from './pglite-dialect.ts'
import type { Database } from './schema.ts'
import { typeParsers } from './type-parsers.ts'

/**
 * PostgreSQL's `ownerUrl` is the schema owner's connection, for migrations (DATABASE_OWNER_URL); without it the
 * application's own role (`url`) must own the schema to migrate it (see src/store/privileges.ts). PGlite's
 * `loadDataDir` (a `dumpDataDir` tar) makes a new database a copy of that one rather than an empty one: the tests'
 * already-migrated database (test/databases.ts).
 */
export type DatabaseTarget =
  | { kind: 'pglite'; dataDir: string | null; loadDataDir?: Uint8Array }
  | { kind: 'postgres'; url: string; ownerUrl?: string }

export interface Store {
  db: Kysely<Database>
  kind: DatabaseTarget['kind']
  /** Where the data lives, for people: a folder, "memory", or the server URL without its password. */
  location: string
  close: () => Promise<void>
  /**
   * Only on an embedded database folder this process opened itself: serve it to local commands on a Unix socket
   * until `close()` (see database-server.ts). Returns the socket's path; the folder's lock names it.
   */
  serveLocalCommands?: (options?: DatabaseServerOptions) => Promise<string>
  /**
   * Only on an embedded database this process opened itself: the whole data folder as a gzipped tar (PGlite's
   * dumpDataDir), taken in the database's turn so no query runs meanwhile. See backup.ts.
   */
  dumpDataDir?: () => Promise<Uint8Array>
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

/** The file in an embedded database's folder that names the process using it (and its socket, when it serves). */
export const LOCK_FILE = 'scrutineer.pid'

interface Lock {
  pid: number
  /** The socket a running `scrutineer serve` shares the database on; null for a process that does not share it. */
  socketPath: string | null
}

/** The lock's first line is the process id, the second (if any) its socket. Null when it names no process. */
function readLock(path: string): Lock | null {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw error
  }
  const [pidLine = '', socketLine = ''] = text.split('\n')
  const pid = Number(pidLine.trim())
  if (!Number.isInteger(pid) || pid <= 0) return null
  return { pid, socketPath: socketLine.trim() === '' ? null : socketLine.trim() }
}

function lockText(lock: Lock): string {
  return `${lock.pid}\n${lock.socketPath ?? ''}\n`
}

/** Replaces the lock in one step, so a process reading it never sees it half written. */
function replaceLock(path: string, lock: Lock): void {
  const draft = `${path}.${process.pid}`
  writeFileSync(draft, lockText(lock))
  renameSync(draft, path)
}

/** Creates the lock, with its content, only if there is none. False when another process holds one. */
function createLock(path: string, lock: Lock): boolean {
  const draft = `${path}.${process.pid}`
  writeFileSync(draft, lockText(lock))
  try {
    linkSync(draft, path)
    return true
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    return false
  } finally {
    rmSync(draft, { force: true })
  }
}

export type Claim =
  { kind: 'claimed'; lockPath: string; release: () => void } | { kind: 'served'; pid: number; socketPath: string }

/**
 * Claims an embedded database's folder for this process. PGlite is one process's database: a second process
 * opening the folder would not be seen by the first, and either could overwrite the other's writes when it
 * closes. So a command finds the running server's lock and uses the database through its socket instead
 * (`served`); a lock left by a process that has ended is taken over.
 */
export function claimFolder(dataDir: string, throughRunningServer: boolean): Claim {
  const lockPath = join(dataDir, LOCK_FILE)
  const ours: Lock = { pid: process.pid, socketPath: null }
  const claimed: Claim = { kind: 'claimed', lockPath, release: () => rmSync(lockPath, { force: true }) }
  for (let attempt = 0; attempt < 3; attempt++) {
    if (createLock(lockPath, ours)) return claimed
    const holder = readLock(lockPath)
    if (holder === null || !isProcessRunning(holder.pid)) {
      replaceLock(lockPath, ours)
      // Two processes may take over the same stale lock at once: the one whose lock stayed has the folder.
      if (readLock(lockPath)?.pid === process.pid) return claimed
      continue
    }
    if (holder.socketPath !== null && throughRunningServer) {
      return { kind: 'served', pid: holder.pid, socketPath: holder.socketPath }
    }
    if (holder.socketPath !== null) {
      throw new DatabaseError(
        `The embedded database in ${dataDir} is already served by another Scrutineer (process ${holder.pid}). ` +
          'Use that one, or stop it first (Ctrl+C where it runs), then try again.',
      )
    }
    throw new DatabaseError(
      `The embedded database in ${dataDir} is in use by another Scrutineer (process ${holder.pid}) that does not ` +
        'share it: a command still running, or a server still starting. Wait for the command to finish (or for ' +
        'the server to say it is serving), then try again. If no Scrutineer is running, delete ' +
        `${lockPath}.`,
    )
  }
  throw new DatabaseError(`Could not claim the embedded database in ${dataDir}: ${lockPath} keeps changing.`)
}

async function openPglite(
  dataDir: string | null,
  release: () => void,
  lockPath: string | null,
  loadDataDir: Uint8Array | undefined,
): Promise<Store> {
  let pglite: EmbeddedDatabase
  try {
    pglite = await openEmbeddedDatabase(dataDir, loadDataDir === undefined ? {} : { loadDataDir })
  } catch (error) {
    release()
    throw new DatabaseError(
      `Could not open the embedded database in ${dataDir ?? 'memory'}: ${(error as Error).message}. ` +
        'If another Scrutineer is running on the same folder, stop it first.',
    )
  }
  // The database's one turn: the web's queries and local commands' (database-server.ts) take it alike.
  const turn = new Mutex()
  const db = new Kysely<Database>({ dialect: new PGliteDialect(pglite, turn) })
  let server: DatabaseServer | null = null
  const close = async () => {
    try {
      if (server !== null) {
        // Commands that look now find a process that does not share the folder, not a socket going away.
        if (lockPath !== null) replaceLock(lockPath, { pid: process.pid, socketPath: null })
        await server.close()
      }
      await db.destroy()
    } finally {
      release()
    }
  }
  const dumpDataDir = async () => {
    const release = await turn.lock()
    try {
      return await pglite.dumpDataDir()
    } finally {
      release()
    }
  }
  const store: Store = { db, kind: 'pglite', location: dataDir ?? 'memory', close, dumpDataDir }
  if (dataDir === null || lockPath === null) return store
  return {
    ...store,
    serveLocalCommands: async (options) => {
      server ??= await serveDatabase(pglite, turn, dataDir, options)
      replaceLock(lockPath, { pid: process.pid, socketPath: server.socketPath })
      return server.socketPath
    },
  }
}

const pgTypes: pg.CustomTypesConfig = {
  getTypeParser: (oid, format) =>
    typeParsers[oid] ?? (pg.types.getTypeParser(oid, format) as (text: string) => unknown),
}

/**
 * A connection the server ends (PostgreSQL stopping or restarting, a network cut) reports an error on its client,
 * whether idle in the pool or lent out between queries; with no listener Node would end the whole process. The
 * client is then no longer queryable, so the pool discards it and the next query opens a new connection: the pool
 * recovers by itself once the database answers again. A query running at that moment fails as usual.
 */
function keepPoolAlive(pool: pg.Pool, onConnectionError: (error: Error) => void): pg.Pool {
  pool.on('connect', (client) => client.on('error', onConnectionError))
  // Idle clients report here too (pg-pool's own listener re-emits on the pool); the client listener above said it.
  pool.on('error', () => undefined)
  return pool
}

function openPostgres(url: string, onConnectionError: (error: Error) => void): Store {
  const pool = new pg.Pool({
    connectionString: url,
    options: '-c TimeZone=UTC',
    max: 10,
    types: pgTypes,
    // A database that does not answer at all (a network cut) fails a request in seconds rather than holding it.
    connectionTimeoutMillis: 10_000,
    keepAlive: true,
  })
  keepPoolAlive(pool, onConnectionError)
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) })
  return { db, kind: 'postgres', location: redactUrl(url), close: () => db.destroy() }
}

/**
 * The embedded database of a running `scrutineer serve`, through its socket. The server's session is already in
 * UTC and its schema up to date; a command that expects a newer schema is refused rather than migrating the
 * database under the running server's feet.
 */
async function openThroughServer(
  dataDir: string,
  pid: number,
  socketPath: string,
  onConnectionError: (error: Error) => void,
): Promise<Store> {
  const pool = new pg.Pool({
    // pg finds PostgreSQL's socket name, .s.PGSQL.<port>, in the folder given as host.
    host: dirname(socketPath),
    port: SOCKET_PORT,
    user: 'scrutineer',
    database: 'scrutineer',
    // One session, as the embedded database has: a command's queries run in order, as they would on the folder.
    max: 1,
    types: pgTypes,
  })
  keepPoolAlive(pool, onConnectionError)
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) })
  const location = `${dataDir} (through the running Scrutineer, process ${pid})`
  try {
    await sql`select 1`.execute(db)
  } catch (error) {
    await db.destroy()
    throw new DatabaseError(
      `The embedded database in ${dataDir} belongs to a running Scrutineer (process ${pid}), but it does not ` +
        `answer at ${socketPath} (${(error as Error).message}). If that Scrutineer has stopped responding, stop ` +
        `it (Ctrl+C where it runs, or kill ${pid}) and try again. If no Scrutineer is running, delete ` +
        `${join(dataDir, LOCK_FILE)}.`,
    )
  }
  const store: Store = { db, kind: 'pglite', location, close: () => db.destroy() }
  try {
    const pending = (await new Migrator({ db, provider: migrationProvider }).getMigrations()).filter(
      (m) => m.executedAt === undefined,
    )
    if (pending.length > 0) {
      throw new DatabaseError(
        `The running Scrutineer (process ${pid}) has an older database schema than this command needs ` +
          `(${pending.length} change${pending.length === 1 ? '' : 's'} to make). Restart it (Ctrl+C where it ` +
          'runs, then npm start): it brings the schema up to date as it starts. Then run the command again.',
      )
    }
  } catch (error) {
    await store.close()
    if (error instanceof DatabaseError) throw error
    throw new DatabaseError(`Could not check the database schema at ${location}: ${(error as Error).message}`)
  }
  return store
}

export interface OpenOptions {
  /**
   * The embedded database only: when a running `scrutineer serve` holds the folder, use its database through
   * its socket (true, the default, for commands); false to refuse, for `serve` itself.
   */
  throughRunningServer?: boolean
  /**
   * Told when the database ends a connection (PostgreSQL stopped or restarted): the server logs it. The process
   * carries on and reconnects for the next query; nothing is told when not given.
   */
  onConnectionError?: (error: Error) => void
}

/** Opens the database and brings its schema up to date. */
export async function openStore(target: DatabaseTarget, options: OpenOptions = {}): Promise<Store> {
  let store: Store
  const onConnectionError = options.onConnectionError ?? (() => undefined)
  if (target.kind === 'postgres') {
    store = openPostgres(target.url, onConnectionError)
    try {
      await migratePostgres(store, target.ownerUrl)
    } catch (error) {
      await store.close()
      if (error instanceof DatabaseError) throw error
      throw new DatabaseError(`Could not prepare the database at ${store.location}: ${(error as Error).message}`)
    }
    return store
  } else if (target.dataDir === null) {
    store = await openPglite(null, () => undefined, null, target.loadDataDir)
  } else {
    mkdirSync(target.dataDir, { recursive: true })
    const claim = claimFolder(target.dataDir, options.throughRunningServer ?? true)
    if (claim.kind === 'served')
      return openThroughServer(target.dataDir, claim.pid, claim.socketPath, onConnectionError)
    store = await openPglite(target.dataDir, claim.release, claim.lockPath, target.loadDataDir)
  }
  try {
    await migrateToLatest(store.db)
  } catch (error) {
    await store.close()
    if (error instanceof DatabaseError) throw error
    throw new DatabaseError(`Could not prepare the database at ${store.location}: ${(error as Error).message}`)
  }
  return store
}

/**
 * PostgreSQL: with the owner's URL, migrate as the owner and grant the application's role what it needs (and no
 * more); without it, migrate as the application's role, which then has to own the schema. A role that does not
 * own the schema runs fine on a schema that is up to date.
 */
async function migratePostgres(app: Store, ownerUrl: string | undefined): Promise<void> {
  if (ownerUrl !== undefined) {
    // A short-lived pool for the migrations: an error on one of its connections ends only this attempt.
    const owner = openPostgres(ownerUrl, () => undefined)
    try {
      await migrateToLatest(owner.db)
      await grantApplicationRole(owner.db, await currentRole(app.db))
    } catch (error) {
      throw new DatabaseError(
        `Could not prepare the database as its owner (DATABASE_OWNER_URL, ${owner.location}): ${(error as Error).message}`,
      )
    } finally {
      await owner.close()
    }
    return
  }
  const pending = (await new Migrator({ db: app.db, provider: migrationProvider }).getMigrations()).filter(
    (m) => m.executedAt === undefined,
  )
  if (pending.length === 0) {
    // As migrateToLatest would: a schema a newer Scrutineer migrated is refused, not run on.
    const known = new Set(Object.keys(await migrationProvider.getMigrations()))
    const executed = await sql<{ name: string }>`select name from kysely_migration`.execute(app.db)
    const unknown = executed.rows.map((r) => r.name).filter((name) => !known.has(name))
    if (unknown.length > 0) {
      throw new DatabaseError(
        `The database was migrated by a newer version of Scrutineer (${unknown.join(', ')}): run that version.`,
      )
    }
    return
  }
  try {
    await migrateToLatest(app.db)
  } catch (error) {
    const message = (error as Error).message
    if (/permission denied|must be owner/i.test(message)) {
      throw new DatabaseError(
        `The database schema needs ${pending.length} change${pending.length === 1 ? '' : 's'}, and the role in ` +
          `DATABASE_URL may not make them (${message}). Set DATABASE_OWNER_URL to the schema owner's URL, or run ` +
          '"scrutineer migrate" with DATABASE_OWNER_URL set, then start again (docs/operations.md, "Database roles").',
      )
    }
    throw error
  }
}

export async function migrateToLatest(db: Kysely<Database>): Promise<string[]> {
  const migrator = new Migrator({ db, provider: migrationProvider })
  const { error, results } = await migrator.migrateToLatest()
  if (error) throw error instanceof Error ? error : new DatabaseError(JSON.stringify(error))
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName)
}

/**
 * A cheap round trip, for /health: the server's version, or why it does not answer in words (`reason`, from
 * database-faults.ts) with the database's own message kept for the log (`detail`).
 */
export async function checkStore(
  store: Store,
): Promise<{ ok: true; detail: string } | { ok: false; detail: string; reason: string }> {
  try {
    const result = await sql<{ version: string }>`select version() as version`.execute(store.db)
    return { ok: true, detail: result.rows[0]?.version ?? '' }
  } catch (error) {
    const fault = databaseFault(error)
    return {
      ok: false,
      detail: (error as Error).message,
      reason: fault?.reason ?? 'The database answered with an error, so pages cannot be shown. Nothing was changed.',
    }
  }
}

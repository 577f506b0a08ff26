/**
 * Every store test runs twice: on the embedded PGlite and on a real PostgreSQL server (HOUSE-STYLE.md).
 * `npm test` starts a throwaway cluster and sets TEST_DATABASE_URL; each call here gets a fresh, empty database.
 * Without TEST_DATABASE_URL the PostgreSQL run is skipped, unless SCRUTINEER_TEST_POSTGRES=required.
 *
 * Fresh databases are copies of one already migrated, not made from nothing: PGlite's initdb costs seconds per
 * database, so the first test process to need one migrates an empty PGlite once and keeps its dumpDataDir tar in
 * the system's temporary folder, named by a hash of the migrations and PGlite's version (a changed migration makes
 * a new one); every PGlite after that loads the tar. On PostgreSQL, a migrated template database per cluster plays
 * the same part (CREATE DATABASE … TEMPLATE).
 *
 * Many suites start from the demo council. Loading it costs about two seconds of CPU on PGlite and one on PostgreSQL,
 * so within one run of the suites (SCRUTINEER_TEST_RUN_CACHE, set by scripts/test.sh) it is loaded once per kind of
 * database and copied after that (`openDemo`): PGlite from a tar kept in the run's folder, PostgreSQL from a template
 * database named after the run. Run alone, a test file loads it itself.
 */
import { createHash, randomBytes } from 'node:crypto'
import { readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gunzipSync } from 'node:zlib'
import { sql } from 'kysely'
import pg from 'pg'
import { services as buildServices } from '../src/services/index.ts'
import { openStore, type Store } from '../src/store/connect.ts'

const migrationsFolder = new URL('../src/store/migrations/', import.meta.url)

/** What a migrated database depends on: every migration file's bytes, PGlite's version and how it is made. */
function migrationsHash(): string {
  const hash = createHash('sha256')
  for (const name of readdirSync(migrationsFolder).sort()) {
    hash.update(name).update(readFileSync(new URL(name, migrationsFolder)))
  }
  const pglitePackage = new URL('../node_modules/@electric-sql/pglite/package.json', import.meta.url)
  hash.update((JSON.parse(readFileSync(pglitePackage, 'utf8')) as { version: string }).version)
  hash.update('without template databases')
  return hash.digest('hex').slice(0, 16)
}

let migratedDump: Promise<Uint8Array> | null = null

/**
 * An embedded database with every migration run, as PGlite's dumpDataDir tar: read from the temporary folder, or
 * made there once (written under a private name and renamed, so a process reading it never sees half a file).
 */
export function migratedPgliteDump(): Promise<Uint8Array> {
  migratedDump ??= keptDatabase(
    join(tmpdir(), `scrutineer-test-pglite-${migrationsHash()}.tar`),
    () => openStore({ kind: 'pglite', dataDir: null }),
    dropTemplateDatabases,
  )
  return migratedDump
}

/**
 * Drops initdb's template databases from a test's embedded database. Scrutineer's data is in the database PGlite
 * opens (`postgres`); the templates are only ever copied by CREATE DATABASE, which no test runs on PGlite, and
 * they were two thirds of the files every test database loads: a quarter of the time it takes to open one.
 */
async function dropTemplateDatabases(store: Store): Promise<void> {
  for (const name of ['template0', 'template1']) {
    await sql`alter database ${sql.id(name)} is_template false`.execute(store.db)
    await sql`drop database ${sql.id(name)}`.execute(store.db)
  }
}

/**
 * The tar of an embedded database kept at `path`: read, or made by opening an in-memory store (`open`), filling it
 * (`fill`) and dumping it, written there under a private name, then renamed, so a process reading it never sees
 * half a file. The store is closed whatever happens.
 */
export async function keptDatabase(
  path: string,
  open: () => Promise<Store>,
  fill: (store: Store) => Promise<unknown>,
): Promise<Uint8Array> {
  try {
    return new Uint8Array(readFileSync(path))
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
  }
  const store = await open()
  try {
    await fill(store)
    if (store.dumpDataDir === undefined) throw new Error('An embedded database in memory can always be dumped.')
    // Kept as a plain tar: PGlite loads it in a third of the time it takes to load the gzipped one.
    const dump = new Uint8Array(gunzipSync(await store.dumpDataDir()))
    const draft = `${path}.${process.pid}`
    writeFileSync(draft, dump)
    renameSync(draft, path)
    return dump
  } finally {
    await store.close()
  }
}

/** A fresh, migrated embedded database in memory (a copy of migratedPgliteDump's). */
export async function freshPglite(): Promise<Store> {
  return openStore({ kind: 'pglite', dataDir: null, loadDataDir: await migratedPgliteDump() })
}

/** How the suites build services over a test database, and so the demo council they load. */
export const DEMO_SERVICE_CONFIG = { maxImportBytes: 20 * 1024 * 1024, councilName: 'Demo City Council' }

/** Loads the demo council as the suites have it: without its meeting's printed pack (Chromium, seconds). */
export async function loadDemoCouncil(store: Store): Promise<void> {
  await buildServices(store, DEMO_SERVICE_CONFIG).demo.loadIfEmpty({ documentPack: false })
}

/** This run's folder for what its test processes share (scripts/test.sh), or null outside a run of the suites. */
function runFolder(): string | null {
  const folder = process.env.SCRUTINEER_TEST_RUN_CACHE
  return folder === undefined || folder === '' ? null : folder
}

let demoDump: Promise<Uint8Array | null> | null = null

/** The demo council's embedded database as a tar, from this run's folder or made into it; null outside a run. */
function demoCouncilDump(): Promise<Uint8Array | null> {
  demoDump ??= (async () => {
    const folder = runFolder()
    if (folder === null) return null
    return keptDatabase(join(folder, 'demo-council.tar'), freshPglite, loadDemoCouncil)
  })()
  return demoDump
}

/**
 * A fresh embedded database holding the demo council as loadDemoCouncil loads it (without its meeting's printed
 * pack: Chromium for every test database would cost seconds each, and the document pack tests publish that
 * meeting's first version themselves), in memory or in a new folder `dataDir` (for tests that run commands or a
 * server on it): a copy of the run's when there is one, else loaded into a migrated database.
 */
export async function demoStore(dataDir: string | null = null): Promise<Store> {
  const dump = await demoCouncilDump()
  if (dump !== null) return openStore({ kind: 'pglite', dataDir, loadDataDir: dump })
  const store = await openStore({ kind: 'pglite', dataDir, loadDataDir: await migratedPgliteDump() })
  await withClosingOnFailure(store, loadDemoCouncil)
  return store
}

/** Runs `work` on `store`, closing the store if it fails. */
async function withClosingOnFailure(store: Store, work: (store: Store) => Promise<unknown>): Promise<void> {
  try {
    await work(store)
  } catch (error) {
    await store.close()
    throw error
  }
}

export interface StoreTarget {
  name: 'PGlite' | 'PostgreSQL'
  /** Null when this target cannot run here (no server); the reason is in `skip`. */
  open: (() => Promise<Store>) | null
  /** A fresh database holding the demo council as loadDemoCouncil loads it; null as `open` is. */
  openDemo: (() => Promise<Store>) | null
  skip: string | false
}

/**
 * A template database on the cluster called `name`, made by the first test process that needs it: as a draft (a
 * copy of `from`, or empty) that `fill` is given the address of, then renamed, so a template that exists is always a
 * whole one. An advisory lock keeps the other processes waiting meanwhile.
 */
async function templateDatabase(
  adminUrl: string,
  name: string,
  from: string | null,
  fill: (url: string) => Promise<void>,
): Promise<string> {
  const admin = new pg.Client({ connectionString: adminUrl })
  await admin.connect()
  try {
    await admin.query('select pg_advisory_lock(20261207)')
    const exists = await admin.query('select 1 from pg_database where datname = $1', [name])
    if (exists.rowCount === 0) {
      const draft = `${name}_draft`
      await admin.query(`drop database if exists ${draft}`)
      await admin.query(`create database ${draft}${from === null ? '' : ` template ${from}`}`)
      const url = new URL(adminUrl)
      url.pathname = `/${draft}`
      await fill(url.toString())
      await admin.query(`alter database ${draft} rename to ${name}`)
    }
  } finally {
    await admin.query('select pg_advisory_unlock(20261207)').catch(() => undefined)
    await admin.end()
  }
  return name
}

let postgresTemplate: Promise<string> | null = null

/** The cluster's migrated template database, named by the migrations' hash: a changed migration makes a new one. */
function migratedPostgresTemplate(adminUrl: string): Promise<string> {
  postgresTemplate ??= templateDatabase(adminUrl, `scrutineer_template_${migrationsHash()}`, null, async (url) => {
    await (await openStore({ kind: 'postgres', url })).close()
  })
  return postgresTemplate
}

let demoTemplate: Promise<string | null> | null = null

/**
 * The cluster's template database holding the demo council for this run of the suites (null outside one), named
 * after the run, so a cluster kept between runs never hands out a demo council older than the code.
 */
function demoPostgresTemplate(adminUrl: string): Promise<string | null> {
  demoTemplate ??= (async () => {
    const folder = runFolder()
    if (folder === null) return null
    const run = createHash('sha256').update(migrationsHash()).update(folder).digest('hex').slice(0, 16)
    return templateDatabase(
      adminUrl,
      `scrutineer_demo_${run}`,
      await migratedPostgresTemplate(adminUrl),
      async (url) => {
        const store = await openStore({ kind: 'postgres', url })
        try {
          await loadDemoCouncil(store)
        } finally {
          await store.close()
        }
      },
    )
  })()
  return demoTemplate
}

/** A fresh PostgreSQL database holding the demo council: a copy of the run's template, or loaded outside a run. */
async function demoPostgres(adminUrl: string): Promise<Store> {
  const template = await demoPostgresTemplate(adminUrl)
  if (template !== null) return freshPostgres(adminUrl, template)
  const store = await freshPostgres(adminUrl)
  await withClosingOnFailure(store, loadDemoCouncil)
  return store
}

/** A new database copied from `template`, by its URL; `drop` removes it, ending any connection still open to it. */
async function copiedPostgresDatabase(
  adminUrl: string,
  template: string,
): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `scrutineer_test_${randomBytes(6).toString('hex')}`
  const admin = new pg.Client({ connectionString: adminUrl })
  await admin.connect()
  try {
    await admin.query(`create database ${name} template ${template}`)
  } finally {
    await admin.end()
  }
  const url = new URL(adminUrl)
  url.pathname = `/${name}`
  return {
    url: url.toString(),
    drop: async () => {
      const cleanup = new pg.Client({ connectionString: adminUrl })
      await cleanup.connect()
      try {
        await cleanup.query(`drop database if exists ${name} with (force)`)
      } finally {
        await cleanup.end()
      }
    },
  }
}

async function freshPostgres(adminUrl: string, from?: string): Promise<Store> {
  const database = await copiedPostgresDatabase(adminUrl, from ?? (await migratedPostgresTemplate(adminUrl)))
  const store = await openStore({ kind: 'postgres', url: database.url })
  const close = store.close
  return {
    ...store,
    close: async () => {
      await close()
      await database.drop()
    },
  }
}

/**
 * A new PostgreSQL database holding the demo council (as `openDemo`), for a server or a command to open by its URL;
 * null without TEST_DATABASE_URL. `drop` removes it, ending any connection a killed process left.
 */
export async function demoPostgresDatabase(): Promise<{ url: string; drop: () => Promise<void> } | null> {
  const adminUrl = process.env.TEST_DATABASE_URL
  if (adminUrl === undefined) return null
  const template = await demoPostgresTemplate(adminUrl)
  if (template !== null) return copiedPostgresDatabase(adminUrl, template)
  const database = await copiedPostgresDatabase(adminUrl, await migratedPostgresTemplate(adminUrl))
  const store = await openStore({ kind: 'postgres', url: database.url })
  try {
    await loadDemoCouncil(store)
  } finally {
    await store.close()
  }
  return database
}

export function storeTargets(): StoreTarget[] {
  const url = process.env.TEST_DATABASE_URL
  if (url === undefined && process.env.SCRUTINEER_TEST_POSTGRES === 'required') {
    throw new Error('SCRUTINEER_TEST_POSTGRES=required but TEST_DATABASE_URL is not set.')
  }
  return [
    { name: 'PGlite', open: freshPglite, openDemo: () => demoStore(), skip: false },
    url === undefined
      ? { name: 'PostgreSQL', open: null, openDemo: null, skip: 'TEST_DATABASE_URL is not set (npm test sets it)' }
      : { name: 'PostgreSQL', open: () => freshPostgres(url), openDemo: () => demoPostgres(url), skip: false },
  ]
}

/** The tables every import writes (with the audit log's, that of a refused import must stay as it was). */
export const IMPORT_TABLES = [
  'dataset',
  'indicator',
  'indicator_target',
  'dataset_indicator',
  'import_batch',
  'observation',
  'observation_revision',
  'import_problem',
  'annex_a_row_block',
  'annex_a_rule_rows',
] as const

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

/** The tables holding an import's own rows, by the column naming the import. */
const PER_IMPORT: Readonly<Record<string, string>> = {
  import_batch: 'id',
  import_problem: 'import_id',
  annex_a_row_block: 'import_id',
  annex_a_rule_rows: 'import_id',
}

/**
 * What any reader can see of `tables` (as tablesSnapshot): every row but those of imports not live (an Annex A check's staged
 * import, which must stay out of sight until confirmed).
 */
export async function liveTablesSnapshot(store: Store, tables: readonly string[]): Promise<string> {
  const parts: string[] = []
  for (const table of tables) {
    const column = PER_IMPORT[table]
    if (column === undefined) {
      parts.push(await tablesSnapshot(store, [table]))
      continue
    }
    const rows = await sql<Record<string, unknown>>`select * from ${sql.table(table)} where ${sql.ref(column)} in
      (select id from import_batch where loading_heartbeat is null) order by 1, 2`.execute(store.db)
    parts.push(`${table}:${JSON.stringify(rows.rows)}`)
  }
  return parts.join('\n')
}

/** A PostgreSQL database owned by its own role, with a second role for the application (docs/operations.md). */
export interface PostgresRoles {
  ownerUrl: string
  appUrl: string
  owner: string
  app: string
  /** Drops the database and both roles. */
  drop: () => Promise<void>
}

/**
 * PostgreSQL only (null without TEST_DATABASE_URL): a fresh database set up as docs/operations.md says — an owner
 * role owning it, an application role that may connect and nothing more until the owner's migrations grant it.
 */
export async function freshPostgresRoles(): Promise<PostgresRoles | null> {
  const adminUrl = process.env.TEST_DATABASE_URL
  if (adminUrl === undefined) return null
  const suffix = randomBytes(6).toString('hex')
  const [name, owner, app] = [`scrutineer_test_${suffix}`, `scrutineer_owner_${suffix}`, `scrutineer_app_${suffix}`]
  const admin = new pg.Client({ connectionString: adminUrl })
  await admin.connect()
  try {
    await admin.query(`create role ${owner} login`)
    await admin.query(`create role ${app} login`)
    await admin.query(`create database ${name} owner ${owner}`)
    await admin.query(`revoke all on database ${name} from public`)
    await admin.query(`grant connect, temporary on database ${name} to ${app}`)
  } finally {
    await admin.end()
  }
  const urlFor = (user: string) => {
    const url = new URL(adminUrl)
    url.pathname = `/${name}`
    url.username = user
    return url.toString()
  }
  return {
    ownerUrl: urlFor(owner),
    appUrl: urlFor(app),
    owner,
    app,
    drop: async () => {
      const cleanup = new pg.Client({ connectionString: adminUrl })
      await cleanup.connect()
      try {
        await cleanup.query(`drop database if exists ${name} with (force)`)
        await cleanup.query(`drop role if exists ${app}`)
        await cleanup.query(`drop role if exists ${owner}`)
      } finally {
        await cleanup.end()
      }
    },
  }
}

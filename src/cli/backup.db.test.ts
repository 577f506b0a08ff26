/**
 * Drills for `scrutineer backup`, `scrutineer restore` and `scrutineer audit verify` on the embedded database, the
 * first backup by the real binary as an administrator would run it, the rest in this process (test/cli.ts) to spare
 * starting Node for each: a backup restored over later changes gives back exactly what
 * was backed up; a restore is refused (changing nothing) over a database without --force, from a newer schema, from
 * a file that is not a backup; a backup is refused beside a running server; a tampered audit event is found.
 * PostgreSQL is backed up with pg_dump (docs/operations.md); privileges.db.test.ts drills its roles.
 */
import assert from 'node:assert/strict'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { sql } from 'kysely'
import { scrutineerInProcess } from '../../test/cli.ts'
import { migratedPgliteDump } from '../../test/databases.ts'
import { runScrutineer } from '../../test/server-process.ts'
import { services as buildServices } from '../services/index.ts'
import { openStore, type Store } from '../store/connect.ts'
import { dataAccess } from '../store/data-access.ts'

const ENV = { SCRUTINEER_DEMO: 'false' }
const scrutineer = (...args: string[]) => scrutineerInProcess(args, ENV)
const binary = (...args: string[]) => runScrutineer(args, { ...process.env, NODE_ENV: 'test', ...ENV })
const config = { maxImportBytes: 1024 * 1024, councilName: 'Test council' }

/** The database in `dir`; a new folder starts as a copy of the tests' migrated database rather than from initdb. */
async function withStore<T>(dir: string, work: (store: Store) => Promise<T>): Promise<T> {
  const seed = existsSync(dir) ? {} : { loadDataDir: await migratedPgliteDump() }
  const store = await openStore({ kind: 'pglite', dataDir: dir, ...seed }, { throughRunningServer: false })
  try {
    return await work(store)
  } finally {
    await store.close()
  }
}

/** Every table's rows, as text, in a stable order: two databases with equal contents give equal maps. */
function contents(dir: string): Promise<Map<string, string[]>> {
  return withStore(dir, async (store) => {
    const tables = await sql<{ name: string }>`
      select table_name as name from information_schema.tables
      where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name`.execute(store.db)
    const all = new Map<string, string[]>()
    for (const { name } of tables.rows) {
      const rows = await sql<{ row: string }>`select to_jsonb(t)::text as row from ${sql.table(name)} t`.execute(
        store.db,
      )
      all.set(name, rows.rows.map((r) => r.row).sort())
    }
    return all
  })
}

const addUser = (dir: string, email: string) =>
  withStore(dir, async (store) => {
    const created = await buildServices(store, config).accounts.createUser(
      { email, name: email, role: 'performance-officer', password: 'a long enough password' },
      { actor: 'cli:test' },
    )
    assert.ok(created.ok)
  })

describe('backing up and restoring the embedded database', () => {
  const folder = mkdtempSync(join(tmpdir(), 'scrutineer-backup-'))
  const db = join(folder, 'data')
  const backup = join(folder, 'scrutineer.tar.gz')
  let atBackup = new Map<string, string[]>()

  before(async () => {
    await addUser(db, 'jo@council.gov.uk')
  })
  after(() => {
    rmSync(folder, { recursive: true, force: true })
  })

  it('writes a backup only its owner may read, recording it in the audit log it contains', async () => {
    const made = await binary('backup', '--out', backup, '--db', db)
    assert.equal(made.code, 0, made.stderr)
    assert.match(made.stdout, /Backed up the embedded database/)
    assert.equal(statSync(backup).mode & 0o777, 0o600)
    atBackup = await contents(db)
    assert.deepEqual(
      atBackup
        .get('audit_event')
        ?.map((row) => (JSON.parse(row) as { action: string }).action)
        .sort(),
      ['database.backup', 'user.create'],
    )
  })

  it('never writes over an existing file', async () => {
    const again = await scrutineer('backup', '--out', backup, '--db', db)
    assert.equal(again.code, 1)
    assert.match(again.stderr, /already exists/)
  })

  it('refuses to restore over a database without --force, changing nothing', async () => {
    await addUser(db, 'sam@council.gov.uk')
    const changed = await contents(db)
    assert.notDeepEqual(changed, atBackup)
    const refused = await scrutineer('restore', backup, '--db', db)
    assert.equal(refused.code, 1)
    assert.match(refused.stderr, /already holds a database.*--force/s)
    assert.deepEqual(await contents(db), changed)
  })

  it('restores with --force: every table as it was at the backup, then the restore recorded after it', async () => {
    const restored = await scrutineer('restore', backup, '--db', db, '--force')
    assert.equal(restored.code, 0, restored.stderr)
    assert.match(restored.stdout, /Restored .*scrutineer\.tar\.gz/)
    assert.match(restored.stdout, /hash chain is unbroken/)
    const after = await contents(db)
    const events = (after.get('audit_event') ?? []).map((row) => JSON.parse(row) as { action: string })
    const restoreEvents = events.filter((e) => e.action === 'database.restore')
    assert.equal(restoreEvents.length, 1)
    after.set(
      'audit_event',
      (after.get('audit_event') ?? []).filter((row) => !row.includes('"database.restore"')),
    )
    // The chain head moved on by the restore's own event; everything else is exactly as backed up.
    after.delete('audit_chain_head')
    const expected = new Map(atBackup)
    expected.delete('audit_chain_head')
    assert.deepEqual(after, expected)
    const verified = await scrutineer('audit', 'verify', '--db', db)
    assert.equal(verified.code, 0, verified.stderr)
  })

  it('restores into an empty folder without --force', async () => {
    const fresh = join(folder, 'fresh')
    const restored = await scrutineer('restore', backup, '--db', fresh)
    assert.equal(restored.code, 0, restored.stderr)
    const users = (await contents(fresh)).get('app_user') ?? []
    assert.equal(users.length, 1)
  })

  it('refuses a backup from a newer schema, and a file that is not a backup, leaving the folder empty', async () => {
    const future = join(folder, 'future')
    const futureBackup = join(folder, 'future.tar.gz')
    await withStore(future, async (store) => {
      await sql`insert into kysely_migration (name, timestamp) values ('2099-01-01T00-00-00-from-the-future', '2099-01-01')`.execute(
        store.db,
      )
      assert.ok(store.dumpDataDir)
      writeFileSync(futureBackup, await store.dumpDataDir())
    })
    const empty = join(folder, 'empty')
    mkdirSync(empty)
    const newer = await scrutineer('restore', futureBackup, '--db', empty)
    assert.equal(newer.code, 1)
    assert.match(newer.stderr, /made by a newer version of Scrutineer.*2099-01-01T00-00-00-from-the-future/s)
    const junk = join(folder, 'junk.tar.gz')
    writeFileSync(junk, 'not a backup')
    const notBackup = await scrutineer('restore', junk, '--db', empty)
    assert.equal(notBackup.code, 1)
    assert.match(notBackup.stderr, /is not a Scrutineer backup/)
    assert.deepEqual(readdirSync(empty), [])
    assert.equal(existsSync(`${empty}.restoring-${process.pid}`), false)
  })

  it('refuses a backup beside a running server, and sends PostgreSQL to pg_dump', async () => {
    const store = await openStore({ kind: 'pglite', dataDir: db }, { throughRunningServer: false })
    try {
      assert.ok(store.serveLocalCommands)
      await store.serveLocalCommands()
      const beside = await scrutineer('backup', '--out', join(folder, 'beside.tar.gz'), '--db', db)
      assert.equal(beside.code, 1)
      assert.match(beside.stderr, /already served by another Scrutineer/)
      assert.equal(existsSync(join(folder, 'beside.tar.gz')), false)
    } finally {
      await store.close()
    }
    const postgres = await scrutineer('backup', '--out', join(folder, 'pg.dump'), '--db', 'postgres://nowhere/none')
    assert.equal(postgres.code, 1)
    assert.match(postgres.stderr, /pg_dump/)
  })

  it('audit verify exits 1 naming the position, event and time of an event changed behind its back', async () => {
    const tampered = await withStore(db, async (store) => {
      const [first] = await dataAccess(store).audit.chainLinks(0, 1)
      assert.ok(first)
      await store.db.transaction().execute(async (trx) => {
        await sql`alter table audit_event disable trigger audit_event_no_change`.execute(trx)
        await sql`update audit_event set action = 'nothing.happened' where id = ${first.id}`.execute(trx)
        await sql`alter table audit_event enable trigger audit_event_no_change`.execute(trx)
      })
      return first
    })
    const verified = await scrutineer('audit', 'verify', '--db', db)
    assert.equal(verified.code, 1)
    assert.match(verified.stderr, /hash chain is broken in 1 place/)
    assert.ok(
      verified.stderr.includes(`position 1, event ${tampered.id}, ${tampered.at}: Event ${tampered.id}`),
      verified.stderr,
    )
  })
})

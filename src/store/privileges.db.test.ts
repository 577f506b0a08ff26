/**
 * Drills for the application's database role on PostgreSQL (docs/operations.md, "Database roles"): with the
 * schema owned by another role, the credentials the web runs with cannot empty, alter or rewrite the audit log or
 * what was published, yet the whole application (the demo council: imports, publication, meetings, packs) runs.
 * The embedded database has one role, so there is nothing to drill there (docs/security.md says what protects it).
 */
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { sql } from 'kysely'
import pg from 'pg'
import type { ChainBreak } from '../domain/audit-chain.ts'
import { freshPostgresRoles, type PostgresRoles } from '../../test/databases.ts'
import type { PackBuilder } from '../services/document-pack-service.ts'
import { services as buildServices, type Services } from '../services/index.ts'
import { openStore, type Store } from './connect.ts'

const config = { maxImportBytes: 20 * 1024 * 1024, councilName: 'Test council' }

/** Two pages a paper, without Chromium. */
const fakeBuilder: PackBuilder = (input) => {
  const pages = input.papers.map((paper, i) => ({ agendaItemId: paper.agendaItemId, from: 2 * i + 1, to: 2 * i + 2 }))
  const pdf = new TextEncoder().encode(`%PDF-1.7 version ${input.version.number}`)
  return Promise.resolve({ pdf, pageCount: 2 * pages.length + 2, pages })
}

const skip =
  process.env.TEST_DATABASE_URL === undefined
    ? process.env.SCRUTINEER_TEST_POSTGRES === 'required'
      ? false
      : 'TEST_DATABASE_URL is not set (npm test sets it)'
    : false

describe('the application role on PostgreSQL cannot rewrite the audit log', { skip }, () => {
  let roles: PostgresRoles
  let app: Store
  let owner: Store
  let services: Services

  before(async () => {
    const fresh = await freshPostgresRoles()
    assert.ok(fresh, 'SCRUTINEER_TEST_POSTGRES=required but TEST_DATABASE_URL is not set')
    roles = fresh
  })
  after(async () => {
    await app?.close()
    await owner?.close()
    await roles?.drop()
  })

  it('refuses to start on an empty schema with only the application role, saying to set DATABASE_OWNER_URL', async () => {
    await assert.rejects(openStore({ kind: 'postgres', url: roles.appUrl }), (error: Error) => {
      assert.equal(error.name, 'DatabaseError')
      assert.match(error.message, /may not make them/)
      assert.match(error.message, /DATABASE_OWNER_URL/)
      return true
    })
  })

  it('migrates as the owner and runs the whole demo council as the application role', async () => {
    app = await openStore({ kind: 'postgres', url: roles.appUrl, ownerUrl: roles.ownerUrl })
    services = buildServices(app, config, { buildPack: fakeBuilder })
    const loaded = await services.demo.loadIfEmpty()
    assert.ok(loaded)
    assert.ok(loaded.totalFiguresAdded > 0)
    const published = await sql<{ n: number }>`select count(*)::int as n from publication`.execute(app.db)
    assert.ok((published.rows[0]?.n ?? 0) > 0)
    assert.equal(await services.auditLog.protectionWarning(), null)
    assert.deepEqual((await services.auditLog.verify()).breaks, [])
  })

  for (const [what, statement, refusal] of [
    ['TRUNCATE the audit log', 'truncate audit_event', /permission denied/],
    ['disable its triggers', 'alter table audit_event disable trigger audit_event_no_change', /must be owner/],
    ['disable every trigger', 'alter table audit_event disable trigger all', /must be owner/],
    ['drop its append-only trigger', 'drop trigger audit_event_no_change on audit_event', /must be owner/],
    ['drop its chain trigger', 'drop trigger audit_event_chain on audit_event', /must be owner/],
    ['drop the table', 'drop table audit_event', /must be owner/],
    ['update an event', "update audit_event set actor = 'nobody'", /permission denied/],
    ['delete an event', 'delete from audit_event', /permission denied/],
    ['move the chain head', "update audit_chain_head set hash = 'x'", /permission denied/],
    ['TRUNCATE the children drill-downs showed', 'truncate audit_event_child', /permission denied/],
    ['delete a child a drill-down showed', 'delete from audit_event_child', /permission denied/],
    ['rewrite a child a drill-down showed', "update audit_event_child set child_id = 'x'", /permission denied/],
    ['disable their append-only trigger', 'alter table audit_event_child disable trigger all', /must be owner/],
    ['TRUNCATE the published packs', 'truncate publication', /permission denied/],
    ['delete a published pack', 'delete from publication', /permission denied/],
    ['alter the published packs', 'alter table publication disable trigger all', /must be owner/],
    ['rewrite a published document pack', "update document_pack set note = 'x'", /permission denied/],
    ['TRUNCATE a working table', 'truncate observation', /permission denied/],
    ['forge the migration history', "insert into kysely_migration values ('x', now())", /permission denied/],
    ['create a table', 'create table intruder (id int)', /permission denied/],
  ] as const) {
    it(`does not let the application role ${what}`, async () => {
      await assert.rejects(sql.raw(statement).execute(app.db), refusal)
    })
  }

  it('finds an event the owner changed, from the application role, with its position', async () => {
    owner = await openStore({ kind: 'postgres', url: roles.ownerUrl })
    const target = await sql<{ id: number; position: number }>`
      select id, chain_position::int as position from audit_event order by chain_position offset 4 limit 1`.execute(
      owner.db,
    )
    const row = target.rows[0]
    assert.ok(row)
    await owner.db.transaction().execute(async (trx) => {
      await sql`alter table audit_event disable trigger audit_event_no_change`.execute(trx)
      await sql`update audit_event set actor = 'user:999' where id = ${row.id}`.execute(trx)
      await sql`alter table audit_event enable trigger audit_event_no_change`.execute(trx)
    })
    const { breaks } = await services.auditLog.verify()
    assert.deepEqual(
      breaks.map((b) => [b.kind, b.position, b.eventId]),
      [['changed', row.position, row.id]],
    )
  })

  it('starts with only the application role once the schema is up to date, and not on a newer one', async () => {
    const again = await openStore({ kind: 'postgres', url: roles.appUrl })
    try {
      assert.equal(await buildServices(again, config).auditLog.protectionWarning(), null)
    } finally {
      await again.close()
    }
    // …and refuses a schema a newer version migrated.
    await sql`insert into kysely_migration (name, timestamp) values ('2099-01-01T00-00-00-future', now())`.execute(
      owner.db,
    )
    try {
      await assert.rejects(openStore({ kind: 'postgres', url: roles.appUrl }), /migrated by a newer version/)
    } finally {
      await sql`delete from kysely_migration where name = '2099-01-01T00-00-00-future'`.execute(owner.db)
    }
  })

  it('round-trips through pg_dump and pg_restore as docs/operations.md says, chain and grants intact', async () => {
    const bin = ['/usr/lib/postgresql/15/bin', '/usr/lib/postgresql/16/bin', '/usr/lib/postgresql/17/bin'].find((d) =>
      existsSync(join(d, 'pg_dump')),
    )
    assert.ok(bin, 'pg_dump is installed with the PostgreSQL server binaries')
    const folder = mkdtempSync(join(tmpdir(), 'scrutineer-pg-dump-'))
    const copy = `${new URL(roles.ownerUrl).pathname.slice(1)}_restored`
    const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL })
    await admin.connect()
    const urlOf = (url: string) => {
      const u = new URL(url)
      u.pathname = `/${copy}`
      return u.toString()
    }
    let restored: Store | null = null
    try {
      const dump = join(folder, 'scrutineer.dump')
      execFileSync(join(bin, 'pg_dump'), ['--format=custom', `--file=${dump}`, roles.ownerUrl])
      await admin.query(`create database ${copy} owner ${roles.owner}`)
      await admin.query(`revoke all on database ${copy} from public`)
      await admin.query(`grant connect, temporary on database ${copy} to ${roles.app}`)
      execFileSync(join(bin, 'pg_restore'), [
        '--no-owner',
        '--no-privileges',
        '--exit-on-error',
        '--single-transaction',
        `--dbname=${urlOf(roles.ownerUrl)}`,
        dump,
      ])
      restored = await openStore({ kind: 'postgres', url: urlOf(roles.appUrl), ownerUrl: urlOf(roles.ownerUrl) })
      const count = (db: Store) => sql<{ n: number }>`select count(*)::int as n from audit_event`.execute(db.db)
      assert.equal((await count(restored)).rows[0]?.n, (await count(app)).rows[0]?.n)
      const again = buildServices(restored, config).auditLog
      // The owner's change in the test above comes across too: the restored chain breaks exactly where it did.
      const where = (breaks: readonly ChainBreak[]) => breaks.map((b) => [b.kind, b.position, b.eventId])
      const original = where((await services.auditLog.verify()).breaks)
      assert.equal(original.length, 1)
      assert.deepEqual(where((await again.verify()).breaks), original)
      await assert.rejects(sql`truncate audit_event`.execute(restored.db), /permission denied/)
      assert.equal(await again.protectionWarning(), null)
    } finally {
      await restored?.close()
      await admin.query(`drop database if exists ${copy} with (force)`)
      await admin.end()
      rmSync(folder, { recursive: true, force: true })
    }
  })

  it('warns at start when the application runs as the owner: the audit is then only as safe as that role', async () => {
    const warning = await buildServices(owner, config).auditLog.protectionWarning()
    assert.match(warning ?? '', new RegExp(`\\(${roles.owner}\\) owns the schema`))
    assert.match(warning ?? '', /only as safe as that role's password/)
  })
})

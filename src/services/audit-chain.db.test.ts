import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { Migrator, sql } from 'kysely'
import { storeTargets } from '../../test/databases.ts'
import type { Store } from '../store/connect.ts'
import { migrateToLatest } from '../store/connect.ts'
import { dataAccess, type DataAccess } from '../store/data-access.ts'
import { migrationProvider } from '../store/migrations/index.ts'
import { services as buildServices, type Services } from './index.ts'

/** The migration before the one that made the log a chain. */
async function beforeChain(): Promise<string> {
  const names = Object.keys(await migrationProvider.getMigrations()).sort()
  const before = names[names.indexOf('2026-12-07T11-00-00-audit-chain') - 1]
  assert.ok(before)
  return before
}

const event = (n: number, details: Record<string, unknown> = {}) => ({
  actor: `user:${n}`,
  action: 'figures.import',
  subjectType: 'import',
  subjectId: String(n),
  correlationId: n % 2 === 0 ? null : `request-${n}`,
  details: { file: `month-${n}.csv`, note: 'Café “quoted” £5 — 😀', ...details },
})

/** Runs `change` on the audit log as its owner would, with the append-only trigger out of the way. */
async function asOwner(store: Store, change: string): Promise<void> {
  await store.db.transaction().execute(async (trx) => {
    await sql`alter table audit_event disable trigger audit_event_no_change`.execute(trx)
    await sql.raw(change).execute(trx)
    await sql`alter table audit_event enable trigger audit_event_no_change`.execute(trx)
  })
}

for (const target of storeTargets()) {
  describe(`the audit log's hash chain on ${target.name}`, { skip: target.skip }, () => {
    let store: Store
    let services: Services
    let data: DataAccess

    before(async () => {
      if (!target.open) return
      store = await target.open()
      // Events written before the chain existed are chained by its migration, in the order of their ids.
      const { error } = await new Migrator({ db: store.db, provider: migrationProvider }).migrateTo(await beforeChain())
      assert.equal(error, undefined)
      for (let n = 1; n <= 3; n++) {
        await sql`insert into audit_event (actor, action, subject_type, subject_id, details)
                  values (${`user:${n}`}, 'sign-in', 'user', ${String(n)}, ${JSON.stringify({ n })})`.execute(store.db)
      }
      await migrateToLatest(store.db)
      services = buildServices(store, { maxImportBytes: 1024, councilName: 'Test council' })
      data = dataAccess(store)
    })
    after(async () => {
      await store.close()
    })

    it('chains the events already in the log when it is added, and every event written since', async () => {
      for (let n = 4; n <= 6; n++) await data.audit.record(event(n))
      const verification = await services.auditLog.verify()
      assert.deepEqual(verification.breaks, [])
      assert.equal(verification.checked, 6)
      assert.equal(verification.head.position, 6)
      const links = await data.audit.chainLinks(0, 100)
      assert.deepEqual(
        links.map((l) => [l.position, l.id]),
        [1, 2, 3, 4, 5, 6].map((n) => [n, n]),
      )
      assert.equal(links[0]?.previousHash, '0'.repeat(64))
      for (let i = 1; i < links.length; i++) assert.equal(links[i]?.previousHash, links[i - 1]?.hash)
      assert.equal(verification.head.hash, links.at(-1)?.hash)
    })

    it('chains events from concurrent transactions one after the other, in the order they commit', async () => {
      await Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          data.transaction(async (repos) => {
            await repos.audit.record(event(100 + i))
            await repos.audit.record(event(200 + i))
          }),
        ),
      )
      const verification = await services.auditLog.verify()
      assert.deepEqual(verification.breaks, [])
      assert.equal(verification.checked, 30)
      const links = await data.audit.chainLinks(0, 100)
      assert.deepEqual(
        links.map((l) => l.position),
        Array.from({ length: 30 }, (_, i) => i + 1),
      )
    })

    it('leaves an event out of the chain until its transaction commits, and out for good if it rolls back', async () => {
      const before = await data.audit.chainHead()
      await assert.rejects(
        data.transaction(async (repos) => {
          await repos.audit.record(event(300))
          const [inside] = await repos.audit.list({ subjectId: '300', limit: 1 })
          assert.ok(inside)
          assert.deepEqual(await repos.audit.chainHead(), before)
          throw new Error('changed my mind')
        }),
        /changed my mind/,
      )
      assert.deepEqual(await data.audit.chainHead(), before)
      assert.deepEqual((await services.auditLog.verify()).breaks, [])
    })

    it('refuses to let the application rewrite an event or move the head', async () => {
      await assert.rejects(
        sql`update audit_event set actor = 'someone else' where id = 4`.execute(store.db),
        /append-only/,
      )
      await assert.rejects(
        sql`update audit_event set chain_position = 99, previous_hash = 'x', hash = 'y' where id = 4`.execute(store.db),
        /append-only/,
      )
      await assert.rejects(sql`delete from audit_chain_head`.execute(store.db), /only moves forward/)
      await assert.rejects(
        sql`update audit_chain_head set position = 1, hash = ${'0'.repeat(64)}`.execute(store.db),
        /only moves forward/,
      )
    })

    it('finds an event changed by the owner, naming its position, id and time', async () => {
      const [fourth] = await data.audit.chainLinks(3, 1)
      assert.ok(fourth)
      await asOwner(store, `update audit_event set details = '{"file": "forged.csv"}' where id = ${fourth.id}`)
      const { breaks } = await services.auditLog.verify()
      assert.equal(breaks.length, 1)
      assert.equal(breaks[0]?.kind, 'changed')
      assert.equal(breaks[0]?.position, 4)
      assert.equal(breaks[0]?.eventId, fourth.id)
      assert.equal(breaks[0]?.at, fourth.at)
      assert.match(breaks[0]?.message ?? '', /no longer matches its hash/)
      // Putting it back as it was mends the chain: the hash is of the content, nothing else.
      await asOwner(store, `update audit_event set details = '${fourth.details}' where id = ${fourth.id}`)
      assert.deepEqual((await services.auditLog.verify()).breaks, [])
    })

    it('finds events deleted from the middle and from the end, and an event put in outside the chain', async () => {
      const links = await data.audit.chainLinks(0, 100)
      const [tenth, last] = [links[9], links.at(-1)]
      assert.ok(tenth && last)
      await asOwner(store, `delete from audit_event where id in (${tenth.id}, ${last.id})`)
      await store.db.transaction().execute(async (trx) => {
        await sql`alter table audit_event disable trigger audit_event_chain`.execute(trx)
        await sql`insert into audit_event (actor, action, subject_type, subject_id) values ('cli:intruder', 'sign-in', 'user', '1')`.execute(
          trx,
        )
        await sql`alter table audit_event enable trigger audit_event_chain`.execute(trx)
      })
      const { breaks } = await services.auditLog.verify()
      assert.deepEqual(
        breaks.map((b) => [b.kind, b.position]),
        [
          ['missing', 10],
          ['relinked', 11],
          ['head', last.position],
          ['unchained', 0],
        ],
      )
      assert.match(breaks[0]?.message ?? '', /Position 10 of the chain is missing/)
      assert.match(breaks[2]?.message ?? '', /the last event was deleted/)
      assert.match(breaks[3]?.message ?? '', /has no place in the chain/)
    })
  })
}

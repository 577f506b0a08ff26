import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import { afterEach, beforeEach, describe, it } from 'node:test'
import { sql } from 'kysely'
import { storeTargets } from '../../test/databases.ts'
import type { Store } from '../store/connect.ts'
import { dataAccess } from '../store/data-access.ts'
import { services as buildServices, type Services } from './index.ts'
import { DEAD_LINK_MESSAGES, SET_UP_ACTOR } from './set-up-service.ts'

const PASSWORD = 'correct horse battery staple'
const MINUTE = 60 * 1000
const jo = { name: 'Jo Admin', email: 'Jo@Council.gov.uk', password: PASSWORD }

for (const target of storeTargets()) {
  describe(`the set-up link on ${target.name}`, { skip: target.skip }, () => {
    let store: Store
    let services: Services
    let clock = Date.parse('2026-12-06T09:00:00Z')
    const advance = (minutes: number) => {
      clock += minutes * MINUTE
    }

    beforeEach(async () => {
      if (!target.open) return
      clock = Date.parse('2026-12-06T09:00:00Z')
      store = await target.open()
      services = buildServices(
        store,
        { maxImportBytes: 1024, councilName: 'Test council' },
        { now: () => new Date(clock) },
      )
    })
    afterEach(async () => {
      await store.close()
    })

    it('issues a link valid for an hour, storing only its hash, and audits it without the token', async () => {
      const link = await services.setUp.issueLink()
      assert.ok(link)
      assert.match(link.token, /^[A-Za-z0-9_-]{43}$/)
      assert.equal(link.expiresAt, '2026-12-06T10:00:00.000Z')
      const rows = await store.db.selectFrom('set_up_token').selectAll().execute()
      assert.equal(rows.length, 1)
      assert.equal(rows[0]?.token_hash, createHash('sha256').update(link.token).digest('hex'))
      assert.doesNotMatch(JSON.stringify(rows), new RegExp(link.token))
      const events = await dataAccess(store).audit.list({ subjectType: 'set-up-link' })
      assert.equal(events[0]?.action, 'set-up-link.issue')
      assert.doesNotMatch(JSON.stringify(events), new RegExp(link.token))
      assert.equal(await services.setUp.linkState(link.token), 'valid')
    })

    it('creates the first administrator once; the link and every other outstanding link are then dead', async () => {
      const link = await services.setUp.issueLink()
      const other = await services.setUp.issueLink()
      assert.ok(link && other)
      const result = await services.setUp.createAdministrator(link.token, jo, { correlationId: 'req-1' })
      assert.ok(result.ok, JSON.stringify(!result.ok && result.problems))
      assert.equal(result.value.role, 'administrator')
      assert.equal(result.value.email, 'jo@council.gov.uk')
      // The new administrator signs in with the password chosen on the page.
      assert.ok((await services.accounts.signIn('jo@council.gov.uk', PASSWORD, null)).ok)

      assert.equal(await services.setUp.linkState(link.token), 'used')
      assert.equal(await services.setUp.linkState(other.token), 'used')
      const again = await services.setUp.createAdministrator(other.token, { ...jo, email: 'sam@council.gov.uk' })
      assert.ok(!again.ok)
      assert.deepEqual(again.problems, [{ field: 'link', state: 'used', message: DEAD_LINK_MESSAGES.used }])
      assert.equal((await services.users.list()).length, 1)
      // No more links once someone has an account.
      assert.equal(await services.setUp.issueLink(), null)

      const events = await dataAccess(store).audit.list({ subjectType: 'user', subjectId: String(result.value.id) })
      const event = events.find((e) => e.action === 'user.create')
      assert.equal(event?.actor, SET_UP_ACTOR)
      assert.equal(event?.correlationId, 'req-1')
      assert.doesNotMatch(JSON.stringify(event), /horse/)
    })

    it('refuses a link after its hour is up (the injected clock), and one Scrutineer never made', async () => {
      const link = await services.setUp.issueLink()
      assert.ok(link)
      advance(59)
      assert.equal(await services.setUp.linkState(link.token), 'valid')
      advance(1)
      assert.equal(await services.setUp.linkState(link.token), 'expired')
      const late = await services.setUp.createAdministrator(link.token, jo)
      assert.ok(!late.ok)
      assert.equal(late.problems[0]?.field, 'link')
      assert.equal((late.problems[0] as { state?: string }).state, 'expired')

      const madeUp = 'A'.repeat(43)
      assert.equal(await services.setUp.linkState(madeUp), 'unknown')
      assert.equal(await services.setUp.linkState('not a token'), 'unknown')
      assert.equal(await services.setUp.linkState(''), 'unknown')
      assert.ok(!(await services.setUp.createAdministrator(madeUp, jo)).ok)
      assert.equal(await services.accounts.hasUsers(), false)
    })

    it('refuses a weak password or a missing name with the account rules, and the link still works', async () => {
      const link = await services.setUp.issueLink()
      assert.ok(link)
      const weak = await services.setUp.createAdministrator(link.token, { name: ' ', email: 'jo@', password: 'short' })
      assert.ok(!weak.ok)
      assert.deepEqual(
        weak.problems.map((p) => p.field),
        ['email', 'name', 'password'],
      )
      assert.equal(await services.accounts.hasUsers(), false)
      assert.equal(await services.setUp.linkState(link.token), 'valid')
      const ownEmail = await services.setUp.createAdministrator(link.token, {
        ...jo,
        password: 'jo@council.gov.uk',
      })
      assert.ok(!ownEmail.ok)
      assert.equal(ownEmail.problems[0]?.message, 'The password must not be the email address')
    })

    it('is dead once someone has an account made another way (npx scrutineer users add)', async () => {
      const link = await services.setUp.issueLink()
      assert.ok(link)
      await services.accounts.createUser({ ...jo, role: 'administrator' }, { actor: 'cli:test' })
      assert.equal(await services.setUp.linkState(link.token), 'used')
      assert.ok(!(await services.setUp.createAdministrator(link.token, { ...jo, email: 'b@council.gov.uk' })).ok)
    })

    it('gives one administrator when two browsers race, with one link or with two', async () => {
      const link = await services.setUp.issueLink()
      const other = await services.setUp.issueLink()
      assert.ok(link && other)
      const attempts = () => [
        services.setUp.createAdministrator(link.token, { ...jo, email: 'first@council.gov.uk' }),
        services.setUp.createAdministrator(link.token, { ...jo, email: 'second@council.gov.uk' }),
        services.setUp.createAdministrator(other.token, { ...jo, email: 'third@council.gov.uk' }),
      ]
      let results: Awaited<ReturnType<Services['setUp']['createAdministrator']>>[]
      if (store.kind === 'pglite') {
        // One connection: transactions take turns, so this checks the outcome, not the locking.
        results = await Promise.all(attempts())
      } else {
        // Hold the set-up links' table so all three attempts are inside their transactions at once, then let go.
        results = await store.db
          .transaction()
          .execute(async (trx) => {
            await sql`lock table set_up_token in exclusive mode`.execute(trx)
            const running = attempts()
            const waiting = async () => {
              const row = await sql<{ n: number }>`select count(*)::int as n from pg_locks
              where not granted and relation = 'set_up_token'::regclass`.execute(store.db)
              return row.rows[0]?.n ?? 0
            }
            while ((await waiting()) < running.length) await new Promise((resolve) => setTimeout(resolve, 20))
            return running
          })
          .then((running) => Promise.all(running))
      }
      assert.equal(results.filter((r) => r.ok).length, 1)
      for (const refused of results.filter((r) => !r.ok)) {
        assert.deepEqual(
          refused.problems.map((p) => p.field),
          ['link'],
        )
      }
      assert.equal((await services.users.list()).length, 1)
    })
  })
}

import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { sql } from 'kysely'
import { storeTargets } from '../../test/databases.ts'
import { addDays } from '../domain/calendar/days.ts'
import type { Store } from '../store/connect.ts'
import { dataAccess } from '../store/data-access.ts'
import { AUDIT_PAGE_SIZE, londonDayStart, type AuditQuery } from './audit-log-service.ts'
import { services as buildServices, type Services } from './index.ts'

const INJECTION = "'; drop table audit_event; --"
const query = (q: Partial<AuditQuery>): AuditQuery => ({ text: '', action: '', from: '', to: '', ...q })

for (const target of storeTargets()) {
  describe(`searching the audit log on ${target.name}`, { skip: target.skip }, () => {
    let store: Store
    let services: Services
    let jo = 0

    before(async () => {
      if (!target.open) return
      store = await target.open()
      services = buildServices(store, { maxImportBytes: 1024, councilName: 'Test council' })
      const created = await services.accounts.createUser(
        { email: 'jo@council.gov.uk', name: 'Jo Bloggs', role: 'administrator', password: 'a long enough password' },
        { actor: 'cli:test' },
      )
      assert.ok(created.ok)
      jo = created.value.id
      const audit = dataAccess(store).audit
      for (let n = 1; n <= 60; n += 1) {
        await audit.record({
          actor: `user:${jo}`,
          action: 'figures.import',
          subjectType: 'import',
          subjectId: String(n),
          correlationId: null,
          details: { file: `month-${n}.csv` },
        })
      }
      await audit.record({
        actor: 'cli:test',
        action: 'catalogue.update',
        subjectType: 'indicator',
        subjectId: 's47-started',
        correlationId: null,
        details: { before: { title: INJECTION }, after: { title: '100% of 50_50' } },
      })
    })
    after(async () => {
      await store.close()
    })

    it('lists the newest first, 50 to a page, paged by event both ways, with every action for the filter', async () => {
      const first = await services.auditLog.search(query({}))
      assert.ok(first.ok)
      assert.deepEqual(first.value.matching, { count: 62, more: false })
      assert.equal(first.value.events.length, AUDIT_PAGE_SIZE)
      assert.equal(first.value.events[0]?.action, 'catalogue.update')
      assert.equal(first.value.newer, null)
      assert.equal(first.value.older, first.value.events.at(-1)?.id)
      assert.deepEqual(first.value.actions, ['catalogue.update', 'figures.import', 'user.create'])
      const second = await services.auditLog.search(query({ olderThan: first.value.older ?? 0 }))
      assert.ok(second.ok)
      assert.equal(second.value.events.length, 12)
      assert.equal(second.value.events.at(-1)?.action, 'user.create')
      assert.equal(second.value.older, null)
      assert.equal(second.value.newer, second.value.events[0]?.id)
      const ids = [...first.value.events, ...second.value.events].map((e) => e.id)
      assert.equal(new Set(ids).size, 62)
      assert.deepEqual(
        ids,
        [...ids].sort((a, b) => b - a),
      )
      // Back from the second page: the 50 just newer than it, which is the first page again.
      const back = await services.auditLog.search(query({ newerThan: second.value.newer ?? 0 }))
      assert.ok(back.ok)
      assert.deepEqual(
        back.value.events.map((e) => e.id),
        first.value.events.map((e) => e.id),
      )
      assert.equal(back.value.newer, null)
      assert.equal(back.value.older, first.value.older)
      // From the middle, both ways are offered.
      const middle = await services.auditLog.search(query({ olderThan: first.value.events[5]?.id ?? 0 }))
      assert.ok(middle.ok)
      assert.equal(middle.value.events.length, AUDIT_PAGE_SIZE)
      assert.equal(middle.value.newer, middle.value.events[0]?.id)
      assert.equal(middle.value.older, middle.value.events.at(-1)?.id)
    })

    it('filters by action and by free text in the actor, subject, details or the acting person', async () => {
      const action = await services.auditLog.search(query({ action: 'user.create' }))
      assert.ok(action.ok)
      assert.deepEqual(
        action.value.events.map((e) => [e.action, e.subjectAccount?.name]),
        [['user.create', 'Jo Bloggs']],
      )
      const details = await services.auditLog.search(query({ text: 'MONTH-42.csv' }))
      assert.ok(details.ok)
      assert.deepEqual(
        details.value.events.map((e) => e.subjectId),
        ['42'],
      )
      assert.equal(details.value.events[0]?.actorAccount?.email, 'jo@council.gov.uk')
      const byName = await services.auditLog.search(query({ text: 'bloggs', action: 'figures.import' }))
      assert.ok(byName.ok)
      assert.equal(byName.value.matching.count, 60)
      const subject = await services.auditLog.search(query({ text: 's47-started' }))
      assert.ok(subject.ok)
      assert.equal(subject.value.matching.count, 1)
    })

    it('treats SQL in the search text as text: no error, and finds the event holding it', async () => {
      const result = await services.auditLog.search(query({ text: INJECTION }))
      assert.ok(result.ok)
      assert.equal(result.value.matching.count, 1)
      assert.deepEqual(result.value.events[0]?.details, {
        before: { title: INJECTION },
        after: { title: '100% of 50_50' },
      })
      const still = await services.auditLog.search(query({}))
      assert.ok(still.ok)
      assert.equal(still.value.matching.count, 62)
    })

    it('filters by UK dates, from the start of the first day to the end of the last', async () => {
      const today = new Date().toISOString().slice(0, 10)
      const inRange = await services.auditLog.search(query({ from: '2020-01-01', to: '2999-12-31' }))
      assert.ok(inRange.ok)
      assert.equal(inRange.value.matching.count, 62)
      const future = await services.auditLog.search(query({ from: '2999-01-01' }))
      assert.ok(future.ok)
      assert.equal(future.value.matching.count, 0)
      const past = await services.auditLog.search(query({ to: '2020-01-01' }))
      assert.ok(past.ok)
      assert.equal(past.value.matching.count, 0)
      // London is at most an hour ahead of UTC, so an event made now falls on today's UTC date or the next in the UK.
      const around = await services.auditLog.search(query({ from: today, to: addDays(today, 1) }))
      assert.ok(around.ok)
      assert.equal(around.value.matching.count, 62)
      const before = await services.auditLog.search(query({ to: addDays(today, -1) }))
      assert.ok(before.ok)
      assert.equal(before.value.matching.count, 0)
    })

    describe('edge cases', () => {
      it('refuses dates that are not real days, and a range that ends before it starts', async () => {
        const bad = await services.auditLog.search(query({ from: '2026-02-30', to: 'yesterday' }))
        assert.deepEqual(bad, {
          ok: false,
          problems: [
            { field: 'from', message: 'The date from must be a real date, like 2026-11-30' },
            { field: 'to', message: 'The date to must be a real date, like 2026-11-30' },
          ],
        })
        const backwards = await services.auditLog.search(query({ from: '2026-11-30', to: '2026-11-01' }))
        assert.ok(!backwards.ok)
        assert.equal(backwards.problems[0]?.field, 'to')
      })

      it('matches % and _ literally rather than as wildcards', async () => {
        const percent = await services.auditLog.search(query({ text: '100%' }))
        assert.ok(percent.ok)
        assert.equal(percent.value.matching.count, 1)
        const underscore = await services.auditLog.search(query({ text: '50_5' }))
        assert.ok(underscore.ok)
        assert.equal(underscore.value.matching.count, 1)
        const wildcard = await services.auditLog.search(query({ text: 'month-%.csv' }))
        assert.ok(wildcard.ok)
        assert.equal(wildcard.value.matching.count, 0)
      })

      it('a page past the end is empty; a nonsense edge is the newest page', async () => {
        const far = await services.auditLog.search(query({ olderThan: 1 }))
        assert.ok(far.ok)
        assert.equal(far.value.events.length, 0)
        assert.deepEqual(far.value.matching, { count: 62, more: false })
        const nonsense = await services.auditLog.search(query({ olderThan: Number.NaN, newerThan: -4 }))
        assert.ok(nonsense.ok)
        assert.equal(nonsense.value.events[0]?.action, 'catalogue.update')
      })

      it('finds text where it starts a word, not inside one; and a person by any part of their name', async () => {
        const start = await services.auditLog.search(query({ text: 'month-4' }))
        assert.ok(start.ok)
        // month-4 and month-40 … month-49.
        assert.equal(start.value.matching.count, 11)
        const inside = await services.auditLog.search(query({ text: 'onth-42' }))
        assert.ok(inside.ok)
        assert.equal(inside.value.matching.count, 0)
        const email = await services.auditLog.search(query({ text: 'jo@council.gov.uk', action: 'user.create' }))
        assert.ok(email.ok)
        assert.equal(email.value.matching.count, 1)
        const partOfName = await services.auditLog.search(query({ text: 'loggs', action: 'figures.import' }))
        assert.ok(partOfName.ok)
        assert.equal(partOfName.value.matching.count, 60)
      })

      it('has indexes for the action and date filters', async () => {
        const rows = await sql<{ indexname: string }>`
          select indexname from pg_indexes where tablename = 'audit_event' order by indexname`.execute(store.db)
        const names = rows.rows.map((r) => r.indexname)
        assert.ok(names.includes('audit_event_action_idx'), names.join(', '))
        assert.ok(names.includes('audit_event_at_idx'), names.join(', '))
        assert.ok(names.includes('audit_event_words_idx'), names.join(', '))
        assert.ok(names.includes('audit_event_actor_idx'), names.join(', '))
      })

      it('free text is looked up in the words index (the search and the index use the same expression)', async () => {
        const plan = await store.db.transaction().execute(async (trx) => {
          // The test table is small enough to read whole: forbid that, so the plan shows whether the index fits.
          await sql`set local enable_seqscan = off`.execute(trx)
          const rows = await sql<Record<string, string>>`
            explain select id from audit_event
            where search_words @@ audit_search_query(${'jo@council'})`.execute(trx)
          return rows.rows.map((r) => Object.values(r).join(' ')).join('\n')
        })
        assert.match(plan, /audit_event_words_idx/)
      })

      it('a UK day starts at midnight London time, in summer and winter', () => {
        assert.equal(londonDayStart('2026-07-01'), '2026-06-30T23:00:00.000Z')
        assert.equal(londonDayStart('2026-12-01'), '2026-12-01T00:00:00.000Z')
        // The clocks go forward at 01:00 UTC on 29 March 2026: midnight is still GMT.
        assert.equal(londonDayStart('2026-03-29'), '2026-03-29T00:00:00.000Z')
        assert.equal(londonDayStart('2026-03-30'), '2026-03-29T23:00:00.000Z')
      })
    })
  })
}

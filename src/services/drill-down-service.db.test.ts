import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import { fileURLToPath } from 'node:url'
import { after, before, describe, it } from 'node:test'
import { sql } from 'kysely'
import { storeTargets } from '../../test/databases.ts'
import { measureDefinition } from '../domain/measures/catalogue.ts'
import type { Store } from '../store/connect.ts'
import { dataAccess } from '../store/data-access.ts'
import { services as buildServices, type Services } from './index.ts'

const SMALL = fileURLToPath(new URL('testdata/annex-a-small', import.meta.url))
const SEEN = { actor: 'officer@council.test', format: 'page' } as const

for (const target of storeTargets()) {
  describe(`the children behind a figure on ${target.name}`, { skip: target.skip }, () => {
    let store: Store
    let services: Services
    let importId: number
    let months: string[]
    let indicatorsUpdated: string[]

    before(async () => {
      if (!target.openDemo) return
      store = await target.openDemo()
      services = buildServices(store, { maxImportBytes: 20 * 1024 * 1024, councilName: 'Test council' })
      const result = await services.annexA.importFile(SMALL, { actor: 'test' })
      assert.ok(result.ok, JSON.stringify(!result.ok && result.problems))
      ;({ importId, months, indicatorsUpdated } = result.value)
    })
    after(async () => {
      await store.close()
    })

    it('adds up to the stored figure for every measure-linked indicator and month of the import', async () => {
      let checked = 0
      for (const indicatorId of indicatorsUpdated) {
        for (const month of months) {
          const view = await services.packs.getIndicator(indicatorId)
          const stored = view?.history.find((o) => o.period === month)
          const result = await services.drillDowns.childrenBehind(indicatorId, month, SEEN)
          const measure = measureDefinition(view?.indicator.measure?.measureId ?? '')
          if (measure?.kind === 'snapshot' && month !== months.at(-1)) {
            // A snapshot figure exists for the import's last month only: earlier ones were typed in.
            assert.ok(!result.ok && result.problem.kind === 'not-from-annex-a', `${indicatorId} ${month}`)
            continue
          }
          assert.ok(result.ok, `${indicatorId} ${month}: ${JSON.stringify(!result.ok && result.problem.kind)}`)
          const { explanation, part, importRecord, addsUp } = result.value
          assert.equal(importRecord.id, importId)
          assert.ok(addsUp, `${indicatorId} ${month}`)
          const counted = explanation.numerator.length
          if (part === 'count' || measure?.unit !== 'percentage') {
            // A count is the count; a rate is the count × 10,000 ÷ the population.
            assert.equal(counted, explanation.value.count, `${indicatorId} ${month}`)
            if (part === 'count' || measure?.unit === 'count') assert.equal(stored?.value, counted, indicatorId)
          } else {
            assert.equal(stored?.numerator, counted, `${indicatorId} ${month}`)
            assert.equal(stored?.denominator, explanation.denominator.length, `${indicatorId} ${month}`)
          }
          checked++
        }
      }
      assert.ok(checked >= indicatorsUpdated.length, `only ${checked} figures checked`)
    })

    it('links, for a whole pack at once, exactly the months whose figure has children to show', async () => {
      const ids = [...indicatorsUpdated, 'mash-24h', 'no-such-thing']
      const linked = await services.drillDowns.monthsWithChildrenOf(ids)
      assert.deepEqual([...linked.keys()], ids)
      let withChildren = 0
      for (const indicatorId of ids) {
        for (const month of [...months, '2018-02']) {
          // A blank figure (a percentage of no children) is not a link, though its month has records behind it.
          const behind = await services.drillDowns.childrenBehind(indicatorId, month, SEEN)
          const shown = behind.ok && behind.value.figure.value !== null
          assert.equal(linked.get(indicatorId)?.has(month), shown, `${indicatorId} ${month}`)
          if (shown) withChildren++
        }
        assert.deepEqual(await services.drillDowns.monthsWithChildren(indicatorId), linked.get(indicatorId))
      }
      assert.ok(withChildren >= indicatorsUpdated.length, `${withChildren} figures with children`)
      assert.equal(linked.get('mash-24h')?.size, 0)
      assert.equal(linked.get('no-such-thing')?.size, 0)
    })

    it('lists the children the hand-worked figures name: ICPCs in time in April 2018 are C2 of C1 and C2', async () => {
      const result = await services.drillDowns.childrenBehind('icpc-in-time', '2018-04', SEEN)
      assert.ok(result.ok)
      const { explanation, figure } = result.value
      assert.deepEqual(figure, {
        indicatorId: 'icpc-in-time',
        period: '2018-04',
        value: 50,
        numerator: 1,
        denominator: 2,
      })
      assert.deepEqual(
        explanation.numerator.map((r) => [r.childId, r.workingDays]),
        [['C2', 15]],
      )
      assert.deepEqual(
        explanation.denominator.map((r) => r.childId),
        ['C1', 'C2'],
      )
      // C3's strategy discussion, 31/02/2018, is not a date: left out, with the reason.
      assert.deepEqual(
        explanation.excluded.map((r) => r.childId),
        ['C3'],
      )
    })

    it('records who saw which children, and how', async () => {
      await services.drillDowns.childrenBehind('icpc-count', '2018-04', {
        actor: 'someone@council.test',
        format: 'csv',
      })
      const [event] = await dataAccess(store).audit.list({ subjectType: 'indicator', subjectId: 'icpc-count' })
      assert.equal(event?.action, 'view-children')
      assert.equal(event?.actor, 'someone@council.test')
      assert.deepEqual(event?.details, {
        month: '2018-04',
        format: 'csv',
        importId,
        measureId: 'icpcs',
        counted: 3,
        inDenominator: 0,
        leftOut: 0,
        children: 3,
        childIdsSha256: createHash('sha256').update('C1\nC2\nC3').digest('hex'),
      })
      assert.deepEqual(await dataAccess(store).audit.childrenOf(event?.id ?? 0), ['C1', 'C2', 'C3'])
    })

    it('keeps the audit event small however many children were seen: the children go in linked rows', async () => {
      const result = await services.drillDowns.childrenBehind('contacts-cin-referrals', '2018-04', SEEN)
      assert.ok(result.ok)
      const [event] = await dataAccess(store).audit.list({
        subjectType: 'indicator',
        subjectId: 'contacts-cin-referrals',
      })
      const seen = await dataAccess(store).audit.childrenOf(event?.id ?? 0)
      const shown = [
        ...result.value.explanation.numerator,
        ...result.value.explanation.denominator,
        ...result.value.explanation.excluded,
      ]
      assert.deepEqual(seen, [...new Set(shown.map((r) => r.childId))].sort())
      assert.equal(event?.details.children, seen.length)
      assert.ok(JSON.stringify(event?.details).length < 400)
    })

    it('refuses to change or delete the record of which children were seen', async () => {
      const [event] = await dataAccess(store).audit.list({ subjectType: 'indicator', subjectId: 'icpc-count' })
      const id = event?.id ?? 0
      await assert.rejects(
        sql`update audit_event_child set child_id = 'C9' where event_id = ${id}`.execute(store.db),
        /append-only/,
      )
      await assert.rejects(sql`delete from audit_event_child where event_id = ${id}`.execute(store.db), /append-only/)
      await assert.rejects(sql`truncate audit_event_child`.execute(store.db), /append-only/)
      assert.deepEqual(await dataAccess(store).audit.childrenOf(id), ['C1', 'C2', 'C3'])
    })

    it('has `audit verify` find a list of children changed behind the audit log', async () => {
      const [event] = await dataAccess(store).audit.list({ subjectType: 'indicator', subjectId: 'icpc-count' })
      const id = event?.id ?? 0
      const rewrite = async (from: string, to: string) => {
        // As the schema's owner could: with the append-only trigger off for a moment.
        await store.db.transaction().execute(async (trx) => {
          await sql`alter table audit_event_child disable trigger audit_event_child_append_only`.execute(trx)
          await sql`update audit_event_child set child_id = ${to} where event_id = ${id} and child_id = ${from}`.execute(
            trx,
          )
          await sql`alter table audit_event_child enable trigger audit_event_child_append_only`.execute(trx)
        })
      }
      assert.deepEqual(
        (await services.auditLog.verify()).breaks.filter((b) => b.kind === 'children'),
        [],
      )
      await rewrite('C2', 'C9')
      try {
        const breaks = (await services.auditLog.verify()).breaks
        assert.deepEqual(
          breaks.map((b) => [b.kind, b.eventId]),
          [['children', id]],
        )
        assert.match(breaks[0]?.message ?? '', /no longer match/)
      } finally {
        await rewrite('C9', 'C2')
      }
      assert.deepEqual((await services.auditLog.verify()).breaks, [])
    })

    it('lists the same rows from the rows each measure looks at as from every stored row', async () => {
      const data = dataAccess(store)
      const record = await data.imports.find(importId)
      assert.ok(record)
      const stored = await sql<{ n: number }>`select count(*)::int as n from annex_a_rule_rows
        where import_id = ${importId}`.execute(store.db)
      assert.ok((stored.rows[0]?.n ?? 0) > 0, 'the import recorded which rows each measure looks at')
      const views = async () => {
        const seen: unknown[] = []
        for (const indicatorId of indicatorsUpdated) {
          for (const month of months) {
            const result = await services.drillDowns.childrenBehind(indicatorId, month, SEEN)
            seen.push(result.ok ? [result.value.explanation, result.value.addsUp] : result.problem.kind)
          }
        }
        return seen
      }
      const fromRules = await views()
      // As an import stored before the rules existed: every row is read.
      const { rowMonths, ...summary } = record.summary
      assert.ok(rowMonths)
      await data.imports.setSummary(importId, summary)
      try {
        assert.deepEqual(fromRules, await views())
      } finally {
        await data.imports.setSummary(importId, record.summary)
      }
    })

    it('records a left-out child as seen too: the page shows it', async () => {
      await services.drillDowns.childrenBehind('icpc-in-time', '2018-04', SEEN)
      const [event] = await dataAccess(store).audit.list({ subjectType: 'indicator', subjectId: 'icpc-in-time' })
      assert.deepEqual(
        [event?.details.counted, event?.details.inDenominator, event?.details.leftOut, event?.details.children],
        [1, 2, 1, 3],
      )
      assert.deepEqual(await dataAccess(store).audit.childrenOf(event?.id ?? 0), ['C1', 'C2', 'C3'])
    })

    it('says when a rate’s financial year uses an earlier year’s ONS estimate, while the imported figure stands', async () => {
      const settings = await services.annexA.settings()
      const repos = dataAccess(store)
      await repos.settings.set(
        'population.source',
        {
          file: 'mye.csv',
          area: 'E06000045',
          areaName: 'Southampton',
          estimated: { '2017-18': { midYear: 2017, children: 49189 } },
          fallsBackTo: { '2018-19': '2017-18' },
          importedAt: '2018-05-01T00:00:00Z',
        },
        'test',
      )
      try {
        await services.annexA.saveSettings({ ...settings, population: { '2017-18': 49189, '2018-19': 49189 } }, 'test')
        const april = await services.drillDowns.childrenBehind('icpc-rate', '2018-04', SEEN)
        assert.ok(april.ok, JSON.stringify(!april.ok && april.problem.kind))
        assert.deepEqual(april.value.populationFallsBackTo, {
          financialYear: '2018-19',
          from: '2017-18',
          midYear: 2017,
        })
        const march = await services.drillDowns.childrenBehind('icpc-rate', '2018-03', SEEN)
        assert.ok(march.ok)
        assert.equal(march.value.populationFallsBackTo, undefined, '2017-18 has its own estimate')
        // Typed in by hand since: the council's own figure, not a fallback.
        await services.annexA.saveSettings({ ...settings, population: { '2017-18': 49189, '2018-19': 49920 } }, 'test')
        const typed = await services.drillDowns.childrenBehind('icpc-rate', '2018-04', SEEN)
        assert.ok(typed.ok)
        assert.equal(typed.value.populationFallsBackTo, undefined)
      } finally {
        await services.annexA.saveSettings(settings, 'test')
        await repos.settings.set('population.source', null, 'test')
      }
    })

    it('uses a later import of the same figures when the one that wrote them is removed; none once all are', async () => {
      const again = await services.annexA.importFile(SMALL, { actor: 'test' })
      assert.ok(again.ok)
      // Same return, same figures: they stay attributed to the first import.
      assert.equal(again.value.figuresRevised + again.value.figuresAdded, 0)
      const removed = await services.annexA.removeImport(importId, 'test')
      assert.ok(removed.ok)
      const fromLater = await services.drillDowns.childrenBehind('icpc-count', '2018-04', SEEN)
      assert.ok(fromLater.ok)
      assert.equal(fromLater.value.importRecord.id, again.value.importId)
      assert.equal(fromLater.value.explanation.numerator.length, 3)

      const removedToo = await services.annexA.removeImport(again.value.importId, 'test')
      assert.ok(removedToo.ok)
      const before = (await dataAccess(store).audit.list({ subjectId: 'icpc-count' })).length
      const gone = await services.drillDowns.childrenBehind('icpc-count', '2018-04', SEEN)
      assert.ok(!gone.ok)
      assert.equal(gone.problem.kind, 'records-removed')
      assert.ok(gone.problem.kind === 'records-removed' && gone.problem.importRecord.id === again.value.importId)
      // Nothing was shown, so nothing is recorded as seen.
      assert.equal((await dataAccess(store).audit.list({ subjectId: 'icpc-count' })).length, before)
    })

    describe('edge cases', () => {
      it('says so when the month was typed in, not computed from Annex A (February 2018 precedes the return)', async () => {
        const result = await services.drillDowns.childrenBehind('icpc-count', '2018-02', SEEN)
        assert.ok(!result.ok)
        assert.equal(result.problem.kind, 'not-from-annex-a')
        assert.ok(result.problem.kind === 'not-from-annex-a' && result.problem.source?.kind === 'figures')
      })

      it('refuses an indicator without a measure, an unknown indicator, and a month with no figure', async () => {
        const unlinked = await services.drillDowns.childrenBehind('mash-24h', '2018-04', SEEN)
        assert.ok(!unlinked.ok && unlinked.problem.kind === 'no-measure')
        const unknown = await services.drillDowns.childrenBehind('no-such-thing', '2018-04', SEEN)
        assert.ok(!unknown.ok && unknown.problem.kind === 'no-such-indicator')
        const empty = await services.drillDowns.childrenBehind('icpc-count', '2030-01', SEEN)
        assert.ok(!empty.ok && empty.problem.kind === 'no-figure')
      })
    })
  })
}

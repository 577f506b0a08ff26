import assert from 'node:assert/strict'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { after, before, describe, it } from 'node:test'
import { IMPORT_TABLES, storeTargets, tablesSnapshot } from '../../test/databases.ts'
import { UNREADABLE_IN_CENSUS } from '../importers/cin-census/annex-a-rows.ts'
import type { Store } from '../store/connect.ts'
import { annexARepository } from '../store/annex-a-repository.ts'
import { figureFor, type AnnexAImportSummary } from './annex-a-service.ts'
import { measuresFromCinCensus } from './cin-census-service.ts'
import { services as buildServices, type Services } from './index.ts'
import { scratchFolders } from '../../test/scratch.ts'

const CENSUS = fileURLToPath(new URL('../../fixtures/cin-census/CIN_Census_2024.xml', import.meta.url))
const SEEN = { actor: 'officer@council.test', format: 'page' } as const
const SNAPSHOT_TABLES = [...IMPORT_TABLES, 'audit_event']

for (const target of storeTargets()) {
  describe(`importing a children in need census on ${target.name}`, { skip: target.skip }, () => {
    const scratch = scratchFolders('scrutineer-cin-')
    let store: Store
    let services: Services
    let summary: AnnexAImportSummary

    before(async () => {
      if (!target.openDemo) return
      store = await target.openDemo()
      services = buildServices(store, { maxImportBytes: 20 * 1024 * 1024, councilName: 'Test council' })
      const result = await services.annexA.importFile(CENSUS, { actor: 'test', end: '2024-10', months: 25 })
      assert.ok(result.ok, JSON.stringify(!result.ok && result.problems))
      summary = result.value
    })
    after(async () => {
      await store.close()
    })

    it('is listed as a census import, with its lists 3–7 and its problems', async () => {
      const [latest] = await services.annexA.listImports()
      assert.equal(latest?.id, summary.importId)
      assert.equal(latest?.layout, 'cin-census')
      assert.equal(latest?.sourceFile, 'CIN_Census_2024.xml')
      assert.deepEqual(
        summary.lists.map((l) => [l.list, l.rows]),
        [
          [3, 2],
          [4, 2],
          [5, 1],
          [6, 2],
          [7, 1],
        ],
      )
      const report = await services.annexA.dataQuality(summary.importId, { actor: 'cli:test' })
      assert.ok(report)
      // DfEX0000001's assessment was authorised (2020-09-19) before it started (2028-04-28).
      assert.ok(report.errors.some((p) => /DfEX0000001: The authorisation date is before/.test(p.reason)))
      assert.equal(report.errors.length, summary.errors)
    })

    it('writes the figures `measures --cin-census` computes into every linked indicator', async () => {
      const settings = await services.annexA.settings()
      const calendar = await services.calendar.calendar()
      const computed = await measuresFromCinCensus(CENSUS, { end: '2024-10', months: 25, settings, calendar })
      assert.ok(computed.ok)
      let compared = 0
      for (const indicatorId of summary.indicatorsUpdated) {
        const view = await services.packs.getIndicator(indicatorId)
        assert.ok(view)
        const id = view.indicator.measure?.measureId ?? ''
        const series = computed.value.measures[id] ?? computed.value.snapshot[id]
        for (const period of summary.months) {
          const source = series?.[period]
          if (source === undefined) continue
          const expected = figureFor(view.indicator, period, source)
          const stored: { value: number | null; numerator: number | null; denominator: number | null } | undefined =
            view.history.find((o) => o.period === period)
          assert.deepEqual(
            { value: stored?.value, numerator: stored?.numerator, denominator: stored?.denominator },
            { value: expected.value, numerator: expected.numerator, denominator: expected.denominator },
            `${indicatorId} ${period}`,
          )
          compared++
        }
      }
      assert.ok(compared > summary.indicatorsUpdated.length, `only ${compared} figures compared`)
      // The census has no contacts and no statutory visits: their indicators are left as they were.
      const contactLinked = (await store.db.selectFrom('indicator').select(['id', 'measure_id']).execute()).filter(
        (i) => i.measure_id === 'contacts' || i.measure_id === 'cp-visits-in-time',
      )
      assert.ok(contactLinked.length > 0, 'the demo links contacts or CP visits to an indicator')
      for (const i of contactLinked) assert.ok(!summary.indicatorsUpdated.includes(i.id), i.id)
      const linkedCount = (await store.db.selectFrom('indicator').select('measure_id').execute()).filter(
        (i) => i.measure_id !== null,
      ).length
      const [record] = await services.annexA.listImports()
      assert.ok(record !== undefined && record.indicatorCount < linkedCount, 'counts only the indicators it feeds')
      // By hand: one referral in October 2022 (DfEX0000001) and one in October 2024 (child_fails_assessments).
      assert.equal(computed.value.measures.referrals?.['2022-10']?.count, 1)
      assert.equal(computed.value.measures.referrals?.['2024-10']?.count, 1)
    })

    it('lists the children behind a census figure', async () => {
      // The demo catalogue links "contacts that became CIN referrals" to the referrals measure.
      const indicatorId = 'contacts-cin-referrals'
      assert.ok(summary.indicatorsUpdated.includes(indicatorId))
      const result = await services.drillDowns.childrenBehind(indicatorId, '2024-10', SEEN)
      assert.ok(result.ok, JSON.stringify(!result.ok && result.problem))
      assert.equal(result.value.importRecord.id, summary.importId)
      assert.ok(result.value.addsUp)
      assert.deepEqual(
        result.value.explanation.numerator.map((r) => [r.childId, r.list]),
        [['child_fails_assessments', 3]],
      )
      const earlier = await services.drillDowns.childrenBehind(indicatorId, '2022-10', SEEN)
      assert.ok(earlier.ok)
      assert.deepEqual(
        earlier.value.explanation.numerator.map((r) => r.childId),
        ['DfEX0000001'],
      )
    })

    it('refuses a census that is not well-formed XML, changing nothing', async () => {
      const dir = await scratch()
      const broken = join(dir, 'broken.xml')
      await writeFile(broken, '<Message><Children><Child><LAchildID>X1</Child></Children></Message>\n')
      const beforeImport = await tablesSnapshot(store, SNAPSHOT_TABLES)
      const result = await services.annexA.importFile(broken, { actor: 'test' })
      assert.ok(!result.ok)
      assert.match(result.problems[0]?.reason ?? '', /not well-formed XML/)
      assert.equal(await tablesSnapshot(store, SNAPSHOT_TABLES), beforeImport)
    })

    it('stores a census written on one line, whose records share a line, with an unreadable value kept unreadable', async () => {
      const dir = await scratch()
      const bad = join(dir, 'bad-date.xml')
      await writeFile(
        bad,
        '<Message><Children><Child><ChildIdentifiers><LAchildID>B1</LAchildID></ChildIdentifiers>' +
          '<CINdetails><CINreferralDate>2024-02-30</CINreferralDate><ReferralNFA>false</ReferralNFA></CINdetails>' +
          '<CINdetails><CINreferralDate>2024-03-04</CINreferralDate><ReferralNFA>true</ReferralNFA></CINdetails>' +
          '</Child></Children></Message>\n',
      )
      const result = await services.annexA.importFile(bad, { actor: 'test', end: '2024-03', months: 1 })
      assert.ok(result.ok, JSON.stringify(!result.ok && result.problems))
      const rows = await annexARepository(store.db).rows(result.value.importId, 3)
      assert.equal(rows.length, 2)
      assert.ok(JSON.stringify(rows).includes(UNREADABLE_IN_CENSUS))
      // The unreadable referral date leaves that referral out of the count (not counted as a blank date would be
      // either), and the drill-down re-reads the stored rows to the same figure.
      const behind = await services.drillDowns.childrenBehind('contacts-cin-referrals', '2024-03', SEEN)
      assert.ok(behind.ok, JSON.stringify(!behind.ok && behind.problem))
      assert.ok(behind.value.addsUp)
      assert.deepEqual(
        behind.value.explanation.numerator.map((r) => [r.childId, r.dates.referralDate]),
        [['B1', '2024-03-04']],
      )
    })
  })
}

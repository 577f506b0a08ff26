/**
 * The month's cycle, followed through a month of the demo council as officers work it: March 2018 has figures
 * but no commentary, no overview and no publication. Each test takes the next step and checks the page's facts
 * move with it. The tests run in order and share the database.
 */
import assert from 'node:assert/strict'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { after, before, describe, it } from 'node:test'
import { storeTargets } from '../../test/databases.ts'
import { linkedOwner } from '../../test/owners.ts'
import { blankCoverSheet, coverSheetInput } from '../domain/scrutiny/report.ts'
import type { Store } from '../store/connect.ts'
import type { Person } from './commentary-service.ts'
import { services as buildServices, type Services } from './index.ts'
import type { MonthCycle } from './month-cycle-service.ts'

const SMALL = fileURLToPath(new URL('testdata/annex-a-small', import.meta.url))
const MONTH = '2018-03'
const MAX = 20 * 1024 * 1024
// Jane's id is her account's, set once it exists and is linked to her indicators.
const JANE: Person = { id: 0, name: 'Jane White', role: 'indicator-owner' }
const DIRECTOR: Person = { id: 3, name: 'The Director', role: 'director' }
const context = { actor: 'test' }

for (const target of storeTargets()) {
  describe(`the month's cycle on ${target.name}`, { skip: target.skip }, () => {
    let store: Store
    let services: Services
    let dir: string
    // 10 April 2018, 09:00 in London: the morning after March's figures are in.
    let clock = Date.parse('2018-04-10T08:00:00Z')

    before(async () => {
      if (!target.open) return
      store = await target.open()
      services = buildServices(
        store,
        { maxImportBytes: MAX, councilName: 'Test council' },
        { now: () => new Date((clock += 1000)) },
      )
      await services.demo.loadIfEmpty({ documentPack: false })
      JANE.id = (await linkedOwner(services, 'Jane White')).id
      dir = await mkdtemp(join(tmpdir(), 'scrutineer-cycle-'))
    })
    after(async () => {
      await store.close()
      await rm(dir, { recursive: true, force: true })
    })

    async function cycle(): Promise<MonthCycle> {
      const result = await services.monthCycle.monthCycle('monthly', MONTH)
      assert.ok(result.ok)
      return result.value
    }

    async function importFigures(name: string, csv: string): Promise<void> {
      const file = join(dir, name)
      await writeFile(file, csv)
      const result = await services.figures.importFile(file, { mode: 'values', actor: 'test', maxBytes: MAX })
      assert.ok(result.ok, JSON.stringify(!result.ok && result.problems))
    }

    const jane = (c: MonthCycle) => c.commentary.owners.find((o) => o.owner === 'Jane White')

    it('starts with one figure missing and nothing written, published or on an agenda', async () => {
      const c = await cycle()
      assert.equal(c.today, '2018-04-10')
      assert.equal(c.figures.indicators.length, 49)
      // The demo's table has no March figure for this one (its last is December 2017).
      assert.deepEqual(
        c.figures.missing.map((i) => i.id),
        ['transfer-ins-to-cpp'],
      )
      assert.ok(c.annexA.linkedIndicators > 0)
      assert.deepEqual(c.annexA.imports, [])
      assert.equal(c.commentary.totals['not-started'], 49)
      assert.ok(jane(c)?.indicatorIds.includes('transfer-ins-to-cpp'))
      assert.equal(c.overview.progress, 'not-started')
      assert.equal(c.publication.latest, null)
      // Every demo meeting is held and none carries March 2018.
      assert.equal(c.meeting, null)
    })

    it('no longer lists a figure as missing once it is loaded', async () => {
      await importFigures('march.csv', 'indicator_id,period,value\ntransfer-ins-to-cpp,2018-03,50\n')
      const c = await cycle()
      assert.deepEqual(c.figures.missing, [])
    })

    it("moves an owner's commentary through drafted, submitted, returned and approved", async () => {
      const counts = async () => {
        const group = jane(await cycle())
        assert.ok(group)
        return group.counts
      }
      const before = await counts()
      assert.ok((await services.commentary.saveCommentary('monthly', MONTH, 'missing-children', 'Up', JANE)).ok)
      assert.equal((await counts()).draft, before.draft + 1)
      assert.equal((await counts())['not-started'], before['not-started'] - 1)
      assert.ok((await services.commentary.submitCommentary('monthly', MONTH, 'missing-children', JANE)).ok)
      assert.deepEqual([(await counts()).draft, (await counts()).submitted], [before.draft, 1])
      const returned = await services.commentary.returnCommentary(
        'monthly',
        MONTH,
        'missing-children',
        'Say why',
        DIRECTOR,
      )
      assert.ok(returned.ok)
      assert.deepEqual([(await counts()).returned, (await counts()).submitted], [1, 0])
      // Editing a returned draft leaves it returned until it is submitted again.
      assert.ok((await services.commentary.saveCommentary('monthly', MONTH, 'missing-children', 'Up: why', JANE)).ok)
      assert.equal((await counts()).returned, 1)
      assert.ok((await services.commentary.submitCommentary('monthly', MONTH, 'missing-children', JANE)).ok)
      assert.ok((await services.commentary.approveCommentary('monthly', MONTH, 'missing-children', DIRECTOR)).ok)
      const after = await counts()
      assert.deepEqual([after.returned, after.submitted, after.approved], [0, 0, before.approved + 1])
      const c = await cycle()
      assert.equal(c.commentary.totals.approved, 1)
      assert.equal(c.commentary.totals['not-started'], 48)
      // The other owners are untouched.
      assert.ok(c.commentary.owners.filter((o) => o.owner !== 'Jane White').every((o) => o.counts.approved === 0))
    })

    it("follows the director's overview from not started to approved", async () => {
      const sections = [{ title: 'Summary', text: 'A steady month.' }]
      assert.ok((await services.commentary.saveOverview('monthly', MONTH, sections, DIRECTOR)).ok)
      assert.equal((await cycle()).overview.progress, 'draft')
      assert.ok((await services.commentary.submitOverview('monthly', MONTH, DIRECTOR)).ok)
      assert.equal((await cycle()).overview.progress, 'submitted')
      assert.ok((await services.commentary.approveOverview('monthly', MONTH, DIRECTOR)).ok)
      const c = await cycle()
      assert.equal(c.overview.progress, 'approved')
      assert.equal(c.overview.record?.approvedBy, 'The Director')
    })

    it('shows the problems of the Annex A import covering the month, newest first', async () => {
      const imported = await services.annexA.importFile(SMALL, { actor: 'test' })
      assert.ok(imported.ok)
      // The return has a strategy discussion dated 31/02/2018: at least one error stands.
      assert.ok(imported.value.errors > 0)
      const c = await cycle()
      assert.deepEqual(
        c.annexA.imports.map((i) => [i.id, i.errors, i.warnings, i.months]),
        [[imported.value.importId, imported.value.errors, imported.value.warnings, ['2018-03', '2018-04']]],
      )
      // A return ending in February does not cover March.
      const february = await services.annexA.importFile(SMALL, { actor: 'test', end: '2018-02', months: 2 })
      assert.ok(february.ok)
      assert.deepEqual(
        (await cycle()).annexA.imports.map((i) => i.id),
        [imported.value.importId],
      )
      const again = await services.annexA.importFile(SMALL, { actor: 'test' })
      assert.ok(again.ok)
      assert.deepEqual(
        (await cycle()).annexA.imports.map((i) => i.id),
        [again.value.importId, imported.value.importId],
      )
    })

    it('shows the publication, then the figures revised since it', async () => {
      const published = await services.publications.publish('monthly', MONTH, 'The Director')
      assert.ok(published.ok)
      let c = await cycle()
      assert.deepEqual(c.publication.latest, {
        version: 1,
        publishedAt: published.value.publishedAt,
        publishedBy: 'The Director',
        contentHash: published.value.contentHash,
        intact: true,
      })
      assert.deepEqual(c.publication.revised, [])
      // Publishing moved the approved words on.
      assert.deepEqual([c.commentary.totals.approved, c.commentary.totals.published], [0, 1])
      assert.equal(c.overview.progress, 'published')

      await importFigures('revision.csv', 'indicator_id,period,value\ntransfer-ins-to-cpp,2018-03,60\n')
      c = await cycle()
      assert.deepEqual(
        c.publication.revised.map((r) => [r.indicator.id, r.period, r.published, r.live]),
        [['transfer-ins-to-cpp', '2018-03', 50, 60]],
      )
    })

    it('names the next scheduled meeting with its papers date, then the meeting whose agenda carries the month', async () => {
      const [committee] = await services.meetings.listCommittees()
      assert.ok(committee)
      const created = await services.meetings.createMeeting(
        committee.id,
        { date: '2018-05-17', startTime: '17:30', venue: 'Civic Centre' },
        context,
      )
      assert.ok(created.ok)
      let c = await cycle()
      assert.equal(c.meeting?.choice.rule, 'next-scheduled')
      assert.equal(c.meeting.choice.meeting.id, created.value)
      assert.equal(c.meeting.committee?.name, committee.name)
      // Thursday 17 May: five clear working days are 10, 11, 14, 15 and 16 May, so Wednesday 9 May.
      assert.equal(c.meeting.papersDueBy, '2018-05-09')
      assert.equal(c.meeting.documentPack, null)

      const item = await services.reports.addReportItem(
        created.value,
        { title: 'Children and Families - Performance', description: '' },
        context,
      )
      assert.ok(item.ok)
      const report = await services.reports.saveCoverSheet(
        item.value,
        {
          ...coverSheetInput(blankCoverSheet('Children and Families - Performance', '2018-05-17', committee.name)),
          reportOf: 'Service Director',
        },
        context,
      )
      assert.ok(report.ok, JSON.stringify(!report.ok && report.problems))
      const appendix = await services.reports.addAppendix(
        report.value,
        { kind: 'dataset-pack', datasetId: 'monthly', period: MONTH },
        context,
      )
      assert.ok(appendix.ok)
      const agenda = (await services.meetings.getMeeting(created.value))?.agenda ?? []
      const position = agenda.find((i) => i.id === item.value)?.position
      c = await cycle()
      assert.deepEqual(c.meeting?.choice.rule === 'on-agenda' && c.meeting.choice.item, {
        position,
        title: 'Children and Families - Performance',
      })
      assert.equal(c.meeting?.papersDueBy, '2018-05-09')
    })

    describe('edge cases', () => {
      it('refuses a dataset that does not exist', async () => {
        const result = await services.monthCycle.monthCycle('no-such', MONTH)
        assert.ok(!result.ok)
        assert.equal(result.problems[0]?.kind, 'no-such-dataset')
      })

      it('shows a month with no figures yet as every indicator missing, with nothing to revise', async () => {
        // The demo's figures end in June 2018.
        const result = await services.monthCycle.monthCycle('monthly', '2018-07')
        assert.ok(result.ok)
        assert.equal(result.value.figures.missing.length, 49)
        assert.deepEqual(result.value.publication, { latest: null, revised: [] })
      })
    })
  })
}

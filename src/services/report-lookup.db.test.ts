/**
 * Finding reports for the JSON API: a report by its id with where it sits, and a meeting's reports by agenda item.
 */
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { storeTargets } from '../../test/databases.ts'
import { blankCoverSheet, coverSheetInput } from '../domain/scrutiny/report.ts'
import type { Store } from '../store/connect.ts'
import { services as buildServices, type Services } from './index.ts'

for (const target of storeTargets()) {
  describe(`finding reports on ${target.name}`, { skip: target.skip }, () => {
    let store: Store
    let services: Services
    let june2018: number
    const context = { actor: 'test' }

    before(async () => {
      if (!target.openDemo) return
      store = await target.openDemo()
      services = buildServices(store, { maxImportBytes: 20 * 1024 * 1024, councilName: 'Test council' })
      const meeting = (await services.meetings.allMeetings()).find((e) => e.meeting.date === '2018-06-07')
      assert.ok(meeting)
      june2018 = meeting.meeting.id
    })
    after(async () => {
      await store.close()
    })

    it('finds a report by its id with its meeting, committee, agenda item and appendices', async () => {
      const ids = await services.reports.reportIdsByItem(june2018)
      const item9 = (await services.reports.itemReport(june2018, 9))?.item
      assert.ok(item9)
      const reportId = ids.get(item9.id)
      assert.ok(reportId !== undefined)
      assert.equal(ids.size, 1)
      const view = await services.reports.reportById(reportId)
      assert.equal(view?.report.id, reportId)
      assert.equal(view.meeting.id, june2018)
      assert.equal(view.committee.name, 'Children and Families Scrutiny Panel')
      assert.equal(view.item.position, 9)
      assert.deepEqual(
        view.appendices.map((a) => a.kind),
        ['dataset-pack', 'glossary'],
      )
    })

    it('finds a second report on the same agenda under its own item', async () => {
      const item8 = await services.reports.itemReport(june2018, 8)
      assert.ok(item8)
      const input = coverSheetInput(
        blankCoverSheet(item8.item.title, '2018-06-07', 'Children and Families Scrutiny Panel'),
      )
      const saved = await services.reports.saveCoverSheet(
        item8.item.id,
        { ...input, reportOf: 'Service Director' },
        context,
      )
      assert.ok(saved.ok)
      const ids = await services.reports.reportIdsByItem(june2018)
      assert.equal(ids.size, 2)
      assert.equal(ids.get(item8.item.id), saved.value)
      assert.equal((await services.reports.reportById(saved.value))?.item.position, 8)
    })

    describe('edge cases', () => {
      it('null for an unknown report; an empty map for a meeting with no reports or no such meeting', async () => {
        assert.equal(await services.reports.reportById(999999), null)
        assert.equal((await services.reports.reportIdsByItem(999999)).size, 0)
        const other = (await services.meetings.allMeetings()).find((e) => e.meeting.date === '2019-06-06')
        assert.ok(other)
        assert.equal((await services.reports.reportIdsByItem(other.meeting.id)).size, 0)
      })
    })
  })
}

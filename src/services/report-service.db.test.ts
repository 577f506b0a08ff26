import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { storeTargets } from '../../test/databases.ts'
import { coverSheetInput, blankCoverSheet } from '../domain/scrutiny/report.ts'
import type { Store } from '../store/connect.ts'
import { services as buildServices, type Services } from './index.ts'
import { onePagePdf } from '../../test/pdf.ts'

for (const target of storeTargets()) {
  describe(`reports on ${target.name}`, { skip: target.skip }, () => {
    let store: Store
    let services: Services
    let meetingId: number
    const context = { actor: 'democratic.services@council.test' }

    async function auditActions(prefix: string): Promise<string[]> {
      const rows = await store.db
        .selectFrom('audit_event')
        .select('action')
        .where('action', 'like', `${prefix}%`)
        .orderBy('id')
        .execute()
      return rows.map((r) => r.action)
    }

    before(async () => {
      if (!target.openDemo) return
      store = await target.openDemo()
      services = buildServices(store, { maxImportBytes: 20 * 1024 * 1024, councilName: 'Test council' })
      const meeting = (await services.meetings.allMeetings()).find((e) => e.meeting.date === '2018-06-07')
      assert.ok(meeting)
      meetingId = meeting.meeting.id
    })
    after(async () => {
      await store.close()
    })

    it('loads the demo cover sheet of item 9 with its appendices in order', async () => {
      const view = await services.reports.itemReport(meetingId, 9)
      assert.equal(view?.report?.subject, 'Children and Families - Performance')
      assert.equal(view?.report?.contacts[0]?.name, 'Mark Pirnie')
      assert.deepEqual(
        view?.appendices.map((a) => [a.position, a.kind]),
        [
          [1, 'dataset-pack'],
          [2, 'glossary'],
        ],
      )
      // Loading again adds nothing.
      assert.equal(await services.reports.loadDemoIfEmpty(), 0)
    })

    it('creates and updates a report on an item, with audit events before and after', async () => {
      const view = await services.reports.itemReport(meetingId, 8)
      assert.ok(view && view.report === null)
      const input = coverSheetInput({
        ...blankCoverSheet(view.item.title, '2018-06-07', 'Panel'),
        reportOf: 'Director',
      })
      const created = await services.reports.saveCoverSheet(
        view.item.id,
        { ...input, recommendations: 'Note it' },
        context,
      )
      assert.ok(created.ok)
      const updated = await services.reports.saveCoverSheet(
        view.item.id,
        { ...input, recommendations: 'Note it\nChallenge it' },
        context,
      )
      assert.ok(updated.ok)
      assert.equal(updated.value, created.value)
      const after = await services.reports.itemReport(meetingId, 8)
      assert.deepEqual(after?.report?.recommendations, ['Note it', 'Challenge it'])
      // The demo's three reports (7 June 2018, 26 September 2019, 1 October 2020), then this one.
      assert.deepEqual(await auditActions('report.'), [
        'report.create',
        'report.create',
        'report.create',
        'report.create',
        'report.update',
      ])
    })

    it('adds appendices after the last, stores an upload with its hash and keeps positions 1…n on removal', async () => {
      const view = await services.reports.itemReport(meetingId, 8)
      assert.ok(view?.report)
      const reportId = view.report.id
      const pack = await services.reports.addAppendix(
        reportId,
        { kind: 'dataset-pack', datasetId: 'monthly', period: '2018-04' },
        context,
      )
      assert.ok(pack.ok)
      const bytes = await onePagePdf('Appendix')
      const upload = await services.reports.uploadAppendix(
        reportId,
        { fileName: 'Ofsted letter.pdf', bytes, title: '', membersRoomOnly: true },
        context,
      )
      assert.ok(upload.ok, JSON.stringify(!upload.ok && upload.problems))
      const glossary = await services.reports.addAppendix(reportId, { kind: 'glossary' }, context)
      assert.ok(glossary.ok)
      const file = await services.reports.appendixFile(upload.value)
      assert.deepEqual(file?.content, bytes)
      assert.equal(file?.membersRoomOnly, true)
      const listed = (await services.reports.itemReport(meetingId, 8))?.appendices ?? []
      assert.deepEqual(
        listed.map((a) => [a.position, a.title]),
        [
          [1, 'Children and Families Monthly Dataset – April 2018'],
          [2, 'Ofsted letter'],
          [3, 'Glossary of terms'],
        ],
      )
      const uploaded = listed[1]
      assert.ok(uploaded?.kind === 'upload')
      assert.match(uploaded.file.sha256, /^[0-9a-f]{64}$/)
      await services.reports.removeAppendix(pack.value, context)
      const afterRemoval = (await services.reports.itemReport(meetingId, 8))?.appendices ?? []
      assert.deepEqual(
        afterRemoval.map((a) => [a.position, a.kind]),
        [
          [1, 'upload'],
          [2, 'glossary'],
        ],
      )
      assert.deepEqual(await auditActions('report.appendix'), [
        'report.appendix.add',
        'report.appendix.add',
        'report.appendix.add',
        'report.appendix.remove',
      ])
    })

    it('adds, moves and removes agenda items, keeping positions 1…n, each audited', async () => {
      const before = (await services.meetings.getMeeting(meetingId))?.agenda ?? []
      const added = await services.reports.addReportItem(meetingId, { title: 'Early Help', description: '' }, context)
      assert.ok(added.ok)
      let agenda = (await services.meetings.getMeeting(meetingId))?.agenda ?? []
      assert.equal(agenda.at(-1)?.title, 'Early Help')
      assert.equal(agenda.at(-1)?.position, before.length + 1)
      assert.equal(await services.reports.moveItem(meetingId, added.value, 'up', context), true)
      agenda = (await services.meetings.getMeeting(meetingId))?.agenda ?? []
      assert.equal(agenda[before.length - 1]?.title, 'Early Help')
      assert.equal(agenda[before.length]?.title, before.at(-1)?.title)
      const removed = await services.reports.removeItem(meetingId, added.value, context)
      assert.ok(removed.ok)
      agenda = (await services.meetings.getMeeting(meetingId))?.agenda ?? []
      assert.deepEqual(
        agenda.map((i) => [i.position, i.title]),
        before.map((i) => [i.position, i.title]),
      )
      assert.deepEqual(await auditActions('agenda.item'), ['agenda.item.add', 'agenda.item.move', 'agenda.item.remove'])
    })

    it('adds a report before "Monitoring scrutiny recommendations", which stays the last item', async () => {
      const [committee] = await services.meetings.listCommittees()
      assert.ok(committee)
      const created = await services.meetings.createMeeting(
        committee.id,
        { date: '2019-11-28', startTime: '17:30', venue: 'Civic Centre' },
        context,
      )
      assert.ok(created.ok)
      const added = await services.reports.addReportItem(
        created.value,
        { title: 'Youth Justice', description: '' },
        context,
      )
      assert.ok(added.ok)
      const agenda = (await services.meetings.getMeeting(created.value))?.agenda ?? []
      assert.deepEqual(
        agenda.slice(-3).map((i) => [i.position, i.kind]),
        [
          [6, 'previous-minutes'],
          [7, 'report'],
          [8, 'monitoring-recommendations'],
        ],
      )
      const events = await store.db
        .selectFrom('audit_event')
        .select('details')
        .where('action', '=', 'agenda.item.add')
        .where('subject_id', '=', String(created.value))
        .execute()
      assert.match(JSON.stringify(events[0]?.details), /"position":7/)
    })

    describe('edge cases', () => {
      it('refuses a pack that is not published, an oversize file and a fake PDF, storing nothing', async () => {
        const view = await services.reports.itemReport(meetingId, 9)
        assert.ok(view?.report)
        const count = view.appendices.length
        const unpublished = await services.reports.addAppendix(
          view.report.id,
          { kind: 'dataset-pack', datasetId: 'monthly', period: '2018-03' },
          context,
        )
        assert.ok(!unpublished.ok && /has not been published/.test(unpublished.problems[0]?.message ?? ''))
        const fake = await services.reports.uploadAppendix(
          view.report.id,
          { fileName: 'fake.pdf', bytes: new TextEncoder().encode('hello'), title: '', membersRoomOnly: false },
          context,
        )
        assert.equal(fake.ok, false)
        const big = new Uint8Array(services.reports.maxUploadBytes + 1)
        big.set(new TextEncoder().encode('%PDF-1.7'))
        const oversize = await services.reports.uploadAppendix(
          view.report.id,
          { fileName: 'big.pdf', bytes: big, title: '', membersRoomOnly: false },
          context,
        )
        assert.ok(!oversize.ok && /larger than 10\.0 MB/.test(oversize.problems[0]?.message ?? ''))
        assert.equal((await services.reports.itemReport(meetingId, 9))?.appendices.length, count)
      })

      it('will not remove an item with a report, nor move the first item up', async () => {
        const view = await services.reports.itemReport(meetingId, 9)
        assert.ok(view)
        const removed = await services.reports.removeItem(meetingId, view.item.id, context)
        assert.ok(!removed.ok && /has a report/.test(removed.problems[0]?.message ?? ''))
        const first = (await services.meetings.getMeeting(meetingId))?.agenda[0]
        assert.ok(first)
        assert.equal(await services.reports.moveItem(meetingId, first.id, 'up', context), false)
        assert.equal(await services.reports.itemReport(meetingId, 99), null)
      })
    })

    it('adds any dataset’s published month, offered among every published month, and refuses an unpublished one', async () => {
      const created = await services.datasets.create(
        { id: 'edge-of-care', title: 'Edge of Care Dataset', indicatorIds: ['uha-started', 'mash-24h'] },
        context,
      )
      assert.ok(created.ok)
      const view = await services.reports.itemReport(meetingId, 9)
      assert.ok(view?.report)
      const before = view.appendices.length
      const unpublished = await services.reports.addAppendix(
        view.report.id,
        { kind: 'dataset-pack', datasetId: 'edge-of-care', period: '2018-04' },
        context,
      )
      assert.ok(!unpublished.ok)
      assert.deepEqual(unpublished.problems, [
        { field: 'month', message: 'The edge-of-care pack for April 2018 has not been published' },
      ])

      assert.ok((await services.publications.publish('edge-of-care', '2018-04', 'director@council')).ok)
      const months = await services.publications.publishedMonths()
      assert.deepEqual(
        months.filter((m) => m.period === '2018-04'),
        [
          {
            datasetId: 'monthly',
            datasetTitle: 'Children and Families Monthly Dataset',
            period: '2018-04',
            version: 1,
          },
          // The demo's second dataset, published for April 2018 too.
          { datasetId: 'early-help', datasetTitle: 'Early Help Dataset', period: '2018-04', version: 1 },
          { datasetId: 'edge-of-care', datasetTitle: 'Edge of Care Dataset', period: '2018-04', version: 1 },
        ],
      )
      const added = await services.reports.addAppendix(
        view.report.id,
        { kind: 'dataset-pack', datasetId: 'edge-of-care', period: '2018-04' },
        context,
      )
      assert.ok(added.ok, JSON.stringify(!added.ok && added.problems))
      const appendix = await services.reports.appendix(added.value)
      assert.deepEqual(appendix?.kind === 'dataset-pack' && [appendix.position, appendix.title, appendix.datasetId], [
        before + 1,
        'Edge of Care Dataset – April 2018',
        'edge-of-care',
      ])
      // Its overview: this dataset's month was published without one.
      const overview = await services.reports.addAppendix(
        view.report.id,
        { kind: 'performance-overview', datasetId: 'edge-of-care', period: '2018-04' },
        context,
      )
      assert.ok(!overview.ok)
      assert.match(
        overview.problems[0]?.message ?? '',
        /Edge of Care Dataset for April 2018 has no performance overview/,
      )
      assert.ok((await services.reports.removeAppendix(added.value, context)) !== null)
    })
  })
}

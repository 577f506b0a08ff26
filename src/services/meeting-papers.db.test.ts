import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { storeTargets } from '../../test/databases.ts'
import type { Store } from '../store/connect.ts'
import { services as buildServices, type Services } from './index.ts'
import { meetingPapers } from './meeting-papers.ts'
import { dataAccess } from '../store/data-access.ts'

for (const target of storeTargets()) {
  describe(`a meeting's papers on ${target.name}`, { skip: target.skip }, () => {
    let store: Store
    let services: Services

    before(async () => {
      if (!target.openDemo) return
      store = await target.openDemo()
      services = buildServices(store, { maxImportBytes: 20 * 1024 * 1024, councilName: 'Demo City Council' })
    })
    after(async () => {
      await store.close()
    })

    async function papersOf(date: string) {
      const entry = (await services.meetings.allMeetings()).find((e) => e.meeting.date === date)
      assert.ok(entry)
      const view = await services.meetings.getMeeting(entry.meeting.id)
      assert.ok(view)
      const papersFor = meetingPapers(dataAccess(store), services)
      return { view, papers: await papersFor(view) }
    }

    it('puts the previous meeting’s minutes and each report’s cover sheet and appendices in agenda order', async () => {
      const { view, papers } = await papersOf('2018-06-07')
      const item = (position: number) => view.agenda.find((i) => i.position === position)?.id
      const minutes = papers.find((p) => p.agendaItemId === item(7))
      assert.ok(minutes && 'html' in minutes)
      // The minutes of 22 March 2018, numbered from 29.
      assert.match(minutes.html, /22 March 2018/)
      assert.match(minutes.html, /29\./)
      // Acronyms are marked up to the glossary, in print as <abbr> without a link: "Looked After Children (LAC)".
      assert.match(minutes.html, /Looked After Children \(<abbr title="Looked After Child">LAC<\/abbr>\)/)
      assert.doesNotMatch(minutes.html, /glossary#/)
      const performance = papers.filter((p) => p.agendaItemId === item(9))
      assert.ok(performance.length >= 2, 'the cover sheet and its appendices')
      const cover = performance[0]
      assert.ok(cover && 'html' in cover)
      assert.match(cover.html, /DECISION-MAKER|Decision-maker/i)
      assert.ok(performance.some((p) => /Glossary/i.test(p.title)))
      // The published April 2018 pack is printed as its table, from the published snapshot.
      const dataset = performance.find((p) => p.title.startsWith('Appendix 1: '))
      assert.ok(dataset && 'html' in dataset)
      assert.match(dataset.title, /Monthly Dataset – April 2018/)
      assert.match(dataset.html, /<table class="app-doc-dataset">/)
      assert.match(dataset.html, /<th scope="colgroup" colspan="13">Monthly values<\/th>/)
      assert.match(dataset.html, />Apr-18<\/th>/)
      const publication = await services.publications.publishedPack('monthly', '2018-04')
      const first = publication?.snapshot.pack.indicators[0]
      assert.ok(first)
      assert.ok(dataset.html.includes(first.title.replace(/&/g, '&amp;')), 'the first published indicator')
      assert.doesNotMatch(dataset.html, /\/children\//, 'no link to any child')
      // Item 8 has no cover sheet yet: a placeholder keeps the page references right.
      const services8 = papers.filter((p) => p.agendaItemId === item(8))
      assert.equal(services8.length, 1)
      // Papers follow the agenda.
      const order = papers.map((p) => view.agenda.find((i) => i.id === p.agendaItemId)?.position ?? 0)
      assert.deepEqual(
        order,
        [...order].sort((a, b) => a - b),
      )
    })

    it('prints the meeting’s monitoring report as the paper of its “Monitoring scrutiny recommendations” item', async () => {
      const [committee] = await services.meetings.listCommittees()
      assert.ok(committee)
      const created = await services.meetings.createMeeting(
        committee.id,
        { date: '2019-07-25', startTime: '17:30', venue: 'Civic Centre' },
        { actor: 'democratic.services@council.test' },
      )
      assert.ok(created.ok)
      const { view, papers } = await papersOf('2019-07-25')
      const item = view.agenda.find((i) => i.kind === 'monitoring-recommendations')
      assert.ok(item)
      assert.equal(item.position, view.agenda.length, 'the last item')
      const paper = papers.find((p) => p.agendaItemId === item.id)
      assert.ok(paper && 'html' in paper)
      assert.equal(paper.title, 'Monitoring scrutiny recommendations')
      assert.equal(paper.landscape, true)
      // The same rows as /meetings/{id}/monitoring-report, in the council's columns.
      const report = await services.recommendations.monitoringReport(view.meeting.id)
      assert.ok(report && report.recommendations.length > 0)
      assert.match(
        paper.html,
        /<th scope="col">Date<\/th><th scope="col">Title<\/th><th scope="col">Recommendation<\/th><th scope="col">Action Taken<\/th><th scope="col">Progress Status<\/th>/,
      )
      assert.equal(paper.html.match(/<tr>/g)?.length, report.recommendations.length + 1)
      assert.match(paper.html, /<td>25\/06\/15<\/td><td>Children and Families Performance \(Cllr Jeffery\)<\/td>/)
      assert.ok(paper.html.includes(`${report.recommendations[0]?.number}) `))
      // The papers follow the agenda: the monitoring report comes last.
      assert.equal(papers.at(-1), paper)
    })

    describe('edge cases', () => {
      it('a monitoring item with nothing to report says so instead of printing an empty table', async () => {
        const { view } = await papersOf('2018-06-07')
        const first = view.agenda[0]
        assert.ok(first)
        const monitoring = { ...first, id: 999, position: 10, kind: 'monitoring-recommendations' as const }
        const empty = { monitoringReport: () => Promise.resolve(null) }
        const papersFor = meetingPapers(dataAccess(store), { ...services, recommendations: empty })
        const papers = await papersFor({ ...view, agenda: [...view.agenda, monitoring] })
        const paper = papers.find((p) => p.agendaItemId === 999)
        assert.ok(paper && 'html' in paper)
        assert.match(paper.html, /There are no recommendations to report\./)
        assert.doesNotMatch(paper.html, /<table/)
      })

      it('names a dataset pack appendix whose month is not published with where it will be', async () => {
        const { view } = await papersOf('2018-06-07')
        const found = await services.reports.itemReport(view.meeting.id, 9)
        assert.ok(found?.report)
        const appendix = found.appendices.find((a) => a.kind === 'dataset-pack')
        assert.ok(appendix)
        const unpublished = { ...services.publications, publishedPack: () => Promise.resolve(null) }
        const papersFor = meetingPapers(dataAccess(store), { ...services, publications: unpublished })
        const papers = await papersFor(view)
        const paper = papers.find((p) => p.title === `Appendix 1: ${appendix.title}`)
        assert.ok(paper && 'html' in paper)
        assert.match(paper.html, /\/datasets\/monthly\/2018-04/)
        assert.doesNotMatch(paper.html, /<table/)
      })

      it("prints a non-monthly dataset's published month from that dataset's own snapshot", async () => {
        const context = { actor: 'test' }
        assert.ok(
          (
            await services.datasets.create(
              { id: 'edge-of-care', title: 'Edge of Care Dataset', indicatorIds: ['uha-started'] },
              context,
            )
          ).ok,
        )
        assert.ok((await services.publications.publish('edge-of-care', '2018-04', 'director@council')).ok)
        const { view } = await papersOf('2018-06-07')
        const found = await services.reports.itemReport(view.meeting.id, 9)
        assert.ok(found?.report)
        const added = await services.reports.addAppendix(
          found.report.id,
          { kind: 'dataset-pack', datasetId: 'edge-of-care', period: '2018-04' },
          context,
        )
        assert.ok(added.ok)
        try {
          const papers = await meetingPapers(dataAccess(store), services)(view)
          const paper = papers.find((p) => p.title.endsWith(': Edge of Care Dataset – April 2018'))
          assert.ok(paper && 'html' in paper, papers.map((p) => p.title).join(' | '))
          assert.match(paper.html, /Edge of Care Dataset/)
          assert.match(paper.html, /Universal Help Assessments/)
          // Only that dataset's indicator: not the monthly dataset's looked-after children.
          assert.doesNotMatch(paper.html, /Looked after children/i)
          assert.match(paper.html, /<table/)
        } finally {
          await services.reports.removeAppendix(added.value, context)
        }
      })

      it('a meeting with no agenda has no papers', async () => {
        const { view, papers } = await papersOf('2018-03-22')
        assert.equal(view.agenda.length, 0)
        assert.deepEqual(papers, [])
      })
    })
  })
}

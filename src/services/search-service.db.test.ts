/**
 * Site search on both databases over the demo council: every kind is found with a highlighted snippet, a
 * Members' Room appendix's text only by a viewer who may read the Members' Room, an unpublished indicator only by
 * those who see drafts, and an appendix stored before search existed once its text is read.
 */
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { sql } from 'kysely'
import { storeTargets } from '../../test/databases.ts'
import { onePagePdf } from '../../test/pdf.ts'
import { HIGHLIGHT_START, readSearchRequest, type SearchViewer } from '../domain/search.ts'
import type { Store } from '../store/connect.ts'
import { services as buildServices, type Services } from './index.ts'

const PUBLIC: SearchViewer = { membersRoom: false, drafts: false }
const MEMBER: SearchViewer = { membersRoom: true, drafts: false }
const OFFICER: SearchViewer = { membersRoom: false, drafts: true }

for (const target of storeTargets()) {
  describe(`site search on ${target.name}`, { skip: target.skip }, () => {
    let store: Store
    let services: Services
    let secretId = 0
    const context = { actor: 'democratic.services@council.test' }
    const search = (q: string, viewer: SearchViewer, more: Record<string, string> = {}) =>
      services.search.search(readSearchRequest({ q, ...more }), viewer)

    before(async () => {
      if (!target.openDemo) return
      store = await target.openDemo()
      services = buildServices(store, { maxImportBytes: 20 * 1024 * 1024, councilName: 'Test council' })
      const meeting = (await services.meetings.allMeetings()).find((e) => e.meeting.date === '2018-06-07')
      assert.ok(meeting)
      const report = (await services.reports.itemReport(meeting.meeting.id, 9))?.report
      assert.ok(report)
      const upload = async (text: string, title: string, membersRoomOnly: boolean) => {
        const added = await services.reports.uploadAppendix(
          report.id,
          { fileName: 'paper.pdf', bytes: await onePagePdf(text), title, membersRoomOnly },
          context,
        )
        assert.ok(added.ok)
        return added.value
      }
      secretId = await upload('Zanzibar placement costs', 'Exempt costs', true)
      await upload('Kittiwake respite scheme', 'Respite scheme', false)
    })
    after(async () => {
      await store.close()
    })

    it('finds nothing for an empty search, and says so rather than failing', async () => {
      const results = await search('   ', PUBLIC)
      assert.equal(results.total, 0)
      assert.deepEqual(results.results, [])
    })

    it('finds a public appendix by its text, highlighted, with where it is read', async () => {
      const results = await search('kittiwake', PUBLIC)
      assert.equal(results.total, 1)
      const [hit] = results.results
      assert.equal(hit?.kind, 'appendix')
      assert.equal(hit?.title, 'Respite scheme')
      assert.match(hit?.snippet ?? '', new RegExp(`${HIGHLIGHT_START}Kittiwake`))
      assert.equal(hit?.itemPosition, 9)
      assert.equal(hit?.membersRoom, false)
    })

    it('finds a Members’ Room appendix’s text only for those who may read the Members’ Room', async () => {
      assert.equal((await search('zanzibar', PUBLIC)).total, 0)
      assert.equal((await search('zanzibar', OFFICER)).total, 0)
      const member = await search('zanzibar placement', MEMBER)
      assert.equal(member.total, 1)
      assert.equal(member.results[0]?.membersRoom, true)
    })

    it('finds every kind the demo has, counted by kind, and narrows to one kind', async () => {
      const results = await search('children', PUBLIC)
      const kinds = results.counts.map((c) => c.kind)
      for (const kind of ['meeting', 'agenda-item', 'report', 'minute', 'recommendation', 'glossary', 'indicator'])
        assert.ok(kinds.includes(kind as never), `${kind} in ${kinds.join(', ')}`)
      assert.ok(results.results.length > 0 && results.results.length <= 20)
      const minutes = await search('children', PUBLIC, { type: 'minute' })
      assert.ok(minutes.results.every((r) => r.kind === 'minute'))
      assert.equal(minutes.total, results.counts.find((c) => c.kind === 'minute')?.count)
      // Each numbered RESOLVED decision is a result of its own, leading to its minute; the old kind's links still narrow.
      const decisions = await search('apprenticeships', PUBLIC, { type: 'resolution' })
      assert.ok(decisions.total >= 1)
      assert.ok(decisions.results.every((r) => r.kind === 'decision' && r.minuteNumber !== null))
    })

    it('finds each numbered decision of a minute on its own, with a snippet, for everyone who may read minutes', async () => {
      const june = (await services.meetings.allMeetings()).find((e) => e.meeting.date === '2019-06-06')
      assert.ok(june)
      // Minute 4 of 6 June 2019 resolved two decisions; only the second names the Young Inspectors Scheme.
      const found = await search('young inspectors accommodation', PUBLIC, { type: 'decision' })
      const [hit] = found.results
      assert.equal(found.total, 1)
      assert.equal(hit?.kind, 'decision')
      assert.equal(hit?.meetingId, june.meeting.id)
      assert.equal(hit?.decisionNumber, 2)
      assert.equal(hit?.id, `${String(hit?.id).split('-')[0]}-2`)
      assert.match(hit?.snippet ?? '', new RegExp(`Panel be provided with information on the ${HIGHLIGHT_START}Young`))
      assert.doesNotMatch(hit?.snippet ?? '', /detailed performance overview/)
      // The first decision is found by its own words, as decision (i) of the same minute.
      const first = await search('detailed performance overview produced', PUBLIC, { type: 'decision' })
      const firstOfJune = first.results.find((r) => r.meetingId === june.meeting.id)
      assert.equal(firstOfJune?.decisionNumber, 1)
      assert.equal(firstOfJune?.minuteNumber, hit?.minuteNumber)
      // Minutes (and draft minutes, marked) are everyone's to read, so their decisions are too.
      for (const viewer of [MEMBER, OFFICER, { membersRoom: true, drafts: true }]) {
        const seen = await search('young inspectors accommodation', viewer, { type: 'decision' })
        assert.deepEqual(seen.results, found.results)
      }
      // Marked as draft exactly when its minutes are, as a minute is.
      const status = await sql<{ status: string }>`
        select status from minutes where meeting_id = ${june.meeting.id}`.execute(store.db)
      assert.equal(hit?.draft, status.rows[0]?.status === 'draft')
      const counts = (await search('inspectors', PUBLIC)).counts.map((c) => c.kind)
      assert.ok(counts.includes('decision'), counts.join(', '))
    })

    it('pages without overlap', async () => {
      const first = await search('children', PUBLIC)
      if (first.pageCount < 2) return
      const second = await search('children', PUBLIC, { page: '2' })
      const key = (r: { kind: string; id: number | string }) => `${r.kind}:${r.id}`
      const seen = new Set(first.results.map(key))
      assert.ok(second.results.every((r) => !seen.has(key(r))))
    })

    it('finds an indicator no published pack holds only for those who see drafts', async () => {
      await sql`update indicator set title = 'Quokka referrals' where id = (
        select id from indicator order by id limit 1)`.execute(store.db)
      await sql`insert into indicator (id, code, title, service_area, unit, polarity, owner, reporter, outcome,
        definition, region_name, rag_tolerance_percent)
        values ('quokka-draft', 'Q1', 'Quokka draft measure', 'Early help', 'count', 'higher', '', '', '', '', 'South East', 0)`.execute(
        store.db,
      )
      const publicIds = (await search('quokka', PUBLIC)).results.map((r) => r.id)
      const officerIds = (await search('quokka', OFFICER)).results.map((r) => r.id)
      assert.ok(!publicIds.includes('quokka-draft'))
      assert.ok(officerIds.includes('quokka-draft'))
    })

    it('reads the text of an appendix stored before search existed', async () => {
      await sql`update report_appendix set text_content = null where id = ${secretId}`.execute(store.db)
      assert.equal((await search('zanzibar', MEMBER)).total, 0)
      assert.deepEqual(await services.search.extractMissingText(), { read: 1, withoutText: 0 })
      assert.equal((await search('zanzibar', MEMBER)).total, 1)
    })
  })
}

import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { storeTargets } from '../../test/databases.ts'
import { ChromiumMissingError } from '../exporters/document-pack/chromium-printer.ts'
import { DocumentPackError, type DocumentPackInput } from '../exporters/document-pack/document-pack.ts'
import type { Store } from '../store/connect.ts'
import { noticeWarning, type PackBuilder } from './document-pack-service.ts'
import { services as buildServices, type Services } from './index.ts'

/** A builder that records what it was asked for and gives each paper two pages, without Chromium. */
function fakeBuilder(calls: DocumentPackInput[]): PackBuilder {
  return (input) => {
    calls.push(input)
    let page = 1
    const pages = input.papers.map((paper) => {
      const range = { agendaItemId: paper.agendaItemId, from: page, to: page + 1 }
      page += 2
      return range
    })
    const pdf = new TextEncoder().encode(`%PDF-1.7 version ${input.version.number} ${input.version.note ?? ''}`)
    return Promise.resolve({ pdf, pageCount: page + 2, pages })
  }
}

for (const target of storeTargets()) {
  describe(`document packs on ${target.name}`, { skip: target.skip }, () => {
    let store: Store
    let services: Services
    const calls: DocumentPackInput[] = []
    const context = { actor: 'democratic.services@council.test' }

    before(async () => {
      if (!target.open) return
      store = await target.open()
      services = buildServices(
        store,
        { maxImportBytes: 1024, councilName: 'Test council' },
        { buildPack: fakeBuilder(calls) },
      )
      await services.meetings.loadDemoIfEmpty()
    })
    after(async () => {
      await store.close()
    })

    it('publishes version 1 with the agenda order, its bytes, page references and an audit event', async () => {
      assert.equal(await services.documentPacks.latest(2), null)
      // 29 May 2018: 30, 31 May and 1, 4, 5, 6 June are clear (Saturday and Sunday do not count) — 6 clear days.
      const result = await services.documentPacks.publish(2, {}, { ...context, now: '2018-05-29T09:00:00.000Z' })
      assert.ok(result.ok)
      assert.equal(result.value.pack.version, 1)
      assert.equal(result.value.pack.clearDays, 6)
      assert.equal(result.value.warning, null)
      const input = calls.at(-1)
      assert.deepEqual(
        input?.papers.map((p) => p.title),
        [
          'Minutes of the previous meeting (including matters arising)',
          'Children and Families Services',
          'Children and Families - Performance',
        ],
      )
      assert.equal(input.version.note, null)
      assert.deepEqual(input.meetingDates, [
        '2018-06-07',
        '2018-07-26',
        '2018-09-27',
        '2018-11-29',
        '2019-01-24',
        '2019-03-28',
      ])
      const view = await services.meetings.getMeeting(2)
      assert.deepEqual(
        view?.agenda.map((i) => i.pages),
        [null, null, null, null, null, null, { from: 1, to: 2 }, { from: 3, to: 4 }, { from: 5, to: 6 }],
      )
      const latest = await services.documentPacks.latestPdf(2)
      assert.ok(latest)
      assert.equal(new TextDecoder().decode(latest.pdf), '%PDF-1.7 version 1 ')
      assert.equal(latest.pack.byteSize, latest.pdf.byteLength)
      assert.equal(latest.pack.publishedBy, context.actor)
      assert.equal(latest.pack.publishedAt, '2018-05-29T09:00:00.000Z')
      const events = await store.db
        .selectFrom('audit_event')
        .selectAll()
        .where('action', '=', 'document-pack.publish')
        .execute()
      assert.equal(events.length, 1)
      assert.equal(events[0]?.actor, context.actor)
      assert.equal(events[0].subject_id, '2')
    })

    it('publishes a supplement as version 2, stamped, and warns of fewer than five clear days', async () => {
      // 31 May 2018 14:05 BST: 1, 4, 5, 6 June are clear — 4 days.
      const result = await services.documentPacks.publish(
        2,
        { note: '  ' },
        { ...context, now: '2018-05-31T13:05:00.000Z' },
      )
      assert.ok(result.ok)
      assert.equal(result.value.pack.version, 2)
      assert.equal(result.value.pack.note, 'supplement')
      assert.equal(result.value.pack.clearDays, 4)
      assert.match(result.value.warning ?? '', /4 clear days' notice, fewer than the 5 the law requires/)
      assert.match(result.value.warning ?? '', /published by Wednesday 30 May 2018;/)
      assert.equal(calls.at(-1)?.version.number, 2)
      const latest = await services.documentPacks.latest(2)
      assert.equal(latest?.pack.version, 2)
      assert.ok(latest.warning)
      const pdf = await services.documentPacks.latestPdf(2)
      assert.equal(new TextDecoder().decode(pdf?.pdf), '%PDF-1.7 version 2 supplement')
    })

    it("prints a new meeting's monitoring report as its last item's paper, with that item's page range", async () => {
      const [committee] = await services.meetings.listCommittees()
      assert.ok(committee)
      const created = await services.meetings.createMeeting(
        committee.id,
        { date: '2019-09-26', startTime: '17:30', venue: 'Civic Centre' },
        context,
      )
      assert.ok(created.ok)
      const result = await services.documentPacks.publish(
        created.value,
        {},
        { ...context, now: '2019-09-10T09:00:00.000Z' },
      )
      assert.ok(result.ok)
      const paper = calls.at(-1)?.papers.at(-1)
      assert.ok(paper && 'html' in paper)
      assert.equal(paper.title, 'Monitoring scrutiny recommendations')
      assert.match(paper.html, /<th scope="col">Progress Status<\/th>|There are no recommendations to report/)
      const view = await services.meetings.getMeeting(created.value)
      const item = view?.agenda.at(-1)
      assert.equal(item?.kind, 'monitoring-recommendations')
      assert.equal(item.position, 7)
      assert.deepEqual(item.pages, { from: 3, to: 4 })
    })

    describe('edge cases', () => {
      it('refuses a note over 200 characters, a missing meeting and a cancelled one, storing nothing', async () => {
        const before = calls.length
        const long = await services.documentPacks.publish(
          2,
          { note: 'x'.repeat(201) },
          { ...context, now: '2018-06-01T09:00:00Z' },
        )
        assert.deepEqual(long.ok ? [] : long.problems.map((p) => p.field), ['note'])
        const missing = await services.documentPacks.publish(999, {}, { ...context, now: '2018-06-01T09:00:00Z' })
        assert.equal(missing.ok, false)
        const [committee] = await services.meetings.listCommittees()
        assert.ok(committee)
        const created = await services.meetings.createMeeting(
          committee.id,
          { date: '2018-12-13', startTime: '17:30', venue: 'Civic Centre', status: 'cancelled' },
          context,
        )
        assert.ok(created.ok)
        const cancelled = await services.documentPacks.publish(
          created.value,
          {},
          { ...context, now: '2018-12-01T09:00:00Z' },
        )
        assert.match(cancelled.ok ? '' : (cancelled.problems[0]?.message ?? ''), /cancelled/)
        assert.equal(calls.length, before)
        assert.equal((await services.documentPacks.latest(2))?.pack.version, 2)
      })

      it('counts papers published on the meeting day, or after, as no notice at all', async () => {
        const result = await services.documentPacks.publish(
          2,
          { note: 'late item' },
          { ...context, now: '2018-06-07T08:00:00Z' },
        )
        assert.ok(result.ok)
        assert.equal(result.value.pack.clearDays, 0)
        assert.equal(result.value.pack.note, 'late item')
        assert.match(result.value.warning ?? '', /0 clear days/)
      })

      it('counts the London date: 23:30 UTC on 28 May 2018 is 29 May in London, giving six clear days', async () => {
        const result = await services.documentPacks.publish(2, {}, { ...context, now: '2018-05-28T23:30:00Z' })
        assert.ok(result.ok)
        assert.equal(result.value.pack.clearDays, 6)
      })

      it('turns a missing Chromium into a problem for the officer, not a crash', async () => {
        const broken = buildServices(
          store,
          { maxImportBytes: 1024, councilName: 'Test council' },
          { buildPack: () => Promise.reject(new ChromiumMissingError('/nowhere/chromium')) },
        )
        const result = await broken.documentPacks.publish(2, {}, { ...context, now: '2018-06-01T09:00:00Z' })
        assert.equal(result.ok, false)
        assert.match(result.ok ? '' : (result.problems[0]?.message ?? ''), /Install Debian's chromium package/)
      })

      it('turns a paper the builder cannot use into a problem naming it', async () => {
        const broken = buildServices(
          store,
          { maxImportBytes: 1024, councilName: 'Test council' },
          {
            buildPack: () =>
              Promise.reject(new DocumentPackError('The uploaded paper "Scan" is not a PDF that can be read')),
          },
        )
        const result = await broken.documentPacks.publish(2, {}, { ...context, now: '2018-06-01T09:00:00Z' })
        assert.deepEqual(result.ok ? [] : result.problems.map((p) => p.field), ['paper'])
      })

      it('words the warning for one day and says nothing at five', () => {
        assert.match(noticeWarning(1, '2018-05-30') ?? '', /1 clear day' notice/)
        assert.equal(noticeWarning(5, '2018-05-30'), null)
      })
    })
  })
}

/**
 * The Members' Room edition of a meeting's document pack: built and stored beside the public pack, as the same
 * version, only when the meeting has a Members' Room paper; the public pack never holds one.
 */
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { storeTargets } from '../../test/databases.ts'
import type { DocumentPackInput } from '../exporters/document-pack/document-pack.ts'
import type { Store } from '../store/connect.ts'
import type { PackBuilder } from './document-pack-service.ts'
import { services as buildServices, type Services } from './index.ts'
import { onePagePdf } from '../../test/pdf.ts'

/** A builder without Chromium: one page per paper the audience gets, the PDF naming them. */
function fakeBuilder(calls: DocumentPackInput[]): PackBuilder {
  return (input) => {
    calls.push(input)
    const papers = input.papers.filter((p) => input.audience === 'members' || p.membersRoomOnly !== true)
    const pages: Array<{ agendaItemId: number; from: number; to: number }> = []
    for (const [i, paper] of papers.entries()) {
      const last = pages.at(-1)
      if (last?.agendaItemId === paper.agendaItemId) last.to = i + 1
      else pages.push({ agendaItemId: paper.agendaItemId, from: i + 1, to: i + 1 })
    }
    const text = `%PDF-1.7 ${input.audience ?? 'public'} v${input.version.number}: ${papers.map((p) => p.title).join(' | ')}`
    return Promise.resolve({ pdf: new TextEncoder().encode(text), pageCount: papers.length + 3, pages })
  }
}

const SECRET = 'Ofsted monitoring letter (exempt: paragraph 3)'

for (const target of storeTargets()) {
  describe(`the Members' Room pack on ${target.name}`, { skip: target.skip }, () => {
    let store: Store
    let services: Services
    let meetingId: number
    let appendixId: number
    const calls: DocumentPackInput[] = []
    const context = { actor: 'democratic.services@council.test' }
    const decode = (bytes: Uint8Array | undefined) => new TextDecoder().decode(bytes)
    const viewer = { actor: 'user:12', correlationId: 'request-members' }
    const views = () =>
      store.db
        .selectFrom('audit_event')
        .select(['actor', 'subject_type', 'subject_id', 'correlation_id', 'details'])
        .where('action', '=', 'document-pack.members-edition.view')
        .orderBy('id')
        .execute()

    before(async () => {
      if (!target.openDemo) return
      store = await target.openDemo()
      services = buildServices(
        store,
        { maxImportBytes: 20 * 1024 * 1024, councilName: 'Test council' },
        { buildPack: fakeBuilder(calls) },
      )
      const meeting = (await services.meetings.allMeetings()).find((e) => e.meeting.date === '2018-06-07')
      assert.ok(meeting)
      meetingId = meeting.meeting.id
    })
    after(async () => {
      await store.close()
    })

    it('publishes only the public pack while the meeting has no Members’ Room paper', async () => {
      const result = await services.documentPacks.publish(meetingId, {}, { ...context, now: '2018-05-29T09:00:00Z' })
      assert.ok(result.ok)
      assert.equal(result.value.pack.audience, 'public')
      assert.deepEqual(
        calls.map((c) => c.audience ?? 'public'),
        ['public'],
      )
      assert.equal(await services.documentPacks.latestMembersEdition(meetingId), null)
      assert.equal(await services.documentPacks.latestMembersPdf(meetingId, viewer), null)
      // Nothing was handed over, so nothing is recorded as seen.
      assert.deepEqual(await views(), [])
    })

    it('builds the Members’ Room edition as the same version, with the paper the public pack leaves out', async () => {
      const report = (await services.reports.itemReport(meetingId, 9))?.report
      assert.ok(report)
      const upload = await services.reports.uploadAppendix(
        report.id,
        { fileName: 'letter.pdf', bytes: await onePagePdf('Appendix'), title: SECRET, membersRoomOnly: true },
        context,
      )
      assert.ok(upload.ok)
      appendixId = upload.value

      const result = await services.documentPacks.publish(
        meetingId,
        { note: 'exempt appendix' },
        { ...context, now: '2018-05-30T09:00:00Z' },
      )
      assert.ok(result.ok)
      assert.equal(result.value.pack.version, 2)
      assert.deepEqual(
        calls.slice(1).map((c) => [c.audience ?? 'public', c.version.number]),
        [
          ['public', 2],
          ['members', 2],
        ],
      )
      const pub = await services.documentPacks.latestPdf(meetingId)
      assert.equal(pub?.pack.audience, 'public')
      assert.doesNotMatch(decode(pub?.pdf), /Ofsted monitoring letter/)
      const members = await services.documentPacks.latestMembersPdf(meetingId, viewer)
      assert.ok(members)
      // Who opened the confidential edition, of which meeting and version, is recorded as it is handed over.
      const seen = await views()
      assert.equal(seen.length, 1)
      assert.deepEqual(
        [seen[0]?.actor, seen[0]?.subject_type, seen[0]?.subject_id, seen[0]?.correlation_id],
        ['user:12', 'meeting', String(meetingId), 'request-members'],
      )
      const seenDetails = (typeof seen[0]?.details === 'string' ? JSON.parse(seen[0].details) : seen[0]?.details) as {
        version: number
        packId: number
      }
      assert.equal(seenDetails.version, 2)
      assert.equal(seenDetails.packId, members.pack.id)
      assert.equal(members.pack.audience, 'members')
      assert.equal(members.pack.version, 2)
      assert.equal(members.pack.note, 'exempt appendix')
      assert.match(decode(members.pdf), new RegExp(`Members' Room document 1: ${SECRET.replace(/[()]/g, '\\$&')}`))
      assert.equal(members.pack.pageCount, (pub?.pack.pageCount ?? 0) + 1)
      // The public pack's versions and page references are what the agenda shows.
      assert.deepEqual(await services.documentPacks.latest(meetingId).then((s) => s?.pack.id), pub?.pack.id)
      const view = await services.meetings.getMeeting(meetingId)
      assert.deepEqual(
        view?.agenda.filter((i) => i.pages !== null).map((i) => i.pages),
        pub?.pack.pages.map((p) => ({ from: p.from, to: p.to })),
      )

      const events = await store.db
        .selectFrom('audit_event')
        .select('details')
        .where('action', '=', 'document-pack.publish')
        .orderBy('id')
        .execute()
      assert.equal(events.length, 2)
      const read = (value: unknown): unknown => (typeof value === 'string' ? JSON.parse(value) : value)
      const details = read(events[1]?.details) as {
        after: { version: number; pageCount: number; membersEdition: { pageCount: number; pages: unknown[] } | null }
      }
      assert.equal(details.after.version, 2)
      assert.equal(details.after.pageCount, pub?.pack.pageCount)
      assert.equal(details.after.membersEdition?.pageCount, members.pack.pageCount)
      assert.deepEqual(details.after.membersEdition.pages, members.pack.pages)
      const first = read(events[0]?.details) as { after: { membersEdition: unknown } }
      assert.equal(first.after.membersEdition, null)
    })

    it('builds a draft of the Members’ Room edition on request, audited, storing nothing', async () => {
      const storedBefore = await store.db.selectFrom('document_pack').select('id').execute()
      const draft = await services.documentPacks.preview(meetingId, '2018-05-30T12:00:00Z', viewer)
      assert.ok(draft.ok)
      assert.deepEqual(
        [calls.at(-1)?.audience, calls.at(-1)?.version.number, calls.at(-1)?.version.draft],
        ['members', 3, true],
      )
      assert.match(decode(draft.value.pdf), /^%PDF-1\.7 members v3: .*Ofsted monitoring letter/)
      assert.equal((await store.db.selectFrom('document_pack').select('id').execute()).length, storedBefore.length)
      const drafts = await store.db
        .selectFrom('audit_event')
        .select(['actor', 'subject_id'])
        .where('action', '=', 'document-pack.members-edition.draft')
        .execute()
      assert.deepEqual(drafts, [{ actor: 'user:12', subject_id: String(meetingId) }])
      // Without `members` the draft is the public pack, and nothing is recorded.
      const publicDraft = await services.documentPacks.preview(meetingId, '2018-05-30T12:00:00Z')
      assert.ok(publicDraft.ok)
      assert.equal(calls.at(-1)?.audience, undefined)
      assert.doesNotMatch(decode(publicDraft.value.pdf), /Ofsted monitoring letter/)
    })

    describe('edge cases', () => {
      it('serves no Members’ Room edition once a later version has no Members’ Room paper', async () => {
        const removed = await services.reports.removeAppendix(appendixId, context)
        assert.ok(removed)
        const result = await services.documentPacks.publish(
          meetingId,
          { note: 'exempt appendix withdrawn' },
          { ...context, now: '2018-05-31T09:00:00Z' },
        )
        assert.ok(result.ok)
        assert.equal(result.value.pack.version, 3)
        assert.equal(await services.documentPacks.latestMembersEdition(meetingId), null)
        assert.equal(await services.documentPacks.latestMembersPdf(meetingId, viewer), null)
        assert.equal((await views()).length, 1)
        const draft = await services.documentPacks.preview(meetingId, '2018-05-31T12:00:00Z', viewer)
        assert.ok(!draft.ok)
        assert.match(
          draft.problems[0]?.message ?? '',
          /has no Members' Room papers, so it has no Members' Room edition/,
        )
        // Version 2's edition is still stored, with its version.
        const stored = await store.db
          .selectFrom('document_pack')
          .select(['version', 'audience'])
          .where('meeting_id', '=', meetingId)
          .orderBy('version')
          .orderBy('audience')
          .execute()
        assert.deepEqual(
          stored.map((r) => `${r.version} ${r.audience}`),
          ['1 public', '2 members', '2 public', '3 public'],
        )
      })

      it('reads a pack stored without an audience as public, and refuses an audience that is neither', async () => {
        const meeting = (await services.meetings.allMeetings()).find((e) => e.meeting.date === '2018-07-26')
        assert.ok(meeting)
        const id = meeting.meeting.id
        await store.db
          .insertInto('document_pack')
          .values({
            meeting_id: id,
            version: 1,
            published_at: '2018-07-01T09:00:00Z',
            published_by: 'older release',
            note: null,
            clear_days: 9,
            page_count: 4,
            pages: '[]',
            byte_size: 3,
            content: new Uint8Array([1, 2, 3]),
          })
          .execute()
        assert.equal((await services.documentPacks.latest(id))?.pack.audience, 'public')
        await assert.rejects(
          store.db
            .insertInto('document_pack')
            .values({
              meeting_id: id,
              version: 1,
              audience: 'everyone' as 'public',
              published_at: '2018-07-01T09:00:00Z',
              published_by: 'x',
              note: null,
              clear_days: 9,
              page_count: 4,
              pages: '[]',
              byte_size: 3,
              content: new Uint8Array([1]),
            })
            .execute(),
        )
      })
    })
  })
}

/**
 * The feeds' items read from the database, on both databases: public packs (never a Members' Room edition, for the
 * committee asked about), minutes, responses and the meetings upcoming on the service's `now`.
 */
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { storeTargets } from '../../test/databases.ts'
import type { Store } from '../store/connect.ts'
import { services as buildServices, type Services } from './index.ts'

for (const target of storeTargets()) {
  describe(`the feeds on ${target.name}`, { skip: target.skip }, () => {
    let store: Store
    let services: Services

    before(async () => {
      if (!target.open) return
      store = await target.open()
      services = buildServices(
        store,
        { maxImportBytes: 20 * 1024 * 1024, councilName: 'Test council' },
        // The day after the 2018-19 meetings were announced: 7 June 2018 onwards is upcoming.
        { now: () => new Date('2018-06-01T09:00:00Z') },
      )
      await services.demo.loadIfEmpty({ documentPack: false })
      const june = (await services.meetings.allMeetings()).find((e) => e.meeting.date === '2018-06-07')
      const july = (await services.meetings.allMeetings()).find((e) => e.meeting.date === '2018-07-26')
      assert.ok(june && july)
      const row = {
        version: 1,
        published_by: 'clerk',
        note: null,
        clear_days: 5,
        page_count: 1,
        pages: '[]',
        byte_size: 4,
        content: new Uint8Array([37, 80, 68, 70]),
      }
      await store.db
        .insertInto('document_pack')
        .values([
          { ...row, meeting_id: june.meeting.id, audience: 'public', published_at: '2018-05-30T10:00:00.000Z' },
          { ...row, meeting_id: june.meeting.id, audience: 'members', published_at: '2018-05-30T10:00:00.000Z' },
          // A Members' Room edition with no public row beside it must stay out too.
          { ...row, meeting_id: july.meeting.id, audience: 'members', published_at: '2018-07-20T10:00:00.000Z' },
        ])
        .execute()
    })
    after(async () => {
      await store.close()
    })

    it('gives the committee’s upcoming meetings, its public pack only, minutes and responses', async () => {
      const found = await services.feeds.items(1)
      assert.ok(found)
      assert.equal(found.committee?.name, 'Children and Families Scrutiny Panel')
      const packs = found.items.filter((i) => i.kind === 'document-pack')
      assert.deepEqual(
        packs.map((i) => [i.title, i.published]),
        [['Document pack: Children and Families Scrutiny Panel, 7 June 2018', '2018-05-30T10:00:00.000Z']],
      )
      assert.match(packs[0]?.guid ?? '', /^\/meetings\/\d+\/pack\.pdf#version-1$/)
      const upcoming = found.items.filter((i) => i.kind === 'meeting')
      assert.ok(
        upcoming.some((i) => i.title === 'Meeting: Children and Families Scrutiny Panel, 7 June 2018 at 5.30 pm'),
      )
      assert.ok(!upcoming.some((i) => i.title.includes('22 March 2018')))
      assert.ok(found.items.some((i) => i.kind === 'minutes'))
      assert.ok(found.items.some((i) => i.kind === 'response'))
      const all = await services.feeds.items(null)
      assert.equal(all?.items.filter((i) => i.kind === 'document-pack').length, 1)
    })

    it('answers null for a committee that does not exist', async () => {
      assert.equal(await services.feeds.items(999), null)
    })
  })
}

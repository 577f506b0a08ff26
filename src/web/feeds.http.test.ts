/**
 * The RSS feeds through the app, on the demo council: every feed parses as RSS 2.0 with the elements readers need,
 * pages about meetings name their feeds, and nothing the public may not read (a Members' Room edition) is in them.
 */
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { FastifyInstance } from 'fastify'
import { demoApp } from '../../test/app.ts'
import { readRss } from '../../test/rss.ts'
import type { Services } from '../services/index.ts'
import type { Store } from '../store/connect.ts'

describe('the RSS feeds', () => {
  let app: FastifyInstance
  let services: Services
  let store: Store
  let close: () => Promise<void>
  let upcomingId = 0

  before(async () => {
    ;({ app, services, store, close } = await demoApp())
    // The demo's meetings are all past: one more, a year from now, is upcoming.
    const nextYear = `${new Date().getUTCFullYear() + 1}-06-10`
    const created = await services.meetings.createMeeting(
      1,
      { date: nextYear, startTime: '17:30', venue: 'Conference Room 3 - Civic Centre', notice: null },
      { actor: 'test' },
    )
    assert.ok(created.ok)
    upcomingId = created.value
  })
  after(async () => {
    await close()
  })

  it('serves every committee’s feed as RSS 2.0 with upcoming meetings, minutes and responses', async () => {
    const response = await app.inject('/meetings.rss')
    assert.equal(response.statusCode, 200)
    assert.equal(response.headers['content-type'], 'application/rss+xml; charset=utf-8')
    const feed = readRss(response.body)
    assert.match(feed.channel.link, /^http:\/\/localhost(:\d+)?\/meetings$/)
    assert.ok(feed.channel.description.length > 0)
    const kinds = new Set(feed.items.map((i) => i.category))
    assert.deepEqual([...kinds].sort(), ['Minutes', 'Recommendation response', 'Upcoming meeting'])
    const upcoming = feed.items.find((i) => i.category === 'Upcoming meeting')
    assert.match(upcoming?.link ?? '', new RegExp(`/meetings/${upcomingId}$`))
    assert.match(upcoming?.pubDate ?? '', / 16:30:00 GMT$/)
    // The demo's approved minutes of 22 March 2018 and the draft of 6 June 2019.
    assert.ok(feed.items.some((i) => i.title === 'Minutes: Children and Families Scrutiny Panel, 22 March 2018'))
    assert.ok(feed.items.some((i) => i.title === 'Draft minutes: Children and Families Scrutiny Panel, 6 June 2019'))
    // Each item's link is a page the public can open.
    for (const item of feed.items) {
      const page = await app.inject(new URL(item.link).pathname)
      assert.equal(page.statusCode, 200, item.link)
    }
  })

  it('serves a committee’s own feed, and answers 404 for a committee that does not exist', async () => {
    const feed = readRss((await app.inject('/committees/1/feed.rss')).body)
    assert.match(feed.channel.title, /^Children and Families Scrutiny Panel: /)
    assert.match(feed.channel.link, /\/committees\/1$/)
    assert.ok(feed.items.length > 0)
    assert.equal((await app.inject('/committees/999/feed.rss')).statusCode, 404)
    assert.equal((await app.inject('/committees/x/feed.rss')).statusCode, 404)
  })

  it('names the feeds in the head of the meetings, committee and meeting pages, and links to them', async () => {
    const alternate = (href: string) =>
      new RegExp(
        `<link rel="alternate" type="application/rss\\+xml" title="[^"]+" href="${href.replace(/\./g, '\\.')}">`,
      )
    const meetings = (await app.inject('/meetings')).body
    assert.match(meetings, alternate('/meetings.rss'))
    assert.match(meetings, /<a class="govuk-link" href="\/meetings\.rss">/)
    const committee = (await app.inject('/committees/1')).body
    assert.match(committee, alternate('/committees/1/feed.rss'))
    assert.match(committee, /<a class="govuk-link" href="\/committees\/1\/feed\.rss">/)
    const meeting = (await app.inject('/meetings/2')).body
    assert.match(meeting, alternate('/committees/1/feed.rss'))
    assert.match(meeting, alternate('/meetings.rss'))
    assert.match(meeting, /<a class="govuk-link" href="\/committees\/1\/feed\.rss">/)
  })

  it('announces a published public pack, never a Members’ Room edition', async () => {
    // Stored as publishing stores them (the printing is tested elsewhere): version 1 public, and a Members' Room
    // edition of version 1 of another meeting that has no public row, which must stay out of every feed.
    const row = {
      version: 1,
      published_at: '2018-05-31T13:05:00.000Z',
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
        { ...row, meeting_id: 2, audience: 'public' },
        { ...row, meeting_id: 3, audience: 'members', published_at: '2018-07-20T10:00:00.000Z' },
      ])
      .execute()
    for (const url of ['/meetings.rss', '/committees/1/feed.rss']) {
      const feed = readRss((await app.inject(url)).body)
      const packs = feed.items.filter((i) => i.category === 'Document pack')
      assert.deepEqual(
        packs.map((i) => [i.title, new URL(i.link).pathname, i.pubDate]),
        [
          [
            'Document pack: Children and Families Scrutiny Panel, 7 June 2018',
            '/meetings/2',
            'Thu, 31 May 2018 13:05:00 GMT',
          ],
        ],
        url,
      )
      assert.doesNotMatch(
        (await app.inject(url)).body,
        /members-pack|Members' Room|Members&apos; Room|Members&#39; Room/,
      )
    }
  })
})

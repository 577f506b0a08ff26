import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { parseXml, readRss } from '../../test/rss.ts'
import type { FeedItem } from '../domain/scrutiny/feed.ts'
import { rfc822, rssFeed, RSS_CONTENT_TYPE } from './rss.ts'

const channel = {
  title: 'Children and Families Scrutiny Panel: meetings, papers, minutes and responses',
  description: 'Upcoming meetings and papers.',
  link: 'https://council.example/committees/1',
  self: 'https://council.example/committees/1/feed.rss',
  generatedAt: '2026-12-07T12:00:00.000Z',
}
const item: FeedItem = {
  kind: 'meeting',
  title: 'Meeting: Children and Families Scrutiny Panel, 7 June 2018 at 5.30 pm',
  description: 'Conference Room 3 - Civic Centre.',
  path: '/meetings/2',
  guid: '/meetings/2',
  published: '2018-06-07T16:30:00.000Z',
}

describe('the RSS writer', () => {
  it('writes a channel and items a reader takes: absolute links, guids and RFC 822 dates', () => {
    const feed = readRss(rssFeed(channel, [item], 'https://council.example'))
    assert.deepEqual(feed.channel, { title: channel.title, link: channel.link, description: channel.description })
    assert.deepEqual(feed.items, [
      {
        title: item.title,
        link: 'https://council.example/meetings/2',
        guid: 'https://council.example/meetings/2',
        pubDate: 'Thu, 07 Jun 2018 16:30:00 GMT',
        description: item.description,
        category: 'Upcoming meeting',
      },
    ])
    assert.equal(RSS_CONTENT_TYPE, 'application/rss+xml; charset=utf-8')
  })

  it('says the guid is not a permalink and names the feed itself', () => {
    const root = parseXml(rssFeed(channel, [item], 'https://council.example'))
    const rssChannel = root.children[0]
    const guid = rssChannel?.children.find((c) => c.name === 'item')?.children.find((c) => c.name === 'guid')
    assert.equal(guid?.attributes.isPermaLink, 'false')
    const self = rssChannel?.children.find((c) => c.name === 'atom:link')
    assert.deepEqual(self?.attributes, { href: channel.self, rel: 'self', type: 'application/rss+xml' })
  })

  it('keeps the document well formed whatever text it is given, and the text reads back as typed', () => {
    const hostile = `Tom & Jerry's <script>alert("x")</script> ]]> <![CDATA[ x ]]> \u0000\u0007\u001b\ud800 end`
    const xml = rssFeed(
      { ...channel, title: hostile, description: hostile },
      [{ ...item, title: hostile, description: hostile, path: '/meetings/2?a=1&b="2"' }],
      'https://council.example',
    )
    assert.doesNotMatch(xml, /<script>/)
    const feed = readRss(xml)
    const readable = `Tom & Jerry's <script>alert("x")</script> ]]> <![CDATA[ x ]]>  end`
    assert.equal(feed.channel.title, readable)
    assert.equal(feed.items[0]?.title, readable)
    assert.equal(feed.items[0]?.link, 'https://council.example/meetings/2?a=1&b="2"')
  })

  it('dates in RFC 822, in GMT', () => {
    assert.equal(rfc822('2018-12-31T23:59:59Z'), 'Mon, 31 Dec 2018 23:59:59 GMT')
  })

  it('writes an empty feed as a channel with no items', () => {
    assert.deepEqual(readRss(rssFeed(channel, [], 'https://council.example')).items, [])
  })
})

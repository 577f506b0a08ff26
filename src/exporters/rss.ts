/**
 * RSS 2.0 (https://www.rssboard.org/rss-specification) for the panel's public feeds. RSS rather than Atom because
 * it is what committee-management systems (ModernGov and its peers) offer councils' residents and what every feed
 * reader and council website widget takes; Atom would ask for an author and an `updated` time on every entry that
 * Scrutineer does not keep for meetings or minutes.
 *
 * The XML is written by a small writer that escapes every text and attribute it is given (`&`, `<`, `>`, `"`,
 * `'`) and leaves out the characters XML 1.0 cannot carry at all (control characters, lone surrogates, U+FFFE and
 * U+FFFF), through src/domain/markup-text.ts, so no text typed into Scrutineer can break the document or add markup to it. It uses no CDATA sections:
 * escaped text is as readable to a reader and cannot be closed early by a `]]>` in the text.
 */
import { escapeMarkup } from '../domain/markup-text.ts'
import { FEED_CATEGORIES, type FeedItem } from '../domain/scrutiny/feed.ts'

/** The content type feeds are served with: RSS's type in common use (it was never registered with IANA). */
export const RSS_CONTENT_TYPE = 'application/rss+xml; charset=utf-8'

/**
 * An instant as RSS dates are written (RFC 822, with a four-digit year, in GMT).
 * @example rfc822('2018-06-07T16:30:00.000Z') // 'Thu, 07 Jun 2018 16:30:00 GMT'
 */
export function rfc822(iso: string): string {
  return new Date(iso).toUTCString()
}

/** One element with escaped text, or nothing when there is no text. */
function element(name: string, text: string | null, attributes: Record<string, string> = {}): string {
  if (text === null) return ''
  const attrs = Object.entries(attributes)
    .map(([key, value]) => ` ${key}="${escapeMarkup(value)}"`)
    .join('')
  return `<${name}${attrs}>${escapeMarkup(text)}</${name}>`
}

export interface FeedChannel {
  title: string
  description: string
  /** The page the feed is about (absolute). */
  link: string
  /** The feed's own address (absolute), for `atom:link rel="self"`. */
  self: string
  /** ISO 8601 UTC: when the feed was made. */
  generatedAt: string
}

/**
 * The feed as an RSS 2.0 document. Item links and guids are made absolute with `baseUrl` (the site's PUBLIC_URL).
 * @example rssFeed({ title: 'Meetings', description: 'd', link: 'https://x/meetings', self: 'https://x/meetings.rss', generatedAt: '2026-12-07T12:00:00Z' }, [], 'https://x').startsWith('<?xml version="1.0" encoding="UTF-8"?>') // true
 */
export function rssFeed(channel: FeedChannel, items: readonly FeedItem[], baseUrl: string): string {
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">',
    '<channel>',
    element('title', channel.title),
    element('link', channel.link),
    element('description', channel.description),
    element('language', 'en-gb'),
    element('lastBuildDate', rfc822(channel.generatedAt)),
    element('generator', 'Scrutineer'),
    `<atom:link href="${escapeMarkup(channel.self)}" rel="self" type="application/rss+xml"/>`,
  ]
  for (const item of items) {
    lines.push(
      [
        '<item>',
        element('title', item.title),
        element('link', baseUrl + item.path),
        element('description', item.description),
        element('category', FEED_CATEGORIES[item.kind]),
        element('guid', baseUrl + item.guid, { isPermaLink: 'false' }),
        element('pubDate', rfc822(item.published)),
        '</item>',
      ].join(''),
    )
  }
  lines.push('</channel>', '</rss>', '')
  return lines.join('\n')
}

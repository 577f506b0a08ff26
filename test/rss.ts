/**
 * Reads an RSS 2.0 document as a feed reader would and checks it against the specification's requirements
 * (https://www.rssboard.org/rss-specification): well-formed XML (saxes, the strict parser the census importer
 * uses, throws on anything that is not), an `<rss version="2.0">` root with one `<channel>` that has a title, an
 * absolute link and a description, and items that each have a title, an absolute link, a guid and an RFC 822
 * pubDate. Returns the channel and items so a test can look further.
 */
import assert from 'node:assert/strict'
import { SaxesParser } from 'saxes'

export interface XmlElement {
  name: string
  attributes: Record<string, string>
  children: XmlElement[]
  text: string
}

/** The document's root element; throws on XML that is not well formed. */
export function parseXml(xml: string): XmlElement {
  const parser = new SaxesParser({ xmlns: false })
  const stack: XmlElement[] = []
  let root: XmlElement | null = null
  parser.on('opentag', (tag) => {
    const element: XmlElement = {
      name: tag.name,
      attributes: { ...tag.attributes },
      children: [],
      text: '',
    }
    stack.at(-1)?.children.push(element)
    root ??= element
    stack.push(element)
  })
  parser.on('text', (text) => {
    const top = stack.at(-1)
    if (top !== undefined) top.text += text
  })
  parser.on('cdata', (text) => {
    const top = stack.at(-1)
    if (top !== undefined) top.text += text
  })
  parser.on('closetag', () => {
    stack.pop()
  })
  parser.on('error', (error) => {
    throw error
  })
  parser.write(xml).close()
  // saxes calls back synchronously, which the type checker cannot see.
  const found = root as XmlElement | null
  assert.ok(found !== null, 'the document has a root element')
  return found
}

const child = (element: XmlElement, name: string) => element.children.filter((c) => c.name === name)

/** The one child element of that name's text; fails unless there is exactly one. */
export function only(element: XmlElement, name: string): string {
  const found = child(element, name)
  assert.equal(found.length, 1, `<${element.name}> has one <${name}>`)
  return found[0]?.text ?? ''
}

// RFC 822 as RSS uses it (section 5), with the four-digit year the RSS board recommends.
const RFC_822 =
  /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} (GMT|[+-]\d{4})$/

export interface ReadFeed {
  channel: { title: string; link: string; description: string }
  items: Array<{ title: string; link: string; guid: string; pubDate: string; description: string; category: string }>
}

/** Parses and checks an RSS 2.0 feed. */
export function readRss(xml: string): ReadFeed {
  assert.ok(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>'), 'an XML declaration naming UTF-8')
  const root = parseXml(xml)
  assert.equal(root.name, 'rss')
  assert.equal(root.attributes.version, '2.0')
  const channels = child(root, 'channel')
  assert.equal(channels.length, 1, 'one <channel>')
  const channel = channels[0] as XmlElement
  const link = only(channel, 'link')
  assert.ok(URL.canParse(link), `the channel link ${link} is absolute`)
  const items = child(channel, 'item').map((item) => {
    const read = {
      title: only(item, 'title'),
      link: only(item, 'link'),
      guid: only(item, 'guid'),
      pubDate: only(item, 'pubDate'),
      description: only(item, 'description'),
      category: only(item, 'category'),
    }
    assert.ok(read.title.trim() !== '', 'every item has a title')
    assert.ok(URL.canParse(read.link), `the item link ${read.link} is absolute`)
    assert.match(read.pubDate, RFC_822)
    assert.ok(!Number.isNaN(Date.parse(read.pubDate)))
    return read
  })
  const guids = items.map((i) => i.guid)
  assert.equal(new Set(guids).size, guids.length, 'every guid is unique')
  return {
    channel: { title: only(channel, 'title'), link, description: only(channel, 'description') },
    items,
  }
}

/**
 * Text made safe to write into HTML or XML (element content or a quoted attribute): the one escaper for every
 * page, paper, chart, feed and file Scrutineer writes as markup by hand. Pages go through autoescaped nunjucks
 * instead; this is for the SVG charts, document-pack papers, RSS feeds and other strings built outside it.
 *
 * It escapes `&`, `<`, `>`, `"` and `'`, and leaves out the characters XML 1.0 cannot carry at all (control
 * characters other than tab, line feed and carriage return; lone surrogates; U+FFFE and U+FFFF): a feed reader
 * rejects the whole document for one of them, and in HTML they are parse errors that show as nothing or as boxes.
 * `'` is written `&#39;` rather than `&apos;` because HTML 4 and every XML reader understand it.
 */

// Tab, line feed and carriage return are the only control characters XML 1.0 allows.
const NOT_XML =
  // eslint-disable-next-line no-control-regex -- finding the characters XML forbids is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }

/**
 * `text` safe inside HTML or XML element content and quoted attribute values.
 * @example escapeMarkup(`Tom & Jerry's <b>"hi"</b>\u0000`) // 'Tom &amp; Jerry&#39;s &lt;b&gt;&quot;hi&quot;&lt;/b&gt;'
 */
export function escapeMarkup(text: string): string {
  return text.replace(NOT_XML, '').replace(/[&<>"']/g, (character) => ESCAPES[character] ?? character)
}

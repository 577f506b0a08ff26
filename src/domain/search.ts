/**
 * Site search (/search): what can be found, how a request is read, and how a snippet's highlights are kept apart
 * from its text. The words are matched by PostgreSQL (src/store/search-repository.ts); this module decides
 * nothing about who may see what, which the store's query takes from the permission table through the service.
 */
/** Every kind of result, in the order the filters list them. */
export const SEARCH_KINDS = [
  'meeting',
  'agenda-item',
  'report',
  'appendix',
  'minute',
  'decision',
  'recommendation',
  'glossary',
  'indicator',
] as const

export type SearchKind = (typeof SEARCH_KINDS)[number]

/** Each kind's label on a result and (plural) on its filter. */
export const SEARCH_KIND_LABELS: Readonly<Record<SearchKind, { one: string; many: string }>> = Object.freeze({
  meeting: { one: 'Meeting', many: 'Meetings' },
  'agenda-item': { one: 'Agenda item', many: 'Agenda items' },
  report: { one: 'Report', many: 'Reports' },
  appendix: { one: 'Appendix', many: 'Appendices' },
  minute: { one: 'Minute', many: 'Minutes' },
  decision: { one: 'Decision', many: 'Decisions' },
  recommendation: { one: 'Recommendation', many: 'Recommendations' },
  glossary: { one: 'Glossary', many: 'Glossary entries' },
  indicator: { one: 'Indicator', many: 'Indicators' },
})

/** Results on a page. */
export const SEARCH_PAGE_SIZE = 20
/** The most characters of a query read: longer text is cut, not refused (a pasted paragraph still searches). */
export const SEARCH_MAX_LENGTH = 200
/** The last page offered: past it, people narrow the search rather than page on. */
export const SEARCH_MAX_PAGE = 50

/**
 * What a person may find besides what everyone may: decided from the permission table by the caller (the web
 * shell's `requestCan`), so the search never holds a second copy of who may do what.
 */
export interface SearchViewer {
  /** Members' Room (exempt) appendices: `view-members-room-papers`. */
  membersRoom: boolean
  /** Indicators not yet in any published pack: `view-draft-packs`. */
  drafts: boolean
}

/** A search as asked: the words, an optional kind to narrow to, and the page (1 is the first). */
export interface SearchRequest {
  text: string
  kind: SearchKind | null
  page: number
}

function isSearchKind(value: string): value is SearchKind {
  return (SEARCH_KINDS as readonly string[]).includes(value)
}

/**
 * Reads `?q=…&type=…&page=…` as typed. Anything odd (a repeated field, a page that is not a number, an unknown
 * kind) is read as its default rather than refused: a search box should always answer.
 * @example readSearchRequest({ q: '  early help ', page: '2' }) // { text: 'early help', kind: null, page: 2 }
 */
export function readSearchRequest(query: Record<string, unknown>): SearchRequest {
  const field = (name: string) => {
    const value = query[name]
    return typeof value === 'string' ? value : ''
  }
  // Control characters become spaces; sentinels are what highlights are marked with (below), so typed ones go.
  const text = field('q')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f]/g, ' ')
    .replace(/[\uE000\uE001]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, SEARCH_MAX_LENGTH)
  // Before each RESOLVED decision was a result of its own, the whole resolution was: its links still narrow.
  const kind = field('type') === 'resolution' ? 'decision' : field('type')
  const page = /^[1-9][0-9]{0,3}$/.test(field('page')) ? Number(field('page')) : 1
  return { text, kind: isSearchKind(kind) ? kind : null, page: Math.min(page, SEARCH_MAX_PAGE) }
}

/** Where highlights start and stop in the text PostgreSQL's `ts_headline` returns: private-use characters. */
export const HIGHLIGHT_START = '\uE000'
export const HIGHLIGHT_STOP = '\uE001'

/** `ts_headline`'s options: the sentinels, and two short fragments. */
export const HEADLINE_OPTIONS =
  `StartSel=${HIGHLIGHT_START}, StopSel=${HIGHLIGHT_STOP}, MaxWords=30, MinWords=12, ShortWord=3, ` +
  'MaxFragments=2, FragmentDelimiter=" … "'

/** A title is shown whole, every word that matched highlighted. */
export const TITLE_HEADLINE_OPTIONS = `StartSel=${HIGHLIGHT_START}, StopSel=${HIGHLIGHT_STOP}, HighlightAll=true`

/** A run of a snippet's text, highlighted where it matched. */
export interface SnippetPart {
  text: string
  highlighted: boolean
}

/**
 * Splits a headline marked with the sentinels into runs of plain text, so that the view escapes every run and
 * wraps the highlighted ones in `<mark>`: no HTML is ever built from the text. A sentinel with no partner ends
 * or starts a highlight at the text's end; empty runs are dropped and neighbours of the same kind joined.
 * @example highlightParts('the \uE000child\uE001 in need') // [{ text: 'the ', highlighted: false }, { text: 'child', highlighted: true }, { text: ' in need', highlighted: false }]
 */
export function highlightParts(headline: string): SnippetPart[] {
  const parts: SnippetPart[] = []
  let highlighted = false
  let current = ''
  const flush = () => {
    const last = parts.at(-1)
    if (current === '') return
    if (last !== undefined && last.highlighted === highlighted) last.text += current
    else parts.push({ text: current, highlighted })
    current = ''
  }
  for (const character of headline) {
    if (character === HIGHLIGHT_START || character === HIGHLIGHT_STOP) {
      flush()
      highlighted = character === HIGHLIGHT_START
    } else current += character
  }
  flush()
  return parts
}

/** The page's place in the results: the first result's offset and how many pages there are. */
export function searchPages(total: number, page: number): { offset: number; pageCount: number } {
  const pageCount = Math.min(Math.max(1, Math.ceil(total / SEARCH_PAGE_SIZE)), SEARCH_MAX_PAGE)
  return { offset: (Math.min(page, pageCount) - 1) * SEARCH_PAGE_SIZE, pageCount }
}

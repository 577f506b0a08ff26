/**
 * The search page (/search): the box, the kinds found with their counts (each a link narrowing to it), and a page
 * of results, each labelled with its kind, its title and snippet in runs of plain and highlighted text (the view
 * escapes every run and marks the highlighted ones; no HTML is built here), and where it is read.
 */
import { longDate } from '../../domain/calendar/days.ts'
import { romanNumeral } from '../../domain/scrutiny/decisions.ts'
import {
  highlightParts,
  SEARCH_KIND_LABELS,
  SEARCH_MAX_PAGE,
  type SearchKind,
  type SnippetPart,
} from '../../domain/search.ts'
import type { SearchResults } from '../../services/search-service.ts'
import type { SearchRow } from '../../store/search-repository.ts'

export interface SearchResultModel {
  label: string
  href: string
  title: SnippetPart[]
  snippet: SnippetPart[]
  /** Where it belongs: the committee and date, the report an appendix is part of. */
  context: string
  /** Draft minutes, a Members' Room paper. */
  tag: string | null
}

/** The address of the search with these words, kind and page. */
function searchHref(text: string, kind: SearchKind | null, page = 1): string {
  const params = new URLSearchParams({ q: text })
  if (kind !== null) params.set('type', kind)
  if (page > 1) params.set('page', String(page))
  return `/search?${params.toString()}`
}

/** Where a result is read. */
export function resultHref(row: SearchRow): string {
  const meeting = `/meetings/${String(row.meetingId)}`
  switch (row.kind) {
    case 'meeting':
      return meeting
    case 'agenda-item':
      return row.itemPosition === null ? meeting : `${meeting}/items/${String(row.itemPosition)}`
    case 'report':
    case 'appendix':
      return `${meeting}/items/${String(row.itemPosition)}`
    case 'minute':
    case 'decision':
      return `${meeting}/minutes#minute-${String(row.minuteNumber)}`
    case 'recommendation':
      return `/recommendations/${String(row.id)}`
    case 'glossary':
      return `/glossary#${encodeURIComponent(String(row.id))}`
    case 'indicator':
      return `/indicators/${encodeURIComponent(String(row.id))}`
  }
}

function contextOf(row: SearchRow): string {
  const parts: string[] = []
  if (row.kind === 'appendix' && row.parentTitle !== null) parts.push(`Appendix to “${row.parentTitle}”`)
  if (row.kind === 'minute') parts.push(`Minute ${String(row.minuteNumber)}`)
  if (row.kind === 'decision') {
    parts.push(`Minute ${String(row.minuteNumber)}, decision (${romanNumeral(row.decisionNumber ?? 1)})`)
  }
  if (row.committee !== null) parts.push(row.committee)
  if (row.date !== null) parts.push(longDate(row.date))
  return parts.join(', ')
}

function tagOf(row: SearchRow): string | null {
  if (row.membersRoom) return 'Members’ Room'
  if (row.draft) return 'Draft minutes'
  return null
}

/**
 * The page numbers offered, as GOV.UK's pagination does: the first, the last, the current one and its neighbours,
 * with null for a gap.
 * @example pageNumbers(5, 9) // [1, null, 4, 5, 6, null, 9]
 */
export function pageNumbers(page: number, pageCount: number): Array<number | null> {
  const shown = [...new Set([1, page - 1, page, page + 1, pageCount])]
    .filter((n) => n >= 1 && n <= pageCount)
    .sort((a, b) => a - b)
  return shown.flatMap((n, i) => (i > 0 && n - (shown[i - 1] ?? n) > 1 ? [null, n] : [n]))
}

export function searchPageModel(found: SearchResults) {
  const { request } = found
  const searched = request.text !== ''
  const kindLabel = request.kind === null ? 'results' : SEARCH_KIND_LABELS[request.kind].many.toLowerCase()
  const status = !searched
    ? null
    : found.total === 0
      ? `No ${kindLabel} for “${request.text}”.`
      : `${found.total.toLocaleString('en-GB')} ${found.total === 1 && request.kind === null ? 'result' : kindLabel} ` +
        `for “${request.text}”` +
        (found.pageCount > 1 ? `, page ${String(found.page)} of ${String(found.pageCount)}.` : '.')
  const all = found.counts.reduce((sum, c) => sum + c.count, 0)
  return {
    pageTitle: searched ? `Search: ${request.text}` : 'Search',
    text: request.text,
    kind: request.kind,
    status,
    filters: searched
      ? [
          {
            text: `All (${all.toLocaleString('en-GB')})`,
            href: searchHref(request.text, null),
            current: request.kind === null,
          },
          ...found.counts.map((c) => ({
            text: `${SEARCH_KIND_LABELS[c.kind].many} (${c.count.toLocaleString('en-GB')})`,
            href: searchHref(request.text, c.kind),
            current: request.kind === c.kind,
          })),
        ]
      : [],
    results: found.results.map((row): SearchResultModel => ({
      label: SEARCH_KIND_LABELS[row.kind].one,
      href: resultHref(row),
      title: highlightParts(row.title),
      snippet: highlightParts(row.snippet),
      context: contextOf(row),
      tag: tagOf(row),
    })),
    pagination:
      found.pageCount > 1
        ? {
            ...(found.page > 1 ? { previous: { href: searchHref(request.text, request.kind, found.page - 1) } } : {}),
            ...(found.page < found.pageCount
              ? { next: { href: searchHref(request.text, request.kind, found.page + 1) } }
              : {}),
            items: pageNumbers(found.page, found.pageCount).map((number) =>
              number === null
                ? { ellipsis: true }
                : { number, href: searchHref(request.text, request.kind, number), current: number === found.page },
            ),
          }
        : null,
    /** Said under the pages when there are more results than pages. */
    moreThanShown: found.pageCount === SEARCH_MAX_PAGE && found.total > found.results.length * SEARCH_MAX_PAGE,
  }
}

/**
 * Site search (/search): counts what a person may find by kind, a page of it best first, and each result's
 * highlighted title and snippet. Who may see what comes in as a `SearchViewer`, worked out by the caller from the
 * permission table; the store's query applies it (src/store/search-repository.ts).
 *
 * Also reads the text of PDF appendices stored before search existed (`scrutineer search extract-text`): new
 * uploads are read when they are uploaded (report-service.ts).
 */
import {
  SEARCH_KINDS,
  SEARCH_PAGE_SIZE,
  searchPages,
  type SearchKind,
  type SearchRequest,
  type SearchViewer,
} from '../domain/search.ts'
import { pdfText } from '../importers/pdf-text.ts'
import type { DataAccess } from '../store/data-access.ts'
import type { SearchRow } from '../store/search-repository.ts'

/** A search's answer: results of each kind, the page asked for (of the kind asked for), and how many pages. */
export interface SearchResults {
  request: SearchRequest
  counts: Array<{ kind: SearchKind; count: number }>
  /** Results of the kind asked for (or of every kind). */
  total: number
  page: number
  pageCount: number
  results: SearchRow[]
}

export function searchService(data: DataAccess) {
  return {
    async search(request: SearchRequest, viewer: SearchViewer): Promise<SearchResults> {
      const empty = { request, counts: [], total: 0, page: 1, pageCount: 1, results: [] }
      if (request.text === '') return empty
      // The page asked for, or the last page when it is past the end (asked for again: rare, and only then).
      const asked = (request.page - 1) * SEARCH_PAGE_SIZE
      let found = await data.search.find(request.text, viewer, {
        kind: request.kind,
        offset: asked,
        limit: SEARCH_PAGE_SIZE,
      })
      const counts = SEARCH_KINDS.flatMap((kind) => {
        const count = found.counts.get(kind) ?? 0
        return count > 0 ? [{ kind, count }] : []
      })
      const total =
        request.kind === null ? counts.reduce((sum, c) => sum + c.count, 0) : (found.counts.get(request.kind) ?? 0)
      if (total === 0) return { ...empty, counts }
      const { offset, pageCount } = searchPages(total, request.page)
      if (offset !== asked) {
        found = await data.search.find(request.text, viewer, { kind: request.kind, offset, limit: SEARCH_PAGE_SIZE })
      }
      const results = await data.search.results(request.text, viewer, found.page)
      return { request, counts, total, page: offset / SEARCH_PAGE_SIZE + 1, pageCount, results }
    },

    /**
     * Reads the text of every uploaded PDF appendix that has none yet, a few at a time (each is its own short
     * write), and says how many it read. One it cannot read is kept as having no text, so it is not tried again.
     */
    async extractMissingText(): Promise<{ read: number; withoutText: number }> {
      let read = 0
      let withoutText = 0
      for (;;) {
        const ids = await data.reports.appendicesWithoutText(10)
        if (ids.length === 0) return { read, withoutText }
        for (const id of ids) {
          const file = await data.reports.appendixFile(id)
          const text = file === null ? null : await pdfText(file.content)
          await data.reports.setAppendixText(id, text ?? '')
          if (text === null) withoutText++
          else read++
        }
      }
    },
  }
}

export type SearchService = ReturnType<typeof searchService>

/**
 * The pack page's filters (`/datasets/{dataset}/{YYYY-MM}?area=…&rag=…&changed=10&q=…&spc=…`): GET parameters read
 * from a plain GOV.UK form, so they work without JavaScript and a filtered pack can be bookmarked or shared.
 * Parsing forgives anything it does not know (an unknown RAG reads as "any"), because a query string is typed by
 * people and never worth a 400.
 */
import type { PackIndicator, Rag } from '../../domain/pack.ts'
import { DIRECTION_THRESHOLD_PERCENT } from '../../domain/statistics/change.ts'

export type RagFilter = Rag | 'none'
/** The SPC variation icons a councillor asks after: special cause of a concerning or an improving nature. */
export type SpcSignal = 'concerning' | 'improving'

export interface PackFilters {
  /** A service area's name as the pack groups it ("Other indicators" for rows without one). */
  area: string | null
  rag: RagFilter | null
  /** Only indicators whose value moved by the direction-of-travel threshold (10%) or more since last month. */
  changed: boolean
  /** Words looked for in the indicator's title or code, case-insensitively. */
  q: string
  /**
   * Only indicators whose SPC variation shows this signal. The pack page drops it (packPageModel) while no row carries
   * an SPC summary, rather than showing nothing.
   */
  spc: SpcSignal | null
}

export const NO_PACK_FILTERS: PackFilters = Object.freeze({ area: null, rag: null, changed: false, q: '', spc: null })

/** Search text longer than this is cut: no title is longer, and the page echoes it back. */
const MAX_QUERY_LENGTH = 200

const RAG_FILTERS: readonly RagFilter[] = ['red', 'amber', 'green', 'none']
const SPC_SIGNALS: readonly SpcSignal[] = ['concerning', 'improving']

/** The one string a parameter holds; the first when it is repeated. */
function parameter(query: unknown, name: string): string {
  const value = (query as Record<string, unknown> | null | undefined)?.[name]
  const first = Array.isArray(value) ? (value[0] as unknown) : value
  return typeof first === 'string' ? first : ''
}

/**
 * The filters a pack page's query string asks for.
 * @example parsePackFilters({ rag: 'red', q: ' Referrals ' }) // { area: null, rag: 'red', changed: false, q: 'Referrals', spc: null }
 */
export function parsePackFilters(query: unknown): PackFilters {
  const area = parameter(query, 'area').trim()
  const rag = parameter(query, 'rag')
  const spc = parameter(query, 'spc')
  const changed = parameter(query, 'changed')
  return {
    area: area === '' ? null : area,
    rag: (RAG_FILTERS as readonly string[]).includes(rag) ? (rag as RagFilter) : null,
    changed: changed !== '' && changed !== '0',
    q: parameter(query, 'q').replace(/\s+/g, ' ').trim().slice(0, MAX_QUERY_LENGTH),
    spc: (SPC_SIGNALS as readonly string[]).includes(spc) ? (spc as SpcSignal) : null,
  }
}

/** True when the filters leave some indicator out. */
export function isFiltered(filters: PackFilters): boolean {
  return filters.area !== null || filters.rag !== null || filters.changed || filters.q !== '' || filters.spc !== null
}

/** The service area a row is grouped under on the page. */
export function areaOf(row: Pick<PackIndicator, 'serviceArea'>): string {
  return row.serviceArea.trim() === '' ? 'Other indicators' : row.serviceArea
}

/** What a filter may look at of one row, as the viewer sees it. */
export interface FilterableRow {
  row: PackIndicator
  /** True for a figure withheld from this viewer by disclosure control: no filter may match on it. */
  isWithheld: (column: string) => boolean
  /** The row's SPC signal, when an SPC summary is wired in; undefined when there is none. */
  spcSignal?: SpcSignal | 'none'
}

/**
 * Whether one row is shown under the filters. A withheld figure (shown as `c`) never matches, so a filter cannot
 * be used to learn what disclosure control hides.
 */
export function rowMatches({ row, isWithheld, spcSignal }: FilterableRow, filters: PackFilters): boolean {
  if (filters.area !== null && areaOf(row) !== filters.area) return false
  if (filters.rag !== null) {
    if (isWithheld('rag')) return false
    if (filters.rag === 'none' ? row.rag !== null : row.rag !== filters.rag) return false
  }
  if (filters.changed) {
    if (isWithheld('changeFromPreviousMonth')) return false
    // The direction of travel already says whether the unrounded change reached the threshold, as its column shows.
    const { direction } = row.changeFromPreviousMonth
    if (direction !== 'increase' && direction !== 'decrease') return false
  }
  if (filters.q !== '') {
    const words = filters.q.toLowerCase().split(' ')
    const text = `${row.code} ${row.title}`.toLowerCase()
    if (!words.every((word) => text.includes(word))) return false
  }
  if (filters.spc !== null && spcSignal !== filters.spc) return false
  return true
}

/** The threshold "changed by" means, for the form's label. */
export const CHANGED_THRESHOLD_PERCENT = DIRECTION_THRESHOLD_PERCENT

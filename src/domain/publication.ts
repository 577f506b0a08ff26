/**
 * A published pack: the frozen snapshot of one month of one dataset (figures, the catalogue details the page
 * shows, the approved words), serialised canonically so that its SHA-256 hash can be recomputed at any time; and
 * what the public may see of it, with disclosure control applied.
 *
 * The snapshot keeps the figures as built. Disclosure control is applied when the snapshot is shown to the
 * public, with the rule recorded in the snapshot, so a later change of the council's rule never alters what an
 * earlier publication shows.
 */
import type { Indicator } from './catalogue.ts'
import type { Change, Pack, PackIndicator } from './pack.ts'
import type { Period } from './period.ts'
import { DFE_RULE, discloseCount, type DisclosureRule } from './statistics/suppression.ts'

/** One indicator's approved commentary, as frozen. */
export interface SnapshotCommentary {
  indicatorId: string
  text: string
  author: string
  approvedBy: string
  approvedAt: string
}

/** The approved performance overview, as frozen. */
export interface SnapshotOverview {
  sections: Array<{ title: string; text: string }>
  author: string
  approvedBy: string
  approvedAt: string
}

/** Everything a published pack shows, frozen at publication. */
export interface PackSnapshot {
  /** The shape of this object; bumped if it ever changes, so old snapshots can still be read. */
  format: 1
  datasetId: string
  datasetTitle: string
  period: Period
  publishedBy: string
  publishedAt: string
  /** The built pack: every figure and derived column as shown on the day. */
  pack: Pack
  /** The catalogue entries of the pack's indicators (titles, units, polarity, owner, benchmarks, targets). */
  catalogue: Indicator[]
  commentary: SnapshotCommentary[]
  overview: SnapshotOverview | null
  /** The disclosure control rule in force when the pack was published; the public view applies it. */
  disclosureRule: DisclosureRule
}

/** A stored publication: its version, the snapshot and the hash of the snapshot's canonical JSON. */
export interface Publication {
  datasetId: string
  period: Period
  version: number
  publishedBy: string
  publishedAt: string
  contentHash: string
  snapshot: PackSnapshot
  /** False when the stored JSON no longer hashes to the stored hash: someone changed it outside the application. */
  intact: boolean
}

/** A published version without its snapshot, for lists and histories. */
export interface PublicationSummary {
  datasetId: string
  period: Period
  version: number
  publishedBy: string
  publishedAt: string
  contentHash: string
}

/** A programmer error: a value JSON cannot represent faithfully (NaN, Infinity, a function, undefined in an array). */
export class SnapshotError extends TypeError {
  override name = 'SnapshotError'
}

/**
 * JSON with object keys in code-point order at every level and no whitespace, so the same value always gives the
 * same text and therefore the same hash. Object properties that are undefined are left out (as JSON.stringify
 * does); a non-finite number throws SnapshotError rather than silently becoming null.
 * @example canonicalJson({ b: 1, a: [true, null, 'x'] }) // '{"a":[true,null,"x"],"b":1}'
 */
export function canonicalJson(value: unknown): string {
  if (value === null) return 'null'
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value)
    case 'number':
      if (!Number.isFinite(value)) throw new SnapshotError(`${value} cannot be written to a snapshot.`)
      // + 0 turns −0 into 0: JSON has no −0 and the two must hash alike.
      return JSON.stringify(value + 0)
    case 'object': {
      if (Array.isArray(value)) {
        return `[${value
          .map((item: unknown) => {
            if (item === undefined) throw new SnapshotError('A list in a snapshot holds an undefined value.')
            return canonicalJson(item)
          })
          .join(',')}]`
      }
      const entries = Object.entries(value as Record<string, unknown>)
        .filter(([, item]) => item !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`
    }
    default:
      throw new SnapshotError(`A ${typeof value} cannot be written to a snapshot.`)
  }
}

/** The derived columns of a pack row that disclosure control may withhold. */
export type DerivedColumn =
  'changeFromPreviousMonth' | 'changeFromSameMonthLastYear' | 'average12Months' | 'max12Months' | 'rag'

/**
 * The key of one figure of a disclosed pack: an indicator and a month (`YYYY-MM`) or a derived column.
 * @example withheldKey('adoptions', '2018-04') // 'adoptions|2018-04'
 */
export function withheldKey(indicatorId: string, column: string): string {
  return `${indicatorId}|${column}`
}

/** A pack fit for the public: every withheld figure is null in `pack`, and its key is in `withheld` (shown as `c`). */
export interface DisclosedPack {
  pack: Pack
  withheld: ReadonlySet<string>
  symbol: 'c'
}

const NOT_AVAILABLE: Change = Object.freeze({ percent: null, direction: 'n/a', judgement: 'n/a' })

/** A count of children that the rule suppresses (only whole numbers from 0 up are counts of children). */
function isSmallCount(value: number | null, rule: DisclosureRule): boolean {
  if (value === null || !Number.isInteger(value) || value < 0) return false
  return discloseCount(value, rule).kind === 'suppressed'
}

/**
 * Applies disclosure control to a pack for publication (DfE convention by default, src/domain/statistics/
 * suppression.ts):
 * - primary: a count indicator's month of 1 to 5 is withheld (`c`); 0 is shown;
 * - a percentage or rate built on a suppressed count is withheld: its own numerator or denominator is small, or
 *   the indicator its numerator or denominator comes from is withheld that month;
 * - numerators and denominators themselves are never published when small;
 * - secondary: every derived column that would let a withheld month be worked out is withheld too — the
 *   changes (from P−1 and P−12), the 12-month average and maximum (a total over the months), and the RAG rating.
 * Every withheld figure is set to null in the returned pack, so an output that forgot to print `c` would print a
 * blank, never the small number.
 * @example
 * disclosePack(pack, catalogue).withheld.has('adoptions|2018-04') // true when 2 children were adopted in April
 */
export function disclosePack(
  pack: Pack,
  catalogue: ReadonlyMap<string, Indicator>,
  rule: DisclosureRule = DFE_RULE,
): DisclosedPack {
  const withheld = new Set<string>()

  // Pass 1: primary suppression of counts, so percentages can look up their linked counts.
  for (const row of pack.indicators) {
    if (row.unit !== 'count') continue
    for (const value of row.values) {
      if (isSmallCount(value.value, rule)) withheld.add(withheldKey(row.id, value.period))
    }
  }
  // Pass 2: percentages and rates built on a suppressed count.
  const linkedWithheld = (id: string | null, period: Period): boolean =>
    id !== null && withheld.has(withheldKey(id, period))
  for (const row of pack.indicators) {
    if (row.unit === 'count') continue
    const entry = catalogue.get(row.id)
    for (const value of row.values) {
      if (value.value === null) continue
      if (
        isSmallCount(value.numerator, rule) ||
        isSmallCount(value.denominator, rule) ||
        linkedWithheld(entry?.numeratorId ?? null, value.period) ||
        linkedWithheld(entry?.denominatorId ?? null, value.period)
      ) {
        withheld.add(withheldKey(row.id, value.period))
      }
    }
  }

  const indicators = pack.indicators.map((row): PackIndicator => {
    const isWithheld = (period: Period | undefined): boolean =>
      period !== undefined && withheld.has(withheldKey(row.id, period))
    const months = pack.months
    const latest = isWithheld(months.at(-1))
    const lastTwelve = months.slice(-12).some(isWithheld)
    const columns: Record<DerivedColumn, boolean> = {
      changeFromPreviousMonth: latest || isWithheld(months.at(-2)),
      changeFromSameMonthLastYear: latest || isWithheld(months.at(-13)),
      average12Months: lastTwelve,
      max12Months: lastTwelve,
      rag: latest,
    }
    for (const [column, hide] of Object.entries(columns)) {
      if (hide) withheld.add(withheldKey(row.id, column))
    }
    return {
      ...row,
      values: row.values.map((value) => ({
        period: value.period,
        value: isWithheld(value.period) ? null : value.value,
        numerator: isWithheld(value.period) || isSmallCount(value.numerator, rule) ? null : value.numerator,
        denominator: isWithheld(value.period) || isSmallCount(value.denominator, rule) ? null : value.denominator,
      })),
      changeFromPreviousMonth: columns.changeFromPreviousMonth ? NOT_AVAILABLE : row.changeFromPreviousMonth,
      changeFromSameMonthLastYear: columns.changeFromSameMonthLastYear
        ? NOT_AVAILABLE
        : row.changeFromSameMonthLastYear,
      average12Months: columns.average12Months ? null : row.average12Months,
      max12Months: columns.max12Months ? null : row.max12Months,
      rag: columns.rag ? null : row.rag,
    }
  })
  return { pack: { ...pack, indicators }, withheld, symbol: rule.symbol }
}

/** A figure whose live value is no longer the one published. */
export interface RevisedFigure {
  indicatorId: string
  period: Period
  published: number | null
  live: number | null
}

/**
 * The month figures of the live pack that differ from the published snapshot's (by indicator and month), keyed by
 * {@link withheldKey}. Indicators or months the snapshot does not hold are not "revised": they were never published.
 * @example revisedSincePublication(live, snapshot.pack).get('lac-count|2018-04') // { published: 245, live: 247, … }
 */
export function revisedSincePublication(live: Pack, published: Pack): Map<string, RevisedFigure> {
  const publishedValues = new Map<string, number | null>()
  for (const row of published.indicators) {
    for (const value of row.values) publishedValues.set(withheldKey(row.id, value.period), value.value)
  }
  const revised = new Map<string, RevisedFigure>()
  for (const row of live.indicators) {
    for (const value of row.values) {
      const key = withheldKey(row.id, value.period)
      if (!publishedValues.has(key)) continue
      const before = publishedValues.get(key) ?? null
      if (before !== value.value) {
        revised.set(key, { indicatorId: row.id, period: value.period, published: before, live: value.value })
      }
    }
  }
  return revised
}

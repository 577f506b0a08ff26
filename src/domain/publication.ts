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
import { MEASURE_SUMS } from './measures/catalogue.ts'
import {
  DFE_RULE,
  discloseCount,
  protectRelations,
  type DisclosureRule,
  type FigureRelation,
  type RelatedFigure,
} from './statistics/suppression.ts'
import type { ProcessChange } from './statistics/process-changes.ts'
import type { RunLength } from './statistics/spc.ts'

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

/**
 * What the pack's statistical process control charts were worked out with when it was published: the council's run
 * length and the process changes recorded on its indicators. Frozen so a printed pack draws the same charts every
 * time, whatever is recorded later.
 */
export interface SnapshotSpc {
  runLength: RunLength
  /** Every process change of the pack's indicators, by indicator then month. */
  processChanges: ProcessChange[]
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
  /**
   * The SPC settings frozen with it. Absent from versions published before they were kept (the snapshot's hash
   * covers what was stored, so old versions are never rewritten): those print their charts with no process changes
   * and the default run length, and say so.
   */
  spc?: SnapshotSpc
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

/** Indicators that add up: a total indicator (null: 100, for percentages of one denominator) and its parts. */
export interface IndicatorSum {
  total: string | null
  parts: readonly string[]
}

/**
 * The sums among a catalogue's indicators, from the Annex A measures they are linked to (MEASURE_SUMS in
 * src/domain/measures/catalogue.ts): a sum is known only when every measure in it fills an indicator's value.
 * @example indicatorSums(catalogue)[0] // { total: null, parts: ['sa-within-10d', 'sa-11-25d', …, 'sa-over-45d'] }
 */
export function indicatorSums(
  catalogue: ReadonlyMap<string, Indicator>,
  measureSums: ReadonlyArray<{ total: string | null; parts: readonly string[] }> = MEASURE_SUMS,
): IndicatorSum[] {
  const byMeasure = new Map<string, string>()
  for (const indicator of catalogue.values()) {
    if (indicator.measure?.part === 'value') byMeasure.set(indicator.measure.measureId, indicator.id)
  }
  return measureSums.flatMap((sum) => {
    const parts = sum.parts.map((measureId) => byMeasure.get(measureId))
    const total = sum.total === null ? null : byMeasure.get(sum.total)
    if (total === undefined || parts.some((part) => part === undefined)) return []
    return [{ total, parts: parts.filter((part): part is string => part !== undefined) }]
  })
}

/**
 * The counts a percentage or rate is built on: the catalogue's numerator and denominator links, and, for an
 * indicator filled by an Annex A measure's value, the indicator publishing that measure's count (its numerator).
 * @example ratioLinks(catalogue.get('cpp-repeat'), catalogue) // { numerator: 'cpp-repeat-count', denominator: null }
 */
export function ratioLinks(
  indicator: Indicator | undefined,
  catalogue: ReadonlyMap<string, Indicator>,
): { numerator: string | null; denominator: string | null } {
  if (indicator === undefined) return { numerator: null, denominator: null }
  let numerator = indicator.numeratorId
  const measure = indicator.measure
  if (numerator === null && measure?.part === 'value') {
    for (const other of catalogue.values()) {
      if (other.measure?.part === 'count' && other.measure.measureId === measure.measureId) numerator = other.id
    }
  }
  return { numerator, denominator: indicator.denominatorId }
}

/**
 * Applies disclosure control to a pack for publication (DfE convention by default, src/domain/statistics/
 * suppression.ts). This is the one place the rules are applied; every public output shows what it returns.
 * Primary:
 * - a count indicator's month of 1 to 5 is withheld (`c`); 0 is shown;
 * - a percentage or rate is withheld when the counts it is built on are small: its own numerator or denominator,
 *   or, for a percentage whose denominator is known (its own, or the linked denominator indicator's), the number
 *   of children it stands for (percentage × denominator);
 * Secondary (protectRelations), repeated until nothing changes:
 * - a percentage or rate is withheld whenever a count it is built on (linked by the catalogue's numerator and
 *   denominator, or by an Annex A measure's count) is withheld, and a withheld one whose numerator is shown gets
 *   its numerator withheld too;
 * - parts that add up to a total (`sums`, from the measures by default) never have exactly one withheld figure;
 * - every derived column that would let a withheld month be worked out is withheld too: the changes (from P−1 and
 *   P−12), the 12-month average and maximum (a total over the months), and the RAG rating.
 * Numerators and denominators are never published when small, nor when their figure is withheld. Every withheld
 * figure is set to null in the returned pack, so an output that forgot to print `c` would print a blank, never
 * the small number.
 * @example
 * disclosePack(pack, catalogue).withheld.has('adoptions|2018-04') // true when 2 children were adopted in April
 */
export function disclosePack(
  pack: Pack,
  catalogue: ReadonlyMap<string, Indicator>,
  rule: DisclosureRule = DFE_RULE,
  sums: readonly IndicatorSum[] = indicatorSums(catalogue),
): DisclosedPack {
  const inPack = new Map(pack.indicators.map((row) => [row.id, row]))
  const valueOf = (id: string | null, period: Period): number | null =>
    id === null ? null : (inPack.get(id)?.values.find((value) => value.period === period)?.value ?? null)

  // Primary suppression of every month figure.
  const figures = new Map<string, RelatedFigure>()
  const relations: FigureRelation[] = []
  for (const row of pack.indicators) {
    const links = ratioLinks(catalogue.get(row.id), catalogue)
    for (const value of row.values) {
      const key = withheldKey(row.id, value.period)
      figures.set(key, { value: value.value, withheld: isPrimary(row, value, links, valueOf, rule) ? 'primary' : null })
      if (row.unit !== 'count' && (links.numerator !== null || links.denominator !== null)) {
        relations.push({
          kind: 'ratio',
          ratio: key,
          numerator: links.numerator === null ? null : withheldKey(links.numerator, value.period),
          denominator: links.denominator === null ? null : withheldKey(links.denominator, value.period),
        })
      }
    }
  }
  for (const sum of sums) {
    for (const period of pack.months) {
      relations.push({
        kind: 'sum',
        total: sum.total === null ? null : withheldKey(sum.total, period),
        parts: sum.parts.map((part) => withheldKey(part, period)),
      })
    }
  }
  const protectedFigures = protectRelations(figures, relations)
  const withheld = new Set<string>()
  for (const [key, figure] of protectedFigures) {
    if (figure.withheld !== null && figure.value !== null) withheld.add(key)
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

/**
 * Whether one month of a pack row is withheld for itself: a small count, or a percentage or rate built on one (its
 * own small numerator or denominator, or a percentage of a known denominator that stands for 1 to 5 children).
 */
function isPrimary(
  row: PackIndicator,
  value: PackIndicator['values'][number],
  links: { numerator: string | null; denominator: string | null },
  valueOf: (id: string | null, period: Period) => number | null,
  rule: DisclosureRule,
): boolean {
  if (value.value === null) return false
  if (row.unit === 'count') return isSmallCount(value.value, rule)
  if (isSmallCount(value.numerator, rule) || isSmallCount(value.denominator, rule)) return true
  if (row.unit !== 'percentage' || value.numerator !== null) return false
  const denominator = value.denominator ?? valueOf(links.denominator, value.period)
  if (denominator === null || !Number.isFinite(denominator) || denominator < 0) return false
  const children = Math.round((value.value * denominator) / 100)
  return isSmallCount(children, rule)
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

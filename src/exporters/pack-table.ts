/**
 * What the XLSX and CSV exports of a monthly pack share: the rows grouped by service area with their catalogue
 * details, the wording of direction of travel and RAG, and rounding to the precision the council shows.
 */
import {
  populationFallbackText,
  type DfeStanding,
  type Indicator,
  type PopulationFallback,
  type Unit,
} from '../domain/catalogue.ts'
import type { Change, Pack, PackIndicator, Rag } from '../domain/pack.ts'
import { financialYearOf, formatPeriodLong, type FinancialYear, type Period } from '../domain/period.ts'

/** The dataset title used when the caller does not give one. */
export const DEFAULT_DATASET_TITLE = 'Children and Families Monthly Dataset'

/** Options every pack export accepts. */
export interface PackExportOptions {
  /** The dataset's title for the title row, e.g. "Children and Families Monthly Dataset". */
  datasetTitle?: string
  /**
   * Figures withheld by disclosure control (keys from withheldKey in src/domain/publication.ts), written as `c`.
   * The pack given must already have them set to null (disclosePack does both).
   */
  withheld?: ReadonlySet<string>
  /**
   * Set for an export of unsuppressed figures (for signed-in people entitled to the council's own figures): what
   * to say about them. The export is marked with it so that nobody publishes it by mistake.
   */
  notForPublication?: string
}

/** The words an unsuppressed export is marked with. */
export const NOT_FOR_PUBLICATION_MARK =
  'NOT FOR PUBLICATION: unsuppressed figures (small counts of children are not shown as c). Do not publish or share.'

/** The symbol a withheld figure is published as. */
export const WITHHELD_SYMBOL = 'c'

/** A pack that cannot be exported because it breaks the Pack contract: a bug upstream, not a data problem. */
export class PackExportError extends Error {
  override name = 'PackExportError'
}

/** One indicator of the pack with the catalogue details the council's table shows beside it. */
export interface PackRow {
  indicator: PackIndicator
  owner: string
  reporter: string
  outcome: string
  regionName: string
  vintages: { statisticalNeighbours: string | null; england: string | null; region: string | null }
  /** The council's own DfE value, rank and quartile; null where the benchmarks are hand-typed ("Local"). */
  dfe: DfeStanding | null
}

/** The indicators of one service area, in pack order. */
export interface PackGroup {
  serviceArea: string
  rows: PackRow[]
}

/**
 * The pack's indicators grouped by service area, areas in the order they first appear, with owner, reporter,
 * outcome, region name and benchmark vintages from the catalogue. An indicator missing from the catalogue gets
 * blank details rather than stopping the export: the figures are still worth publishing.
 * @example packGroups(pack, catalogue)[0]?.serviceArea // 'Front door'
 */
export function packGroups(pack: Pack, catalogue: ReadonlyMap<string, Indicator>): PackGroup[] {
  const groups = new Map<string, PackRow[]>()
  for (const indicator of pack.indicators) {
    const entry = catalogue.get(indicator.id)
    const row: PackRow = {
      indicator,
      owner: entry?.owner ?? '',
      reporter: entry?.reporter ?? '',
      outcome: entry?.outcome ?? '',
      regionName: entry?.regionName ?? '',
      vintages: {
        statisticalNeighbours: entry?.benchmarks.statisticalNeighbours?.vintage ?? null,
        england: entry?.benchmarks.england?.vintage ?? null,
        region: entry?.benchmarks.region?.vintage ?? null,
      },
      dfe: entry?.dfeStanding ?? null,
    }
    const rows = groups.get(indicator.serviceArea)
    if (rows) rows.push(row)
    else groups.set(indicator.serviceArea, [row])
  }
  return [...groups].map(([serviceArea, rows]) => ({ serviceArea, rows }))
}

/**
 * The region the pack's region benchmarks describe, when every indicator that names one names the same
 * region; null when none does or they disagree (a column heading cannot then name one region).
 * @example commonRegionName(groups) // 'South East'
 */
export function commonRegionName(groups: readonly PackGroup[]): string | null {
  const names = new Set(groups.flatMap((group) => group.rows.map((row) => row.regionName.trim())).filter(Boolean))
  return names.size === 1 ? ([...names][0] ?? null) : null
}

/** One note per financial year of the pack's months whose rates per 10,000 use an earlier year's population. */
export function populationNotes(pack: Pack, catalogue: ReadonlyMap<string, Indicator>): string[] {
  const years = new Set<string>(pack.months.map(financialYearOf))
  const byYear = new Map<string, { fallback: PopulationFallback; titles: string[] }>()
  for (const row of pack.indicators)
    for (const fallback of catalogue.get(row.id)?.populationFallbacks ?? []) {
      if (!years.has(fallback.financialYear)) continue
      const entry = byYear.get(fallback.financialYear) ?? { fallback, titles: [] }
      entry.titles.push(row.title)
      byYear.set(fallback.financialYear, entry)
    }
  return [...byYear.values()].map(
    ({ fallback, titles }) =>
      `${titles.join('; ')}: ${populationFallbackText(fallback, `their rates per 10,000 for ${fallback.financialYear} use`)}`,
  )
}

/** True when any row has the council's own DfE standing, so that the DfE columns are worth a place. */
export function hasDfeStanding(groups: readonly PackGroup[]): boolean {
  return groups.some((group) => group.rows.some((row) => row.dfe !== null))
}

/** What the DfE rank and quartile mean, for the keys of the pack page and the workbook. */
export const DFE_STANDING_MEANING =
  "The council's own figure as DfE published it for the latest year, its rank among all councils that DfE " +
  'published a figure for (1 is the best, by whether higher or lower is better; councils with the same figure share ' +
  'a rank) and its quartile band: A is the best quarter of councils, D the worst.'

/**
 * A DfE rank as the pack prints it; empty without one.
 * @example dfeRankText({ rank: 12, of: 152, … }) // '12 of 152'
 */
export function dfeRankText(standing: DfeStanding | null): string {
  return standing?.rank == null ? '' : `${standing.rank} of ${standing.of}`
}

/**
 * The financial year whose targets the pack shows: the one containing the pack month.
 * @example targetYear({ period: '2018-04', … }) // '2018-19'
 */
export function targetYear(pack: Pack): FinancialYear {
  return financialYearOf(pack.period)
}

/**
 * The title row: dataset title, an en dash, and the month in words.
 * @example packTitle(pack) // 'Children and Families Monthly Dataset – April 2018'
 */
export function packTitle(pack: Pack, options: PackExportOptions = {}): string {
  const title = `${options.datasetTitle ?? DEFAULT_DATASET_TITLE} – ${formatPeriodLong(pack.period)}`
  return options.notForPublication === undefined ? title : `${title} – NOT FOR PUBLICATION`
}

/**
 * The Indicator cell: the published code then the title, or the title alone when there is no code.
 * @example indicatorLabel({ code: 'CP1', title: 'Children subject to a child protection plan', … })
 * // 'CP1 – Children subject to a child protection plan'
 */
export function indicatorLabel(indicator: Pick<PackIndicator, 'code' | 'title'>): string {
  const code = indicator.code.trim()
  return code === '' ? indicator.title : `${code} – ${indicator.title}`
}

const DIRECTION_TEXT = { increase: '▲ Increase', decrease: '▼ Decrease', similar: '► Similar' } as const

/**
 * Direction of travel as text, arrow first, with the judgement in brackets. A "similar" judgement adds nothing
 * to "► Similar", so it is left off; a neutral indicator still says "(neutral)".
 * @example directionOfTravelText({ percent: -12, direction: 'decrease', judgement: 'positive' })
 * // '▼ Decrease (positive)'
 */
export function directionOfTravelText(change: Change): string {
  if (change.direction === 'n/a') return 'n/a'
  const words = DIRECTION_TEXT[change.direction]
  if (change.judgement === 'similar' || change.judgement === 'n/a') return words
  return `${words} (${change.judgement})`
}

/**
 * RAG as a word, never colour alone; empty when the indicator has no target.
 * @example ragText('amber') // 'Amber'
 */
export function ragText(rag: Rag | null): string {
  if (rag === null) return ''
  return `${rag.charAt(0).toUpperCase()}${rag.slice(1)}`
}

/** Decimal places the council shows: percentages to 1, counts, rates and days whole. */
export function decimalPlaces(unit: Unit): number {
  return unit === 'percentage' ? 1 : 0
}

/**
 * A value rounded as the council's table shows it: half away from zero (−2.5 → −3) to the unit's precision,
 * on the decimal value as written (1.45 → 1.5, though binary holds 1.4499…), never −0.
 * @example roundForDisplay('percentage', 64.85) // 64.9
 */
export function roundForDisplay(unit: Unit, value: number): number {
  const factor = 10 ** decimalPlaces(unit)
  // 15 significant digits strip binary noise, so a value written as a half rounds as a half.
  const shifted = Number((Math.abs(value) * factor).toPrecision(15))
  const rounded = Math.round(shifted) / factor
  return value < 0 && rounded !== 0 ? -rounded : rounded
}

/**
 * The value for one month, or null when the month has no value or is missing from the indicator's values.
 * @example monthValue(indicator, '2018-04') // 245
 */
export function monthValue(indicator: PackIndicator, period: Period): number | null {
  return indicator.values.find((value) => value.period === period)?.value ?? null
}

/**
 * Checks a number from the pack is a real number (or null) before it is written out: NaN or Infinity means the
 * pack was built wrongly, and writing it would publish a blank or an error cell without anyone noticing.
 * @example finiteOrNull(12, 'CP1', 'target') // 12
 */
export function finiteOrNull(value: number | null, indicatorId: string, column: string): number | null {
  if (value !== null && !Number.isFinite(value)) {
    throw new PackExportError(
      `Indicator ${indicatorId}: ${column} is ${value}, which is not a number that can be published.`,
    )
  }
  return value
}

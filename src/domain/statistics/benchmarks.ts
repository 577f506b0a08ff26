/**
 * DfE benchmarks (LAIT): where a council stands against its statistical neighbours, its region, England and every
 * other council for one DfE item in one year. The definitions are in docs/methodology.md ("DfE benchmarks").
 */
import type { ComparedCouncil, Indicator } from '../catalogue.ts'
import { toDecimal } from './rounding.ts'

/** Why DfE did not publish a figure, from the marker it printed in the value's place. */
export type NotPublishedReason =
  'not available' | 'suppressed' | 'not applicable' | 'not collected' | 'not available (..)' | 'low number' | 'blank'

/** A DfE value: a number, or the marker DfE printed instead and what it means. Never 0 for a missing figure. */
export type BenchmarkValue =
  { published: true; value: number } | { published: false; marker: string; reason: NotPublishedReason }

const MARKERS: ReadonlyMap<string, NotPublishedReason> = new Map([
  ['-', 'not available'],
  ['c', 'suppressed'],
  ['x', 'not applicable'],
  ['z', 'not collected'],
  ['..', 'not available (..)'],
  ['low', 'low number'],
  ['', 'blank'],
])

/**
 * Reads a value as the extract writes it. Null when it is neither a number nor one of DfE's markers, so that the
 * importer can say so rather than guess.
 * @example readBenchmarkValue('18.100000000000001') // { published: true, value: 18.1 }
 * @example readBenchmarkValue('c') // { published: false, marker: 'c', reason: 'suppressed' }
 */
export function readBenchmarkValue(text: string): BenchmarkValue | null {
  const trimmed = text.trim()
  const reason = MARKERS.get(trimmed.toLowerCase())
  if (reason !== undefined) return { published: false, marker: trimmed, reason }
  if (!/^-?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/.test(trimmed)) return null
  return { published: true, value: Number(trimmed) }
}

/** The data dictionary's polarity: `High` (higher is better), `Low` (lower is better), anything else (no order). */
export type BenchmarkPolarity = 'High' | 'Low' | null

/** Reads the dictionary's `Polarity` text; only `High` and `Low` (any case) order the councils. */
export function readBenchmarkPolarity(text: string): BenchmarkPolarity {
  const trimmed = text.trim().toLowerCase()
  if (trimmed === 'high') return 'High'
  if (trimmed === 'low') return 'Low'
  return null
}

/** The LA number of the England row; single councils are numbered below it. */
export const ENGLAND_LA_NUMBER = 970

/** One row of the extract for the item and year being benchmarked. */
export interface AreaFigure {
  laNumber: number
  area: string
  /** The row's `region` (a council's region; `NA` for England and the regions). */
  region: string
  value: BenchmarkValue
}

export interface BenchmarkQuestion {
  /** Every row the extract has for one item and one year. */
  figures: readonly AreaFigure[]
  laNumber: number
  /** The council's statistical neighbours SN1–SN10, in order. */
  neighbours: readonly number[]
  polarity: BenchmarkPolarity
}

export type Quartile = 'A' | 'B' | 'C' | 'D'

export interface BenchmarkAnswer {
  value: number | null
  /** Why the council's own value is missing: DfE's reason, or `no row` when the extract has none. */
  notPublished: string | null
  snAverage: number | null
  snCount: number
  england: number | null
  region: string | null
  regionValue: number | null
  rank: number | null
  of: number
  quartile: Quartile | null
}

/**
 * Region names as the extract's `region` column and its area rows write them, so the two meet: case and spacing
 * ignored, `Inner London` = `London (Inner)`, `Outer London` = `London (Outer)`.
 * @example regionKey('Yorkshire and The Humber') === regionKey('Yorkshire and the Humber') // true
 */
export function regionKey(name: string): string {
  const key = name.trim().replace(/\s+/g, ' ').toLowerCase()
  if (key === 'inner london') return 'london (inner)'
  if (key === 'outer london') return 'london (outer)'
  return key
}

function publishedValue(figure: AreaFigure | undefined): number | null {
  return figure?.value.published === true ? figure.value.value : null
}

/**
 * Quartile band from a rank among `of`: the ranks split into four equal parts, A the best. A rank r is in band
 * floor((r − 1) × 4 ∕ of), so with 150 ranked A holds ranks 1–38, B 39–75, C 76–113, D 114–150; tied councils
 * share a rank and so a band.
 */
export function quartileOf(rank: number, of: number): Quartile {
  const bands: Quartile[] = ['A', 'B', 'C', 'D']
  return bands[Math.min(3, Math.floor(((rank - 1) * 4) / of))] ?? 'D'
}

/**
 * The council's benchmarks for one item and year.
 * - England: the row whose area is `England`. Region: the council's `region` and the row whose area is that region.
 * - SN average: the mean of the neighbours that published a value, with how many (`snCount`).
 * - Rank: among single councils (numbered below 970) with a value, 1 + how many are strictly better by the
 *   polarity, so ties share a rank; `of` is how many were ranked. No rank and no quartile without a polarity or
 *   without the council's own value.
 */
export function benchmarkFor(question: BenchmarkQuestion): BenchmarkAnswer {
  const { figures, laNumber, neighbours, polarity } = question
  const byNumber = new Map(figures.map((figure) => [figure.laNumber, figure]))
  const own = byNumber.get(laNumber)
  const value = publishedValue(own)

  const neighbourValues = neighbours
    .map((neighbour) => publishedValue(byNumber.get(neighbour)))
    .filter((v): v is number => v !== null)
  const snAverage =
    neighbourValues.length === 0
      ? null
      : toDecimal(neighbourValues.reduce((sum, v) => sum + v, 0) / neighbourValues.length)

  const englandKey = regionKey('England')
  const england = publishedValue(figures.find((figure) => regionKey(figure.area) === englandKey))
  const region = own === undefined || own.region.trim() === '' || own.region === 'NA' ? null : own.region
  const regionValue =
    region === null ? null : publishedValue(figures.find((figure) => regionKey(figure.area) === regionKey(region)))

  const ranked = figures
    .filter((figure) => figure.laNumber < ENGLAND_LA_NUMBER)
    .map(publishedValue)
    .filter((v): v is number => v !== null)
  let rank: number | null = null
  let quartile: Quartile | null = null
  if (polarity !== null && value !== null) {
    const better = ranked.filter((other) => (polarity === 'High' ? other > value : other < value)).length
    rank = 1 + better
    quartile = quartileOf(rank, ranked.length)
  }

  return {
    value,
    notPublished: own === undefined ? 'no row' : own.value.published ? null : own.value.reason,
    snAverage,
    snCount: neighbourValues.length,
    england,
    region,
    regionValue,
    rank,
    of: ranked.length,
    quartile,
  }
}

/**
 * The council and its statistical neighbours in SN order, each with its figure as DfE published it; a neighbour the
 * extract has no row for is named by its LA number and has no value.
 */
export function comparedCouncils(
  figures: readonly AreaFigure[],
  laNumber: number,
  neighbours: readonly number[],
): ComparedCouncil[] {
  const byNumber = new Map(figures.map((figure) => [figure.laNumber, figure]))
  return [laNumber, ...neighbours.filter((n) => n !== laNumber)].map((la) => {
    const figure = byNumber.get(la)
    return {
      laNumber: la,
      name: figure?.area ?? `LA ${la}`,
      value: publishedValue(figure),
      notPublished: figure === undefined ? 'no row' : figure.value.published ? null : figure.value.reason,
      own: la === laNumber,
    }
  })
}

/** A council's DfE benchmarks for an item's latest year, with the vintage the pack prints. */
export interface DfeBenchmark {
  answer: BenchmarkAnswer
  /** E.g. "DfE 2024-25 data, statistical neighbours May 2025". */
  vintage: string
  /** The council and its neighbours with their figures (comparedCouncils), for the indicator page's chart. */
  councils?: ComparedCouncil[]
}

/**
 * The indicator with its benchmark columns from DfE where it names a DfE item that was found: the
 * statistical-neighbour average, England and the council's region (its name too), each with the DfE vintage, and
 * the council's own DfE value, rank and quartile (`dfeStanding`). An indicator naming no item, or one DfE has no
 * figures for, keeps its hand-typed benchmarks ("Local") and has no standing.
 */
export function withDfeBenchmarks(indicator: Indicator, dfe: ReadonlyMap<string, DfeBenchmark>): Indicator {
  const found = indicator.benchmarkItem === undefined ? undefined : dfe.get(indicator.benchmarkItem)
  if (found === undefined) return indicator
  const { answer, vintage, councils } = found
  const benchmark = (value: number | null) => (value === null ? null : { value, vintage })
  return {
    ...indicator,
    benchmarks: {
      statisticalNeighbours: benchmark(answer.snAverage),
      england: benchmark(answer.england),
      region: benchmark(answer.regionValue),
    },
    regionName: answer.region ?? indicator.regionName,
    dfeStanding: {
      value: answer.value,
      notPublished: answer.notPublished,
      rank: answer.rank,
      of: answer.of,
      quartile: answer.quartile,
      vintage,
      ...(councils === undefined ? {} : { councils }),
    },
  }
}

/**
 * The indicator catalogue: what each indicator measures, who owns it, how to judge it.
 */
import type { FinancialYear, Period } from './period.ts'

export const UNITS = ['count', 'percentage', 'rate per 10,000', 'days'] as const
/** How an indicator's values are expressed. */
export type Unit = (typeof UNITS)[number]

export const POLARITIES = ['higher', 'lower', 'neutral'] as const
/** Whether a higher value is better, a lower value is better, or neither. */
export type Polarity = (typeof POLARITIES)[number]

/** A benchmark value with the vintage the council quotes, e.g. "Updated Nov-17, using 2016-17 data". */
export interface Benchmark {
  value: number
  vintage: string | null
}

export interface Benchmarks {
  statisticalNeighbours: Benchmark | null
  england: Benchmark | null
  region: Benchmark | null
}

/**
 * Where the council itself stands in DfE's benchmarks for an indicator's DfE item (its latest year): its own
 * published value, its rank among all single councils (1 = best by the item's polarity; ties share a rank) and its
 * quartile band A–D. Set by the pack service from the stored benchmarks, never stored with the catalogue.
 */
export interface DfeStanding {
  /** The council's own value as DfE published it; null when DfE did not publish one (`notPublished` says why). */
  value: number | null
  notPublished: string | null
  rank: number | null
  /** How many councils were ranked. */
  of: number
  quartile: 'A' | 'B' | 'C' | 'D' | null
  /** E.g. "DfE 2024-25 data, statistical neighbours May 2025". */
  vintage: string
  /** The council and its statistical neighbours SN1–SN10 as DfE names them, with their values, for the chart. */
  councils?: ComparedCouncil[]
}

/**
 * A financial year whose rates per 10,000 use an earlier year's child population, because ONS has published no
 * estimate for it yet (src/services/population-service.ts).
 */
export interface PopulationFallback {
  financialYear: string
  /** The financial year whose population it uses. */
  from: string
  /** The mid-year estimate that population is, e.g. 2017 for 2017-18. */
  midYear: number
}

/**
 * Why a rate uses an earlier year's child population, as the pack, indicator and children pages say it; `uses` is
 * who uses it ("it uses", "their rates per 10,000 use").
 * @example populationFallbackText({ financialYear: '2018-19', from: '2017-18', midYear: 2017 }, 'it uses')
 * // 'ONS has published no population estimate for 2018-19 yet, so it uses the latest earlier one: the mid-2017 estimate (2017-18).'
 */
export function populationFallbackText(fallback: PopulationFallback, uses: string): string {
  return (
    `ONS has published no population estimate for ${fallback.financialYear} yet, so ${uses} the latest earlier ` +
    `one: the mid-${fallback.midYear} estimate (${fallback.from}).`
  )
}

/** One council's DfE figure beside the others': `value` null where DfE published none (`notPublished` says why). */
export interface ComparedCouncil {
  laNumber: number
  name: string
  value: number | null
  notPublished: string | null
  /** True for the council this Scrutineer serves. */
  own: boolean
}

export interface Target {
  financialYear: FinancialYear
  value: number
}

export interface Indicator {
  /** Stable slug, e.g. `sa-in-45wd`. */
  id: string
  /** The council's published code, e.g. `CP1`; empty when it has none. */
  code: string
  title: string
  serviceArea: string
  unit: Unit
  polarity: Polarity
  owner: string
  reporter: string
  outcome: string
  definition: string
  /** For a percentage built from two counts: the indicator that counts the numerator. */
  numeratorId: string | null
  /** For a percentage built from two counts: the indicator that counts the denominator. */
  denominatorId: string | null
  benchmarks: Benchmarks
  /** The region the `region` benchmark describes, e.g. `South East`. */
  regionName: string
  targets: Target[]
  /** RAG amber band as a percentage of the target (default 5). */
  ragTolerancePercent: number
  /** The Annex A measure that computes this indicator's figures, if any. */
  measure: MeasureLink | null
  /**
   * The DfE benchmarks item (LAIT `short_desc`, e.g. `ReReferral`) whose figures replace the hand-typed benchmarks.
   * Absent rather than null when there is none, so that packs and snapshots of indicators without one are unchanged.
   */
  benchmarkItem?: string
  /** The council's own DfE figure, rank and quartile; absent when the indicator's benchmarks are hand-typed. */
  dfeStanding?: DfeStanding
  /** For a rate per 10,000 computed from Annex A: the years that use an earlier year's population; absent when none. */
  populationFallbacks?: PopulationFallback[]
}

/**
 * Which Annex A measure fills an indicator, and which part of it: the `value` (a percentage, a rate or a count) or
 * the `count` (a percentage's numerator, for an indicator that publishes the number beside the percentage).
 */
export interface MeasureLink {
  measureId: string
  part: 'value' | 'count'
}

/**
 * Reads a measure link as a catalogue writes it: `assessments-in-45wd` (its value) or `assessments-in-45wd:count`.
 * Returns null when the text is not of that form.
 * @example parseMeasureLink('adoptions:count') // { measureId: 'adoptions', part: 'count' }
 */
export function parseMeasureLink(text: string): MeasureLink | null {
  const match = /^([a-z0-9]+(?:-[a-z0-9]+)*)(?::(value|count))?$/.exec(text.trim())
  if (!match?.[1]) return null
  return { measureId: match[1], part: match[2] === 'count' ? 'count' : 'value' }
}

/** A named, ordered collection of indicators: the monthly dataset, the early help dataset… */
export interface Dataset {
  id: string
  title: string
  indicatorIds: string[]
}

/** One indicator's figure for one month. */
export interface Observation {
  indicatorId: string
  period: Period
  /** Null when the month has no value (a gap the council left blank). */
  value: number | null
  numerator: number | null
  denominator: number | null
}

export const DEFAULT_RAG_TOLERANCE_PERCENT = 5

export function isUnit(text: string): text is Unit {
  return (UNITS as readonly string[]).includes(text)
}

export function isPolarity(text: string): text is Polarity {
  return (POLARITIES as readonly string[]).includes(text)
}

/** An indicator with every optional field empty: a starting point for importers and tests. */
export function blankIndicator(id: string, overrides: Partial<Indicator> = {}): Indicator {
  return {
    id,
    code: '',
    title: id,
    serviceArea: '',
    unit: 'count',
    polarity: 'neutral',
    owner: '',
    reporter: '',
    outcome: '',
    definition: '',
    numeratorId: null,
    denominatorId: null,
    benchmarks: { statisticalNeighbours: null, england: null, region: null },
    regionName: '',
    targets: [],
    ragTolerancePercent: DEFAULT_RAG_TOLERANCE_PERCENT,
    measure: null,
    ...overrides,
  }
}

/** A month's figure that an import changed: the history kept when a month is imported again. */
export interface Revision {
  indicatorId: string
  period: Period
  previousValue: number | null
  newValue: number | null
  /** ISO timestamp. */
  revisedAt: string
  sourceFile: string
}

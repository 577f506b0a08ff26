/**
 * Statistical process control: the XmR (individuals and moving range) chart, which separates ordinary
 * month-to-month variation from a change worth asking about. Rules, icons and words follow NHS England's
 * "Making Data Count" (MDC), as the NHS-R Community's NHSRplotthedots package implements them
 * (docs/methodology.md, "Statistical process control").
 */
import type { Polarity } from '../catalogue.ts'
import { toDecimal } from './rounding.ts'

/** The XmR constant: 3 ÷ d2 with d2 = 1.128 for moving ranges of two points. */
export const XMR_SCALING_FACTOR = 2.66
/** How many points in a row make a shift (same side of the mean) or a trend (each rising or each falling). */
export const RUN_LENGTHS = [6, 7] as const
export type RunLength = (typeof RUN_LENGTHS)[number]
/** MDC's default: 7 points in a row. Some trusts use 6; the council chooses. */
export const DEFAULT_RUN_LENGTH: RunLength = 7
/** Below this many points in a process period its limits are "trial": too few to rely on. */
export const TRIAL_LIMIT_POINTS = 15
/** The "two sigma" line sits two thirds of the way from the mean to a limit. */
const NEAR_LIMIT_SHARE = 2 / 3

export type XmrSignalKind = 'outside-limits' | 'run' | 'trend' | 'two-of-three'

/** A signal over the points `from` … `to` (positions in the input series, inclusive). */
export interface XmrSignal {
  kind: XmrSignalKind
  from: number
  to: number
}

/** What a point says: common cause, or special cause of improving, concerning or neither nature. */
export type PointCause = 'common' | 'improving' | 'concerning' | 'neither'

export interface XmrPoint {
  value: number | null
  /** |value − previous available value| within its process period; null for the first and for missing months. */
  movingRange: number | null
  outsideLimits: boolean
  inRun: boolean
  inTrend: boolean
  inTwoOfThree: boolean
  /** The process period (index into `periods`) the point belongs to. */
  period: number
  /** Null for a missing month, or when its period has no limits (fewer than two values). */
  cause: PointCause | null
  /** For a special cause: which way it points (the side of the mean, or the trend's direction). */
  direction: 'high' | 'low' | null
}

/** A stretch of points sharing one mean and one set of limits; a process change starts a new one. */
export interface ProcessPeriod {
  /** First and last positions (inclusive) of the period in the input series. */
  from: number
  to: number
  /** How many points of the period have a value. */
  count: number
  mean: number | null
  meanMovingRange: number | null
  upperLimit: number | null
  lowerLimit: number | null
  /** Fewer than 15 points: the limits are a first estimate. */
  trial: boolean
}

export interface XmrChart {
  /** One entry per input value, in the same order. */
  points: XmrPoint[]
  /** At least one; more after process changes, oldest first. */
  periods: ProcessPeriod[]
  /** The latest period's centre line: the mean of its available values. */
  mean: number | null
  meanMovingRange: number | null
  /** The latest period's upper process limit: mean + 2.66 × mean moving range. Null with fewer than two values. */
  upperLimit: number | null
  /** The latest period's lower process limit: mean − 2.66 × mean moving range (not below 0 with `floorAtZero`). */
  lowerLimit: number | null
  /** Whether the latest period's limits are trial limits. */
  trial: boolean
  signals: XmrSignal[]
}

export interface XmrOptions {
  /** Stop the lower limit at 0, for figures that cannot be negative such as counts. */
  floorAtZero?: boolean
  /** Which way is better; decides whether a special cause is improving or concerning. Neutral unless told. */
  polarity?: Polarity
  /** Points in a row for a run or a trend: 6 or 7 (7 unless told). */
  runLength?: number
  /**
   * Process changes: the positions in the series where a new period starts, its limits worked out afresh.
   * Each a whole number from 1 to the series' length − 1; order and repeats do not matter.
   */
  breaks?: readonly number[]
}

/** Options an XmR chart cannot be drawn with: a run length other than 6 or 7, a break outside the series. */
export class SpcOptionError extends RangeError {
  override name = 'SpcOptionError'
}

/**
 * An XmR chart of a series of monthly values, oldest first. Missing months (null) are skipped: the points
 * either side count as neighbours for moving ranges, runs and trends. Each process period (the whole series
 * unless `breaks` cut it) has its own centre line = mean of its values; moving range = the absolute difference
 * between each value and the one before in the period; limits = mean ± 2.66 × mean moving range. Signals,
 * looked for within each period: a point strictly outside the limits; a run of 7 (or `runLength`) or more points
 * on the same side of the mean (a point exactly on the mean breaks a run); a trend of 7 (or `runLength`) or more
 * points each strictly higher, or each strictly lower, than the one before (an equal value breaks a trend); two
 * of three points in a row strictly beyond the two-sigma line (two thirds of the way to a limit) on the same side.
 * @example
 * xmrChart([10, 12, 11, 13]) // mean 11.5, moving ranges 2, 1, 2 (mean 5/3), limits 7.07 and 15.93
 */
export function xmrChart(values: readonly (number | null)[], options: XmrOptions = {}): XmrChart {
  const runLength = checkedRunLength(options.runLength)
  const polarity = options.polarity ?? 'neutral'
  const starts = checkedBreaks(options.breaks ?? [], values.length)
  for (const value of values) {
    if (value !== null && !Number.isFinite(value))
      throw new SpcOptionError(`A value must be a finite number, got ${value}`)
  }

  const points: XmrPoint[] = values.map((value) => ({
    value,
    movingRange: null,
    outsideLimits: false,
    inRun: false,
    inTrend: false,
    inTwoOfThree: false,
    period: 0,
    cause: null,
    direction: null,
  }))
  const signals: XmrSignal[] = []
  const periods: ProcessPeriod[] = []
  const bounds = [0, ...starts, values.length]
  for (let p = 0; p + 1 < bounds.length; p++) {
    const from = bounds[p] ?? 0
    const end = bounds[p + 1] ?? values.length
    for (let i = from; i < end; i++) setPoint(points, i, { period: p })
    periods.push(
      analysePeriod(values, from, end - 1, points, signals, {
        runLength,
        polarity,
        floorAtZero: options.floorAtZero === true,
      }),
    )
  }

  signals.sort((a, b) => a.from - b.from || a.to - b.to)
  const latest = periods[periods.length - 1] ?? emptyPeriod(0, -1)
  return {
    points,
    periods,
    mean: latest.mean,
    meanMovingRange: latest.meanMovingRange,
    upperLimit: latest.upperLimit,
    lowerLimit: latest.lowerLimit,
    trial: latest.trial,
    signals,
  }
}

interface PeriodRules {
  runLength: number
  polarity: Polarity
  floorAtZero: boolean
}

function emptyPeriod(from: number, to: number): ProcessPeriod {
  return { from, to, count: 0, mean: null, meanMovingRange: null, upperLimit: null, lowerLimit: null, trial: true }
}

function analysePeriod(
  values: readonly (number | null)[],
  from: number,
  to: number,
  points: XmrPoint[],
  signals: XmrSignal[],
  rules: PeriodRules,
): ProcessPeriod {
  const present: Present[] = []
  for (let i = from; i <= to; i++) {
    const value = values[i]
    if (value !== null && value !== undefined) present.push({ value, index: i })
  }
  const period = emptyPeriod(from, to)
  period.count = present.length
  period.trial = present.length < TRIAL_LIMIT_POINTS
  if (present.length === 0) return period

  const mean = toDecimal(present.reduce((sum, p) => sum + p.value, 0) / present.length)
  period.mean = mean

  const ranges: number[] = []
  for (let i = 1; i < present.length; i++) {
    const here = present[i]
    const before = present[i - 1]
    if (!here || !before) continue
    const range = toDecimal(Math.abs(here.value - before.value))
    ranges.push(range)
    setPoint(points, here.index, { movingRange: range })
  }
  if (ranges.length === 0) return period

  const meanMovingRange = toDecimal(ranges.reduce((sum, r) => sum + r, 0) / ranges.length)
  period.meanMovingRange = meanMovingRange
  const upperLimit = toDecimal(mean + XMR_SCALING_FACTOR * meanMovingRange)
  const unflooredLower = toDecimal(mean - XMR_SCALING_FACTOR * meanMovingRange)
  const lowerLimit = rules.floorAtZero ? Math.max(0, unflooredLower) : unflooredLower
  period.upperLimit = upperLimit
  period.lowerLimit = lowerLimit

  for (const p of present) {
    const v = toDecimal(p.value)
    if (v > upperLimit || v < lowerLimit) {
      signals.push({ kind: 'outside-limits', from: p.index, to: p.index })
      setPoint(points, p.index, { outsideLimits: true })
    }
  }

  // Runs: stretches of points on the same side of the mean; a point on the mean (side 0) is in none.
  const sides = present.map((p) => Math.sign(toDecimal(p.value) - mean))
  let runStart = 0
  for (let i = 1; i <= present.length; i++) {
    if (i < present.length && sides[i] === sides[runStart]) continue
    if (sides[runStart] !== 0 && i - runStart >= rules.runLength)
      markStretch(points, signals, present, runStart, i - 1, 'run')
    runStart = i
  }

  // Trends: stretches where every step goes the same way; a turning point ends one trend and starts the next.
  const trendWays: number[] = present.map(() => 0)
  let trendStart = 0
  let trendWay = 0
  for (let i = 1; i <= present.length; i++) {
    const step = i < present.length ? stepBetween(present[i - 1], present[i]) : 0
    if (step !== 0 && (trendWay === 0 || step === trendWay)) {
      trendWay = step
      continue
    }
    if (trendWay !== 0 && i - trendStart >= rules.runLength) {
      markStretch(points, signals, present, trendStart, i - 1, 'trend')
      // A turning point belongs to both trends; the later one decides its direction.
      for (let j = trendStart; j < i; j++) trendWays[j] = trendWay
    }
    trendStart = step === 0 ? i : i - 1
    trendWay = step
  }

  // Two of three: within any three points in a row, two or more beyond the same two-sigma line. Only those
  // beyond it are marked; a point beyond the limit itself counts too (MDC: "close to or beyond the limits").
  const sigmaDistance = toDecimal(NEAR_LIMIT_SHARE * XMR_SCALING_FACTOR * meanMovingRange)
  const nearSide = present.map((p) => {
    const distance = toDecimal(p.value - mean)
    if (distance > sigmaDistance) return 1
    if (distance < -sigmaDistance) return -1
    return 0
  })
  for (let i = 0; i + 2 < present.length; i++) {
    const window = [i, i + 1, i + 2]
    for (const side of [1, -1]) {
      const beyond = window.filter((j) => nearSide[j] === side)
      if (beyond.length < 2) continue
      const first = beyond[0] ?? i
      const last = beyond[beyond.length - 1] ?? i
      const fromIndex = present[first]?.index
      const toIndex = present[last]?.index
      if (fromIndex === undefined || toIndex === undefined) continue
      if (!signals.some((s) => s.kind === 'two-of-three' && s.from === fromIndex && s.to === toIndex))
        signals.push({ kind: 'two-of-three', from: fromIndex, to: toIndex })
      for (const j of beyond) {
        const index = present[j]?.index
        if (index !== undefined) setPoint(points, index, { inTwoOfThree: true })
      }
    }
  }

  // Each point's cause: a rule on the point's side of the mean (limit, run, two of three) says high or low by
  // that side; a trend alone says high or low by its direction, as MDC colours a whole trend one way.
  present.forEach((p, j) => {
    const point = points[p.index]
    if (!point) return
    const bySide = point.outsideLimits || point.inRun || point.inTwoOfThree
    let direction: 'high' | 'low' | null = null
    if (bySide && sides[j] !== 0) direction = (sides[j] ?? 0) > 0 ? 'high' : 'low'
    else if (point.inTrend) direction = (trendWays[j] ?? 0) > 0 ? 'high' : 'low'
    setPoint(
      points,
      p.index,
      direction === null ? { cause: 'common' } : { cause: causeOf(direction, rules.polarity), direction },
    )
  })
  return period
}

interface Present {
  value: number
  index: number
}

function causeOf(direction: 'high' | 'low', polarity: Polarity): PointCause {
  if (polarity === 'neutral') return 'neither'
  return (direction === 'high') === (polarity === 'higher') ? 'improving' : 'concerning'
}

function checkedRunLength(runLength: number | undefined): RunLength {
  if (runLength === undefined) return DEFAULT_RUN_LENGTH
  if (!isRunLength(runLength)) throw new SpcOptionError(`The run length must be 6 or 7, got ${runLength}`)
  return runLength
}

/** Whether a number is a run length Making Data Count allows (6 or 7). */
export function isRunLength(n: number): n is RunLength {
  return (RUN_LENGTHS as readonly number[]).includes(n)
}

function checkedBreaks(breaks: readonly number[], length: number): number[] {
  for (const b of breaks) {
    if (!Number.isInteger(b) || b < 1 || b >= length)
      throw new SpcOptionError(`A process change must start at a position from 1 to ${length - 1}, got ${b}`)
  }
  return [...new Set(breaks)].sort((a, b) => a - b)
}

/** +1 when `after` is higher than `before`, −1 when lower, 0 when equal (or either is absent). */
function stepBetween(before: { value: number } | undefined, after: { value: number } | undefined): number {
  if (!before || !after) return 0
  return Math.sign(toDecimal(after.value - before.value))
}

function markStretch(
  points: XmrPoint[],
  signals: XmrSignal[],
  present: readonly Present[],
  start: number,
  end: number,
  kind: 'run' | 'trend',
): void {
  const from = present[start]?.index
  const to = present[end]?.index
  if (from === undefined || to === undefined) return
  signals.push({ kind, from, to })
  for (let i = start; i <= end; i++) {
    const index = present[i]?.index
    if (index !== undefined) setPoint(points, index, kind === 'run' ? { inRun: true } : { inTrend: true })
  }
}

function setPoint(points: XmrPoint[], index: number, change: Partial<XmrPoint>): void {
  const point = points[index]
  if (point) points[index] = { ...point, ...change }
}

/** The MDC variation icon: the latest point's cause and, for a special cause, its direction. */
export type Variation =
  'common' | 'improving-high' | 'improving-low' | 'concerning-high' | 'concerning-low' | 'neither-high' | 'neither-low'

/** The MDC assurance icon: whether the process as it runs now will meet the target. */
export type Assurance = 'pass' | 'fail' | 'hit-and-miss'

export const VARIATION_TEXT: Record<Variation, string> = {
  common: 'Common cause – no significant change',
  'improving-high': 'Special cause of improving nature – higher',
  'improving-low': 'Special cause of improving nature – lower',
  'concerning-high': 'Special cause of concerning nature – higher',
  'concerning-low': 'Special cause of concerning nature – lower',
  'neither-high': 'Special cause of neither improving nor concerning nature – higher',
  'neither-low': 'Special cause of neither improving nor concerning nature – lower',
}

export const ASSURANCE_TEXT: Record<Assurance, string> = {
  pass: 'Consistently passing target',
  fail: 'Consistently failing target',
  'hit-and-miss': 'Inconsistently passing target (hit and miss)',
}

/**
 * The assurance icon: a target beyond the limits on the good side is always met ("pass"), beyond them on the
 * bad side never met ("fail"), and between or on them met some months and missed others ("hit-and-miss").
 * Null without a target, without limits, or for a neutral indicator (no side is better).
 * @example spcAssurance({ lowerLimit: 5, upperLimit: 7 }, 4, 'higher') // 'pass'
 */
export function spcAssurance(
  limits: { lowerLimit: number | null; upperLimit: number | null },
  target: number | null | undefined,
  polarity: Polarity,
): Assurance | null {
  const { lowerLimit, upperLimit } = limits
  if (target === null || target === undefined || polarity === 'neutral') return null
  if (lowerLimit === null || upperLimit === null) return null
  const higherIsBetter = polarity === 'higher'
  if (target > upperLimit) return higherIsBetter ? 'fail' : 'pass'
  if (target < lowerLimit) return higherIsBetter ? 'pass' : 'fail'
  return 'hit-and-miss'
}

/** The variation icon of a chart: the cause of its latest point with a value. Null with no limits. */
export function chartVariation(chart: XmrChart): Variation | null {
  for (let i = chart.points.length - 1; i >= 0; i--) {
    const point = chart.points[i]
    if (!point || point.value === null) continue
    if (point.cause === null) return null
    if (point.cause === 'common' || point.direction === null) return 'common'
    return `${point.cause}-${point.direction}`
  }
  return null
}

export interface SpcSummaryOptions {
  polarity: Polarity
  target?: number | null
  runLength?: number
  floorAtZero?: boolean
  breaks?: readonly number[]
}

export interface SpcSummary {
  variation: Variation | null
  variationText: string | null
  assurance: Assurance | null
  assuranceText: string | null
  /** The latest period's limits are trial limits (fewer than 15 points). */
  trial: boolean
}

/**
 * One indicator's MDC icons from its monthly values, oldest first: the variation of its latest value and the
 * assurance its latest process period gives against the target. For a pack row or a summary grid.
 * @example spcSummary([10, 12, 11, 13], { polarity: 'higher', target: 20 })
 * // { variation: 'common', variationText: 'Common cause – no significant change', assurance: 'fail', …, trial: true }
 */
export function spcSummary(values: readonly (number | null)[], options: SpcSummaryOptions): SpcSummary {
  const chart = xmrChart(values, {
    polarity: options.polarity,
    ...(options.runLength === undefined ? {} : { runLength: options.runLength }),
    ...(options.floorAtZero === undefined ? {} : { floorAtZero: options.floorAtZero }),
    ...(options.breaks === undefined ? {} : { breaks: options.breaks }),
  })
  return summaryOf(chart, options.polarity, options.target ?? null)
}

/** The icons of a chart already drawn (see {@link spcSummary}). */
export function summaryOf(chart: XmrChart, polarity: Polarity, target: number | null): SpcSummary {
  const variation = chartVariation(chart)
  const assurance = spcAssurance(chart, target, polarity)
  return {
    variation,
    variationText: variation === null ? null : VARIATION_TEXT[variation],
    assurance,
    assuranceText: assurance === null ? null : ASSURANCE_TEXT[assurance],
    trial: chart.trial,
  }
}

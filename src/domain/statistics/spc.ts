/**
 * Statistical process control: the XmR (individuals and moving range) chart, which separates ordinary
 * month-to-month variation from a change worth asking about. Rules follow NHS England's "Making Data Count".
 */
import { toDecimal } from './rounding.ts'

/** The XmR constant: 3 ÷ d2 with d2 = 1.128 for moving ranges of two points. */
export const XMR_SCALING_FACTOR = 2.66
/** This many consecutive points on the same side of the mean is a shift. */
export const RUN_LENGTH = 7
/** This many consecutive points each higher (or each lower) than the one before is a trend. */
export const TREND_LENGTH = 6

export type XmrSignalKind = 'outside-limits' | 'run' | 'trend'

/** A signal over the points `from` … `to` (positions in the input series, inclusive). */
export interface XmrSignal {
  kind: XmrSignalKind
  from: number
  to: number
}

export interface XmrPoint {
  value: number | null
  /** |value − previous available value|; null for the first available point and for missing months. */
  movingRange: number | null
  outsideLimits: boolean
  inRun: boolean
  inTrend: boolean
}

export interface XmrChart {
  /** One entry per input value, in the same order. */
  points: XmrPoint[]
  /** Centre line: the mean of the available values. */
  mean: number | null
  meanMovingRange: number | null
  /** Upper process limit: mean + 2.66 × mean moving range. Null with fewer than two values. */
  upperLimit: number | null
  /** Lower process limit: mean − 2.66 × mean moving range (not below 0 with `floorAtZero`). */
  lowerLimit: number | null
  signals: XmrSignal[]
}

export interface XmrOptions {
  /** Stop the lower limit at 0, for figures that cannot be negative such as counts. */
  floorAtZero?: boolean
}

/**
 * An XmR chart of a series of monthly values, oldest first. Missing months (null) are skipped: the points
 * either side count as neighbours for moving ranges, runs and trends. Centre line = mean of the values;
 * moving range = the absolute difference between each value and the one before; limits = mean ± 2.66 × mean
 * moving range. Signals: a point strictly outside the limits; a run of 7 or more points on the same side of
 * the mean (a point exactly on the mean breaks a run); a trend of 6 or more points each strictly higher, or
 * each strictly lower, than the one before (an equal value breaks a trend).
 * @example
 * xmrChart([10, 12, 11, 13]) // mean 11.5, moving ranges 2, 1, 2 (mean 5/3), limits 7.07 and 15.93
 */
export function xmrChart(values: readonly (number | null)[], options: XmrOptions = {}): XmrChart {
  const present = values.flatMap((value, index) => (value === null ? [] : [{ value, index }]))
  const points: XmrPoint[] = values.map((value) => ({
    value,
    movingRange: null,
    outsideLimits: false,
    inRun: false,
    inTrend: false,
  }))
  const chart: XmrChart = { points, mean: null, meanMovingRange: null, upperLimit: null, lowerLimit: null, signals: [] }
  if (present.length === 0) return chart

  const mean = toDecimal(present.reduce((sum, p) => sum + p.value, 0) / present.length)
  chart.mean = mean

  const ranges: number[] = []
  for (let i = 1; i < present.length; i++) {
    const here = present[i]
    const before = present[i - 1]
    if (!here || !before) continue
    const range = toDecimal(Math.abs(here.value - before.value))
    ranges.push(range)
    setPoint(points, here.index, { movingRange: range })
  }

  if (ranges.length > 0) {
    const meanMovingRange = toDecimal(ranges.reduce((sum, r) => sum + r, 0) / ranges.length)
    chart.meanMovingRange = meanMovingRange
    chart.upperLimit = toDecimal(mean + XMR_SCALING_FACTOR * meanMovingRange)
    const lower = toDecimal(mean - XMR_SCALING_FACTOR * meanMovingRange)
    chart.lowerLimit = options.floorAtZero === true ? Math.max(0, lower) : lower
  }

  const { upperLimit, lowerLimit } = chart
  if (upperLimit !== null && lowerLimit !== null) {
    for (const p of present) {
      const v = toDecimal(p.value)
      if (v > upperLimit || v < lowerLimit) {
        chart.signals.push({ kind: 'outside-limits', from: p.index, to: p.index })
        setPoint(points, p.index, { outsideLimits: true })
      }
    }
  }

  // Runs: stretches of points on the same side of the mean; a point on the mean (side 0) is in none.
  const sides = present.map((p) => Math.sign(toDecimal(p.value) - mean))
  let runStart = 0
  for (let i = 1; i <= present.length; i++) {
    if (i < present.length && sides[i] === sides[runStart]) continue
    if (sides[runStart] !== 0 && i - runStart >= RUN_LENGTH) markStretch(chart, present, runStart, i - 1, 'run')
    runStart = i
  }

  // Trends: stretches where every step goes the same way; a turning point ends one trend and starts the next.
  let trendStart = 0
  let trendWay = 0
  for (let i = 1; i <= present.length; i++) {
    const step = i < present.length ? stepBetween(present[i - 1], present[i]) : 0
    if (step !== 0 && (trendWay === 0 || step === trendWay)) {
      trendWay = step
      continue
    }
    if (trendWay !== 0 && i - trendStart >= TREND_LENGTH) markStretch(chart, present, trendStart, i - 1, 'trend')
    trendStart = step === 0 ? i : i - 1
    trendWay = step
  }

  chart.signals.sort((a, b) => a.from - b.from || a.to - b.to)
  return chart
}

/** +1 when `after` is higher than `before`, −1 when lower, 0 when equal (or either is absent). */
function stepBetween(before: { value: number } | undefined, after: { value: number } | undefined): number {
  if (!before || !after) return 0
  return Math.sign(toDecimal(after.value - before.value))
}

function markStretch(
  chart: XmrChart,
  present: readonly { index: number }[],
  start: number,
  end: number,
  kind: 'run' | 'trend',
): void {
  const from = present[start]?.index
  const to = present[end]?.index
  if (from === undefined || to === undefined) return
  chart.signals.push({ kind, from, to })
  for (let i = start; i <= end; i++) {
    const index = present[i]?.index
    if (index !== undefined) setPoint(chart.points, index, kind === 'run' ? { inRun: true } : { inTrend: true })
  }
}

function setPoint(points: XmrPoint[], index: number, change: Partial<XmrPoint>): void {
  const point = points[index]
  if (point) points[index] = { ...point, ...change }
}

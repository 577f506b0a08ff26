/**
 * One indicator's XmR chart, worked out and drawn the one way every place shows it: the indicator page (through
 * `web/view-models/spc.ts`) and the printed pack's appendix (`exporters/published-pack-spc.ts`). The chart is built
 * from consecutive months with the indicator's polarity, its process changes as breaks and the council's run length;
 * the target lines are its financial years' targets and the benchmark lines its benchmarks. Only the wording of
 * figures differs between web and print, so the caller passes its formatters.
 */
import type { Indicator } from '../domain/catalogue.ts'
import { formatPeriodLong, type FinancialYear, type Period } from '../domain/period.ts'
import { breaksIn, type ProcessChange } from '../domain/statistics/process-changes.ts'
import { summaryOf, xmrChart, type RunLength, type SpcSummary, type XmrChart } from '../domain/statistics/spc.ts'
import { targetFor as targetOfYear } from '../domain/statistics/target.ts'
import type { LineChartBenchmark, LineChartTarget } from './line-chart.ts'
import { xmrChartSvg } from './xmr-chart.ts'

export type MonthValue = { period: Period; value: number | null }

/** How a caller words figures: a value in running text (with its unit), a mean or limit, an axis label. */
export interface FigureWording {
  value: (value: number) => string
  stat: (value: number) => string
  axis: (value: number) => string
}

/** The financial year's first and last months: 2017-18 runs from 2017-04 to 2018-03. */
function financialYearMonths(year: FinancialYear): { from: Period; to: Period } | null {
  const match = /^(\d{4})-\d{2}$/.exec(year)
  if (!match) return null
  const start = Number(match[1])
  return { from: `${start}-04`, to: `${start + 1}-03` }
}

/**
 * The lines drawn over an indicator's charts: a target per financial year (April to March) and its statistical
 * neighbours, England and region benchmarks.
 */
export function chartLinesOf(indicator: Indicator): {
  targets: LineChartTarget[]
  benchmarks: LineChartBenchmark[]
} {
  const regionLabel = indicator.regionName.trim() === '' ? 'Region' : indicator.regionName
  const benchmarks: LineChartBenchmark[] = []
  for (const [label, benchmark] of [
    ['Statistical neighbours', indicator.benchmarks.statisticalNeighbours],
    ['England', indicator.benchmarks.england],
    [regionLabel, indicator.benchmarks.region],
  ] as const) {
    if (benchmark !== null) benchmarks.push({ label, value: benchmark.value })
  }
  const targets: LineChartTarget[] = []
  for (const target of [...indicator.targets].sort((a, b) => (a.financialYear < b.financialYear ? -1 : 1))) {
    const span = financialYearMonths(target.financialYear)
    if (span !== null) targets.push({ label: `Target ${target.financialYear}`, ...span, value: target.value })
  }
  return { targets, benchmarks }
}

/** The target of the financial year holding `period`, if the indicator has one. */
export function targetFor(indicator: Indicator, period: Period): number | null {
  return targetOfYear(indicator.targets, period)
}

/** The XmR chart of consecutive months, with process changes as breaks; counts, rates and days never go below 0. */
export function chartOf(
  indicator: Indicator,
  points: readonly MonthValue[],
  processChanges: readonly ProcessChange[],
  runLength: RunLength,
): XmrChart {
  return xmrChart(
    points.map((p) => p.value),
    {
      polarity: indicator.polarity,
      runLength,
      // Every unit the catalogue has (counts, percentages, rates, days) is never negative.
      floorAtZero: true,
      breaks: breaksIn(
        points.map((p) => p.period),
        processChanges,
      ),
    },
  )
}

function describe(points: readonly MonthValue[], chart: XmrChart, summary: SpcSummary, say: FigureWording): string {
  const first = points[0]
  const last = points[points.length - 1]
  if (first === undefined || last === undefined) return 'No figures yet.'
  const sentences = [
    `XmR chart of monthly values from ${formatPeriodLong(first.period)} to ${formatPeriodLong(last.period)}.`,
  ]
  if (chart.mean !== null) sentences.push(`Mean ${say.stat(chart.mean)}.`)
  if (chart.lowerLimit !== null && chart.upperLimit !== null)
    sentences.push(
      `${chart.trial ? 'Trial process limits' : 'Process limits'} ${say.stat(chart.lowerLimit)} to ${say.stat(chart.upperLimit)}.`,
    )
  if (chart.periods.length > 1)
    sentences.push(`${chart.periods.length - 1} process change(s): limits worked out afresh.`)
  const special = chart.points.filter((p) => p.cause !== null && p.cause !== 'common').length
  sentences.push(special === 0 ? 'Every month is common cause.' : `${special} month(s) show special cause variation.`)
  if (summary.variationText !== null) sentences.push(`${summary.variationText}.`)
  if (summary.assuranceText !== null) sentences.push(`${summary.assuranceText}.`)
  const latest = [...chart.points].reverse().find((p) => p.value !== null)
  if (latest?.value != null) sentences.push(`Latest value ${say.value(latest.value)}.`)
  return sentences.join(' ')
}

export interface IndicatorXmr {
  chart: XmrChart
  /** The variation and assurance (icons' codes and words) of the latest month. */
  summary: SpcSummary
  title: string
  /** The chart in words: its `<desc>`. */
  description: string
  /** The chart as an SVG string with its `<title>` and `<desc>`. */
  svg: string
}

/**
 * An indicator's XmR chart over `points` (consecutive months, oldest first; a month left out of the chart is null),
 * its summary against the latest month's target, and the SVG.
 * @example indicatorXmr({ id: 'spc-cp', indicator, points, processChanges: [], runLength: 7, say }).summary.variationText
 */
export function indicatorXmr(input: {
  /** Unique in the document: the SVG's ids are built from it. */
  id: string
  indicator: Indicator
  points: readonly MonthValue[]
  processChanges: readonly ProcessChange[]
  runLength: RunLength
  say: FigureWording
  /** The lines over the chart; the indicator's own (`chartLinesOf`) unless given. */
  lines?: { targets: readonly LineChartTarget[]; benchmarks: readonly LineChartBenchmark[] }
  width?: number
  height?: number
  legendColumns?: 1 | 2
}): IndicatorXmr {
  const { indicator, points } = input
  const chart = chartOf(indicator, points, input.processChanges, input.runLength)
  const latest = points.findLast((p) => p.value !== null)
  const summary = summaryOf(
    chart,
    indicator.polarity,
    latest === undefined ? null : targetFor(indicator, latest.period),
  )
  const shownMonths = new Set(points.map((p) => p.period))
  const firstMonth = points[0]?.period
  // Changes drawn as breaks: those inside the months shown (one at the first month cuts nothing).
  const breaks = input.processChanges
    .filter((c) => shownMonths.has(c.period) && c.period !== firstMonth)
    .map((c) => ({ period: c.period, reason: c.reason }))
  const lines = input.lines ?? chartLinesOf(indicator)
  const title = `${indicator.title}: statistical process control (XmR) chart`
  const description = describe(points, chart, summary, input.say)
  return {
    chart,
    summary,
    title,
    description,
    svg: xmrChartSvg({
      id: input.id,
      title,
      description,
      periods: points.map((p) => p.period),
      chart,
      targets: lines.targets,
      benchmarks: lines.benchmarks,
      breaks,
      formatValue: input.say.axis,
      ...(input.width === undefined ? {} : { width: input.width }),
      ...(input.height === undefined ? {} : { height: input.height }),
      ...(input.legendColumns === undefined ? {} : { legendColumns: input.legendColumns }),
    }),
  }
}

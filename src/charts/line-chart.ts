/**
 * The indicator page's chart: an indicator's whole monthly history with its targets and benchmarks, drawn on the
 * server as an accessible SVG string. The page always pairs it with the same figures as a table.
 */
import { scaleLinear } from 'd3-scale'
import { line } from 'd3-shape'
import type { Period } from '../domain/period.ts'
import {
  BENCHMARK_STYLES,
  type ChartTarget,
  legendRows,
  monthAxis,
  monthNumber,
  noValuesNote,
  type LegendEntry,
  round,
  svgOpening,
  targetLines,
  targetsOnChart,
  swatch,
  TARGET_DASH,
  valueAxis,
} from './frame.ts'
import { svgId } from './sparkline.ts'

export interface LineChartPoint {
  period: Period
  value: number | null
}

/** A horizontal target line over part of the chart, e.g. one financial year (April to March). */
export type LineChartTarget = ChartTarget

/** A horizontal benchmark line across the whole chart. */
export interface LineChartBenchmark {
  label: string
  value: number
}

export interface LineChartInput {
  /** Unique on the page: the `<title>` and `<desc>` ids are built from it. */
  id: string
  title: string
  description: string
  /** Consecutive months, oldest first; null where the month has no value (the line breaks there). */
  points: readonly LineChartPoint[]
  targets?: readonly LineChartTarget[]
  benchmarks?: readonly LineChartBenchmark[]
  /** Label for the value line in the legend. */
  seriesLabel?: string
  /** Formats the y-axis labels, e.g. as percentages. */
  formatValue?: (value: number) => string
  width?: number
  height?: number
}

const SERIES = '#1d70b8'
const TARGET = '#0b0c0c'

/**
 * Draws the history of one indicator: month labels on the x-axis, values on the y-axis, a dashed target line for
 * each financial year, a patterned line for each benchmark and a legend naming them all.
 * @example
 * lineChartSvg({ id: 'chart', title: 'Referrals', description: 'April 2017 to April 2018…',
 *   points: [{ period: '2018-03', value: 270 }, { period: '2018-04', value: 245 }],
 *   targets: [{ label: 'Target 2018-19', from: '2018-04', to: '2019-03', value: 250 }] })
 * // '<svg xmlns="http://www.w3.org/2000/svg" class="app-chart" … role="img" …'
 */
export function lineChartSvg(input: LineChartInput): string {
  const width = input.width ?? 720
  const plotHeight = input.height ?? 280
  const format = input.formatValue ?? ((value: number): string => String(value))
  const id = svgId(input.id)
  const points = input.points
  const first = points[0]
  const firstMonth = first === undefined ? 0 : monthNumber(first.period)
  const lastIndex = Math.max(points.length - 1, 0)

  const benchmarks = (input.benchmarks ?? []).filter((b) => Number.isFinite(b.value))
  const targets = targetsOnChart(input.targets ?? [], firstMonth, points.length)

  const legend: string[] = []
  legend.push(input.seriesLabel ?? 'Monthly value')
  if (targets.length > 0) legend.push('Target (each financial year)')
  for (const b of benchmarks) legend.push(b.label)

  const margin = { top: 16, right: 24, bottom: 44, left: 64 }
  const legendTop = margin.top + plotHeight + margin.bottom
  const height = legendTop + legend.length * 22 + 8
  const plotBottom = margin.top + plotHeight
  const plotRight = width - margin.right

  const values = points.map((p) => p.value).filter((v): v is number => v !== null && Number.isFinite(v))
  const everything = [...values, ...targets.map((t) => t.value), ...benchmarks.map((b) => b.value)]
  // The y-axis starts at zero (or below, for negative values) so that changes are not exaggerated.
  const low = Math.min(0, ...everything)
  const high = Math.max(0, ...everything)
  const y = scaleLinear()
    .domain([low, high === low ? low + 1 : high])
    .nice(5)
    .range([plotBottom, margin.top])
  const x = scaleLinear()
    .domain(points.length > 1 ? [0, lastIndex] : [-1, 1])
    .range([margin.left, plotRight])

  const plot = { left: margin.left, right: plotRight, top: margin.top, bottom: plotBottom }
  const parts: string[] = [
    ...svgOpening({ id, className: 'app-chart', width, height, title: input.title, description: input.description }),
    ...valueAxis(y, plot, format),
    ...monthAxis(x, plot, firstMonth, points.length),
  ]

  // Benchmarks and targets sit under the value line.
  benchmarks.forEach((b, index) => {
    const style = BENCHMARK_STYLES[index % BENCHMARK_STYLES.length] ?? BENCHMARK_STYLES[0]
    const by = round(y(b.value))
    parts.push(
      `<line class="app-chart__benchmark" x1="${margin.left}" y1="${by}" x2="${plotRight}" y2="${by}" stroke="${style.colour}" stroke-width="2" stroke-dasharray="${style.dash}"/>`,
    )
  })
  parts.push(...targetLines(targets, x, y, TARGET, format))

  // The values, broken at missing months.
  const indexed = points.map((p, index) => ({ index, value: p.value }))
  const isDefined = (p: { value: number | null }): boolean => p.value !== null && Number.isFinite(p.value)
  const path = line<{ index: number; value: number | null }>()
    .defined(isDefined)
    .x((p) => x(p.index))
    .y((p) => y(p.value ?? 0))
    .digits(1)(indexed)
  if (path !== null && path !== '') {
    parts.push(
      `<path class="app-chart__series" d="${path}" fill="none" stroke="${SERIES}" stroke-width="3" stroke-linejoin="round" stroke-linecap="round"/>`,
    )
  }
  // Points with a gap on both sides have no line: draw them as dots.
  for (const p of indexed) {
    if (!isDefined(p)) continue
    const before = indexed[p.index - 1]
    const after = indexed[p.index + 1]
    if ((before === undefined || !isDefined(before)) && (after === undefined || !isDefined(after))) {
      parts.push(`<circle cx="${round(x(p.index))}" cy="${round(y(p.value ?? 0))}" r="3.5" fill="${SERIES}"/>`)
    }
  }
  if (values.length === 0) parts.push(noValuesNote(plot))

  // Legend: one row per line, each with its own swatch.
  const keys: LegendEntry[] = legend.map((label, index) => {
    if (index === 0) return { label, key: (lx, ly) => swatch(lx, ly, SERIES, null, 3) }
    if (targets.length > 0 && index === 1) return { label, key: (lx, ly) => swatch(lx, ly, TARGET, TARGET_DASH, 2) }
    const b = index - (targets.length > 0 ? 2 : 1)
    const style = BENCHMARK_STYLES[b % BENCHMARK_STYLES.length] ?? BENCHMARK_STYLES[0]
    return { label, key: (lx, ly) => swatch(lx, ly, style.colour, style.dash, 2) }
  })
  parts.push(...legendRows(keys, margin.left, legendTop))
  return parts.join('')
}

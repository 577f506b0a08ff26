/**
 * The indicator page's chart: an indicator's whole monthly history with its targets and benchmarks, drawn on the
 * server as an accessible SVG string. The page always pairs it with the same figures as a table.
 */
import { scaleLinear } from 'd3-scale'
import { line } from 'd3-shape'
import type { Period } from '../../domain/period.ts'
import { escapeXml, svgId } from './sparkline.ts'

export interface LineChartPoint {
  period: Period
  value: number | null
}

/** A horizontal target line over part of the chart, e.g. one financial year (April to March). */
export interface LineChartTarget {
  label: string
  from: Period
  to: Period
  value: number
}

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

const TEXT = '#0b0c0c'
const AXIS = '#505a5f'
const GRID = '#d8dbdd'
const SERIES = '#1d70b8'
const TARGET = '#0b0c0c'
/** Benchmark styles differ in dash pattern as well as colour, so they can be told apart without colour. */
const BENCHMARK_STYLES = [
  { colour: '#54319f', dash: '2 3' },
  { colour: '#98285d', dash: '10 3 2 3' },
  { colour: '#6f4800', dash: '12 4' },
  { colour: '#505a5f', dash: '1 6' },
] as const
const TARGET_DASH = '6 4'
const FONT = 'font-family="arial, sans-serif" font-size="13"'
const APRIL = 3
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const

/** Months since year 0: lets the chart place any period without Date objects. */
function monthNumber(period: Period): number {
  const match = /^(\d{4})-(\d{2})$/.exec(period)
  if (!match) throw new RangeError(`Not a period (YYYY-MM): ${period}`)
  return Number(match[1]) * 12 + Number(match[2]) - 1
}

function shortMonth(n: number): string {
  return `${MONTHS[n % 12] ?? ''}-${String(Math.floor(n / 12) % 100).padStart(2, '0')}`
}

function round(n: number): number {
  return Math.round(n * 10) / 10
}

/**
 * Months between axis labels: a step that divides a year, so labels keep to the same months each year, counted
 * from April because the council works in financial years.
 */
function labelStep(count: number): number {
  const steps = [1, 2, 3, 6, 12, 24, 60]
  return steps.find((step) => count / step <= 12) ?? 120
}

function swatch(x: number, y: number, colour: string, dash: string | null, widthPx: number): string {
  const dashAttr = dash === null ? '' : ` stroke-dasharray="${dash}"`
  return `<line x1="${x}" y1="${y}" x2="${x + 28}" y2="${y}" stroke="${colour}" stroke-width="${widthPx}"${dashAttr}/>`
}

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
  // Targets are clipped to the months on the chart; one wholly outside it is left out.
  const targets = (input.targets ?? [])
    .filter((t) => Number.isFinite(t.value))
    .map((t) => ({
      ...t,
      start: Math.max(monthNumber(t.from) - firstMonth, 0),
      end: Math.min(monthNumber(t.to) - firstMonth, lastIndex),
    }))
    .filter((t) => points.length > 0 && t.start <= t.end)

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

  const parts: string[] = []
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" class="app-chart" width="${width}" height="${height}" ` +
      `viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="${id}-title ${id}-desc" focusable="false">`,
    `<title id="${id}-title">${escapeXml(input.title)}</title>`,
    `<desc id="${id}-desc">${escapeXml(input.description)}</desc>`,
  )

  // y-axis: grid lines and value labels.
  parts.push(`<g ${FONT} fill="${TEXT}" text-anchor="end">`)
  for (const tick of y.ticks(5)) {
    const ty = round(y(tick))
    parts.push(
      `<line x1="${margin.left}" y1="${ty}" x2="${plotRight}" y2="${ty}" stroke="${GRID}" stroke-width="1"/>`,
      `<text x="${margin.left - 8}" y="${ty}" dy="0.32em">${escapeXml(format(tick))}</text>`,
    )
  }
  parts.push('</g>')

  // x-axis: a tick per month when there is room, labels at a steady step.
  parts.push(
    `<line x1="${margin.left}" y1="${plotBottom}" x2="${plotRight}" y2="${plotBottom}" stroke="${AXIS}" stroke-width="1"/>`,
    `<g ${FONT} fill="${TEXT}" text-anchor="middle">`,
  )
  const step = labelStep(points.length)
  const showEveryTick = points.length <= 36
  points.forEach((_, index) => {
    const month = firstMonth + index
    const labelled = (month - APRIL) % step === 0 || (points.length < step && index === 0)
    if (!labelled && !showEveryTick) return
    const tx = round(x(index))
    parts.push(
      `<line x1="${tx}" y1="${plotBottom}" x2="${tx}" y2="${plotBottom + (labelled ? 6 : 3)}" stroke="${AXIS}" stroke-width="1"/>`,
    )
    if (labelled) parts.push(`<text x="${tx}" y="${plotBottom + 20}">${escapeXml(shortMonth(month))}</text>`)
  })
  parts.push('</g>')

  // Benchmarks and targets sit under the value line.
  benchmarks.forEach((b, index) => {
    const style = BENCHMARK_STYLES[index % BENCHMARK_STYLES.length] ?? BENCHMARK_STYLES[0]
    const by = round(y(b.value))
    parts.push(
      `<line class="app-chart__benchmark" x1="${margin.left}" y1="${by}" x2="${plotRight}" y2="${by}" stroke="${style.colour}" stroke-width="2" stroke-dasharray="${style.dash}"/>`,
    )
  })
  for (const t of targets) {
    const ty = round(y(t.value))
    // A target for a single month on the chart still needs some length to be seen.
    const x1 = t.start === t.end ? round(x(t.start) - 4) : round(x(t.start))
    const x2 = t.start === t.end ? round(x(t.end) + 4) : round(x(t.end))
    parts.push(
      `<line class="app-chart__target" x1="${x1}" y1="${ty}" x2="${x2}" y2="${ty}" stroke="${TARGET}" stroke-width="2" stroke-dasharray="${TARGET_DASH}"><title>${escapeXml(`${t.label}: ${format(t.value)}`)}</title></line>`,
    )
  }

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
  if (values.length === 0) {
    parts.push(
      `<text ${FONT} x="${round((margin.left + plotRight) / 2)}" y="${round((margin.top + plotBottom) / 2)}" text-anchor="middle" fill="${TEXT}">No values to show</text>`,
    )
  }

  // Legend: one row per line, each with its own swatch.
  parts.push(`<g class="app-chart__legend" ${FONT} fill="${TEXT}">`)
  legend.forEach((label, index) => {
    const ly = legendTop + index * 22 + 8
    let key: string
    if (index === 0) key = swatch(margin.left, ly, SERIES, null, 3)
    else if (targets.length > 0 && index === 1) key = swatch(margin.left, ly, TARGET, TARGET_DASH, 2)
    else {
      const b = index - (targets.length > 0 ? 2 : 1)
      const style = BENCHMARK_STYLES[b % BENCHMARK_STYLES.length] ?? BENCHMARK_STYLES[0]
      key = swatch(margin.left, ly, style.colour, style.dash, 2)
    }
    parts.push(key, `<text x="${margin.left + 36}" y="${ly}" dy="0.32em">${escapeXml(label)}</text>`)
  })
  parts.push('</g></svg>')
  return parts.join('')
}

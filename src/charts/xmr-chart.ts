/**
 * The statistical process control chart (XmR, NHS England's Making Data Count): an indicator's monthly values with
 * the mean and process limits of each process period, the targets and benchmarks, and every point marked common
 * cause or special cause of improving, concerning or neither nature — by shape as well as colour, named in the
 * legend. Drawn on the server as an accessible SVG string; the page pairs it with the same figures as a table.
 * The Making Data Count icons are drawn here too (`variationIconSvg`, `assuranceIconSvg`): small pictures that are
 * always shown beside their words, never instead of them.
 */
import { scaleLinear } from 'd3-scale'
import { line } from 'd3-shape'
import type { Period } from '../domain/period.ts'
import type { Assurance, PointCause, Variation, XmrChart } from '../domain/statistics/spc.ts'
import type { LineChartBenchmark, LineChartTarget } from './line-chart.ts'
import {
  BENCHMARK_STYLES,
  FONT,
  legendRowCount,
  legendRows,
  monthNumber,
  monthAxis,
  noValuesNote,
  round,
  shortMonth,
  svgOpening,
  targetLines,
  targetsOnChart,
  swatch,
  TARGET_DASH,
  TEXT,
  valueAxis,
} from './frame.ts'
import { escapeMarkup } from '../domain/markup-text.ts'
import { svgId } from './sparkline.ts'

/** A process change drawn as a break: the month it starts and why. */
export interface XmrChartBreak {
  period: Period
  reason: string
}

export interface XmrChartInput {
  /** Unique on the page: the `<title>` and `<desc>` ids are built from it. */
  id: string
  title: string
  description: string
  /** Consecutive months, oldest first, one per point of `chart`. */
  periods: readonly Period[]
  chart: XmrChart
  targets?: readonly LineChartTarget[]
  benchmarks?: readonly LineChartBenchmark[]
  /** Process changes on the chart (each starts one of `chart.periods` after the first). */
  breaks?: readonly XmrChartBreak[]
  formatValue?: (value: number) => string
  width?: number
  height?: number
  /** The legend in two columns from the chart's left edge, where height is short (print); one column otherwise. */
  legendColumns?: 1 | 2
}

const VALUE_LINE = '#505a5f'
const MEAN = '#0b0c0c'
const LIMIT = '#505a5f'
const TARGET = '#d4351c'
const BREAK = '#0b0c0c'
const TRIAL_DASH = '3 3'

/** Each cause's colour and shape: the shape tells them apart without colour. */
export const CAUSE_STYLE: Record<
  PointCause,
  { colour: string; shape: 'circle' | 'square' | 'diamond' | 'triangle'; label: string }
> = {
  common: { colour: '#505a5f', shape: 'circle', label: 'Common cause' },
  improving: { colour: '#1d70b8', shape: 'square', label: 'Special cause – improving' },
  concerning: { colour: '#d4351c', shape: 'diamond', label: 'Special cause – concerning' },
  neither: { colour: '#4c2c92', shape: 'triangle', label: 'Special cause – neither improving nor concerning' },
}

/** One point's marker: its cause's shape and colour, centred on (cx, cy). */
export function marker(cause: PointCause, cx: number, cy: number, size = 5): string {
  const { colour, shape } = CAUSE_STYLE[cause]
  const s = size
  switch (shape) {
    case 'circle':
      return `<circle cx="${cx}" cy="${cy}" r="${s - 1}" fill="${colour}"/>`
    case 'square':
      return `<rect x="${round(cx - s)}" y="${round(cy - s)}" width="${2 * s}" height="${2 * s}" fill="${colour}"/>`
    case 'diamond':
      return `<path d="M${cx} ${round(cy - s - 1.5)}L${round(cx + s + 1.5)} ${cy}L${cx} ${round(cy + s + 1.5)}L${round(cx - s - 1.5)} ${cy}Z" fill="${colour}"/>`
    case 'triangle':
      return `<path d="M${cx} ${round(cy - s - 1)}L${round(cx + s + 1)} ${round(cy + s)}L${round(cx - s - 1)} ${round(cy + s)}Z" fill="${colour}"/>`
  }
}

/**
 * Draws the XmR chart: months along the x-axis; per process period the mean (solid) and the process limits (solid,
 * or dashed and labelled "trial" below 15 points); targets and benchmarks; the values joined by a thin line with a
 * marker per month shaped and coloured by its cause; a vertical line at each process change; a legend naming every
 * line and marker shown.
 * @example
 * xmrChartSvg({ id: 'spc-cp', title: 'Repeat plans: XmR chart', description: '…', periods, chart: xmrChart(values) })
 * // '<svg xmlns="http://www.w3.org/2000/svg" class="app-chart app-chart--xmr" … role="img" …'
 */
export function xmrChartSvg(input: XmrChartInput): string {
  const width = input.width ?? 720
  const plotHeight = input.height ?? 280
  const format = input.formatValue ?? ((value: number): string => String(value))
  const id = svgId(input.id)
  const { chart, periods } = input
  if (chart.points.length !== periods.length)
    throw new RangeError(`The chart has ${chart.points.length} points but ${periods.length} months`)
  const firstMonth = periods[0] === undefined ? 0 : monthNumber(periods[0])
  const lastIndex = Math.max(periods.length - 1, 0)

  const benchmarks = (input.benchmarks ?? []).filter((b) => Number.isFinite(b.value)).slice(0, BENCHMARK_STYLES.length)
  const targets = targetsOnChart(input.targets ?? [], firstMonth, periods.length)
  const periodsWithLimits = chart.periods.filter((p) => p.upperLimit !== null && p.lowerLimit !== null)
  const anyTrial = periodsWithLimits.some((p) => p.trial)
  const anyFirm = periodsWithLimits.some((p) => !p.trial)
  const causesShown = (Object.keys(CAUSE_STYLE) as PointCause[]).filter((cause) =>
    chart.points.some((p) => p.cause === cause),
  )
  const breaks = (input.breaks ?? [])
    .map((b) => ({ ...b, index: monthNumber(b.period) - firstMonth }))
    .filter((b) => b.index > 0 && b.index <= lastIndex)

  // The legend: what each line and marker is, in words.
  const legend: Array<{ key: (x: number, y: number) => string; label: string }> = []
  legend.push({ key: (x, y) => swatch(x, y, MEAN, null, 2), label: 'Mean' })
  if (anyFirm) legend.push({ key: (x, y) => swatch(x, y, LIMIT, null, 1.5), label: 'Process limits' })
  if (anyTrial)
    legend.push({
      key: (x, y) => swatch(x, y, LIMIT, TRIAL_DASH, 1.5),
      label: 'Trial process limits (fewer than 15 months)',
    })
  if (targets.length > 0) legend.push({ key: (x, y) => swatch(x, y, TARGET, TARGET_DASH, 2), label: 'Target' })
  benchmarks.forEach((b, index) => {
    const style = BENCHMARK_STYLES[index] ?? BENCHMARK_STYLES[0]
    legend.push({ key: (x, y) => swatch(x, y, style.colour, style.dash, 2), label: b.label })
  })
  for (const cause of causesShown)
    legend.push({ key: (x, y) => marker(cause, x + 14, y), label: CAUSE_STYLE[cause].label })
  if (breaks.length > 0)
    legend.push({
      key: (x, y) =>
        `<line x1="${x + 14}" y1="${y - 8}" x2="${x + 14}" y2="${y + 8}" stroke="${BREAK}" stroke-width="2"/>`,
      label: 'Process change: limits worked out afresh',
    })

  const margin = { top: 20, right: 24, bottom: 44, left: 64 }
  const legendTop = margin.top + plotHeight + margin.bottom
  const legendColumns = input.legendColumns ?? 1
  const height = legendTop + legendRowCount(legend.length, legendColumns) * 22 + 8
  const plotBottom = margin.top + plotHeight
  const plotRight = width - margin.right

  const values = chart.points.map((p) => p.value).filter((v): v is number => v !== null)
  const limits = periodsWithLimits.flatMap((p) => [p.upperLimit ?? 0, p.lowerLimit ?? 0])
  const everything = [...values, ...limits, ...targets.map((t) => t.value), ...benchmarks.map((b) => b.value)]
  // Unlike the line chart, the axis fits the limits rather than starting at zero: the chart is read against them.
  const low = everything.length === 0 ? 0 : Math.min(...everything)
  const high = everything.length === 0 ? 1 : Math.max(...everything)
  const y = scaleLinear()
    .domain(high === low ? [low - 1, high + 1] : [low, high])
    .nice(5)
    .range([plotBottom, margin.top])
  const x = scaleLinear()
    .domain(periods.length > 1 ? [0, lastIndex] : [-1, 1])
    .range([margin.left, plotRight])

  const plot = { left: margin.left, right: plotRight, top: margin.top, bottom: plotBottom }
  const parts: string[] = [
    ...svgOpening({
      id,
      className: 'app-chart app-chart--xmr',
      width,
      height,
      title: input.title,
      description: input.description,
    }),
    ...valueAxis(y, plot, format),
    ...monthAxis(x, plot, firstMonth, periods.length),
  ]

  // Each period's lines run from its first month to its last (half a step either side where it meets a break).
  const half = periods.length > 1 ? (x(1) - x(0)) / 2 : 8
  for (const period of chart.periods) {
    if (period.mean === null || period.to < period.from) continue
    const x1 = round(period.from === 0 ? x(0) : x(period.from) - half)
    const x2 = round(period.to === lastIndex ? x(lastIndex) : x(period.to) + half)
    const rule = (
      value: number,
      colour: string,
      strokeWidth: number,
      dash: string | null,
      cls: string,
      label: string,
    ) =>
      `<line class="${cls}" x1="${x1}" y1="${round(y(value))}" x2="${x2}" y2="${round(y(value))}" stroke="${colour}" stroke-width="${strokeWidth}"${dash === null ? '' : ` stroke-dasharray="${dash}"`}><title>${escapeMarkup(label)}</title></line>`
    parts.push(rule(period.mean, MEAN, 2, null, 'app-chart__mean', `Mean: ${format(period.mean)}`))
    if (period.upperLimit !== null && period.lowerLimit !== null) {
      const dash = period.trial ? TRIAL_DASH : null
      const trial = period.trial ? 'Trial ' : ''
      parts.push(
        rule(
          period.upperLimit,
          LIMIT,
          1.5,
          dash,
          'app-chart__limit',
          `${trial}upper process limit: ${format(period.upperLimit)}`,
        ),
        rule(
          period.lowerLimit,
          LIMIT,
          1.5,
          dash,
          'app-chart__limit',
          `${trial}lower process limit: ${format(period.lowerLimit)}`,
        ),
      )
      if (period.trial)
        parts.push(
          `<text ${FONT} x="${x2 - 2}" y="${round(y(period.upperLimit)) - 5}" text-anchor="end" fill="${TEXT}">Trial limits</text>`,
        )
    }
  }

  benchmarks.forEach((b, index) => {
    const style = BENCHMARK_STYLES[index] ?? BENCHMARK_STYLES[0]
    const by = round(y(b.value))
    parts.push(
      `<line class="app-chart__benchmark" x1="${margin.left}" y1="${by}" x2="${plotRight}" y2="${by}" stroke="${style.colour}" stroke-width="2" stroke-dasharray="${style.dash}"><title>${escapeMarkup(`${b.label}: ${format(b.value)}`)}</title></line>`,
    )
  })
  parts.push(...targetLines(targets, x, y, TARGET, format))

  for (const b of breaks) {
    const bx = round(x(b.index) - half)
    parts.push(
      `<line class="app-chart__break" x1="${bx}" y1="${margin.top - 12}" x2="${bx}" y2="${plotBottom}" stroke="${BREAK}" stroke-width="2"><title>${escapeMarkup(`Process change from ${shortMonth(monthNumber(b.period))}: ${b.reason}`)}</title></line>`,
      `<text ${FONT} x="${bx + 4}" y="${margin.top - 6}" fill="${TEXT}">Process change</text>`,
    )
  }

  // The values: a thin line (broken at missing months and at process changes), then a marker per month.
  const indexed = chart.points.map((p, index) => ({ index, value: p.value }))
  for (const period of chart.periods) {
    const path = line<{ index: number; value: number | null }>()
      .defined((p) => p.value !== null)
      .x((p) => x(p.index))
      .y((p) => y(p.value ?? 0))
      .digits(1)(indexed.slice(period.from, period.to + 1))
    if (path !== null && path !== '')
      parts.push(`<path class="app-chart__series" d="${path}" fill="none" stroke="${VALUE_LINE}" stroke-width="1.5"/>`)
  }
  parts.push('<g class="app-chart__points">')
  chart.points.forEach((p, index) => {
    if (p.value === null) return
    const cause = p.cause ?? 'common'
    const period = periods[index]
    const label = `${period === undefined ? '' : `${shortMonth(monthNumber(period))}: `}${format(p.value)}, ${CAUSE_STYLE[cause].label.toLowerCase()}`
    parts.push(`<g>${marker(cause, round(x(index)), round(y(p.value)))}<title>${escapeMarkup(label)}</title></g>`)
  })
  parts.push('</g>')
  if (values.length === 0) parts.push(noValuesNote(plot))
  if (legendColumns === 1) parts.push(...legendRows(legend, margin.left, legendTop))
  else parts.push(...legendRows(legend, 16, legendTop, legendColumns, (width - 16 - margin.right) / legendColumns))
  return parts.join('')
}

const ICON_COLOURS = {
  common: '#505a5f',
  improving: '#1d70b8',
  concerning: '#d4351c',
  neither: '#4c2c92',
  pass: '#1d70b8',
  fail: '#d4351c',
  'hit-and-miss': '#505a5f',
} as const

function iconFrame(colour: string, inner: string, size: number): string {
  // Decorative: the words beside it say the same, so screen readers skip the picture.
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="app-spc-icon" width="${size}" height="${size}" viewBox="0 0 40 40" aria-hidden="true" focusable="false">` +
    `<circle cx="20" cy="20" r="18" fill="#ffffff" stroke="${colour}" stroke-width="3"/>${inner}</svg>`
  )
}

/**
 * The variation icon (after Making Data Count's): a circle with a run of dots, flat for common cause; for a special
 * cause, the dots climbing or falling with an H (higher) or L (lower), in the cause's colour.
 * @example variationIconSvg('concerning-high') // '<svg … class="app-spc-icon" … aria-hidden="true" …'
 */
export function variationIconSvg(variation: Variation, size = 36): string {
  if (variation === 'common') {
    const dots = [9, 15, 21, 27, 33]
      .map((cx, i) => `<circle cx="${cx - 1}" cy="${i % 2 === 0 ? 21 : 19}" r="2.6" fill="${ICON_COLOURS.common}"/>`)
      .join('')
    return iconFrame(ICON_COLOURS.common, dots, size)
  }
  const [cause, direction] = variation.split('-') as ['improving' | 'concerning' | 'neither', 'high' | 'low']
  const colour = ICON_COLOURS[cause]
  const ys = direction === 'high' ? [27, 26, 24, 17, 13] : [13, 14, 16, 23, 27]
  const dots = [8, 13, 18, 23, 28]
    .map((cx, i) => `<circle cx="${cx}" cy="${ys[i] ?? 20}" r="2.4" fill="${i >= 3 ? colour : ICON_COLOURS.common}"/>`)
    .join('')
  const letter = `<text x="31" y="${direction === 'high' ? 31 : 15}" font-family="arial, sans-serif" font-size="11" font-weight="bold" text-anchor="middle" fill="${colour}">${direction === 'high' ? 'H' : 'L'}</text>`
  return iconFrame(colour, dots + letter, size)
}

/**
 * The assurance icon: a P (consistently passing), an F (consistently failing) or a ? (hit and miss) in a circle.
 * @example assuranceIconSvg('pass') // '<svg … class="app-spc-icon" …'
 */
export function assuranceIconSvg(assurance: Assurance, size = 36): string {
  const colour = ICON_COLOURS[assurance]
  const letter = assurance === 'pass' ? 'P' : assurance === 'fail' ? 'F' : '?'
  const inner =
    `<line x1="7" y1="26" x2="33" y2="26" stroke="${colour}" stroke-width="2"/>` +
    `<text x="20" y="22" font-family="arial, sans-serif" font-size="16" font-weight="bold" text-anchor="middle" fill="${colour}">${letter}</text>`
  return iconFrame(colour, inner, size)
}

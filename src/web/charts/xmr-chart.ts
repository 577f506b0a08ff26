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
import type { Period } from '../../domain/period.ts'
import type { Assurance, PointCause, Variation, XmrChart } from '../../domain/statistics/spc.ts'
import type { LineChartBenchmark, LineChartTarget } from './line-chart.ts'
import { escapeXml, svgId } from './sparkline.ts'

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
}

const TEXT = '#0b0c0c'
const AXIS = '#505a5f'
const GRID = '#d8dbdd'
const VALUE_LINE = '#505a5f'
const MEAN = '#0b0c0c'
const LIMIT = '#505a5f'
const TARGET = '#d4351c'
const BREAK = '#0b0c0c'
const BENCHMARK_STYLES = [
  { colour: '#54319f', dash: '2 3' },
  { colour: '#98285d', dash: '10 3 2 3' },
  { colour: '#6f4800', dash: '12 4' },
] as const
const TARGET_DASH = '6 4'
const TRIAL_DASH = '3 3'
const FONT = 'font-family="arial, sans-serif" font-size="13"'
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const
const APRIL = 3

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

function labelStep(count: number): number {
  const steps = [1, 2, 3, 6, 12, 24, 60]
  return steps.find((step) => count / step <= 12) ?? 120
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

function swatch(x: number, y: number, colour: string, dash: string | null, widthPx: number): string {
  const dashAttr = dash === null ? '' : ` stroke-dasharray="${dash}"`
  return `<line x1="${x}" y1="${y}" x2="${x + 28}" y2="${y}" stroke="${colour}" stroke-width="${widthPx}"${dashAttr}/>`
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
  const targets = (input.targets ?? [])
    .filter((t) => Number.isFinite(t.value))
    .map((t) => ({
      ...t,
      start: Math.max(monthNumber(t.from) - firstMonth, 0),
      end: Math.min(monthNumber(t.to) - firstMonth, lastIndex),
    }))
    .filter((t) => periods.length > 0 && t.start <= t.end)
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
  const height = legendTop + legend.length * 22 + 8
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

  const parts: string[] = []
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" class="app-chart app-chart--xmr" width="${width}" height="${height}" ` +
      `viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="${id}-title ${id}-desc" focusable="false">`,
    `<title id="${id}-title">${escapeXml(input.title)}</title>`,
    `<desc id="${id}-desc">${escapeXml(input.description)}</desc>`,
  )

  parts.push(`<g ${FONT} fill="${TEXT}" text-anchor="end">`)
  for (const tick of y.ticks(5)) {
    const ty = round(y(tick))
    parts.push(
      `<line x1="${margin.left}" y1="${ty}" x2="${plotRight}" y2="${ty}" stroke="${GRID}" stroke-width="1"/>`,
      `<text x="${margin.left - 8}" y="${ty}" dy="0.32em">${escapeXml(format(tick))}</text>`,
    )
  }
  parts.push('</g>')

  parts.push(
    `<line x1="${margin.left}" y1="${plotBottom}" x2="${plotRight}" y2="${plotBottom}" stroke="${AXIS}" stroke-width="1"/>`,
    `<g ${FONT} fill="${TEXT}" text-anchor="middle">`,
  )
  const step = labelStep(periods.length)
  periods.forEach((_, index) => {
    const month = firstMonth + index
    const labelled = (month - APRIL) % step === 0 || (periods.length < step && index === 0)
    if (!labelled && periods.length > 36) return
    const tx = round(x(index))
    parts.push(
      `<line x1="${tx}" y1="${plotBottom}" x2="${tx}" y2="${plotBottom + (labelled ? 6 : 3)}" stroke="${AXIS}" stroke-width="1"/>`,
    )
    if (labelled) parts.push(`<text x="${tx}" y="${plotBottom + 20}">${escapeXml(shortMonth(month))}</text>`)
  })
  parts.push('</g>')

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
      `<line class="${cls}" x1="${x1}" y1="${round(y(value))}" x2="${x2}" y2="${round(y(value))}" stroke="${colour}" stroke-width="${strokeWidth}"${dash === null ? '' : ` stroke-dasharray="${dash}"`}><title>${escapeXml(label)}</title></line>`
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
      `<line class="app-chart__benchmark" x1="${margin.left}" y1="${by}" x2="${plotRight}" y2="${by}" stroke="${style.colour}" stroke-width="2" stroke-dasharray="${style.dash}"><title>${escapeXml(`${b.label}: ${format(b.value)}`)}</title></line>`,
    )
  })
  for (const t of targets) {
    const ty = round(y(t.value))
    const x1 = t.start === t.end ? round(x(t.start) - 4) : round(x(t.start))
    const x2 = t.start === t.end ? round(x(t.end) + 4) : round(x(t.end))
    parts.push(
      `<line class="app-chart__target" x1="${x1}" y1="${ty}" x2="${x2}" y2="${ty}" stroke="${TARGET}" stroke-width="2" stroke-dasharray="${TARGET_DASH}"><title>${escapeXml(`${t.label}: ${format(t.value)}`)}</title></line>`,
    )
  }

  for (const b of breaks) {
    const bx = round(x(b.index) - half)
    parts.push(
      `<line class="app-chart__break" x1="${bx}" y1="${margin.top - 12}" x2="${bx}" y2="${plotBottom}" stroke="${BREAK}" stroke-width="2"><title>${escapeXml(`Process change from ${shortMonth(monthNumber(b.period))}: ${b.reason}`)}</title></line>`,
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
    parts.push(`<g>${marker(cause, round(x(index)), round(y(p.value)))}<title>${escapeXml(label)}</title></g>`)
  })
  parts.push('</g>')
  if (values.length === 0) {
    parts.push(
      `<text ${FONT} x="${round((margin.left + plotRight) / 2)}" y="${round((margin.top + plotBottom) / 2)}" text-anchor="middle" fill="${TEXT}">No values to show</text>`,
    )
  }

  parts.push(`<g class="app-chart__legend" ${FONT} fill="${TEXT}">`)
  legend.forEach((entry, index) => {
    const ly = legendTop + index * 22 + 8
    parts.push(
      entry.key(margin.left, ly),
      `<text x="${margin.left + 36}" y="${ly}" dy="0.32em">${escapeXml(entry.label)}</text>`,
    )
  })
  parts.push('</g></svg>')
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

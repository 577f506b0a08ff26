/**
 * What every chart draws the same way: the palette and font, the SVG's opening with its `<title>` and `<desc>`, a
 * y-axis of grid lines with value labels, and an x-axis of months labelled at a steady step from April (the council
 * works in financial years). The line chart and the XmR chart differ only in what they plot between these.
 */
import type { ScaleLinear } from 'd3-scale'
import type { Period } from '../domain/period.ts'
import { escapeMarkup } from '../domain/markup-text.ts'

export const TEXT = '#0b0c0c'
export const AXIS = '#505a5f'
export const GRID = '#d8dbdd'
export const TARGET_DASH = '6 4'
export const FONT = 'font-family="arial, sans-serif" font-size="13"'
/** Benchmark styles differ in dash pattern as well as colour, so they can be told apart without colour. */
export const BENCHMARK_STYLES = [
  { colour: '#54319f', dash: '2 3' },
  { colour: '#98285d', dash: '10 3 2 3' },
  { colour: '#6f4800', dash: '12 4' },
  { colour: '#505a5f', dash: '1 6' },
] as const
const APRIL = 3
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const

/** Months since year 0: lets a chart place any period without Date objects. */
export function monthNumber(period: Period): number {
  const match = /^(\d{4})-(\d{2})$/.exec(period)
  if (!match) throw new RangeError(`Not a period (YYYY-MM): ${period}`)
  return Number(match[1]) * 12 + Number(match[2]) - 1
}

/** "Apr-18": month `n` (monthNumber) on an axis or in a point's title. */
export function shortMonth(n: number): string {
  return `${MONTHS[n % 12] ?? ''}-${String(Math.floor(n / 12) % 100).padStart(2, '0')}`
}

/** Coordinates to a tenth of a pixel: enough for the eye, and a smaller SVG. */
export function round(n: number): number {
  return Math.round(n * 10) / 10
}

/**
 * Months between axis labels: a step that divides a year, so labels keep to the same months each year, counted
 * from April.
 */
function labelStep(count: number): number {
  const steps = [1, 2, 3, 6, 12, 24, 60]
  return steps.find((step) => count / step <= 12) ?? 120
}

/** The SVG's opening tag, named by its `<title>` and described by its `<desc>` for screen readers. */
export function svgOpening(input: {
  id: string
  className: string
  width: number
  height: number
  title: string
  description: string
}): string[] {
  const { id, width, height } = input
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" class="${input.className}" width="${width}" height="${height}" ` +
      `viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="${id}-title ${id}-desc" focusable="false">`,
    `<title id="${id}-title">${escapeMarkup(input.title)}</title>`,
    `<desc id="${id}-desc">${escapeMarkup(input.description)}</desc>`,
  ]
}

export interface PlotArea {
  left: number
  right: number
  top: number
  bottom: number
}

/** The y-axis: a grid line and a value label at each of about five ticks. */
export function valueAxis(y: ScaleLinear<number, number>, plot: PlotArea, format: (n: number) => string): string[] {
  const parts = [`<g ${FONT} fill="${TEXT}" text-anchor="end">`]
  for (const tick of y.ticks(5)) {
    const ty = round(y(tick))
    parts.push(
      `<line x1="${plot.left}" y1="${ty}" x2="${plot.right}" y2="${ty}" stroke="${GRID}" stroke-width="1"/>`,
      `<text x="${plot.left - 8}" y="${ty}" dy="0.32em">${escapeMarkup(format(tick))}</text>`,
    )
  }
  parts.push('</g>')
  return parts
}

/** The x-axis of `count` months from `firstMonth` (monthNumber): a tick per month when there is room. */
export function monthAxis(x: ScaleLinear<number, number>, plot: PlotArea, firstMonth: number, count: number): string[] {
  const parts = [
    `<line x1="${plot.left}" y1="${plot.bottom}" x2="${plot.right}" y2="${plot.bottom}" stroke="${AXIS}" stroke-width="1"/>`,
    `<g ${FONT} fill="${TEXT}" text-anchor="middle">`,
  ]
  const step = labelStep(count)
  for (let index = 0; index < count; index += 1) {
    const month = firstMonth + index
    const labelled = (month - APRIL) % step === 0 || (count < step && index === 0)
    if (!labelled && count > 36) continue
    const tx = round(x(index))
    parts.push(
      `<line x1="${tx}" y1="${plot.bottom}" x2="${tx}" y2="${plot.bottom + (labelled ? 6 : 3)}" stroke="${AXIS}" stroke-width="1"/>`,
    )
    if (labelled) parts.push(`<text x="${tx}" y="${plot.bottom + 20}">${escapeMarkup(shortMonth(month))}</text>`)
  }
  parts.push('</g>')
  return parts
}

/** A legend key: a short line in the series' colour and dash. */
export function swatch(x: number, y: number, colour: string, dash: string | null, widthPx: number): string {
  const dashAttr = dash === null ? '' : ` stroke-dasharray="${dash}"`
  return `<line x1="${x}" y1="${y}" x2="${x + 28}" y2="${y}" stroke="${colour}" stroke-width="${widthPx}"${dashAttr}/>`
}

/** Said in the middle of the plot when there is nothing to draw. */
export function noValuesNote(plot: PlotArea): string {
  return `<text ${FONT} x="${round((plot.left + plot.right) / 2)}" y="${round((plot.top + plot.bottom) / 2)}" text-anchor="middle" fill="${TEXT}">No values to show</text>`
}

/** A legend entry: its key drawn at (x, y), and the words beside it. */
export interface LegendEntry {
  key: (x: number, y: number) => string
  label: string
}

/** How many rows a legend of `count` entries takes in `columns` columns. */
export function legendRowCount(count: number, columns = 1): number {
  return Math.ceil(count / Math.max(1, columns))
}

/**
 * The legend under the plot, closing the SVG: a row an entry, or (where height is short, as in print) `columns`
 * columns `columnWidth` apart, read down each column in turn.
 */
export function legendRows(
  entries: readonly LegendEntry[],
  left: number,
  top: number,
  columns = 1,
  columnWidth = 0,
): string[] {
  const parts = [`<g class="app-chart__legend" ${FONT} fill="${TEXT}">`]
  const rows = legendRowCount(entries.length, columns)
  entries.forEach((entry, index) => {
    const lx = left + Math.floor(index / rows) * columnWidth
    const ly = top + (index % rows) * 22 + 8
    parts.push(entry.key(lx, ly), `<text x="${lx + 36}" y="${ly}" dy="0.32em">${escapeMarkup(entry.label)}</text>`)
  })
  parts.push('</g></svg>')
  return parts
}

/** A target for part of the chart: a value from one month to another. */
export interface ChartTarget {
  label: string
  from: Period
  to: Period
  value: number
}

/**
 * The targets with positions on a chart of `count` months from `firstMonth`, clipped to its months; one wholly
 * outside it is left out.
 */
export function targetsOnChart(
  targets: readonly ChartTarget[],
  firstMonth: number,
  count: number,
): Array<ChartTarget & { start: number; end: number }> {
  const lastIndex = Math.max(count - 1, 0)
  return targets
    .filter((t) => Number.isFinite(t.value))
    .map((t) => ({
      ...t,
      start: Math.max(monthNumber(t.from) - firstMonth, 0),
      end: Math.min(monthNumber(t.to) - firstMonth, lastIndex),
    }))
    .filter((t) => count > 0 && t.start <= t.end)
}

/** Each target as a dashed line over its months, named with its value. */
export function targetLines(
  targets: ReadonlyArray<ChartTarget & { start: number; end: number }>,
  x: ScaleLinear<number, number>,
  y: ScaleLinear<number, number>,
  colour: string,
  format: (n: number) => string,
): string[] {
  return targets.map((t) => {
    const ty = round(y(t.value))
    // A target for a single month on the chart still needs some length to be seen.
    const x1 = t.start === t.end ? round(x(t.start) - 4) : round(x(t.start))
    const x2 = t.start === t.end ? round(x(t.end) + 4) : round(x(t.end))
    return `<line class="app-chart__target" x1="${x1}" y1="${ty}" x2="${x2}" y2="${ty}" stroke="${colour}" stroke-width="2" stroke-dasharray="${TARGET_DASH}"><title>${escapeMarkup(`${t.label}: ${format(t.value)}`)}</title></line>`
  })
}

/**
 * A horizontal bar chart drawn on the server as an accessible SVG string: the indicator page's council beside its
 * statistical neighbours. Highlighted bars differ in pattern and label as well as colour, and the page always
 * pairs the chart with the same figures as a table.
 */
import { scaleBand, scaleLinear } from 'd3-scale'
import { AXIS, FONT, GRID, round, TEXT } from './frame.ts'
import { escapeMarkup } from '../domain/markup-text.ts'
import { svgId } from './sparkline.ts'

export interface BarChartBar {
  label: string
  /** Null draws no bar and says why in place of the value. */
  value: number | null
  /** Said where the value would be, e.g. "not published (suppressed)". */
  missingText?: string
  /** `own`: the council this page is about; `reference`: a comparison figure (England, the SN average). */
  emphasis?: 'own' | 'reference'
}

export interface BarChartInput {
  /** Unique on the page: the `<title>` and `<desc>` ids are built from it. */
  id: string
  title: string
  description: string
  bars: readonly BarChartBar[]
  formatValue?: (value: number) => string
  width?: number
}

const BAR = '#5694ca'
const OWN = '#003078'
const REFERENCE = '#505a5f'
const ROW_HEIGHT = 26
const LABEL_WIDTH = 200

/**
 * Draws one bar a row, labels on the left, the value at the end of each bar, a value axis from zero along the
 * bottom. The council's own bar is dark blue and bold; reference bars (England, SN average) are grey and hatched.
 * @example
 * barChartSvg({ id: 'sn', title: 'Rate', description: '…',
 *   bars: [{ label: 'Southampton', value: 41, emphasis: 'own' }, { label: 'Bristol', value: 35 }] })
 * // '<svg xmlns="http://www.w3.org/2000/svg" class="app-chart" … role="img" …'
 */
export function barChartSvg(input: BarChartInput): string {
  const width = input.width ?? 720
  const format = input.formatValue ?? ((value: number): string => String(value))
  const id = svgId(input.id)
  const bars = input.bars
  const margin = { top: 8, right: 72, bottom: 36, left: LABEL_WIDTH }
  const plotHeight = Math.max(bars.length, 1) * ROW_HEIGHT
  const height = margin.top + plotHeight + margin.bottom
  const plotRight = width - margin.right
  const plotBottom = margin.top + plotHeight

  const values = bars.map((b) => b.value).filter((v): v is number => v !== null && Number.isFinite(v))
  // Bars start at zero so that their lengths compare honestly.
  const low = Math.min(0, ...values)
  const high = Math.max(0, ...values)
  const x = scaleLinear()
    .domain([low, high === low ? low + 1 : high])
    .nice(5)
    .range([margin.left, plotRight])
  const y = scaleBand<number>()
    .domain(bars.map((_, index) => index))
    .range([margin.top, plotBottom])
    .paddingInner(0.25)
    .paddingOuter(0.1)

  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" class="app-chart" width="${width}" height="${height}" ` +
      `viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="${id}-title ${id}-desc" focusable="false">`,
    `<title id="${id}-title">${escapeMarkup(input.title)}</title>`,
    `<desc id="${id}-desc">${escapeMarkup(input.description)}</desc>`,
    `<defs><pattern id="${id}-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">` +
      `<rect width="6" height="6" fill="#ffffff"/><line x1="0" y1="0" x2="0" y2="6" stroke="${REFERENCE}" stroke-width="3"/>` +
      `</pattern></defs>`,
  ]

  parts.push(`<g ${FONT} fill="${TEXT}" text-anchor="middle">`)
  for (const tick of x.ticks(5)) {
    const tx = round(x(tick))
    parts.push(
      `<line x1="${tx}" y1="${margin.top}" x2="${tx}" y2="${plotBottom}" stroke="${GRID}" stroke-width="1"/>`,
      `<text x="${tx}" y="${plotBottom + 20}">${escapeMarkup(format(tick))}</text>`,
    )
  }
  parts.push('</g>')

  const zero = round(x(0))
  const bandwidth = round(y.bandwidth())
  bars.forEach((bar, index) => {
    const top = round(y(index) ?? margin.top)
    const middle = round(top + bandwidth / 2)
    const weight = bar.emphasis === 'own' ? ' font-weight="bold"' : ''
    parts.push(
      `<text ${FONT}${weight} x="${margin.left - 8}" y="${middle}" dy="0.32em" text-anchor="end" fill="${TEXT}">${escapeMarkup(bar.label)}</text>`,
    )
    if (bar.value === null || !Number.isFinite(bar.value)) {
      parts.push(
        `<text ${FONT} x="${zero + 6}" y="${middle}" dy="0.32em" fill="${TEXT}">${escapeMarkup(bar.missingText ?? 'No value')}</text>`,
      )
      return
    }
    const end = round(x(bar.value))
    const fill = bar.emphasis === 'own' ? OWN : bar.emphasis === 'reference' ? `url(#${id}-hatch)` : BAR
    const stroke = bar.emphasis === 'reference' ? ` stroke="${REFERENCE}" stroke-width="1"` : ''
    const className = bar.emphasis === undefined ? 'app-chart__bar' : `app-chart__bar app-chart__bar--${bar.emphasis}`
    parts.push(
      `<rect class="${className}" x="${Math.min(zero, end)}" y="${top}" width="${round(Math.abs(end - zero))}" height="${bandwidth}" fill="${fill}"${stroke}/>`,
      `<text ${FONT}${weight} x="${Math.max(zero, end) + 6}" y="${middle}" dy="0.32em" fill="${TEXT}">${escapeMarkup(format(bar.value))}</text>`,
    )
  })
  parts.push(
    `<line x1="${zero}" y1="${margin.top}" x2="${zero}" y2="${plotBottom}" stroke="${AXIS}" stroke-width="1"/>`,
    '</svg>',
  )
  return parts.join('')
}

/**
 * A sparkline: a word-sized line chart of an indicator's recent months, drawn on the server as an SVG string so
 * it needs no JavaScript, prints, and goes into exports unchanged.
 */
import { scaleLinear } from 'd3-scale'
import { line } from 'd3-shape'
import { escapeMarkup } from '../domain/markup-text.ts'

/** An id safe for `id` and `aria-labelledby`: letters, digits, hyphens and underscores only. */
export function svgId(text: string): string {
  const cleaned = text.replace(/[^A-Za-z0-9_-]+/g, '-')
  return /^[A-Za-z]/.test(cleaned) ? cleaned : `c-${cleaned}`
}

export interface SparklineOptions {
  /** Unique on the page: the `<title>` and `<desc>` ids are built from it. */
  id: string
  /** Short name for screen readers, e.g. "Trend: Number of new referrals". */
  title: string
  /** The trend in words, e.g. "April 2017 to April 2018. Latest 245 in April 2018. …". */
  description: string
  width?: number
  height?: number
}

const LINE_COLOUR = '#0b4144'
const MARK_COLOUR = '#0b0c0c'

/**
 * Draws values (oldest first, null for a month without a value) as a small line, breaking it at missing months and
 * marking the latest value with a dot.
 * @example
 * sparklineSvg([244, 333, null, 299], { id: 'spark-referrals', title: 'Trend: referrals', description: '…' })
 * // '<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="spark-referrals-title spark-referrals-desc" …'
 */
export function sparklineSvg(values: ReadonlyArray<number | null>, options: SparklineOptions): string {
  const width = options.width ?? 120
  const height = options.height ?? 28
  const pad = 3
  const id = svgId(options.id)
  const known = values.filter((v): v is number => v !== null && Number.isFinite(v))
  const open =
    `<svg xmlns="http://www.w3.org/2000/svg" class="app-sparkline" width="${width}" height="${height}" ` +
    `viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="${id}-title ${id}-desc" focusable="false">` +
    `<title id="${id}-title">${escapeMarkup(options.title)}</title><desc id="${id}-desc">${escapeMarkup(options.description)}</desc>`
  if (known.length === 0) return `${open}</svg>`

  let low = Math.min(...known)
  let high = Math.max(...known)
  if (low === high) {
    // A flat series is drawn across the middle rather than along an edge.
    low -= 1
    high += 1
  }
  const x = scaleLinear()
    .domain([0, Math.max(values.length - 1, 1)])
    .range([pad, width - pad])
  const y = scaleLinear()
    .domain([low, high])
    .range([height - pad, pad])
  const points = values.map((value, index) => ({ index, value }))
  const isDefined = (p: { value: number | null }): p is { index: number; value: number } =>
    p.value !== null && Number.isFinite(p.value)
  const path = line<{ index: number; value: number | null }>()
    .defined(isDefined)
    .x((p) => x(p.index))
    .y((p) => y(p.value ?? 0))
    .digits(1)(points)

  const round = (n: number): number => Math.round(n * 10) / 10
  // A value with missing months on both sides has no line to sit on: show it as a small dot.
  const isolated = points.filter(
    (p, i) =>
      isDefined(p) && !isDefined(points[i - 1] ?? { value: null }) && !isDefined(points[i + 1] ?? { value: null }),
  )
  const dots = isolated
    .map((p) => `<circle cx="${round(x(p.index))}" cy="${round(y(p.value ?? 0))}" r="1.5" fill="${LINE_COLOUR}"/>`)
    .join('')
  const last = points.findLast(isDefined)
  const mark =
    last === undefined
      ? ''
      : `<circle class="app-sparkline__last" cx="${round(x(last.index))}" cy="${round(y(last.value))}" r="2.5" fill="${MARK_COLOUR}"/>`
  const stroke =
    path === null
      ? ''
      : `<path d="${path}" fill="none" stroke="${LINE_COLOUR}" stroke-width="1.5" stroke-linejoin="round" stroke-linecap="round"/>`
  return `${open}${stroke}${dots}${mark}</svg>`
}

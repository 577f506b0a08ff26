/**
 * The story an indicator owner writes beside on the commentary page: the indicator's last 13 months as a chart (with
 * the same figures as a table), whether this month is a significant variation — as the director's overview would
 * draft it (src/domain/significant-variations.ts) and as statistical process control reads it (the XmR chart of
 * src/domain/statistics/spc.ts) — and the words the director approved for the months before. Pure.
 */
import { markUpSection, type GlossaryEntry } from '../../domain/glossary.ts'
import { formatPeriodLong } from '../../domain/period.ts'
import { significantVariations } from '../../domain/significant-variations.ts'
import { xmrChart, type XmrChart } from '../../domain/statistics/spc.ts'
import type { IndicatorCommentary } from '../../services/commentary-service.ts'
import { lineChartSvg } from '../../charts/line-chart.ts'
import { paragraphs } from './commentary-pages.ts'
import { formatValueWithUnit, unitText } from './pack-page.ts'

/** One month's approved words, as paragraphs marked up for the glossary. */
export interface EarlierCommentary {
  month: string
  author: string
  paragraphs: ReturnType<typeof markUpSection>
}

export interface CommentaryStory {
  /** The SVG chart, or null when the indicator has no figure in the 13 months. */
  chart: string | null
  chartCaption: string
  /** The chart's figures, newest first. */
  table: Array<{ month: string; value: string }>
  /** The overview's draft sentence when the indicator is one of the month's significant variations, else words saying it is not. */
  variation: string
  /** What statistical process control says of the month: a signal or common-cause variation. */
  processControl: string
  earlier: EarlierCommentary[]
}

/**
 * What the XmR chart of the 13 months says of the latest one, in words. The limits are trial limits from the months
 * shown, so the sentence says "these 13 months" rather than claiming a settled process.
 * @example processControlLine(xmrChart([...]), 'June 2018', (v) => String(v)) // 'No signal: June 2018 is within …'
 */
export function processControlLine(chart: XmrChart, month: string, say: (value: number) => string): string {
  const latest = chart.points.at(-1)
  if (latest === undefined || latest.value === null) {
    return `Statistical process control: ${month} has no figure, so there is nothing to test.`
  }
  if (chart.upperLimit === null || chart.lowerLimit === null || chart.mean === null) {
    return `Statistical process control: too few months with a figure to work out the usual range.`
  }
  const range = `${say(chart.lowerLimit)} to ${say(chart.upperLimit)}`
  const mean = say(chart.mean)
  if (latest.outsideLimits) {
    const side = latest.value > chart.upperLimit ? 'above' : 'below'
    return `Significant variation: ${month} (${say(latest.value)}) is ${side} the range these 13 months would lead you to expect (${range}).`
  }
  if (latest.inRun) {
    const side = latest.value > chart.mean ? 'above' : 'below'
    return `Significant variation: ${month} continues a long run of months ${side} the average of ${mean}, a shift rather than chance.`
  }
  if (latest.inTrend) {
    return `Significant variation: ${month} continues a run of months each moving the same way, a trend rather than chance.`
  }
  return `No significant variation: ${month} (${say(latest.value)}) is within the usual range (${range}) and part of no run or trend, so the change from last month is within ordinary month-to-month variation.`
}

/** The story beside the commentary form, for `page`'s indicator and month. */
export function commentaryStory(page: IndicatorCommentary, glossary: readonly GlossaryEntry[] = []): CommentaryStory {
  const { pack, catalogue } = page.view
  const { indicator } = page
  const month = formatPeriodLong(pack.period)
  const say = (value: number) => formatValueWithUnit(value, indicator.unit)
  const points = indicator.values.map((v) => ({ period: v.period, value: v.value }))
  const known = points.filter((p) => p.value !== null)
  const first = points[0]
  const last = points.at(-1)
  const title = `${indicator.title}: the last 13 months${indicator.unit === 'percentage' ? ' (%)' : ''}`
  const description =
    first === undefined || last === undefined
      ? 'No figures.'
      : `Monthly values from ${formatPeriodLong(first.period)} to ${formatPeriodLong(last.period)}.` +
        (last.value === null ? '' : ` ${month}: ${say(last.value)}.`) +
        (indicator.target === null ? '' : ` Target: ${say(indicator.target)}.`)
  const variation = significantVariations(pack, catalogue).find((v) => v.indicatorId === indicator.id)
  // Every unit the catalogue has (counts, percentages, rates, days) is never below 0.
  const spc = xmrChart(
    points.map((p) => p.value),
    { floorAtZero: true },
  )
  return {
    chart:
      known.length === 0
        ? null
        : lineChartSvg({
            id: 'commentary-chart',
            title,
            description,
            points,
            benchmarks: indicator.target === null ? [] : [{ label: 'Target', value: indicator.target }],
            seriesLabel: `${unitText(indicator.unit)}, monthly`,
            formatValue: say,
          }),
    chartCaption: title,
    table: [...points].reverse().map((p) => ({
      month: formatPeriodLong(p.period),
      value: p.value === null ? 'No figure' : say(p.value),
    })),
    variation:
      variation?.sentence ??
      `Not one of ${month}'s significant variations: a change under 10%, on target (or without one), and not the highest or lowest of the last 12 months.`,
    processControl: processControlLine(spc, month, say),
    earlier: page.earlier.map((c) => ({
      month: formatPeriodLong(c.period),
      author: c.author,
      paragraphs: markUpSection(paragraphs(c.text), glossary),
    })),
  }
}

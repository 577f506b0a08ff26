/**
 * A first draft of the "significant variations" in the director's performance overview: the indicators worth a
 * sentence this month, each sentence in plain English for the director to edit before the pack goes out.
 */
import type { Indicator, Unit } from './catalogue.ts'
import type { Pack, PackIndicator } from './pack.ts'
import { addMonths, formatPeriodLong, type Period } from './period.ts'
import { formatValue } from './statistics/format.ts'
import { roundForDisplay, roundHalfAwayFromZero } from './statistics/rounding.ts'

/** Why an indicator is a significant variation. */
export type VariationReason = 'change' | 'target' | 'maximum' | 'minimum'

export interface SignificantVariation {
  indicatorId: string
  title: string
  /** In this order when several apply: change, target, maximum, minimum. */
  reasons: VariationReason[]
  /** A draft sentence, for the director to edit. */
  sentence: string
}

/** Months the "highest / lowest in the last 12 months" look back over: P−11 … P. */
const EXTREME_WINDOW_MONTHS = 12

/**
 * The significant variations of a month's pack, in the pack's dataset order grouped by service area (service
 * areas in the order they first appear). An indicator is a significant variation when, in month P:
 * - **change**: its change from the previous month is 10% or more either way (the pack's direction of travel,
 *   worked out on unrounded values), or it moved away from 0 (which has no percentage change);
 * - **target**: it missed its target (RAG red or amber);
 * - **maximum** / **minimum**: its value, as displayed, is the highest or lowest of the months P−11 … P that have
 *   a value (a tie with an earlier month counts, and is called "joint"). A series that has not moved, or has only
 *   one month, has no highest or lowest.
 *
 * Sentences use the unit's display format (counts with thousands separators, percentages to 1 decimal place,
 * rates "per 10,000", days). Changes are written with "rose" / "fell", so no sign is needed; a percentage's
 * change is given in percentage points, which is what a reader can check against the two figures. "An
 * improvement" or "a deterioration" is added only where the indicator's polarity says which way is better.
 *
 * The figures all come from the pack (the published snapshot); the catalogue supplies the indicator's current
 * title, falling back to the pack's.
 * @example
 * significantVariations(aprilPack, catalogue)[0]
 * // { indicatorId: 's47-started', title: 'Number of Section 47 (S47) enquiries started',
 * //   reasons: ['change', 'maximum'],
 * //   sentence: 'Number of Section 47 (S47) enquiries started rose by 38% from 103 in March 2018 to 142 in
 * //              April 2018, the highest in the last 12 months.' }
 */
export function significantVariations(pack: Pack, catalogue: ReadonlyMap<string, Indicator>): SignificantVariation[] {
  const areaOrder = new Map<string, number>()
  for (const indicator of pack.indicators) {
    if (!areaOrder.has(indicator.serviceArea)) areaOrder.set(indicator.serviceArea, areaOrder.size)
  }
  const ordered = pack.indicators
    .map((indicator, position) => ({ indicator, position, area: areaOrder.get(indicator.serviceArea) ?? 0 }))
    .sort((a, b) => a.area - b.area || a.position - b.position)

  return ordered.flatMap(({ indicator }) => {
    const title = catalogue.get(indicator.id)?.title ?? indicator.title
    const variation = variationOf(indicator, title, pack.period)
    return variation ? [variation] : []
  })
}

function variationOf(indicator: PackIndicator, title: string, period: Period): SignificantVariation | null {
  const previousPeriod = addMonths(period, -1)
  const current = valueIn(indicator, period)
  const previous = valueIn(indicator, previousPeriod)
  if (current === null) return null

  const { direction, percent } = indicator.changeFromPreviousMonth
  const fromZero = previous === 0 && current !== 0
  const changed = direction === 'increase' || direction === 'decrease' || fromZero
  const missedTarget = indicator.rag === 'red' || indicator.rag === 'amber'
  const extreme = extremeOf(indicator, period, current)

  const reasons: VariationReason[] = []
  if (changed) reasons.push('change')
  if (missedTarget) reasons.push('target')
  if (extreme) reasons.push(extreme.reason)
  if (reasons.length === 0) return null

  const show = (value: number): string => formatFigure(indicator.unit, value)
  const when = formatPeriodLong(period)
  let main: string
  if (changed && previous !== null) {
    const rose = current > previous
    const verb = rose ? 'rose' : 'fell'
    const by = fromZero ? '' : ` by ${changeAmount(indicator.unit, current, previous, percent)}`
    main = `${title} ${verb}${by} from ${show(previous)} in ${formatPeriodLong(previousPeriod)} to ${show(current)} in ${when}`
  } else {
    main = `${title} was ${show(current)} in ${when}`
  }

  const clauses: string[] = []
  if (changed && previous !== null && indicator.polarity !== 'neutral') {
    const better = current > previous === (indicator.polarity === 'higher')
    clauses.push(better ? 'an improvement' : 'a deterioration')
  }
  if (extreme) {
    const word = extreme.reason === 'maximum' ? 'highest' : 'lowest'
    clauses.push(`${extreme.joint ? 'the joint' : 'the'} ${word} in the last 12 months`)
  }
  if (missedTarget && indicator.target !== null) {
    const side = indicator.polarity === 'lower' ? 'above' : 'below'
    clauses.push(`${side} the target of ${show(indicator.target)} (${indicator.rag ?? ''})`)
  }

  return {
    indicatorId: indicator.id,
    title,
    reasons,
    sentence: `${[main, ...clauses].join(', ')}.`,
  }
}

function valueIn(indicator: PackIndicator, period: Period): number | null {
  return indicator.values.find((v) => v.period === period)?.value ?? null
}

/**
 * Whether `current` is the highest or lowest of P−11 … P as displayed. Compared on display-rounded values, so
 * the sentence agrees with what a reader sees in the table (90.44 and 90.41 are both 90.4: a tie).
 */
function extremeOf(
  indicator: PackIndicator,
  period: Period,
  current: number,
): { reason: 'maximum' | 'minimum'; joint: boolean } | null {
  const first = addMonths(period, -(EXTREME_WINDOW_MONTHS - 1))
  const shown = (value: number): number => roundForDisplay(indicator.unit, value) ?? value
  const others = indicator.values
    .filter((v) => v.period >= first && v.period < period)
    .flatMap((v) => (v.value === null ? [] : [shown(v.value)]))
  if (others.length === 0) return null
  const now = shown(current)
  const highest = Math.max(...others)
  const lowest = Math.min(...others)
  // A flat series has no highest or lowest worth a sentence.
  if (highest === lowest && now === highest) return null
  if (now >= highest) return { reason: 'maximum', joint: now === highest }
  if (now <= lowest) return { reason: 'minimum', joint: now === lowest }
  return null
}

/**
 * How much a figure changed, without a sign (the verb gives the direction): a whole percent for counts, rates and
 * days, as the pack's change column shows it; percentage points (to 1 decimal place, on the displayed figures)
 * for a percentage, because "rose by 12%" of a percentage reads as points.
 */
function changeAmount(unit: Unit, current: number, previous: number, percent: number | null): string {
  if (unit === 'percentage') {
    const points = roundHalfAwayFromZero(
      Math.abs((roundForDisplay(unit, current) ?? current) - (roundForDisplay(unit, previous) ?? previous)),
      1,
    )
    return `${formatValue(unit, points)} percentage ${points === 1 ? 'point' : 'points'}`
  }
  return `${formatValue('count', Math.abs(percent ?? 0))}%`
}

/** A figure with its unit, as a sentence writes it: "1,158", "90.4%", "104 per 10,000", "45 days". */
function formatFigure(unit: Unit, value: number): string {
  const text = formatValue(unit, value)
  switch (unit) {
    case 'percentage':
      return `${text}%`
    case 'rate per 10,000':
      return `${text} per 10,000`
    case 'days':
      return `${text} ${roundForDisplay(unit, value) === 1 ? 'day' : 'days'}`
    case 'count':
      return text
  }
}

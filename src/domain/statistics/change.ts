/**
 * The council's change columns: "% change from previous month", "% change from same month previous year"
 * and the direction of travel (DoT) with its judgement.
 */
import type { Polarity } from '../catalogue.ts'
import type { Change, Direction, Judgement } from '../pack.ts'
import { roundHalfAwayFromZero, toDecimal } from './rounding.ts'

/** A change of at least this many percent, up or down, is an increase or a decrease; less is "similar". */
export const DIRECTION_THRESHOLD_PERCENT = 10

/**
 * Significant digits a change is read to. Subtracting two close numbers magnifies binary noise (3.3 − 3 is
 * 0.2999999999999998), so 15 digits is not enough; 12 removes the noise, and no change between the council's
 * figures (counts well under a million) lies that close to a threshold without being on it.
 */
export const CHANGE_SIGNIFICANT_DIGITS = 12

/**
 * Percentage change from `previous` to `current`: (current − previous) ÷ |previous| × 100, on unrounded
 * values, unrounded (read to 12 significant digits so that 3 → 3.3 is exactly 10, not 9.999999999999993).
 * Null when either value is missing or `previous` is 0 (a change from nothing has no percentage).
 * @example percentChange(245, 270) // -9.25925925926
 * @example percentChange(5, 0) // null
 */
export function percentChange(current: number | null, previous: number | null): number | null {
  if (current === null || previous === null || previous === 0) return null
  return toDecimal(((current - previous) / Math.abs(previous)) * 100, CHANGE_SIGNIFICANT_DIGITS)
}

/**
 * Direction of travel from an UNROUNDED percentage change: `increase` at +10 or more, `decrease` at −10 or
 * less, `similar` in between, `n/a` when there is no change to judge. The threshold uses the unrounded
 * change, as the council's spreadsheet did, so −9.7 is `similar` even though it is shown as "−10%".
 * @example directionOf(-9.26) // 'similar'
 * @example directionOf(10) // 'increase'
 */
export function directionOf(change: number | null): Direction {
  if (change === null) return 'n/a'
  if (change >= DIRECTION_THRESHOLD_PERCENT) return 'increase'
  if (change <= -DIRECTION_THRESHOLD_PERCENT) return 'decrease'
  return 'similar'
}

/**
 * Whether a direction of travel is good news. Where higher is better an increase is `positive` and a decrease
 * `negative`; where lower is better the reverse; `similar` stays `similar`. An indicator with neutral polarity
 * is always `neutral` (when there is a direction), and no direction gives `n/a`.
 * @example judgementOf('lower', 'increase') // 'negative'
 * @example judgementOf('neutral', 'similar') // 'neutral'
 */
export function judgementOf(polarity: Polarity, direction: Direction): Judgement {
  if (direction === 'n/a') return 'n/a'
  if (polarity === 'neutral') return 'neutral'
  if (direction === 'similar') return 'similar'
  const better = polarity === 'higher' ? 'increase' : 'decrease'
  return direction === better ? 'positive' : 'negative'
}

/**
 * A change column as the pack carries it: the change shown as a whole percent (half away from zero), with
 * the direction and judgement worked out from the unrounded change.
 * @example
 * // contacts-cin-referrals, March → April 2018: 270 → 245
 * changeBetween(245, 270, 'neutral') // { percent: -9, direction: 'similar', judgement: 'neutral' }
 */
export function changeBetween(current: number | null, previous: number | null, polarity: Polarity): Change {
  const change = percentChange(current, previous)
  const direction = directionOf(change)
  return {
    percent: change === null ? null : roundHalfAwayFromZero(change),
    direction,
    judgement: judgementOf(polarity, direction),
  }
}

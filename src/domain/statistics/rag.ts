/**
 * Red, amber or green against the target.
 */
import type { Polarity } from '../catalogue.ts'
import type { Rag } from '../pack.ts'
import { toDecimal } from './rounding.ts'

/**
 * RAG status of a month's unrounded value against its target. Where higher is better: green when the value
 * is at or above the target, amber when it is below by no more than `tolerancePercent` of the target, else
 * red. Where lower is better, mirrored: green at or below the target, amber when above by no more than the
 * tolerance, else red. Null when there is no target, no value, or the polarity is neutral.
 * The amber band is `tolerancePercent` % of the target's size, so a target of 460 with 5 % tolerance has
 * an amber band of 23.
 * @example ragStatus('lower', 521, 460, 5) // 'red' (amber would be up to 483)
 * @example ragStatus('higher', 90.4, 93, 5) // 'amber' (amber from 88.35)
 */
export function ragStatus(
  polarity: Polarity,
  value: number | null,
  target: number | null,
  tolerancePercent: number,
): Rag | null {
  if (value === null || target === null || polarity === 'neutral') return null
  const band = (Math.abs(target) * tolerancePercent) / 100
  // Compare decimal values: 8.8 − 0.44 is 8.360000000000001 in binary, which would make 8.36 red, not amber.
  const v = toDecimal(value)
  if (polarity === 'higher') {
    if (v >= target) return 'green'
    return v >= toDecimal(target - band) ? 'amber' : 'red'
  }
  if (v <= target) return 'green'
  return v <= toDecimal(target + band) ? 'amber' : 'red'
}

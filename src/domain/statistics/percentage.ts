/**
 * A percentage indicator's monthly value, computed from its numerator and denominator where they are known.
 */
import type { Indicator, Observation } from '../catalogue.ts'
import type { Period } from '../period.ts'

/**
 * numerator ÷ denominator × 100, unrounded; null when either is missing or the denominator is 0
 * (a percentage of nothing is "n/a", never 0).
 * @example percentageOf(83, 128) // 64.84375
 * @example percentageOf(0, 0) // null
 */
export function percentageOf(numerator: number | null, denominator: number | null): number | null {
  if (numerator === null || denominator === null || denominator === 0) return null
  return (numerator / denominator) * 100
}

/** One month's figure and, for a percentage, the numerator and denominator it was computed from. */
export interface MonthValue {
  value: number | null
  numerator: number | null
  denominator: number | null
}

/** Finds an indicator's observation for a month; undefined when the month has none. */
export type ObservationLookup = (indicatorId: string, period: Period) => Observation | undefined

/**
 * The figure to use for an indicator in a month:
 * 1. a percentage whose observation carries both a numerator and a denominator is computed from them;
 * 2. otherwise a percentage whose catalogue entry names a numerator and a denominator indicator is computed
 *    from those indicators' values for the same month, when both have one;
 * 3. otherwise the observation's stored value (null when the month has no observation).
 * `numerator` and `denominator` are the figures used in 1 or 2, else null. Only percentages are computed;
 * other units always use the stored value.
 * @example
 * // sa-in-45wd, April 2018: 83 of 128 assessments from sa-in-45wd-count and sa-completed
 * resolveMonthValue(saIn45wd, '2018-04', lookup) // { value: 64.84375, numerator: 83, denominator: 128 }
 */
export function resolveMonthValue(indicator: Indicator, period: Period, lookup: ObservationLookup): MonthValue {
  const own = lookup(indicator.id, period)
  const stored: MonthValue = { value: own?.value ?? null, numerator: null, denominator: null }
  if (indicator.unit !== 'percentage') return stored

  if (own && own.numerator !== null && own.denominator !== null) {
    return fromParts(own.numerator, own.denominator)
  }
  if (indicator.numeratorId !== null && indicator.denominatorId !== null) {
    const numerator = lookup(indicator.numeratorId, period)?.value ?? null
    const denominator = lookup(indicator.denominatorId, period)?.value ?? null
    if (numerator !== null && denominator !== null) return fromParts(numerator, denominator)
  }
  return stored
}

function fromParts(numerator: number, denominator: number): MonthValue {
  return { value: percentageOf(numerator, denominator), numerator, denominator }
}

/**
 * The council's "12 month average" and "12-mnth max value" columns.
 */

/**
 * The mean of the months that have a value (missing months are left out, not counted as 0); null when no
 * month has one. Unrounded: round for display with `roundForDisplay`. The pack passes the 12 months
 * P−11 … P; for a percentage this is the mean of the monthly percentages, as the council's table shows.
 * @example averageOfAvailable([10, null, 20]) // 15
 * @example averageOfAvailable([null, null]) // null
 */
export function averageOfAvailable(values: readonly (number | null)[]): number | null {
  const present = values.filter((v) => v !== null)
  if (present.length === 0) return null
  return present.reduce((sum, v) => sum + v, 0) / present.length
}

/**
 * The largest of the months that have a value; null when no month has one.
 * @example maximumOfAvailable([10, null, 20]) // 20
 */
export function maximumOfAvailable(values: readonly (number | null)[]): number | null {
  const present = values.filter((v) => v !== null)
  return present.length === 0 ? null : Math.max(...present)
}

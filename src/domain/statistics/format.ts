/**
 * How figures are written in the pack's tables. Deterministic: no locale or Intl settings are involved.
 */
import type { Unit } from '../catalogue.ts'
import { decimalPlacesFor, roundHalfAwayFromZero } from './rounding.ts'

/** The minus sign used for negative figures (U+2212), not the hyphen. */
export const MINUS_SIGN = '\u2212'

/** What an empty month shows: nothing, as the council's table leaves a gap blank. */
export const NO_VALUE = ''

/** What a change that cannot be worked out shows. */
export const NO_CHANGE = 'n/a'

/**
 * A value as the table shows it: counts, rates per 10,000 and days as whole numbers, percentages to 1 decimal
 * place, rounded half away from zero, with thousands separators and no % sign. A month with no value is the
 * empty string. Negative figures use a real minus sign; −0 is shown as 0.
 * @example formatValue('count', 1158) // '1,158'
 * @example formatValue('percentage', 64.84375) // '64.8'
 * @example formatValue('rate per 10,000', 104.45) // '104'
 * @example formatValue('count', null) // ''
 */
export function formatValue(unit: Unit, value: number | null): string {
  if (value === null) return NO_VALUE
  return formatNumber(value, decimalPlacesFor(unit))
}

/**
 * A percentage change as a whole percent with its sign: "+12%", "−3%" (real minus sign), "0%" (never "−0%"
 * or "+0%"), and "n/a" when there is no change. Rounds half away from zero if given an unrounded change.
 * @example formatChange(12) // '+12%'
 * @example formatChange(-2.5) // '−3%'
 * @example formatChange(null) // 'n/a'
 */
export function formatChange(percent: number | null): string {
  if (percent === null) return NO_CHANGE
  const text = formatNumber(percent, 0)
  return `${roundHalfAwayFromZero(percent) > 0 ? '+' : ''}${text}%`
}

function formatNumber(value: number, decimals: number): string {
  if (!Number.isFinite(value)) throw new RangeError(`Cannot show ${value} as a figure`)
  const rounded = roundHalfAwayFromZero(value, decimals)
  const [whole = '', fraction] = Math.abs(rounded).toFixed(decimals).split('.')
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  const sign = rounded < 0 ? MINUS_SIGN : ''
  return fraction === undefined ? `${sign}${grouped}` : `${sign}${grouped}.${fraction}`
}

/**
 * Rounding as the council's tables show figures: half away from zero, on the decimal value a person would
 * write down rather than on the binary approximation a computer holds.
 */
import type { Unit } from '../catalogue.ts'

/**
 * The number as a person would write it: binary floating-point noise beyond `significantDigits` (15 unless
 * told) removed, and −0 made 0. 0.1 + 0.2 is 0.30000000000000004 in binary; here it is 0.3.
 * @example toDecimal(1.005 * 100) // 100.5 (binary gives 100.49999999999999)
 */
export function toDecimal(x: number, significantDigits = 15): number {
  if (!Number.isFinite(x)) return x
  const clean = Number(x.toPrecision(significantDigits))
  return clean === 0 ? 0 : clean
}

/**
 * Rounds to `decimals` places, halves away from zero: 2.5 → 3, −2.5 → −3, 0.5 → 1. JavaScript's Math.round
 * rounds −2.5 to −2, which is not what the council's spreadsheet (or a person) does. The number is first
 * read to 15 significant digits (see {@link toDecimal}) so that 1.005 rounds to 1.01, as written, not 1.00.
 * Never returns −0.
 * @example roundHalfAwayFromZero(-2.5) // -3
 * @example roundHalfAwayFromZero(64.84375, 1) // 64.8
 */
export function roundHalfAwayFromZero(x: number, decimals = 0): number {
  if (!Number.isInteger(decimals) || decimals < 0)
    throw new RangeError(`decimals must be a whole number ≥ 0, got ${decimals}`)
  if (!Number.isFinite(x)) return x
  const factor = 10 ** decimals
  const magnitude = toDecimal(Math.abs(x))
  // Shift on the decimal value too: 1.005 × 100 is 100.49999999999999 in binary.
  const shifted = toDecimal(magnitude * factor)
  const rounded = Math.round(shifted) / factor
  return x < 0 && rounded !== 0 ? -rounded : rounded
}

/**
 * How many decimal places a unit is shown to: counts, rates per 10,000 and days as whole numbers,
 * percentages to 1 decimal place (as the council's monthly dataset does).
 * @example decimalPlacesFor('percentage') // 1
 */
export function decimalPlacesFor(unit: Unit): number {
  return unit === 'percentage' ? 1 : 0
}

/**
 * A value rounded to its unit's display precision (see {@link decimalPlacesFor}); null stays null.
 * @example roundForDisplay('percentage', 64.84375) // 64.8
 * @example roundForDisplay('rate per 10,000', 104.45) // 104
 */
export function roundForDisplay(unit: Unit, value: number | null): number | null {
  return value === null ? null : roundHalfAwayFromZero(value, decimalPlacesFor(unit))
}

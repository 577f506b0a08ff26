/**
 * Periods are calendar months written `YYYY-MM`. They are plain strings so that they sort, compare and
 * serialise without a time zone ever being involved.
 */

/** A calendar month, `YYYY-MM`. */
export type Period = string

/** A financial year, April to March, written `2017-18`. */
export type FinancialYear = string

const PERIOD = /^(\d{4})-(0[1-9]|1[0-2])$/

const MONTH_ABBREVIATIONS = [
  'jan',
  'feb',
  'mar',
  'apr',
  'may',
  'jun',
  'jul',
  'aug',
  'sep',
  'oct',
  'nov',
  'dec',
] as const

/** True when `text` is a well-formed `YYYY-MM` period. */
export function isPeriod(text: string): boolean {
  return PERIOD.test(text)
}

function parts(period: Period): { year: number; month: number } {
  const match = PERIOD.exec(period)
  if (!match) throw new RangeError(`Not a period (YYYY-MM): ${period}`)
  return { year: Number(match[1]), month: Number(match[2]) }
}

function fromParts(year: number, month: number): Period {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`
}

/**
 * The period `n` months after `period` (negative `n` goes back).
 * @example addMonths('2018-04', -12) // '2017-04'
 */
export function addMonths(period: Period, n: number): Period {
  const { year, month } = parts(period)
  const index = year * 12 + (month - 1) + n
  return fromParts(Math.floor(index / 12), (index % 12) + 1)
}

/**
 * The `count` consecutive periods ending with `end`, oldest first.
 * @example periodsEnding('2018-04', 3) // ['2018-02', '2018-03', '2018-04']
 */
export function periodsEnding(end: Period, count: number): Period[] {
  return Array.from({ length: count }, (_, i) => addMonths(end, i - count + 1))
}

/**
 * The financial year (April–March) that contains `period`.
 * @example financialYearOf('2018-03') // '2017-18'; financialYearOf('2018-04') // '2018-19'
 */
export function financialYearOf(period: Period): FinancialYear {
  const { year, month } = parts(period)
  const start = month >= 4 ? year : year - 1
  return `${start}-${String((start + 1) % 100).padStart(2, '0')}`
}

/** True when `text` is a well-formed financial year such as `2017-18`. */
export function isFinancialYear(text: string): boolean {
  const match = /^(\d{4})-(\d{2})$/.exec(text)
  if (!match) return false
  return (Number(match[1]) + 1) % 100 === Number(match[2])
}

/**
 * Reads a month column heading as the council writes it: `2018-04`, `Apr-18`, `Apr 2018`, `April 2018`.
 * Returns null when the heading is not a month.
 * @example parseMonthHeading('Apr-17') // '2017-04'
 */
export function parseMonthHeading(heading: string): Period | null {
  const text = heading.trim()
  if (isPeriod(text)) return text
  const match = /^([A-Za-z]{3})[A-Za-z]*[\s\-/]+(\d{2}|\d{4})$/.exec(text)
  if (!match) return null
  const monthIndex = MONTH_ABBREVIATIONS.indexOf((match[1] ?? '').toLowerCase() as (typeof MONTH_ABBREVIATIONS)[number])
  if (monthIndex < 0) return null
  const yearText = match[2] ?? ''
  const year = yearText.length === 2 ? 2000 + Number(yearText) : Number(yearText)
  return fromParts(year, monthIndex + 1)
}

/** The months' names, January first, as GOV.UK writes them. */
export const MONTH_NAMES: readonly string[] = Object.freeze([
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
])

/**
 * The month as people say it: `April 2018`.
 */
export function formatPeriodLong(period: Period): string {
  const { year, month } = parts(period)
  return `${MONTH_NAMES[month - 1] ?? ''} ${year}`
}

/**
 * The month as the council's tables head it: `Apr-18`.
 */
export function formatPeriodShort(period: Period): string {
  const { year, month } = parts(period)
  const name = MONTH_ABBREVIATIONS[month - 1] ?? ''
  return `${name.charAt(0).toUpperCase()}${name.slice(1)}-${String(year % 100).padStart(2, '0')}`
}

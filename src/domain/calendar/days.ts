/**
 * Calendar dates as ISO `YYYY-MM-DD` strings and as day numbers (days since 1970-01-01), converted by pure
 * arithmetic: no `Date` object, so no machine time zone or daylight saving can shift a day.
 */
import { MONTH_NAMES, type Period } from '../period.ts'

/** A calendar date, `YYYY-MM-DD` (the same alias as `IsoDate` in annex-a/records.ts). */
export type IsoDate = string

/** Monday = 1 … Sunday = 7 (ISO 8601). */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7

const ZERO = 48

function digit(text: string, index: number): number {
  const code = text.charCodeAt(index) - ZERO
  return code >= 0 && code <= 9 ? code : NaN
}

/** True in a leap year of the Gregorian calendar. */
export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
}

/**
 * The number of days in a month (1 = January).
 * @example daysInMonth(2020, 2) // 29
 */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31
}

/** Reads `YYYY-MM-DD` into its parts, or null when it is not a real calendar date. */
function parts(date: string): { year: number; month: number; day: number } | null {
  if (date.length !== 10 || date.charCodeAt(4) !== 45 || date.charCodeAt(7) !== 45) return null
  const year = digit(date, 0) * 1000 + digit(date, 1) * 100 + digit(date, 2) * 10 + digit(date, 3)
  const month = digit(date, 5) * 10 + digit(date, 6)
  const day = digit(date, 8) * 10 + digit(date, 9)
  // NaN fails every comparison below.
  if (!(month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month))) return null
  return { year, month, day }
}

/**
 * True when `text` is a real calendar date written `YYYY-MM-DD`.
 * @example isIsoDate('2018-02-29') // false: 2018 is not a leap year
 */
export function isIsoDate(text: string): boolean {
  return parts(text) !== null
}

/** Days since 1970-01-01 of a year, month and day (H. Hinnant's days_from_civil). */
function fromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year
  const era = Math.floor(y / 400)
  const yearOfEra = y - era * 400
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear
  return era * 146097 + dayOfEra - 719468
}

/**
 * The day number of a date: days since 1970-01-01 (which is day 0). Throws a RangeError for text that is not
 * a real `YYYY-MM-DD` date, because dates reach the domain already validated.
 * @example dayNumber('1970-01-02') // 1
 */
export function dayNumber(date: IsoDate): number {
  // Read in place rather than through parts(): this runs millions of times per import.
  const year = digit(date, 0) * 1000 + digit(date, 1) * 100 + digit(date, 2) * 10 + digit(date, 3)
  const month = digit(date, 5) * 10 + digit(date, 6)
  const day = digit(date, 8) * 10 + digit(date, 9)
  const wellFormed = date.length === 10 && date.charCodeAt(4) === 45 && date.charCodeAt(7) === 45
  if (!(wellFormed && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month))) {
    throw new RangeError(`Not a calendar date (YYYY-MM-DD): ${date}`)
  }
  return fromCivil(year, month, day)
}

/**
 * The date of a day number (the inverse of `dayNumber`).
 * @example fromDayNumber(17620) // '2018-03-29'
 */
export function fromDayNumber(n: number): IsoDate {
  if (!Number.isInteger(n)) throw new RangeError(`Not a whole day number: ${n}`)
  const z = n + 719468
  const era = Math.floor(z / 146097)
  const dayOfEra = z - era * 146097
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) / 365,
  )
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100))
  const mp = Math.floor((5 * dayOfYear + 2) / 153)
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1
  const month = mp < 10 ? mp + 3 : mp - 9
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
}

/**
 * The weekday of a day number, Monday = 1 … Sunday = 7. Day 0 (1970-01-01) was a Thursday.
 * @example weekdayOfDayNumber(0) // 4
 */
export function weekdayOfDayNumber(n: number): Weekday {
  return (((((n + 3) % 7) + 7) % 7) + 1) as Weekday
}

/**
 * The weekday of a date, Monday = 1 … Sunday = 7.
 * @example weekday('2018-03-30') // 5 (Good Friday 2018)
 */
export function weekday(date: IsoDate): Weekday {
  return weekdayOfDayNumber(dayNumber(date))
}

/**
 * The date `n` days after `date` (negative `n` goes back).
 * @example addDays('2018-02-28', 1) // '2018-03-01'
 */
export function addDays(date: IsoDate, n: number): IsoDate {
  return fromDayNumber(dayNumber(date) + n)
}

/**
 * Calendar days from `a` to `b`: positive when `b` is later.
 * @example daysBetween('2018-03-01', '2018-04-12') // 42
 */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  return dayNumber(b) - dayNumber(a)
}

function periodParts(period: Period): { year: number; month: number } {
  const match = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(period)
  if (!match) throw new RangeError(`Not a period (YYYY-MM): ${period}`)
  return { year: Number(match[1]), month: Number(match[2]) }
}

/**
 * The first day of a month.
 * @example monthStart('2018-04') // '2018-04-01'
 */
export function monthStart(period: Period): IsoDate {
  periodParts(period)
  return `${period}-01`
}

/**
 * The last day of a month: the reference date E of the stock measures.
 * @example monthEnd('2020-02') // '2020-02-29'
 */
export function monthEnd(period: Period): IsoDate {
  const { year, month } = periodParts(period)
  return `${period}-${String(daysInMonth(year, month)).padStart(2, '0')}`
}

/**
 * The month a date falls in.
 * @example periodOf('2018-04-30') // '2018-04'
 */
export function periodOf(date: IsoDate): Period {
  if (parts(date) === null) throw new RangeError(`Not a calendar date (YYYY-MM-DD): ${date}`)
  return date.slice(0, 7)
}

/**
 * The same calendar date `n` months earlier, clamped to the last day of that month when it is shorter: the lower
 * bound of "within n months before date" (measures.md, Calendar).
 * @example monthsBefore('2018-05-31', 3) // '2018-02-28'
 * @example monthsBefore('2020-02-29', 12) // '2019-02-28'
 */
export function monthsBefore(date: IsoDate, n: number): IsoDate {
  const p = parts(date)
  if (p === null) throw new RangeError(`Not a calendar date (YYYY-MM-DD): ${date}`)
  if (!Number.isInteger(n)) throw new RangeError(`Not a whole number of months: ${n}`)
  const index = p.year * 12 + (p.month - 1) - n
  const year = Math.floor(index / 12)
  const month = (index % 12) + 1
  const day = Math.min(p.day, daysInMonth(year, month))
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
}

/**
 * A month's position on a continuous count (year × 12 + month − 1), read straight from the date's text so that
 * bucketing a million dates by month costs no date arithmetic. NaN when the text is not `YYYY-MM-…`.
 * @example monthOrdinal('2018-04-30') - monthOrdinal('2017-04-01') // 12
 */
export function monthOrdinal(dateOrPeriod: string): number {
  const year =
    digit(dateOrPeriod, 0) * 1000 + digit(dateOrPeriod, 1) * 100 + digit(dateOrPeriod, 2) * 10 + digit(dateOrPeriod, 3)
  const month = digit(dateOrPeriod, 5) * 10 + digit(dateOrPeriod, 6)
  if (dateOrPeriod.charCodeAt(4) !== 45 || !(month >= 1 && month <= 12)) return NaN
  return year * 12 + month - 1
}

const DAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday']

/**
 * A date as GOV.UK writes it, with the day of the week: how the council's pages print a date.
 * @example longDate('2018-06-07') // 'Thursday 7 June 2018'
 */
export function longDate(date: IsoDate): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number]
  return `${DAY_NAMES[weekday(date) - 1] ?? ''} ${d} ${MONTH_NAMES[m - 1] ?? ''} ${y}`
}

/**
 * A date as the site shows it everywhere: day, month in words, year, with no leading zero (GOV.UK's style). Pages
 * add the day of the week only where it matters to someone planning to attend (a meeting's date: `longDate`).
 * @example displayDate('2019-09-26') // '26 September 2019'
 */
export function displayDate(date: IsoDate): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number]
  return `${d} ${MONTH_NAMES[m - 1] ?? ''} ${y}`
}

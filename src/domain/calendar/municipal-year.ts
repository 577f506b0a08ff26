/**
 * Municipal years: a council's year of meetings, named like `2018-19`.
 *
 * Simplification: a municipal year really runs from one annual council meeting (held in May, on a date the
 * council sets) to the next. Scrutineer models it as the calendar months May to April, so it never needs the
 * meeting date; a meeting held in early May before the annual meeting is therefore counted in the new year.
 */
import type { Period } from '../period.ts'
import { daysInMonth, monthOrdinal, type IsoDate } from './days.ts'

/** A municipal year, May to April, written `2018-19`. */
export type MunicipalYear = string

const FIRST_MONTH = 5

function yearName(start: number): MunicipalYear {
  return `${String(start).padStart(4, '0')}-${String((start + 1) % 100).padStart(2, '0')}`
}

function startYear(year: MunicipalYear): number {
  const match = /^(\d{4})-(\d{2})$/.exec(year)
  const start = Number(match?.[1])
  if (!match || (start + 1) % 100 !== Number(match[2]))
    throw new RangeError(`Not a municipal year (e.g. 2018-19): ${year}`)
  return start
}

/**
 * True when `text` is a well-formed municipal year such as `2018-19`.
 * @example isMunicipalYear('2018-20') // false
 */
export function isMunicipalYear(text: string): boolean {
  const match = /^(\d{4})-(\d{2})$/.exec(text)
  return match !== null && (Number(match[1]) + 1) % 100 === Number(match[2])
}

/**
 * The municipal year (May–April) containing a date or a month.
 * @example municipalYearOf('2018-04-30') // '2017-18'; municipalYearOf('2018-05') // '2018-19'
 */
export function municipalYearOf(dateOrPeriod: string): MunicipalYear {
  const ordinal = monthOrdinal(dateOrPeriod)
  if (Number.isNaN(ordinal)) throw new RangeError(`Not a date or month: ${dateOrPeriod}`)
  const year = Math.floor(ordinal / 12)
  const month = (ordinal % 12) + 1
  return yearName(month >= FIRST_MONTH ? year : year - 1)
}

/**
 * The first day of a municipal year.
 * @example municipalYearStart('2018-19') // '2018-05-01'
 */
export function municipalYearStart(year: MunicipalYear): IsoDate {
  return `${String(startYear(year)).padStart(4, '0')}-05-01`
}

/**
 * The last day of a municipal year.
 * @example municipalYearEnd('2018-19') // '2019-04-30'
 */
export function municipalYearEnd(year: MunicipalYear): IsoDate {
  const end = startYear(year) + 1
  return `${String(end).padStart(4, '0')}-04-${String(daysInMonth(end, 4))}`
}

/**
 * The twelve months of a municipal year, May first.
 * @example municipalYearPeriods('2018-19')[0] // '2018-05'; [11] is '2019-04'
 */
export function municipalYearPeriods(year: MunicipalYear): Period[] {
  const start = startYear(year)
  return Array.from({ length: 12 }, (_, i) => {
    const index = start * 12 + FIRST_MONTH - 1 + i
    return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`
  })
}

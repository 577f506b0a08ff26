/**
 * Working days: Monday to Friday, except England and Wales bank holidays (measures.md, Calendar).
 *
 * `wd(a, b)` counts the days d with a < d ≤ b that are working days, so the day an enquiry starts is day 0 and a
 * conference the next working day is 1 working day later. It is asked millions of times per import, so the
 * calendar counts the working days of a wide range once (a running total per day) and answers each question by
 * subtracting two totals. Outside that range it counts by formula, giving the same answer a little slower.
 */
import { dayNumber, fromDayNumber, weekdayOfDayNumber, type IsoDate } from './days.ts'

/** The days a calendar indexes; dates outside it are still answered correctly. */
export interface CalendarRange {
  from: IsoDate
  to: IsoDate
}

export interface WorkingDayCalendar {
  /**
   * Working days after `a` up to and including `b`; 0 for the same day; null when `b` is before `a`
   * (a data error the caller reports: the later date of a pair is before the earlier one).
   */
  wd(a: IsoDate, b: IsoDate): number | null
  /** `wd` for day numbers (see days.ts), for callers that have already converted their dates. */
  wdDays(a: number, b: number): number | null
  /** True on Monday to Friday when the date is not a bank holiday. */
  isWorkingDay(date: IsoDate): boolean
  /** The bank holidays the calendar knows, sorted, without repeats. */
  readonly holidays: readonly IsoDate[]
  /** The days indexed for speed. */
  readonly range: CalendarRange
}

const FIRST_DEFAULT_YEAR = 2000
const LAST_DEFAULT_YEAR = 2040
/** 1969-12-29 was a Monday: weeks are counted from it. */
const MONDAY_ORIGIN = -3

/**
 * Monday-to-Friday days from the origin up to and including day n. Differences of it count weekdays in (a, b];
 * floored division keeps it right for days before the origin too.
 */
function weekdaysTo(n: number): number {
  const t = n - MONDAY_ORIGIN + 1
  const weeks = Math.floor(t / 7)
  return weeks * 5 + Math.min(t - weeks * 7, 5)
}

/** The number of entries of a sorted array that are ≤ value. */
function countAtMost(sorted: Int32Array, value: number): number {
  let low = 0
  let high = sorted.length
  while (low < high) {
    const mid = (low + high) >>> 1
    if ((sorted[mid] ?? 0) <= value) low = mid + 1
    else high = mid
  }
  return low
}

/**
 * Builds a working-day calendar from a list of bank holidays (see bank-holidays.ts). By default it indexes
 * 1 January 2000 (or the first holiday's year, if earlier) to 31 December 2040 (or the last holiday's year).
 * Throws a RangeError for a holiday or range that is not a real date: those are checked on import.
 * @example
 * const calendar = createWorkingDayCalendar(['2018-03-30', '2018-04-02'])
 * calendar.wd('2018-03-29', '2018-04-24') // 16: Easter 2018's Good Friday and Easter Monday are not counted
 */
export function createWorkingDayCalendar(holidays: readonly IsoDate[], range?: CalendarRange): WorkingDayCalendar {
  const sortedHolidays = [...new Set(holidays)].sort()
  const holidayDays = sortedHolidays.map(dayNumber)
  // A holiday at a weekend (never in the feed, which lists the substitute day instead) must not count twice.
  const weekdayHolidays = Int32Array.from(holidayDays.filter((n) => weekdayOfDayNumber(n) <= 5))

  const firstYear = Math.min(FIRST_DEFAULT_YEAR, Number((sortedHolidays[0] ?? '9999').slice(0, 4)))
  const lastYear = Math.max(LAST_DEFAULT_YEAR, Number((sortedHolidays.at(-1) ?? '0000').slice(0, 4)))
  const from = dayNumber(range?.from ?? `${String(firstYear).padStart(4, '0')}-01-01`)
  const to = dayNumber(range?.to ?? `${String(lastYear).padStart(4, '0')}-12-31`)
  if (to < from)
    throw new RangeError(`Calendar range ends (${range?.to ?? ''}) before it starts (${range?.from ?? ''})`)

  const holidaySet = new Set(holidayDays)
  const isWorking = (n: number): boolean => weekdayOfDayNumber(n) <= 5 && !holidaySet.has(n)

  // total[i] = working days in (from, from + i]; total[0] = 0.
  const total = new Int32Array(to - from + 1)
  for (let i = 1; i < total.length; i++) total[i] = (total[i - 1] ?? 0) + (isWorking(from + i) ? 1 : 0)

  function byFormula(a: number, b: number): number {
    return weekdaysTo(b) - weekdaysTo(a) - (countAtMost(weekdayHolidays, b) - countAtMost(weekdayHolidays, a))
  }

  function wdDays(a: number, b: number): number | null {
    if (b < a) return null
    if (a >= from && b <= to) return (total[b - from] ?? 0) - (total[a - from] ?? 0)
    return byFormula(a, b)
  }

  return {
    wd: (a, b) => wdDays(dayNumber(a), dayNumber(b)),
    wdDays,
    isWorkingDay: (date) => isWorking(dayNumber(date)),
    holidays: sortedHolidays,
    range: { from: fromDayNumber(from), to: fromDayNumber(to) },
  }
}

/**
 * Bank holidays from the public bank-holidays feed (the JSON that GOV.UK publishes), as a sorted list of dates.
 *
 * The feed is `{"england-and-wales": {"division", "events": [{"title", "date", "notes", "bunting"}]}, "scotland":
 * …}`. The project's copy (reference/bank-holidays-england-and-wales.json) keeps one division at the top level,
 * `{"division", "events"}`, so both shapes are read. When a holiday falls at a weekend the feed lists the
 * substitute weekday (e.g. 27 December 2022), so nothing here moves dates.
 */
import { failed, ok, type Result } from '../result.ts'
import { isIsoDate, type IsoDate } from './days.ts'

/** Something wrong with a feed, said so that the officer loading it can find it. */
export interface BankHolidayProblem {
  /** Where in the feed, e.g. `england-and-wales.events[3].date`. */
  where: string
  value: string
  reason: string
}

export const DEFAULT_DIVISION = 'england-and-wales'

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function shown(value: unknown): string {
  if (typeof value === 'string') return value
  if (value === undefined) return ''
  return JSON.stringify(value)
}

/**
 * The bank holidays of one division (default England and Wales) from a parsed feed, sorted, without repeats.
 * A feed that is not the expected shape, or has any date that is not a real `YYYY-MM-DD` date, is refused whole
 * (every problem listed), so a half-read feed never changes the calendar.
 * @example
 * parseBankHolidays({ 'england-and-wales': { division: 'england-and-wales', events: [{ title: 'Good Friday', date: '2018-03-30' }] } })
 * // { ok: true, value: ['2018-03-30'] }
 */
export function parseBankHolidays(
  feed: unknown,
  division: string = DEFAULT_DIVISION,
): Result<IsoDate[], BankHolidayProblem> {
  if (!isObject(feed)) {
    return failed([
      { where: 'the file', value: shown(feed), reason: 'This is not a bank holidays feed (expected a JSON object).' },
    ])
  }
  let block: unknown
  let prefix: string
  if (division in feed) {
    block = feed[division]
    prefix = division
  } else if (feed.division === division) {
    block = feed
    prefix = ''
  } else {
    const found = typeof feed.division === 'string' ? [feed.division] : Object.keys(feed)
    return failed([{ where: 'the file', value: found.join(', '), reason: `The feed has no "${division}" holidays.` }])
  }
  const at = (path: string): string => (prefix === '' ? path : `${prefix}.${path}`)
  if (!isObject(block) || !Array.isArray(block.events)) {
    return failed([{ where: at('events'), value: '', reason: 'The feed has no list of events for this division.' }])
  }

  const problems: BankHolidayProblem[] = []
  const dates: IsoDate[] = []
  block.events.forEach((event: unknown, index) => {
    const date = isObject(event) ? event.date : undefined
    if (typeof date === 'string' && isIsoDate(date)) dates.push(date)
    else {
      problems.push({
        where: at(`events[${index}].date`),
        value: shown(date),
        reason: 'A bank holiday date must be a real date written YYYY-MM-DD.',
      })
    }
  })
  if (problems.length > 0) return failed(problems)
  return ok(mergeHolidays(dates, []))
}

/**
 * The holidays in either list, sorted, without repeats: how a newly loaded feed extends the stored one.
 * @example mergeHolidays(['2018-12-25'], ['2018-03-30', '2018-12-25']) // ['2018-03-30', '2018-12-25']
 */
export function mergeHolidays(a: readonly IsoDate[], b: readonly IsoDate[]): IsoDate[] {
  // ISO dates sort correctly as text.
  return [...new Set([...a, ...b])].sort()
}

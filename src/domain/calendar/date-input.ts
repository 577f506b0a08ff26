/**
 * Dates typed into a GOV.UK date input: three boxes, day, month and year. Reads them into an ISO date, or says which
 * box is wrong, what was typed and why, in GOV.UK's words ("Date of the meeting must include a month"). A month may be
 * typed as a number or a name ("9", "Sep", "September"), as GOV.UK's pattern asks services to accept.
 */
import { MONTH_NAMES } from '../period.ts'
import { failed, ok, type Result } from '../result.ts'
import { daysInMonth, type IsoDate } from './days.ts'

/** What was typed in the three boxes, as text. */
export interface DateParts {
  day: string
  month: string
  year: string
}

/** A problem with a typed date: the box to mark (null: all three), and the message. */
export interface DateInputProblem {
  part: 'day' | 'month' | 'year' | null
  message: string
}

/**
 * The boxes of an ISO date, for showing a stored date in a date input ('' for each when there is none).
 * @example datePartsOf('2019-09-26') // { day: '26', month: '9', year: '2019' }
 */
export function datePartsOf(date: IsoDate | null | undefined): DateParts {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date ?? '')
  if (match === null) return { day: '', month: '', year: '' }
  return { day: String(Number(match[3])), month: String(Number(match[2])), year: match[1] ?? '' }
}

function monthNumber(text: string): number | null {
  if (/^\d{1,2}$/.test(text)) return Number(text)
  const lower = text.toLowerCase()
  const index = MONTH_NAMES.findIndex((name) => {
    const full = name.toLowerCase()
    return lower === full || (lower.length >= 3 && full.startsWith(lower))
  })
  return index === -1 ? null : index + 1
}

/**
 * Reads the three boxes into an ISO date; `label` names the date in messages ("Date of the meeting").
 * @example parseDateParts({ day: '26', month: 'Sep', year: '2019' }, 'Date') // { ok: true, value: '2019-09-26' }
 * @example parseDateParts({ day: '31', month: '2', year: '2019' }, 'Date') // message: 'Date must be a real date: February 2019 has 28 days, not 31'
 */
export function parseDateParts(typed: DateParts, label: string): Result<IsoDate, DateInputProblem> {
  const day = typed.day.trim()
  const month = typed.month.trim()
  const year = typed.year.trim()
  const problem = (part: DateInputProblem['part'], message: string) => failed<DateInputProblem>([{ part, message }])
  if (day === '' && month === '' && year === '') return problem(null, `Enter the ${label.toLowerCase()}`)
  const missing = (['day', 'month', 'year'] as const).filter((part) => ({ day, month, year })[part] === '')
  const [firstMissing] = missing
  if (firstMissing !== undefined) {
    return problem(missing.length === 1 ? firstMissing : null, `${label} must include a ${missing.join(' and a ')}`)
  }
  if (!/^\d{1,2}$/.test(day))
    return problem('day', `${label} must be a real date: the day “${day}” is not a number from 1 to 31`)
  const m = monthNumber(month)
  if (m === null || m < 1 || m > 12) {
    return problem(
      'month',
      `${label} must be a real date: the month “${month}” is not a number from 1 to 12 or a month’s name`,
    )
  }
  if (!/^\d{4}$/.test(year))
    return problem('year', `${label}: the year “${year}” must include 4 numbers, for example 2019`)
  const y = Number(year)
  const d = Number(day)
  const last = daysInMonth(y, m)
  if (d < 1 || d > last) {
    return problem('day', `${label} must be a real date: ${MONTH_NAMES[m - 1] ?? ''} ${y} has ${last} days, not ${d}`)
  }
  const pad = (n: number) => String(n).padStart(2, '0')
  return ok(`${year}-${pad(m)}-${pad(d)}`)
}

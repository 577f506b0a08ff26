/**
 * Reading what a browser sent: ids from the path and fields from a form body, which may be missing, repeated or
 * not text at all. Anything unexpected reads as "not given", so handlers answer 404 or 400, never 500.
 */
import { parseDateParts, type DateInputProblem, type DateParts } from '../domain/calendar/date-input.ts'

/**
 * A database id from the path: a positive whole number of at most nine digits, else null.
 * @example positiveId('12') // 12
 * @example positiveId('1e3') // null
 */
export function positiveId(text: string): number | null {
  const id = Number(text)
  return /^\d{1,9}$/.test(text) && id > 0 ? id : null
}

/** The longest path parameter any of our addresses uses (ids, slugs, set-up tokens are far shorter). */
const MAX_PATH_TEXT = 200

/**
 * Whether a path parameter is text one of our addresses could hold: at most 200 characters, no control characters
 * (PostgreSQL cannot store a NUL byte in text) and no half of a surrogate pair. `src/web/error-pages.ts` answers
 * 404 for anything else before a handler sees it.
 * @example isPathText('monthly') // true
 * @example isPathText('a\u0000b') // false
 */
export function isPathText(text: string): boolean {
  if (text.length > MAX_PATH_TEXT) return false
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (code < 0x20 || code === 0x7f) return false
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = text.charCodeAt(i + 1)
      if (!(next >= 0xdc00 && next <= 0xdfff)) return false
      i++
    } else if (code >= 0xdc00 && code <= 0xdfff) {
      return false
    }
  }
  return true
}

/**
 * One text field of a form body; '' when it is missing or not a single string.
 * @example formField({ venue: 'Civic Centre' }, 'venue') // 'Civic Centre'
 * @example formField(undefined, 'venue') // ''
 */
export function formField(body: unknown, name: string): string {
  const value = (body as Record<string, unknown> | null | undefined)?.[name]
  return typeof value === 'string' ? value : ''
}

/**
 * Every value of a form field that may be repeated (a group of checkboxes): [] when it is missing; anything that
 * is not text is left out.
 * @example formFields({ indicators: ['a', 'b'] }, 'indicators') // ['a', 'b']
 * @example formFields({ indicators: 'a' }, 'indicators') // ['a']
 */
export function formFields(body: unknown, name: string): string[] {
  const value = (body as Record<string, unknown> | null | undefined)?.[name]
  if (typeof value === 'string') return [value]
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []
}

/**
 * The three boxes of a GOV.UK date input whose `namePrefix` is `name` (`{name}-day`, `{name}-month`, `{name}-year`),
 * as typed; '' for a missing box.
 * @example formDateParts({ 'date-day': '26', 'date-month': '9', 'date-year': '2019' }, 'date') // { day: '26', month: '9', year: '2019' }
 */
export function formDateParts(body: unknown, name: string): DateParts {
  return {
    day: formField(body, `${name}-day`),
    month: formField(body, `${name}-month`),
    year: formField(body, `${name}-year`),
  }
}

/**
 * Reads the date input `name` for a form kept as text by field name: the typed boxes under `{name}-day`, `-month`
 * and `-year` (to show again), and the date as ISO text under `name` ('' when it is not a date, so the service's own
 * check refuses it), with the problem to show in place of the service's.
 * @example readFormDate({ 'date-day': '26', 'date-month': '9', 'date-year': '2019' }, 'date', 'Date').values.date // '2019-09-26'
 */
export function readFormDate(
  body: unknown,
  name: string,
  label: string,
): { values: Record<string, string>; problem: DateInputProblem | null } {
  const typed = formDateParts(body, name)
  const parsed = parseDateParts(typed, label)
  return {
    values: {
      [`${name}-day`]: typed.day,
      [`${name}-month`]: typed.month,
      [`${name}-year`]: typed.year,
      [name]: parsed.ok ? parsed.value : '',
    },
    problem: parsed.ok ? null : (parsed.problems[0] ?? null),
  }
}

/**
 * A service's problems with the date input's own problem for `field` (what was typed and why) in place of the
 * service's (which only saw that there was no date).
 * @example withDateProblem([{ field: 'date', message: 'Enter a date' }], 'date', { part: 'day', message: 'Date must include a day' })
 * // [{ field: 'date', message: 'Date must include a day' }]
 */
export function withDateProblem<P extends { field: string; message: string }>(
  problems: readonly P[],
  field: P['field'],
  date: DateInputProblem | null,
): P[] {
  if (date === null) return [...problems]
  return [{ field, message: date.message } as P, ...problems.filter((p) => p.field !== field)]
}

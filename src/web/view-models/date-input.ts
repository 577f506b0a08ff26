/**
 * The three boxes of a GOV.UK date input (govukDateInput's `items`) for a form's view model: what was typed, or a
 * stored date, with the error class on the box a problem names (on all three when it names none).
 */
import { datePartsOf, type DateInputProblem, type DateParts } from '../../domain/calendar/date-input.ts'

export interface DateInputItem {
  name: 'day' | 'month' | 'year'
  value: string
  classes: string
}

const WIDTHS = { day: 'govuk-input--width-2', month: 'govuk-input--width-4', year: 'govuk-input--width-4' } as const

/**
 * Items for govukDateInput. `value` is what was typed (DateParts) or a stored ISO date; `problem` the date's problem.
 * @example dateInputItems('2019-09-26')[0] // { name: 'day', value: '26', classes: 'govuk-input--width-2' }
 */
export function dateInputItems(
  value: DateParts | string | null | undefined,
  problem: Pick<DateInputProblem, 'part'> | null = null,
): DateInputItem[] {
  const parts = typeof value === 'object' && value !== null ? value : datePartsOf(value)
  return (['day', 'month', 'year'] as const).map((name) => ({
    name,
    value: parts[name],
    classes:
      problem !== null && (problem.part === null || problem.part === name)
        ? `${WIDTHS[name]} govuk-input--error`
        : WIDTHS[name],
  }))
}

/**
 * The items for the date input `name` of a form whose values are kept as text by field name: what was typed
 * (`{name}-day`, `-month`, `-year`) when the form was posted, or else the ISO date in `values[name]`.
 * @example formDateItems({ date: '2019-09-26' }, 'date')[2].value // '2019'
 */
export function formDateItems(
  values: Readonly<Record<string, string | undefined>>,
  name: string,
  problem: Pick<DateInputProblem, 'part'> | null = null,
): DateInputItem[] {
  const typed = [`${name}-day`, `${name}-month`, `${name}-year`].some((key) => values[key] !== undefined)
  return dateInputItems(
    typed
      ? { day: values[`${name}-day`] ?? '', month: values[`${name}-month`] ?? '', year: values[`${name}-year`] ?? '' }
      : (values[name] ?? null),
    problem,
  )
}

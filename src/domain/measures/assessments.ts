/** Assessments (Annex A list 4): completed, within 45 working days, duration bands, no further support. */
import type { Assessment } from '../annex-a/records.ts'
import type { IsoDate } from '../calendar/days.ts'
import {
  because,
  blank,
  DENOMINATOR,
  eventMeasure,
  isExclusion,
  isInvalid,
  NUMERATOR,
  unreadable,
  type Exclusion,
  type MeasureContext,
  type MeasureDefinition,
  type Verdict,
} from './engine.ts'
import { CIN_CENSUS, WORKING_TOGETHER } from './sources.ts'

/**
 * assessments-completed: rows of list 4 whose Date of Authorisation is in the month.
 * @example an assessment authorised on 2018-04-24 counts in April 2018.
 */
export const assessmentsCompleted = eventMeasure({
  id: 'assessments-completed',
  title: 'Assessments completed',
  unit: 'count',
  list: 'assessments',
  placeBy: 'authorisationDate',
  shows: ['startDate', 'authorisationDate'],
  definition:
    'The number of assessments completed in the month: rows of list 4 whose date of authorisation is in the month.',
  source: CIN_CENSUS,
})

const ORDER = because('The assessment authorisation date is before its start date.')
const BAD_START = unreadable('assessments', 'startDate')
const NO_START = blank('assessments', 'startDate')
const BAD_SUPPORT = unreadable('assessments', 'requiresSupport')

/**
 * Working days from the assessment's start to its authorisation, or why it cannot be worked out: an unreadable
 * or blank start, or an authorisation before the start (left out of the working-day measures only).
 */
export function assessmentWorkingDays(row: Assessment, authorised: IsoDate, ctx: MeasureContext): number | Exclusion {
  if (isInvalid(row, 'startDate')) return BAD_START
  if (row.startDate === null) return NO_START
  return ctx.calendar.wd(row.startDate, authorised) ?? ORDER
}

/** The working days of the assessment at `index`, worked out once per computation for all six measures. */
function cachedWorkingDays(
  row: Assessment,
  authorised: IsoDate,
  ctx: MeasureContext,
  index: number,
): number | Exclusion {
  const cache = ctx.memo(
    'assessment-working-days',
    () => new Array<number | Exclusion | undefined>(ctx.annexA.assessments.length),
  )
  let days = cache[index]
  if (days === undefined) {
    days = assessmentWorkingDays(row, authorised, ctx)
    cache[index] = days
  }
  return days
}

function durationDetail(row: Assessment, ctx: MeasureContext): { workingDays?: number } {
  if (row.authorisationDate === null) return {}
  const days = assessmentWorkingDays(row, row.authorisationDate, ctx)
  return isExclusion(days) ? {} : { workingDays: days }
}

function within(
  min: number,
  max: number,
): (row: Assessment, date: IsoDate, ctx: MeasureContext, index: number) => Verdict {
  return (row, date, ctx, index) => {
    const days = cachedWorkingDays(row, date, ctx, index)
    if (isExclusion(days)) return days
    return days >= min && days <= max ? NUMERATOR : DENOMINATOR
  }
}

/**
 * assessments-in-45wd: assessments completed in the month with wd(start, authorisation) ≤ 45, as a percentage of
 * assessments completed in the month (leaving out those whose start is unreadable, blank or after authorisation).
 * @example started Thu 2018-03-29, authorised Tue 2018-04-24: 16 working days (Easter skipped), so in time.
 */
export const assessmentsIn45wd = eventMeasure({
  id: 'assessments-in-45wd',
  title: 'Assessments completed within 45 working days',
  unit: 'percentage',
  list: 'assessments',
  placeBy: 'authorisationDate',
  shows: ['startDate', 'authorisationDate'],
  classify: within(0, 45),
  detail: durationDetail,
  definition:
    "Assessments completed in the month whose authorisation came no more than 45 working days after the assessment started, as a percentage of assessments completed in the month. Working days exclude weekends and England and Wales bank holidays; the start day is day 0. An assessment whose start date is unreadable, blank or after its authorisation is left out of this measure's numerator and denominator.",
  source: `${WORKING_TOGETHER} (assessment within 45 working days); ${CIN_CENSUS}`,
})

function band(suffix: string, min: number, max: number, words: string): MeasureDefinition {
  return eventMeasure({
    id: `assessment-duration-${suffix}`,
    title: `Assessments completed in ${words} working days`,
    unit: 'percentage',
    list: 'assessments',
    placeBy: 'authorisationDate',
    shows: ['startDate', 'authorisationDate'],
    classify: within(min, max),
    detail: durationDetail,
    definition: `Assessments completed in the month that took ${words} working days from start to authorisation, as a percentage of assessments completed in the month (left out as for the 45 working days measure).`,
    source: CIN_CENSUS,
  })
}

/**
 * The duration bands of assessments completed in the month, by wd(start, authorisation): 0–10, 11–25, 26–35,
 * 36–45 and over 45 working days. Each is a percentage of assessments completed in the month.
 * @example an assessment of 16 working days is in the 11–25 band.
 */
export const assessmentDurationBands: MeasureDefinition[] = [
  band('0-10', 0, 10, '0 to 10'),
  band('11-25', 11, 25, '11 to 25'),
  band('26-35', 26, 35, '26 to 35'),
  band('36-45', 36, 45, '36 to 45'),
  band('over-45', 46, Infinity, 'more than 45'),
]

/**
 * assessments-no-further-support: assessments completed in the month where the child was assessed as not
 * requiring LA children's social care support (answer No), as a percentage of assessments completed in the month.
 * A blank answer is not No (denominator only); an unreadable one leaves the row out.
 * @example 10 of 40 completed with the answer No is 25%.
 */
export const assessmentsNoFurtherSupport = eventMeasure({
  id: 'assessments-no-further-support',
  title: 'Assessments with no further support needed',
  unit: 'percentage',
  list: 'assessments',
  placeBy: 'authorisationDate',
  shows: ['authorisationDate'],
  classify: (row) => {
    if (isInvalid(row, 'requiresSupport')) return BAD_SUPPORT
    return row.requiresSupport === false ? NUMERATOR : DENOMINATOR
  },
  detail: (row) => ({
    note: `Requires support: ${row.requiresSupport === null ? 'blank' : row.requiresSupport ? 'Yes' : 'No'}`,
  }),
  definition:
    "Assessments completed in the month where the child was assessed as not requiring LA children's social care support (the answer is No), as a percentage of assessments completed in the month. A blank answer counts as not No.",
  source: CIN_CENSUS,
})

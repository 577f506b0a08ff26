/** Section 47 enquiries and initial child protection conferences (Annex A list 5). */
import { because, blank, DENOMINATOR, eventMeasure, isInvalid, NUMERATOR, rateOf, unreadable } from './engine.ts'
import type { Section47 } from '../annex-a/records.ts'
import type { IsoDate } from '../calendar/days.ts'
import type { MeasureContext, Exclusion } from './engine.ts'
import { CIN_CENSUS, POPULATION, WORKING_TOGETHER } from './sources.ts'

/**
 * s47-started: rows of list 5 whose strategy discussion (initiating the section 47 enquiry) is in the month.
 * @example a strategy discussion on 2018-03-29 counts in March 2018.
 */
export const s47Started = eventMeasure({
  id: 's47-started',
  title: 'Section 47 enquiries started',
  unit: 'count',
  list: 'section47s',
  placeBy: 'strategyDate',
  shows: ['strategyDate'],
  definition:
    'The number of section 47 enquiries started in the month: rows of list 5 whose strategy discussion date is in the month.',
  source: `${WORKING_TOGETHER}; ${CIN_CENSUS}`,
})

/** s47-rate: section 47 enquiries started per 10,000 children. */
export const s47Rate = rateOf(s47Started, {
  id: 's47-rate',
  title: 'Section 47 enquiries started per 10,000 children',
  definition: 'Section 47 enquiries started in the month × 10,000 ÷ the child population of its financial year.',
  source: `${CIN_CENSUS}; ${POPULATION}`,
})

/**
 * icpcs: rows of list 5 whose initial child protection conference (ICPC) date is in the month.
 * @example an ICPC on 2018-04-24 counts in April 2018.
 */
export const icpcs = eventMeasure({
  id: 'icpcs',
  title: 'Initial child protection conferences',
  unit: 'count',
  list: 'section47s',
  placeBy: 'icpcDate',
  shows: ['strategyDate', 'icpcDate'],
  definition:
    'The number of initial child protection conferences held in the month: rows of list 5 whose ICPC date is in the month.',
  source: CIN_CENSUS,
})

/** icpc-rate: ICPCs per 10,000 children. */
export const icpcRate = rateOf(icpcs, {
  id: 'icpc-rate',
  title: 'Initial child protection conferences per 10,000 children',
  definition: 'ICPCs in the month × 10,000 ÷ the child population of its financial year.',
  source: `${CIN_CENSUS}; ${POPULATION}`,
})

const ORDER = because('The ICPC date is before the strategy discussion date.')
const BAD_STRATEGY = unreadable('section47s', 'strategyDate')
const NO_STRATEGY = blank('section47s', 'strategyDate')
const BAD_RESULT = unreadable('section47s', 'icpcResultedInPlan')

/** Working days from strategy discussion to ICPC, or why they cannot be worked out. */
export function icpcWorkingDays(row: Section47, icpc: IsoDate, ctx: MeasureContext): number | Exclusion {
  if (isInvalid(row, 'strategyDate')) return BAD_STRATEGY
  if (row.strategyDate === null) return NO_STRATEGY
  return ctx.calendar.wd(row.strategyDate, icpc) ?? ORDER
}

/**
 * icpcs-in-15wd: ICPCs in the month held within `icpcWorkingDays` (default 15) working days of the strategy
 * discussion, as a percentage of ICPCs in the month; a row whose strategy date is unreadable, blank or after the
 * ICPC is left out of this measure only.
 * @example strategy discussion Mon 2018-04-09, ICPC Mon 2018-04-30: 15 working days, in time; Tue 2018-05-01: 16, late.
 */
export const icpcsIn15wd = eventMeasure({
  id: 'icpcs-in-15wd',
  title: 'ICPCs held within 15 working days of the strategy discussion',
  unit: 'percentage',
  list: 'section47s',
  placeBy: 'icpcDate',
  shows: ['strategyDate', 'icpcDate'],
  classify: (row, date, ctx) => {
    const days = icpcWorkingDays(row, date, ctx)
    if (typeof days !== 'number') return days
    return days <= ctx.settings.icpcWorkingDays ? NUMERATOR : DENOMINATOR
  },
  detail: (row, ctx) => {
    if (row.icpcDate === null) return {}
    const days = icpcWorkingDays(row, row.icpcDate, ctx)
    return typeof days === 'number' ? { workingDays: days } : {}
  },
  definition:
    "ICPCs in the month held within 15 working days of the strategy discussion that started the section 47 enquiry (the setting icpcWorkingDays), as a percentage of ICPCs in the month. The strategy discussion day is day 0; weekends and England and Wales bank holidays are not working days. A row whose strategy discussion date is unreadable, blank or after the ICPC is left out of this measure's numerator and denominator.",
  source: WORKING_TOGETHER,
})

/**
 * icpcs-to-cpp: ICPCs in the month that resulted in a child protection plan (Yes), as a percentage of ICPCs in
 * the month. A blank answer is not Yes; an unreadable one leaves the row out.
 * @example 18 of 20 April ICPCs resulting in a plan is 90%.
 */
export const icpcsToCpp = eventMeasure({
  id: 'icpcs-to-cpp',
  title: 'ICPCs that resulted in a child protection plan',
  unit: 'percentage',
  list: 'section47s',
  placeBy: 'icpcDate',
  shows: ['icpcDate'],
  classify: (row) => {
    if (isInvalid(row, 'icpcResultedInPlan')) return BAD_RESULT
    return row.icpcResultedInPlan === true ? NUMERATOR : DENOMINATOR
  },
  detail: (row) => ({
    note: `Resulted in a plan: ${row.icpcResultedInPlan === null ? 'blank' : row.icpcResultedInPlan ? 'Yes' : 'No'}`,
  }),
  definition:
    'ICPCs in the month that resulted in a child protection plan, as a percentage of ICPCs in the month. A blank answer counts as not Yes.',
  source: CIN_CENSUS,
})

/** Child protection plans (Annex A list 7): started, repeat, ceased, open and their rate. */
import type { ProtectionPlan } from '../annex-a/records.ts'
import type { IsoDate } from '../calendar/days.ts'
import {
  DENOMINATOR,
  eventMeasure,
  hasChildId,
  isInvalid,
  NUMERATOR,
  rateOf,
  stockMeasure,
  unreadable,
  type MeasureContext,
} from './engine.ts'
import { CIN_CENSUS, POPULATION } from './sources.ts'

/**
 * cpp-started: rows of list 7 whose plan start date is in the month.
 * @example a plan starting 2018-04-24 counts in April 2018.
 */
export const cppStarted = eventMeasure({
  id: 'cpp-started',
  title: 'Child protection plans started',
  unit: 'count',
  list: 'plans',
  placeBy: 'startDate',
  shows: ['startDate'],
  definition:
    'The number of child protection plans that started in the month: rows of list 7 whose plan start date is in the month.',
  source: CIN_CENSUS,
})

/** Each child's earliest readable plan start; built once per computation. */
function earliestPlanStart(ctx: MeasureContext): Map<string, IsoDate> {
  return ctx.memo('earliest-plan-start', () => {
    const earliest = new Map<string, IsoDate>()
    for (const row of ctx.annexA.plans) {
      if (row.startDate === null || isInvalid(row, 'startDate') || !hasChildId(row)) continue
      const known = earliest.get(row.childId)
      // ISO dates compare correctly as text.
      if (known === undefined || row.startDate < known) earliest.set(row.childId, row.startDate)
    }
    return earliest
  })
}

/** The start of an earlier plan of the same child (strictly earlier: the same day is not earlier), if any. */
function earlierPlan(row: ProtectionPlan, start: IsoDate, ctx: MeasureContext): IsoDate | null {
  if (!hasChildId(row)) return null
  const earliest = earliestPlanStart(ctx).get(row.childId)
  return earliest !== undefined && earliest < start ? earliest : null
}

const BAD_PREVIOUS = unreadable('plans', 'previousPlans')

/**
 * cpp-repeat: plans started in the month where the Number of Previous Child Protection Plans is 1 or more, or
 * the same child has a plan in list 7 that started earlier; as a percentage of plans started in the month.
 * A blank number of previous plans counts as 0; an unreadable one leaves the row out.
 * @example a plan starting 2018-04-10 with 0 previous plans, for a child with a plan that started 2016-01-05: repeat.
 */
export const cppRepeat = eventMeasure({
  id: 'cpp-repeat',
  comparesChildRecords: true,
  title: 'Child protection plans started that are a repeat plan',
  unit: 'percentage',
  list: 'plans',
  placeBy: 'startDate',
  shows: ['startDate'],
  classify: (row, date, ctx) => {
    if (isInvalid(row, 'previousPlans')) return BAD_PREVIOUS
    if (row.previousPlans !== null && row.previousPlans >= 1) return NUMERATOR
    return earlierPlan(row, date, ctx) === null ? DENOMINATOR : NUMERATOR
  },
  detail: (row, ctx) => ({
    dates: { earlierPlanStartDate: row.startDate === null ? null : earlierPlan(row, row.startDate, ctx) },
    note: `Previous plans: ${row.previousPlans === null ? 'blank' : String(row.previousPlans)}`,
  }),
  definition:
    'Child protection plans started in the month for a child who had a plan before: the number of previous child protection plans is 1 or more, or list 7 holds a plan for the same child that started on an earlier day. As a percentage of plans started in the month.',
  source: CIN_CENSUS,
})

/**
 * cpp-ceased: rows of list 7 whose plan end date is in the month.
 * @example a plan ending 2018-04-30 counts in April 2018.
 */
export const cppCeased = eventMeasure({
  id: 'cpp-ceased',
  title: 'Child protection plans ended',
  unit: 'count',
  list: 'plans',
  placeBy: 'endDate',
  shows: ['startDate', 'endDate'],
  definition:
    'The number of child protection plans that ended in the month: rows of list 7 whose plan end date is in the month.',
  source: CIN_CENSUS,
})

/**
 * cpp-open: plans open at the month end E: started on or before E and not ended, or ended after E.
 * @example a plan ending on 2018-04-30 is not open at the end of April; one starting that day is.
 */
export const cppOpen = stockMeasure({
  id: 'cpp-open',
  title: 'Children on a child protection plan',
  unit: 'count',
  list: 'plans',
  opensBy: 'startDate',
  closesBy: 'endDate',
  shows: ['startDate', 'endDate'],
  definition:
    'The number of child protection plans open at the end of the month: started on or before the last day of the month, and with no end date or an end date after it. A plan that ended on the last day of the month is not counted.',
  source: CIN_CENSUS,
})

/** cpp-rate: plans open at the month end per 10,000 children. */
export const cppRate = rateOf(cppOpen, {
  id: 'cpp-rate',
  title: 'Children on a child protection plan per 10,000 children',
  definition: 'Plans open at the end of the month × 10,000 ÷ the child population of its financial year.',
  source: `${CIN_CENSUS}; ${POPULATION}`,
})

/**
 * Measures at the reference date R, the last day of the latest month. Annex A holds only each child's latest
 * visit, status and accommodation, so these exist for the latest month of an import only.
 */
import { daysBetween, monthsBefore, type IsoDate } from '../calendar/days.ts'
import { DENOMINATOR, isInvalid, NUMERATOR, referenceDate, snapshotMeasure, unreadable } from './engine.ts'
import { ANNEX_A, CIN_CENSUS, SSDA903, WORKING_TOGETHER } from './sources.ts'

const BAD_CP_VISIT = unreadable('plans', 'lastVisitDate')
const BAD_LAC_VISIT = unreadable('lookedAfter', 'lastVisitDate')
const BAD_IN_TOUCH = unreadable('careLeavers', 'inTouch')
const BAD_SUITABLE = unreadable('careLeavers', 'suitableAccommodation')

/** The visit date when it is on or before R; null when it is blank or after R. */
function visitBefore(visit: IsoDate | null, reference: IsoDate): IsoDate | null {
  return visit !== null && visit <= reference ? visit : null
}

/**
 * cp-visits-in-time: plans open at R whose last statutory visit d is on or before R with wd(d, R) ≤
 * `cpVisitWorkingDays` (default 15), as a percentage of plans open at R. A blank visit date, or a visit after R,
 * keeps the plan in the denominator only; an unreadable one leaves it out.
 * @example R = 2018-04-30, last visit Mon 2018-04-09: 15 working days, in time; Fri 2018-04-06: 16, not.
 */
export const cpVisitsInTime = snapshotMeasure({
  id: 'cp-visits-in-time',
  title: 'Children on a plan visited in time',
  unit: 'percentage',
  list: 'plans',
  openBy: { opensBy: 'startDate', closesBy: 'endDate' },
  shows: ['startDate', 'endDate', 'lastVisitDate'],
  classify: (row, reference, ctx) => {
    if (isInvalid(row, 'lastVisitDate')) return BAD_CP_VISIT
    const visit = visitBefore(row.lastVisitDate, reference)
    if (visit === null) return DENOMINATOR
    const days = ctx.calendar.wd(visit, reference)
    return days !== null && days <= ctx.settings.cpVisitWorkingDays ? NUMERATOR : DENOMINATOR
  },
  detail: (row, ctx) => {
    const reference = referenceDate(ctx.window)
    const visit = visitBefore(row.lastVisitDate, reference)
    const dates = { referenceDate: reference }
    if (visit === null) {
      return {
        dates,
        note: row.lastVisitDate === null ? 'No last visit date' : 'Last visit is after the reference date',
      }
    }
    const days = ctx.calendar.wd(visit, reference)
    return days === null ? { dates } : { dates, workingDays: days }
  },
  definition:
    'Children on a child protection plan at the end of the month whose last statutory visit was no more than 15 working days before the last day of the month (the setting cpVisitWorkingDays: 10, 15 or 20), as a percentage of all plans open then. A plan with no visit date recorded, or whose visit is after that day, is counted as not visited in time.',
  source: `${ANNEX_A} (date of the last statutory visit); ${WORKING_TOGETHER}`,
})

/**
 * cpp-2-years-plus: plans open at R that started on or before R minus 2 years (clamped: 2020-02-29 → 2018-02-28),
 * as a percentage of plans open at R.
 * @example R = 2018-04-30: a plan started 2016-04-30 counts, one started 2016-05-01 does not.
 */
export const cpp2YearsPlus = snapshotMeasure({
  id: 'cpp-2-years-plus',
  title: 'Child protection plans lasting 2 years or more',
  unit: 'percentage',
  list: 'plans',
  openBy: { opensBy: 'startDate', closesBy: 'endDate' },
  shows: ['startDate', 'endDate'],
  // Open at R means the start is readable and on or before R.
  classify: (row, reference) =>
    row.startDate !== null && row.startDate <= monthsBefore(reference, 24) ? NUMERATOR : DENOMINATOR,
  detail: (row, ctx) => ({ dates: { twoYearsBefore: monthsBefore(referenceDate(ctx.window), 24) } }),
  definition:
    'Child protection plans open at the end of the month that started on or before the same date two years earlier, as a percentage of all plans open then.',
  source: CIN_CENSUS,
})

/**
 * lac-visits-in-time: children looked after at R whose last social work visit d is on or before R and at most
 * `lacVisitDays` (default 42) calendar days before it, as a percentage of children looked after at R. A blank
 * visit date, or one after R, keeps the child in the denominator only; an unreadable one leaves them out.
 * @example R = 2018-04-30: a visit on 2018-03-19 (42 days before) is in time; 2018-03-18 is not.
 */
export const lacVisitsInTime = snapshotMeasure({
  id: 'lac-visits-in-time',
  title: 'Looked-after children visited in time',
  unit: 'percentage',
  list: 'lookedAfter',
  openBy: { opensBy: 'startDate', closesBy: 'ceasedDate' },
  shows: ['startDate', 'ceasedDate', 'lastVisitDate'],
  classify: (row, reference, ctx) => {
    if (isInvalid(row, 'lastVisitDate')) return BAD_LAC_VISIT
    const visit = visitBefore(row.lastVisitDate, reference)
    return visit !== null && daysBetween(visit, reference) <= ctx.settings.lacVisitDays ? NUMERATOR : DENOMINATOR
  },
  detail: (row, ctx) => {
    const reference = referenceDate(ctx.window)
    const visit = visitBefore(row.lastVisitDate, reference)
    const dates = { referenceDate: reference }
    if (visit === null) {
      return {
        dates,
        note: row.lastVisitDate === null ? 'No last visit date' : 'Last visit is after the reference date',
      }
    }
    return { dates, note: `${daysBetween(visit, reference)} calendar days before the reference date` }
  },
  definition:
    'Children looked after at the end of the month whose last social work visit was no more than 42 calendar days (six weeks; the setting lacVisitDays) before the last day of the month, as a percentage of all children looked after then. A child with no visit date recorded, or whose visit is after that day, is counted as not visited in time.',
  source: `${ANNEX_A} (date of the last social work visit); ${SSDA903}`,
})

/**
 * care-leavers-suitable: care leavers (every row of list 9) the council is in touch with (Yes; `REFU`, `NREQ`,
 * `Died` are not Yes) and whose accommodation is suitable, as a percentage of all rows. An unreadable answer in
 * either column leaves the row out; a blank one is not Yes or Suitable.
 * @example in touch Yes and accommodation Suitable: counted; REFU: denominator only.
 */
export const careLeaversSuitable = snapshotMeasure({
  id: 'care-leavers-suitable',
  title: 'Care leavers in touch and in suitable accommodation',
  unit: 'percentage',
  list: 'careLeavers',
  shows: [],
  classify: (row) => {
    if (isInvalid(row, 'inTouch')) return BAD_IN_TOUCH
    if (isInvalid(row, 'suitableAccommodation')) return BAD_SUITABLE
    return row.inTouch === true && row.suitableAccommodation === true ? NUMERATOR : DENOMINATOR
  },
  detail: (row) => ({
    note: `In touch: ${row.inTouch === null ? 'blank' : row.inTouch ? 'Yes' : 'not Yes'}; accommodation: ${
      row.suitableAccommodation === null ? 'blank' : row.suitableAccommodation ? 'suitable' : 'not suitable'
    }`,
  }),
  definition:
    'Care leavers the council is in touch with (LA in touch = Yes; refused, not required or died are not Yes) and whose accommodation is suitable, as a percentage of all care leavers in list 9.',
  source: `${SSDA903} (care leavers: in touch, suitability of accommodation); ${ANNEX_A}`,
})

/**
 * care-leavers-in-touch: care leavers (every row of list 9) the council is in touch with (Yes; `REFU`, `NREQ`,
 * `Died` and the like are not Yes), as a percentage of all rows. An unreadable answer leaves the row out; a blank
 * one is not Yes.
 * @example in touch Yes, accommodation unsuitable: counted; NREQ: denominator only.
 */
export const careLeaversInTouch = snapshotMeasure({
  id: 'care-leavers-in-touch',
  title: 'Care leavers in touch',
  unit: 'percentage',
  list: 'careLeavers',
  shows: [],
  classify: (row) => {
    if (isInvalid(row, 'inTouch')) return BAD_IN_TOUCH
    return row.inTouch === true ? NUMERATOR : DENOMINATOR
  },
  detail: (row) => ({ note: `In touch: ${row.inTouch === null ? 'blank' : row.inTouch ? 'Yes' : 'not Yes'}` }),
  definition:
    'Care leavers the council is in touch with (LA in touch = Yes; no, refused, not required, returned home or died are not Yes), as a percentage of all care leavers in list 9 (from an SSDA903 return: OC3, the care leavers whose 19th, 20th or 21st birthday fell in the year).',
  source: `${SSDA903} (OC3: in touch); ${ANNEX_A}`,
})

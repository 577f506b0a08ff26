/** Re-referrals within 12 months (Annex A list 3). */
import { dayNumber, fromDayNumber, monthsBefore, type IsoDate } from '../calendar/days.ts'
import type { Referral } from '../annex-a/records.ts'
import { DENOMINATOR, eventMeasure, hasChildId, isInvalid, NUMERATOR, type MeasureContext } from './engine.ts'
import { CIN_CENSUS } from './sources.ts'

/** Each child's readable referral dates as day numbers, sorted; built once per computation. */
function referralHistory(ctx: MeasureContext): Map<string, number[]> {
  return ctx.memo('referral-history', () => {
    const history = new Map<string, number[]>()
    for (const row of ctx.annexA.referrals) {
      if (row.referralDate === null || isInvalid(row, 'referralDate') || !hasChildId(row)) continue
      const days = history.get(row.childId)
      if (days === undefined) history.set(row.childId, [dayNumber(row.referralDate)])
      else days.push(dayNumber(row.referralDate))
    }
    for (const days of history.values()) days.sort((a, b) => a - b)
    return history
  })
}

/** The child's latest referral strictly before `date` (same-day rows are not before), as a day number. */
function previousReferral(row: Referral, date: IsoDate, ctx: MeasureContext): number | null {
  if (!hasChildId(row)) return null
  const days = referralHistory(ctx).get(row.childId)
  if (days === undefined) return null
  const day = dayNumber(date)
  let low = 0
  let high = days.length
  while (low < high) {
    const mid = (low + high) >>> 1
    if ((days[mid] ?? 0) < day) low = mid + 1
    else high = mid
  }
  return low === 0 ? null : (days[low - 1] ?? null)
}

/**
 * re-referrals: referrals in the month for a child with another referral (any row of list 3) within the 12
 * months before it — on or after the same date 12 months earlier (29 Feb → 28 Feb) and strictly before it — as a
 * percentage of referrals in the month. A row with a blank Child Unique ID matches no other row.
 * @example referrals on 2017-04-15 and 2018-04-15 for one child: the second is a re-referral; 2017-04-14 would not be.
 */
export const reReferrals = eventMeasure({
  id: 're-referrals',
  comparesChildRecords: true,
  title: 'Re-referrals within 12 months',
  unit: 'percentage',
  list: 'referrals',
  placeBy: 'referralDate',
  shows: ['referralDate'],
  classify: (row, date, ctx) => {
    const previous = previousReferral(row, date, ctx)
    return previous !== null && previous >= dayNumber(monthsBefore(date, 12)) ? NUMERATOR : DENOMINATOR
  },
  detail: (row, ctx) => {
    if (row.referralDate === null) return {}
    const previous = previousReferral(row, row.referralDate, ctx)
    const from = monthsBefore(row.referralDate, 12)
    return {
      dates: { previousReferralDate: previous === null ? null : fromDayNumber(previous), twelveMonthsBefore: from },
    }
  },
  definition:
    'Referrals in the month for a child who had another referral in the 12 months before it (on or after the same date a year earlier, and before the referral date), as a percentage of all referrals in the month. Two referrals of a child on the same day are not before each other.',
  source: CIN_CENSUS,
})

/** Children in need (Annex A list 6). */
import { stockMeasure } from './engine.ts'
import { CIN_CENSUS } from './sources.ts'

/**
 * cin-open: CIN episodes open at the month end E: CIN start ≤ E and no closure date, or closure > E. A blank or
 * unreadable start date, or an unreadable closure date, leaves the row out.
 * @example started 2017-06-01 and closed 2018-04-30: open at the end of March 2018, not at the end of April.
 */
export const cinOpen = stockMeasure({
  id: 'cin-open',
  title: 'Children in need',
  unit: 'count',
  list: 'cin',
  opensBy: 'startDate',
  closesBy: 'closureDate',
  shows: ['startDate', 'closureDate'],
  definition:
    'The number of children in need episodes open at the end of the month: CIN start date on or before the last day of the month, and no closure date or a closure date after it.',
  source: CIN_CENSUS,
})

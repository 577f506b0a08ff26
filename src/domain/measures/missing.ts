/** Missing episodes of looked-after children (SSDA903 missing.csv, stored as list 12). */
import { DENOMINATOR, eventMeasure, isInvalid, NUMERATOR, unreadable } from './engine.ts'
import { SSDA903 } from './sources.ts'

const BAD_KIND = unreadable('missing', 'missing')

/**
 * missing-episodes: episodes of a looked-after child going missing from placement (MISSING = M) that started in the
 * month. An episode away from placement without authorisation (A) is not counted; an unreadable code leaves the row
 * out; a blank one is not M.
 * @example M starting 2018-04-03 counts in April 2018; A the same day does not.
 */
export const missingEpisodes = eventMeasure({
  id: 'missing-episodes',
  title: 'Missing episodes of looked-after children',
  unit: 'count',
  list: 'missing',
  placeBy: 'startDate',
  shows: ['startDate', 'endDate'],
  classify: (row) => {
    if (isInvalid(row, 'missing')) return BAD_KIND
    return row.missing === true ? NUMERATOR : DENOMINATOR
  },
  definition:
    'The number of episodes of looked-after children going missing from their placement (SSDA903 MISSING = M) that started in the month. Episodes away from placement without authorisation (A) are not counted.',
  source: `${SSDA903} (missing.csv: MISSING, MIS_START)`,
})

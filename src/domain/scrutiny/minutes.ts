/**
 * Minute numbers. A council numbers its committee's minutes in one sequence through the municipal year, starting
 * again at 1 with the new year: the panel's 22 March 2018 minutes run 29, 30, 31…, and its first meeting of
 * 2019-20 (6 June 2019) starts at 1 (seeds 001 and 003).
 */
import { municipalYearOf } from '../calendar/municipal-year.ts'
import type { IsoDate } from '../calendar/days.ts'

/** A meeting already minuted: its date and how many numbered minutes it has. */
export interface MinutedMeeting {
  date: IsoDate
  minuteCount: number
}

/**
 * The number of the first minute of a meeting on `date`, given the committee's other meetings: one more than the
 * minutes of the earlier meetings of the same municipal year.
 * @example firstMinuteNumber('2018-03-22', [{ date: '2018-01-25', minuteCount: 28 }]) // 29
 * @example firstMinuteNumber('2019-06-06', [{ date: '2019-03-28', minuteCount: 40 }]) // 1: a new municipal year
 */
export function firstMinuteNumber(date: IsoDate, meetings: readonly MinutedMeeting[]): number {
  const year = municipalYearOf(date)
  let before = 0
  for (const meeting of meetings) {
    if (meeting.date < date && municipalYearOf(meeting.date) === year) before += meeting.minuteCount
  }
  return before + 1
}

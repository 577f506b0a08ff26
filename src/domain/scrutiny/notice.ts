/**
 * Public notice of a meeting's papers. Agendas and reports must be open to inspection at least five clear days
 * before the meeting (Local Government Act 1972, s.100B(3)). "Clear days" leave out the day the papers are
 * published and the day of the meeting, and — as councils apply the Access to Information rules — weekends and
 * bank holidays (R v Swansea City Council, ex p Elitestone (1993) on clear days; s.100K excludes days the
 * offices are closed).
 */
import { addDays, daysBetween, type IsoDate } from '../calendar/days.ts'
import type { WorkingDayCalendar } from '../calendar/working-days.ts'

/** The clear days the law requires between publishing a meeting's papers and the meeting. */
export const REQUIRED_CLEAR_DAYS = 5

/**
 * Working days strictly between publication and the meeting (neither day counts). 0 when published on or after
 * the meeting day.
 * @example clearDays('2018-05-29', '2018-06-07', calendar) // 6: 30, 31 May and 1, 4, 5, 6 June
 */
export function clearDays(publishedOn: IsoDate, meetingOn: IsoDate, calendar: WorkingDayCalendar): number {
  if (daysBetween(publishedOn, meetingOn) <= 1) return 0
  return calendar.wd(publishedOn, addDays(meetingOn, -1)) ?? 0
}

/**
 * The last working day papers can be published and still give five clear days' notice (the council's offices
 * publish on working days, so a weekend that would still give notice is stepped back over).
 * @example latestPublicationDate('2018-06-07', calendar) // '2018-05-30'
 */
export function latestPublicationDate(meetingOn: IsoDate, calendar: WorkingDayCalendar): IsoDate {
  let day = addDays(meetingOn, -1)
  let clear = 0
  while (clear < REQUIRED_CLEAR_DAYS) {
    if (calendar.isWorkingDay(day)) clear += 1
    day = addDays(day, -1)
  }
  while (!calendar.isWorkingDay(day)) day = addDays(day, -1)
  return day
}

/**
 * Whether papers published on `publishedOn` give the required notice of a meeting on `meetingOn`.
 * @example givesNotice('2018-05-31', '2018-06-07', calendar) // false: only 4 clear days
 */
export function givesNotice(publishedOn: IsoDate, meetingOn: IsoDate, calendar: WorkingDayCalendar): boolean {
  return clearDays(publishedOn, meetingOn, calendar) >= REQUIRED_CLEAR_DAYS
}

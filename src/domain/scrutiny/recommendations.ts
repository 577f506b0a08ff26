/**
 * Scrutiny recommendations: when the executive's response is due, and which are overdue.
 *
 * Source: Local Government Act 2000, s.9FE(4)–(6): where an overview and scrutiny committee makes a report or
 * recommendations to the executive, the executive must respond "before the end of the period of two months
 * beginning with the date on which" it received them. A period "beginning with" a date includes that date, so two
 * months beginning with 25 June end on 24 August; when the later month has no corresponding date (two months
 * beginning with 31 December), the period ends on that month's last day (the corresponding date rule, Dodds v
 * Walker [1981] 1 WLR 1027).
 */
import { daysInMonth, type IsoDate } from '../calendar/days.ts'

/** Where a recommendation stands, as the monitoring report's "Progress Status" column says. */
export const PROGRESS_STATUSES = ['awaiting-response', 'accepted', 'in-progress', 'completed', 'not-accepted'] as const
export type ProgressStatus = (typeof PROGRESS_STATUSES)[number]

/** Words for each status, as the monitoring report prints them. */
export const PROGRESS_STATUS_TEXT: Readonly<Record<ProgressStatus, string>> = {
  'awaiting-response': 'Awaiting response',
  accepted: 'Accepted',
  'in-progress': 'In progress',
  completed: 'Completed',
  'not-accepted': 'Not accepted',
}

/**
 * The last day of the period of `months` months beginning with `date` (the date itself is day one).
 * @example periodOfMonthsEnds('2015-06-25', 2) // '2015-08-24'
 * @example periodOfMonthsEnds('2017-12-31', 2) // '2018-02-28': February has no 31st
 */
export function periodOfMonthsEnds(date: IsoDate, months: number): IsoDate {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number]
  const index = y * 12 + (m - 1) + months
  const year = Math.floor(index / 12)
  const month = (index % 12) + 1
  const last = daysInMonth(year, month)
  const pad = (n: number) => String(n).padStart(2, '0')
  // No corresponding date in the later month: the period runs to that month's end.
  if (d > last) return `${String(year).padStart(4, '0')}-${pad(month)}-${pad(last)}`
  // Otherwise it ends the day before the corresponding date.
  if (d > 1) return `${String(year).padStart(4, '0')}-${pad(month)}-${pad(d - 1)}`
  const prevIndex = index - 1
  const prevYear = Math.floor(prevIndex / 12)
  const prevMonth = (prevIndex % 12) + 1
  return `${String(prevYear).padStart(4, '0')}-${pad(prevMonth)}-${pad(daysInMonth(prevYear, prevMonth))}`
}

/**
 * The date by which the executive must respond to a recommendation it received on `receivedOn` (s.9FE: two
 * months beginning with that date).
 * @example responseDue('2015-06-25') // '2015-08-24'
 */
export function responseDue(receivedOn: IsoDate): IsoDate {
  return periodOfMonthsEnds(receivedOn, 2)
}

/** What the overdue check needs to know of a recommendation. */
export interface RecommendationState {
  responseDue: IsoDate
  /** The date of the executive's first response, or null while there is none (or it was not dated). */
  respondedOn: IsoDate | null
  status: ProgressStatus
  /** Updates recorded: any update is a response, even one recorded before Scrutineer without a date. */
  updates: readonly unknown[]
}

/**
 * True when the response is late on `asOf`: its due date has passed with no response. A response given late is
 * no longer overdue (the monitoring report shows it with its date); a completed or declined recommendation never is.
 * @example isOverdue({ responseDue: '2015-08-24', respondedOn: null, status: 'awaiting-response', updates: [] }, '2015-08-25') // true
 * @example isOverdue({ responseDue: '2015-08-24', respondedOn: null, status: 'awaiting-response', updates: [] }, '2015-08-24') // false: due that day
 */
export function isOverdue(recommendation: RecommendationState, asOf: IsoDate): boolean {
  if (recommendation.status === 'completed' || recommendation.status === 'not-accepted') return false
  const responded = recommendation.respondedOn !== null || recommendation.updates.length > 0
  return !responded && asOf > recommendation.responseDue
}

/** A dated update on what was done, optionally moving the recommendation to a new status. */
export interface RecommendationUpdate {
  id: number
  /** When the action was taken or reported; null for updates recorded before Scrutineer with no date. */
  dated: IsoDate | null
  text: string
  /** The status from this update on; null leaves it as it was. */
  status: ProgressStatus | null
  recordedBy: string
  recordedAt: string
}

/** A resolution of the panel that asks something of the executive, tracked until it is done. */
export interface Recommendation {
  id: number
  committeeId: number
  /** The meeting that made it, when that meeting is in Scrutineer. */
  meetingId: number | null
  madeOn: IsoDate
  /** The agenda item it came from, as the monitoring report's "Title" column gives it. */
  title: string
  /** Its number among the item's recommendations. */
  number: number
  text: string
  leadOfficer: string | null
  responseDue: IsoDate
  status: ProgressStatus
  respondedOn: IsoDate | null
  updates: RecommendationUpdate[]
  /** The number of the minute of `meetingId` it was made from; absent when it was entered by hand. */
  minuteNumber?: number
}

/** A problem with a recommendation or update someone entered, tied to its field. */
export interface RecommendationProblem {
  field: 'madeOn' | 'title' | 'text' | 'leadOfficer' | 'dated' | 'status' | 'number'
  message: string
}

/**
 * True when `text` is a progress status.
 * @example isProgressStatus('completed') // true
 */
export function isProgressStatus(text: string): text is ProgressStatus {
  return (PROGRESS_STATUSES as readonly string[]).includes(text)
}

/**
 * Which recommendations a meeting's monitoring report covers: those made before the meeting that were still open
 * on the meeting day, and those completed or declined since the committee's previous meeting (so the panel sees
 * them close once). `previousMeetingOn` is null for a committee's first meeting.
 * @example inMonitoringReport({ madeOn: '2015-06-25', status: 'in-progress', updates: [] }, '2015-09-03', '2015-07-30') // true
 */
export function inMonitoringReport(
  recommendation: Pick<Recommendation, 'madeOn' | 'status' | 'updates'>,
  meetingOn: IsoDate,
  previousMeetingOn: IsoDate | null,
): boolean {
  if (recommendation.madeOn >= meetingOn) return false
  const closing = recommendation.updates.find((u) => u.status === 'completed' || u.status === 'not-accepted')
  if (closing === undefined) return true
  // Closed with an undated update (recorded before Scrutineer): it left the report before anything we know of.
  if (closing.dated === null) return false
  if (closing.dated >= meetingOn) return true
  return previousMeetingOn === null || closing.dated > previousMeetingOn
}

/**
 * A committee's work programme: what it plans to consider at its future meetings, each item with its purpose, the
 * lead officer, the meeting (or, before meetings are set, the month) it is planned for, and where it stands:
 * planned, on an agenda (moved onto the meeting's agenda, one action), deferred or done.
 */
import { isPeriod, type Period } from '../period.ts'

export const WORK_PROGRAMME_STATUSES = ['planned', 'on-agenda', 'deferred', 'done'] as const
export type WorkProgrammeStatus = (typeof WORK_PROGRAMME_STATUSES)[number]

export const WORK_PROGRAMME_STATUS_TEXT: Readonly<Record<WorkProgrammeStatus, string>> = {
  planned: 'Planned',
  'on-agenda': 'On an agenda',
  deferred: 'Deferred',
  done: 'Done',
}

export interface WorkProgrammeItem {
  id: number
  committeeId: number
  title: string
  purpose: string
  leadOfficer: string
  /** The meeting it is planned for, when one is chosen. */
  meetingId: number | null
  /** The month it is planned for ("2019-09"), when no meeting is chosen yet. */
  plannedMonth: Period | null
  status: WorkProgrammeStatus
  /** The agenda item it became, once moved onto an agenda. */
  agendaItemId: number | null
}

/** What democratic services enter for an item. */
export interface WorkProgrammeInput {
  title: string
  purpose: string
  leadOfficer: string
  /** A meeting's id as the form sends it, '' for none. */
  meeting: string
  /** "YYYY-MM", '' for none. */
  month: string
}

export interface WorkProgrammeProblem {
  field: 'title' | 'purpose' | 'leadOfficer' | 'meeting' | 'month' | 'status'
  message: string
}

export type WorkProgrammeDetails = Pick<
  WorkProgrammeItem,
  'title' | 'purpose' | 'leadOfficer' | 'meetingId' | 'plannedMonth'
>

/**
 * Checks an item as entered: a title, a purpose, and either one of the committee's meetings (`meetingIds`) or a
 * month; lengths as on the agenda editor.
 * @example workProgrammeDetails({ title: 'Young Inspectors', purpose: 'To hear about the scheme', leadOfficer: '', meeting: '', month: '2019-09' }, []) // { ok: true, … plannedMonth: '2019-09' }
 */
export function workProgrammeDetails(
  input: WorkProgrammeInput,
  meetingIds: readonly number[],
): { ok: true; value: WorkProgrammeDetails } | { ok: false; problems: WorkProgrammeProblem[] } {
  const problems: WorkProgrammeProblem[] = []
  const title = input.title.trim()
  const purpose = input.purpose.trim()
  const leadOfficer = input.leadOfficer.trim()
  if (title === '') problems.push({ field: 'title', message: 'Enter the title of the item' })
  if (title.length > 300) problems.push({ field: 'title', message: 'The title must be 300 characters or fewer' })
  if (purpose === '') problems.push({ field: 'purpose', message: 'Enter what the committee will consider and why' })
  if (purpose.length > 5000) {
    problems.push({ field: 'purpose', message: 'The purpose must be 5,000 characters or fewer' })
  }
  if (leadOfficer.length > 200) {
    problems.push({ field: 'leadOfficer', message: 'The lead officer must be 200 characters or fewer' })
  }
  let meetingId: number | null = null
  if (input.meeting !== '') {
    meetingId = /^\d{1,9}$/.test(input.meeting) ? Number(input.meeting) : NaN
    if (!meetingIds.includes(meetingId)) {
      problems.push({ field: 'meeting', message: "Choose one of the committee's meetings still to come, or none" })
    }
  }
  const month = input.month.trim()
  if (month !== '' && !isPeriod(month)) {
    problems.push({ field: 'month', message: 'Enter the month as a year and month, like 2019-09' })
  }
  if (input.meeting === '' && month === '') {
    problems.push({ field: 'meeting', message: 'Choose the meeting the item is planned for, or enter a month' })
  }
  if (problems.length > 0) return { ok: false, problems }
  return {
    ok: true,
    value: { title, purpose, leadOfficer, meetingId, plannedMonth: meetingId === null ? month : null },
  }
}

/**
 * Why an item cannot be moved onto an agenda, if it cannot: it must be planned or deferred, and planned for a
 * meeting that has not been cancelled.
 * @example moveProblem({ status: 'planned', meetingId: null }, null) // 'Choose the meeting the item is planned for first'
 */
export function moveProblem(
  item: Pick<WorkProgrammeItem, 'status' | 'meetingId'>,
  meeting: { status: string } | null,
): string | null {
  if (item.status === 'on-agenda') return 'The item is already on an agenda'
  if (item.status === 'done') return 'The item is done'
  if (item.meetingId === null || meeting === null) return 'Choose the meeting the item is planned for first'
  if (meeting.status === 'cancelled') return 'That meeting was cancelled: plan the item for another meeting'
  return null
}

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
  /** Why it was deferred, when it is deferred and a reason was given. */
  deferralReason: string | null
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
  field: 'title' | 'purpose' | 'leadOfficer' | 'meeting' | 'month' | 'reason' | 'status'
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
  const { meetingId, month } = plannedFor(
    input,
    meetingIds,
    'Choose the meeting the item is planned for, or enter a month',
    problems,
  )
  if (problems.length > 0) return { ok: false, problems }
  return {
    ok: true,
    value: { title, purpose, leadOfficer, meetingId, plannedMonth: meetingId === null ? month : null },
  }
}

/**
 * The meeting (one of `meetingIds`, the committee's meetings to come) or month an item is planned for, as entered
 * on the form that adds, changes or defers it; what is wrong with them is added to `problems`, `missing` when
 * neither is given.
 */
function plannedFor(
  input: { meeting: string; month: string },
  meetingIds: readonly number[],
  missing: string,
  problems: WorkProgrammeProblem[],
): { meetingId: number | null; month: string } {
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
  if (input.meeting === '' && month === '') problems.push({ field: 'meeting', message: missing })
  return { meetingId, month }
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

/** What democratic services can do to an item once it is in the programme, besides moving it onto an agenda. */
export type WorkProgrammeChange = 'edit' | 'defer' | 'done' | 'replan'

/**
 * Why an item in `status` cannot have `change` made to it, if it cannot. A done item is finished with: nothing
 * changes it. Only a planned or deferred item is deferred (again, to a later plan): one on an agenda is dealt with
 * at its meeting, so it is marked done instead. Only a deferred item is put back to planned.
 * @example changeProblem('on-agenda', 'defer') // 'The item is on an agenda: it can be changed or marked done, not deferred'
 * @example changeProblem('deferred', 'replan') // null
 */
export function changeProblem(status: WorkProgrammeStatus, change: WorkProgrammeChange): string | null {
  if (status === 'done') return 'The item is done: it can no longer be changed'
  if (change === 'defer' && status === 'on-agenda') {
    return 'The item is on an agenda: it can be changed or marked done, not deferred'
  }
  if (change === 'replan' && status !== 'deferred') return 'Only a deferred item can be put back to planned'
  return null
}

/**
 * Checks an item's details as edited: as when it was added, except that the meeting it is already planned for
 * stays a choice even if it has passed, and an item on an agenda keeps its meeting (its agenda item is there).
 * @example editedDetails({ status: 'on-agenda', meetingId: 4 }, { title: 'Young Inspectors', purpose: 'To hear about it', leadOfficer: '', meeting: '5', month: '' }, [5]) // { ok: false, problems: [{ field: 'meeting', message: 'The item is on that meeting’s agenda: its meeting cannot change' }] }
 */
export function editedDetails(
  item: Pick<WorkProgrammeItem, 'status' | 'meetingId'>,
  input: WorkProgrammeInput,
  meetingIds: readonly number[],
): { ok: true; value: WorkProgrammeDetails } | { ok: false; problems: WorkProgrammeProblem[] } {
  const status = changeProblem(item.status, 'edit')
  if (status !== null) return { ok: false, problems: [{ field: 'status', message: status }] }
  const allowed = item.meetingId === null ? meetingIds : [...meetingIds, item.meetingId]
  const details = workProgrammeDetails(input, allowed)
  if (details.ok && item.status === 'on-agenda' && details.value.meetingId !== item.meetingId) {
    return {
      ok: false,
      problems: [{ field: 'meeting', message: 'The item is on that meeting’s agenda: its meeting cannot change' }],
    }
  }
  return details
}

/** What democratic services enter to defer an item: the new meeting or month, and why (optional). */
export interface DeferralInput {
  meeting: string
  month: string
  reason: string
}

/** The new plan of a deferred item and the reason given (null for none). */
export interface Deferral {
  meetingId: number | null
  plannedMonth: Period | null
  reason: string | null
}

/**
 * Checks a deferral: the item may be deferred (`changeProblem`), a new meeting (one of `meetingIds`, the
 * committee's meetings to come) or month is chosen and it is not the plan the item has now, and the reason is at
 * most 1,000 characters.
 * @example deferral({ status: 'planned', meetingId: 4, plannedMonth: null }, { meeting: '', month: '2019-11', reason: '' }, [4]) // { ok: true, value: { meetingId: null, plannedMonth: '2019-11', reason: null } }
 */
export function deferral(
  item: Pick<WorkProgrammeItem, 'status' | 'meetingId' | 'plannedMonth'>,
  input: DeferralInput,
  meetingIds: readonly number[],
): { ok: true; value: Deferral } | { ok: false; problems: WorkProgrammeProblem[] } {
  const status = changeProblem(item.status, 'defer')
  if (status !== null) return { ok: false, problems: [{ field: 'status', message: status }] }
  const problems: WorkProgrammeProblem[] = []
  const { meetingId, month } = plannedFor(
    input,
    meetingIds,
    'Choose the meeting the item is deferred to, or enter a month',
    problems,
  )
  const reason = input.reason.trim()
  if (reason.length > 1000) problems.push({ field: 'reason', message: 'The reason must be 1,000 characters or fewer' })
  const plannedMonth = meetingId === null ? month : null
  if (problems.length === 0 && meetingId === item.meetingId && plannedMonth === item.plannedMonth) {
    problems.push({ field: 'meeting', message: 'Choose a different meeting or month from the one planned now' })
  }
  if (problems.length > 0) return { ok: false, problems }
  return { ok: true, value: { meetingId, plannedMonth, reason: reason === '' ? null : reason } }
}

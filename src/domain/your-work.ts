/**
 * What is waiting for a signed-in person, the rules behind the "Your work" part of their home page. Pure: the
 * service (src/services/work-service.ts) reads the months, commentary, meetings and recommendations and asks these
 * functions what they add up to. Three decisions live here:
 *
 * - **The month being prepared** is a dataset's newest month with figures that is not yet published. An older
 *   unpublished month behind a published one is not: the council has moved on from it, and nagging about it would
 *   hide this month's work.
 * - **An owner's commentary to write** is every indicator linked to their account whose commentary for that month
 *   is not started or a draft; a returned draft is counted apart, because the director is waiting on it.
 * - **The next meeting** is the earliest meeting on or after today that is not cancelled (a meeting is marked held
 *   by hand, sometimes ahead of time, so the status is not trusted to say it is still to come); its papers are due
 *   by the last working day that gives five clear days' notice (src/domain/scrutiny/notice.ts decides that day).
 */
import type { IsoDate } from './calendar/days.ts'
import type { Progress } from './month-cycle.ts'
import type { Period } from './period.ts'
import type { Meeting } from './scrutiny/committee.ts'

/**
 * The month a dataset is being prepared for, or null when its newest month with figures is already published.
 * @example monthInPreparation(['2018-04', '2018-05', '2018-06'], ['2018-04', '2018-05']) // '2018-06'
 * @example monthInPreparation(['2018-04'], ['2018-04']) // null
 */
export function monthInPreparation(withFigures: readonly Period[], published: readonly Period[]): Period | null {
  const newest = [...withFigures].sort().at(-1)
  if (newest === undefined || published.includes(newest)) return null
  return newest
}

/** A line of the month's commentary as the home page counts it: whose it is and where it stands. */
export interface WorkLine {
  /** The account linked as the indicator's owner; null when none is. */
  accountId: number | null
  progress: Progress
}

/** An owner's commentary for a month: how many to write (not started or draft) and how many came back returned. */
export interface CommentaryToDo {
  toWrite: number
  returned: number
}

/**
 * Counts the commentary waiting for the owner with account `accountId`.
 * @example commentaryToDo([{ accountId: 4, progress: 'not-started' }, { accountId: 4, progress: 'returned' }], 4) // { toWrite: 1, returned: 1 }
 */
export function commentaryToDo(lines: readonly WorkLine[], accountId: number): CommentaryToDo {
  let toWrite = 0
  let returned = 0
  for (const line of lines) {
    if (line.accountId !== accountId) continue
    if (line.progress === 'not-started' || line.progress === 'draft') toWrite += 1
    else if (line.progress === 'returned') returned += 1
  }
  return { toWrite, returned }
}

/**
 * How many pieces of writing wait for sign-off: those submitted.
 * @example awaitingSignOff(['submitted', 'draft', 'submitted']) // 2
 */
export function awaitingSignOff(progresses: readonly Progress[]): number {
  return progresses.filter((p) => p === 'submitted').length
}

/**
 * The earliest meeting on or after `today` that is not cancelled (by date, then start time), or null.
 * @example nextMeeting([june7, cancelledJune1], '2018-05-20') // june7
 */
export function nextMeeting(meetings: readonly Meeting[], today: IsoDate): Meeting | null {
  const upcoming = meetings
    .filter((m) => m.status !== 'cancelled' && m.date >= today)
    .sort((a, b) => a.date.localeCompare(b.date) || a.startTime.localeCompare(b.startTime))
  return upcoming[0] ?? null
}

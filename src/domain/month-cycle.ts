/**
 * The month's cycle at a glance: the rules behind the officers' morning page (`/datasets/{id}/{YYYY-MM}/cycle`).
 * Pure. Two decisions live here:
 *
 * - **Where a piece of writing is**, in the words officers use: not started, draft, returned (a draft the director
 *   sent back, not yet resubmitted), submitted, approved, published. The workflow itself
 *   (src/domain/commentary-workflow.ts) has no "returned" status: a return makes the writing a draft again and
 *   records who returned it, so a draft with a return recorded is "returned".
 * - **Which meeting the month goes to.** A meeting whose agenda carries the month (a report with the month's pack or
 *   overview as an appendix) is the one, the earliest if several, cancelled meetings aside. When no agenda carries
 *   it yet, the page names the next scheduled meeting after the month has ended and not before today, as the
 *   meeting it could go to: nothing links the two, and the page says so.
 */
import { addDays, monthEnd, type IsoDate } from './calendar/days.ts'
import type { WorkflowRecord } from './commentary-workflow.ts'
import type { Period } from './period.ts'
import type { Meeting } from './scrutiny/committee.ts'

/** Where a piece of writing is, in the order it moves through the cycle. */
export const PROGRESS = ['not-started', 'draft', 'returned', 'submitted', 'approved', 'published'] as const
export type Progress = (typeof PROGRESS)[number]

/**
 * Where a piece of writing is (null: nothing written).
 * @example progressOf(null) // 'not-started'
 * @example progressOf({ status: 'draft', returnedAt: '2018-05-10T09:00:00Z' }) // 'returned'
 */
export function progressOf(record: Pick<WorkflowRecord, 'status' | 'returnedAt'> | null): Progress {
  if (record === null) return 'not-started'
  if (record.status === 'draft') return record.returnedAt === null ? 'draft' : 'returned'
  return record.status
}

/** Approved or published: nothing more for the author or the director to do before publication. */
export function isSignedOff(progress: Progress): boolean {
  return progress === 'approved' || progress === 'published'
}

/** How many pieces of writing are at each step, every step present (0 where none are). */
export type ProgressCounts = Record<Progress, number>

/**
 * Counts each step.
 * @example countProgress(['draft', 'draft', 'approved']).draft // 2
 */
export function countProgress(progresses: readonly Progress[]): ProgressCounts {
  const counts = Object.fromEntries(PROGRESS.map((p) => [p, 0])) as ProgressCounts
  for (const progress of progresses) counts[progress] += 1
  return counts
}

/**
 * One indicator owner's commentary for the month: an account linked to indicators (`linked`), or a catalogue owner
 * label no account is linked to yet. `owner` is the account's name or the label; '' for indicators the catalogue
 * gives no owner.
 */
export interface OwnerProgress {
  owner: string
  linked: boolean
  indicatorIds: string[]
  counts: ProgressCounts
}

/** A line of the month's commentary: its indicator, the catalogue's owner label, the linked account and its step. */
export interface OwnerLine {
  indicatorId: string
  owner: string
  account?: { id: number; name: string } | null
  progress: Progress
}

function tidyLabel(owner: string): string {
  return owner.trim().replace(/\s+/g, ' ')
}

/**
 * The month's commentary grouped by owner: by linked account (whatever the catalogue's labels say), then the owner
 * labels no account is linked to yet (grouped however the catalogue spaces them), then indicators with no owner.
 * Each part in alphabetical order.
 * @example
 * progressByOwner([{ indicatorId: 'a', owner: 'Jane White', account: { id: 7, name: 'Jane White' }, progress: 'draft' }, { indicatorId: 'b', owner: 'Phil', progress: 'approved' }])
 * // [{ owner: 'Jane White', linked: true, indicatorIds: ['a'], … }, { owner: 'Phil', linked: false, indicatorIds: ['b'], … }]
 */
export function progressByOwner(lines: readonly OwnerLine[]): OwnerProgress[] {
  const groups = new Map<string, { owner: string; linked: boolean; indicatorIds: string[]; progresses: Progress[] }>()
  for (const line of lines) {
    const account = line.account ?? null
    const key = account === null ? `label:${tidyLabel(line.owner)}` : `account:${account.id}`
    let group = groups.get(key)
    if (group === undefined) {
      group = {
        owner: account?.name ?? tidyLabel(line.owner),
        linked: account !== null,
        indicatorIds: [],
        progresses: [],
      }
      groups.set(key, group)
    }
    group.indicatorIds.push(line.indicatorId)
    group.progresses.push(line.progress)
  }
  const rank = (g: { owner: string; linked: boolean }) => (g.linked ? 0 : g.owner === '' ? 2 : 1)
  return [...groups.values()]
    .sort((a, b) => rank(a) - rank(b) || a.owner.localeCompare(b.owner, 'en-GB'))
    .map((group) => ({
      owner: group.owner,
      linked: group.linked,
      indicatorIds: group.indicatorIds,
      counts: countProgress(group.progresses),
    }))
}

/** An agenda item whose report carries the month, on its meeting. */
export interface CarryingItem {
  meeting: Meeting
  position: number
  title: string
}

/** The meeting the month goes to, and by which rule it was chosen. */
export type MonthMeeting =
  | { rule: 'on-agenda'; meeting: Meeting; item: { position: number; title: string } }
  | { rule: 'next-scheduled'; meeting: Meeting }

/** Meetings by date, then start time (a day can hold two meetings). */
function meetingOrder(a: Meeting, b: Meeting): number {
  const x = `${a.date} ${a.startTime}`
  const y = `${b.date} ${b.startTime}`
  return x === y ? a.id - b.id : x < y ? -1 : 1
}

/**
 * The first day a meeting could take the month's report: the day after the month ends, or today if later.
 * @example earliestMeetingDay('2018-04', '2018-05-14') // '2018-05-14'
 * @example earliestMeetingDay('2018-04', '2018-04-20') // '2018-05-01'
 */
export function earliestMeetingDay(period: Period, today: IsoDate): IsoDate {
  const afterMonth = addDays(monthEnd(period), 1)
  return afterMonth > today ? afterMonth : today
}

/**
 * The meeting the month goes to (see the module comment), or null when no agenda carries it and no meeting is
 * scheduled from `earliestMeetingDay` on. `carrying` and `meetings` may be in any order.
 * @example monthMeeting('2018-04', '2018-05-14', [], [june7]) // { rule: 'next-scheduled', meeting: june7 }
 */
export function monthMeeting(
  period: Period,
  today: IsoDate,
  carrying: readonly CarryingItem[],
  meetings: readonly Meeting[],
): MonthMeeting | null {
  const onAgenda = carrying
    .filter((c) => c.meeting.status !== 'cancelled')
    .sort((a, b) => meetingOrder(a.meeting, b.meeting))[0]
  if (onAgenda !== undefined) {
    return {
      rule: 'on-agenda',
      meeting: onAgenda.meeting,
      item: { position: onAgenda.position, title: onAgenda.title },
    }
  }
  const from = earliestMeetingDay(period, today)
  const next = meetings.filter((m) => m.status === 'scheduled' && m.date >= from).sort(meetingOrder)[0]
  return next === undefined ? null : { rule: 'next-scheduled', meeting: next }
}

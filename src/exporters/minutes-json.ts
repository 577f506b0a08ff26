/**
 * A meeting's minutes as JSON, the public API's contract for `/api/meetings/{id}/minutes` (docs/api.md). Exactly
 * what the minutes page shows everyone: draft minutes are public, marked "subject to approval"; approved minutes say
 * the meeting that approved them. A resolution sent to the recommendations tracker links its recommendation.
 * Field names are stable; new fields may be added, none removed or renamed without a new version.
 */
import type { CommitteeMember, Meeting } from '../domain/scrutiny/committee.ts'
import { madeFromMinute, type MeetingMinutes, type MinuteItem } from '../domain/scrutiny/minutes.ts'
import type { Recommendation } from '../domain/scrutiny/recommendations.ts'

/** What the minutes say of their status, as the minutes page prints it. */
export const MINUTES_STATUS_TEXT = {
  draft: 'Draft, subject to approval',
  approved: 'Approved as a correct record',
} as const

function memberToJson(member: CommitteeMember) {
  return { name: member.name, kind: member.kind, role: member.role }
}

function meetingLink(meeting: Meeting, baseUrl: string) {
  return { id: meeting.id, date: meeting.date, url: `${baseUrl}/meetings/${meeting.id}` }
}

/**
 * The RESOLVED decision line by line (the first line follows the word RESOLVED, numbered decisions below it), or
 * null when the panel only noted the item.
 * @example resolvedLines('(i) That the report be noted;\n(ii) That …') // ['(i) That the report be noted;', '(ii) That …']
 */
export function resolvedLines(resolved: string | null): string[] | null {
  if (resolved === null) return null
  const found = resolved
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '')
  return found.length === 0 ? null : found
}

/** The recommendation a minute's resolution became, if it became one (`madeFromMinute`). */
export function recommendationOf(
  item: Pick<MinuteItem, 'number' | 'title' | 'resolved'>,
  meetingId: number,
  recommendations: readonly Pick<Recommendation, 'id' | 'meetingId' | 'title' | 'text' | 'minuteNumber'>[],
): Pick<Recommendation, 'id'> | null {
  if (item.resolved === null) return null
  return recommendations.find((r) => r.meetingId === meetingId && madeFromMinute(r, item)) ?? null
}

/**
 * The minutes of a meeting as the API gives them. `recommendations` are the tracker's (any meeting's: only this
 * meeting's are linked); `baseUrl` is the site's address, for absolute URLs.
 */
export function minutesToJson(
  view: MeetingMinutes,
  recommendations: readonly Pick<Recommendation, 'id' | 'meetingId' | 'title' | 'text' | 'minuteNumber'>[],
  baseUrl: string,
) {
  const { committee, meeting, minutes, approvedAt } = view
  return {
    meeting: meetingLink(meeting, baseUrl),
    committee: { id: committee.id, name: committee.name },
    status: minutes.status,
    statusText: MINUTES_STATUS_TEXT[minutes.status],
    approval:
      minutes.status !== 'approved' || minutes.approvedOn === null
        ? null
        : {
            approvedOn: approvedAt?.date ?? minutes.approvedOn,
            meeting: approvedAt === null ? null : meetingLink(approvedAt, baseUrl),
          },
    present: minutes.present.map(memberToJson),
    apologies: minutes.apologies.map(memberToJson),
    officersInAttendance: [...minutes.officers],
    declarations: [...minutes.declarations],
    items: minutes.items.map((item) => {
      const recommendation = recommendationOf(item, meeting.id, recommendations)
      return {
        number: item.number,
        title: item.title,
        agendaItemId: item.agendaItemId,
        inTheChair: item.inTheChair,
        paragraphs: [...item.paragraphs],
        resolved: resolvedLines(item.resolved),
        recommendation:
          recommendation === null
            ? null
            : { id: recommendation.id, url: `${baseUrl}/recommendations/${recommendation.id}` },
      }
    }),
    url: `${baseUrl}/meetings/${meeting.id}/minutes`,
  }
}

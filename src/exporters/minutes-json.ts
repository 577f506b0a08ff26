/**
 * A meeting's minutes as JSON, the public API's contract for `/api/meetings/{id}/minutes` (docs/api.md). Exactly
 * what the minutes page shows everyone: draft minutes are public, marked "subject to approval"; approved minutes say
 * the meeting that approved them. A resolution sent to the recommendations tracker links its recommendation.
 * Field names are stable; new fields may be added, none removed or renamed without a new version.
 */
import type { CommitteeMember, Meeting } from '../domain/scrutiny/committee.ts'
import { recommendationsOf, type MeetingMinutes } from '../domain/scrutiny/minutes.ts'
import type { Recommendation } from '../domain/scrutiny/recommendations.ts'

type RecommendationLink = Pick<Recommendation, 'id' | 'meetingId' | 'title' | 'text' | 'minuteNumber' | 'number'>

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

/**
 * The minutes of a meeting as the API gives them. `recommendations` are the tracker's (any meeting's: only this
 * meeting's are linked); `baseUrl` is the site's address, for absolute URLs.
 */
export function minutesToJson(view: MeetingMinutes, recommendations: readonly RecommendationLink[], baseUrl: string) {
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
      const made = recommendationsOf(item, meeting.id, recommendations)
      const link = (r: Pick<Recommendation, 'id' | 'number'>) => ({
        id: r.id,
        number: r.number,
        url: `${baseUrl}/recommendations/${r.id}`,
      })
      return {
        number: item.number,
        title: item.title,
        agendaItemId: item.agendaItemId,
        inTheChair: item.inTheChair,
        paragraphs: [...item.paragraphs],
        resolved: resolvedLines(item.resolved),
        // The first recommendation made from the minute (kept for version 1 readers), and all of them.
        recommendation:
          made[0] === undefined ? null : { id: made[0].id, url: `${baseUrl}/recommendations/${made[0].id}` },
        recommendations: made.map(link),
      }
    }),
    url: `${baseUrl}/meetings/${meeting.id}/minutes`,
  }
}

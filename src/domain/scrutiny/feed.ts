/**
 * What the public feeds (RSS 2.0, docs/meetings.md "Feeds") announce: upcoming meetings, newly published Public
 * Document Packs, minutes (draft, then approved) and new responses to the panel's recommendations, for one
 * committee or for all, newest first.
 *
 * Only what the public may already read goes in: the public pack (never a Members' Room edition, which the caller
 * does not hand over), minutes (public from their draft, docs/minutes.md), and recommendations with their updates
 * (the public tracker). Each item names the public page it is about, by path; the caller makes it absolute.
 */
import { londonInstant } from '../calendar/london-time.ts'
import type { IsoDate } from '../calendar/days.ts'
import type { Committee, Meeting } from './committee.ts'
import { meetingTime } from './committee.ts'
import { printedDate } from './minutes.ts'
import type { MinutesStatus } from './minutes.ts'
import type { Recommendation } from './recommendations.ts'

export const FEED_ITEM_KINDS = ['meeting', 'document-pack', 'minutes', 'response'] as const
export type FeedItemKind = (typeof FEED_ITEM_KINDS)[number]

/** The category each kind of item is filed under, as feed readers show it. */
export const FEED_CATEGORIES: Record<FeedItemKind, string> = {
  meeting: 'Upcoming meeting',
  'document-pack': 'Document pack',
  minutes: 'Minutes',
  response: 'Recommendation response',
}

export interface FeedItem {
  kind: FeedItemKind
  title: string
  description: string
  /** The public page it is about, from the site's root: `/meetings/3`. */
  path: string
  /**
   * Unique and permanent for this item (RSS `guid`): the page plus what makes this item new, so a second pack
   * version, approval of the minutes or a further response is a new item to a reader.
   */
  guid: string
  /** ISO 8601 UTC: when it was published (for a meeting, when it starts; see docs/meetings.md). */
  published: string
}

/** What the feed is made from, read by the caller; `packs` are public packs only. */
export interface FeedSources {
  meetings: ReadonlyArray<{ meeting: Meeting; committee: Committee }>
  packs: ReadonlyArray<{ meetingId: number; version: number; publishedAt: string; note: string | null }>
  minutes: ReadonlyArray<{ meetingId: number; status: MinutesStatus; approvedOn: IsoDate | null }>
  recommendations: readonly Recommendation[]
}

/** How many items a feed carries at most: readers keep what they have seen. */
export const FEED_LENGTH = 50

function meetingName(committee: Committee, meeting: Meeting): string {
  return `${committee.name}, ${printedDate(meeting.date)}`
}

/**
 * The feed's items for one committee (`committeeId`) or every committee (null), newest first, at most `limit`.
 * A meeting is upcoming from `today` (London) on, unless cancelled; every published version of a pack, the
 * minutes as a draft and again once approved, and each dated or recorded response to a recommendation is an item.
 * @example feedItems(sources, { committeeId: null, today: '2018-06-01' })[0]?.title // 'Meeting: Children and Families Scrutiny Panel, 7 June 2018 at 5.30 pm'
 */
export function feedItems(
  sources: FeedSources,
  options: { committeeId: number | null; today: IsoDate; limit?: number },
): FeedItem[] {
  const wanted = sources.meetings.filter((m) => options.committeeId === null || m.committee.id === options.committeeId)
  const byMeeting = new Map(wanted.map((m) => [m.meeting.id, m]))
  const items: FeedItem[] = []

  for (const { meeting, committee } of wanted) {
    if (meeting.date < options.today || meeting.status === 'cancelled') continue
    items.push({
      kind: 'meeting',
      title: `Meeting: ${meetingName(committee, meeting)} at ${meetingTime(meeting.startTime)}`,
      description:
        `${committee.name} meets on ${printedDate(meeting.date)} at ${meetingTime(meeting.startTime)}, ${meeting.venue}.` +
        (meeting.notice === null ? '' : ` ${meeting.notice}`),
      path: `/meetings/${meeting.id}`,
      guid: `/meetings/${meeting.id}`,
      published: londonInstant(meeting.date, meeting.startTime),
    })
  }

  for (const pack of sources.packs) {
    const found = byMeeting.get(pack.meetingId)
    if (found === undefined) continue
    items.push({
      kind: 'document-pack',
      title: `Document pack${pack.version > 1 ? ` (version ${pack.version})` : ''}: ${meetingName(found.committee, found.meeting)}`,
      description:
        `The Public Document Pack for the meeting of ${meetingName(found.committee, found.meeting)}` +
        (pack.version > 1 ? `, version ${pack.version}` : '') +
        (pack.note === null ? '.' : `: ${pack.note}.`),
      path: `/meetings/${pack.meetingId}`,
      guid: `/meetings/${pack.meetingId}/pack.pdf#version-${pack.version}`,
      published: pack.publishedAt,
    })
  }

  for (const minutes of sources.minutes) {
    const found = byMeeting.get(minutes.meetingId)
    if (found === undefined) continue
    const approved = minutes.status === 'approved'
    // Minutes carry no time of writing: a draft is dated by its meeting, approved minutes by their approval.
    const date = approved && minutes.approvedOn !== null ? minutes.approvedOn : found.meeting.date
    items.push({
      kind: 'minutes',
      title: `${approved ? 'Minutes' : 'Draft minutes'}: ${meetingName(found.committee, found.meeting)}`,
      description: approved
        ? `The minutes of ${meetingName(found.committee, found.meeting)}, approved as a correct record${minutes.approvedOn === null ? '' : ` on ${printedDate(minutes.approvedOn)}`}.`
        : `The draft minutes of ${meetingName(found.committee, found.meeting)}, subject to approval at the next meeting.`,
      path: `/meetings/${minutes.meetingId}/minutes`,
      guid: `/meetings/${minutes.meetingId}/minutes#${approved ? 'approved' : 'draft'}`,
      published: `${date}T00:00:00.000Z`,
    })
  }

  const committees = new Set(wanted.map((m) => m.committee.id))
  for (const recommendation of sources.recommendations) {
    if (!committees.has(recommendation.committeeId)) continue
    for (const update of recommendation.updates) {
      items.push({
        kind: 'response',
        title: `Response: ${recommendation.title} (recommendation of ${printedDate(recommendation.madeOn)})`,
        description: update.text,
        path: `/recommendations/${recommendation.id}`,
        guid: `/recommendations/${recommendation.id}#update-${update.id}`,
        published: update.recordedAt,
      })
    }
  }

  return items
    .sort((a, b) => (a.published === b.published ? a.guid.localeCompare(b.guid) : a.published < b.published ? 1 : -1))
    .slice(0, options.limit ?? FEED_LENGTH)
}

/**
 * The public feeds: reads what the public may already see (meetings, the public Document Packs, minutes,
 * recommendations and their responses) and hands it to `feedItems` (domain/scrutiny/feed.ts). Members' Room
 * editions are never read here, so they can never reach a feed.
 */
import { londonDate } from '../domain/calendar/london-time.ts'
import { feedItems, FEED_LENGTH, type FeedItem } from '../domain/scrutiny/feed.ts'
import type { Committee } from '../domain/scrutiny/committee.ts'
import type { DataAccess } from '../store/data-access.ts'
import type { MeetingService } from './meeting-service.ts'

export function feedService(data: DataAccess, meetings: Pick<MeetingService, 'allMeetings'>, now: () => Date) {
  return {
    /**
     * The items of one committee's feed, or of every committee's (`committeeId` null), newest first; null when the
     * committee does not exist.
     */
    async items(committeeId: number | null): Promise<{ committee: Committee | null; items: FeedItem[] } | null> {
      const committee = committeeId === null ? null : await data.meetings.findCommittee(committeeId)
      if (committeeId !== null && committee === null) return null
      // A feed holds at most FEED_LENGTH items, so no more packs than that can be in it.
      const [all, packs, minutes, recommendations] = await Promise.all([
        meetings.allMeetings(),
        data.documentPacks.recentPublic(FEED_LENGTH, committeeId),
        data.minutes.summaries(),
        data.recommendations.findAll(),
      ])
      const today = londonDate(now().toISOString())
      return { committee, items: feedItems({ meetings: all, packs, minutes, recommendations }, { committeeId, today }) }
    },
  }
}

export type FeedService = ReturnType<typeof feedService>

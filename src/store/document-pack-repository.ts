/**
 * Published Public Document Packs: each version's details and its PDF bytes, and the page references the
 * published version gave each agenda item. A version may also have a Members' Room edition (audience `members`),
 * stored beside the public one with the same version number and its own pages.
 */
import type { Kysely } from 'kysely'
import type { ItemPages } from '../domain/scrutiny/document-pack.ts'
import type { Database } from './schema.ts'

/** Who a stored pack is for: anyone (the Public Document Pack) or panel members and officers (Members' Room). */
export type PackAudience = 'public' | 'members'

/** A published pack without its bytes: what the meeting page shows. */
export interface PublishedPack {
  id: number
  meetingId: number
  version: number
  audience: PackAudience
  /** ISO 8601 UTC. */
  publishedAt: string
  publishedBy: string
  note: string | null
  clearDays: number
  pageCount: number
  pages: ItemPages[]
  byteSize: number
}

export type NewPublishedPack = Omit<PublishedPack, 'id' | 'version' | 'audience'> & { content: Uint8Array }

/** The Members' Room edition of the version being published: its own pages, bytes and page count. */
export type NewMembersEdition = Pick<PublishedPack, 'pageCount' | 'pages' | 'byteSize'> & { content: Uint8Array }

type DetailsRow = {
  id: number
  meeting_id: number
  version: number
  audience: PackAudience
  published_at: string
  published_by: string
  note: string | null
  clear_days: number
  page_count: number
  pages: string
  byte_size: number
}

function toPack(row: DetailsRow): PublishedPack {
  return {
    id: row.id,
    meetingId: row.meeting_id,
    version: row.version,
    audience: row.audience,
    publishedAt: row.published_at,
    publishedBy: row.published_by,
    note: row.note,
    clearDays: row.clear_days,
    pageCount: row.page_count,
    pages: parsePages(row.pages),
    byteSize: row.byte_size,
  }
}

function parsePages(json: string): ItemPages[] {
  const value: unknown = JSON.parse(json)
  return Array.isArray(value) ? (value as ItemPages[]) : []
}

const DETAILS = [
  'id',
  'meeting_id',
  'version',
  'audience',
  'published_at',
  'published_by',
  'note',
  'clear_days',
  'page_count',
  'pages',
  'byte_size',
] as const

export function documentPackRepository(db: Kysely<Database>) {
  return {
    /**
     * Stores the next version of a meeting's pack and sets its agenda items' page references. Locks the meeting
     * row first, so two officers publishing at once get versions 2 and 3, not a clash. A Members' Room edition,
     * when given, is stored as the same version; the agenda's page references are the public pack's.
     */
    async publish(
      pack: NewPublishedPack,
      membersEdition: NewMembersEdition | null = null,
    ): Promise<{ pack: PublishedPack; membersEdition: PublishedPack | null }> {
      await db.selectFrom('meeting').select('id').where('id', '=', pack.meetingId).forUpdate().execute()
      const latest = await db
        .selectFrom('document_pack')
        .select((eb) => eb.fn.max('version').as('version'))
        .where('meeting_id', '=', pack.meetingId)
        .executeTakeFirst()
      const version = (latest?.version ?? 0) + 1
      const common = {
        meeting_id: pack.meetingId,
        version,
        published_at: pack.publishedAt,
        published_by: pack.publishedBy,
        note: pack.note,
        clear_days: pack.clearDays,
      }
      const { id } = await db
        .insertInto('document_pack')
        .values({
          ...common,
          audience: 'public',
          page_count: pack.pageCount,
          pages: JSON.stringify(pack.pages),
          byte_size: pack.byteSize,
          content: pack.content,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      const members =
        membersEdition === null
          ? null
          : await db
              .insertInto('document_pack')
              .values({
                ...common,
                audience: 'members',
                page_count: membersEdition.pageCount,
                pages: JSON.stringify(membersEdition.pages),
                byte_size: membersEdition.byteSize,
                content: membersEdition.content,
              })
              .returning('id')
              .executeTakeFirstOrThrow()
      await db
        .updateTable('agenda_item')
        .set({ page_from: null, page_to: null })
        .where('meeting_id', '=', pack.meetingId)
        .execute()
      for (const range of pack.pages) {
        await db
          .updateTable('agenda_item')
          .set({ page_from: range.from, page_to: range.to })
          .where('id', '=', range.agendaItemId)
          .where('meeting_id', '=', pack.meetingId)
          .execute()
      }
      const details = {
        version,
        meetingId: pack.meetingId,
        publishedAt: pack.publishedAt,
        publishedBy: pack.publishedBy,
        note: pack.note,
        clearDays: pack.clearDays,
      }
      return {
        pack: {
          ...details,
          id,
          audience: 'public',
          pageCount: pack.pageCount,
          pages: pack.pages,
          byteSize: pack.byteSize,
        },
        membersEdition:
          members === null || membersEdition === null
            ? null
            : {
                ...details,
                id: members.id,
                audience: 'members',
                pageCount: membersEdition.pageCount,
                pages: membersEdition.pages,
                byteSize: membersEdition.byteSize,
              },
      }
    },

    /** The latest published version's details (of the public pack, unless asked), or null if none. */
    async latest(meetingId: number, audience: PackAudience = 'public'): Promise<PublishedPack | null> {
      const row = await db
        .selectFrom('document_pack')
        .select(DETAILS)
        .where('meeting_id', '=', meetingId)
        .where('audience', '=', audience)
        .orderBy('version', 'desc')
        .limit(1)
        .executeTakeFirst()
      return row === undefined ? null : toPack(row)
    },

    /** One version's edition for an audience, or null when that version has none (no Members' Room papers). */
    async edition(meetingId: number, version: number, audience: PackAudience): Promise<PublishedPack | null> {
      const row = await db
        .selectFrom('document_pack')
        .select(DETAILS)
        .where('meeting_id', '=', meetingId)
        .where('version', '=', version)
        .where('audience', '=', audience)
        .executeTakeFirst()
      return row === undefined ? null : toPack(row)
    },

    /**
     * The latest published public packs of every meeting (of one committee, if given), newest first: never a
     * Members' Room edition, for the public feeds.
     */
    async recentPublic(limit: number, committeeId: number | null = null): Promise<PublishedPack[]> {
      let query = db
        .selectFrom('document_pack')
        .select(DETAILS)
        .where('audience', '=', 'public')
        .orderBy('published_at', 'desc')
        .orderBy('id', 'desc')
        .limit(limit)
      if (committeeId !== null) {
        query = query.where('meeting_id', 'in', (eb) =>
          eb.selectFrom('meeting').select('meeting.id').where('meeting.committee_id', '=', committeeId),
        )
      }
      return (await query.execute()).map(toPack)
    },

    /** Every version's number, newest first. */
    async versions(meetingId: number): Promise<number[]> {
      const rows = await db
        .selectFrom('document_pack')
        .select('version')
        .where('meeting_id', '=', meetingId)
        .where('audience', '=', 'public')
        .orderBy('version', 'desc')
        .execute()
      return rows.map((r) => r.version)
    },

    /** A version's PDF bytes. */
    async content(id: number): Promise<Uint8Array | null> {
      const row = await db.selectFrom('document_pack').select('content').where('id', '=', id).executeTakeFirst()
      return row === undefined ? null : new Uint8Array(row.content)
    },
  }
}

export type DocumentPackRepository = ReturnType<typeof documentPackRepository>

/**
 * Published Public Document Packs: each version's details and its PDF bytes, and the page references the
 * published version gave each agenda item.
 */
import type { Kysely } from 'kysely'
import type { ItemPages } from '../domain/scrutiny/document-pack.ts'
import type { Database } from './schema.ts'

/** A published pack without its bytes: what the meeting page shows. */
export interface PublishedPack {
  id: number
  meetingId: number
  version: number
  /** ISO 8601 UTC. */
  publishedAt: string
  publishedBy: string
  note: string | null
  clearDays: number
  pageCount: number
  pages: ItemPages[]
  byteSize: number
}

export type NewPublishedPack = Omit<PublishedPack, 'id' | 'version'> & { content: Uint8Array }

function parsePages(json: string): ItemPages[] {
  const value: unknown = JSON.parse(json)
  return Array.isArray(value) ? (value as ItemPages[]) : []
}

const DETAILS = [
  'id',
  'meeting_id',
  'version',
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
     * row first, so two officers publishing at once get versions 2 and 3, not a clash.
     */
    async publish(pack: NewPublishedPack): Promise<PublishedPack> {
      await db.selectFrom('meeting').select('id').where('id', '=', pack.meetingId).forUpdate().execute()
      const latest = await db
        .selectFrom('document_pack')
        .select((eb) => eb.fn.max('version').as('version'))
        .where('meeting_id', '=', pack.meetingId)
        .executeTakeFirst()
      const version = (latest?.version ?? 0) + 1
      const { id } = await db
        .insertInto('document_pack')
        .values({
          meeting_id: pack.meetingId,
          version,
          published_at: pack.publishedAt,
          published_by: pack.publishedBy,
          note: pack.note,
          clear_days: pack.clearDays,
          page_count: pack.pageCount,
          pages: JSON.stringify(pack.pages),
          byte_size: pack.byteSize,
          content: pack.content,
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
      return {
        id,
        version,
        meetingId: pack.meetingId,
        publishedAt: pack.publishedAt,
        publishedBy: pack.publishedBy,
        note: pack.note,
        clearDays: pack.clearDays,
        pageCount: pack.pageCount,
        pages: pack.pages,
        byteSize: pack.byteSize,
      }
    },

    /** The latest published version's details, or null if none has been published. */
    async latest(meetingId: number): Promise<PublishedPack | null> {
      const row = await db
        .selectFrom('document_pack')
        .select(DETAILS)
        .where('meeting_id', '=', meetingId)
        .orderBy('version', 'desc')
        .limit(1)
        .executeTakeFirst()
      if (row === undefined) return null
      return {
        id: row.id,
        meetingId: row.meeting_id,
        version: row.version,
        publishedAt: row.published_at,
        publishedBy: row.published_by,
        note: row.note,
        clearDays: row.clear_days,
        pageCount: row.page_count,
        pages: parsePages(row.pages),
        byteSize: row.byte_size,
      }
    },

    /** Every version's number, newest first. */
    async versions(meetingId: number): Promise<number[]> {
      const rows = await db
        .selectFrom('document_pack')
        .select('version')
        .where('meeting_id', '=', meetingId)
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

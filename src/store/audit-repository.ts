/**
 * The audit log: who did what, when, to which subject, with before → after. Append-only (a database trigger
 * refuses updates and deletes).
 */
import { sql, type Kysely } from 'kysely'
import type { ChainHead, ChainLink } from '../domain/audit-chain.ts'
import { auditProtection } from './privileges.ts'
import type { Database } from './schema.ts'

/** A time as the audit chain hashes it: UTC to the microsecond (the audit-chain migration's canonical text). */
const chainTime = sql<string>`to_char(at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`

export interface AuditEvent {
  actor: string
  action: string
  subjectType: string
  subjectId: string
  correlationId: string | null
  details: Record<string, unknown>
}

export interface RecordedAuditEvent extends AuditEvent {
  id: number
  at: string
}

/** What to look for in the audit log; every part is optional. Times are ISO instants. */
export interface AuditSearch {
  /**
   * Found (ignoring case) in the actor, action, subject id or details where it starts a word, or anywhere in the
   * name or email of the user acting.
   */
  text?: string
  action?: string
  /** From this instant, inclusive. */
  fromAt?: string
  /** Before this instant, exclusive. */
  beforeAt?: string
  /** Only events older than this id (the next page, newest first)… */
  olderThan?: number
  /** …or newer than it (the page before), still listed newest first. */
  newerThan?: number
  /** Events to skip first (for a caller that pages by number; the web pages by id). */
  offset?: number
  limit: number
}

/** An event's own columns: not search_words, the words PostgreSQL keeps for searching (audit-text-search). */
const EVENT_COLUMNS = [
  'id',
  'at',
  'actor',
  'action',
  'subject_type',
  'subject_id',
  'correlation_id',
  'details',
] as const

function toEvent(r: {
  id: number
  at: string
  actor: string
  action: string
  subject_type: string
  subject_id: string
  correlation_id: string | null
  details: unknown
}): RecordedAuditEvent {
  return {
    id: r.id,
    at: r.at,
    actor: r.actor,
    action: r.action,
    subjectType: r.subject_type,
    subjectId: r.subject_id,
    correlationId: r.correlation_id,
    details: r.details as Record<string, unknown>,
  }
}

export function auditRepository(db: Kysely<Database>) {
  async function recordReturningId(event: AuditEvent): Promise<number> {
    const row = await db
      .insertInto('audit_event')
      .values({
        actor: event.actor,
        action: event.action,
        subject_type: event.subjectType,
        subject_id: event.subjectId,
        correlation_id: event.correlationId,
        details: JSON.stringify(event.details),
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    return row.id
  }

  /**
   * The events matching `search`'s filters. Free text narrows by the words index first (the audit-text-search
   * migration), then checks the exact text with strpos, not LIKE, so `%` and `_` are plain text; every value is a
   * bound parameter. The people whose name or email holds the text are found in app_user first, so that their
   * events come from the actor index rather than a scan of the log.
   */
  const matching = async (search: Omit<AuditSearch, 'offset' | 'limit' | 'olderThan' | 'newerThan'>) => {
    let query = db.selectFrom('audit_event')
    const text = search.text?.trim().toLowerCase() ?? ''
    if (text !== '') {
      const contains = (column: ReturnType<typeof sql<string>>) => sql<boolean>`strpos(lower(${column}), ${text}) > 0`
      const people = await db
        .selectFrom('app_user')
        .select(sql<string>`'user:' || id::text`.as('actor'))
        .where((u) => u.or([contains(sql`name`), contains(sql`email`)]))
        .execute()
      const actors = people.map((p) => p.actor)
      // Text with no words (only punctuation, such as "%") cannot use the words index: it is looked for everywhere.
      const { words } = await sql<{ words: number }>`select numnode(audit_search_query(${text})) as words`
        .execute(db)
        .then((r) => r.rows[0] ?? { words: 0 })
      query = query.where((eb) => {
        const exactly = eb.or([
          contains(sql.ref('actor')),
          contains(sql.ref('action')),
          contains(sql.ref('subject_id')),
          contains(sql`details::text`),
        ])
        const found = words > 0 ? eb.and([sql<boolean>`search_words @@ audit_search_query(${text})`, exactly]) : exactly
        return actors.length === 0 ? found : eb.or([eb('actor', 'in', actors), found])
      })
    }
    if (search.action !== undefined && search.action !== '') query = query.where('action', '=', search.action)
    if (search.fromAt !== undefined) query = query.where('at', '>=', search.fromAt)
    if (search.beforeAt !== undefined) query = query.where('at', '<', search.beforeAt)
    return query
  }

  return {
    /**
     * Up to `limit` events matching `search`, newest first: the newest, or those just older than `olderThan` (the
     * next page), or just newer than `newerThan` (the page before). Keyset paging: a far page costs what the first
     * does.
     */
    async search(search: AuditSearch): Promise<{ events: RecordedAuditEvent[] }> {
      let query = (await matching(search)).select(EVENT_COLUMNS)
      if (search.newerThan !== undefined) {
        const rows = await query
          .where('id', '>', search.newerThan)
          .orderBy('id', 'asc')
          .offset(search.offset ?? 0)
          .limit(search.limit)
          .execute()
        return { events: rows.reverse().map(toEvent) }
      }
      if (search.olderThan !== undefined) query = query.where('id', '<', search.olderThan)
      const rows = await query
        .orderBy('id', 'desc')
        .offset(search.offset ?? 0)
        .limit(search.limit)
        .execute()
      return { events: rows.map(toEvent) }
    },

    /** How many events match, counting no further than `cap` (so a broad search never counts the whole log). */
    async countUpTo(search: Omit<AuditSearch, 'offset' | 'limit'>, cap: number): Promise<number> {
      let query = (await matching(search)).select('id')
      if (search.olderThan !== undefined) query = query.where('id', '<', search.olderThan)
      if (search.newerThan !== undefined) query = query.where('id', '>', search.newerThan)
      const row = await db
        .selectFrom(query.limit(cap).as('capped'))
        .select((eb) => eb.fn.countAll<number | string>().as('n'))
        .executeTakeFirstOrThrow()
      return Number(row.n)
    },

    /** Every action the log holds, alphabetically. */
    async actions(): Promise<string[]> {
      // A skip scan of the (action, id) index: one probe per action, not a read of every event.
      const rows = await sql<{ action: string }>`
        with recursive found(action) as (
          select min(action) from audit_event
          union all
          select (select min(e.action) from audit_event e where e.action > found.action)
          from found where found.action is not null
        )
        select action from found where action is not null order by action`.execute(db)
      return rows.rows.map((r) => r.action)
    },

    /** The names and emails of the users with these ids, for showing who `user:N` was. */
    async userNames(ids: readonly number[]): Promise<Map<number, { name: string; email: string }>> {
      if (ids.length === 0) return new Map()
      const rows = await db.selectFrom('app_user').select(['id', 'name', 'email']).where('id', 'in', ids).execute()
      return new Map(rows.map((r) => [r.id, { name: r.name, email: r.email }]))
    },

    async record(event: AuditEvent): Promise<void> {
      await recordReturningId(event)
    },

    /** Records an event and returns its id (for rows linked to it). */
    recordReturningId,

    /** Links the children an event showed to it: one append-only row per child, in one statement. */
    async recordChildren(eventId: number, childIds: readonly string[]): Promise<void> {
      if (childIds.length === 0) return
      await sql`insert into audit_event_child (event_id, child_id)
        select ${eventId}, c from unnest(${[...childIds]}::text[]) as c`.execute(db)
    },

    /** The children an event showed, sorted. */
    async childrenOf(eventId: number): Promise<string[]> {
      const rows = await db
        .selectFrom('audit_event_child')
        .select('child_id')
        .where('event_id', '=', eventId)
        .orderBy('child_id')
        .execute()
      return rows.map((r) => r.child_id)
    },

    /** Up to `limit` links of the hash chain after position `after`, in order. */
    async chainLinks(after: number, limit: number): Promise<ChainLink[]> {
      const rows = await db
        .selectFrom('audit_event')
        .select([
          'id',
          'actor',
          'action',
          'subject_type',
          'subject_id',
          'correlation_id',
          'chain_position',
          'previous_hash',
          'hash',
          chainTime.as('at_text'),
          sql<string>`details::text`.as('details_text'),
        ])
        .where('chain_position', '>', after)
        .orderBy('chain_position')
        .limit(limit)
        .execute()
      return rows.map((r) => ({
        position: Number(r.chain_position),
        id: r.id,
        at: r.at_text,
        actor: r.actor,
        action: r.action,
        subjectType: r.subject_type,
        subjectId: r.subject_id,
        correlationId: r.correlation_id,
        details: r.details_text,
        previousHash: r.previous_hash ?? '',
        hash: r.hash ?? '',
      }))
    },

    /** Whether this connection's role could rewrite the audit log (PostgreSQL; see privileges.ts). */
    protection: () => auditProtection(db),

    /** The chain's last position and hash. */
    async chainHead(): Promise<ChainHead> {
      const row = await db.selectFrom('audit_chain_head').select(['position', 'hash']).executeTakeFirstOrThrow()
      return { position: row.position, hash: row.hash }
    },

    /** Committed events with no place in the chain (only possible with its trigger disabled), oldest first. */
    /**
     * Up to `limit` drill-down events after event `after` (by id) that name their children by a SHA-256, with
     * the children linked to each as stored, for checking one against the other.
     */
    async childListEvents(
      after: number,
      limit: number,
    ): Promise<Array<{ id: number; position: number | null; at: string; sha256: string; childIds: string[] }>> {
      const rows = await sql<{ id: number; position: string | null; at: string; sha256: string; child_ids: string[] }>`
        select e.id, e.chain_position::text as position, ${chainTime} as at, e.details->>'childIdsSha256' as sha256,
          coalesce((select array_agg(c.child_id) from audit_event_child c where c.event_id = e.id), '{}') as child_ids
        from audit_event e
        where e.id > ${after} and e.action = 'view-children' and e.details ? 'childIdsSha256'
        order by e.id
        limit ${limit}`.execute(db)
      return rows.rows.map((r) => ({
        id: r.id,
        position: r.position === null ? null : Number(r.position),
        at: r.at,
        sha256: r.sha256,
        childIds: r.child_ids,
      }))
    },

    async unchainedEvents(limit: number): Promise<{ id: number; at: string }[]> {
      return db
        .selectFrom('audit_event')
        .select(['id', chainTime.as('at')])
        .where('chain_position', 'is', null)
        .orderBy('id')
        .limit(limit)
        .execute()
    },

    async list(
      filter: { subjectType?: string; subjectId?: string; limit?: number } = {},
    ): Promise<RecordedAuditEvent[]> {
      let query = db.selectFrom('audit_event').select(EVENT_COLUMNS)
      if (filter.subjectType !== undefined) query = query.where('subject_type', '=', filter.subjectType)
      if (filter.subjectId !== undefined) query = query.where('subject_id', '=', filter.subjectId)
      const rows = await query
        .orderBy('id', 'desc')
        .limit(filter.limit ?? 100)
        .execute()
      return rows.map(toEvent)
    },
  }
}

export type AuditRepository = ReturnType<typeof auditRepository>

/**
 * Searching the audit log (/admin/audit): free text, one action, a range of days (UK dates), newest first, a page
 * at a time (paged by event id, not by page number, so a page deep in a large log costs what the first does). Each event comes with the name and email of the account acting and the account it is about, where
 * there is one, so the page can say who rather than `user:12`.
 */
import { createHash } from 'node:crypto'
import {
  AuditChainVerifier,
  childListText,
  MAX_BREAKS,
  type ChainBreak,
  type ChainHead,
} from '../domain/audit-chain.ts'
import { addDays, isIsoDate } from '../domain/calendar/days.ts'
import { failed, ok, type Result } from '../domain/result.ts'
import type { RecordedAuditEvent } from '../store/audit-repository.ts'
import type { DataAccess } from '../store/data-access.ts'
import { recordChange, type ChangeContext } from './change-record.ts'

export type { RecordedAuditEvent } from '../store/audit-repository.ts'

/** How many events a page shows. */
export const AUDIT_PAGE_SIZE = 50
/** Matches are counted up to this many, then shown as "more than": counting a whole large log is what was slow. */
export const AUDIT_COUNT_CAP = 1000

/**
 * A search as typed: dates are `YYYY-MM-DD` (UK days). Pages are found by the id of the event at their edge: the
 * events older than `olderThan` (the next page), or newer than `newerThan` (the page before); neither, the newest.
 */
export interface AuditQuery {
  text: string
  action: string
  from: string
  to: string
  olderThan?: number
  newerThan?: number
}

export interface AuditQueryProblem {
  field: 'from' | 'to'
  message: string
}

/** An event with the people it names. */
export interface AuditEntry extends RecordedAuditEvent {
  /** The account acting, when the actor is `user:N` and that account exists. */
  actorAccount: { name: string; email: string } | null
  /** The account the event is about, when its subject is a user that exists. */
  subjectAccount: { name: string; email: string } | null
}

export interface AuditPage {
  events: AuditEntry[]
  /** How many events match the search (not only this page), counted up to AUDIT_COUNT_CAP. */
  matching: { count: number; more: boolean }
  /** The id to page on from for older events (the next page), or null when none are older. */
  older: number | null
  /** The id to page back from for newer events, or null when this page holds the newest. */
  newer: number | null
  /** Every action in the log, for the filter. */
  actions: string[]
}

const LONDON_HOUR = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: '2-digit', hourCycle: 'h23' })

/**
 * The instant a UK day begins: midnight in London, which is 23:00 UTC the day before in summer time.
 * @example londonDayStart('2026-07-01') // '2026-06-30T23:00:00.000Z'
 * @example londonDayStart('2026-12-01') // '2026-12-01T00:00:00.000Z'
 */
export function londonDayStart(date: string): string {
  const utcMidnight = Date.parse(`${date}T00:00:00Z`)
  // London is UTC or one hour ahead; at UTC midnight it reads 00 or 01.
  const hour = Number(LONDON_HOUR.format(utcMidnight))
  return new Date(utcMidnight - hour * 60 * 60 * 1000).toISOString()
}

/** The account id in `user:12` (with prefix `user:`), or null when the text names none. */
export function userId(text: string, prefix: string): number | null {
  if (!text.startsWith(prefix)) return null
  const id = Number(text.slice(prefix.length))
  return Number.isInteger(id) && id > 0 ? id : null
}

/** What `verify` found: how many events it checked, the chain's head, and every break (none when it holds). */
export interface ChainVerification {
  checked: number
  head: ChainHead
  breaks: ChainBreak[]
}

/** How many events `verify` reads at a time. */
const CHAIN_PAGE = 2000

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex')

export function auditLogService(data: DataAccess, database: { kind: 'pglite' | 'postgres' }) {
  return {
    /**
     * On PostgreSQL, a warning when the application's own role could rewrite the audit log (it owns it, is a
     * superuser, or may TRUNCATE, UPDATE or DELETE it): then the audit is only as safe as that role's password.
     * Null when it cannot, and on the embedded database, where the folder's file permissions are the protection.
     */
    async recordRefusal(
      context: ChangeContext,
      request: { method: string; path: string; role: string; address: string },
    ): Promise<void> {
      await recordChange(
        data.audit,
        context,
        'request.refused',
        { type: 'page', id: request.path },
        {
          method: request.method,
          role: request.role,
          address: request.address,
        },
      )
    },

    async protectionWarning(): Promise<string | null> {
      if (database.kind !== 'postgres') return null
      const p = await data.audit.protection()
      if (!p.superuser && !p.owner && !p.canRewrite) return null
      const why = p.superuser ? 'is a superuser' : p.owner ? 'owns the schema' : 'may truncate, update or delete it'
      return (
        `The database role Scrutineer runs as (${p.role}) ${why}, so anyone with DATABASE_URL could rewrite or ` +
        "empty the audit log: the audit is only as safe as that role's password. To protect it, give the " +
        'schema to an owner role, run migrations with DATABASE_OWNER_URL and connect the application as a role ' +
        'that does not own it (docs/operations.md, "Database roles").'
      )
    },

    /**
     * Walks the audit log's hash chain from its first event, recomputing every hash, and lists where it breaks:
     * an event changed, deleted or put in, events deleted from the end, events outside the chain.
     * @example const { breaks } = await auditLog.verify() // [] when the log is as it was written
     */
    async verify(): Promise<ChainVerification> {
      // The head first: events committed while the walk runs come after it, and are left for the next check.
      const head = await data.audit.chainHead()
      const verifier = new AuditChainVerifier(sha256)
      let after = 0
      for (;;) {
        const links = (await data.audit.chainLinks(after, CHAIN_PAGE)).filter((l) => l.position <= head.position)
        for (const link of links) verifier.check(link)
        const last = links.at(-1)
        if (last === undefined || links.length < CHAIN_PAGE) break
        after = last.position
      }
      const breaks = verifier.finish(head, await data.audit.unchainedEvents(MAX_BREAKS))
      // A drill-down's event carries the SHA-256 of the children it showed, listed in audit_event_child: the chain
      // vouches for the event, the hash for the list.
      for (let after = 0; breaks.length < MAX_BREAKS;) {
        const events = await data.audit.childListEvents(after, CHAIN_PAGE)
        for (const event of events) {
          if (sha256(childListText(event.childIds)) === event.sha256 || breaks.length >= MAX_BREAKS) continue
          breaks.push({
            kind: 'children',
            position: event.position ?? 0,
            eventId: event.id,
            at: event.at,
            message:
              'The children recorded as seen with this drill-down no longer match its event: a child was added, ' +
              'removed or changed in audit_event_child.',
          })
        }
        const last = events.at(-1)
        if (last === undefined || events.length < CHAIN_PAGE) break
        after = last.id
      }
      return { checked: verifier.checked, head, breaks }
    },

    /**
     * One page of the events matching `query`, newest first. Refuses a date that is not a real `YYYY-MM-DD` day,
     * or a range that ends before it starts.
     * @example await auditLog.search({ text: 'jo@council.gov.uk', action: '', from: '2026-11-01', to: '' })
     */
    async search(query: AuditQuery): Promise<Result<AuditPage, AuditQueryProblem>> {
      const problems: AuditQueryProblem[] = []
      const from = query.from.trim()
      const to = query.to.trim()
      if (from !== '' && !isIsoDate(from)) {
        problems.push({ field: 'from', message: 'The date from must be a real date, like 2026-11-30' })
      }
      if (to !== '' && !isIsoDate(to)) {
        problems.push({ field: 'to', message: 'The date to must be a real date, like 2026-11-30' })
      }
      if (problems.length === 0 && from !== '' && to !== '' && to < from) {
        problems.push({ field: 'to', message: 'The date to must be the same as or after the date from' })
      }
      if (problems.length > 0) return failed(problems)

      const filters = {
        text: query.text,
        action: query.action.trim(),
        ...(from === '' ? {} : { fromAt: londonDayStart(from) }),
        ...(to === '' ? {} : { beforeAt: londonDayStart(addDays(to, 1)) }),
      }
      const cursor = (id: number | undefined) => (id !== undefined && Number.isSafeInteger(id) && id > 0 ? id : null)
      const olderThan = cursor(query.olderThan)
      const newerThan = olderThan === null ? cursor(query.newerThan) : null
      // One more than a page, to know whether there is another in the direction of travel.
      const found = await data.audit.search({
        ...filters,
        ...(olderThan === null ? {} : { olderThan }),
        ...(newerThan === null ? {} : { newerThan }),
        limit: AUDIT_PAGE_SIZE + 1,
      })
      const beyond = found.events.length > AUDIT_PAGE_SIZE
      // Listed newest first either way: the extra event is the oldest when going back in time, the newest otherwise.
      const events = newerThan === null ? found.events.slice(0, AUDIT_PAGE_SIZE) : found.events.slice(-AUDIT_PAGE_SIZE)
      const newest = events[0]?.id
      const oldest = events.at(-1)?.id
      const any = async (edge: { olderThan: number } | { newerThan: number }) =>
        (await data.audit.countUpTo({ ...filters, ...edge }, 1)) > 0
      let older: number | null = null
      let newer: number | null = null
      if (newerThan === null) {
        // The newest page or the next: the extra event says there is an older page; a newer one is looked for.
        if (beyond && oldest !== undefined) older = oldest
        if (olderThan !== null && newest !== undefined && (await any({ newerThan: newest }))) newer = newest
      } else {
        // Going back towards the newest: the other way round.
        if (beyond && newest !== undefined) newer = newest
        if (oldest !== undefined && (await any({ olderThan: oldest }))) older = oldest
      }
      const counted = await data.audit.countUpTo(filters, AUDIT_COUNT_CAP + 1)
      const ids = new Set<number>()
      for (const event of events) {
        const actor = userId(event.actor, 'user:')
        if (actor !== null) ids.add(actor)
        const subject = event.subjectType === 'user' ? userId(event.subjectId, '') : null
        if (subject !== null) ids.add(subject)
      }
      const names = await data.audit.userNames([...ids])
      const account = (id: number | null) => (id === null ? null : (names.get(id) ?? null))
      return ok({
        events: events.map((event) => ({
          ...event,
          actorAccount: account(userId(event.actor, 'user:')),
          subjectAccount: account(event.subjectType === 'user' ? userId(event.subjectId, '') : null),
        })),
        matching: { count: Math.min(counted, AUDIT_COUNT_CAP), more: counted > AUDIT_COUNT_CAP },
        older,
        newer,
        actions: await data.audit.actions(),
      })
    },
  }
}

export type AuditLogService = ReturnType<typeof auditLogService>

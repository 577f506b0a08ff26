/**
 * The audit log's hash chain. Every event holds its position in the chain, the hash of the event before it and its
 * own hash: SHA-256 (hex) of the canonical text below, which includes the previous hash, so changing, removing or
 * inserting any event breaks every link after it. The database writes the chain as each transaction commits (the
 * `audit_event_canonical` SQL function in the audit-chain migration builds the same text); `verifyAuditChain` walks
 * it again and says where it breaks. Pure: the caller passes the hash function.
 */

/** The hash before the first event. */
export const CHAIN_START_HASH = '0'.repeat(64)

/** One event as the chain hashes it: every value as the database prints it (details as jsonb text). */
export interface ChainLink {
  position: number
  id: number
  /** UTC, to the microsecond: `2026-12-07T10:15:00.123456Z`. */
  at: string
  actor: string
  action: string
  subjectType: string
  subjectId: string
  correlationId: string | null
  /** The details as PostgreSQL prints jsonb (keys in its own order). */
  details: string
  previousHash: string
  hash: string
}

/** Where the chain stands: its last position and that event's hash. */
export interface ChainHead {
  position: number
  hash: string
}

/** A place where the chain does not hold, in words an administrator can act on. */
export interface ChainBreak {
  kind: 'changed' | 'relinked' | 'missing' | 'unchained' | 'head' | 'children'
  /** The position in the chain where it breaks (for `missing`, the first missing position). */
  position: number
  /** The event there, when there is one. */
  eventId: number | null
  at: string | null
  message: string
}

export type Sha256 = (text: string) => string

function field(value: string | null): string {
  if (value === null) return '-'
  return `${String(new TextEncoder().encode(value).length)}:${value}`
}

/**
 * The text an event's hash is taken of: a version line, then each value as its length in bytes, a colon and the
 * value (or `-` for none), one a line, ending with the previous event's hash.
 * @example canonicalAuditEvent({ position: 1, id: 7, at: '2026-12-07T10:00:00.000000Z', actor: 'cli:jo', … })
 */
export function canonicalAuditEvent(link: Omit<ChainLink, 'hash'>): string {
  return [
    'scrutineer-audit-event-v1',
    field(String(link.position)),
    field(String(link.id)),
    field(link.at),
    field(link.actor),
    field(link.action),
    field(link.subjectType),
    field(link.subjectId),
    field(link.correlationId),
    field(link.details),
    field(link.previousHash),
  ].join('\n')
}

/** The most breaks a verification lists; after a break every later link is checked against its own record. */
export const MAX_BREAKS = 100

/**
 * Checks the chain one link at a time, in position order, so a log of millions of events is read a page at a time.
 * `finish` compares the end of the chain with its head (events removed from the end) and adds the events that
 * were never chained.
 */
export class AuditChainVerifier {
  private expected = 1
  private previousHash = CHAIN_START_HASH
  readonly breaks: ChainBreak[] = []
  checked = 0

  constructor(private readonly sha256: Sha256) {}

  private report(chainBreak: ChainBreak): void {
    if (this.breaks.length < MAX_BREAKS) this.breaks.push(chainBreak)
  }

  check(link: ChainLink): void {
    this.checked++
    const where = { position: link.position, eventId: link.id, at: link.at }
    if (link.position > this.expected) {
      const last = link.position - 1
      this.report({
        kind: 'missing',
        position: this.expected,
        eventId: null,
        at: null,
        message:
          last === this.expected
            ? `Position ${this.expected} of the chain is missing: the event there has been deleted.`
            : `Positions ${this.expected} to ${last} of the chain are missing: those events have been deleted.`,
      })
    }
    if (link.previousHash !== this.previousHash) {
      this.report({
        kind: 'relinked',
        ...where,
        message:
          `Event ${link.id} says the event before it had hash ${link.previousHash}, but the event before it in ` +
          `the chain has ${this.previousHash}: an event before it was changed, deleted or put in.`,
      })
    }
    const recomputed = this.sha256(canonicalAuditEvent(link))
    if (recomputed !== link.hash) {
      this.report({
        kind: 'changed',
        ...where,
        message:
          `Event ${link.id} (${link.action} by ${link.actor}) no longer matches its hash: its time, actor, ` +
          `action, subject or details were changed after it was recorded (stored hash ${link.hash}, its content ` +
          `now hashes to ${recomputed}).`,
      })
    }
    this.expected = link.position + 1
    this.previousHash = link.hash
  }

  /** The chain's head and the events with no place in the chain (id and time). */
  finish(head: ChainHead, unchained: readonly { id: number; at: string }[]): ChainBreak[] {
    const last = this.expected - 1
    if (head.position !== last || head.hash !== this.previousHash) {
      this.report({
        kind: 'head',
        position: head.position,
        eventId: null,
        at: null,
        message:
          head.position > last
            ? `The chain's head is at position ${head.position} but the log ends at ${last}: the last ` +
              `${head.position - last === 1 ? 'event was' : `${head.position - last} events were`} deleted.`
            : `The chain's head (position ${head.position}, hash ${head.hash}) does not match the log's last ` +
              `event (position ${last}, hash ${this.previousHash}): the head or the end of the log was rewritten.`,
      })
    }
    for (const event of unchained) {
      this.report({
        kind: 'unchained',
        position: 0,
        eventId: event.id,
        at: event.at,
        message: `Event ${event.id} has no place in the chain: it was put in with the chain's trigger disabled.`,
      })
    }
    return this.breaks
  }
}

/**
 * The text a drill-down's audit event takes the SHA-256 of (`childIdsSha256`): the child ids it showed, sorted by
 * UTF-16 code units as JavaScript sorts, one a line. The ids themselves are kept in `audit_event_child`.
 * @example childListText(['C2', 'C1']) // 'C1\nC2'
 */
export function childListText(childIds: readonly string[]): string {
  return [...childIds].sort().join('\n')
}

import { EMBEDDED_DATABASE_STOPPED } from './embedded-database.ts'

/**
 * What a failure of the database means, in words a council officer understands. The web answers its own error page
 * with these words (never the database's message), `/health` gives them as its reason, and the server decides from
 * the kind whether it can carry on:
 *
 * - `unavailable`: the database is not answering (PostgreSQL stopped, restarting, unreachable, out of connections).
 *   Nothing was changed; pages work again as soon as it answers, with no restart.
 * - `out-of-space`: the disk holding the database is full. The change was refused and rolled back; nothing was lost.
 * - `broken`: the embedded database stopped after a fatal storage error (a PGlite PANIC or abort). It cannot be used
 *   again in this process; the folder keeps every change that completed, and starting again recovers it.
 */
export type DatabaseFault =
  | { kind: 'unavailable'; reason: string }
  | { kind: 'out-of-space'; reason: string }
  | { kind: 'broken'; reason: string }

/** Socket errors of a connection that could not be made or was cut. */
const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
])

/** node-postgres's own words for a connection that ended or never started. */
const CONNECTION_MESSAGES =
  /Connection terminated|timeout exceeded when trying to connect|not queryable|Client was closed|connection error/i

const UNAVAILABLE =
  'The database is not answering at the moment, so this page cannot be shown. Nothing you sent was saved. ' +
  'Try again in a few minutes.'
const OUT_OF_SPACE =
  'The disk the database is kept on is full, so nothing could be saved. Nothing was changed and no data was ' +
  'lost. Ask whoever runs Scrutineer to free some space, then try again.'
const BROKEN =
  'The embedded database stopped after a storage error (the disk may be full or failing). Nothing more can be ' +
  'saved until Scrutineer is started again; every change that completed before the error is kept.'

function fieldOf(error: object, name: string): unknown {
  return (error as Record<string, unknown>)[name]
}

/**
 * The fault a thrown value stands for, or null when it is not the database failing (a bug, bad input, a constraint).
 * @example databaseFault(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }))?.kind // 'unavailable'
 * @example databaseFault(Object.assign(new Error('could not extend file'), { code: '53100' }))?.kind // 'out-of-space'
 * @example databaseFault(new Error('PANIC: cannot drop active portal'))?.kind // 'broken'
 * @example databaseFault(new Error('duplicate key value violates unique constraint')) // null
 */
export function databaseFault(error: unknown): DatabaseFault | null {
  if (typeof error !== 'object' || error === null) return null
  const code = fieldOf(error, 'code')
  const rawMessage = fieldOf(error, 'message')
  const message = typeof rawMessage === 'string' ? rawMessage : ''
  // PGlite's WebAssembly aborting (a RuntimeError) or PostgreSQL's PANIC: the embedded database cannot go on.
  const name = fieldOf(error, 'name')
  if (name === 'RuntimeError' || name === EMBEDDED_DATABASE_STOPPED || /\bPANIC\b|^Aborted\(/.test(message)) {
    return { kind: 'broken', reason: BROKEN }
  }
  if (code === '53100' || code === 'ENOSPC' || /No space left on device/i.test(message)) {
    return { kind: 'out-of-space', reason: OUT_OF_SPACE }
  }
  if (typeof code === 'string') {
    // SQLSTATE class 08 (connection exception), 57P01–57P03 (shutting down, crashed, starting up), 53300 (too many
    // connections), 53200 (out of memory).
    if (/^08/.test(code) || /^57P0[123]$/.test(code) || code === '53300' || code === '53200') {
      return { kind: 'unavailable', reason: UNAVAILABLE }
    }
    if (CONNECTION_CODES.has(code)) return { kind: 'unavailable', reason: UNAVAILABLE }
    // A Unix socket that is not there: the server is stopped (pg reports the connect call).
    if (code === 'ENOENT' && fieldOf(error, 'syscall') === 'connect')
      return { kind: 'unavailable', reason: UNAVAILABLE }
  }
  if (CONNECTION_MESSAGES.test(message)) return { kind: 'unavailable', reason: UNAVAILABLE }
  // An AggregateError from connecting to several addresses (localhost as ::1 and 127.0.0.1) carries the causes.
  const errors = fieldOf(error, 'errors')
  if (Array.isArray(errors)) {
    for (const inner of errors) {
      const fault = databaseFault(inner)
      if (fault !== null) return fault
    }
  }
  const cause = fieldOf(error, 'cause')
  return cause === undefined || cause === error ? null : databaseFault(cause)
}

/**
 * Whether a thrown value came from the database at all (a fault, or an SQL error with a SQLSTATE), so its message
 * is never shown to people.
 */
export function fromDatabase(error: unknown): boolean {
  if (databaseFault(error) !== null) return true
  if (typeof error !== 'object' || error === null) return false
  const code = fieldOf(error, 'code')
  return (
    typeof code === 'string' &&
    /^[0-9A-Z]{5}$/.test(code) &&
    (fieldOf(error, 'severity') !== undefined || fieldOf(error, 'routine') !== undefined)
  )
}

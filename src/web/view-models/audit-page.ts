/**
 * The audit log search page (/admin/audit): the filters as typed, each event readably (UK time, who by name,
 * before → after as rows), and links to newer and older events that keep the filters.
 */
import {
  AUDIT_COUNT_CAP,
  type AuditPage,
  type AuditQuery,
  type AuditQueryProblem,
} from '../../services/audit-log-service.ts'
import { formatTimestamp } from './indicator-page.ts'
import type { DateParts } from '../../domain/calendar/date-input.ts'
import { dateInputItems } from './date-input.ts'

const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/

/**
 * A detail value as text: timestamps in UK time, nothing as "(none)", lists and objects as JSON.
 * @example detailValue(null) // '(none)'
 */
export function detailValue(value: unknown): string {
  if (value === null || value === undefined || value === '') return '(none)'
  if (typeof value === 'string') return ISO_TIMESTAMP.test(value) ? formatTimestamp(value) : value
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  return JSON.stringify(value)
}

/**
 * A details key as a label: `failedAttempts` → "Failed attempts".
 * @example detailLabel('sessionsEnded') // 'Sessions ended'
 */
export function detailLabel(key: string): string {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[-_]+/g, ' ')
    .toLowerCase()
  return words.charAt(0).toUpperCase() + words.slice(1)
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/**
 * An event's details as summary-list rows: each field in `before`/`after` as "before → after", then the rest.
 * @example detailRows({ email: 'jo@x.gov.uk', before: { role: 'director' }, after: { role: 'administrator' } })
 * // [{ key: 'Role', value: 'director → administrator' }, { key: 'Email', value: 'jo@x.gov.uk' }]
 */
export function detailRows(details: Record<string, unknown>): Array<{ key: string; value: string }> {
  const before = isRecord(details.before) ? details.before : null
  const after = isRecord(details.after) ? details.after : null
  const rows: Array<{ key: string; value: string }> = []
  if (before !== null || after !== null) {
    const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])]
    for (const key of keys) {
      rows.push({ key: detailLabel(key), value: `${detailValue(before?.[key])} → ${detailValue(after?.[key])}` })
    }
  }
  for (const [key, value] of Object.entries(details)) {
    if ((key === 'before' && before !== null) || (key === 'after' && after !== null)) continue
    rows.push({ key: detailLabel(key), value: detailValue(value) })
  }
  return rows
}

function person(account: { name: string; email: string } | null, fallback: string): string {
  return account === null ? fallback : `${account.name} (${account.email})`
}

/** The link to another page of the same search: the events older or newer than the one with this id. */
function pageHref(query: AuditQuery, edge: { older: number } | { newer: number } | null): string {
  const params = new URLSearchParams()
  if (query.text !== '') params.set('q', query.text)
  if (query.action !== '') params.set('action', query.action)
  if (query.from !== '') params.set('from', query.from)
  if (query.to !== '') params.set('to', query.to)
  if (edge !== null && 'older' in edge) params.set('older', String(edge.older))
  if (edge !== null && 'newer' in edge) params.set('newer', String(edge.newer))
  const search = params.toString()
  return search === '' ? '/admin/audit' : `/admin/audit?${search}`
}

/**
 * How many events match, in words: exact up to the cap, then "more than".
 * @example matchingText({ count: 1000, more: true }) // 'More than 1,000 events match this search'
 */
export function matchingText(matching: AuditPage['matching']): string {
  if (matching.more) return `More than ${AUDIT_COUNT_CAP.toLocaleString('en-GB')} events match this search`
  return `${matching.count.toLocaleString('en-GB')} event${matching.count === 1 ? '' : 's'} match${matching.count === 1 ? 'es' : ''} this search`
}

/**
 * The audit log page. `typed` is what was typed in the date boxes (null: show the query's ISO date), so a mistake
 * is shown as it was typed.
 */
export function auditPageModel(
  query: AuditQuery,
  result: AuditPage | null,
  problems: readonly AuditQueryProblem[],
  typed: { from: DateParts | null; to: DateParts | null } = { from: null, to: null },
) {
  const boxes = (name: 'from' | 'to') =>
    dateInputItems(typed[name] ?? query[name], problems.some((p) => p.field === name) ? { part: null } : null)
  const field = (name: AuditQueryProblem['field']) => {
    const problem = problems.find((p) => p.field === name)
    return problem === undefined ? null : { text: problem.message }
  }
  return {
    pageTitle: problems.length > 0 ? 'Error: Audit log' : 'Audit log',
    query,
    errorList: problems.map((p) => ({ text: p.message, href: `#${p.field}-day` })),
    errors: { from: field('from'), to: field('to') },
    dateItems: { from: boxes('from'), to: boxes('to') },
    actionItems: [
      { value: '', text: 'Any action', selected: query.action === '' },
      ...(result?.actions ?? []).map((action) => ({ value: action, text: action, selected: action === query.action })),
    ],
    status:
      result === null
        ? null
        : result.matching.count === 0
          ? 'No events match this search.'
          : result.events.length === 0
            ? `No events on this page: ${matchingText(result.matching)}. Clear the search to see the newest.`
            : `${matchingText(result.matching)}. Showing ${result.events.length}, newest first.`,
    events: (result?.events ?? []).map((event) => ({
      when: formatTimestamp(event.at),
      who: person(event.actorAccount, event.actor),
      what: event.action,
      subject:
        event.subjectType === 'user'
          ? `User ${event.subjectId}${event.subjectAccount === null ? '' : `: ${person(event.subjectAccount, '')}`}`
          : `${detailLabel(event.subjectType)} ${event.subjectId}`,
      subjectHref:
        event.subjectType === 'user' && event.subjectAccount !== null ? `/admin/users/${event.subjectId}` : null,
      details: detailRows(event.details).map((row) => ({ key: { text: row.key }, value: { text: row.value } })),
    })),
    pagination:
      result === null || (result.newer === null && result.older === null)
        ? null
        : {
            previous:
              result.newer === null
                ? undefined
                : { href: pageHref(query, { newer: result.newer }), text: 'Newer events' },
            next:
              result.older === null
                ? undefined
                : { href: pageHref(query, { older: result.older }), text: 'Older events' },
          },
  }
}

/**
 * The audit log search page (/admin/audit): the filters as typed, each event readably (UK time, who by name,
 * before → after as rows), and GOV.UK pagination whose links keep the filters.
 */
import {
  AUDIT_PAGE_SIZE,
  type AuditPage,
  type AuditQuery,
  type AuditQueryProblem,
} from '../../services/audit-log-service.ts'
import { formatTimestamp } from './indicator-page.ts'

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

/** The link to another page of the same search. */
function pageHref(query: AuditQuery, page: number): string {
  const params = new URLSearchParams()
  if (query.text !== '') params.set('q', query.text)
  if (query.action !== '') params.set('action', query.action)
  if (query.from !== '') params.set('from', query.from)
  if (query.to !== '') params.set('to', query.to)
  if (page > 1) params.set('page', String(page))
  const search = params.toString()
  return search === '' ? '/admin/audit' : `/admin/audit?${search}`
}

/**
 * The page numbers to link: the first, the last, and those either side of the current one, with gaps as ellipses.
 * @example pageNumbers(5, 9) // [1, null, 4, 5, 6, null, 9]
 */
export function pageNumbers(current: number, count: number): Array<number | null> {
  const wanted = [...new Set([1, current - 1, current, current + 1, count])]
    .filter((n) => n >= 1 && n <= count)
    .sort((a, b) => a - b)
  const numbers: Array<number | null> = []
  for (const n of wanted) {
    const previous = numbers.at(-1)
    if (typeof previous === 'number' && n > previous + 1) numbers.push(null)
    numbers.push(n)
  }
  return numbers
}

export function auditPageModel(query: AuditQuery, result: AuditPage | null, problems: readonly AuditQueryProblem[]) {
  const field = (name: AuditQueryProblem['field']) => {
    const problem = problems.find((p) => p.field === name)
    return problem === undefined ? null : { text: problem.message }
  }
  const page = result?.page ?? 1
  const pageCount = result?.pageCount ?? 1
  const first = (page - 1) * AUDIT_PAGE_SIZE + 1
  return {
    pageTitle: problems.length > 0 ? 'Error: Audit log' : 'Audit log',
    query,
    errorList: problems.map((p) => ({ text: p.message, href: `#${p.field}` })),
    errors: { from: field('from'), to: field('to') },
    actionItems: [
      { value: '', text: 'Any action', selected: query.action === '' },
      ...(result?.actions ?? []).map((action) => ({ value: action, text: action, selected: action === query.action })),
    ],
    total: result?.total ?? 0,
    status:
      result === null
        ? null
        : result.total === 0
          ? 'No events match this search.'
          : result.events.length === 0
            ? `Page ${page} is past the end: ${result.total} events match this search.`
            : `Showing ${first} to ${first + result.events.length - 1} of ${result.total} events, newest first`,
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
      result === null || pageCount <= 1
        ? null
        : {
            previous: page > 1 ? { href: pageHref(query, page - 1) } : undefined,
            next: page < pageCount ? { href: pageHref(query, page + 1) } : undefined,
            items: pageNumbers(page, pageCount).map((n) =>
              n === null ? { ellipsis: true } : { number: String(n), href: pageHref(query, n), current: n === page },
            ),
          },
  }
}

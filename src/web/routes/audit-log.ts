/**
 * `/admin/audit`: searching the audit log. A GET form, so a search can be bookmarked and paged (`older=ID`,
 * `newer=ID`: the events either side of that one); a date that is not a real day re-renders the form with an error summary (400).
 */
import type { FastifyPluginCallback } from 'fastify'
import { parseDateParts, type DateInputProblem, type DateParts } from '../../domain/calendar/date-input.ts'
import type { AuditQuery, AuditQueryProblem } from '../../services/audit-log-service.ts'
import type { Services } from '../../services/index.ts'
import { formDateParts } from '../request-input.ts'
import { auditPageModel } from '../view-models/audit-page.ts'

type Query = Record<string, unknown>

function text(query: Query, name: string): string {
  const value = query[name]
  return typeof value === 'string' ? value.slice(0, 200) : ''
}

/**
 * A date filter: the three boxes when the form sent them (all empty: no filter), else `name` as ISO text (a link
 * to another page of the search), which the service checks.
 */
function dateFilter(
  query: Query,
  name: 'from' | 'to',
  label: string,
): { iso: string; typed: DateParts | null; problem: DateInputProblem | null } {
  const typed = formDateParts(query, name)
  const sent = [`${name}-day`, `${name}-month`, `${name}-year`].some((box) => typeof query[box] === 'string')
  if (!sent) return { iso: text(query, name).trim(), typed: null, problem: null }
  if (`${typed.day}${typed.month}${typed.year}`.trim() === '') return { iso: '', typed, problem: null }
  const parsed = parseDateParts(typed, label)
  return parsed.ok
    ? { iso: parsed.value, typed, problem: null }
    : { iso: '', typed, problem: parsed.problems[0] ?? null }
}

export function auditLogRoutes(services: Services): FastifyPluginCallback {
  return (app, _options, done) => {
    app.get<{ Querystring: Query }>(
      '/admin/audit',
      { config: { access: 'view-audit-log' } },
      async (request, reply) => {
        // A page is the events either side of an event's id; anything but a whole number shows the newest.
        const id = (name: string) => {
          const n = Number(text(request.query, name))
          return Number.isSafeInteger(n) && n > 0 ? n : undefined
        }
        const older = id('older')
        const newer = id('newer')
        // The form sends each date as a date input's three boxes; the links to other pages send `from=YYYY-MM-DD`.
        const from = dateFilter(request.query, 'from', 'Date from')
        const to = dateFilter(request.query, 'to', 'Date to')
        const query: AuditQuery = {
          text: text(request.query, 'q').trim(),
          action: text(request.query, 'action'),
          from: from.iso,
          to: to.iso,
          ...(older === undefined ? {} : { olderThan: older }),
          ...(newer === undefined ? {} : { newerThan: newer }),
        }
        const typed = { from: from.typed, to: to.typed }
        const boxProblems: AuditQueryProblem[] = [
          ...(from.problem === null ? [] : [{ field: 'from' as const, message: from.problem.message }]),
          ...(to.problem === null ? [] : [{ field: 'to' as const, message: to.problem.message }]),
        ]
        if (boxProblems.length > 0) {
          return reply.code(400).view('pages/audit-log.njk', { model: auditPageModel(query, null, boxProblems, typed) })
        }
        const result = await services.auditLog.search(query)
        if (!result.ok)
          return reply
            .code(400)
            .view('pages/audit-log.njk', { model: auditPageModel(query, null, result.problems, typed) })
        return reply.view('pages/audit-log.njk', { model: auditPageModel(query, result.value, [], typed) })
      },
    )
    done()
  }
}

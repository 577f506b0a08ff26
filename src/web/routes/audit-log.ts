/**
 * `/admin/audit`: searching the audit log. A GET form, so a search can be bookmarked and paged (`older=ID`,
 * `newer=ID`: the events either side of that one); a date that is not a real day re-renders the form with an error summary (400).
 */
import type { FastifyPluginCallback } from 'fastify'
import type { AuditQuery } from '../../services/audit-log-service.ts'
import type { Services } from '../../services/index.ts'
import { auditPageModel } from '../view-models/audit-page.ts'

type Query = Record<string, unknown>

function text(query: Query, name: string): string {
  const value = query[name]
  return typeof value === 'string' ? value.slice(0, 200) : ''
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
        const query: AuditQuery = {
          text: text(request.query, 'q').trim(),
          action: text(request.query, 'action'),
          from: text(request.query, 'from').trim(),
          to: text(request.query, 'to').trim(),
          ...(older === undefined ? {} : { olderThan: older }),
          ...(newer === undefined ? {} : { newerThan: newer }),
        }
        const result = await services.auditLog.search(query)
        if (!result.ok)
          return reply.code(400).view('pages/audit-log.njk', { model: auditPageModel(query, null, result.problems) })
        return reply.view('pages/audit-log.njk', { model: auditPageModel(query, result.value, []) })
      },
    )
    done()
  }
}

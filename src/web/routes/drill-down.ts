/**
 * `/indicators/{id}/children?month=YYYY-MM` and `…/children.csv?month=`: the children behind one month's figure,
 * for officers who may see drill-downs. Personal data: never cached, never indexed, and every view or download is
 * recorded in the audit log (by the service, before anything is shown). Computed afresh on each request.
 */
import type { FastifyPluginCallback, FastifyReply, FastifyRequest } from 'fastify'
import { isPeriod } from '../../domain/period.ts'
import type { DrillDownFormat } from '../../services/drill-down-service.ts'
import type { Services } from '../../services/index.ts'
import { actorOf, privateResponse } from '../access.ts'
import { childrenCsv, childrenPageModel, childrenUnavailableModel } from '../view-models/children-page.ts'

interface ChildrenRoute {
  Params: { id: string }
  Querystring: Record<string, unknown>
}

type ChildrenRequest = FastifyRequest<ChildrenRoute>

export function drillDownRoutes(services: Services): FastifyPluginCallback {
  const show = (format: DrillDownFormat) => async (request: ChildrenRequest, reply: FastifyReply) => {
    const indicatorId = request.params.id
    const month = request.query.month
    if (typeof month !== 'string' || !isPeriod(month)) {
      const text = typeof month === 'string' ? month.trim() : ''
      return reply.code(400).view('pages/children-unavailable.njk', {
        model: childrenUnavailableModel({ kind: 'bad-month', indicatorId, month: text }),
      })
    }
    // The access check has run: only a signed-in officer gets here.
    const actor = actorOf(request)
    const result = await services.drillDowns.childrenBehind(indicatorId, month, {
      actor,
      format,
      correlationId: request.id,
    })
    if (!result.ok) {
      if (result.problem.kind === 'no-such-indicator') return reply.callNotFound()
      return reply.code(404).view('pages/children-unavailable.njk', { model: childrenUnavailableModel(result.problem) })
    }
    if (format === 'csv') {
      return reply
        .type('text/csv; charset=utf-8')
        .header(
          'content-disposition',
          `attachment; filename="children-${indicatorId.replace(/[^A-Za-z0-9_-]/g, '-')}-${month}.csv"`,
        )
        .send(childrenCsv(result.value))
    }
    return reply.view('pages/children.njk', { model: childrenPageModel(result.value) })
  }

  return (app, _options, done) => {
    const options = { config: { access: 'view-drill-downs' as const }, onRequest: privateResponse }
    app.get<ChildrenRoute>('/indicators/:id/children', options, show('page'))
    app.get<ChildrenRoute>('/indicators/:id/children.csv', options, show('csv'))
    done()
  }
}

/**
 * `/indicators/{id}`: one indicator's whole history, definition, benchmarks, targets and revisions.
 */
import type { FastifyPluginCallback } from 'fastify'
import type { Services } from '../../services/index.ts'
import { requestCan } from '../access.ts'
import { indicatorPageModel } from '../view-models/indicator-page.ts'

export function indicatorRoutes(services: Services): FastifyPluginCallback {
  return (app, _options, done) => {
    app.get<{ Params: { id: string } }>(
      '/indicators/:id',
      { config: { access: 'view-published-packs' } },
      async (request, reply) => {
        const view = await services.packs.getIndicator(request.params.id)
        if (!view) return reply.callNotFound()
        const glossary = await services.glossary.list()
        return reply.view('pages/indicator.njk', {
          model: indicatorPageModel({
            indicator: view.indicator,
            history: view.history,
            revisions: view.revisions,
            datasets: view.datasets,
            sourceNote: view.sourceNote,
            asOf: view.latestPeriod,
            catalogue: view.related,
            glossary,
            drillDowns: requestCan(request, 'view-drill-downs'),
          }),
        })
      },
    )
    done()
  }
}

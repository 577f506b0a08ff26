/**
 * `/datasets/{dataset}/{YYYY-MM}/cycle`: the month's cycle at a glance, the page the officers preparing the pack
 * open every morning. For the people who see draft packs (`view-draft-packs`) only: it shows unpublished work.
 * A month with no figures yet still has a page (its first line says so); a dataset that does not exist has none.
 */
import type { FastifyPluginCallback } from 'fastify'
import { isPeriod } from '../../domain/period.ts'
import type { Services } from '../../services/index.ts'
import { requestCan } from '../access.ts'
import { monthCyclePageModel } from '../view-models/month-cycle-page.ts'

export function monthCycleRoutes(services: Services): FastifyPluginCallback {
  return (app, _options, done) => {
    app.get<{ Params: { dataset: string; period: string } }>(
      '/datasets/:dataset/:period/cycle',
      { config: { access: 'view-draft-packs' } },
      async (request, reply) => {
        const { dataset, period } = request.params
        if (!isPeriod(period)) return reply.callNotFound()
        const cycle = await services.monthCycle.monthCycle(dataset, period)
        if (!cycle.ok) return reply.callNotFound()
        return reply.view('pages/month-cycle.njk', {
          model: monthCyclePageModel(cycle.value, {
            seesImports: requestCan(request, 'view-child-level-records'),
            loadsData: requestCan(request, 'import-figures'),
            publishes: requestCan(request, 'publish-pack'),
          }),
        })
      },
    )
    done()
  }
}

/**
 * `/imports` and `/imports/{id}`: the Annex A imports and each one's data-quality report. Officer pages.
 */
import type { FastifyPluginCallback } from 'fastify'
import type { Services } from '../../services/index.ts'
import { positiveId } from '../request-input.ts'
import { actorOf, privateResponse } from '../access.ts'
import { dataQualityModel, importListModel } from '../view-models/import-pages.ts'

export function importRoutes(services: Services): FastifyPluginCallback {
  return (app, _options, done) => {
    // Data-quality reports quote what children's records held: never cached, and every view audited.
    const config = { access: 'view-child-level-records' } as const
    app.get('/imports', { config, onRequest: privateResponse }, async (request, reply) =>
      reply.view('pages/imports.njk', { model: importListModel(await services.annexA.listImports()) }),
    )
    app.get<{ Params: { id: string } }>(
      '/imports/:id',
      { config, onRequest: privateResponse },
      async (request, reply) => {
        const id = positiveId(request.params.id)
        if (id === null) return reply.callNotFound()
        const report = await services.annexA.dataQuality(id, { actor: actorOf(request), correlationId: request.id })
        if (report === null) return reply.callNotFound()
        return reply.view('pages/data-quality.njk', { model: dataQualityModel(report) })
      },
    )
    done()
  }
}

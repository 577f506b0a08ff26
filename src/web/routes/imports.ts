/**
 * `/imports` and `/imports/{id}`: the Annex A imports and each one's data-quality report. Officer pages.
 */
import type { FastifyPluginCallback } from 'fastify'
import type { Services } from '../../services/index.ts'
import { officerGuard, type OfficerAccess } from '../officer-access.ts'
import { dataQualityModel, importListModel } from '../view-models/import-pages.ts'

export function importRoutes(services: Services, access: OfficerAccess): FastifyPluginCallback {
  return (app, _options, done) => {
    const preHandler = officerGuard(access, services.accounts)
    app.get('/imports', { preHandler }, async (request, reply) =>
      reply.view('pages/imports.njk', { model: importListModel(await services.annexA.listImports()) }),
    )
    app.get<{ Params: { id: string } }>('/imports/:id', { preHandler }, async (request, reply) => {
      const id = Number(request.params.id)
      if (!Number.isInteger(id) || id <= 0) return reply.callNotFound()
      const report = await services.annexA.dataQuality(id)
      if (report === null) return reply.callNotFound()
      return reply.view('pages/data-quality.njk', { model: dataQualityModel(report) })
    })
    done()
  }
}

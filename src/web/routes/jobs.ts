/**
 * `/jobs`, `/jobs/{id}` and `/jobs/{id}.json`: long work and how far it has got. The page is complete without
 * JavaScript (a refresh link); with it, /javascripts/job-progress.js reads the JSON and updates the page in place.
 */
import type { FastifyPluginCallback } from 'fastify'
import type { Services } from '../../services/index.ts'
import { positiveId } from '../request-input.ts'
import { jobJson, jobListModel, jobModel } from '../view-models/job-pages.ts'

export function jobRoutes(services: Services): FastifyPluginCallback {
  return (app, _options, done) => {
    const config = { access: 'view-jobs' } as const
    app.get('/jobs', { config }, async (request, reply) =>
      reply.header('cache-control', 'no-store').view('pages/jobs.njk', {
        model: jobListModel(await services.jobs.list({ limit: 50 })),
      }),
    )
    app.get<{ Params: { id: string } }>('/jobs/:id', { config }, async (request, reply) => {
      const json = request.params.id.endsWith('.json')
      const id = positiveId(json ? request.params.id.slice(0, -5) : request.params.id)
      const job = id === null ? null : await services.jobs.findNamed(id)
      if (job === null) {
        if (json) return reply.code(404).send({ error: 'There is no such job.' })
        return reply.callNotFound()
      }
      const ahead = await services.jobs.aheadOf(job)
      reply.header('cache-control', 'no-store')
      if (json) return reply.send(jobJson(job, ahead))
      return reply.view('pages/job.njk', { model: jobModel(job, ahead) })
    })
    done()
  }
}

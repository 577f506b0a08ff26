import type { FastifyPluginAsync } from 'fastify'

export function homeRoutes(): FastifyPluginAsync {
  return async (app) => {
    app.get('/', async (request, reply) => reply.view('pages/home.njk', { pageTitle: 'Scrutineer' }))
  }
}

import type { FastifyPluginCallback } from 'fastify'
import type { Services } from '../../services/index.ts'

/** `GET /health`: the database kind and whether it answers. 503 when it does not, for load balancers. */
export function healthRoutes(services: Services): FastifyPluginCallback {
  return (app, _options, done) => {
    app.get('/health', { config: { access: 'anyone' } }, async (request, reply) => {
      const { database } = await services.health.check()
      return reply.code(database.ok ? 200 : 503).send({
        status: database.ok ? 'UP' : 'DOWN',
        database: { kind: database.kind, status: database.ok ? 'UP' : 'DOWN', version: database.detail },
      })
    })
    done()
  }
}

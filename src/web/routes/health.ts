import type { FastifyPluginCallback } from 'fastify'
import type { Services } from '../../services/index.ts'

/**
 * `GET /health`: the database kind and whether it answers. 503 when it does not, for load balancers, with the reason
 * in words (src/store/database-faults.ts); the database's own message goes to the log, not to the client.
 */
export function healthRoutes(services: Services): FastifyPluginCallback {
  return (app, _options, done) => {
    app.get('/health', { config: { access: 'anyone' } }, async (request, reply) => {
      const { database } = await services.health.check()
      if (!database.ok) {
        request.log.warn({ database: database.detail }, `The database does not answer: ${database.reason}`)
        return reply.code(503).send({
          status: 'DOWN',
          reason: database.reason,
          database: { kind: database.kind, status: 'DOWN' },
        })
      }
      return reply.send({
        status: 'UP',
        database: { kind: database.kind, status: 'UP', version: database.detail },
      })
    })
    done()
  }
}

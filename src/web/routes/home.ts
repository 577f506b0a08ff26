import type { FastifyPluginCallback } from 'fastify'
import type { Services } from '../../services/index.ts'
import { homePageModel } from '../view-models/home-page.ts'

export function homeRoutes(services: Services): FastifyPluginCallback {
  return (app, _options, done) => {
    // The public sees the service's introduction; a signed-in person sees what is waiting for them above it.
    app.get('/', { config: { access: 'anyone' } }, async (request, reply) => {
      const user = request.user
      if (user === null) return reply.view('pages/home.njk', { pageTitle: 'Scrutineer' })
      const work = await services.work.forWorker({ id: user.id, role: user.role })
      return reply.view('pages/home.njk', { pageTitle: 'Scrutineer', model: homePageModel(work, user.name) })
    })
    app.get('/accessibility', { config: { access: 'anyone' } }, async (request, reply) =>
      reply.view('pages/accessibility.njk', { pageTitle: 'Accessibility statement' }),
    )
    app.get('/privacy', { config: { access: 'anyone' } }, async (request, reply) =>
      reply.view('pages/privacy.njk', { pageTitle: 'Privacy' }),
    )
    done()
  }
}

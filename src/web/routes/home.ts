import type { FastifyPluginCallback } from 'fastify'

export function homeRoutes(): FastifyPluginCallback {
  return (app, _options, done) => {
    app.get('/', { config: { access: 'anyone' } }, async (request, reply) =>
      reply.view('pages/home.njk', { pageTitle: 'Scrutineer' }),
    )
    app.get('/accessibility', { config: { access: 'anyone' } }, async (request, reply) =>
      reply.view('pages/accessibility.njk', { pageTitle: 'Accessibility statement' }),
    )
    app.get('/privacy', { config: { access: 'anyone' } }, async (request, reply) =>
      reply.view('pages/privacy.njk', { pageTitle: 'Privacy' }),
    )
    done()
  }
}

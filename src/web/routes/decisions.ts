/**
 * The decisions register, `/decisions`: public, as the minutes it is read from are (draft minutes included, marked).
 */
import type { FastifyPluginCallback } from 'fastify'
import type { Services } from '../../services/index.ts'
import { formField } from '../request-input.ts'
import { decisionsPageModel } from '../view-models/decisions-page.ts'

export function decisionRoutes(services: Services): FastifyPluginCallback {
  return (app, _options, done) => {
    app.get('/decisions', { config: { access: 'view-published-papers' } }, async (request, reply) => {
      const filter = {
        committee: formField(request.query, 'committee').trim(),
        year: formField(request.query, 'year').trim(),
        outcome: formField(request.query, 'outcome').trim(),
        words: formField(request.query, 'words').slice(0, 200),
      }
      const [decisions, committees] = await Promise.all([
        services.minutes.decisions(),
        services.meetings.listCommittees(),
      ])
      return reply.view('pages/decisions.njk', { model: decisionsPageModel(decisions, committees, filter) })
    })
    done()
  }
}

/**
 * The panel's papers in the JSON API (docs/api.md): `/api/meetings/{id}/minutes` (a meeting's minutes, drafts
 * marked "subject to approval", as on `/meetings/{id}/minutes`) and `/api/reports/{id}` (a report's cover sheet and
 * appendices, as on `/meetings/{id}/items/{position}`: Members' Room appendices only for those who may read them).
 * Each answers with the same access as its page; an unknown id is 404 and a malformed one 400, both `{ error }`.
 */
import type { FastifyPluginCallback } from 'fastify'
import { API_VERSION, badIdError } from '../../exporters/meetings-json.ts'
import { minutesToJson } from '../../exporters/minutes-json.ts'
import { reportToJson } from '../../exporters/report-json.ts'
import type { Services } from '../../services/index.ts'
import { requestCan } from '../access.ts'
import { positiveId } from '../request-input.ts'
import { baseUrl } from './meetings.ts'

type WithId = { Params: { id: string } }

export function apiPaperRoutes(services: Services): FastifyPluginCallback {
  const papers = { access: 'view-published-papers' } as const

  return (app, _options, done) => {
    app.get<WithId>('/api/meetings/:id/minutes', { config: papers }, async (request, reply) => {
      const id = positiveId(request.params.id)
      if (id === null) return reply.code(400).send(badIdError(request.params.id))
      const view = await services.minutes.get(id)
      if (view === null) {
        const meeting = await services.meetings.getMeeting(id)
        return reply
          .code(404)
          .send({ error: meeting === null ? 'There is no meeting with that id.' : 'This meeting has no minutes yet.' })
      }
      const recommendations = await services.recommendations.list()
      return { version: API_VERSION, minutes: minutesToJson(view, recommendations, baseUrl(request)) }
    })

    app.get<WithId>('/api/reports/:id', { config: papers }, async (request, reply) => {
      const id = positiveId(request.params.id)
      if (id === null) return reply.code(400).send(badIdError(request.params.id))
      const view = await services.reports.reportById(id)
      if (view === null) return reply.code(404).send({ error: 'There is no report with that id.' })
      const canSeeMembersRoom = requestCan(request, 'view-members-room-papers')
      // What one person may see differs from the next: no shared cache may keep it.
      if (canSeeMembersRoom) void reply.header('cache-control', 'private, no-store')
      return {
        version: API_VERSION,
        report: reportToJson(view, { canSeeMembersRoom, baseUrl: baseUrl(request) }),
      }
    })
    done()
  }
}

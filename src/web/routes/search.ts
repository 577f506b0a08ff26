/**
 * `/search?q=…&type=…&page=…`: one search box over the papers, for everyone. What each person finds follows the
 * permission table: a Members' Room appendix only for those who may read the Members' Room, an indicator not yet
 * in a published pack only for those who see draft packs (src/store/search-repository.ts applies it).
 */
import type { FastifyPluginCallback } from 'fastify'
import { readSearchRequest } from '../../domain/search.ts'
import type { Services } from '../../services/index.ts'
import { requestCan } from '../access.ts'
import { searchPageModel } from '../view-models/search-page.ts'

export function searchRoutes(services: Services): FastifyPluginCallback {
  return (app, _options, done) => {
    app.get('/search', { config: { access: 'view-published-papers' } }, async (request, reply) => {
      const found = await services.search.search(readSearchRequest(request.query as Record<string, unknown>), {
        membersRoom: requestCan(request, 'view-members-room-papers'),
        drafts: requestCan(request, 'view-draft-packs'),
      })
      // What is found depends on who asks: never kept by a browser or a gateway (the public's answer is the
      // public's, so it is not marked private, which says a page holds one person's data).
      reply
        .header('cache-control', request.user === null ? 'no-store' : 'private, no-store')
        .header('vary', 'Cookie')
      return reply.view('pages/search.njk', { model: searchPageModel(found) })
    })
    done()
  }
}

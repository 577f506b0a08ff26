/**
 * Who may open officer pages (Annex A imports and their data-quality reports, which quote what children's records
 * held): a signed-in user whose role may view child-level records. Anyone else signed in gets 403; anyone not
 * signed in is sent to sign in. On a fresh install with no accounts yet, the old rule still applies so the demo
 * works: a browser on the same machine as Scrutineer, outside production ('local'); otherwise the pages are hidden.
 */
import type { FastifyReply, FastifyRequest } from 'fastify'
import { can } from '../domain/permissions.ts'
import type { AccountService } from '../services/account-service.ts'

export type OfficerAccess = 'local' | 'off'

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1'])

/**
 * A preHandler for officer pages.
 * @example app.get('/imports', { preHandler: officerGuard('local', services.accounts) }, handler)
 */
export function officerGuard(access: OfficerAccess, accounts: Pick<AccountService, 'hasUsers'>) {
  // Each early answer returns the reply, as fastify asks of async hooks, so the route handler does not run.
  return async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> => {
    const user = request.user
    if (user !== null) {
      if (can(user.role, 'view-child-level-records')) return undefined
      return reply.code(403).view('pages/error.njk', {
        pageTitle: 'You do not have permission to see this page',
        message: 'This page shows child-level records, which only performance officers and administrators can see.',
        stack: null,
      })
    }
    if (await accounts.hasUsers()) return reply.redirect('/sign-in', 303)
    // fastify inject reports 127.0.0.1 too, so route tests exercise the same rule.
    if (access === 'local' && LOOPBACK.has(request.socket.remoteAddress ?? '')) return undefined
    reply.callNotFound()
    return reply
  }
}

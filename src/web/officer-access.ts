/**
 * Who may open officer pages (Annex A imports and their data-quality reports, which quote what children's records
 * held). Until accounts and roles arrive (issue 4), the only safe rule is: a browser on the same machine as
 * Scrutineer, outside production. In production officer pages answer 404 until sign-in exists.
 */
import type { FastifyReply, FastifyRequest } from 'fastify'

export type OfficerAccess = 'local' | 'off'

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1'])

export function officerGuard(access: OfficerAccess) {
  return (request: FastifyRequest, reply: FastifyReply, done: () => void): void => {
    // fastify inject reports 127.0.0.1 too, so route tests exercise the same rule.
    if (access === 'local' && LOOPBACK.has(request.socket.remoteAddress ?? '')) {
      done()
      return
    }
    reply.callNotFound()
  }
}

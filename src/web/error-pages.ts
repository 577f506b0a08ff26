/**
 * The last word on anything that goes wrong: every error answers the site's own page (JSON under `/api/`), never
 * fastify's raw JSON and never a database's message. A database that stopped answering is a 503 with the reason in
 * words (src/store/database-faults.ts), and pages work again as soon as it answers. Path parameters are checked at
 * the route edge before any handler reads them, so text no database could store (a NUL byte, a control character)
 * or an address too long to be one of ours is a 404, not a query.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { databaseFault, fromDatabase, type DatabaseFault } from '../store/database-faults.ts'
import { createViewEnvironment } from './nunjucks.ts'
import { isPathText } from './request-input.ts'

export interface ErrorPageOptions {
  /** Shown in the header of pages rendered before the request's own hooks ran. */
  councilName: string
  /** Show the stack of unexpected errors (never of database errors) under "Technical details". */
  showStack: boolean
  /** Told when the embedded database cannot go on (a PANIC): the server logs it and exits for its supervisor. */
  onBrokenDatabase?: (fault: DatabaseFault, error: unknown) => void
}

/** Requests to the JSON API get their errors in JSON (docs/api.md). */
export function isApiRequest(url: string): boolean {
  return url === '/api' || url.startsWith('/api/') || url.startsWith('/api?')
}

const SERVICE_PROBLEM = 'Sorry, there is a problem with the service'

/** The statuses fastify and its plugins give their own errors (400 bad JSON, 413 too large, 415, 429…). */
function statusOf(error: FastifyError): number {
  const status = error.statusCode
  return typeof status === 'number' && Number.isInteger(status) && status >= 400 && status <= 599 ? status : 500
}

/**
 * Installs the error handler: database faults as 503 pages in words, other server errors as "Sorry, there is a
 * problem with the service", the words of deliberate 4xx errors (CSRF, body too large, rate limits) as they are,
 * and the database's own messages nowhere.
 */
export function installErrorPages(app: FastifyInstance, options: ErrorPageOptions): void {
  app.addHook('preValidation', async (request, reply) => {
    const params = (request.params ?? {}) as Record<string, unknown>
    for (const value of Object.values(params)) {
      if (typeof value === 'string' && !isPathText(value)) return reply.callNotFound()
    }
    return undefined
  })

  app.setErrorHandler(async (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    reply.locals ??= { councilName: options.councilName, currentPath: request.url.split('?')[0] }
    const fault = databaseFault(error)
    if (fault !== null) {
      request.log.error({ err: error, fault: fault.kind }, `The database failed: ${fault.reason}`)
      if (fault.kind === 'broken') options.onBrokenDatabase?.(fault, error)
      // Let a client (or a load balancer) try again later: the database may be back in a minute.
      reply.header('retry-after', '30')
      if (isApiRequest(request.url)) return reply.code(503).send({ error: fault.reason })
      return reply.code(503).view('pages/error.njk', { pageTitle: SERVICE_PROBLEM, message: fault.reason, stack: null })
    }
    const status = statusOf(error)
    if (status >= 500) request.log.error(error)
    if (status === 403 && /csrf/i.test(error.message)) {
      return reply.code(403).view('pages/error.njk', {
        pageTitle: 'Your form could not be sent',
        message: 'The form had expired or was not sent from this site. Go back, refresh the page and try again.',
        stack: null,
      })
    }
    const database = fromDatabase(error)
    // A 4xx error's words are written for people (rate limits, sizes); a database's never are.
    const message =
      status >= 500 ? 'Try again later.' : database ? 'The request could not be understood.' : error.message
    if (isApiRequest(request.url)) return reply.code(status).send({ error: message })
    return reply.code(status).view('pages/error.njk', {
      pageTitle: status >= 500 ? SERVICE_PROBLEM : 'There is a problem',
      message,
      stack: options.showStack && !database ? (error.stack ?? null) : null,
    })
  })
}

/**
 * fastify's `frameworkErrors`: an address that is not valid percent-encoding (`/datasets/%FF`, 400) or has a path
 * parameter over 100 characters (404) fails before any route or hook runs, so its page is rendered here from the
 * same template.
 */
export function frameworkErrorPage(
  councilName: string,
): (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => void {
  const views = createViewEnvironment()
  return (error, request, reply) => {
    // A path parameter longer than any of ours (fastify's limit, 100 characters) names no page: 404.
    const tooLong = error.code === 'FST_ERR_MAX_PARAM_LENGTH'
    const status = tooLong ? 404 : 400
    const message = tooLong
      ? 'There is nothing at this address. Check it is correct, or start again from the datasets.'
      : 'The web address is not valid. Check it is correct, or start again from the datasets.'
    if (isApiRequest(request.url)) {
      void reply.code(status).send({ error: message })
      return
    }
    const html = views.render('pages/error.njk', {
      councilName,
      currentPath: '',
      pageTitle: tooLong ? 'Page not found' : 'There is a problem',
      message,
      stack: null,
    })
    void reply
      .code(status)
      .header('content-type', 'text/html; charset=utf-8')
      .header('x-content-type-options', 'nosniff')
      .header('content-security-policy', "default-src 'self'; frame-ancestors 'none'; object-src 'none'")
      .send(html)
  }
}

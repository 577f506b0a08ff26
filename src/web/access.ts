/**
 * Every route says who may open it, and one hook enforces it. A route declares `config: { access }`: an action
 * from the permission table (src/domain/permissions.ts), or `'anyone'` for the few pages that must open to
 * everybody whatever the table says (sign in, health, accessibility, privacy). Registering a route without a
 * declaration fails at start-up, so no page can be added and forgotten.
 *
 * Someone not signed in who asks for a page they may not see is sent to sign in (and back afterwards); someone
 * signed in whose role may not gets 403. A route can still refine inside its handler (an indicator owner writes
 * commentary on their own indicators only), but never loosen.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest, onRequestHookHandler, RouteOptions } from 'fastify'
import { can, type Action, type Role } from '../domain/permissions.ts'
import type { AuditLogService } from '../services/audit-log-service.ts'
import { VERSIONED_FILES_ROUTE } from './static-files.ts'

/** Who may open a route: an action of the permission table, or anyone at all. */
export type RouteAccess = Action | 'anyone'

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Who may open this route; every route must say (see src/web/access.ts). */
    access?: RouteAccess
  }
}

/** A route as the access hook saw it registered, for the crawl tests. */
export interface DeclaredRoute {
  method: string
  url: string
  access: RouteAccess
}

/** The role a request acts as: the signed-in user's, or `public`. */
export function roleOf(request: FastifyRequest): Role {
  return request.user?.role ?? 'public'
}

/** Whether this request may do `action` (for handlers that refine, e.g. showing drafts to preparers). */
export function requestCan(request: FastifyRequest, action: Action): boolean {
  return can(roleOf(request), action)
}

// Static files are the stylesheet, scripts and images: public by nature. @fastify/static's wildcard serves them at
// their plain paths, and src/web/static-files.ts's route under a versioned one.
const STATIC_FILE_URLS = new Set(['/*', VERSIONED_FILES_ROUTE])

/** Whether a route (its URL pattern) serves static files, which need no session, access check or page locals. */
export function isStaticFileRoute(url: string | undefined): boolean {
  return url !== undefined && STATIC_FILE_URLS.has(url)
}

/** Stands in for our own origin while a return path is parsed; never sent anywhere. */
const OWN_ORIGIN = 'http://scrutineer.invalid'

/**
 * A path on this site to come back to after signing in; anything else becomes `/`. The text is parsed as a browser
 * would parse it, so tricks a browser undoes (a tab or newline it drops, `/\t/evil.example` becoming
 * `//evil.example`; a backslash read as a slash; `/.//evil.example`) cannot lead to another site, and control
 * characters (a CR/LF that would split the Location header) are refused outright.
 * @example safeReturnPath('/datasets/monthly/2018-04?view=all') // '/datasets/monthly/2018-04?view=all'
 * @example safeReturnPath('/%09/evil.example') // '/%09/evil.example' (a path on this site)
 * @example safeReturnPath('/\t/evil.example') // '/'
 */
export function safeReturnPath(path: unknown): string {
  if (typeof path !== 'string' || !path.startsWith('/') || path.length > 2000) return '/'
  for (const character of path) {
    const code = character.charCodeAt(0)
    if (code < 0x20 || code === 0x7f || character === '\\') return '/'
  }
  let url: URL
  try {
    url = new URL(path, OWN_ORIGIN)
  } catch {
    return '/'
  }
  const local = `${url.pathname}${url.search}${url.hash}`
  if (url.origin !== OWN_ORIGIN || !local.startsWith('/') || local.startsWith('//')) return '/'
  return local
}

/** Renders the 403 page; `back` is where its link goes (the datasets when not given). */
export function forbidden(reply: FastifyReply, message?: string, back?: { href: string; text: string }): FastifyReply {
  return reply.code(403).view('pages/error.njk', {
    pageTitle: 'You do not have permission to see this page',
    message: message ?? 'Your account does not give you access to this page. Ask an administrator if you need it.',
    back: back ?? null,
    stack: null,
  })
}

/**
 * Installs the declaration check (onRoute) and the enforcement (preHandler). Call before registering routes and
 * after the hook that sets `request.user`. Returns the routes declared so far, for tests to crawl.
 */
export function enforceAccess(app: FastifyInstance): DeclaredRoute[] {
  const declared: DeclaredRoute[] = []
  app.addHook('onRoute', (route: RouteOptions) => {
    if (isStaticFileRoute(route.url)) return
    const access = route.config?.access
    const methods = Array.isArray(route.method) ? route.method : [route.method]
    if (access === undefined) {
      throw new Error(
        `Route ${methods.join(',')} ${route.url} does not say who may open it: add config: { access: … } ` +
          '(an action from src/domain/permissions.ts, or "anyone").',
      )
    }
    for (const method of methods) if (method !== 'HEAD') declared.push({ method, url: route.url, access })
  })

  app.addHook('preHandler', async (request, reply) => {
    const url = request.routeOptions.url
    if (url === undefined || isStaticFileRoute(url)) return undefined
    const access = request.routeOptions.config.access
    if (access === 'anyone') return undefined
    if (access !== undefined && requestCan(request, access)) return undefined
    if (request.user === null) {
      if (request.method === 'GET' || request.method === 'HEAD') {
        return reply.redirect(`/sign-in?returnTo=${encodeURIComponent(request.url)}`, 303)
      }
      return forbidden(reply, 'Sign in to do this.')
    }
    return forbidden(reply)
  })
  return declared
}

/**
 * Who the audit log names for this request: `user:<id>`, the form sign-in events use, which the audit log shows as
 * the person's name and email and which stays true if their email address changes.
 */
export function actorOf(request: FastifyRequest): string {
  return request.user === null ? 'anonymous' : `user:${request.user.id}`
}

/**
 * For every page that shows child-level data (drill-downs, Annex A imports): set before access is checked, so even
 * a refusal or a redirect to sign in is neither cached nor indexed.
 */
export const privateResponse: onRequestHookHandler = (request, reply, done) => {
  reply.header('cache-control', 'no-store').header('x-robots-tag', 'noindex')
  done()
}

/**
 * Records every refused request (403: a role without the permission, a refinement in a handler, a form without a
 * valid CSRF token) in the audit log as `request.refused`, before the answer is sent. A failure to record is
 * logged and the refusal still sent.
 */
export function auditRefusals(app: FastifyInstance, audit: Pick<AuditLogService, 'recordRefusal'>): void {
  app.addHook('onSend', async (request, reply, payload) => {
    if (reply.statusCode !== 403) return payload
    try {
      await audit.recordRefusal(
        { actor: actorOf(request), correlationId: request.id },
        { method: request.method, path: request.url.split('?')[0] ?? '/', role: roleOf(request), address: request.ip },
      )
    } catch (error) {
      request.log.error(error, 'Could not record a refused request in the audit log')
    }
    return payload
  })
}

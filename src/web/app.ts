/**
 * The web app's one composition root: `createApp(services)`. Security plugins first (helmet with CSP nonces,
 * cookies, CSRF on every unsafe request, rate limiting), then static assets, views and routes. The app holds no
 * state of its own: everything lives in the database, so several instances can run behind a load balancer.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto'
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import fastifyCookie from '@fastify/cookie'
import fastifyCsrf from '@fastify/csrf-protection'
import fastifyFormbody from '@fastify/formbody'
import fastifyHelmet from '@fastify/helmet'
import fastifyRateLimit from '@fastify/rate-limit'
import fastifyStatic from '@fastify/static'
import fastifyView from '@fastify/view'
import Fastify, {
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  type FastifyServerOptions,
} from 'fastify'
import type { TrustProxy } from '../config.ts'
import type { SignedInUser } from '../services/account-service.ts'
import { databaseFault } from '../store/database-faults.ts'
import type { Services } from '../services/index.ts'
import { startJobRunner, type JobRunner, type JobRunnerOptions } from '../services/job-runner.ts'
import { breadcrumbsFor } from './breadcrumbs.ts'
import { auditRefusals, enforceAccess, isStaticFileRoute, requestCan, type DeclaredRoute } from './access.ts'
import { assetBase, assetVersion, VERSIONED_FILES_ROUTE } from './static-files.ts'
import { frameworkErrorPage, installErrorPages, isApiRequest, type ErrorPageOptions } from './error-pages.ts'
import { adminUserRoutes } from './routes/admin-users.ts'
import { apiPaperRoutes } from './routes/api-papers.ts'
import { auditLogRoutes } from './routes/audit-log.ts'
import { createViewEnvironment } from './nunjucks.ts'
import { inlineScriptHashes, publishedResponses } from './published-responses.ts'
import { commentaryRoutes } from './routes/commentary.ts'
import { committeeRoutes } from './routes/committees.ts'
import { datasetRoutes } from './routes/datasets.ts'
import { glossaryRoutes } from './routes/glossary.ts'
import { drillDownRoutes } from './routes/drill-down.ts'
import { documentPackRoutes } from './routes/document-packs.ts'
import { minutesRoutes } from './routes/minutes.ts'
import { decisionRoutes } from './routes/decisions.ts'
import { memberRoutes } from './routes/members.ts'
import { workProgrammeRoutes } from './routes/work-programme.ts'
import { healthRoutes } from './routes/health.ts'
import { homeRoutes } from './routes/home.ts'
import { importRoutes } from './routes/imports.ts'
import { indicatorRoutes } from './routes/indicators.ts'
import { spcGridRoutes } from './routes/spc-grid.ts'
import { jobRoutes } from './routes/jobs.ts'
import { loadDataRoutes } from './routes/load-data.ts'
import { benchmarkRoutes } from './routes/benchmarks.ts'
import { searchRoutes } from './routes/search.ts'
import { meetingRoutes } from './routes/meetings.ts'
import { monthCycleRoutes } from './routes/month-cycle.ts'
import { recommendationRoutes } from './routes/recommendations.ts'
import { reportRoutes } from './routes/reports.ts'
import { SESSION_COOKIE, signInRoutes } from './routes/sign-in.ts'
import { setUpRoutes } from './routes/set-up.ts'
import { successMessage } from './success-banners.ts'

export interface AppOptions {
  environment: 'development' | 'production' | 'test'
  /** Signs cookies; every instance behind a load balancer must share it. */
  cookieSecret?: string
  /** Fastify's logger: true for pino's defaults, or its options (a level, a stream); off when not given. */
  logger?: FastifyServerOptions['logger']
  /** Requests per minute per client before 429; generous, sign-in has its own stricter limit. */
  rateLimitPerMinute?: number
  /** Sign-in attempts (POST /sign-in) per minute per client before 429; default 10. */
  signInRateLimitPerMinute?: number
  /**
   * Run queued jobs in this process (src/services/job-runner.ts) from when the app is ready until it closes. The
   * server always does; most tests run jobs themselves with `services.jobs.runNext()`.
   */
  jobRunner?: Pick<JobRunnerOptions, 'pollMs' | 'staleAfterMs'>
  /** Which proxies may name the client in X-Forwarded-For (src/config.ts); nobody when not given. */
  trustProxy?: TrustProxy
  /** The start of every absolute URL the site writes (feeds, the API); `http://localhost` when not given. */
  publicUrl?: string
  /** Told when the embedded database cannot go on (src/web/error-pages.ts); the server exits for its supervisor. */
  onBrokenDatabase?: ErrorPageOptions['onBrokenDatabase']
}

const PUBLIC_DIR = fileURLToPath(new URL('../../public', import.meta.url))
const VIEWS_DIR = fileURLToPath(new URL('./views', import.meta.url))

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

declare module 'fastify' {
  interface FastifyReply {
    locals?: Record<string, unknown>
  }
  interface FastifyRequest {
    /** Who is signed in, from the session cookie; null for anyone not signed in. */
    user: SignedInUser | null
  }
  interface FastifyReply {
    /** A CSRF token for this page's forms, bound to the session (or to being signed out). */
    csrfToken: () => string
  }
  interface FastifyInstance {
    /** Every route with the access it declared (src/web/access.ts), for the crawl tests. */
    declaredRoutes: readonly DeclaredRoute[]
    /** The site's public address (AppOptions.publicUrl): absolute URLs start with it, never with a request's Host. */
    publicUrl: string
  }
}

/**
 * fastify's `trustProxy` for the configured proxies. A hop count trusts the nearest `hops` addresses (fastify's own
 * number option trusts nobody); a list is handed to proxy-addr.
 */
export function proxyTrust(
  trust: TrustProxy | undefined,
): boolean | string[] | ((address: string, hop: number) => boolean) {
  if (trust === undefined || trust.kind === 'none') return false
  if (trust.kind === 'hops') {
    const hops = trust.hops
    return (_address: string, hop: number) => hop < hops
  }
  return trust.addresses
}

/** What a CSRF token is bound to: the session, so a token from one session (or from before sign-in) fails in another. */
function csrfUserInfo(request: FastifyRequest): string {
  return request.user === null ? 'anonymous' : `session:${request.user.sessionId}`
}

export async function createApp(services: Services, options: AppOptions): Promise<FastifyInstance> {
  const production = options.environment === 'production'
  const app = Fastify({
    logger: options.logger ?? false,
    genReqId: () => randomUUID(),
    trustProxy: proxyTrust(options.trustProxy),
    bodyLimit: 1024 * 1024,
    frameworkErrors: frameworkErrorPage(services.config.councilName),
  })
  app.decorate('publicUrl', (options.publicUrl ?? 'http://localhost').replace(/\/+$/, ''))

  await app.register(fastifyHelmet, {
    enableCSPNonces: true,
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        // Helmet adds the per-response nonce; 'self' is re-listed so our own files load too, and GOV.UK Frontend's
        // inline script is allowed by its hash for pages made once without a nonce (published-responses.ts).
        scriptSrc: ["'self'", ...inlineScriptHashes()],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        upgradeInsecureRequests: production ? [] : null,
      },
    },
    strictTransportSecurity: production ? { maxAge: 31536000, includeSubDomains: true } : false,
    referrerPolicy: { policy: 'same-origin' },
  })
  const cookieSecret = options.cookieSecret ?? randomBytes(32).toString('hex')
  await app.register(fastifyCookie, { secret: cookieSecret })
  // Who is signed in, read as soon as the cookies are: the CSRF check below binds each token to the session.
  app.decorateRequest('user', null)
  app.addHook('onRequest', async (request, reply) => {
    // Stylesheets, scripts and images (the static file routes) need no session: skip the queries.
    if (isStaticFileRoute(request.routeOptions.url)) return
    const token = request.cookies[SESSION_COOKIE]
    request.user = token === undefined ? null : await services.accounts.sessionFor(token)
    if (token !== undefined && request.user === null) reply.clearCookie(SESSION_COOKIE, { path: '/' })
  })
  await app.register(fastifyCsrf, {
    cookieOpts: { signed: true, httpOnly: true, sameSite: 'strict', secure: production, path: '/' },
    // A token made for one session is refused in another (or once signed out), not only on another site.
    getUserInfo: csrfUserInfo,
    // Shared by every instance, like the cookie secret it is derived from.
    csrfOpts: { hmacKey: createHash('sha256').update(`csrf:${cookieSecret}`).digest() },
  })
  await app.register(fastifyRateLimit, { max: options.rateLimitPerMinute ?? 600, timeWindow: '1 minute' })
  await app.register(fastifyFormbody)

  app.decorateReply('csrfToken', function csrfToken(this: FastifyReply) {
    return this.generateCsrf({ userInfo: csrfUserInfo(this.request) })
  })
  app.addHook('preHandler', (request, reply, done) => {
    if (UNSAFE_METHODS.has(request.method)) {
      app.csrfProtection(request, reply, done)
      return
    }
    done()
  })

  // Pages load the stylesheet and scripts under a versioned path (src/web/static-files.ts), kept by browsers for a
  // year; the plain paths answer too, with a day's caching in production and none otherwise.
  let staticBase = ''
  if (existsSync(PUBLIC_DIR)) {
    await app.register(fastifyStatic, {
      root: PUBLIC_DIR,
      prefix: '/',
      wildcard: true,
      index: false,
      maxAge: production ? '1d' : 0,
    })
    const version = assetVersion(PUBLIC_DIR)
    staticBase = assetBase(version)
    app.get<{ Params: { version: string; '*': string } }>(VERSIONED_FILES_ROUTE, (request, reply) =>
      // Another version's URL (a page made before an upgrade) gets today's file, which is not kept for long.
      request.params.version === version
        ? reply.sendFile(request.params['*'], { immutable: true, maxAge: '365d' })
        : reply.sendFile(request.params['*'], { maxAge: production ? '1d' : 0 }),
    )
  }
  await app.register(fastifyView, {
    // Hand @fastify/view our configured environment rather than letting it build a bare one.
    engine: { nunjucks: { configure: () => createViewEnvironment() } },
    // The environment carries its own search paths; @fastify/view only checks this folder exists.
    templates: VIEWS_DIR,
  })

  app.addHook('onRequest', (request, reply, done) => {
    const currentPath = request.url.split('?')[0] ?? '/'
    reply.locals = {
      councilName: services.config.councilName,
      currentPath,
      breadcrumbs: breadcrumbsFor(currentPath),
      staticBase,
    }
    done()
  })
  // The nonce exists once helmet has run; hand it to every template.
  app.addHook('preHandler', (request, reply, done) => {
    reply.locals = { ...reply.locals, cspNonce: reply.cspNonce.script }
    done()
  })
  // A signed-in page carries a CSRF token for the sign-out button in the header.
  app.addHook('preHandler', (request, reply, done) => {
    if (request.user !== null && !isStaticFileRoute(request.routeOptions.url)) {
      reply.locals = {
        ...reply.locals,
        currentUser: {
          name: request.user.name,
          role: request.user.role,
          mayLoadData: requestCan(request, 'import-figures'),
          followsRecommendations: requestCan(request, 'manage-recommendations') || request.user.role === 'panel-member',
        },
        csrfToken: reply.csrfToken(),
        successMessage: successMessage(request.query),
      }
    }
    done()
  })
  installErrorPages(app, {
    councilName: services.config.councilName,
    showStack: options.environment === 'development',
    ...(options.onBrokenDatabase === undefined ? {} : { onBrokenDatabase: options.onBrokenDatabase }),
  })
  app.decorate('declaredRoutes', enforceAccess(app))
  auditRefusals(app, services.auditLog)

  await app.register(healthRoutes(services))
  await app.register(homeRoutes(services))
  await app.register(signInRoutes(services, { production, rateLimitPerMinute: options.signInRateLimitPerMinute ?? 10 }))
  await app.register(setUpRoutes(services, { production, rateLimitPerMinute: options.signInRateLimitPerMinute ?? 10 }))
  // Published pages and downloads the public is sent, made once per state and kept (published-responses.ts).
  const responses = publishedResponses()
  await app.register(datasetRoutes(services, responses))
  await app.register(indicatorRoutes(services, responses))
  await app.register(spcGridRoutes(services))
  await app.register(drillDownRoutes(services))
  await app.register(importRoutes(services))
  await app.register(meetingRoutes(services))
  await app.register(committeeRoutes(services))
  await app.register(recommendationRoutes(services))
  await app.register(glossaryRoutes(services))
  await app.register(commentaryRoutes(services))
  await app.register(monthCycleRoutes(services))
  await app.register(adminUserRoutes(services))
  await app.register(auditLogRoutes(services))
  await app.register(documentPackRoutes(services))
  await app.register(minutesRoutes(services))
  await app.register(decisionRoutes(services))
  await app.register(memberRoutes(services))
  await app.register(workProgrammeRoutes(services))
  await app.register(reportRoutes(services))
  await app.register(apiPaperRoutes(services))
  await app.register(jobRoutes(services))
  await app.register(loadDataRoutes(services))
  await app.register(benchmarkRoutes(services))
  await app.register(searchRoutes(services))

  app.setNotFoundHandler(async (request: FastifyRequest, reply: FastifyReply) => {
    // The API answers in JSON, errors included (docs/api.md).
    if (isApiRequest(request.url)) {
      return reply.code(404).send({ error: 'There is nothing at this address in the API' })
    }
    return reply.code(404).view('pages/not-found.njk', { pageTitle: 'Page not found' })
  })

  let runner: JobRunner | null = null
  if (options.jobRunner !== undefined) {
    const runnerOptions = options.jobRunner
    app.addHook('onReady', async () => {
      runner = await startJobRunner(services.jobs, {
        ...runnerOptions,
        onStaleCheck: async (staleAfterMs) => {
          const discarded = await services.annexA.discardAbandonedLoads(staleAfterMs)
          if (discarded.length > 0)
            app.log.warn({ imports: discarded }, `Removed ${discarded.length} Annex A import(s) cut off while loading`)
          const folders = await services.workFolders.removeAbandoned()
          if (folders.length > 0)
            app.log.warn({ folders }, `Removed ${folders.length} temporary folder(s) of imports cut off by a stop`)
        },
        onJobFinished: (job) => {
          const fields = { job: { id: job.id, kind: job.kind, status: job.status } }
          if (job.status === 'failed') app.log.error(fields, `Job ${job.id} (${job.title}) failed: ${job.error ?? ''}`)
          else app.log.info(fields, `Job ${job.id} (${job.title}) ended`)
        },
        onError: (error) => {
          app.log.error(error, 'the job runner could not look for work')
          const fault = databaseFault(error)
          if (fault?.kind === 'broken') options.onBrokenDatabase?.(fault, error)
        },
      })
    })
  }
  app.addHook('onClose', async () => {
    await runner?.stop()
    // After the runner: a job printing a pack finishes with the printer before it closes.
    await services.printer.close()
  })

  return app
}

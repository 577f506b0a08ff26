/**
 * The permission table, enforced: every route the app registers is opened as the public and as each role, and
 * the answer must match `can(role, access)` from src/domain/permissions.ts. Every form is posted without a CSRF
 * token (403 for everyone) and with one by each role (403 exactly when the table says no).
 *
 * A new route needs an example URL in `EXAMPLES` (for routes with parameters) so the crawl can open it; the test
 * fails until it has one, so no route escapes the crawl.
 */
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import Fastify, { type FastifyInstance } from 'fastify'
import { demoApp } from '../../test/app.ts'
import { ENDS_SESSION, exampleUrl } from '../../test/route-examples.ts'
import { csrfTokenIn, cookiesFrom, signedInAs } from '../../test/sign-in.ts'
import { can, ROLES, type Role } from '../domain/permissions.ts'
import type { Services } from '../services/index.ts'
import { enforceAccess } from './access.ts'

const SIGNED_IN_ROLES = ROLES.filter((role): role is Exclude<Role, 'public'> => role !== 'public')

describe('every route enforces the permission table', () => {
  let app: FastifyInstance
  let services: Services
  let close: () => Promise<void>
  const sessions = new Map<Role, { cookies: Record<string, string>; csrfToken: string }>()

  before(async () => {
    ;({ app, services, close } = await demoApp({ signInRateLimitPerMinute: 10_000, rateLimitPerMinute: 100_000 }))
    for (const role of SIGNED_IN_ROLES) {
      const { cookies, csrfToken } = await signedInAs(app, services, role)
      sessions.set(role, { cookies, csrfToken })
    }
    // The EXAMPLES for /admin/users/:id name this account.
    assert.equal((await services.users.find(1))?.email, 'administrator@council.test')
    const form = await app.inject('/sign-in')
    sessions.set('public', { cookies: cookiesFrom(form), csrfToken: csrfTokenIn(form.body) })
  })
  after(async () => {
    await close()
  })

  it('declares who may open each route (the app refuses to start otherwise)', () => {
    assert.ok(app.declaredRoutes.length >= 8)
    for (const route of app.declaredRoutes) assert.ok(route.access.length > 0, `${route.method} ${route.url}`)
    const bare = Fastify()
    enforceAccess(bare)
    assert.throws(() => bare.get('/forgotten', () => 'oops'), /Route GET \/forgotten does not say who may open it/)
  })

  it('opens each page exactly to the roles the table allows', async () => {
    const checked: string[] = []
    for (const route of app.declaredRoutes.filter((r) => r.method === 'GET')) {
      const url = exampleUrl(route.url)
      for (const role of ROLES) {
        const session = sessions.get(role)
        assert.ok(session)
        const response = await app.inject({ url, cookies: session.cookies })
        const allowed = route.access === 'anyone' || can(role, route.access)
        const where = `GET ${url} as ${role} (${route.access})`
        assert.ok(response.statusCode < 500, `${where}: ${response.statusCode}`)
        if (allowed) {
          assert.notEqual(response.statusCode, 403, where)
          assert.ok(!(response.headers.location ?? '').startsWith('/sign-in'), `${where} sent to sign in`)
        } else if (role === 'public') {
          assert.equal(response.statusCode, 303, where)
          assert.equal(response.headers.location, `/sign-in?returnTo=${encodeURIComponent(url)}`, where)
        } else {
          assert.equal(response.statusCode, 403, where)
          assert.match(response.body, /You do not have permission/, where)
        }
        checked.push(where)
      }
    }
    assert.ok(checked.length >= ROLES.length * 8)
  })

  it('refuses every form posted without a CSRF token, whoever sends it', async () => {
    for (const route of app.declaredRoutes.filter((r) => r.method !== 'GET')) {
      for (const role of ROLES) {
        const session = sessions.get(role)
        assert.ok(session)
        const response = await app.inject({
          method: route.method as 'POST',
          url: exampleUrl(route.url),
          cookies: session.cookies,
          payload: {},
        })
        assert.equal(response.statusCode, 403, `${route.method} ${route.url} as ${role} without a token`)
      }
    }
  })

  it('refuses a CSRF token made for another session', async () => {
    const officer = sessions.get('performance-officer')
    const director = sessions.get('director')
    assert.ok(officer && director)
    const response = await app.inject({
      method: 'POST',
      url: '/sign-out',
      cookies: officer.cookies,
      payload: { _csrf: director.csrfToken },
    })
    assert.equal(response.statusCode, 403)
  })

  it('lets each form be sent exactly by the roles the table allows', async () => {
    const routes = app.declaredRoutes.filter((r) => r.method !== 'GET')
    const ordered = [
      ...routes.filter((r) => !ENDS_SESSION.has(r.url)),
      ...routes.filter((r) => ENDS_SESSION.has(r.url)),
    ]
    for (const route of ordered) {
      for (const role of ROLES) {
        const session =
          ENDS_SESSION.has(route.url) && role !== 'public' ? await signedInAs(app, services, role) : sessions.get(role)
        assert.ok(session)
        const response = await app.inject({
          method: route.method as 'POST',
          url: exampleUrl(route.url),
          cookies: session.cookies,
          payload: { _csrf: session.csrfToken },
        })
        const allowed = route.access === 'anyone' || can(role, route.access)
        const where = `${route.method} ${route.url} as ${role} (${route.access})`
        assert.ok(response.statusCode < 500, `${where}: ${response.statusCode} ${response.body.slice(0, 200)}`)
        if (allowed) assert.notEqual(response.statusCode, 403, where)
        else assert.equal(response.statusCode, 403, where)
      }
    }
  })
})

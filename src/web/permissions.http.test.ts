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
import { csrfTokenIn, cookiesFrom, signedInAs } from '../../test/sign-in.ts'
import { can, ROLES, type Role } from '../domain/permissions.ts'
import type { Services } from '../services/index.ts'
import { enforceAccess } from './access.ts'

/** A URL to open for each route with parameters (or whose bare URL is not the page, like wildcards). */
const EXAMPLES: Record<string, string> = {
  '/datasets/:dataset': '/datasets/monthly',
  '/datasets/:dataset/:file': '/datasets/monthly/2018-04',
  '/datasets/:dataset/:period/publish': '/datasets/monthly/2018-04/publish',
  '/datasets/:dataset/:period/publications': '/datasets/monthly/2018-04/publications',
  '/indicators/:id': '/indicators/contacts-cin-referrals',
  // The crawl's demo has no Annex A import: officers get the page saying so (404), everyone else 403 or sign-in.
  '/indicators/:id/children': '/indicators/icpc-in-time/children?month=2018-04',
  '/indicators/:id/children.csv': '/indicators/icpc-in-time/children.csv?month=2018-04',
  '/imports/:id': '/imports/1',
  '/meetings/:id': '/meetings/2',
  // An empty post is refused (no date), so the crawl changes nothing.
  '/meetings/:id/edit': '/meetings/2/edit',
  '/committees/:id': '/committees/1',
  '/api/meetings/:id': '/api/meetings/2',
  '/recommendations/:id': '/recommendations/1',
  '/recommendations/:id/updates': '/recommendations/1/updates',
  '/meetings/:id/monitoring-report': '/meetings/2/monitoring-report',
  '/glossary/:slug/edit': '/glossary/child-protection/edit',
  '/glossary/:slug/remove': '/glossary/child-protection/remove',
  '/datasets/:dataset/:period/commentary': '/datasets/monthly/2018-04/commentary',
  // An indicator with no owner and no commentary: posting an empty form changes nothing, whoever sends it.
  '/datasets/:dataset/:period/commentary/:indicator': '/datasets/monthly/2018-04/commentary/uha-started',
  '/datasets/:dataset/:period/commentary/:indicator/submit': '/datasets/monthly/2018-04/commentary/uha-started/submit',
  '/datasets/:dataset/:period/commentary/:indicator/approve':
    '/datasets/monthly/2018-04/commentary/uha-started/approve',
  '/datasets/:dataset/:period/commentary/:indicator/return': '/datasets/monthly/2018-04/commentary/uha-started/return',
  // The demo overview for April 2018 is approved: posting an empty form changes nothing.
  '/datasets/:dataset/:period/overview': '/datasets/monthly/2018-04/overview',
  '/datasets/:dataset/:period/overview/draft-variations': '/datasets/monthly/2018-04/overview/draft-variations',
  '/datasets/:dataset/:period/overview/submit': '/datasets/monthly/2018-04/overview/submit',
  '/datasets/:dataset/:period/overview/approve': '/datasets/monthly/2018-04/overview/approve',
  '/datasets/:dataset/:period/overview/return': '/datasets/monthly/2018-04/overview/return',
  // User 1 is the crawl's administrator (the first account signedInAs makes): disabling or demoting themselves is
  // refused, so the crawl's empty posts change nothing that later requests depend on.
  '/admin/users/:id': '/admin/users/1',
  '/admin/users/:id/role': '/admin/users/1/role',
  '/admin/users/:id/disable': '/admin/users/1/disable',
  '/admin/users/:id/enable': '/admin/users/1/enable',
  '/admin/users/:id/unlock': '/admin/users/1/unlock',
  '/admin/users/:id/sign-out-everywhere': '/admin/users/1/sign-out-everywhere',
  '/admin/users/:id/password': '/admin/users/1/password',
  '/meetings/:id/pack': '/meetings/2/pack',
  '/meetings/:id/pack.pdf': '/meetings/2/pack.pdf',
  // Meeting 1 (22 March 2018) has the demo's approved minutes: every form posted to them is refused (400) and
  // changes nothing; minute 29 has no resolution, so no recommendation is made from it.
  '/meetings/:id/minutes': '/meetings/1/minutes',
  '/meetings/:id/minutes/edit': '/meetings/1/minutes/edit',
  '/meetings/:id/minutes/items/new': '/meetings/1/minutes/items/new',
  '/meetings/:id/minutes/items/:number/edit': '/meetings/1/minutes/items/29/edit',
  '/meetings/:id/minutes/approve': '/meetings/1/minutes/approve',
  '/meetings/:id/minutes/items/:number/recommendation': '/meetings/1/minutes/items/29/recommendation',
  // Reports: item 9 of 7 June 2018 has the demo report. Empty posts are refused (400); the crawl's remove posts name
  // an appendix and an agenda item that do not exist, so nothing the later requests read is removed.
  '/meetings/:id/items/:position': '/meetings/2/items/9',
  '/meetings/:id/items/:position/report': '/meetings/2/items/9/report',
  '/meetings/:id/items/:position/appendices': '/meetings/2/items/9/appendices',
  '/meetings/:id/items/:position/appendices/upload': '/meetings/2/items/9/appendices/upload',
  '/reports/appendices/:id': '/reports/appendices/1',
  '/reports/appendices/:id/remove': '/reports/appendices/999999/remove',
  '/meetings/:id/agenda': '/meetings/2/agenda',
  '/meetings/:id/agenda/items': '/meetings/2/agenda/items',
  '/meetings/:id/agenda/items/:item/move': '/meetings/2/agenda/items/1/move',
  '/meetings/:id/agenda/items/:item/remove': '/meetings/2/agenda/items/999999/remove',
}

/** Routes whose POST ends the session it is sent with; crawled last, with a fresh session each. */
const ENDS_SESSION = new Set(['/sign-out', '/admin/users/:id/sign-out-everywhere'])

function exampleUrl(url: string): string {
  const example = EXAMPLES[url]
  if (example !== undefined) return example
  assert.ok(!url.includes(':') && !url.includes('*'), `Add an example URL for ${url} to EXAMPLES in this test.`)
  return url
}

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

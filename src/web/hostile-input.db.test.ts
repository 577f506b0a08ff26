/**
 * Issue 11's drills of hostile input, on the embedded database and on PostgreSQL: every malformed path parameter
 * answers a 400 or 404 page (never a 500, never fastify's raw JSON or a database's message); a spoofed
 * X-Forwarded-For does not escape the rate limit unless the proxy is trusted; the sign-in redirect accepts only
 * paths on this site; eight simultaneous publications of one month give one new version and seven answers saying
 * what happened, never a 500; and absolute URLs come from PUBLIC_URL, never from the Host header.
 */
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import { storeTargets } from '../../test/databases.ts'
import { exampleUrl } from '../../test/route-examples.ts'
import { cookiesFrom, csrfTokenIn, signedInAs, TEST_PASSWORD } from '../../test/sign-in.ts'
import { can, ROLES, type Role } from '../domain/permissions.ts'
import { services as buildServices, type Services } from '../services/index.ts'
import type { Store } from '../store/connect.ts'
import { createApp, type AppOptions } from './app.ts'

/** Path parameters no address of ours holds: NUL bytes, control characters, out-of-range and signed numbers, floods. */
const MALFORMED = [
  '%00',
  'a%00b',
  '99999999999999999999',
  '2147483648',
  '-1',
  '1.5',
  '%0d%0aSet-Cookie:%20x=1',
  'A'.repeat(300),
  '%FF',
  '%E0%A4%A',
]

/** What a database says when it fails, which must never reach a page. */
const DATABASE_WORDS =
  /invalid byte sequence|out of range|duplicate key|violates|syntax error|ECONNREFUSED|postgres|pglite|SQLSTATE|"code"/i

const SIGNED_IN_ROLES = ROLES.filter((role): role is Exclude<Role, 'public'> => role !== 'public')

async function appOver(
  store: Store,
  options: Partial<AppOptions> = {},
): Promise<{ app: FastifyInstance; services: Services }> {
  const services = buildServices(store, { maxImportBytes: 20 * 1024 * 1024, councilName: 'Demo City Council' })
  const app = await createApp(services, {
    environment: 'production',
    cookieSecret: 'test-secret-test-secret-test-secret',
    rateLimitPerMinute: 1_000_000,
    signInRateLimitPerMinute: 1_000_000,
    ...options,
  })
  await app.ready()
  return { app, services }
}

/** The answer is one of our own pages (JSON under /api/), and says nothing a database said. */
function assertOwnPage(response: LightMyRequestResponse, where: string): void {
  const api = where.includes(' /api/')
  assert.match(String(response.headers['content-type']), api ? /application\/json/ : /text\/html/, where)
  if (!api) assert.match(response.body, /<html/, where)
  assert.doesNotMatch(response.body, DATABASE_WORDS, where)
  assert.doesNotMatch(response.body, /"statusCode"/, `${where}: fastify's raw JSON`)
}

for (const target of storeTargets()) {
  describe(`hostile input on ${target.name}`, { skip: target.skip }, () => {
    let store: Store
    let app: FastifyInstance
    let services: Services
    const sessions = new Map<Role, { cookies: Record<string, string>; csrfToken: string }>()

    before(async () => {
      store = await (target.openDemo ?? (() => Promise.reject(new Error('no database'))))()
      ;({ app, services } = await appOver(store))
      for (const role of SIGNED_IN_ROLES) sessions.set(role, await signedInAs(app, services, role))
      const form = await app.inject('/sign-in')
      sessions.set('public', { cookies: cookiesFrom(form), csrfToken: csrfTokenIn(form.body) })
    })
    after(async () => {
      await app.close()
      await store.close()
    })

    it('answers a 400 or 404 page for every malformed path parameter of every route, as someone allowed to open it', async () => {
      let checked = 0
      for (const route of app.declaredRoutes.filter((r) => r.url.includes(':'))) {
        const role: Role =
          route.access === 'anyone' ? 'public' : (ROLES.find((r) => can(r, route.access as never)) ?? 'administrator')
        const session = sessions.get(role)
        assert.ok(session, role)
        const pattern = route.url.split('/')
        const example = exampleUrl(route.url).split('?')[0]?.split('/') ?? []
        assert.equal(pattern.length, example.length, `${route.url} and its example have the same segments`)
        for (const [index, segment] of pattern.entries()) {
          if (!segment.startsWith(':')) continue
          for (const bad of MALFORMED) {
            const url = [...example.slice(0, index), bad, ...example.slice(index + 1)].join('/')
            const where = `${route.method} ${url} as ${role}`
            const response = await app.inject({
              method: route.method as 'GET' | 'POST',
              url,
              cookies: session.cookies,
              ...(route.method === 'GET' ? {} : { payload: { _csrf: session.csrfToken } }),
            })
            assert.ok(
              [400, 404].includes(response.statusCode),
              `${where}: ${response.statusCode} ${response.body.slice(0, 300)}`,
            )
            assertOwnPage(response, where)
            checked++
          }
        }
      }
      assert.ok(checked > 500, `${checked} requests`)
    })

    it('answers the three addresses of the report as pages: NUL byte, out-of-range id, invalid percent-encoding', async () => {
      const officer = sessions.get('performance-officer')
      for (const url of ['/datasets/%00/2018-04', '/imports/99999999999999999999', '/datasets/%FF/2018-04']) {
        const response = await app.inject({ url, cookies: officer?.cookies ?? {} })
        assert.ok([400, 404].includes(response.statusCode), `${url}: ${response.statusCode}`)
        assertOwnPage(response, `GET ${url}`)
      }
    })

    it('gives eight simultaneous publications of one month one new version and tells the other seven, with no 500', async () => {
      const director = sessions.get('director')
      assert.ok(director)
      const form = await app.inject({ url: '/datasets/monthly/2018-04/publish', cookies: director.cookies })
      assert.equal(form.statusCode, 200)
      const version = /name="version" value="(\d+)"/.exec(form.body)?.[1] ?? ''
      assert.match(version, /^\d+$/)
      const before = await services.publications.history('monthly', '2018-04')
      const answers = await Promise.all(
        Array.from({ length: 8 }, () =>
          app.inject({
            method: 'POST',
            url: '/datasets/monthly/2018-04/publish',
            cookies: director.cookies,
            payload: { _csrf: csrfTokenIn(form.body), version },
          }),
        ),
      )
      const statuses = answers.map((a) => a.statusCode).sort()
      assert.deepEqual(statuses, [303, 409, 409, 409, 409, 409, 409, 409])
      for (const refused of answers.filter((a) => a.statusCode === 409)) {
        assertOwnPage(refused, 'POST publish')
        assert.match(refused.body, new RegExp(`Version ${version} of this month was published by`))
        assert.match(refused.body, /nothing more was published/)
      }
      const afterwards = await services.publications.history('monthly', '2018-04')
      assert.equal(afterwards.length, before.length + 1)
    })

    it('publishes simultaneous publications without a version (the command line) as consecutive versions', async () => {
      const before = await services.publications.history('monthly', '2018-05')
      const results = await Promise.all(
        Array.from({ length: 8 }, () => services.publications.publish('monthly', '2018-05', 'test')),
      )
      assert.ok(results.every((r) => r.ok))
      const versions = results.map((r) => (r.ok ? r.value.version : 0)).sort((a, b) => a - b)
      const first = before.length + 1
      assert.deepEqual(
        versions,
        Array.from({ length: 8 }, (_, i) => first + i),
      )
    })

    it('accepts only paths on this site as where to go after signing in', async () => {
      const email = 'returning@council.test'
      await services.accounts.createUser(
        { email, name: 'Returning Officer', role: 'performance-officer', password: TEST_PASSWORD },
        { actor: 'test' },
      )
      const cases: Array<[string, string]> = [
        ['/datasets/monthly/2018-04?view=all', '/datasets/monthly/2018-04?view=all'],
        ['/\t/evil.example', '/'],
        ['/\r\nSet-Cookie: stolen=1', '/'],
        ['//evil.example', '/'],
        ['/\\evil.example', '/'],
        ['/.//evil.example', '/'],
        ['https://evil.example/', '/'],
        // Still encoded: a path on this site, not another host.
        ['/%09/evil.example', '/%09/evil.example'],
      ]
      for (const [returnTo, expected] of cases) {
        // The form is rendered with the checked path…
        const page = await app.inject({ url: `/sign-in?returnTo=${encodeURIComponent(returnTo)}` })
        assert.equal(page.statusCode, 200, JSON.stringify(returnTo))
        // …and a sign-in posting any returnTo is sent only to a path on this site.
        const cookies = cookiesFrom(page)
        const response = await app.inject({
          method: 'POST',
          url: '/sign-in',
          cookies,
          payload: { email, password: TEST_PASSWORD, returnTo, _csrf: csrfTokenIn(page.body) },
        })
        assert.equal(response.statusCode, 303, `${JSON.stringify(returnTo)}: ${response.body.slice(0, 200)}`)
        assert.equal(response.headers.location, expected, JSON.stringify(returnTo))
      }
    })

    it('writes absolute URLs from PUBLIC_URL, whatever Host or X-Forwarded-Host says', async () => {
      const { app: behindProxy } = await appOver(store, {
        publicUrl: 'https://scrutiny.council.example',
        trustProxy: { kind: 'addresses', addresses: ['127.0.0.1'] },
      })
      try {
        const headers = { host: 'evil.example', 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'http' }
        for (const url of [
          '/meetings.ics',
          '/meetings.rss',
          '/committees/1/feed.rss',
          '/api/meetings',
          '/api/meetings/2',
        ]) {
          const response = await behindProxy.inject({ url, headers })
          assert.equal(response.statusCode, 200, url)
          assert.doesNotMatch(response.body, /evil\.example/, url)
          assert.match(response.body, /https:\/\/scrutiny\.council\.example\//, url)
        }
      } finally {
        await behindProxy.close()
      }
    })

    it('rate limits sign-in by the connection address however X-Forwarded-For is spoofed, and trusts a configured proxy', async () => {
      const attempt = async (limited: FastifyInstance, forwardedFor: string) => {
        const form = await limited.inject('/sign-in')
        return limited.inject({
          method: 'POST',
          url: '/sign-in',
          cookies: cookiesFrom(form),
          headers: { 'x-forwarded-for': forwardedFor },
          payload: { email: 'nobody@council.test', password: 'wrong password 1', _csrf: csrfTokenIn(form.body) },
        })
      }
      const { app: direct } = await appOver(store, { signInRateLimitPerMinute: 3 })
      const { app: proxied } = await appOver(store, {
        signInRateLimitPerMinute: 3,
        trustProxy: { kind: 'addresses', addresses: ['127.0.0.1'] },
      })
      try {
        const spoofed = []
        for (let i = 1; i <= 6; i++) spoofed.push((await attempt(direct, `203.0.113.${i}`)).statusCode)
        assert.deepEqual(spoofed, [400, 400, 400, 429, 429, 429], 'no trusted proxy: every attempt is the same client')
        // Behind a trusted proxy, each client is limited on its own (the proxy's word is taken).
        const forwarded = []
        for (let i = 1; i <= 6; i++) forwarded.push((await attempt(proxied, `203.0.113.${i}`)).statusCode)
        assert.deepEqual(forwarded, [400, 400, 400, 400, 400, 400])
        const sameClient = []
        for (let i = 1; i <= 4; i++) sameClient.push((await attempt(proxied, '198.51.100.7')).statusCode)
        assert.deepEqual(sameClient, [400, 400, 400, 429])
      } finally {
        await direct.close()
        await proxied.close()
      }
    })
  })
}

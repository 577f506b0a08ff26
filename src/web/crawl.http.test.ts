/**
 * Every page reachable by every role, followed link by link from the home page: no link answers 404 (or fails), so
 * nobody is sent to a page that is not there. Downloads, feeds and the API are only checked to answer; the crawl
 * follows HTML pages, up to PER_ROUTE addresses of each route. Axe on every page is src/web/pages.browser.test.ts's (one
 * page per route, in Chromium).
 */
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { FastifyInstance } from 'fastify'
import { demoApp } from '../../test/app.ts'
import { signedInAs } from '../../test/sign-in.ts'
import { ROLES, type Role } from '../domain/permissions.ts'
import type { Services } from '../services/index.ts'

const LINK = /href="(\/[^"#]*)/g
/** Followed only to check they answer: not pages to crawl further. */
const NOT_PAGES = /\.(ics|json|csv|xlsx|pdf|rss|css|js|svg|png|ico|woff2?)(\?|$)|^\/api\/|^\/assets\/|^\/public\//
/** Signing out would end the crawl's session. */
const LEAVE_ALONE = /^\/sign-out/
/**
 * Pages of one route (the same template with another id, month or filter) fail alike: the crawl opens at most this
 * many of each route for each role. Links into children are all followed by indicator-spc.http.test.ts.
 */
const PER_ROUTE = 3

describe('a crawl of every page each role can reach', () => {
  let app: FastifyInstance
  let services: Services
  let close: () => Promise<void>

  before(async () => {
    ;({ app, services, close } = await demoApp({ signInRateLimitPerMinute: 1000, rateLimitPerMinute: 1_000_000 }))
  })
  after(async () => {
    await close()
  })

  async function crawl(role: Role): Promise<{ visited: number; broken: string[] }> {
    const cookies = role === 'public' ? {} : (await signedInAs(app, services, role)).cookies
    // A route's shape: its fixed words kept, every id, month or slug a star, the query's names kept.
    const fixed = new Set(app.declaredRoutes.flatMap((r) => r.url.split('/').filter((w) => !w.includes(':'))))
    const shapeOf = (url: string): string => {
      const [path = '', query = ''] = url.split('?')
      const names = [...query.matchAll(/(?:^|&)([^=&]+)=/g)].map((m) => m[1]).join('&')
      return `${path
        .split('/')
        .map((w) => (fixed.has(w) ? w : '*'))
        .join('/')}?${names}`
    }
    const perShape = new Map<string, number>()
    const seen = new Set<string>(['/'])
    const queue: Array<{ url: string; from: string }> = [{ url: '/', from: '(start)' }]
    const broken: string[] = []
    let visited = 0
    while (queue.length > 0) {
      const { url, from } = queue.shift() as { url: string; from: string }
      const response = await app.inject({ url, cookies })
      visited += 1
      if (response.statusCode === 404 || response.statusCode >= 500)
        broken.push(`${url} (${response.statusCode}), linked from ${from}`)
      const type = String(response.headers['content-type'] ?? '')
      if (response.statusCode !== 200 || !type.startsWith('text/html') || NOT_PAGES.test(url)) continue
      for (const match of response.body.matchAll(LINK)) {
        const link = (match[1] ?? '').replaceAll('&amp;', '&')
        if (LEAVE_ALONE.test(link) || seen.has(link)) continue
        const shape = shapeOf(link)
        const count = perShape.get(shape) ?? 0
        if (count >= PER_ROUTE) continue
        perShape.set(shape, count + 1)
        seen.add(link)
        queue.push({ url: link, from: url })
      }
    }
    return { visited, broken }
  }

  for (const role of ROLES) {
    it(`finds no broken link as ${role}`, async () => {
      const { visited, broken } = await crawl(role)
      assert.deepEqual(broken, [], role)
      // The demo has meetings, papers, datasets and indicators: a crawl this short means links stopped being found.
      assert.ok(visited > 40, `${role}: visited ${visited}`)
    })
  }
})

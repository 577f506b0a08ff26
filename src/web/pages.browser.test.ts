/**
 * Every page in Chromium, as someone who may open it: no axe violations (WCAG 2.2 AA), and usable by keyboard — the
 * first Tab reaches "Skip to main content", and Tab alone reaches the buttons that send the page's forms.
 * The routes come from the app itself, so a new page is checked without anyone remembering to add it.
 */
import assert from 'node:assert/strict'
import { fileURLToPath } from 'node:url'
import { after, before, describe, it } from 'node:test'
import type { FastifyInstance } from 'fastify'
import type { Browser, BrowserContext } from 'playwright-core'
import { axeViolations, demoInChromium } from '../../test/browser.ts'
import { exampleUrl } from '../../test/route-examples.ts'
import { signedInAs } from '../../test/sign-in.ts'
import { can, ROLES, type Role } from '../domain/permissions.ts'
import type { Services } from '../services/index.ts'
import type { RouteAccess } from './access.ts'

const SMALL = fileURLToPath(new URL('../services/testdata/annex-a-small', import.meta.url))

/** Not pages: feeds, downloads and the API. */
const NOT_HTML = /\.(ics|json|csv|xlsx|pdf)$|^\/api\/|^\/health$/

/** The least privileged role that may open a route: the public where it can. */
function roleFor(access: RouteAccess): Role {
  if (access === 'anyone') return 'public'
  const role = ROLES.find((r) => r === 'public' && can(r, access)) ?? ROLES.find((r) => can(r, access))
  assert.ok(role, `nobody may open ${access}`)
  return role
}

describe('every page in Chromium: axe and keyboard', () => {
  let app: FastifyInstance
  let services: Services
  let close: () => Promise<void>
  let browser: Browser
  let base: string
  const contexts = new Map<Role, BrowserContext>()

  before(async () => {
    ;({ app, services, base, browser, close } = await demoInChromium({
      rateLimitPerMinute: 100_000,
      signInRateLimitPerMinute: 1000,
    }))
    // Children behind a figure exist only after an Annex A import.
    assert.ok((await services.annexA.importFile(SMALL, { actor: 'test' })).ok)
  })
  after(async () => {
    await close()
  })

  async function contextFor(role: Role): Promise<BrowserContext> {
    const existing = contexts.get(role)
    if (existing) return existing
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } })
    if (role !== 'public') {
      const { cookies } = await signedInAs(app, services, role)
      await context.addCookies(Object.entries(cookies).map(([name, value]) => ({ name, value, url: base })))
    }
    contexts.set(role, context)
    return context
  }

  it('every page passes axe and can be used by keyboard', async () => {
    const routes = app.declaredRoutes.filter((r) => r.method === 'GET' && !NOT_HTML.test(r.url))
    const checked: string[] = []
    for (const route of routes) {
      const url = exampleUrl(route.url)
      const role = roleFor(route.access)
      const page = await (await contextFor(role)).newPage()
      try {
        const response = await page.goto(`${base}${url}`)
        const type = response?.headers()['content-type'] ?? ''
        if (response?.status() !== 200 || !type.startsWith('text/html')) continue
        const where = `${url} as ${role}`
        assert.deepEqual(await axeViolations(page), [], where)

        await page.keyboard.press('Tab')
        assert.equal(
          (await page.locator(':focus').textContent())?.trim(),
          'Skip to main content',
          `${where}: the first Tab reaches the skip link`,
        )
        const submits = 'main form button:not([type="button"])'
        if ((await page.locator(submits).count()) > 0) {
          let reached = false
          for (let presses = 0; presses < 150 && !reached; presses += 1) {
            await page.keyboard.press('Tab')
            reached = (await page.locator(`${submits}:focus`).count()) === 1
          }
          assert.ok(reached, `${where}: Tab reaches a form's button`)
        }
        checked.push(where)
      } finally {
        await page.close()
      }
    }
    // The public and officer pages of every feature: a drop here means pages stopped being checked.
    assert.ok(checked.length >= 38, `checked ${checked.length} pages: ${checked.join(', ')}`)
  })

  describe('edge cases', () => {
    it('chooses the public where it may, and otherwise the first role that may', () => {
      assert.equal(roleFor('anyone'), 'public')
      assert.equal(roleFor('view-glossary'), 'public')
      assert.equal(roleFor('manage-users'), 'administrator')
      assert.equal(roleFor('manage-minutes'), 'democratic-services')
    })
  })
})

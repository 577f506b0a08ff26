/**
 * Every page in Chromium, as someone who may open it: no axe violations (WCAG 2.2 AA), usable by keyboard — the
 * first Tab reaches "Skip to main content", and Tab alone reaches the buttons that send the page's forms — and
 * reflowing (WCAG 1.4.10): at 1280, 390 and 320 px the page itself never scrolls sideways, and every table sits in
 * a keyboard-focusable, labelled scroll region.
 * The routes come from the app itself, so a new page is checked without anyone remembering to add it.
 */
import assert from 'node:assert/strict'
import { fileURLToPath } from 'node:url'
import { after, before, describe, it } from 'node:test'
import type { FastifyInstance } from 'fastify'
import type { Browser, BrowserContext, Page } from 'playwright-core'
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

/** Widths the page must reflow at without scrolling sideways: a laptop, a phone, and WCAG 1.4.10's 320 CSS px. */
const WIDTHS = [1280, 390, 320] as const

/**
 * What stops a page reflowing at each width: the page scrolling sideways, or a table outside a focusable, labelled
 * scroll region. Resizes the page it is given (no reload) and leaves it at the last width.
 */
async function reflowProblems(page: Page, where: string): Promise<string[]> {
  const problems: string[] = []
  // Run in the page as text: this project's TypeScript has no DOM types.
  const loose = await page.evaluate<string[]>(`[...document.querySelectorAll('main table')]
    .filter((table) => {
      const region = table.closest('.app-table-scroll')
      return region === null || region.getAttribute('role') !== 'region' || region.getAttribute('tabindex') !== '0' ||
        !(region.hasAttribute('aria-label') || region.hasAttribute('aria-labelledby'))
    })
    .map((table) => table.querySelector('caption')?.textContent?.trim() ?? table.className)`)
  for (const table of loose) problems.push(`${where}: table "${table}" is not in a focusable, labelled scroll region`)
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: 900 })
    const scrollWidth = await page.evaluate<number>('document.documentElement.scrollWidth')
    if (scrollWidth > width) problems.push(`${where} at ${width} px: the page is ${scrollWidth} px wide`)
  }
  return problems
}

describe('every page in Chromium: axe, keyboard and reflow', () => {
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
    const reflow: string[] = []
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
        reflow.push(...(await reflowProblems(page, where)))
        checked.push(where)
      } finally {
        await page.close()
      }
    }
    // The public and officer pages of every feature: a drop here means pages stopped being checked.
    assert.ok(checked.length >= 38, `checked ${checked.length} pages: ${checked.join(', ')}`)
    assert.deepEqual(reflow, [])
  })

  it('fits the pack, its filtered view, the recommendations and the monitoring report in 1280 px and reflows them, for the public, a panel member and an officer', async () => {
    const paths = [
      '/datasets/monthly/2018-04',
      '/datasets/monthly/2018-04?rag=red&changed=10',
      '/recommendations?status=all',
      '/meetings/2/monitoring-report',
    ]
    const problems: string[] = []
    for (const role of ['public', 'panel-member', 'performance-officer'] as const) {
      const page = await (await contextFor(role)).newPage()
      try {
        for (const path of paths) {
          await page.setViewportSize({ width: 1280, height: 900 })
          const response = await page.goto(`${base}${path}`)
          assert.equal(response?.status(), 200, `${path} as ${role}`)
          // At 1280 px nothing a councillor reads first is off to the side: only the pack's full table (behind
          // "Show monthly values") may scroll within its region.
          const clipped = await page.evaluate<number>(
            `[...document.querySelectorAll('.app-table-scroll:not(.app-table-scroll--pack)')].filter((region) => region.scrollWidth > region.clientWidth).length`,
          )
          if (clipped > 0) problems.push(`${path} as ${role} at 1280 px: ${clipped} table(s) scroll sideways`)
          problems.push(...(await reflowProblems(page, `${path} as ${role}`)))
        }
      } finally {
        await page.close()
      }
    }
    assert.deepEqual(problems, [])
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

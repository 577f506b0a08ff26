/**
 * Every page in Chromium, as every role that may open it: no axe violations (WCAG 2.2 AA), reflowing (WCAG 1.4.10:
 * at 1280, 390 and 320 px the page itself never scrolls sideways, and every table sits in a keyboard-focusable,
 * labelled scroll region), and usable by keyboard — the first Tab reaches "Skip to main content", and Tab alone
 * reaches the buttons that send the page's forms (once per page, as the first role that opens it): through the
 * header on a role's first page, and from the main content, where the skip link takes the keyboard, on the rest.
 * The routes come from the app itself, so a new page is checked without anyone remembering to add it. A page whose
 * main content another role has already seen checked is not opened again (`mainFingerprint` says why that is
 * enough); the crawl in crawl.http.test.ts follows every role's links to prove none answers 404.
 */
import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import { fileURLToPath } from 'node:url'
import { after, before, describe, it } from 'node:test'
import type { FastifyInstance } from 'fastify'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { axeViolations, demoInChromium, loadAxeIntoEveryPage } from '../../test/browser.ts'
import { exampleUrl } from '../../test/route-examples.ts'
import { signedInAs } from '../../test/sign-in.ts'
import { can, ROLES, type Role } from '../domain/permissions.ts'
import type { Services } from '../services/index.ts'
import type { RouteAccess } from './access.ts'

const SMALL = fileURLToPath(new URL('../services/testdata/annex-a-small', import.meta.url))

/** Not pages: feeds, downloads and the API. */
const NOT_HTML = /\.(ics|json|csv|xlsx|pdf)$|^\/api\/|^\/health$/

/** Whether `role` may open a route with `access`. */
function mayOpen(role: Role, access: RouteAccess): boolean {
  return access === 'anyone' || can(role, access)
}

/**
 * What a page's main content is, whoever asks: its markup without the per-request CSRF token and nonce. Pages with
 * the same main content under the same role's header are the same page to axe and to layout: the header and the main
 * content are blocks one above the other, so the page is as wide as the wider of them, and each role's header is
 * checked on the first page that role opens.
 */
function mainFingerprint(html: string): string {
  const main = /<main[\s\S]*<\/main>/.exec(html)?.[0] ?? html
  return createHash('sha256')
    .update(main.replace(/name="_csrf" value="[^"]*"/g, '').replace(/nonce="[^"]*"/g, ''))
    .digest('hex')
}

/**
 * The first Tab reaches "Skip to main content", and Tab alone reaches the buttons that send the page's forms: from
 * the top of the page through the header, or (`skip`) from the main content, where following the skip link takes the
 * keyboard (the header is the same on every page of a role, and tabbing through it on each was a third of the presses).
 */
async function assertUsableByKeyboard(page: Page, where: string, skip: boolean): Promise<void> {
  await page.keyboard.press('Tab')
  assert.equal(
    (await page.locator(':focus').textContent())?.trim(),
    'Skip to main content',
    `${where}: the first Tab reaches the skip link`,
  )
  const submits = 'main form button:not([type="button"])'
  if ((await page.locator(submits).count()) === 0) return
  if (skip) {
    await page.keyboard.press('Enter')
    // Following a link is a navigation the page makes after the key press has been handled: wait for it.
    await page
      .waitForFunction(`location.hash === '#main-content'`, undefined, { timeout: 5000 })
      .catch(() => assert.fail(`${where}: the skip link goes to the main content`))
  }
  // The page notes when Tab lands on a form's button, so the presses go ten at a time between two looks.
  await page.evaluate(`window.appTabReachedSubmit = false
    document.addEventListener('focusin', (event) => {
      if (event.target.matches('${submits}')) window.appTabReachedSubmit = true
    })`)
  let reached = false
  for (let presses = 0; presses < 150 && !reached; presses += 10) {
    for (let press = 0; press < 10; press += 1) await page.keyboard.press('Tab')
    reached = await page.evaluate<boolean>('window.appTabReachedSubmit')
  }
  assert.ok(reached, `${where}: Tab reaches a form's button`)
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
    await loadAxeIntoEveryPage(context)
    if (role !== 'public') {
      const { cookies } = await signedInAs(app, services, role)
      await context.addCookies(Object.entries(cookies).map(([name, value]) => ({ name, value, url: base })))
    }
    contexts.set(role, context)
    return context
  }

  /**
   * One tab per role, going from page to page as a person does: a new tab for every page started a new renderer
   * process for each, which was a quarter of this test's CPU.
   */
  const pages = new Map<Role, Page>()
  async function pageFor(role: Role): Promise<Page> {
    const existing = pages.get(role)
    if (existing !== undefined) return existing
    const page = await (await contextFor(role)).newPage()
    pages.set(role, page)
    return page
  }

  it('every page each role may open passes axe, reflows at 1280, 390 and 320 px, and can be used by keyboard', async () => {
    const routes = app.declaredRoutes.filter((r) => r.method === 'GET' && !NOT_HTML.test(r.url))
    const reflow: string[] = []
    const checkedMains = new Set<string>()
    const keyboardChecked = new Set<string>()
    const pagesOf = new Map<Role, number>()
    let opened = 0
    for (const role of ROLES) {
      const cookies = role === 'public' ? {} : (await signedInAs(app, services, role)).cookies
      let headerChecked = false
      for (const route of routes) {
        if (!mayOpen(role, route.access)) continue
        const url = exampleUrl(route.url)
        // The server's page first, without a browser: most pages look the same to several roles.
        const served = await app.inject({ url, cookies })
        if (served.statusCode !== 200 || !String(served.headers['content-type']).startsWith('text/html')) continue
        pagesOf.set(role, (pagesOf.get(role) ?? 0) + 1)
        const main = mainFingerprint(served.body)
        const keyboard = !keyboardChecked.has(route.url)
        if (checkedMains.has(main) && headerChecked && !keyboard) continue

        const where = `${url} as ${role}`
        const page = await pageFor(role)
        // The reflow check left the page at its narrowest.
        await page.setViewportSize({ width: 1280, height: 900 })
        const response = await page.goto(`${base}${url}`)
        assert.equal(response?.status(), 200, where)
        opened += 1
        assert.deepEqual(await axeViolations(page), [], where)
        if (keyboard) await assertUsableByKeyboard(page, where, headerChecked)
        reflow.push(...(await reflowProblems(page, where)))
        checkedMains.add(main)
        keyboardChecked.add(route.url)
        headerChecked = true
      }
    }
    // Every role's pages, and the public and officer pages of every feature: a drop here means pages stopped being
    // checked.
    assert.deepEqual(
      ROLES.filter((role) => (pagesOf.get(role) ?? 0) < 20),
      [],
      `pages per role: ${JSON.stringify(Object.fromEntries(pagesOf))}`,
    )
    assert.ok(keyboardChecked.size >= 38, `checked ${keyboardChecked.size} routes by keyboard`)
    assert.ok(opened >= checkedMains.size && checkedMains.size >= 60, `${checkedMains.size} different pages`)
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
    it('lets each role open what it may, and signed-in roles what anyone may', () => {
      assert.ok(mayOpen('public', 'anyone'))
      assert.ok(mayOpen('panel-member', 'view-glossary'))
      assert.ok(mayOpen('administrator', 'manage-users'))
      assert.ok(!mayOpen('public', 'manage-minutes'))
      assert.ok(!mayOpen('panel-member', 'manage-users'))
    })

    it('sees the same main content through a new CSRF token and nonce, and not through changed words', () => {
      const page = (token: string, words: string) =>
        `<header>a</header><main nonce="${token}"><form><input name="_csrf" value="${token}">${words}</form></main>`
      assert.equal(mainFingerprint(page('one', 'Save')), mainFingerprint(page('two', 'Save')))
      assert.notEqual(mainFingerprint(page('one', 'Save')), mainFingerprint(page('one', 'Publish')))
    })
  })
})

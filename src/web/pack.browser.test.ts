import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { FastifyInstance } from 'fastify'
import type { Browser, Page } from 'playwright-core'
import { axeViolations, demoInChromium, desktopPage } from '../../test/browser.ts'
import { signedInAs } from '../../test/sign-in.ts'
import type { Services } from '../services/index.ts'

/**
 * What the pack's pages do in Chromium, and the states of them that the every-page test (pages.browser.test.ts,
 * which checks every page as it first opens, as every role, with axe) does not reach: the full table opened, a
 * published version, the page for an address that does not exist.
 */
describe('pages in Chromium', () => {
  let app: FastifyInstance
  let services: Services
  let close: () => Promise<void>
  let browser: Browser
  let page: Page
  let base: string

  before(async () => {
    ;({ app, services, base, browser, close } = await demoInChromium())
    page = await desktopPage(browser)
  })
  after(async () => {
    await close()
  })

  it('shows the April 2018 pack table with every indicator and no axe violations', async () => {
    const errors: string[] = []
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text())
    })
    const response = await page.goto(`${base}/datasets/monthly/2018-04`)
    assert.equal(response?.status(), 200)
    // The council's full table, behind "Show monthly values" below the at-a-glance table.
    await page.locator('table.app-glance-table').waitFor()
    await page.getByText('Show monthly values').click()
    const table = page.locator('table.app-pack-table')
    await table.waitFor()
    const caption = await table.locator('caption').textContent()
    assert.match(caption ?? '', /April 2018/)
    const rowHeadings = await table.locator('tbody th[scope="row"]').allTextContents()
    assert.ok(rowHeadings.some((t) => t.includes('Number of Section 47 (S47) enquiries started')))
    const headers = await table.locator('thead th').allTextContents()
    assert.ok(
      headers.some((t) => /Apr-17/.test(t)),
      'first month column',
    )
    assert.ok(
      headers.some((t) => /Apr-18/.test(t)),
      'last month column',
    )
    assert.deepEqual(await axeViolations(page), [])
    assert.deepEqual(errors, [], 'no console errors (CSP blocks nothing of ours)')
  })

  it('shows an indicator page with its chart', async () => {
    const response = await page.goto(`${base}/indicators/sa-in-45wd`)
    assert.equal(response?.status(), 200)
    assert.ok(await page.locator('svg[role="img"]').count())
  })

  it('shows a director a published version of the pack with no axe violations', async () => {
    const director = await signedInAs(app, services, 'director')
    await page
      .context()
      .addCookies(Object.entries(director.cookies).map(([name, value]) => ({ name, value, url: base })))
    const response = await page.goto(`${base}/datasets/monthly/2018-04?version=1`)
    assert.equal(response?.status(), 200)
    assert.deepEqual(await axeViolations(page), [])
    await page.context().clearCookies()
  })

  it('shows a director the SPC summary grid, every indicator in one cell, each leading to its indicator page', async () => {
    const director = await signedInAs(app, services, 'director', 'Grid Director')
    await page
      .context()
      .addCookies(Object.entries(director.cookies).map(([name, value]) => ({ name, value, url: base })))
    try {
      const response = await page.goto(`${base}/datasets/monthly/2018-04/spc`)
      assert.equal(response?.status(), 200)
      const grid = page.locator('table.app-spc-grid')
      assert.match((await grid.locator('caption').textContent()) ?? '', /variation \(rows\) and assurance \(columns\)/)
      const links = grid.locator('tbody td a')
      const texts = await links.allTextContents()
      // The pack's indicators, each once: the grid places each by its variation and assurance.
      assert.ok(texts.length >= 40, `${texts.length} indicators in the grid`)
      assert.equal(new Set(texts).size, texts.length, 'no indicator in two cells')
      assert.deepEqual(await axeViolations(page), [])
      const first = links.first()
      const href = await first.getAttribute('href')
      assert.match(href ?? '', /^\/indicators\/[a-z0-9-]+/)
      await first.click()
      await page.waitForURL(`${base}${href ?? ''}`)
      assert.equal(await page.locator('h1').count(), 1)
      assert.ok(await page.locator('svg.app-chart--xmr, .app-chart--xmr svg, svg[role="img"]').count())
    } finally {
      await page.context().clearCookies()
    }
  })

  it('shows a page that does not exist with no axe violations', async () => {
    const response = await page.goto(`${base}/no-such-page`)
    assert.equal(response?.status(), 404)
    assert.deepEqual(await axeViolations(page), [])
  })
})

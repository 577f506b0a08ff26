import assert from 'node:assert/strict'
import { fileURLToPath } from 'node:url'
import { after, before, describe, it } from 'node:test'
import type { FastifyInstance } from 'fastify'
import type { Browser, Page } from 'playwright-core'
import { axeViolations, demoInChromium, desktopPage } from '../../test/browser.ts'
import { signedInAs } from '../../test/sign-in.ts'
import type { Services } from '../services/index.ts'

const SMALL = fileURLToPath(new URL('../services/testdata/annex-a-small', import.meta.url))

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

  it('shows an indicator page with its chart and no axe violations', async () => {
    const response = await page.goto(`${base}/indicators/sa-in-45wd`)
    assert.equal(response?.status(), 200)
    assert.ok(await page.locator('svg[role="img"]').count())
    assert.deepEqual(await axeViolations(page), [])
  })

  it('shows the Annex A imports and a data-quality report with no axe violations', async () => {
    const imported = await services.annexA.importFile(SMALL, { actor: 'test' })
    assert.ok(imported.ok)
    for (const path of ['/imports', `/imports/${imported.value.importId}`]) {
      const response = await page.goto(`${base}${path}`)
      assert.equal(response?.status(), 200, path)
      assert.deepEqual(await axeViolations(page), [], path)
    }
  })

  it('shows a director the live pack, the publish page and the published versions with no axe violations', async () => {
    const director = await signedInAs(app, services, 'director')
    await page
      .context()
      .addCookies(Object.entries(director.cookies).map(([name, value]) => ({ name, value, url: base })))
    const paths = [
      '/datasets/monthly/2018-04',
      '/datasets/monthly/2018-04/publish',
      '/datasets/monthly/2018-04/publications',
      '/datasets/monthly/2018-04?version=1',
    ]
    for (const path of paths) {
      const response = await page.goto(`${base}${path}`)
      assert.equal(response?.status(), 200, path)
      assert.deepEqual(await axeViolations(page), [], path)
    }
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

  it('shows the datasets and home pages with no axe violations', async () => {
    for (const path of ['/datasets', '/', '/accessibility', '/privacy', '/sign-in', '/no-such-page']) {
      await page.goto(`${base}${path}`)
      assert.deepEqual(await axeViolations(page), [], path)
    }
  })
})

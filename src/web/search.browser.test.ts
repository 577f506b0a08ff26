/**
 * Searching in Chromium with axe (WCAG 2.2 AA), as the public and as a panel member: the header's Search link, the
 * box, the results highlighted, and a Members' Room appendix's text found only once the panel member has signed in.
 */
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Browser, Page } from 'playwright-core'
import { axeViolations, demoInChromium, desktopPage } from '../../test/browser.ts'
import { onePagePdf } from '../../test/pdf.ts'
import { TEST_PASSWORD } from '../../test/sign-in.ts'
import type { Services } from '../services/index.ts'

const EXEMPT = 'Marzipan fostering allowances'

describe('search in Chromium', () => {
  let services: Services
  let close: () => Promise<void>
  let browser: Browser
  let page: Page
  let base: string

  before(async () => {
    ;({ services, base, browser, close } = await demoInChromium())
    page = await desktopPage(browser)
    const report = (await services.reports.itemReport(2, 9))?.report
    assert.ok(report, 'the demo report on item 9 of 7 June 2018')
    const upload = await services.reports.uploadAppendix(
      report.id,
      { fileName: 'exempt.pdf', bytes: await onePagePdf(EXEMPT), title: 'Exempt costs', membersRoomOnly: true },
      { actor: 'test' },
    )
    assert.ok(upload.ok)
  })
  after(async () => {
    await close()
  })

  async function searchFor(words: string) {
    await page.getByRole('navigation').getByRole('link', { name: 'Search', exact: true }).click()
    await page.waitForURL(`${base}/search`)
    await page.getByLabel('Search for').fill(words)
    await page.getByRole('button', { name: 'Search', exact: true }).click()
    await page.waitForURL(/\/search\?q=/)
  }

  it('the public searches the papers, and does not find the Members’ Room text', async () => {
    await page.goto(`${base}/`)
    await page.getByRole('navigation').getByRole('link', { name: 'Search', exact: true }).click()
    await page.waitForURL(`${base}/search`)
    assert.deepEqual(await axeViolations(page), [], 'the empty search page')

    await searchFor('children performance')
    assert.match((await page.getByRole('status').textContent()) ?? '', /results? for “children performance”/)
    assert.ok((await page.locator('main mark').count()) > 0, 'highlighted words')
    assert.deepEqual(await axeViolations(page), [], 'results')
    // WCAG 1.4.10: the results reflow at 320 CSS px without scrolling sideways.
    await page.setViewportSize({ width: 320, height: 900 })
    assert.ok((await page.evaluate<number>('document.documentElement.scrollWidth')) <= 320, 'reflows at 320 px')
    await page.setViewportSize({ width: 1280, height: 900 })
    await page.getByRole('link', { name: /^Reports \(\d+\)$/ }).click()
    await page.waitForURL(/type=report/)
    assert.deepEqual(await axeViolations(page), [], 'results of one kind')

    await searchFor('marzipan fostering')
    assert.match((await page.getByRole('status').textContent()) ?? '', /No results for “marzipan fostering”/)
    assert.equal(await page.locator('main mark').count(), 0)
  })

  it('a panel member finds the Members’ Room appendix by its text and opens its report', async () => {
    const created = await services.accounts.createUser(
      { email: 'member@council.test', name: 'Cllr Paffey', role: 'panel-member', password: TEST_PASSWORD },
      { actor: 'test' },
    )
    assert.ok(created.ok)
    await page.goto(`${base}/sign-in`)
    await page.locator('#email').fill('member@council.test')
    await page.locator('#password').fill(TEST_PASSWORD)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'))

    await searchFor('marzipan fostering')
    assert.match((await page.getByRole('status').textContent()) ?? '', /1 result for “marzipan fostering”/)
    const main = (await page.locator('main').textContent()) ?? ''
    assert.match(main, /Members’ Room/)
    assert.match(main, /Marzipan fostering allowances/)
    assert.deepEqual(await page.locator('main mark').allTextContents(), ['Marzipan', 'fostering'])
    assert.deepEqual(await axeViolations(page), [], 'a Members’ Room result')
    await page.getByRole('link', { name: 'Exempt costs' }).click()
    await page.waitForURL(`${base}/meetings/2/items/9`)
  })
})

/**
 * The pages DfE benchmarks change, with the benchmarks loaded (the crawl of every page, pages.browser.test.ts, sees
 * them without): axe finds nothing on the yearly loads page, the pack with its DfE columns, and an indicator page
 * with its neighbours chart and table.
 */
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Browser } from 'playwright-core'
import { axeViolations, demoInChromium, desktopPage } from '../../test/browser.ts'
import { signedInAs } from '../../test/sign-in.ts'

describe('DfE benchmarks in Chromium: axe', () => {
  let browser: Browser
  let base: string
  let close: () => Promise<void>
  let cookies: Record<string, string>

  before(async () => {
    const demo = await demoInChromium()
    ;({ browser, base, close } = demo)
    await demo.services.benchmarks.loadDemo({ actor: 'test' })
    ;({ cookies } = await signedInAs(demo.app, demo.services, 'performance-officer'))
  })
  after(async () => {
    await close()
  })

  it('finds no violations on the yearly loads page, the pack and an indicator with its neighbours', async () => {
    const page = await desktopPage(browser)
    await page.context().addCookies(Object.entries(cookies).map(([name, value]) => ({ name, value, url: base })))
    // icpc-in-time names a DfE item (CP_conf_15days), so its page has the neighbours chart.
    for (const url of ['/load-data/benchmarks', '/datasets/monthly/2018-05', '/indicators/icpc-in-time']) {
      const response = await page.goto(`${base}${url}`)
      assert.equal(response?.status(), 200, url)
      assert.deepEqual(await axeViolations(page), [], url)
    }
    assert.equal(await page.locator('svg[aria-labelledby^="neighbours-icpc-in-time-title"]').count(), 1)
  })
})

/**
 * The axe check every browser suite relies on finds violations, names them and where they are, and finds none on a
 * page without any: were it to pass everything, every page's "no violations" would mean nothing.
 */
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Browser } from 'playwright-core'
import { axeViolations, desktopPage, loadAxeIntoEveryPage, sharedChromium } from './browser.ts'

const PAGE = (body: string) =>
  `<!DOCTYPE html><html lang="en"><head><title>A page</title></head><body><main><h1>A page</h1>${body}</main></body></html>`

describe('axe in Chromium', () => {
  let browser: Browser
  let release: () => Promise<void>

  before(async () => {
    ;({ browser, release } = await sharedChromium())
  })
  after(async () => {
    await release()
  })

  it('reports each WCAG 2.2 AA violation with the elements it is on', async () => {
    const page = await desktopPage(browser)
    await page.setContent(
      PAGE(
        '<img id="chart" src="data:image/gif;base64,R0lGODlhAQABAAAAACw="><p id="faint" style="color:#ccc;background:#fff">Faint words</p>',
      ),
    )
    const violations = await axeViolations(page)
    assert.equal(violations.length, 2, violations.join('\n'))
    assert.match(violations.find((v) => v.startsWith('image-alt:')) ?? '', /\(#chart\)$/)
    assert.match(violations.find((v) => v.startsWith('color-contrast:')) ?? '', /\(#faint\)$/)
  })

  it('reports nothing on a page without violations, also when asked again', async () => {
    const page = await desktopPage(browser)
    await page.setContent(PAGE('<p>Plain words</p><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" alt="A dot">'))
    assert.deepEqual(await axeViolations(page), [])
    assert.deepEqual(await axeViolations(page), [])
  })

  it('checks the page it is on after a navigation', async () => {
    const page = await desktopPage(browser)
    await page.setContent(PAGE('<p>Plain words</p>'))
    assert.deepEqual(await axeViolations(page), [])
    await page.setContent(PAGE('<img id="chart" src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">'))
    assert.deepEqual(
      (await axeViolations(page)).map((v) => v.split(':')[0]),
      ['image-alt'],
    )
  })

  it('has axe in every page of a context it was loaded into, before anything asks, and still finds violations', async () => {
    const context = await browser.newContext()
    try {
      await loadAxeIntoEveryPage(context)
      const page = await context.newPage()
      for (const body of ['<p>Plain words</p>', '<img id="chart" src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">']) {
        await page.setContent(PAGE(body))
        assert.equal(await page.evaluate('typeof window.axe'), 'object')
      }
      assert.deepEqual(
        (await axeViolations(page)).map((v) => v.split(':')[0]),
        ['image-alt'],
      )
      // A context without it has no axe until a check loads it.
      const plain = await desktopPage(browser)
      await plain.setContent(PAGE('<p>Plain words</p>'))
      assert.equal(await plain.evaluate('typeof window.axe'), 'undefined')
    } finally {
      await context.close()
    }
  })
})

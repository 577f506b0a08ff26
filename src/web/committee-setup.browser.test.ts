/**
 * Setting up the panel in a council that starts empty, in Chromium with axe (WCAG 2.2 AA): the calendar's "Set up
 * the panel first", the set-up form refused and then sent, and the new committee's page.
 */
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Browser, Page } from 'playwright-core'
import { emptyApp } from '../../test/app.ts'
import { axeViolations, sharedChromium } from '../../test/browser.ts'
import { signedInAs } from '../../test/sign-in.ts'

describe('setting up the panel in Chromium', () => {
  let browser: Browser
  let page: Page
  let base: string
  let close: () => Promise<void>

  before(async () => {
    const empty = await emptyApp()
    base = await empty.app.listen({ port: 0, host: '127.0.0.1' })
    const chromium = await sharedChromium()
    browser = chromium.browser
    close = async () => {
      await chromium.release()
      await empty.close()
    }
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } })
    const { cookies } = await signedInAs(empty.app, empty.services, 'democratic-services')
    await context.addCookies(Object.entries(cookies).map(([name, value]) => ({ name, value, url: base })))
    page = await context.newPage()
  })
  after(async () => {
    await close()
  })

  it('goes from the empty calendar to a committee, through an accessible form', async () => {
    await page.goto(`${base}/meetings/new`)
    await page.getByRole('link', { name: 'Set up the panel first' }).waitFor()
    assert.equal(await page.locator('select').count(), 0)
    assert.deepEqual(await axeViolations(page), [], 'the schedule page with no committee')
    await page.goto(`${base}/meetings`)
    assert.deepEqual(await axeViolations(page), [], 'the calendar with no committee')
    await page.getByRole('link', { name: 'Set up the panel first' }).click()
    assert.equal(new URL(page.url()).pathname, '/committees/new')
    assert.deepEqual(await axeViolations(page), [], 'the set-up form')

    await page.getByRole('button', { name: 'Set up the committee' }).click()
    await page.getByRole('heading', { name: 'There is a problem' }).waitFor()
    assert.deepEqual(await axeViolations(page), [], 'the refused form')

    await page.getByLabel('Name').fill('Children and Families Scrutiny Panel')
    await page.getByLabel('Role of this Scrutiny Panel').fill('To scrutinise services for children and families.')
    await page.getByLabel('Quorum').fill('3')
    await page.getByRole('button', { name: 'Set up the committee' }).click()
    await page.getByRole('heading', { name: 'Children and Families Scrutiny Panel', level: 1 }).waitFor()
    assert.match(new URL(page.url()).pathname, /^\/committees\/\d+$/)
    assert.deepEqual(await axeViolations(page), [], 'the new committee, with no members yet')
  })

  describe('edge cases', () => {
    it('then lists the committee accessibly and offers it when scheduling', async () => {
      await page.goto(`${base}/committees`)
      assert.deepEqual(await axeViolations(page), [], 'the list of committees')
      // The committee now exists, so scheduling offers it.
      await page.goto(`${base}/meetings/new`)
      assert.equal(await page.getByLabel('Committee').inputValue(), '1')
    })
  })
})

/**
 * Keeping the committee up to date in Chromium with axe (WCAG 2.2 AA): the committee's page as democratic services
 * see it, with Change and Remove beside each member and contact, and a member added, refused and removed through
 * the real forms.
 */
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { FastifyInstance } from 'fastify'
import type { Browser, Page } from 'playwright-core'
import { axeViolations, demoInChromium } from '../../test/browser.ts'
import { signedInAs } from '../../test/sign-in.ts'
import type { Services } from '../services/index.ts'

describe('keeping the committee up to date in Chromium', () => {
  let app: FastifyInstance
  let services: Services
  let close: () => Promise<void>
  let browser: Browser
  let page: Page
  let base: string

  before(async () => {
    ;({ app, services, base, browser, close } = await demoInChromium())
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } })
    const { cookies } = await signedInAs(app, services, 'democratic-services')
    await context.addCookies(Object.entries(cookies).map(([name, value]) => ({ name, value, url: base })))
    page = await context.newPage()
  })
  after(async () => {
    await close()
  })

  it('adds a vice-chair from the committee page, and removes them after confirming', async () => {
    await page.goto(`${base}/committees/1`)
    assert.deepEqual(await axeViolations(page), [], 'the committee page with its editing links')
    await page.getByRole('link', { name: 'Add a member' }).click()
    await page.getByLabel('Name').fill('Savage')
    await page.getByLabel('Councillor', { exact: true }).check()
    await page.getByLabel('Vice-chair').check()
    await page.getByRole('button', { name: 'Add the member' }).click()
    await page.waitForURL(`${base}/committees/1`)
    assert.match((await page.locator('main').textContent()) ?? '', /Councillor Savage \(Vice-Chair\)/)

    await page.getByRole('link', { name: 'Remove Councillor Savage (Vice-Chair)' }).click()
    assert.deepEqual(await axeViolations(page), [], 'the confirmation page')
    await page.getByRole('button', { name: 'Remove' }).click()
    await page.waitForURL(`${base}/committees/1`)
    assert.doesNotMatch((await page.locator('main').textContent()) ?? '', /Savage/)
  })

  describe('edge cases', () => {
    it('a second chair is refused with an error summary that axe accepts and that leads to the field', async () => {
      await page.goto(`${base}/committees/1/members/new`)
      await page.getByLabel('Name').fill('Fuller')
      await page.getByLabel('Chair', { exact: true }).check()
      await page.getByRole('button', { name: 'Add the member' }).click()
      await page.locator('.govuk-error-summary').waitFor()
      assert.match(
        (await page.locator('.govuk-error-summary').textContent()) ?? '',
        /Councillor Taggart is already the chair/,
      )
      assert.deepEqual(await axeViolations(page), [])
      await page.locator('.govuk-error-summary a').first().click()
      assert.equal(await page.locator('#role:focus').count(), 1, 'the summary’s link moves focus to the role')
    })
  })
})

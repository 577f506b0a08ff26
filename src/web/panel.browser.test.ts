/**
 * The panel's forms in Chromium with axe (WCAG 2.2 AA): a democratic services officer signing in and scheduling a
 * meeting through the real form, then recording a recommendation and an update. The pages as they first open, to
 * the public and to every role, are checked in pages.browser.test.ts.
 */
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Browser, Page } from 'playwright-core'
import { axeViolations, demoInChromium, desktopPage } from '../../test/browser.ts'
import { TEST_PASSWORD } from '../../test/sign-in.ts'
import type { Services } from '../services/index.ts'

describe('the panel in Chromium', () => {
  let services: Services
  let close: () => Promise<void>
  let browser: Browser
  let page: Page
  let base: string

  before(async () => {
    ;({ services, base, browser, close } = await demoInChromium())
    page = await desktopPage(browser)
  })
  after(async () => {
    await close()
  })

  it('democratic services schedule a meeting and track a recommendation in the browser', async () => {
    const created = await services.accounts.createUser(
      { email: 'dso@council.test', name: 'Emily Goodwin', role: 'democratic-services', password: TEST_PASSWORD },
      { actor: 'test' },
    )
    assert.ok(created.ok)
    await page.goto(`${base}/meetings/new`)
    // Not signed in: sent to sign in, and back to the form afterwards.
    assert.match(page.url(), /\/sign-in\?returnTo=%2Fmeetings%2Fnew$/)
    await page.locator('#email').fill('dso@council.test')
    await page.locator('#password').fill(TEST_PASSWORD)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.waitForURL(`${base}/meetings/new`)
    assert.deepEqual(await axeViolations(page), [], 'the scheduling form')

    await page.getByRole('group', { name: 'Date' }).getByLabel('Day').fill('25')
    await page.getByRole('group', { name: 'Date' }).getByLabel('Month').fill('7')
    await page.getByRole('group', { name: 'Date' }).getByLabel('Year').fill('2019')
    await page.getByLabel('Start time').fill('17:30')
    await page.getByLabel('Venue').fill('Conference Room 3 - Civic Centre')
    await page.getByRole('button', { name: 'Schedule meeting' }).click()
    await page.waitForURL(/\/meetings\/\d+\?done=meeting-scheduled$/)
    assert.match((await page.locator('h1').textContent()) ?? '', /Thursday 25 July 2019 at 5.30 pm/)
    assert.match((await page.locator('ol.app-agenda').textContent()) ?? '', /Apologies and changes in Panel membership/)

    await page.goto(`${base}/recommendations/new`)
    await page.getByRole('group', { name: 'Date the panel made it' }).getByLabel('Day').fill('25')
    await page.getByRole('group', { name: 'Date the panel made it' }).getByLabel('Month').fill('7')
    await page.getByRole('group', { name: 'Date the panel made it' }).getByLabel('Year').fill('2019')
    await page.getByLabel('Title of the item it came from').fill('Children and Families - Performance')
    await page.getByLabel('Recommendation', { exact: true }).fill('That officers report on re-referrals.')
    await page.getByRole('button', { name: 'Record recommendation' }).click()
    await page.waitForURL(/\/recommendations\/\d+\?done=recommendation-recorded$/)
    assert.deepEqual(await axeViolations(page), [], 'a recommendation, with the update form')
    await page.getByLabel('What was done').fill('Reported to the September meeting.')
    await page.getByLabel('Progress status').selectOption('completed')
    await page.getByRole('button', { name: 'Add update' }).click()
    await page.waitForURL(/#updates$/)
    assert.match((await page.locator('main').textContent()) ?? '', /Completed/)
  })

  describe('edge cases', () => {
    it('a form with mistakes shows an error summary that axe accepts', async () => {
      await page.goto(`${base}/meetings/new`)
      await page.getByRole('group', { name: 'Date' }).getByLabel('Day').fill('')
      await page.getByRole('group', { name: 'Date' }).getByLabel('Month').fill('')
      await page.getByRole('group', { name: 'Date' }).getByLabel('Year').fill('')
      await page.getByLabel('Venue').fill('')
      await page.getByRole('button', { name: 'Schedule meeting' }).click()
      await page.locator('.govuk-error-summary').waitFor()
      assert.deepEqual(await axeViolations(page), [])
    })
  })
})

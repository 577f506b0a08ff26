/**
 * The first administrator, in Chromium, as a new council would: the printed set-up link, a mistake, the account,
 * then the dead link. Every page passes axe.
 */
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Browser } from 'playwright-core'
import { emptyApp } from '../../test/app.ts'
import { axeViolations, desktopPage, sharedChromium } from '../../test/browser.ts'
import { announceSetUpLink } from '../cli/set-up-link.ts'

describe('the set-up link in Chromium', () => {
  let browser: Browser
  let link: string
  let close: () => Promise<void>

  before(async () => {
    const started = await emptyApp()
    const base = await started.app.listen({ port: 0, host: '127.0.0.1' })
    const printed: string[] = []
    await announceSetUpLink(started.services, base, (text) => printed.push(text))
    const match = /(http:\S+\/set-up\/\S+)\n/.exec(printed.join(''))
    assert.ok(match?.[1])
    link = match[1]
    const chromium = await sharedChromium()
    browser = chromium.browser
    close = async () => {
      await chromium.release()
      await started.close()
    }
  })
  after(async () => {
    await close()
  })

  it('creates the first administrator and signs them in; the link is then dead', async () => {
    const page = await desktopPage(browser)
    await page.goto(link)
    assert.equal(await page.locator('h1').textContent(), 'Create the first administrator')
    assert.deepEqual(await axeViolations(page), [], 'the form')

    await page.getByLabel('Full name').fill('Jo Admin')
    await page.getByLabel('Email address').fill('jo@council.gov.uk')
    await page.getByLabel('Password', { exact: true }).fill('too short')
    await page.getByRole('button', { name: 'Create administrator' }).click()
    assert.match((await page.locator('.govuk-error-summary').textContent()) ?? '', /at least 12 characters/)
    assert.deepEqual(await axeViolations(page), [], 'the form with an error')

    await page.getByLabel('Password', { exact: true }).fill('correct horse battery staple')
    await page.getByRole('button', { name: 'Create administrator' }).click()
    await page.waitForURL(/\/admin\/users/)
    assert.match((await page.locator('main').textContent()) ?? '', /Your administrator account has been created/)
    assert.deepEqual(await axeViolations(page), [], 'the accounts page')

    const response = await page.goto(link)
    assert.equal(response?.status(), 410)
    assert.equal(await page.locator('h1').textContent(), 'This set-up link has been used')
    assert.deepEqual(await axeViolations(page), [], 'the dead link')
  })
})

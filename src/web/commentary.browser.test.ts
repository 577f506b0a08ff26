/**
 * The commentary and performance overview forms in Chromium as the people who write them — an indicator's owner and
 * a director — rather than an administrator's read-only view: axe (WCAG 2.2 AA) before and after a mistake, and the
 * form sent from the keyboard alone (Tab reaches "Save draft", Enter sends it).
 */
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { FastifyInstance } from 'fastify'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { axeViolations, demoInChromium } from '../../test/browser.ts'
import { linkedOwner } from '../../test/owners.ts'
import { signedInAs } from '../../test/sign-in.ts'
import { MAX_COMMENTARY_CHARACTERS, MAX_SECTION_CHARACTERS } from '../domain/commentary-workflow.ts'
import { SIGNIFICANT_VARIATIONS_TITLE } from '../domain/overview-sections.ts'
import type { Role } from '../domain/permissions.ts'
import type { Services } from '../services/index.ts'

// Jane White owns missing-children in the demo catalogue (fixtures/monthly-dataset-2018-04.csv); March 2018 has
// figures and no demo commentary or overview.
const MONTH = '/datasets/monthly/2018-03'

/** What the focused element says: a form field as `field:<its id>`, anything else by its text, trimmed. */
async function focusedText(page: Page): Promise<string> {
  const field = page.locator('textarea:focus, input:focus')
  if ((await field.count()) > 0) return `field:${(await field.getAttribute('id')) ?? ''}`
  return ((await page.locator(':focus').textContent()) ?? '').replace(/\s+/g, ' ').trim()
}

/** Presses Tab from where the focus is until `button` has it; returns everything focused on the way. */
async function tabTo(page: Page, button: string, limit = 60): Promise<string[]> {
  const visited: string[] = []
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab')
    const text = await focusedText(page)
    visited.push(text)
    if (text === button) return visited
  }
  assert.fail(`Tab never reached "${button}": ${visited.join(' | ')}`)
}

/** Presses Enter on the focused button and waits for the page the form's redirect leads to (the same page). */
async function enterAndReload(page: Page): Promise<void> {
  // The redirect comes back to the same page, with `?done=…` for its success banner.
  const path = (url: string) => url.split('?')[0]
  const url = path(page.url())
  const reloaded = page.waitForResponse((r) => r.request().method() === 'GET' && path(r.url()) === url)
  await page.keyboard.press('Enter')
  assert.equal((await reloaded).status(), 200)
  await page.waitForLoadState('load')
}

describe('commentary and overview forms in Chromium, as their writers', () => {
  let app: FastifyInstance
  let services: Services
  let close: () => Promise<void>
  let browser: Browser
  let base: string

  before(async () => {
    ;({ app, services, base, browser, close } = await demoInChromium({ signInRateLimitPerMinute: 1000 }))
  })
  after(async () => {
    await close()
  })

  async function contextAs(role: Exclude<Role, 'public'>, name: string): Promise<BrowserContext> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } })
    // An owner writes on the indicators an administrator linked to their account (never matched by name).
    if (role === 'indicator-owner') await linkedOwner(services, name)
    const { cookies } = await signedInAs(app, services, role, name)
    await context.addCookies(Object.entries(cookies).map(([cookie, value]) => ({ name: cookie, value, url: base })))
    return context
  }

  it('the indicator’s owner writes commentary: axe before and after a mistake, saved from the keyboard', async () => {
    const context = await contextAs('indicator-owner', 'Jane White')
    try {
      const page = await context.newPage()
      await page.goto(`${base}${MONTH}/commentary`)
      assert.deepEqual(await axeViolations(page), [], 'the commentary list')
      await page
        .getByRole('link', {
          name: /^Write commentary on Number of children open to the authority who have been missing/,
        })
        .click()
      await page.waitForURL(`${base}${MONTH}/commentary/missing-children`)
      assert.deepEqual(await axeViolations(page), [], 'the commentary form')

      await page.getByLabel('Commentary', { exact: true }).fill('x'.repeat(MAX_COMMENTARY_CHARACTERS + 1))
      await page.getByRole('button', { name: 'Save draft' }).click()
      await page.getByRole('alert').waitFor()
      assert.match(await page.getByRole('alert').innerText(), /must be 4,000 characters or fewer/)
      assert.deepEqual(await axeViolations(page), [], 'the commentary form with a mistake')

      // By keyboard alone: the error summary's link takes the focus to the field, Tab from it to Save draft.
      await page.getByRole('alert').getByRole('link').first().focus()
      await page.keyboard.press('Enter')
      assert.equal(await focusedText(page), 'field:text')
      await page.keyboard.press('ControlOrMeta+A')
      await page.keyboard.type('Missing episodes rose; the team now meets weekly.')
      assert.deepEqual(await tabTo(page, 'Save draft'), ['Save draft'])
      await enterAndReload(page)
      // No error: the one alert is the success banner.
      assert.match(await page.getByRole('alert').innerText(), /saved as a draft/)
      assert.equal(
        await page.getByLabel('Commentary', { exact: true }).inputValue(),
        'Missing episodes rose; the team now meets weekly.',
      )
      assert.match(await page.getByRole('main').innerText(), /Draft/)
      assert.deepEqual(await axeViolations(page), [], 'the saved draft')
      // From the top of the page (opened afresh: the success banner takes the focus after a save), skip link first,
      // then through the field to both buttons.
      await page.goto(page.url().split('?')[0] ?? '')
      const visited = await tabTo(page, 'Submit for sign-off')
      assert.equal(visited[0], 'Skip to main content')
      assert.ok(visited.indexOf('field:text') < visited.indexOf('Save draft'), visited.join(' | '))
    } finally {
      await context.close()
    }
  })

  it('a director writes the performance overview: axe before and after a mistake, saved from the keyboard', async () => {
    const context = await contextAs('director', 'Dee Director')
    try {
      const page = await context.newPage()
      await page.goto(`${base}${MONTH}/commentary`)
      await page.getByRole('link', { name: 'Performance overview' }).click()
      await page.waitForURL(`${base}${MONTH}/overview`)
      assert.deepEqual(await axeViolations(page), [], 'the overview form')

      const variations = page.getByLabel(SIGNIFICANT_VARIATIONS_TITLE, { exact: true })
      await variations.fill('x'.repeat(MAX_SECTION_CHARACTERS + 1))
      await page.getByRole('button', { name: 'Save draft' }).click()
      await page.getByRole('alert').waitFor()
      assert.match(await page.getByRole('alert').innerText(), /10,000 characters or fewer/)
      // Said in the summary and beside the section itself.
      assert.equal(await page.getByText('The section "Significant variations" must be 10,000').count(), 2)
      assert.deepEqual(await axeViolations(page), [], 'the overview form with a mistake')

      // By keyboard alone: the error summary's link to the section, then Tab on through the later sections.
      await page.getByRole('alert').getByRole('link').first().focus()
      await page.keyboard.press('Enter')
      assert.equal(await focusedText(page), `field:${await variations.getAttribute('id')}`)
      await page.keyboard.press('ControlOrMeta+A')
      await page.keyboard.type('Re-referrals rose by 12%.')
      const visited = await tabTo(page, 'Save draft')
      assert.ok(
        visited.slice(0, -1).every((v) => v.startsWith('field:')),
        `only the later sections come before Save draft: ${visited.join(' | ')}`,
      )
      await enterAndReload(page)
      // No error: the one alert is the success banner.
      assert.match(await page.getByRole('alert').innerText(), /saved as a draft/)
      assert.equal(await variations.inputValue(), 'Re-referrals rose by 12%.')
      assert.deepEqual(await axeViolations(page), [], 'the saved overview')
      await page.goto(page.url().split('?')[0] ?? '')
      const fromTop = await tabTo(page, 'Save draft')
      assert.equal(fromTop[0], 'Skip to main content')
      assert.ok(fromTop.includes('Draft the significant variations'), fromTop.join(' | '))
    } finally {
      await context.close()
    }
  })

  describe('edge cases', () => {
    it('another owner’s indicator opens read-only: no field or Save button to reach', async () => {
      const context = await contextAs('indicator-owner', 'Jane White')
      try {
        const page = await context.newPage()
        await page.goto(`${base}${MONTH}/commentary/icpc-to-cpp`)
        assert.equal(await page.getByLabel('Commentary', { exact: true }).count(), 0)
        assert.equal(await page.getByRole('button', { name: 'Save draft' }).count(), 0)
        assert.deepEqual(await axeViolations(page), [], 'another owner’s commentary')
      } finally {
        await context.close()
      }
    })
  })
})

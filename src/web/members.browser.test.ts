/**
 * The committee system in Chromium with axe (WCAG 2.2 AA), as democratic services use it: recording attendance by
 * choosing for each of the panel's members, making two recommendations from a two-decision minute and finding them
 * in the decisions register, adding a work-programme item and moving it onto a meeting's agenda, and changing,
 * deferring and marking done another. The members' pages and the work programme's forms are checked with axe too.
 */
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { FastifyInstance } from 'fastify'
import type { Browser, Page } from 'playwright-core'
import { axeViolations, demoInChromium } from '../../test/browser.ts'
import { signedInAs } from '../../test/sign-in.ts'
import type { Services } from '../services/index.ts'

describe('members, attendance, decisions and the work programme in Chromium', () => {
  let app: FastifyInstance
  let services: Services
  let close: () => Promise<void>
  let browser: Browser
  let page: Page
  let base: string
  const meetingOn = async (date: string): Promise<number> => {
    const found = (await services.meetings.allMeetings()).find((e) => e.meeting.date === date)
    assert.ok(found, `no meeting on ${date}`)
    return found.meeting.id
  }

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

  it("records attendance by choosing for each of the panel's members", async () => {
    const september = await meetingOn('2018-09-27')
    await page.goto(`${base}/meetings/${september}/minutes/edit`)
    assert.deepEqual(await axeViolations(page), [], 'the minutes form with a choice for each member')
    await page.getByRole('group', { name: 'Councillor J Baillie' }).getByLabel('Apologies', { exact: true }).check()
    const guthrie = page.getByRole('group', { name: 'Councillor Guthrie' })
    await guthrie.getByLabel('Apologies, with a substitute').check()
    await page.getByLabel('Who substituted for Councillor Guthrie').fill('Councillor Burke')
    await page.getByRole('group', { name: 'Councillor Mitchell' }).getByLabel('Absent').check()
    await page.getByRole('button', { name: 'Save draft minutes' }).click()
    await page.waitForURL(`${base}/meetings/${september}/minutes`)
    const text = (await page.locator('main').textContent()) ?? ''
    assert.match(
      text,
      /Present: Councillors Taggart \(Chair\), Keogh, Laurent, Murphy and Burke \(substitute for Councillor Guthrie\); and Appointed Members Catherine Hobbs and Rob Sanders/,
    )
    assert.match(text, /Apologies: Councillors J Baillie and Guthrie/)
    await page.goto(`${base}/members/councillor-burke`)
    assert.deepEqual(await axeViolations(page), [], "a member's page")
    assert.match((await page.locator('main').textContent()) ?? '', /attended as substitute for Councillor Guthrie/)
  })

  it('makes two recommendations from a two-decision minute, and the decisions register links both', async () => {
    const june = await meetingOn('2019-06-06')
    await page.goto(`${base}/meetings/${june}/minutes`)
    await page.getByRole('button', { name: 'Make a recommendation from minute 4' }).click()
    await page.waitForURL(/\/recommendations\/\d+$/)
    await page.goto(`${base}/decisions?outcome=recommendation`)
    assert.deepEqual(await axeViolations(page), [], 'the decisions register')
    const rows = page.locator('tbody tr')
    assert.equal(await rows.count(), 2)
    assert.match((await rows.nth(0).textContent()) ?? '', /\(i\) A detailed performance overview/)
    assert.match((await rows.nth(1).textContent()) ?? '', /\(ii\) The Panel be provided with information/)
    await page.getByLabel('Outcome').selectOption('no-recommendation')
    await page.getByRole('button', { name: 'Show decisions' }).click()
    await page.waitForURL(/outcome=no-recommendation/)
    assert.doesNotMatch((await page.locator('tbody').textContent()) ?? '', /Young Inspectors/)
  })

  it('adds a work-programme item and moves it onto the agenda', async () => {
    const created = await services.meetings.createMeeting(
      1,
      { date: '2099-07-23', startTime: '17:30', venue: 'Conference Room 3', status: 'scheduled' },
      { actor: 'test' },
    )
    assert.ok(created.ok)
    await page.goto(`${base}/committees/1`)
    await page.getByRole('link', { name: 'What the committee plans to consider at its meetings' }).click()
    assert.deepEqual(await axeViolations(page), [], 'the work programme with its buttons')
    await page.getByRole('button', { name: 'Add an item' }).click()
    assert.deepEqual(await axeViolations(page), [], 'the work programme form')
    await page.getByLabel('Title').fill('Care leavers’ accommodation')
    await page.getByLabel('Purpose').fill('To review the suitability of accommodation for care leavers.')
    await page.getByLabel('Lead officer (optional)').fill('Service Director, Children and Families')
    await page.getByLabel('Planned meeting').selectOption({ label: '23 July 2099' })
    await page.getByRole('button', { name: 'Add the item' }).click()
    await page.waitForURL(/\/work-programme\?done=work-programme-added#item-\d+$/)
    const row = page.locator(`#item-${/#item-(\d+)$/.exec(page.url())?.[1] ?? ''}`)
    assert.match((await row.textContent()) ?? '', /Care leavers’ accommodation/)
    await row.getByRole('button', { name: /^Move onto the agenda/ }).click()
    await page.waitForURL(`${base}/meetings/${created.value}/agenda`)
    assert.match((await page.locator('main').textContent()) ?? '', /Care leavers’ accommodation/)
    await page.goto(`${base}/committees/1/work-programme`)
    assert.match(
      (await page.getByRole('row', { name: /23 July 2099 Care leavers/ }).textContent()) ?? '',
      /On an agenda/,
    )
  })
  it('changes, defers, puts back and marks done a work-programme item', async () => {
    const created = await services.meetings.createMeeting(
      1,
      { date: '2099-11-19', startTime: '17:30', venue: 'Conference Room 3', status: 'scheduled' },
      { actor: 'test' },
    )
    assert.ok(created.ok)
    const added = await services.workProgramme.add(
      1,
      {
        title: 'Elective home education',
        purpose: 'To hear about it.',
        leadOfficer: '',
        meeting: '',
        month: '2099-10',
      },
      { actor: 'test' },
    )
    assert.ok(added.ok)
    const row = () => page.locator(`#item-${String(added.value)}`)
    const banner = () => page.locator('.govuk-notification-banner--success')
    await page.goto(`${base}/committees/1/work-programme`)
    await row().getByRole('link', { name: 'Change Elective home education' }).click()
    assert.deepEqual(await axeViolations(page), [], 'changing a work programme item')
    await page.getByLabel('Title').fill('')
    await page.getByRole('button', { name: 'Save the changes' }).click()
    assert.deepEqual(await axeViolations(page), [], 'changing a work programme item, with an error')
    assert.match((await page.locator('.govuk-error-summary').textContent()) ?? '', /Enter the title of the item/)
    await page.getByLabel('Title').fill('Elective home education and children missing education')
    await page.getByLabel('Lead officer (optional)').fill('Head of Inclusion')
    await page.getByRole('button', { name: 'Save the changes' }).click()
    await page.waitForURL(/\?done=work-programme-saved#item-\d+$/)
    assert.match((await banner().textContent()) ?? '', /The item’s changes have been saved/)
    assert.match((await row().textContent()) ?? '', /Head of Inclusion/)

    await row()
      .getByRole('link', { name: /^Defer Elective home education/ })
      .click()
    assert.deepEqual(await axeViolations(page), [], 'deferring a work programme item')
    assert.match((await page.locator('main').textContent()) ?? '', /It is planned for October 2099/)
    await page.getByLabel('Deferred to the meeting').selectOption({ label: '19 November 2099' })
    await page.getByLabel('Why it is deferred (optional)').fill('Awaiting the new guidance')
    await page.getByRole('button', { name: 'Defer the item' }).click()
    await page.waitForURL(/\?done=work-programme-deferred#item-\d+$/)
    assert.deepEqual(await axeViolations(page), [], 'the work programme with a deferred item and a banner')
    const deferred = (await row().textContent()) ?? ''
    assert.match(deferred, /19 November 2099/)
    assert.match(deferred, /Deferred\s*Awaiting the new guidance/)

    await row()
      .getByRole('button', { name: /^Put back to planned/ })
      .click()
    await page.waitForURL(/\?done=work-programme-replanned#item-\d+$/)
    assert.match((await row().textContent()) ?? '', /Planned/)
    await row()
      .getByRole('button', { name: /^Mark done/ })
      .click()
    await page.waitForURL(/\?done=work-programme-done#item-\d+$/)
    assert.match((await banner().textContent()) ?? '', /The item has been marked done/)
    assert.match((await row().textContent()) ?? '', /Done/)
    assert.equal(
      await row()
        .getByRole('link', { name: /^Change/ })
        .count(),
      0,
    )
    await page.goto(`${base}/committees/1`)
    assert.deepEqual(await axeViolations(page), [], "the committee's page with its work programme")
    assert.match(
      (await page.getByRole('row', { name: /Elective home education and children missing education/ }).textContent()) ??
        '',
      /Done/,
    )
  })
})

/**
 * Issue 5's whole journey in Chromium, as one democratic services officer would make it: schedule a meeting, build
 * its agenda and report, publish the Public Document Pack, record the minutes, and see the panel's recommendation in
 * the next meeting's Monitoring Scrutiny Recommendations report. Every page on the way, and every form after a
 * mistake, is checked with axe (WCAG 2.2 AA). The officer moves by links and buttons; an address is typed only to
 * open the site.
 */
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { PDFDocument, StandardFonts } from 'pdf-lib'
import type { Browser, Page } from 'playwright-core'
import { axeViolations, demoInChromium, desktopPage } from '../../test/browser.ts'
import { TEST_PASSWORD } from '../../test/sign-in.ts'
import type { Services } from '../services/index.ts'

const REPORT_TITLE = 'Children and Families - Performance'

/** A one-page PDF, as an officer's briefing note would be. */
async function briefingPdf(): Promise<Buffer> {
  const pdf = await PDFDocument.create()
  const page = pdf.addPage([595, 842])
  const font = await pdf.embedFont(StandardFonts.Helvetica)
  page.drawText('Briefing note: re-referrals', { x: 72, y: 760, size: 18, font })
  return Buffer.from(await pdf.save())
}

/** Asserts the page passes axe, naming the step if it does not. */
async function assertAccessible(page: Page, step: string): Promise<void> {
  assert.deepEqual(await axeViolations(page), [], step)
}

/** The text of the page's main content as a reader sees it, on one line. */
async function mainText(page: Page): Promise<string> {
  return (await page.getByRole('main').innerText()).replace(/\s+/g, ' ')
}

/** Page ranges printed on the meeting page's agenda, in agenda order. */
async function agendaPageRanges(page: Page): Promise<Array<{ title: string; from: number; to: number }>> {
  const ranges: Array<{ title: string; from: number; to: number }> = []
  for (const heading of await page.getByRole('heading', { level: 3 }).allTextContents()) {
    const match = /^\s*\d+\.\s*(.*?)\s*\(Pages? (\d+)(?: - (\d+))?\)\s*$/s.exec(heading)
    if (match === null) continue
    const from = Number(match[2])
    ranges.push({ title: (match[1] ?? '').trim(), from, to: match[3] === undefined ? from : Number(match[3]) })
  }
  return ranges
}

describe('a meeting from scratch to the next monitoring report, in Chromium', () => {
  let services: Services
  let close: () => Promise<void>
  let browser: Browser
  let page: Page
  let base: string

  before(async () => {
    ;({ services, base, browser, close } = await demoInChromium())
    page = await desktopPage(browser, { acceptDownloads: true })
    const created = await services.accounts.createUser(
      { email: 'dso@council.test', name: 'Emily Goodwin', role: 'democratic-services', password: TEST_PASSWORD },
      { actor: 'test' },
    )
    assert.ok(created.ok)
  })
  after(async () => {
    await close()
  })

  it('democratic services prepare a meeting, publish its pack, minute it and see the recommendation monitored', async () => {
    // 1. Sign in through the real form, from the public calendar.
    await page.goto(`${base}/meetings`)
    await assertAccessible(page, 'the calendar, signed out')
    await page.getByRole('link', { name: /^Sign in/ }).click()
    await page.getByLabel('Email address').fill('dso@council.test')
    await page.getByLabel('Password', { exact: true }).fill(TEST_PASSWORD)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'))
    await page.getByRole('navigation').getByRole('link', { name: 'Meetings', exact: true }).click()
    await page.waitForURL(`${base}/meetings`)
    await assertAccessible(page, 'the calendar, signed in')

    // Schedule a meeting some weeks after the last demo meeting (6 June 2019), first forgetting the venue.
    await page.getByRole('link', { name: 'Schedule a meeting' }).click()
    await page.waitForURL(`${base}/meetings/new`)
    await assertAccessible(page, 'the scheduling form')
    await page.getByRole('group', { name: 'Date' }).getByLabel('Day').fill('25')
    await page.getByRole('group', { name: 'Date' }).getByLabel('Month').fill('7')
    await page.getByRole('group', { name: 'Date' }).getByLabel('Year').fill('2019')
    await page.getByLabel('Start time').fill('17:30')
    await page.getByRole('button', { name: 'Schedule meeting' }).click()
    await page.getByRole('alert').waitFor()
    assert.match(await mainText(page), /There is a problem.*venue/i)
    await assertAccessible(page, 'the scheduling form with a mistake')
    await page.getByLabel('Venue').fill('Conference Room 3 - Civic Centre')
    await page.getByRole('button', { name: 'Schedule meeting' }).click()
    await page.waitForURL(/\/meetings\/\d+\?done=meeting-scheduled$/)
    const meetingUrl = page.url().split('?')[0] ?? ''
    assert.match(await mainText(page), /Thursday 25 July 2019 at 5.30 pm/)
    assert.match(await mainText(page), /Apologies and changes in Panel membership/)
    await assertAccessible(page, 'the new meeting')

    // 2. The agenda: the standard items are there; add the performance report, first without a title.
    await page.getByRole('link', { name: 'Edit the agenda' }).click()
    await assertAccessible(page, 'the agenda editor')
    await page.getByRole('button', { name: 'Add the item' }).click()
    await page.getByRole('alert').waitFor()
    await assertAccessible(page, 'the agenda editor with a mistake')
    await page.getByLabel('Title').fill(REPORT_TITLE)
    await page.getByLabel('Description (optional)').fill('Report of the Service Director, Children and Families.')
    await page.getByRole('button', { name: 'Add the item' }).click()
    await page.getByRole('link', { name: REPORT_TITLE }).click()
    await assertAccessible(page, 'the report item, not yet written')
    await page.getByRole('link', { name: 'Write the report' }).click()
    await assertAccessible(page, 'the cover sheet form')

    // The cover sheet starts from the item's title, the meeting and the panel; first the subject is left out.
    assert.equal(await page.getByLabel('Subject').inputValue(), REPORT_TITLE)
    await page.getByLabel('Subject').fill('')
    await page.getByLabel('Decision-maker').fill('Children and Families Scrutiny Panel')
    await page.getByRole('group', { name: 'Date of decision' }).getByLabel('Day').fill('25')
    await page.getByRole('group', { name: 'Date of decision' }).getByLabel('Month').fill('7')
    await page.getByRole('group', { name: 'Date of decision' }).getByLabel('Year').fill('2019')
    await page.getByLabel('Report of').fill('Service Director, Children and Families')
    await page.getByRole('button', { name: 'Save the cover sheet' }).click()
    await page.getByRole('alert').waitFor()
    assert.match(await mainText(page), /There is a problem.*subject/i)
    await assertAccessible(page, 'the cover sheet form with a mistake')
    await page.getByLabel('Subject').fill('Children and Families performance, April 2018')
    await page.getByLabel('Contact details').fill('Author | Mark Pirnie | 023 8083 3886 | mark.pirnie@example.gov.uk')
    await page.getByLabel('Brief summary').fill('The panel examines the performance of the service.')
    await page
      .getByLabel('Recommendations', { exact: true })
      .fill('That the Panel considers the performance of the service.')
    await page.getByRole('group', { name: 'Key decision?' }).getByLabel('No').check()
    await page.getByRole('button', { name: 'Save the cover sheet' }).click()
    await page.waitForURL(/\/report#appendices$/)
    await assertAccessible(page, 'the cover sheet, saved, with the appendix forms')

    // Appendices: the published April 2018 pack, first without saying what to add, then a small uploaded PDF.
    await page.getByRole('button', { name: 'Add appendix' }).click()
    await page.getByRole('alert').waitFor()
    await assertAccessible(page, 'the appendix form with a mistake')
    await page.getByLabel("A published month of a dataset: its pack's table").check()
    await page.getByLabel('Published month (for a dataset or the overview)').selectOption('monthly/2018-04')
    await page.getByRole('button', { name: 'Add appendix' }).click()
    await page.waitForURL(/\/report#appendices$/)
    await page.getByLabel('Title (optional)').fill('Briefing note on re-referrals')
    await page.getByLabel('File').setInputFiles({
      name: 'briefing-note.pdf',
      mimeType: 'application/pdf',
      buffer: await briefingPdf(),
    })
    await page.getByRole('button', { name: 'Upload' }).click()
    await page.waitForURL(/\/report#appendices$/)
    const appendices = await mainText(page)
    assert.match(appendices, /Appendix 1: .*2018/)
    assert.match(appendices, /Appendix 2: Briefing note on re-referrals/)
    await assertAccessible(page, 'the report with two appendices')

    // 3. Publish the Public Document Pack from the meeting page.
    await page.getByRole('link', { name: 'Back to the item' }).click()
    assert.match(await mainText(page), /Appendix 2: Briefing note on re-referrals/)
    await assertAccessible(page, 'the written report')
    await page.getByRole('link', { name: 'Back to the meeting' }).click()
    await page.waitForURL(meetingUrl)
    assert.match(await mainText(page), /The document pack has not been published yet/)
    await page.getByRole('button', { name: 'Publish the document pack' }).click()
    // Printing runs as a job: its page shows the progress, and links the meeting once the pack is published.
    await page.waitForURL(/\/jobs\/\d+$/)
    await assertAccessible(page, 'the document pack job while it runs')
    await page.getByRole('link', { name: 'Open the meeting and its published pack' }).click({ timeout: 60_000 })
    await page.waitForURL(/#document-pack$/, { timeout: 60_000 })
    await assertAccessible(page, 'the meeting with its published pack')

    // Fetched as the browser would, with the page's own cookies.
    const href = await page.getByRole('link', { name: 'Public Document Pack' }).getAttribute('href')
    assert.ok(href)
    const fetched = await page.request.get(new URL(href, base).href)
    assert.equal(fetched.status(), 200)
    assert.equal(fetched.headers()['content-type'], 'application/pdf')
    const bytes = await fetched.body()
    assert.match(fetched.headers()['content-disposition'] ?? '', /2019-07-25-public-document-pack-v1\.pdf/)
    const pack = await PDFDocument.load(bytes)
    const pageCount = pack.getPageCount()
    assert.ok(pageCount > 1, `the pack has ${pageCount} pages`)
    assert.match(await mainText(page), new RegExp(`PDF, [^,]+, ${pageCount} pages`))

    // The agenda's page references: numbered from the first paper, running on, within the pack.
    const ranges = await agendaPageRanges(page)
    const report = ranges.find((r) => r.title === REPORT_TITLE)
    assert.ok(report, `the report item has pages: ${JSON.stringify(ranges)}`)
    // Cover sheet, the dataset pack appendix and the one-page upload: at least three pages.
    assert.ok(report.to - report.from >= 2, JSON.stringify(report))
    assert.equal(ranges[0]?.from, 1, 'page 1 is the first paper')
    for (const [i, range] of ranges.entries()) {
      assert.ok(range.from <= range.to, JSON.stringify(range))
      if (i > 0) assert.equal(range.from, (ranges[i - 1]?.to ?? 0) + 1, `${range.title} follows on`)
    }
    const lastPage = ranges.at(-1)?.to ?? 0
    // The front sheet, public information and agenda are unnumbered pages before page 1. Printed at their own size
    // (each part on its own, so a wide appendix no longer shrinks every page of the pack), the demo committee's
    // public information takes six pages.
    assert.ok(pageCount - lastPage >= 2 && pageCount - lastPage <= 9, `${pageCount} pages, last numbered ${lastPage}`)

    // 4. The meeting is held; the minutes are written.
    await page.getByRole('link', { name: /Change the date, time, venue or status/ }).click()
    await assertAccessible(page, 'the meeting form')
    await page.getByLabel('Held').check()
    await page.getByRole('button', { name: /Save/ }).click()
    await page.waitForURL(`${meetingUrl}?done=meeting-saved`)
    assert.match(await mainText(page), /Held/)
    await page.getByRole('link', { name: 'Write the minutes' }).click()
    await assertAccessible(page, 'the minutes form')
    // Attendance is ticked member by member; a substitute without a name is the mistake.
    const guthrie = page.getByRole('group', { name: 'Councillor Guthrie' })
    await guthrie.getByLabel('Apologies, with a substitute').check()
    await page.getByRole('group', { name: 'Councillor Keogh' }).getByLabel('Apologies', { exact: true }).check()
    await page.getByRole('button', { name: 'Save draft minutes' }).click()
    await page.getByRole('alert').waitFor()
    assert.match(await mainText(page), /Enter who substituted for Councillor Guthrie/)
    await assertAccessible(page, 'the minutes form with a mistake')
    await page.getByLabel('Who substituted for Councillor Guthrie (if a substitute attended)').fill('Councillor Burke')
    await page.getByLabel('Other apologies (optional)').fill('Councillor Houghton')
    await page.getByLabel('Officers in attendance (optional)').fill('Hillary Brooks, Service Director')
    await page.getByRole('button', { name: 'Save draft minutes' }).click()
    await page.waitForURL(/\/minutes$/)
    assert.match(await mainText(page), /Draft, subject to approval/)
    // As the seed's minutes read: one "Councillors" before the names.
    assert.match(await mainText(page), /Apologies: Councillors Guthrie, Keogh and Houghton/)
    assert.match(await mainText(page), /Burke \(substitute for Councillor Guthrie\)/)
    await assertAccessible(page, 'the draft minutes')

    await page.getByRole('link', { name: 'Add a minute' }).click()
    await assertAccessible(page, 'the minute form')
    await page.getByRole('button', { name: 'Save minute' }).click()
    await page.getByRole('alert').waitFor()
    await assertAccessible(page, 'the minute form with a mistake')
    const itemOption = (await page.getByLabel('Agenda item it records (optional)').locator('option').allTextContents())
      .map((t) => t.trim())
      .find((t) => t.endsWith(REPORT_TITLE))
    assert.ok(itemOption)
    await page.getByLabel('Agenda item it records (optional)').selectOption({ label: itemOption })
    await page.getByLabel('Title').fill(REPORT_TITLE)
    await page.getByLabel('Text', { exact: true }).fill('The Panel considered the report of the Service Director.')
    await page
      .getByLabel('RESOLVED (optional)')
      .fill('that the Executive Lead Member provides the Panel with an analysis of re-referrals within 12 months.')
    await page.getByRole('button', { name: 'Save minute' }).click()
    await page.waitForURL(/\/minutes#minute-7$/)
    const minutes = await mainText(page)
    assert.match(minutes, /7\. Children and Families - Performance/)
    assert.match(minutes, /RESOLVED that the Executive Lead Member provides/)
    await assertAccessible(page, 'the minutes with minute 7')

    // The resolution asks the executive for something: it becomes a recommendation, with its lead officer.
    await page.getByLabel('Lead officer for minute 7 (optional)').fill('Hillary Brooks, Service Director')
    await page.getByRole('button', { name: 'Make a recommendation from minute 7' }).click()
    await page.waitForURL(/\/recommendations\/\d+$/)
    const recommendation = await mainText(page)
    assert.match(recommendation, /Children and Families - Performance, Thursday 25 July 2019/)
    // Two months beginning with the day it was made (s.9FE).
    assert.match(recommendation, /Response due Tuesday 24 September 2019/)
    assert.match(recommendation, /Lead officer Hillary Brooks, Service Director/)
    await assertAccessible(page, 'the new recommendation')

    // 5. The next meeting, and its Monitoring Scrutiny Recommendations report.
    await page.getByRole('navigation').getByRole('link', { name: 'Meetings', exact: true }).click()
    await page.getByRole('link', { name: 'Schedule a meeting' }).click()
    await page.getByRole('group', { name: 'Date' }).getByLabel('Day').fill('12')
    await page.getByRole('group', { name: 'Date' }).getByLabel('Month').fill('9')
    await page.getByRole('group', { name: 'Date' }).getByLabel('Year').fill('2019')
    await page.getByLabel('Start time').fill('17:30')
    await page.getByLabel('Venue').fill('Conference Room 3 - Civic Centre')
    await page.getByRole('button', { name: 'Schedule meeting' }).click()
    await page.waitForURL(/\/meetings\/\d+\?done=meeting-scheduled$/)
    assert.notEqual(page.url().split('?')[0], meetingUrl)
    assert.match(await mainText(page), /Thursday 12 September 2019/)
    await page.getByRole('link', { name: 'Monitoring scrutiny recommendations' }).click()
    await page.waitForURL(/\/monitoring-report$/)
    const monitoring = await mainText(page)
    assert.match(monitoring, /25\/07\/19/)
    assert.match(monitoring, /that the Executive Lead Member provides the Panel with an analysis of re-referrals/)
    assert.match(monitoring, /Response due Tuesday 24 September 2019/)
    assert.match(monitoring, /Lead officer: Hillary Brooks, Service Director/)
    await assertAccessible(page, 'the monitoring report')

    // The next meeting approves the first meeting's minutes as a correct record.
    await page.goto(meetingUrl)
    await page.getByRole('link', { name: 'Minutes (draft, subject to approval)' }).click()
    await page.getByRole('button', { name: 'Approve the minutes' }).click()
    await page.getByRole('alert').waitFor()
    await assertAccessible(page, 'the minutes after approving without a meeting')
    const approving = (await page.getByLabel('Meeting that approved them').locator('option').allTextContents())
      .map((t) => t.trim())
      .find((t) => t.includes('12 September 2019'))
    assert.ok(approving)
    await page.getByLabel('Meeting that approved them').selectOption({ label: approving })
    await page.getByRole('button', { name: 'Approve the minutes' }).click()
    await page.waitForURL(/\/minutes$/)
    assert.match(await mainText(page), /Approved as a correct record at the meeting held on .*12 September 2019/)
    assert.doesNotMatch(await mainText(page), /Draft, subject to approval/)
    await assertAccessible(page, 'the approved minutes')
  })

  describe('edge cases', () => {
    it('the public sees the calendar and a meeting with no link or button to change them', async () => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } })
      try {
        const publicPage = await context.newPage()
        await publicPage.goto(`${base}/meetings`)
        assert.equal(await publicPage.getByRole('link', { name: 'Schedule a meeting' }).count(), 0)
        await publicPage.goto(`${base}/meetings/2`)
        assert.equal(await publicPage.getByRole('main').getByRole('button').count(), 0)
        assert.equal(await publicPage.getByRole('link', { name: 'Edit the agenda' }).count(), 0)
        await assertAccessible(publicPage, 'a meeting, as the public')
      } finally {
        await context.close()
      }
    })
  })
})

/**
 * Issue 10's "upload, check, confirm" in Chromium, as a performance officer does it: load the April 2018 wide CSV as
 * a new month, see the preview with its revisions, confirm, watch the job finish and find the figures in the pack;
 * then load an Annex A workbook, watch its check and its loading to the end and open its data-quality report. A
 * file with errors is refused and changes nothing. Every page on the way passes axe (WCAG 2.2 AA). The server's job
 * runner runs the jobs, as `npm start` does.
 */
import assert from 'node:assert/strict'
import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { after, before, describe, it } from 'node:test'
import type { Browser, Page } from 'playwright-core'
import { axeViolations, demoInChromium, desktopPage } from '../../test/browser.ts'
import { TEST_PASSWORD } from '../../test/sign-in.ts'
import { addMonths, formatPeriodLong, type Period } from '../domain/period.ts'
import { DEMO_FIGURES_FILE } from '../services/demo-service.ts'
import type { Services } from '../services/index.ts'

const ANNEX_A_WORKBOOK = fileURLToPath(new URL('../../fixtures/annex-a/Annex_A.xlsx', import.meta.url))
const EMAIL = 'priya.shah@council.test'

async function assertAccessible(page: Page, step: string): Promise<void> {
  try {
    assert.deepEqual(await axeViolations(page), [], step)
  } catch (error) {
    // A job's page reloads itself once the job ends: if that happens while axe runs, check the page it became.
    if (!/Execution context was destroyed|navigat/i.test((error as Error).message)) throw error
    await page.waitForLoadState('load')
    assert.deepEqual(await axeViolations(page), [], `${step} (after it reloaded)`)
  }
}

async function mainText(page: Page): Promise<string> {
  return (await page.getByRole('main').innerText()).replace(/\s+/g, ' ')
}

/**
 * The April 2018 wide file with its thirteen month headings moved on so that the last is `last`: the figures of
 * April 2017 to April 2018 arrive as those of the thirteen months to `last`, so the newest is a new month and the
 * twelve before it revise what is stored.
 */
function asMonthsTo(text: string, last: Period): string {
  const [header = '', ...rows] = text.split('\n')
  let n = 0
  const moved = header
    .split(',')
    .map((cell) => (/^\d{4}-\d{2}$/.test(cell) ? addMonths(last, -12 + n++) : cell))
    .join(',')
  assert.equal(n, 13)
  return [moved, ...rows].join('\n')
}

describe('loading data in the browser, in Chromium', () => {
  let services: Services
  let browser: Browser
  let base: string
  let page: Page
  let close: () => Promise<void>

  before(async () => {
    ;({ services, base, browser, close } = await demoInChromium())
    const created = await services.accounts.createUser(
      { email: EMAIL, name: 'Priya Shah', role: 'performance-officer', password: TEST_PASSWORD },
      { actor: 'test' },
    )
    assert.ok(created.ok)
    page = await desktopPage(browser)
    await page.goto(`${base}/sign-in`)
    await page.getByLabel('Email address').fill(EMAIL)
    await page.getByLabel('Password', { exact: true }).fill(TEST_PASSWORD)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'))
  })
  after(async () => {
    await close()
  })

  /** Opens Load data from the header, chooses what the file holds and uploads it. */
  async function uploadFile(kind: string, file: { name: string; mimeType: string; buffer: Buffer }) {
    await page.getByRole('navigation').getByRole('link', { name: 'Load data' }).click()
    await page.waitForURL(`${base}/load-data`)
    await page.getByRole('radio', { name: kind }).check()
    await page.getByLabel('File', { exact: true }).setInputFiles(file)
    await page.getByRole('button', { name: 'Upload and check' }).click()
  }

  /** On a job's page, waits (the page updates itself) for its result link and returns it. */
  async function jobResult(linkText: string) {
    await page.waitForURL(/\/jobs\/\d+$/)
    const link = page.getByRole('link', { name: linkText })
    await link.waitFor({ timeout: 120_000 })
    return link
  }

  it('loads the April 2018 wide file as a new month: preview with revisions, confirm, job, pack', async () => {
    const datasets = await services.packs.listDatasets()
    const latest = datasets.find((d) => d.dataset.id === 'monthly')?.periods.at(-1)
    assert.ok(latest !== undefined)
    const month = addMonths(latest, 1)
    const previous = addMonths(month, -1)
    const history = (await services.packs.getIndicator('lac-count'))?.history ?? []
    const storedBefore = history.find((o) => o.period === previous)?.value
    assert.equal(typeof storedBefore, 'number')
    const csv = asMonthsTo(await readFile(DEMO_FIGURES_FILE, 'utf8'), month)
    const lacCells = (csv.split('\n').find((line) => line.startsWith('lac-count,')) ?? '').match(
      /,(\d+),(\d+),(\d+),(\d+),(\d+),(\d+),(\d+),(\d+),(\d+),(\d+),(\d+),(\d+),(\d+),/,
    )
    const newValue = lacCells?.[13]
    const revisedTo = lacCells?.[12]

    await page.getByRole('navigation').getByRole('link', { name: 'Load data' }).click()
    await assertAccessible(page, 'the Load data page')
    await uploadFile('Monthly figures', { name: 'monthly-dataset.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) })
    await page.waitForURL(/\/load-data\/\d+$/)
    const preview = await mainText(page)
    assert.match(preview, /Check before loading: monthly-dataset\.csv/)
    assert.match(preview, /Nothing has been loaded yet/)
    assert.match(preview, /Revised figures: the figure now and the figure it would become/)
    const revisedRow = page
      .getByRole('row')
      .filter({ hasText: 'Number of Looked after Children at end of period' })
      .filter({ hasText: formatPeriodLong(previous) })
      .first()
    assert.match((await revisedRow.innerText()).replace(/\s+/g, ' '), new RegExp(`${storedBefore} ${revisedTo}$`))
    await assertAccessible(page, 'the preview of the figures')
    assert.equal(
      (await services.packs.getIndicator('lac-count'))?.history.find((o) => o.period === month),
      undefined,
      'nothing is loaded before confirmation',
    )

    await page.getByRole('button', { name: 'Confirm and load' }).click()
    const open = await jobResult('Open the pack')
    await assertAccessible(page, 'the finished job')
    await open.click()
    await page.waitForURL(`${base}/datasets/monthly/${month}`)
    const row = page.getByRole('row').filter({ hasText: 'Number of Looked after Children at end of period' }).first()
    assert.match(await row.innerText(), new RegExp(`\\b${newValue}\\b`))
    await assertAccessible(page, 'the pack with the new month')
  })

  it('loads an Annex A workbook: its check and its loading run as jobs, then its data-quality report', async () => {
    await uploadFile('An Annex A return', {
      name: 'Annex_A.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: await readFile(ANNEX_A_WORKBOOK),
    })
    const see = await jobResult('See what it would change')
    await assertAccessible(page, 'the finished check')
    await see.click()
    await page.waitForURL(/\/load-data\/\d+$/)
    const preview = await mainText(page)
    assert.match(preview, /Data quality/)
    assert.match(preview, /Lists in the return/)
    await assertAccessible(page, 'the preview of the return')
    await page.getByRole('button', { name: 'Confirm and load' }).click()
    await page.waitForURL(/\/jobs\/\d+$/)
    await assertAccessible(page, 'the loading job')
    const report = await jobResult('Open the data-quality report')
    await report.click()
    await page.waitForURL(/\/imports\/\d+$/)
    assert.match(await mainText(page), /Annex_A\.xlsx/)
    await assertAccessible(page, 'the data-quality report')
  })

  it('refuses a file with errors, says why in the command line’s words, and changes nothing', async () => {
    const before = JSON.stringify(await services.packs.getIndicator('lac-count'))
    await uploadFile('Monthly figures', {
      name: 'mistakes.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('indicator_id,period,value\nlac-count,2018-04,five hundred\nlac-count,2018-03,\n'),
    })
    await page.waitForURL(/\/load-data\/\d+$/)
    const text = await mainText(page)
    assert.match(text, /This file cannot be loaded/)
    assert.match(text, /mistakes\.csv, row 2, column "value" \(value "five hundred"\): "five hundred" is not a number/)
    assert.equal(await page.getByRole('button', { name: 'Confirm and load' }).count(), 0)
    await assertAccessible(page, 'a refused file')
    assert.equal(JSON.stringify(await services.packs.getIndicator('lac-count')), before)

    // A form without a choice is shown again with its problem, and still passes axe.
    await page.getByRole('navigation').getByRole('link', { name: 'Load data' }).click()
    await page.getByRole('button', { name: 'Upload and check' }).click()
    await page.getByRole('alert').waitFor()
    assert.match(await mainText(page), /There is a problem.*Select what the file holds/)
    await assertAccessible(page, 'the upload form with a mistake')
  })
})

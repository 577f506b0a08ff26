/**
 * Publication through the web: the public sees only published months, as frozen, with disclosure control;
 * preparers see the live pack marked where it was revised since; directors publish through the form.
 */
import assert from 'node:assert/strict'
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { after, before, describe, it } from 'node:test'
import ExcelJS from 'exceljs'
import type { FastifyInstance } from 'fastify'
import Papa from 'papaparse'
import { demoApp } from '../../test/app.ts'
import { signedInAs } from '../../test/sign-in.ts'
import type { Services } from '../services/index.ts'

const MAX = 20 * 1024 * 1024
const ANNEX_A_SMALL = fileURLToPath(new URL('../services/testdata/annex-a-small', import.meta.url))

type Session = { cookies: Record<string, string>; csrfToken: string }

/** The CSV's row for one indicator, as a map of column → field. */
function csvRow(body: string, id: string): Record<string, string> {
  const parsed = Papa.parse<Record<string, string>>(body.replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true })
  const row = parsed.data.find((r) => r.id === id)
  assert.ok(row, `no CSV row for ${id}`)
  return row
}

/** The full table's row for one indicator (after the at-a-glance table): the text of its cells, in order. */
function pageRow(html: string, title: string): string[] {
  const start = html.indexOf(`${title}</a>`, html.indexOf('id="pack-caption"'))
  assert.ok(start >= 0, `no row for ${title}`)
  const row = html.slice(start, html.indexOf('</tr>', start))
  return [...row.matchAll(/<td class="govuk-table__cell govuk-table__cell--numeric">([\s\S]*?)<\/td>/g)].map((m) =>
    (m[1] ?? '')
      .replace(/<[^>]+>/g, ' ')
      .replace(/\s+/g, ' ')
      .trim(),
  )
}

async function xlsxCells(buffer: Buffer): Promise<Map<string, unknown[]>> {
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(buffer as unknown as ExcelJS.Buffer)
  const sheet = workbook.getWorksheet('Dataset')
  assert.ok(sheet)
  const rows = new Map<string, unknown[]>()
  sheet.eachRow((row) => {
    const values = (row.values as unknown[]).slice(1)
    if (typeof values[0] === 'string') rows.set(values[0], values)
  })
  return rows
}

describe('publication on the web', () => {
  let app: FastifyInstance
  let services: Services
  let close: () => Promise<void>
  let dir: string
  let director: Session
  let officer: Session
  let panel: Session

  before(async () => {
    ;({ app, services, close } = await demoApp({ signInRateLimitPerMinute: 1000 }))
    director = await signedInAs(app, services, 'director', 'Jo Director')
    officer = await signedInAs(app, services, 'performance-officer', 'Pat Officer')
    panel = await signedInAs(app, services, 'panel-member', 'Cllr Panel')
    dir = await mkdtemp(join(tmpdir(), 'scrutineer-publication-http-'))
  })
  after(async () => {
    await close()
    await rm(dir, { recursive: true, force: true })
  })

  it('lists only published months to the public and says "not found" for an unpublished one', async () => {
    const list = await app.inject('/datasets')
    assert.equal(list.statusCode, 200)
    assert.match(list.body, /href="\/datasets\/monthly\/2018-04"/)
    assert.doesNotMatch(list.body, /href="\/datasets\/monthly\/2018-03"/)
    // The demo publishes April and May 2018; June 2018 is the month in progress.
    assert.match(list.body, /2 months published/)
    assert.doesNotMatch(list.body, /href="\/datasets\/monthly\/2018-06"/)
    for (const url of [
      '/datasets/monthly/2018-03',
      '/datasets/monthly/2018-03.csv',
      '/datasets/monthly/2018-03.json',
      '/datasets/monthly/2018-06',
    ]) {
      assert.equal((await app.inject(url)).statusCode, 404, url)
    }
    // A panel member is not a preparer: the same rule.
    assert.equal((await app.inject({ url: '/datasets/monthly/2018-03', cookies: panel.cookies })).statusCode, 404)
    // Preparers see every month with figures.
    const officerList = await app.inject({ url: '/datasets', cookies: officer.cookies })
    assert.match(officerList.body, /href="\/datasets\/monthly\/2018-03"/)
  })

  it('shows the public the published snapshot with 2 adoptions in April as c, on the page and in every export', async () => {
    const published = await services.publications.publishedPack('monthly', '2018-04')
    assert.ok(published)
    const page = await app.inject('/datasets/monthly/2018-04')
    assert.equal(page.statusCode, 200)
    assert.match(page.body, /Published on \d{1,2} \w+ \d{4} at \d{2}:\d{2} by demo, version 1/)
    assert.ok(page.body.includes(published.contentHash))
    assert.match(page.body, /c means the figure is withheld/)
    // Adoptions, April 2018: 2 children. Its percentage is built on it, so it goes too.
    assert.equal(pageRow(page.body, 'Number of adoptions (E11, E12)')[12], 'c')
    assert.equal(pageRow(page.body, 'Percentage of adoptions (E11, E12)')[12], 'c')
    assert.equal(pageRow(page.body, 'Number of Looked after Children at end of period')[12], '521')
    assert.doesNotMatch(page.body, /Revised since publication|Publish this pack/)

    const csv = await app.inject('/datasets/monthly/2018-04.csv')
    assert.equal(csv.statusCode, 200)
    assert.equal(csvRow(csv.body, 'adoptions')['2018-04'], 'c')
    assert.equal(csvRow(csv.body, 'adoptions')['average_12_months'], 'c')
    assert.equal(csvRow(csv.body, 'adoptions-pct')['2018-04'], 'c')
    assert.equal(csvRow(csv.body, 'lac-count')['2018-04'], '521')

    const json = await app.inject('/datasets/monthly/2018-04.json')
    const body = JSON.parse(json.body) as {
      publication: { version: number; contentHash: string }
      indicators: Array<{ id: string; values: Array<{ value: unknown; numerator: unknown }> }>
    }
    assert.equal(body.publication.version, 1)
    assert.equal(body.publication.contentHash, published.contentHash)
    const adoptionsPct = body.indicators.find((r) => r.id === 'adoptions-pct')
    assert.deepEqual(
      [body.indicators.find((r) => r.id === 'adoptions')?.values.at(-1)?.value, adoptionsPct?.values.at(-1)?.value],
      ['c', 'c'],
    )
    assert.equal(adoptionsPct?.values.at(-1)?.numerator, null)

    const xlsx = await app.inject('/datasets/monthly/2018-04.xlsx')
    assert.equal(xlsx.statusCode, 200)
    const rows = await xlsxCells(xlsx.rawPayload)
    const adoptions = [...rows].find(([label]) => label.includes('Number of adoptions'))?.[1]
    // Indicator, owner, reporter, outcome, then 13 months: April 2018 is the 17th column.
    assert.equal(adoptions?.[16], 'c')

    const indicator = await app.inject('/indicators/adoptions')
    assert.equal(indicator.statusCode, 200)
    // The indicator page shows the latest published month, May 2018, whose 13 months include April.
    assert.match(indicator.body, /Published pack for 2018-05, version 1/)
    assert.match(indicator.body, />c<\/td>/)
  })

  it('keeps the published figures when a month is imported again, and marks the live figure for preparers', async () => {
    const before = await services.publications.publishedPack('monthly', '2018-04')
    const file = join(dir, 'revision.csv')
    await writeFile(file, 'indicator_id,period,value\nlac-count,2018-04,530\n')
    const imported = await services.figures.importFile(file, { mode: 'values', actor: 'test', maxBytes: MAX })
    assert.ok(imported.ok)

    const publicCsv = await app.inject('/datasets/monthly/2018-04.csv')
    assert.equal(csvRow(publicCsv.body, 'lac-count')['2018-04'], '521')
    const afterImport = await services.publications.publishedPack('monthly', '2018-04')
    assert.equal(afterImport?.contentHash, before?.contentHash)

    const live = await app.inject({ url: '/datasets/monthly/2018-04', cookies: officer.cookies })
    assert.equal(live.statusCode, 200)
    assert.match(live.body, /Published on .* \(version 1\)/)
    // The count, and the IFA percentage whose denominator it is.
    assert.match(live.body, /2 figures have been revised since publication/)
    assert.deepEqual(
      pageRow(live.body, 'Number of Looked after Children at end of period')[12],
      // Typed in from a CSV of figures, not computed from child-level records: no link to children.
      '530 Revised since publication: published as 521',
    )
    // Live figures for preparers: no suppression, but marked as not for publication where the public sees c.
    assert.equal(
      pageRow(live.body, 'Number of adoptions (E11, E12)')[12],
      '2 * (not for publication: c to the public)',
    )
    assert.match(live.body, /id="not-for-publication"/)
    assert.match(live.body, /href="\/datasets\/monthly\/2018-04\?version=1"/)
    // Only directors get the button.
    assert.doesNotMatch(live.body, /\/datasets\/monthly\/2018-04\/publish/)
    const directorView = await app.inject({ url: '/datasets/monthly/2018-04', cookies: director.cookies })
    assert.match(directorView.body, /href="\/datasets\/monthly\/2018-04\/publish"/)
    // The published version, as officers open it: the snapshot, suppressed as the public sees it.
    const version1 = await app.inject({ url: '/datasets/monthly/2018-04?version=1', cookies: officer.cookies })
    assert.equal(pageRow(version1.body, 'Number of Looked after Children at end of period')[12], '521')
    assert.match(version1.body, /View the live figures/)
  })

  it('lets a director publish a month through the confirmation page, and not a panel member', async () => {
    const form = await app.inject({ url: '/datasets/monthly/2018-03/publish', cookies: director.cookies })
    assert.equal(form.statusCode, 200)
    assert.match(form.body, /What will be frozen/)
    assert.match(form.body, /This will be version 1/)
    assert.match(form.body, /49 of 49 indicators have no approved commentary/)

    const refusedForm = await app.inject({ url: '/datasets/monthly/2018-03/publish', cookies: panel.cookies })
    assert.equal(refusedForm.statusCode, 403)
    const refusedPost = await app.inject({
      method: 'POST',
      url: '/datasets/monthly/2018-03/publish',
      cookies: panel.cookies,
      payload: { _csrf: panel.csrfToken },
    })
    assert.equal(refusedPost.statusCode, 403)
    assert.equal((await app.inject('/datasets/monthly/2018-03')).statusCode, 404)

    const posted = await app.inject({
      method: 'POST',
      url: '/datasets/monthly/2018-03/publish',
      cookies: director.cookies,
      payload: { _csrf: director.csrfToken },
    })
    assert.equal(posted.statusCode, 303)
    assert.equal(posted.headers.location, '/datasets/monthly/2018-03')
    const page = await app.inject('/datasets/monthly/2018-03')
    assert.equal(page.statusCode, 200)
    assert.match(page.body, /by Jo Director, version 1/)
    const history = await app.inject({ url: '/datasets/monthly/2018-03/publications', cookies: officer.cookies })
    assert.match(history.body, /Version 1/)
    assert.match(history.body, /Jo Director/)
  })

  it('never puts a child ID on a public page or in a public export', async () => {
    // An Annex A return whose children have unmistakable IDs, then a corrected April published from it.
    const annexA = join(dir, 'annex-a')
    await cp(ANNEX_A_SMALL, annexA, { recursive: true })
    for (const name of await readdir(annexA)) {
      if (!name.endsWith('.csv')) continue
      const text = await readFile(join(annexA, name), 'utf8')
      await writeFile(join(annexA, name), text.replace(/^C(\d+),/gm, 'CHILDZQ$1,'))
    }
    const imported = await services.annexA.importFile(annexA, { actor: 'test' })
    assert.ok(imported.ok)
    const published = await services.publications.publish('monthly', '2018-04', 'Jo Director')
    assert.ok(published.ok)
    assert.equal(published.value.version, 2)
    for (const url of [
      '/datasets',
      '/datasets/monthly/2018-04',
      '/datasets/monthly/2018-04.csv',
      '/datasets/monthly/2018-04.json',
      '/indicators/icpc-count',
    ]) {
      const response = await app.inject(url)
      assert.equal(response.statusCode, 200, url)
      assert.doesNotMatch(response.body, /CHILDZQ/, url)
    }
    const rows = await xlsxCells((await app.inject('/datasets/monthly/2018-04.xlsx')).rawPayload)
    assert.doesNotMatch(JSON.stringify([...rows]), /CHILDZQ/)
    // Three ICPCs in April from the return: a small count, so c; and the rate per 10,000 built on it, which with
    // the public population figure would give the 3 back.
    const csv = (await app.inject('/datasets/monthly/2018-04.csv')).body
    assert.equal(csvRow(csv, 'icpc-count')['2018-04'], 'c')
    assert.equal(csvRow(csv, 'icpc-rate')['2018-04'], 'c')
  })

  describe('edge cases', () => {
    it('shows the public only the latest version, whatever version is asked for', async () => {
      const page = await app.inject('/datasets/monthly/2018-04?version=1')
      assert.match(page.body, /version 2/)
      assert.doesNotMatch(page.body, /superseded/)
      const json = JSON.parse((await app.inject('/datasets/monthly/2018-04.json?version=1')).body) as {
        publication: { version: number }
      }
      assert.equal(json.publication.version, 2)
    })

    it('shows officers a superseded version as superseded, and a version that does not exist as not found', async () => {
      const old = await app.inject({ url: '/datasets/monthly/2018-04?version=1', cookies: officer.cookies })
      assert.match(old.body, /version 1 \(superseded by version 2\)/)
      assert.match(old.body, /href="\/datasets\/monthly\/2018-04.csv\?version=1"/)
      const missing = await app.inject({ url: '/datasets/monthly/2018-04?version=99', cookies: officer.cookies })
      assert.equal(missing.statusCode, 404)
    })

    it('refuses to publish a month with no figures or a malformed month (not found)', async () => {
      for (const url of [
        '/datasets/monthly/2030-01/publish',
        '/datasets/monthly/2018-13/publish',
        '/datasets/nope/2018-04/publish',
      ]) {
        const get = await app.inject({ url, cookies: director.cookies })
        assert.equal(get.statusCode, 404, url)
        const post = await app.inject({
          method: 'POST',
          url,
          cookies: director.cookies,
          payload: { _csrf: director.csrfToken },
        })
        assert.equal(post.statusCode, 404, url)
      }
      assert.deepEqual(await services.publications.publishedPeriods('monthly'), ['2018-03', '2018-04', '2018-05'])
    })

    it('says "not found" to the public for an indicator in no published pack', async () => {
      assert.equal((await app.inject('/indicators/no-such-indicator')).statusCode, 404)
    })
  })
})

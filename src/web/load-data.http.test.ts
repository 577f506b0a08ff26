import assert from 'node:assert/strict'
import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { after, before, describe, it } from 'node:test'
import type { FastifyInstance } from 'fastify'
import { sql } from 'kysely'
import { demoApp } from '../../test/app.ts'
import { multipart } from '../../test/multipart.ts'
import { signedInAs } from '../../test/sign-in.ts'
import type { Services } from '../services/index.ts'
import type { Store } from '../store/connect.ts'

const ANNEX_A_WORKBOOK = fileURLToPath(new URL('../../fixtures/annex-a/Annex_A.xlsx', import.meta.url))
const CIN_CENSUS = fileURLToPath(new URL('../../fixtures/cin-census/CIN_Census_2024.xml', import.meta.url))
const CSV = 'text/csv'

describe('the Load data area', () => {
  let app: FastifyInstance
  let services: Services
  let store: Store
  let close: () => Promise<void>
  let officer: { cookies: Record<string, string>; csrfToken: string }
  let admin: { cookies: Record<string, string>; csrfToken: string }

  /** Uploads a file through the form as a signed-in person. */
  function upload(
    who: { cookies: Record<string, string>; csrfToken: string },
    fields: Record<string, string>,
    file: { name: string; bytes: Uint8Array; type: string } | null,
  ) {
    return app.inject({
      method: 'POST',
      url: '/load-data',
      cookies: who.cookies,
      ...multipart({ _csrf: who.csrfToken, ...fields }, file),
    })
  }

  function post(who: { cookies: Record<string, string>; csrfToken: string }, url: string) {
    return app.inject({ method: 'POST', url, cookies: who.cookies, payload: { _csrf: who.csrfToken } })
  }

  async function uploadCount(): Promise<number> {
    const rows = await sql<{ n: number }>`select count(*)::int as n from upload`.execute(store.db)
    return rows.rows[0]?.n ?? -1
  }

  async function lacCount(period: string) {
    return (await services.packs.getIndicator('lac-count'))?.history.find((o) => o.period === period)?.value
  }

  before(async () => {
    ;({ app, services, store, close } = await demoApp())
    officer = await signedInAs(app, services, 'performance-officer', 'Priya Shah')
    admin = await signedInAs(app, services, 'administrator', 'Alex Admin')
  })
  after(async () => {
    await close()
  })

  it('is linked from the header for those who may load data, and only for them', async () => {
    const page = await app.inject({ url: '/datasets', cookies: officer.cookies })
    assert.match(page.body, /<a class="govuk-service-navigation__link" href="\/load-data"/)
    const director = await signedInAs(app, services, 'director')
    const theirs = await app.inject({ url: '/datasets', cookies: director.cookies })
    assert.doesNotMatch(theirs.body, /href="\/load-data"/)
    assert.equal((await app.inject({ url: '/load-data', cookies: director.cookies })).statusCode, 403)
    const form = await app.inject({ url: '/load-data', cookies: officer.cookies })
    assert.equal(form.statusCode, 200)
    assert.match(form.body, /enctype="multipart\/form-data"/)
    assert.match(form.body, /Children and Families Monthly Dataset \(monthly\)/)
    // The end month is chosen from the months there are, not typed as YYYY-MM.
    assert.match(form.body, /<select class="govuk-select" id="end" name="end"/)
    assert.match(form.body, /<option value="2018-06">June 2018<\/option>/)
  })

  it('uploads figures, previews old → new, and loads them once confirmed, as a job', async () => {
    const april = await lacCount('2018-04')
    const response = await upload(
      officer,
      { kind: 'figures', dataset: 'monthly' },
      {
        // July 2018: the month after the demo's last.
        name: 'july.csv',
        bytes: Buffer.from('indicator_id,period,value\nlac-count,2018-04,531\nlac-count,2018-07,530\n'),
        type: CSV,
      },
    )
    assert.equal(response.statusCode, 303, response.body.slice(0, 500))
    const location = response.headers.location ?? ''
    assert.match(location, /^\/load-data\/\d+$/)
    const preview = await app.inject({ url: location, cookies: officer.cookies })
    assert.equal(preview.statusCode, 200)
    const text = preview.body.replace(/\s+/g, ' ')
    assert.match(text, /Nothing has been loaded yet/)
    assert.match(text, /1 new figure, 1 revised figure and 0 figures the same as now/)
    assert.match(
      text,
      new RegExp(
        `Number of Looked after Children at end of period</th> <td class="govuk-table__cell">April 2018</td> <td class="govuk-table__cell govuk-table__cell--numeric">${String(april)}</td> <td class="govuk-table__cell govuk-table__cell--numeric">531</td>`,
      ),
    )
    assert.equal(await lacCount('2018-04'), april, 'nothing changes before confirmation')

    const confirmed = await post(officer, `${location}/confirm`)
    assert.equal(confirmed.statusCode, 303)
    assert.match(confirmed.headers.location ?? '', /^\/jobs\/\d+$/)
    const job = await services.jobs.runNext()
    assert.equal(job?.status, 'succeeded', job?.error ?? '')
    assert.equal(job?.resultUrl, '/datasets/monthly/2018-07')
    assert.equal(await lacCount('2018-04'), 531)
    const jobPage = await app.inject({ url: confirmed.headers.location ?? '', cookies: officer.cookies })
    assert.match(jobPage.body, /href="\/datasets\/monthly\/2018-07">Open the pack</)

    // A second officer confirming the same preview is told it is already done.
    const again = await post(admin, `${location}/confirm`)
    assert.equal(again.statusCode, 409)
    assert.match(again.body, /This upload was already confirmed by Priya Shah on/)
    const loaded = await app.inject({ url: location, cookies: officer.cookies })
    assert.match(loaded.body, /The file was loaded/)
    const list = await app.inject({ url: '/load-data', cookies: officer.cookies })
    assert.match(
      list.body.replace(/\s+/g, ' '),
      /july\.csv<\/a><\/th> <td class="govuk-table__cell">Monthly figures<\/td> <td class="govuk-table__cell">Priya Shah<\/td>/,
    )
  })

  it('refuses a bad file with the command line’s words and loads nothing', async () => {
    const before = await lacCount('2018-04')
    const response = await upload(
      officer,
      { kind: 'figures', dataset: 'monthly' },
      { name: 'bad.csv', bytes: Buffer.from('indicator_id,period,value\nlac-count,2018-04,n/a\n'), type: CSV },
    )
    assert.equal(response.statusCode, 303)
    const page = await app.inject({ url: response.headers.location ?? '', cookies: officer.cookies })
    assert.match(page.body, /This file cannot be loaded/)
    assert.match(
      page.body,
      /bad\.csv, row 2, column &quot;value&quot; \(value &quot;n\/a&quot;\): &quot;n\/a&quot; is not a number\./,
    )
    assert.doesNotMatch(page.body, /Confirm and load/)
    const confirmed = await post(officer, `${response.headers.location ?? ''}/confirm`)
    assert.equal(confirmed.statusCode, 409)
    assert.equal(await lacCount('2018-04'), before)
  })

  it('shows the form again with its problems, storing nothing, when the form is wrong', async () => {
    const before = await uploadCount()
    const noKind = await upload(officer, {}, { name: 'a.csv', bytes: Buffer.from('x'), type: CSV })
    assert.equal(noKind.statusCode, 400)
    assert.match(noKind.body, /There is a problem/)
    assert.match(noKind.body, /href="#kind">Select what the file holds/)
    const wrongType = await upload(
      officer,
      { kind: 'annex-a' },
      { name: 'return.csv', bytes: Buffer.from('x'), type: CSV },
    )
    assert.equal(wrongType.statusCode, 400)
    assert.match(
      wrongType.body,
      /href="#file">The selected file must be an Excel workbook \(.xlsx\), a zip of the list CSV files or of the SSDA903 CSV files \(.zip\), or a children in need census \(.xml\)/,
    )
    const newDataset = await upload(
      officer,
      { kind: 'figures', dataset: 'new', newDatasetId: 'Early Help', newDatasetTitle: '' },
      { name: 'eh.csv', bytes: Buffer.from('x'), type: CSV },
    )
    assert.equal(newDataset.statusCode, 400)
    assert.match(newDataset.body, /href="#newDatasetId">The id must be lower-case letters/)
    assert.match(newDataset.body, /href="#newDatasetTitle">Enter a title for the new dataset/)
    assert.match(newDataset.body, /value="Early Help"/, 'what was typed comes back')
    const noFile = await upload(officer, { kind: 'bank-holidays' }, null)
    assert.equal(noFile.statusCode, 400)
    assert.match(noFile.body, /href="#file">Select a file/)
    const empty = await upload(
      officer,
      { kind: 'bank-holidays' },
      { name: 'b.json', bytes: new Uint8Array(0), type: 'application/json' },
    )
    assert.equal(empty.statusCode, 400)
    assert.match(empty.body, /The selected file is empty/)
    const tooBig = await upload(
      officer,
      { kind: 'figures', dataset: 'monthly' },
      { name: 'big.csv', bytes: new Uint8Array(21 * 1024 * 1024), type: CSV },
    )
    assert.equal(tooBig.statusCode, 400)
    assert.match(tooBig.body, /href="#file">The selected file must be smaller than 20 MB/)
    const notMultipart = await post(officer, '/load-data')
    assert.equal(notMultipart.statusCode, 400)
    assert.equal(await uploadCount(), before)
  })

  it('refuses an upload without the CSRF token, and one from a role that may not load data before reading it', async () => {
    const before = await uploadCount()
    const body = multipart(
      { kind: 'bank-holidays' },
      { name: 'b.json', bytes: Buffer.from('{}'), type: 'application/json' },
    )
    const noToken = await app.inject({ method: 'POST', url: '/load-data', cookies: officer.cookies, ...body })
    assert.equal(noToken.statusCode, 403)
    const owner = await signedInAs(app, services, 'indicator-owner')
    const refused = await upload(
      owner,
      { kind: 'bank-holidays' },
      { name: 'b.json', bytes: Buffer.from('{}'), type: 'application/json' },
    )
    assert.equal(refused.statusCode, 403)
    assert.equal(await uploadCount(), before)
  })

  it('offers a children in need census under its own name, and names it so in the preview and the lists', async () => {
    const form = (await app.inject({ url: '/load-data', cookies: officer.cookies })).body.replace(/\s+/g, ' ')
    assert.match(
      form,
      /<input [^>]*name="kind" type="radio" value="cin-census"[^>]*> <label [^>]*> Children in need census \(XML\) </,
    )
    assert.match(form, /The DfE children in need \(CIN\) census XML your case management system exports/)
    const notXml = await upload(
      officer,
      { kind: 'cin-census' },
      { name: 'census.xlsx', bytes: Buffer.from('x'), type: 'application/octet-stream' },
    )
    assert.equal(notXml.statusCode, 400)
    assert.match(notXml.body, /href="#file">The selected file must be the children in need census XML file \(.xml\)/)
    assert.match(notXml.body, /value="cin-census" checked/, 'the choice comes back')

    const response = await upload(
      admin,
      { kind: 'cin-census', months: '13' },
      { name: 'CIN_Census_2024.xml', bytes: await readFile(CIN_CENSUS), type: 'text/xml' },
    )
    assert.equal(response.statusCode, 303, response.body.slice(0, 300))
    const check = await services.jobs.runNext()
    assert.equal(check?.status, 'succeeded', check?.error ?? '')
    const previewUrl = check?.resultUrl ?? ''
    const preview = (await app.inject({ url: previewUrl, cookies: admin.cookies })).body.replace(/\s+/g, ' ')
    assert.match(preview, /<title>Children in need \(CIN\) census: CIN_Census_2024\.xml/)
    assert.match(
      preview,
      /What it holds<\/dt> <dd class="govuk-summary-list__value app-break-word">Children in need \(CIN\) census</,
    )
    assert.match(preview, /The latest month in the census/)
    assert.match(preview, /census &lt;CINdetails&gt;/)
    const confirmed = await post(admin, `${previewUrl}/confirm`)
    assert.equal(confirmed.statusCode, 303)
    const job = await services.jobs.runNext()
    assert.equal(job?.status, 'succeeded', job?.error ?? '')
    const uploads = (await app.inject({ url: '/load-data', cookies: admin.cookies })).body.replace(/\s+/g, ' ')
    assert.match(
      uploads,
      /CIN_Census_2024\.xml<\/a><\/th> <td class="govuk-table__cell">Children in need \(CIN\) census<\/td>/,
    )
    const imports = await app.inject({ url: '/imports', cookies: admin.cookies })
    assert.match(imports.body, /: CIN_Census_2024\.xml \(CIN census\)<\/a>/)
  })

  it('checks an Annex A workbook as a job, then loads it, and abandons another', async () => {
    const bytes = await readFile(ANNEX_A_WORKBOOK)
    const response = await upload(
      admin,
      { kind: 'annex-a', end: '2018-04', months: '13' },
      { name: 'Annex_A.xlsx', bytes, type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
    )
    assert.equal(response.statusCode, 303, response.body.slice(0, 300))
    assert.match(response.headers.location ?? '', /^\/jobs\/\d+$/)
    const check = await services.jobs.runNext()
    assert.equal(check?.status, 'succeeded', check?.error ?? '')
    const previewUrl = check?.resultUrl ?? ''
    const preview = await app.inject({ url: previewUrl, cookies: admin.cookies })
    assert.match(preview.body, /Data quality/)
    assert.match(preview.body, /Lists in the return/)
    const confirmed = await post(admin, `${previewUrl}/confirm`)
    assert.equal(confirmed.statusCode, 303)
    const job = await services.jobs.runNext()
    assert.equal(job?.status, 'succeeded', job?.error ?? '')
    assert.match(job?.resultUrl ?? '', /^\/imports\/\d+$/)
    const report = await app.inject({ url: job?.resultUrl ?? '', cookies: admin.cookies })
    assert.equal(report.statusCode, 200)
    assert.match(report.body, /Annex_A\.xlsx/)

    const second = await upload(
      officer,
      { kind: 'bank-holidays' },
      {
        name: 'bank-holidays.json',
        bytes: Buffer.from(JSON.stringify({ 'england-and-wales': { events: [{ title: 'X', date: '2032-01-05' }] } })),
        type: 'application/json',
      },
    )
    const location = second.headers.location ?? ''
    const page = await app.inject({ url: location, cookies: officer.cookies })
    assert.match(page.body, /1 new holiday/)
    const abandoned = await post(officer, `${location}/abandon`)
    assert.equal(abandoned.statusCode, 303)
    const after = await app.inject({ url: location, cookies: officer.cookies })
    assert.match(after.body, /This upload was abandoned/)
    assert.equal((await post(officer, `${location}/confirm`)).statusCode, 409)
  })
})

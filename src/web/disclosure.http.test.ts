/**
 * Disclosure control on every public output (issue 11, item 14). Signed out, every output of each of the demo's
 * published months — the pack page, its CSV, XLSX and JSON, each indicator page and the printed pack's table — is
 * fetched, and every figure that would reveal a small number of children must be `c` there: each count of 1 to 5,
 * each percentage or rate built on one, and each figure it could be worked out from. The oracle here is worked
 * out from the published snapshot's true figures, not taken from disclosePack. Then: no public route ever serves
 * the unsuppressed figures signed out, and signed-in people see them, marked not for publication.
 */
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import ExcelJS from 'exceljs'
import type { FastifyInstance } from 'fastify'
import Papa from 'papaparse'
import { demoApp } from '../../test/app.ts'
import { exampleUrl } from '../../test/route-examples.ts'
import { signedInAs } from '../../test/sign-in.ts'
import type { Indicator } from '../domain/catalogue.ts'
import type { Pack } from '../domain/pack.ts'
import { can } from '../domain/permissions.ts'
import { ratioLinks, type Publication } from '../domain/publication.ts'
import { publishedPackTableHtml } from '../exporters/published-pack-paper.ts'
import type { Services } from '../services/index.ts'

type Session = { cookies: Record<string, string>; csrfToken: string }

const isSmall = (value: number | null): boolean => value !== null && value >= 1 && value <= 5

/**
 * The month figures that must never reach the public, worked out from the true figures: small counts, and
 * percentages or rates whose own or linked numerator or denominator is small, or that stand for 1 to 5 children
 * of a linked denominator. Keyed `indicator|YYYY-MM`.
 */
function disclosive(pack: Pack, catalogue: ReadonlyMap<string, Indicator>): Set<string> {
  const value = (id: string | null, period: string): number | null =>
    id === null
      ? null
      : (pack.indicators.find((r) => r.id === id)?.values.find((v) => v.period === period)?.value ?? null)
  const found = new Set<string>()
  for (const row of pack.indicators) {
    const links = ratioLinks(catalogue.get(row.id), catalogue)
    for (const v of row.values) {
      if (v.value === null) continue
      const key = `${row.id}|${v.period}`
      if (row.unit === 'count') {
        if (isSmall(v.value)) found.add(key)
        continue
      }
      const denominator = v.denominator ?? value(links.denominator, v.period)
      const children =
        row.unit === 'percentage' && denominator !== null ? Math.round((v.value * denominator) / 100) : null
      if (
        isSmall(v.numerator) ||
        isSmall(v.denominator) ||
        isSmall(value(links.numerator, v.period)) ||
        isSmall(value(links.denominator, v.period)) ||
        isSmall(children)
      ) {
        found.add(key)
      }
    }
  }
  return found
}

/**
 * The page's table row for one indicator: the text of its numeric cells, in order. The full table by default; with
 * `glance`, the at-a-glance table's row (latest month, the two changes, the 12-month average, the target).
 */
function pageRow(html: string, href: string, glance = false): string[] {
  const table = html.indexOf(glance ? 'id="glance-caption"' : 'id="pack-caption"')
  const start = html.indexOf(`href="${href}"`, table)
  assert.ok(start >= 0, `no row for ${href}`)
  const row = html.slice(start, html.indexOf('</tr>', start))
  return [...row.matchAll(/<td class="[^"]*numeric[^"]*">([\s\S]*?)<\/td>/g)].map((m) =>
    (m[1] ?? '')
      .replace(/<span class="app-glance-table__label">[^<]*<\/span>/g, '')
      .replace(/<[^>]+>/g, ' ')
      .replace(/\s+/g, ' ')
      .trim(),
  )
}

async function xlsxRows(buffer: Buffer): Promise<Map<string, string[]>> {
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(buffer as unknown as ExcelJS.Buffer)
  const rows = new Map<string, string[]>()
  workbook.getWorksheet('Dataset')?.eachRow((row) => {
    const cells: string[] = []
    row.eachCell({ includeEmpty: true }, (cell) => {
      cells.push(cell.text)
    })
    rows.set(cells[0] ?? '', cells)
  })
  return rows
}

async function xlsxTitle(buffer: Buffer): Promise<string> {
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(buffer as unknown as ExcelJS.Buffer)
  return workbook.getWorksheet('Dataset')?.getCell('A1').text ?? ''
}

interface JsonPack {
  notForPublication?: string
  indicators: Array<{ id: string; values: Array<{ period: string; value: unknown; numerator: unknown }> }>
}

describe('disclosure control on every public output', () => {
  let app: FastifyInstance
  let services: Services
  let close: () => Promise<void>
  let panel: Session
  let publications: Publication[] = []

  before(async () => {
    ;({ app, services, close } = await demoApp({ rateLimitPerMinute: 100_000, signInRateLimitPerMinute: 1000 }))
    panel = await signedInAs(app, services, 'panel-member', 'Cllr Panel')
    for (const month of await services.publications.publishedMonths()) {
      const publication = await services.publications.publishedPack(month.datasetId, month.period)
      assert.ok(publication)
      publications.push(publication)
    }
    assert.ok(publications.length >= 4, 'the demo publishes April and May 2018 of two datasets')
  })
  after(async () => {
    await close()
    publications = []
  })

  it('shows every disclosive figure as c on the page, in the CSV, XLSX and JSON and in the printed table', async () => {
    let checked = 0
    for (const publication of publications) {
      const { snapshot } = publication
      const catalogue = new Map(snapshot.catalogue.map((i) => [i.id, i]))
      const hidden = disclosive(snapshot.pack, catalogue)
      const base = `/datasets/${snapshot.datasetId}/${snapshot.period}`
      const json = JSON.parse((await app.inject(`${base}.json`)).body) as JsonPack
      const csvText = (await app.inject(`${base}.csv`)).body.replace(/^\uFEFF/, '')
      const csv = Papa.parse<Record<string, string>>(csvText, { header: true, skipEmptyLines: true }).data
      const page = (await app.inject(base)).body
      const xlsx = await xlsxRows((await app.inject(`${base}.xlsx`)).rawPayload)
      const printed = publishedPackTableHtml(publication)
      assert.equal(json.notForPublication, undefined)
      assert.doesNotMatch(page, /not-for-publication|Not for publication/)

      for (const row of snapshot.pack.indicators) {
        const jsonRow = json.indicators.find((r) => r.id === row.id)
        const csvRow = csv.find((r) => r.id === row.id)
        const cells = pageRow(page, `/indicators/${encodeURIComponent(row.id)}`)
        const latest = pageRow(page, `/indicators/${encodeURIComponent(row.id)}`, true)[0]
        const label = [...xlsx.keys()].find((key) => key.endsWith(row.title))
        const xlsxRow = label === undefined ? undefined : xlsx.get(label)
        const printedRow = printed.slice(
          printed.indexOf(row.title),
          printed.indexOf('</tr>', printed.indexOf(row.title)),
        )
        snapshot.pack.months.forEach((period, i) => {
          if (!hidden.has(`${row.id}|${period}`)) return
          checked += 1
          const where = `${snapshot.datasetId} ${snapshot.period}: ${row.id} ${period}`
          const v = jsonRow?.values.find((x) => x.period === period)
          assert.equal(v?.value, 'c', `JSON ${where}`)
          assert.equal(v?.numerator, null, `JSON numerator ${where}`)
          assert.equal(csvRow?.[period], 'c', `CSV ${where}`)
          assert.equal(cells[i], 'c', `page ${where}`)
          if (i === snapshot.pack.months.length - 1) assert.equal(latest, 'c', `page at a glance ${where}`)
          assert.equal(xlsxRow?.[4 + i], 'c', `XLSX ${where}`)
          assert.equal(
            [...printedRow.matchAll(/<td class="app-doc-dataset__number">([^<]*)<\/td>/g)][i]?.[1],
            'c',
            `printed pack ${where}`,
          )
        })
      }
    }
    assert.ok(checked > 50, `checked ${checked} disclosive figures`)
  })

  it('withholds the percentages of issue 11: transfer-ins becoming a plan, and repeat plans (8.7% of 2 children)', async () => {
    const json = JSON.parse((await app.inject('/datasets/monthly/2018-04.json')).body) as JsonPack
    const value = (id: string, period: string) =>
      json.indicators.find((r) => r.id === id)?.values.find((v) => v.period === period)?.value
    // 2 transfer-ins in September 2017 (50.0%), 4 in November 2017 (75.0%); 2 repeat plans in April 2018 (8.7%).
    assert.equal(value('transfer-ins', '2017-09'), 'c')
    assert.equal(value('transfer-ins-to-cpp', '2017-09'), 'c')
    assert.equal(value('transfer-ins-to-cpp', '2017-11'), 'c')
    assert.equal(value('cpp-repeat-count', '2018-04'), 'c')
    assert.equal(value('cpp-repeat', '2018-04'), 'c')
    // Not over-reaching: 0 transfer-ins of 0 is shown, and so are large counts.
    assert.equal(value('transfer-ins', '2018-04'), 0)
    assert.equal(value('lac-count', '2018-04'), 521)
    const page = (await app.inject('/indicators/transfer-ins-to-cpp')).body
    assert.doesNotMatch(page, />\s*75\.0%?\s*</)
    assert.doesNotMatch(page, />\s*50\.0%?\s*</)
  })

  it('never serves the unsuppressed figures to anyone signed out, on any public route', async () => {
    const indicators = publications.flatMap((p) => p.snapshot.pack.indicators.map((r) => r.id))
    const publicGets = app.declaredRoutes
      .filter((r) => r.method === 'GET' && (r.access === 'anyone' || can('public', r.access)))
      .map((r) => (r.url.includes(':') || r.url.includes('*') ? exampleUrl(r.url) : r.url))
    const urls = [
      ...publicGets,
      ...publications.flatMap(({ snapshot }) =>
        ['', '.csv', '.xlsx', '.json'].map((ext) => `/datasets/${snapshot.datasetId}/${snapshot.period}${ext}`),
      ),
      ...[...new Set(indicators)].map((id) => `/indicators/${id}`),
    ]
    let fetched = 0
    for (const url of urls) {
      const response = await app.inject(url)
      if (response.statusCode !== 200) continue
      fetched += 1
      const type = String(response.headers['content-type'] ?? '')
      const text = type.includes('spreadsheetml') ? await xlsxTitle(response.rawPayload) : response.body
      assert.doesNotMatch(text, /not for publication/i, url)
      assert.doesNotMatch(response.headers['cache-control'] ?? '', /private/, url)
    }
    assert.ok(fetched > 60, `fetched ${fetched} public pages`)
  })

  it("marks the months the public sees as c on an officer's live indicator page, and keeps it out of caches", async () => {
    const officer = await signedInAs(app, services, 'performance-officer', 'Pat Officer')
    const repeat = await app.inject({ url: '/indicators/cpp-repeat-count', cookies: officer.cookies })
    assert.equal(repeat.statusCode, 200)
    assert.match(repeat.body, /id="not-for-publication"/)
    assert.equal(repeat.headers['cache-control'], 'private, no-store')
    // Large counts the public sees too: no banner.
    const lac = await app.inject({ url: '/indicators/lac-count', cookies: officer.cookies })
    assert.doesNotMatch(lac.body, /id="not-for-publication"/)
  })

  it('shows a panel member the unsuppressed figures, marked not for publication, and keeps them out of caches', async () => {
    const { cookies } = panel
    const page = await app.inject({ url: '/datasets/monthly/2018-04', cookies })
    assert.equal(page.statusCode, 200)
    assert.match(page.body, /id="not-for-publication"/)
    assert.match(page.body, /not for publication \(unsuppressed\)/)
    assert.equal(page.headers['cache-control'], 'private, no-store')
    assert.match(page.headers.vary ?? '', /Cookie/i)
    // 2 repeat plans, 8.7%: shown with their value and marked.
    const repeat = pageRow(page.body, '/indicators/cpp-repeat-count')
    assert.equal(repeat[12], '2 * (not for publication: c to the public)')
    assert.equal(pageRow(page.body, '/indicators/cpp-repeat')[12], '8.7 * (not for publication: c to the public)')
    // A figure the public sees too carries no mark.
    assert.equal(pageRow(page.body, '/indicators/lac-count')[12], '521')

    const csv = await app.inject({ url: '/datasets/monthly/2018-04.csv', cookies })
    assert.match(csv.body.replace(/^\uFEFF/, '').split('\r\n')[0] ?? '', /^NOT FOR PUBLICATION/)
    assert.match(String(csv.headers['content-disposition']), /not-for-publication\.csv/)
    const json = JSON.parse((await app.inject({ url: '/datasets/monthly/2018-04.json', cookies })).body) as JsonPack
    assert.match(json.notForPublication ?? '', /NOT FOR PUBLICATION/)
    assert.equal(json.indicators.find((r) => r.id === 'cpp-repeat-count')?.values.at(-1)?.value, 2)
    const xlsx = await app.inject({ url: '/datasets/monthly/2018-04.xlsx', cookies })
    assert.match(await xlsxTitle(xlsx.rawPayload), /NOT FOR PUBLICATION/)

    const indicator = await app.inject({ url: '/indicators/cpp-repeat-count', cookies })
    assert.match(indicator.body, /id="not-for-publication"/)
    assert.equal(indicator.headers['cache-control'], 'private, no-store')
  })

  describe('edge cases', () => {
    it('the same URLs signed out, straight after a panel member, still give the public version', async () => {
      await app.inject({ url: '/datasets/monthly/2018-04.json', cookies: panel.cookies })
      const json = JSON.parse((await app.inject('/datasets/monthly/2018-04.json')).body) as JsonPack
      assert.equal(json.indicators.find((r) => r.id === 'cpp-repeat-count')?.values.at(-1)?.value, 'c')
    })
  })
})

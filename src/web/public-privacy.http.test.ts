/**
 * No public page or download may carry a child's identifier. An Annex A return with distinctive child IDs is
 * imported into the demo council, its figures are published, and then every page the public can reach — each GET
 * route open to the public, each published pack and its CSV, XLSX and JSON, each indicator, meeting and
 * recommendation — is fetched and searched for those IDs. An officer's drill-down is fetched too, to prove the IDs
 * are there to be found when someone may see them.
 */
import assert from 'node:assert/strict'
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { after, before, describe, it } from 'node:test'
import type { FastifyInstance } from 'fastify'
import { demoApp } from '../../test/app.ts'
import { exampleUrl } from '../../test/route-examples.ts'
import { signedInAs } from '../../test/sign-in.ts'
import { can } from '../domain/permissions.ts'
import type { Services } from '../services/index.ts'

const SMALL = fileURLToPath(new URL('../services/testdata/annex-a-small', import.meta.url))
const CHILD_IDS = ['ZQX-CHILD-4401', 'ZQX-CHILD-4402', 'ZQX-CHILD-4403']

/** The sample return with its children renamed C1 → ZQX-CHILD-4401 and so on. */
function returnWithDistinctiveIds(): string {
  const folder = mkdtempSync(join(tmpdir(), 'scrutineer-privacy-'))
  cpSync(SMALL, folder, { recursive: true })
  for (const file of readdirSync(folder).filter((f) => f.endsWith('.csv'))) {
    const path = join(folder, file)
    const text = readFileSync(path, 'utf8').replace(/^C(\d),/gm, (_m, n: string) => `ZQX-CHILD-440${n},`)
    writeFileSync(path, text)
  }
  return folder
}

/** Text of a response, XLSX included (its XML parts are zipped, so search the unzipped sheets). */
async function textOf(body: Buffer, contentType: string): Promise<string> {
  if (!contentType.includes('spreadsheetml')) return body.toString('utf8')
  const ExcelJS = (await import('exceljs')).default
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(body as unknown as ArrayBuffer)
  const cells: string[] = []
  workbook.eachSheet((sheet) => {
    sheet.eachRow((row) => {
      row.eachCell((cell) => {
        cells.push(cell.text)
      })
    })
  })
  return cells.join('\n')
}

describe('no public page or export contains a child ID', () => {
  let app: FastifyInstance
  let services: Services
  let close: () => Promise<void>
  let folder = ''

  before(async () => {
    ;({ app, services, close } = await demoApp({ rateLimitPerMinute: 100_000 }))
    folder = returnWithDistinctiveIds()
    const imported = await services.annexA.importFile(folder, { actor: 'test' })
    assert.ok(imported.ok)
    assert.ok(imported.value.indicatorsUpdated.length > 0, 'the return fills some indicators')
    const published = await services.publications.publish('monthly', '2018-04', 'test')
    assert.ok(published.ok)
  })
  after(async () => {
    await close()
    rmSync(folder, { recursive: true, force: true })
  })

  it('the IDs are really there for an officer who may see them (so the search below can find them)', async () => {
    const { cookies } = await signedInAs(app, services, 'performance-officer')
    const page = await app.inject({ url: '/indicators/icpc-count/children?month=2018-04', cookies })
    assert.equal(page.statusCode, 200)
    assert.ok(CHILD_IDS.some((id) => page.body.includes(id)))
  })

  it('every public page and download is free of them', async () => {
    const pack = await services.packs.getPack('monthly', '2018-04')
    assert.ok(pack.ok)
    const indicators = [...pack.value.catalogue.keys()]
    const meetings = (await services.meetings.allMeetings()).map((e) => e.meeting.id)
    const recommendations = (await services.recommendations.list()).map((r) => r.id)
    // Every public GET route: bare, or at its crawl example when it has parameters (so a new route is covered).
    const publicGets = app.declaredRoutes
      .filter((r) => r.method === 'GET' && (r.access === 'anyone' || can('public', r.access)))
      .map((r) => (r.url.includes(':') || r.url.includes('*') ? exampleUrl(r.url) : r.url))
    const urls = [
      ...publicGets,
      '/datasets/monthly/2018-04',
      '/datasets/monthly/2018-04.csv',
      '/datasets/monthly/2018-04.xlsx',
      '/datasets/monthly/2018-04.json',
      ...indicators.map((id) => `/indicators/${id}`),
      ...meetings.flatMap((id) => [
        `/meetings/${id}`,
        `/api/meetings/${id}`,
        `/api/meetings/${id}/minutes`,
        `/meetings/${id}/monitoring-report`,
        `/meetings/${id}/minutes`,
        ...Array.from({ length: 9 }, (_, i) => `/meetings/${id}/items/${i + 1}`),
      ]),
      ...recommendations.map((id) => `/recommendations/${id}`),
    ]
    assert.ok(urls.length > 60, `crawled ${urls.length} URLs`)
    let fetched = 0
    for (const url of urls) {
      const response = await app.inject(url)
      if (response.statusCode !== 200) continue
      fetched += 1
      const text = await textOf(response.rawPayload, String(response.headers['content-type'] ?? ''))
      for (const id of CHILD_IDS) assert.ok(!text.includes(id), `${url} shows child ${id}`)
    }
    assert.ok(fetched > 60, `fetched ${fetched} public pages`)
  })

  describe('edge cases', () => {
    it("the public cannot open the drill-down, the import pages, their CSV or the month's cycle", async () => {
      for (const url of [
        '/indicators/icpc-count/children?month=2018-04',
        '/indicators/icpc-count/children.csv?month=2018-04',
        '/imports',
        '/datasets/monthly/2018-04/cycle',
      ]) {
        const response = await app.inject(url)
        assert.equal(response.statusCode, 303, url)
        for (const id of CHILD_IDS) assert.ok(!response.body.includes(id), url)
      }
    })
  })
})

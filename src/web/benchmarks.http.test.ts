import assert from 'node:assert/strict'
import { readFile, readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { after, before, describe, it } from 'node:test'
import type { FastifyInstance } from 'fastify'
import { demoApp } from '../../test/app.ts'
import { multipart } from '../../test/multipart.ts'
import { signedInAs } from '../../test/sign-in.ts'
import { zipOf } from '../../test/zip.ts'
import { DFE_REFERENCE_DIR } from '../services/benchmark-service.ts'
import type { Services } from '../services/index.ts'

const POPULATION = fileURLToPath(
  new URL('../../fixtures/population/ons-mid-year-estimates-synthetic.csv', import.meta.url),
)
const ZIP = 'application/zip'

type Who = { cookies: Record<string, string>; csrfToken: string }

/** DfE's shipped LAIT files, by name, to zip (leaving out `without`). */
async function laitFiles(without: string | null = null): Promise<Record<string, Uint8Array>> {
  const files: Record<string, Uint8Array> = {}
  for (const name of await readdir(DFE_REFERENCE_DIR))
    if (name !== without) files[name] = await readFile(join(DFE_REFERENCE_DIR, name))
  return files
}

describe('DfE benchmarks and population in the browser', () => {
  let app: FastifyInstance
  let services: Services
  let close: () => Promise<void>
  let officer: Who

  function upload(who: Who, url: string, fields: Record<string, string>, file: Parameters<typeof multipart>[1]) {
    return app.inject({
      method: 'POST',
      url,
      cookies: who.cookies,
      ...multipart({ _csrf: who.csrfToken, ...fields }, file),
    })
  }

  async function auditActions(): Promise<string[]> {
    const page = await services.auditLog.search({ text: '', action: '', from: '', to: '' })
    assert.ok(page.ok)
    return page.value.events.map((event) => `${event.action} ${event.actorAccount?.name ?? event.actor}`)
  }

  before(async () => {
    ;({ app, services, close } = await demoApp())
    officer = await signedInAs(app, services, 'performance-officer', 'Priya Shah')
  })
  after(async () => {
    await close()
  })

  it('is open to those who may load data, linked from Load data, and to nobody else', async () => {
    const loadData = await app.inject({ url: '/load-data', cookies: officer.cookies })
    assert.match(loadData.body, /href="\/load-data\/benchmarks"/)
    const page = await app.inject({ url: '/load-data/benchmarks', cookies: officer.cookies })
    assert.equal(page.statusCode, 200)
    assert.match(page.body, /DfE benchmarks and population/)
    assert.match(page.body, /Not loaded yet/)
    const director = await signedInAs(app, services, 'director')
    assert.equal((await app.inject({ url: '/load-data/benchmarks', cookies: director.cookies })).statusCode, 403)
    const theirs = await upload(
      director,
      '/load-data/benchmarks/dfe',
      {},
      {
        name: 'lait.zip',
        bytes: await zipOf(await laitFiles()),
        type: ZIP,
      },
    )
    assert.equal(theirs.statusCode, 403)
    const anonymous = await app.inject({ url: '/load-data/benchmarks' })
    assert.equal(anonymous.statusCode, 303)
    assert.match(String(anonymous.headers.location), /^\/sign-in/)
    assert.equal(await services.benchmarks.source(), null)
  })

  it('refuses an upload without its CSRF token, changing nothing', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/load-data/benchmarks/dfe',
      cookies: officer.cookies,
      ...multipart({}, { name: 'lait.zip', bytes: await zipOf(await laitFiles()), type: ZIP }),
    })
    assert.equal(response.statusCode, 403)
    assert.equal(await services.benchmarks.source(), null)
  })

  it('refuses a LAIT zip missing a file, naming the zip and the file, changing nothing', async () => {
    const response = await upload(
      officer,
      '/load-data/benchmarks/dfe',
      {},
      {
        name: 'lait-2025.zip',
        bytes: await zipOf(await laitFiles('la_code_list.xlsx')),
        type: ZIP,
      },
    )
    assert.equal(response.statusCode, 400)
    assert.match(response.body, /The DfE benchmarks were not loaded/)
    assert.match(response.body, /lait-2025\.zip: The folder has no file for the LA code list \(la_code_list\.xlsx\)/)
    assert.equal(await services.benchmarks.source(), null)
    const notZip = await upload(
      officer,
      '/load-data/benchmarks/dfe',
      {},
      {
        name: 'lait.zip',
        bytes: new TextEncoder().encode('not a zip'),
        type: ZIP,
      },
    )
    assert.equal(notZip.statusCode, 400)
    assert.match(notZip.body, /could not be opened as a zip file/)
    const none = await upload(officer, '/load-data/benchmarks/dfe', {}, null)
    assert.equal(none.statusCode, 400)
    assert.match(none.body, /href="#file">Select a file/)
  })

  it('loads the LAIT zip and chooses the council, each audited as the officer', async () => {
    const response = await upload(
      officer,
      '/load-data/benchmarks/dfe',
      {},
      {
        name: 'lait-2025.zip',
        bytes: await zipOf(await laitFiles()),
        type: ZIP,
      },
    )
    assert.equal(response.statusCode, 303)
    assert.equal(response.headers.location, '/load-data/benchmarks?done=dfe')
    const source = await services.benchmarks.source()
    assert.equal(source?.neighboursVintage, 'May 2025')
    const page = await app.inject({ url: '/load-data/benchmarks?done=dfe', cookies: officer.cookies })
    assert.match(page.body, /The DfE benchmarks are loaded/)
    assert.match(page.body, /May 2025/)

    const unknown = await app.inject({
      method: 'POST',
      url: '/load-data/benchmarks/council',
      cookies: officer.cookies,
      payload: { _csrf: officer.csrfToken, council: 'Atlantis' },
    })
    assert.equal(unknown.statusCode, 400)
    assert.match(
      unknown.body,
      /DfE&#39;s LA code list has no council &quot;Atlantis&quot;\. Load the DfE benchmarks first/,
    )
    assert.equal(await services.benchmarks.council(), null)
    const chosen = await app.inject({
      method: 'POST',
      url: '/load-data/benchmarks/council',
      cookies: officer.cookies,
      payload: { _csrf: officer.csrfToken, council: 'southampton' },
    })
    assert.equal(chosen.statusCode, 303)
    assert.equal((await services.benchmarks.council())?.laNumber, 852)
    const actions = await auditActions()
    assert.ok(actions.includes('benchmarks.import Priya Shah'), actions.join('\n'))
    assert.ok(actions.includes('benchmarks.council Priya Shah'), actions.join('\n'))
  })

  it('refuses a population file with a bad row, naming its row and column, and loads a good one', async () => {
    const good = await readFile(POPULATION)
    const lines = good.toString('utf8').split('\n')
    lines[2] = 'E06000045,Southampton,0,2,2019,lots'
    const bad = await upload(
      officer,
      '/load-data/benchmarks/population',
      { area: 'E06000045' },
      {
        name: 'mye.csv',
        bytes: new TextEncoder().encode(lines.join('\n')),
        type: 'text/csv',
      },
    )
    assert.equal(bad.statusCode, 400)
    assert.match(bad.body, /The population was not loaded/)
    assert.match(bad.body, /mye\.csv, row 3, column &quot;population&quot; \(value &quot;lots&quot;\)/)
    assert.equal(await services.population.source(), null)

    const noArea = await upload(
      officer,
      '/load-data/benchmarks/population',
      {},
      {
        name: 'mye.csv',
        bytes: good,
        type: 'text/csv',
      },
    )
    assert.equal(noArea.statusCode, 400)
    assert.match(noArea.body, /href="#area">Enter the council’s ONS area code/)

    const loaded = await upload(
      officer,
      '/load-data/benchmarks/population',
      { area: 'e06000045' },
      {
        name: 'mye.csv',
        bytes: good,
        type: 'text/csv',
      },
    )
    assert.equal(loaded.statusCode, 303)
    const source = await services.population.source()
    assert.equal(source?.area, 'E06000045')
    assert.equal(source?.file, 'mye.csv')
    assert.ok((await auditActions()).includes('population.import Priya Shah'))
    const page = await app.inject({ url: '/load-data/benchmarks?done=population', cookies: officer.cookies })
    assert.match(page.body, /Southampton \(E06000045\)/)
  })

  it('refuses a population file over the upload limit before reading it', async () => {
    const before = await services.population.source()
    const limit = services.uploads.limits.maxImportBytes
    const big = new Uint8Array(limit + 1).fill(0x30)
    const response = await upload(
      officer,
      '/load-data/benchmarks/population',
      { area: 'E06000045' },
      {
        name: 'national.csv',
        bytes: big,
        type: 'text/csv',
      },
    )
    assert.equal(response.statusCode, 400)
    assert.match(response.body, /The selected file must be smaller than 20 MB/)
    assert.deepEqual(await services.population.source(), before)
  })

  it("shows officers the council's DfE standing in the pack and its neighbours on the indicator page", async () => {
    // The demo's indicators named by their DfE items (as a catalogue's benchmark_item column does).
    await services.benchmarks.loadDemo({ actor: 'test' })
    const pack = await app.inject({ url: '/datasets/monthly/2018-05', cookies: officer.cookies })
    assert.equal(pack.statusCode, 200)
    assert.match(pack.body, />Rank \(DfE\)</)
    assert.match(pack.body, /DfE 2024-25 data, statistical neighbours May 2025/)
    const csv = await app.inject({ url: '/datasets/monthly/2018-05.csv', cookies: officer.cookies })
    const lines = csv.body.split('\r\n')
    const vintage = '"DfE 2024-25 data, statistical neighbours May 2025"'
    // DfE gives CPP_rate no polarity: its value, no rank among the 151, no quartile.
    const cpp = lines.find((line) => line.includes(',cpp-rate,')) ?? ''
    assert.ok(cpp.endsWith(`,57.3,,151,,${vintage}`), cpp)
    // Items with a polarity are ranked and banded.
    const ranked = lines.filter((line) => new RegExp(`,[\\d.]+,\\d+,\\d+,[ABCD],${vintage}$`).test(line))
    assert.ok(ranked.length > 0)
    const page = await app.inject({ url: '/indicators/cpp-rate', cookies: officer.cookies })
    const rankedId = ranked[0]?.split(',')[1] ?? ''
    const rankedPage = await app.inject({ url: `/indicators/${rankedId}`, cookies: officer.cookies })
    assert.match(rankedPage.body, /Rank among councils \(DfE\)/)
    assert.match(rankedPage.body, /Rank \d+ of \d+ councils, quartile [ABCD] \(1 is the best\)\./)
    assert.equal(page.statusCode, 200)
    assert.match(page.body, /Compared with statistical neighbours/)
    assert.match(page.body, /<svg[^>]*role="img"[^>]*aria-labelledby="neighbours-cpp-rate-title/)
    assert.match(page.body, /<strong>Southampton \(this council\)<\/strong>/)
    assert.match(page.body, /This council \(DfE\)/)
    assert.doesNotMatch(page.body, /Rank among councils/)
    // The table: the council, its ten neighbours, the SN average and England.
    const table = /<caption[^>]*>[^<]*and its statistical neighbours[\s\S]*?<\/table>/.exec(page.body)?.[0] ?? ''
    assert.equal((table.match(/<th scope="row"/g) ?? []).length, 13)
  })
})

import assert from 'node:assert/strict'
import { copyFile, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { fileURLToPath } from 'node:url'
import { after, before, describe, it } from 'node:test'
import { IMPORT_TABLES, liveTablesSnapshot, storeTargets, tablesSnapshot } from '../../test/databases.ts'
import { smallReturn, writeMutated } from '../../test/ssda903-mutations.ts'
import { zipOf } from '../../test/zip.ts'
import { seededRandom } from '../domain/measures/testing.ts'
import { annexARepository } from '../store/annex-a-repository.ts'
import type { Store } from '../store/connect.ts'
import { figureFor, type AnnexAImportSummary } from './annex-a-service.ts'
import { services as buildServices, type Services } from './index.ts'
import { measuresFromSsda903 } from './ssda903-service.ts'

const RETURN = fileURLToPath(new URL('../../fixtures/ssda903', import.meta.url))
const SEEN = { actor: 'officer@council.test', format: 'page' } as const
const OFFICER = { actor: 'user:7', correlationId: 'test' }
const SNAPSHOT_TABLES = [...IMPORT_TABLES, 'audit_event']
/** The demo indicators an SSDA903 return must not touch: it holds no contacts, plans or visits. */
const NOT_FED = ['contacts', 'cpp-count', 'icpc-count', 'lac-visits', 'cp-visits-15wd']

for (const target of storeTargets()) {
  describe(`importing an SSDA903 return on ${target.name}`, { skip: target.skip }, () => {
    let store: Store
    let services: Services
    let summary: AnnexAImportSummary
    let scratch: string

    before(async () => {
      if (!target.openDemo) return
      scratch = await mkdtemp(join(tmpdir(), 'scrutineer-ssda903-db-'))
      store = await target.openDemo()
      services = buildServices(store, {
        maxImportBytes: 20 * 1024 * 1024,
        maxAnnexABytes: 20 * 1024 * 1024,
        councilName: 'Test council',
      })
      // As a council might: an indicator counting missing episodes (the demo types its own missing figure by hand).
      await store.db
        .updateTable('indicator')
        .set({ measure_id: 'missing-episodes', measure_part: 'value' })
        .where('id', '=', 'missing-children')
        .execute()
      const result = await services.annexA.importFile(RETURN, { actor: 'test', source: 'ssda903' })
      assert.ok(result.ok, JSON.stringify(!result.ok && result.problems))
      summary = result.value
    })
    after(async () => {
      await store?.close()
      if (scratch !== undefined) await rm(scratch, { recursive: true, force: true })
    })

    it('is listed as an SSDA903 import of lists 8 and 9 for its collection year, with its problems', async () => {
      const [latest] = await services.annexA.listImports()
      assert.equal(latest?.id, summary.importId)
      assert.equal(latest?.layout, 'ssda903')
      assert.equal(latest?.sourceFile, 'ssda903')
      assert.deepEqual(
        summary.lists.map((l) => [l.list, l.rows, l.source]),
        [
          [8, 5050, 'episodes.csv'],
          [9, 53, 'oc3.csv'],
          [12, 43, 'missing.csv'],
        ],
      )
      // The year 2017-18: April 2017 to March 2018, though 13 months were asked for.
      assert.equal(summary.end, '2018-03')
      assert.deepEqual([summary.months[0], summary.months.length], ['2017-04', 12])
      const report = await services.annexA.dataQuality(summary.importId, { actor: 'cli:test' })
      assert.ok(report)
      assert.equal(report.errors.length, summary.errors)
      const accom = report.errors.find((p) => p.column === 'oc3.csv: ACCOM' && p.value === '01')
      assert.equal(accom?.row, 2)
      assert.match(accom?.reason ?? '', /^child 197474: Not one of the ACCOM codes/)
      assert.equal((await annexARepository(store.db).rowCounts(summary.importId))[8], 5050)
    })

    it('writes the figures `measures --ssda903` computes into the looked-after indicators, and no others', async () => {
      const settings = await services.annexA.settings()
      const calendar = await services.calendar.calendar()
      const computed = await measuresFromSsda903(RETURN, { end: '2018-03', months: 12, settings, calendar })
      assert.ok(computed.ok)
      let compared = 0
      for (const indicatorId of summary.indicatorsUpdated) {
        const view = await services.packs.getIndicator(indicatorId)
        assert.ok(view)
        const id = view.indicator.measure?.measureId ?? ''
        const series = computed.value.measures[id] ?? computed.value.snapshot[id]
        for (const period of summary.months) {
          const source = series?.[period]
          if (source === undefined) continue
          const expected = figureFor(view.indicator, period, source)
          const stored: { value: number | null; numerator: number | null; denominator: number | null } | undefined =
            view.history.find((o) => o.period === period)
          assert.deepEqual(
            { value: stored?.value, numerator: stored?.numerator, denominator: stored?.denominator },
            { value: expected.value, numerator: expected.numerator, denominator: expected.denominator },
            `${indicatorId} ${period}`,
          )
          compared++
        }
      }
      assert.ok(compared > 100, `only ${compared} figures compared`)
      for (const id of ['lac-count', 'lac-started', 'lac-ceased', 'adoptions-pct', 'sgos', 'uasc-count', 'ifa-pct'])
        assert.ok(summary.indicatorsUpdated.includes(id), id)
      assert.ok(summary.indicatorsUpdated.includes('care-leavers-suitable'))
      for (const id of NOT_FED) assert.ok(!summary.indicatorsUpdated.includes(id), id)
      assert.equal(
        (await services.packs.getIndicator('lac-count'))?.history.find((o) => o.period === '2018-03')?.value,
        1425,
      )
    })

    it('lists the children behind a looked-after figure from the stored rows', async () => {
      const behind = await services.drillDowns.childrenBehind('lac-started', '2017-04', SEEN)
      assert.ok(behind.ok, JSON.stringify(!behind.ok && behind.problem))
      assert.equal(behind.value.importRecord.id, summary.importId)
      assert.ok(behind.value.addsUp)
      assert.equal(behind.value.explanation.numerator.length, 19)
      assert.ok(behind.value.explanation.numerator.every((r) => r.list === 8))

      // Missing episodes are stored as missing.csv wrote them (list 12) and re-read to the same figure.
      assert.ok(summary.indicatorsUpdated.includes('missing-children'))
      const missing = await services.drillDowns.childrenBehind('missing-children', '2017-11', SEEN)
      assert.ok(missing.ok, JSON.stringify(!missing.ok && missing.problem))
      assert.ok(missing.value.addsUp)
      assert.ok(missing.value.explanation.numerator.length > 0)
      assert.ok(missing.value.explanation.numerator.every((r) => r.list === 12))
    })

    it('refuses a return without episodes, or with a damaged file, writing nothing', async () => {
      const before = await tablesSnapshot(store, SNAPSHOT_TABLES)
      const noEpisodes = join(scratch, 'no-episodes')
      await mkdir(noEpisodes)
      await copyFile(join(RETURN, 'header.csv'), join(noEpisodes, 'header.csv'))
      const refused = await services.annexA.importFile(noEpisodes, { actor: 'test', source: 'ssda903' })
      assert.ok(!refused.ok)
      assert.match(refused.problems[0]?.reason ?? '', /has no episodes file/)

      const damaged = join(scratch, 'damaged')
      await mkdir(damaged)
      for (const name of await readdir(RETURN)) await copyFile(join(RETURN, name), join(damaged, name))
      const bytes = await readFile(join(RETURN, 'oc3.csv'))
      bytes[40] = 0
      await writeFile(join(damaged, 'oc3.csv'), bytes)
      const broken = await services.annexA.importFile(damaged, { actor: 'test', source: 'ssda903' })
      assert.ok(!broken.ok)
      assert.equal(broken.problems[0]?.file, 'oc3.csv')
      assert.equal(await tablesSnapshot(store, SNAPSHOT_TABLES), before)
    })

    it('imports each mutated return whole, or refuses it writing nothing', async () => {
      const files = await smallReturn(120)
      const outcomes = { imported: 0, refused: 0 }
      for (let seed = 1; seed <= 8; seed++) {
        const folder = join(scratch, `mutated-${seed}`)
        const changed = await writeMutated(files, folder, seededRandom(seed))
        const where = `seed ${seed} (${changed.join(', ')})`
        const before = await tablesSnapshot(store, SNAPSHOT_TABLES)
        const result = await services.annexA.importFile(folder, { actor: 'test', source: 'ssda903', end: '2018-03' })
        if (!result.ok) {
          outcomes.refused++
          assert.ok(
            result.problems.every((p) => p.file !== '' && p.reason !== ''),
            where,
          )
          assert.equal(await tablesSnapshot(store, SNAPSHOT_TABLES), before, where)
          continue
        }
        outcomes.imported++
        // Every row read is stored, under an import that is listed finished.
        for (const { list, rows } of result.value.lists) {
          const stored = await annexARepository(store.db).rowCounts(result.value.importId)
          assert.equal(stored[list], rows, where)
        }
        const [latest] = await services.annexA.listImports()
        assert.equal(latest?.id, result.value.importId, where)
      }
      assert.ok(outcomes.imported > 0 && outcomes.refused > 0, JSON.stringify(outcomes))
    })

    it('checks and loads a .zip of the SSDA903 files uploaded as an Annex A return', async () => {
      const files: Record<string, Buffer> = {}
      for (const name of await readdir(RETURN)) files[name] = await readFile(join(RETURN, name))
      // An upload audits its own steps: every other table must stay as it was until the officer confirms.
      const tables = SNAPSHOT_TABLES.filter((t) => t !== 'audit_event')
      const before = await liveTablesSnapshot(store, tables)
      const submitted = await services.uploads.submit(
        { kind: 'annex-a', fileName: 'ssda903-2018.zip', datasetId: null, options: {} },
        Readable.from([await zipOf(files)]),
        OFFICER,
      )
      assert.ok(submitted.ok, JSON.stringify(submitted))
      const check = await services.jobs.runNext()
      assert.equal(check?.status, 'succeeded', check?.error ?? '')
      const checked = await services.uploads.find(submitted.value.upload.id)
      assert.ok((await liveTablesSnapshot(store, tables)) === before, 'checking changes nothing any reader sees')
      assert.deepEqual(
        checked?.preview?.dataQuality?.lists.map((l) => [l.list, l.rows]),
        [
          [8, 5050],
          [9, 53],
          [12, 43],
        ],
      )
      const confirmed = await services.uploads.confirm(submitted.value.upload.id, OFFICER)
      assert.ok(confirmed.ok, JSON.stringify(confirmed))
      const job = await services.jobs.runNext()
      assert.equal(job?.status, 'succeeded', job?.error ?? '')
      const [latest] = await services.annexA.listImports()
      assert.equal(latest?.sourceFile, 'ssda903-2018.zip')
      assert.equal(latest?.layout, 'ssda903')
    })
  })
}

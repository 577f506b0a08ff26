import assert from 'node:assert/strict'
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { storeTargets } from '../../test/databases.ts'
import type { Store } from '../store/connect.ts'
import { dataAccess } from '../store/data-access.ts'
import { services as buildServices, type Services } from './index.ts'

const REFERENCE = join(import.meta.dirname, '../../reference/dfe-lait')
const FILES = [
  'csc_benchmarks_extract.csv',
  'csc_benchmarks_items.csv',
  'lait_data_dictionary.csv',
  'sn_may_2025.xlsx',
  'la_code_list.xlsx',
]
const context = { actor: 'performance@council.gov.uk' }

/** A copy of the reference folder whose extract is replaced by `extract`. */
async function folderWithExtract(extract: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'scrutineer-lait-'))
  for (const file of FILES.slice(1)) await copyFile(join(REFERENCE, file), join(dir, file))
  await writeFile(join(dir, FILES[0] ?? ''), extract)
  return dir
}

for (const target of storeTargets()) {
  describe(`DfE benchmarks on ${target.name}`, { skip: target.skip }, () => {
    let store: Store
    let services: Services
    const temporary: string[] = []

    before(async () => {
      if (!target.open) return
      store = await target.open()
      services = buildServices(store, { maxImportBytes: 1024, councilName: 'Test council' })
    })
    after(async () => {
      await store.close()
      for (const dir of temporary) await rm(dir, { recursive: true, force: true })
    })

    it('imports the DfE folder and records it in the audit log', async () => {
      const result = await services.benchmarks.importFolder(REFERENCE, context)
      assert.ok(result.ok, JSON.stringify(!result.ok && result.problems.slice(0, 3)))
      assert.deepEqual(result.value, {
        values: 61_200,
        items: 36,
        councilsWithNeighbours: 158,
        firstYear: 2016,
        lastYear: 2025,
        neighboursVintage: 'May 2025',
      })
      const [event] = await dataAccess(store).audit.list({ subjectType: 'benchmarks' })
      assert.equal(event?.action, 'benchmarks.import')
      assert.equal(event?.actor, context.actor)
    })

    it('answers Southampton’s re-referrals in the latest year, checked by hand against the extract', async () => {
      // 2025 row for 852 is 20.2. Its SN1–SN10 (331, 831, 851, 373, 312, 355, 874, 383, 350, 320) all published:
      // their mean is 20.99. England (970) 22.6; South East (989) 28.4. Lower is better (dictionary: Low);
      // 78 of the 153 single councils with a value are below 20.2 → rank 79, band floor(78 × 4 / 153) = 2 → C.
      const shown = await services.benchmarks.show({ la: 852, item: 'ReReferral' })
      assert.ok(shown.ok)
      const { la, item, year, value, snAverage, snCount, england, region, regionValue, rank, of, quartile } =
        shown.value
      assert.deepEqual(
        { la, item, year, value, snAverage, snCount, england, region, regionValue, rank, of, quartile },
        {
          la: 852,
          item: 'ReReferral',
          year: 2025,
          value: 20.2,
          snAverage: 20.99,
          snCount: 10,
          england: 22.6,
          region: 'South East',
          regionValue: 28.4,
          rank: 79,
          of: 153,
          quartile: 'C',
        },
      )
      assert.equal(shown.value.vintage, 'DfE 2024-25 data, statistical neighbours May 2025')
    })

    it('answers a chosen year, and gives no rank where the dictionary has no polarity', async () => {
      const earlier = await services.benchmarks.show({ la: 852, item: 'ReReferral', year: 2024 })
      assert.ok(earlier.ok)
      assert.equal(earlier.value.value, 24.8)
      const cin = await services.benchmarks.show({ la: 852, item: 'CIN' })
      assert.ok(cin.ok)
      assert.equal(cin.value.polarity, '-')
      assert.equal(cin.value.rank, null)
      assert.equal(cin.value.quartile, null)
    })

    it('refuses an unknown item or council with a sentence', async () => {
      const item = await services.benchmarks.show({ la: 852, item: 'Nope' })
      assert.equal(item.ok, false)
      const council = await services.benchmarks.show({ la: 1, item: 'ReReferral' })
      assert.ok(!council.ok)
      assert.match(council.problems[0] ?? '', /LA number 1 is not in the DfE benchmarks/)
    })

    it('chooses the council by LA number or by name, and refuses England or a name DfE does not have', async () => {
      assert.equal(await services.benchmarks.council(), null)
      const byName = await services.benchmarks.chooseCouncil(' southampton ', context)
      assert.ok(byName.ok)
      assert.deepEqual(byName.value, { laNumber: 852, name: 'Southampton', region: 'South East' })
      const byNumber = await services.benchmarks.chooseCouncil('851', context)
      assert.ok(byNumber.ok)
      assert.equal(byNumber.value.name, 'Portsmouth')
      assert.equal((await services.benchmarks.council())?.laNumber, 851)
      assert.equal((await services.benchmarks.chooseCouncil('970', context)).ok, false)
      const unknown = await services.benchmarks.chooseCouncil('Atlantis', context)
      assert.ok(!unknown.ok)
      assert.match(unknown.problems[0] ?? '', /no council "Atlantis"/)
      assert.equal((await services.benchmarks.council())?.laNumber, 851)
      const [event] = await dataAccess(store).audit.list({ subjectType: 'setting', subjectId: 'benchmarks.council' })
      assert.equal(event?.action, 'benchmarks.council')
    })

    it('gives the pack DfE benchmarks where an indicator names an item, and keeps hand-typed ones elsewhere', async () => {
      const chosen = await services.benchmarks.chooseCouncil('852', context)
      assert.ok(chosen.ok)
      const dir = await mkdtemp(join(tmpdir(), 'scrutineer-lait-pack-'))
      temporary.push(dir)
      const file = join(dir, 'dataset.csv')
      await writeFile(
        file,
        'id,code,title,service_area,unit,polarity,owner,outcome,numerator,denominator,benchmark_item,2018-04,' +
          'benchmark_stat_neighbours,benchmark_england,benchmark_south_east\n' +
          're-referrals,,Re-referrals within 12 months,Front door,percentage,lower,J White,Fewer,,,ReReferral,21.5,' +
          '17.9,21.9,22.3\n' +
          'local-thing,,A local measure,Front door,count,neutral,J White,Known,,,,10,5,6,7\n',
      )
      const imported = await services.figures.importFile(file, {
        mode: 'values',
        actor: 'test',
        maxBytes: 1_000_000,
        benchmarkVintage: 'Updated Nov-17',
      })
      assert.ok(imported.ok, JSON.stringify(!imported.ok && imported.problems))
      const view = await services.packs.getPack('monthly', '2018-04')
      assert.ok(view.ok)
      const byId = new Map(view.value.pack.indicators.map((indicator) => [indicator.id, indicator]))
      // ReReferral 2025 for 852, as above: SN mean 20.99, England 22.6, South East 28.4 replace 17.9, 21.9, 22.3.
      assert.deepEqual(byId.get('re-referrals')?.benchmarks, {
        statisticalNeighbours: 20.99,
        england: 22.6,
        region: 28.4,
      })
      const reReferrals = view.value.catalogue.get('re-referrals')
      assert.equal(reReferrals?.benchmarks.england?.vintage, 'DfE 2024-25 data, statistical neighbours May 2025')
      assert.equal(reReferrals?.regionName, 'South East')
      assert.equal(reReferrals?.benchmarkItem, 'ReReferral')
      // The indicator page shows the same.
      const page = await services.packs.getIndicator('re-referrals')
      assert.equal(page?.indicator.benchmarks.england?.value, 22.6)
      assert.equal(page.indicator.benchmarks.england.vintage, 'DfE 2024-25 data, statistical neighbours May 2025')
      assert.equal((await services.packs.getIndicator('local-thing'))?.indicator.benchmarks.england?.value, 6)
      // No DfE item: the hand-typed benchmarks and their vintage stay ("Local").
      assert.deepEqual(byId.get('local-thing')?.benchmarks, { statisticalNeighbours: 5, england: 6, region: 7 })
      assert.equal(view.value.catalogue.get('local-thing')?.benchmarks.england?.vintage, 'Updated Nov-17')
      assert.equal(view.value.catalogue.get('local-thing')?.benchmarkItem, undefined)
    })

    it('keeps DfE markers as not published, and refuses a folder with an unreadable value, storing nothing', async () => {
      const good = await folderWithExtract(
        'short_desc,years,area,la_number,region,value\n' +
          'ReReferral,2030,Southampton,852,South East,c\n' +
          'ReReferral,2030,Portsmouth,851,South East,12\n' +
          'ReReferral,2030,England,970,NA,20\n',
      )
      temporary.push(good)
      const loaded = await services.benchmarks.importFolder(good, context)
      assert.ok(loaded.ok)
      const shown = await services.benchmarks.show({ la: 852, item: 'ReReferral' })
      assert.ok(shown.ok)
      assert.equal(shown.value.year, 2030)
      assert.equal(shown.value.value, null)
      assert.equal(shown.value.notPublished, 'suppressed')
      assert.equal(shown.value.snAverage, 12)
      assert.equal(shown.value.snCount, 1)

      const bad = await folderWithExtract(
        'short_desc,years,area,la_number,region,value\n' +
          'ReReferral,2031,Southampton,852,South East,12%\n' +
          'ReReferral,20x1,Portsmouth,851,South East,12\n',
      )
      temporary.push(bad)
      const refused = await services.benchmarks.importFolder(bad, context)
      assert.ok(!refused.ok)
      assert.deepEqual(refused.problems[0], {
        file: 'csc_benchmarks_extract.csv',
        row: 2,
        column: 'value',
        value: '12%',
        reason: "The value is neither a number nor one of DfE's markers (-, c, x, z, .., low, blank).",
      })
      assert.equal(refused.problems[1]?.column, 'years')
      // The earlier import is untouched.
      const still = await services.benchmarks.show({ la: 852, item: 'ReReferral' })
      assert.ok(still.ok)
      assert.equal(still.value.year, 2030)
    })

    it('refuses a folder missing a file, naming it', async () => {
      const dir = await mkdtemp(join(tmpdir(), 'scrutineer-lait-'))
      temporary.push(dir)
      await writeFile(join(dir, 'csc_benchmarks_extract.csv'), await readFile(join(REFERENCE, FILES[0] ?? '')))
      const refused = await services.benchmarks.importFolder(dir, context)
      assert.ok(!refused.ok)
      assert.deepEqual(
        refused.problems.map((p) => p.reason),
        [
          'The folder has no file for the item list (csc_benchmarks_items.csv).',
          'The folder has no file for the data dictionary (lait_data_dictionary.csv).',
          'The folder has no file for the statistical-neighbours workbook (sn_….xlsx).',
          'The folder has no file for the LA code list (la_code_list.xlsx).',
        ],
      )
    })
  })
}

import assert from 'node:assert/strict'
import { writeFile, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { IMPORT_TABLES, storeTargets, tablesSnapshot } from '../../test/databases.ts'
import type { Store } from '../store/connect.ts'
import { DEMO_FIGURES_FILE } from './demo-service.ts'
import { services as buildServices, type Services } from './index.ts'
import { scratchFolders } from '../../test/scratch.ts'

const MAX = 20 * 1024 * 1024

/** Everything an import could touch, so a refused import can be shown to have changed nothing. */
const SNAPSHOT_TABLES = [...IMPORT_TABLES, 'audit_event']

function snapshot(store: Store): Promise<string> {
  return tablesSnapshot(store, SNAPSHOT_TABLES)
}

for (const target of storeTargets()) {
  describe(`importing figures on ${target.name}`, { skip: target.skip }, () => {
    const scratch = scratchFolders('scrutineer-import-')
    let store: Store
    let services: Services
    let dir: string

    before(async () => {
      if (!target.open) return
      store = await target.open()
      services = buildServices(store, { maxImportBytes: MAX, councilName: 'Test council' })
      dir = await scratch()
      const loaded = await services.demo.loadIfEmpty({ documentPack: false })
      assert.ok(loaded)
    })
    after(async () => {
      await store.close()
    })

    it('loads the demo council: 49 indicators in the monthly dataset, April 2017 to June 2018, and the Early Help Dataset', async () => {
      const datasets = await services.packs.listDatasets()
      assert.deepEqual(datasets.map((d) => d.dataset.id).sort(), ['early-help', 'monthly'])
      const monthly = datasets.find((d) => d.dataset.id === 'monthly')
      assert.equal(monthly?.dataset.indicatorIds.length, 49)
      assert.equal(monthly?.periods[0], '2017-04')
      assert.equal(monthly?.periods.at(-1), '2018-06')
      assert.equal(
        await services.demo.loadIfEmpty({ documentPack: false }),
        null,
        'the demo loads only into an empty database',
      )
    })

    it('builds the April 2018 pack with percentages from their numerators and denominators', async () => {
      const result = await services.packs.getPack('monthly', '2018-04')
      assert.ok(result.ok)
      const { pack } = result.value
      assert.equal(pack.months.length, 13)
      const sa = pack.indicators.find((i) => i.id === 'sa-in-45wd')
      // 83 of 128 assessments in April 2018 were within 45 working days: 64.84375%, not the published 65.0.
      assert.equal(sa?.values.at(-1)?.value, (83 / 128) * 100)
      assert.equal(sa?.values.at(-1)?.numerator, 83)
      assert.equal(sa?.values.at(-1)?.denominator, 128)
      const lac = pack.indicators.find((i) => i.id === 'lac-count')
      assert.equal(lac?.target, 460)
      assert.equal(lac?.rag, 'red')
      const indicator = await services.packs.getIndicator('lac-count')
      assert.equal(indicator?.indicator.benchmarks.england?.vintage, 'Updated Nov-17, using 2016-17 data')
    })

    it('revises a month imported again and keeps the history', async () => {
      const file = join(dir, 'revision.csv')
      await writeFile(
        file,
        'indicator_id,period,value\ncontacts-cin-referrals,2018-04,250\ncontacts-cin-referrals,2018-03,270\n',
      )
      const result = await services.figures.importFile(file, { mode: 'values', actor: 'test', maxBytes: MAX })
      assert.ok(result.ok, JSON.stringify(!result.ok && result.problems))
      assert.equal(result.value.figuresRevised, 1)
      assert.equal(result.value.figuresUnchanged, 1)
      const view = await services.packs.getIndicator('contacts-cin-referrals')
      assert.equal(view?.history.find((o) => o.period === '2018-04')?.value, 250)
      assert.deepEqual(
        view?.revisions.map((r) => [r.period, r.previousValue, r.newValue, r.sourceFile]),
        [['2018-04', 245, 250, 'revision.csv']],
      )
    })

    describe('edge cases: a refused import changes nothing', () => {
      const bad: Array<[string, string, RegExp]> = [
        ['text-in-number.csv', 'indicator_id,period,value\ncontacts-cin-referrals,2018-04,lots\n', /lots|number/i],
        [
          'unknown-indicator.csv',
          'indicator_id,period,value\nno-such-indicator,2018-04,3\n',
          /no indicator with this id/,
        ],
        ['wrong-header.csv', 'name,when,how many\na,b,c\n', /column/i],
        ['empty.csv', '', /empty/i],
        ['unknown-month.csv', 'indicator_id,period,value\ncontacts-cin-referrals,2018-13,3\n', /2018-13/],
      ]
      for (const [name, content, message] of bad) {
        it(`refuses ${name}`, async () => {
          const file = join(dir, name)
          await writeFile(file, content)
          const before = await snapshot(store)
          const result = await services.figures.importFile(file, { mode: 'values', actor: 'test', maxBytes: MAX })
          assert.equal(result.ok, false)
          assert.ok(!result.ok)
          assert.ok(result.problems.length > 0)
          assert.match(result.problems.map((p) => `${p.reason} ${p.value ?? ''}`).join('\n'), message)
          assert.equal(result.problems[0]?.file, name)
          assert.equal(await snapshot(store), before)
        })
      }

      it('refuses a wide file with a duplicate indicator, naming it, and changes nothing', async () => {
        const original = await readFile(DEMO_FIGURES_FILE, 'utf8')
        const lines = original.trimEnd().split(/\r?\n/)
        const file = join(dir, 'duplicate.csv')
        await writeFile(file, [...lines, lines[1]].join('\r\n'))
        const before = await snapshot(store)
        const result = await services.figures.importFile(file, { mode: 'values', actor: 'test', maxBytes: MAX })
        assert.ok(!result.ok)
        assert.match(result.problems[0]?.reason ?? '', /contacts-cin-referrals|duplicate|twice|more than once/i)
        assert.equal(await snapshot(store), before)
      })

      it('points at the row of a figure for an unknown indicator', async () => {
        const file = join(dir, 'unknown-row.csv')
        await writeFile(file, 'indicator_id,period,value\ncontacts-cin-referrals,2018-04,3\n\nmystery,2018-04,4\n')
        const result = await services.figures.importFile(file, { mode: 'values', actor: 'test', maxBytes: MAX })
        assert.ok(!result.ok)
        assert.deepEqual(result.problems, [
          {
            file: 'unknown-row.csv',
            row: 4,
            column: 'indicator_id',
            value: 'mystery',
            reason:
              'There is no indicator with this id in the catalogue. Import the catalogue (the wide file) first, or correct the id.',
          },
        ])
      })

      it('refuses a long file given as a catalogue', async () => {
        const file = join(dir, 'long-as-catalogue.csv')
        await writeFile(file, 'indicator_id,period,value\ncontacts-cin-referrals,2018-04,3\n')
        const result = await services.figures.importFile(file, { mode: 'catalogue', actor: 'test', maxBytes: MAX })
        assert.ok(!result.ok)
        assert.match(result.problems[0]?.reason ?? '', /long layout/)
      })

      it('refuses a file over the size limit before reading it', async () => {
        const file = join(dir, 'big.csv')
        await writeFile(file, `indicator_id,period,value\n${'contacts-cin-referrals,2018-04,1\n'.repeat(2000)}`)
        const before = await snapshot(store)
        const result = await services.figures.importFile(file, { mode: 'values', actor: 'test', maxBytes: 10_000 })
        assert.ok(!result.ok)
        assert.match(result.problems[0]?.reason ?? '', /MB|KB|bytes|too (big|large)/i)
        assert.equal(await snapshot(store), before)
      })
    })
  })
}

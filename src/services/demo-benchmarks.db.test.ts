import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { storeTargets } from '../../test/databases.ts'
import type { DfeStanding } from '../domain/catalogue.ts'
import type { Store } from '../store/connect.ts'
import { DEMO_BENCHMARK_ITEMS } from './benchmark-service.ts'
import { services as buildServices, type Services } from './index.ts'

for (const target of storeTargets()) {
  describe(`the demo's DfE benchmarks on ${target.name}`, { skip: target.skip }, () => {
    let store: Store
    let services: Services

    before(async () => {
      if (!target.open) return
      store = await target.open()
      services = buildServices(store, { maxImportBytes: 20 * 1024 * 1024, councilName: 'Southampton City Council' })
      await services.demo.loadIfEmpty({ documentPack: false, dfeBenchmarks: true })
    })
    after(async () => {
      await store.close()
    })

    it('takes the benchmark columns from DfE for Southampton wherever an item exists', async () => {
      assert.equal((await services.benchmarks.council())?.laNumber, 852)
      const view = await services.packs.getPack('monthly', '2018-04')
      assert.ok(view.ok)
      const byId = new Map(view.value.pack.indicators.map((indicator) => [indicator.id, indicator]))
      for (const [id, item] of Object.entries(DEMO_BENCHMARK_ITEMS)) {
        const shown = await services.benchmarks.show({ la: 852, item })
        assert.ok(shown.ok, item)
        assert.deepEqual(
          byId.get(id)?.benchmarks,
          {
            statisticalNeighbours: shown.value.snAverage,
            england: shown.value.england,
            region: shown.value.regionValue,
          },
          `${id} ← ${item}`,
        )
        assert.equal(view.value.catalogue.get(id)?.benchmarks.england?.vintage, shown.value.vintage)
        const standing: DfeStanding | undefined = view.value.catalogue.get(id)?.dfeStanding
        assert.deepEqual(
          [standing?.value, standing?.rank, standing?.of, standing?.quartile, standing?.vintage],
          [shown.value.value, shown.value.rank, shown.value.of, shown.value.quartile, shown.value.vintage],
          `${id} ← ${item}`,
        )
        // Southampton first, then its ten statistical neighbours in SN order.
        assert.equal(standing?.councils?.length, 11, id)
        assert.deepEqual(standing?.councils?.[0], {
          laNumber: 852,
          name: 'Southampton',
          value: shown.value.value,
          notPublished: shown.value.notPublished,
          own: true,
        })
      }
    })

    it('keeps the typed benchmarks of an indicator with no DfE item', async () => {
      const view = await services.packs.getPack('monthly', '2018-04')
      assert.ok(view.ok)
      const mash = view.value.catalogue.get('mash-24h')
      assert.equal(mash?.benchmarkItem, undefined)
      assert.doesNotMatch(mash?.benchmarks.england?.vintage ?? 'none', /DfE/)
      assert.equal(mash?.dfeStanding, undefined)
    })
  })
}

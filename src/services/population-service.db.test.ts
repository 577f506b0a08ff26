import assert from 'node:assert/strict'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { storeTargets } from '../../test/databases.ts'
import { computeMeasures } from '../domain/measures/compute.ts'
import { annexA, options, referral } from '../domain/measures/testing.ts'
import { blankIndicator } from '../domain/catalogue.ts'
import type { Store } from '../store/connect.ts'
import { dataAccess } from '../store/data-access.ts'
import { services as buildServices, type Services } from './index.ts'

const FIXTURE = join(import.meta.dirname, '../../fixtures/population/ons-mid-year-estimates-synthetic.csv')
const context = { actor: 'performance@council.gov.uk' }

async function importEvents(store: Store) {
  const events = await dataAccess(store).audit.list({ subjectType: 'settings', subjectId: 'measures' })
  return events.filter((e) => e.action === 'population.import')
}

for (const target of storeTargets()) {
  describe(`ONS population import on ${target.name}`, { skip: target.skip }, () => {
    let store: Store
    let services: Services
    let dir = ''

    before(async () => {
      if (!target.open) return
      store = await target.open()
      // The estimates end with mid-2021; "now" is in 2023-24, so 2022-23 and 2023-24 fall back to 2021-22.
      services = buildServices(
        store,
        { maxImportBytes: 1024, councilName: 'Test council' },
        { now: () => new Date('2023-06-15T10:00:00Z') },
      )
      dir = await mkdtemp(join(tmpdir(), 'scrutineer-population-'))
    })
    after(async () => {
      await store.close()
      await rm(dir, { recursive: true, force: true })
    })

    it('asks for the area code when none is remembered, changing nothing', async () => {
      const result = await services.population.importFile(FIXTURE, context)
      assert.ok(!result.ok)
      assert.match(result.problems[0]?.reason ?? '', /--area E06000045/)
      assert.equal(await services.population.area(), null)
    })

    it('sets each financial year’s 0–17 population, falls back for later years, and rates use it', async () => {
      await services.annexA.saveSettings(
        { ...(await services.annexA.settings()), population: { '2017-18': 49189 }, icpcWorkingDays: 10 },
        context.actor,
      )
      const result = await services.population.importFile(FIXTURE, { ...context, area: 'e06000045' })
      assert.ok(result.ok, JSON.stringify(!result.ok && result.problems))
      assert.deepEqual(result.value.estimated, {
        '2019-20': { midYear: 2019, children: 50958 },
        '2020-21': { midYear: 2020, children: 51120 },
        '2021-22': { midYear: 2021, children: 51372 },
      })
      assert.deepEqual(result.value.fallsBackTo, { '2022-23': '2021-22', '2023-24': '2021-22' })
      assert.equal(result.value.areaName, 'Southampton')

      const settings = await services.annexA.settings()
      assert.deepEqual(settings.population, {
        '2017-18': 49189,
        '2019-20': 50958,
        '2020-21': 51120,
        '2021-22': 51372,
        '2022-23': 51372,
        '2023-24': 51372,
      })
      assert.equal(settings.icpcWorkingDays, 10, 'the other settings stay')
      assert.equal(await services.population.area(), 'E06000045')
      assert.deepEqual((await services.population.source())?.fallsBackTo, result.value.fallsBackTo)

      // 3 referrals in May 2020 ÷ 51,120 children; 1 in May 2023 ÷ the 2021 estimate (fallback).
      const data = annexA({
        referrals: [
          referral('A', '2020-05-01'),
          referral('B', '2020-05-02'),
          referral('C', '2020-05-03'),
          referral('D', '2023-05-04'),
        ],
      })
      const rates = (end: string) =>
        computeMeasures(data, options(end, 1, settings)).measures['referral-rate']?.[end]?.value
      assert.equal(rates('2020-05'), (3 * 10000) / 51120)
      assert.equal(rates('2023-05'), 10000 / 51372)

      const [event] = await importEvents(store)
      assert.equal(event?.actor, context.actor)
      assert.deepEqual(event?.details.fallsBackTo, result.value.fallsBackTo)
    })

    it('refuses a bad file with file, row, column, value and reason, changing nothing', async () => {
      const before = await services.annexA.settings()
      const source = await services.population.source()
      const events = (await importEvents(store)).length
      const bad = join(dir, 'bad.csv')
      const text = await readFile(FIXTURE, 'utf8')
      await writeFile(bad, text.replace('E06000045,Southampton,7,2,2020,', 'E06000045,Southampton,7,X,2020,'))
      const result = await services.population.importFile(bad, context)
      assert.ok(!result.ok)
      assert.equal(result.problems.length, 1)
      assert.equal(result.problems[0]?.file, 'bad.csv')
      assert.equal(result.problems[0]?.column, 'sex')
      assert.equal(result.problems[0]?.value, 'X')
      assert.equal(
        result.problems[0]?.row,
        text.split('\n').findIndex((l) => l.startsWith('E06000045,Southampton,7,2,2020,')) + 1,
      )
      assert.deepEqual(await services.annexA.settings(), before)
      assert.deepEqual(await services.population.source(), source)
      assert.equal((await importEvents(store)).length, events)
    })

    it('marks computed rates per 10,000 with the years that fall back, until a population is typed in', async () => {
      const data = dataAccess(store)
      await data.catalogue.saveIndicators([
        blankIndicator('referral-rate', {
          unit: 'rate per 10,000',
          measure: { measureId: 'referral-rate', part: 'value' },
        }),
        blankIndicator('typed-rate', { unit: 'rate per 10,000' }),
        blankIndicator('referrals', { measure: { measureId: 'referrals', part: 'value' } }),
      ])
      const fallbacks = async (id: string) => (await services.packs.getIndicator(id))?.indicator.populationFallbacks
      assert.deepEqual(await fallbacks('referral-rate'), [
        { financialYear: '2022-23', from: '2021-22', midYear: 2021 },
        { financialYear: '2023-24', from: '2021-22', midYear: 2021 },
      ])
      assert.equal(await fallbacks('typed-rate'), undefined, 'a rate typed in by hand uses no population')
      assert.equal(await fallbacks('referrals'), undefined, 'a count uses no population')
      const settings = await services.annexA.settings()
      await services.annexA.saveSettings(
        { ...settings, population: { ...settings.population, '2022-23': 51500 } },
        context.actor,
      )
      assert.deepEqual(await fallbacks('referral-rate'), [{ financialYear: '2023-24', from: '2021-22', midYear: 2021 }])
    })
  })
}

import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { storeTargets } from '../../test/databases.ts'
import type { Store } from '../store/connect.ts'
import { dataAccess } from '../store/data-access.ts'
import { DEMO_FIGURES_FILE } from './demo-service.ts'
import { services as buildServices, type Services } from './index.ts'

const MAX = 20 * 1024 * 1024
const officer = { actor: 'user:7', correlationId: 'req-9' }

for (const target of storeTargets()) {
  describe(`creating a dataset on ${target.name}`, { skip: target.skip }, () => {
    let store: Store
    let services: Services

    before(async () => {
      if (!target.open) return
      store = await target.open()
      services = buildServices(store, { maxImportBytes: MAX, councilName: 'Test council' })
      const imported = await services.figures.importFile(DEMO_FIGURES_FILE, {
        mode: 'values',
        actor: 'test',
        maxBytes: MAX,
      })
      assert.ok(imported.ok)
    })
    after(async () => {
      await store.close()
    })

    it('offers the catalogue in the monthly dataset’s order', async () => {
      const choices = await services.datasets.indicatorChoices()
      const monthly = (await services.packs.listDatasets())[0]?.dataset
      assert.deepEqual(
        choices.map((i) => i.id),
        monthly?.indicatorIds,
      )
    })

    it('creates the dataset with its indicators in the catalogue’s order, audited, with a pack at once', async () => {
      const result = await services.datasets.create(
        { id: 'early-help', title: 'Early Help Dataset', indicatorIds: ['uha-started', 'contacts-cin-referrals'] },
        officer,
      )
      assert.ok(result.ok, JSON.stringify(!result.ok && result.problems))
      const listed = await services.packs.listDatasets()
      assert.deepEqual(
        listed.map((d) => d.dataset.id),
        ['monthly', 'early-help'],
      )
      const earlyHelp = listed[1]
      assert.deepEqual(earlyHelp?.dataset, {
        id: 'early-help',
        title: 'Early Help Dataset',
        indicatorIds: ['uha-started', 'contacts-cin-referrals'],
      })
      // Its months are those its indicators have figures for.
      assert.equal(earlyHelp?.periods.at(-1), '2018-04')
      const pack = await services.packs.getPack('early-help', '2018-04')
      assert.ok(pack.ok)
      assert.deepEqual(
        pack.value.pack.indicators.map((row) => row.id),
        ['uha-started', 'contacts-cin-referrals'],
      )
      const [event] = await dataAccess(store).audit.list({ subjectType: 'dataset', subjectId: 'early-help' })
      assert.equal(event?.action, 'dataset.create')
      assert.equal(event.actor, 'user:7')
      assert.equal(event.correlationId, 'req-9')
      assert.deepEqual(event.details, {
        after: {
          id: 'early-help',
          title: 'Early Help Dataset',
          indicatorIds: ['uha-started', 'contacts-cin-referrals'],
        },
      })
    })

    it('refuses a taken ID, an empty title, no indicators or an unknown one, and changes nothing', async () => {
      const before = await dataAccess(store).catalogue.findDatasets()
      const auditBefore = (await dataAccess(store).audit.list({ subjectType: 'dataset' })).length
      const taken = await services.datasets.create({ id: 'early-help', title: ' ', indicatorIds: [] }, officer)
      assert.ok(!taken.ok)
      assert.deepEqual(taken.problems, [
        { field: 'id', message: 'There is already a dataset with the ID "early-help": choose another' },
        { field: 'title', message: 'Enter the title of the dataset' },
        { field: 'indicators', message: 'Choose at least one indicator for the dataset' },
      ])
      const unknown = await services.datasets.create(
        { id: 'other', title: 'Other', indicatorIds: ['lac-count', 'no-such-indicator'] },
        officer,
      )
      assert.ok(!unknown.ok)
      assert.deepEqual(unknown.problems, [
        { field: 'indicators', message: '"no-such-indicator" is not in the catalogue' },
      ])
      assert.deepEqual(await dataAccess(store).catalogue.findDatasets(), before)
      assert.equal((await dataAccess(store).audit.list({ subjectType: 'dataset' })).length, auditBefore)
    })

    it('gives the ID to one of two officers creating it at once', async () => {
      const results = await Promise.all(
        ['First', 'Second'].map((title) =>
          services.datasets.create(
            { id: 'quarterly', title: `${title} quarterly`, indicatorIds: ['lac-count'] },
            officer,
          ),
        ),
      )
      assert.equal(results.filter((r) => r.ok).length, 1)
      const refused = results.find((r) => !r.ok)
      assert.equal(refused?.ok === false && refused.problems[0]?.field, 'id')
      const quarterly = (await dataAccess(store).catalogue.findDatasets()).filter((d) => d.id === 'quarterly')
      assert.equal(quarterly.length, 1)
    })
  })
}

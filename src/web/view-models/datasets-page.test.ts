import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { Dataset } from '../../domain/catalogue.ts'
import { datasetsPageModel } from './datasets-page.ts'

const MONTHLY: Dataset = {
  id: 'monthly',
  title: 'Children and Families Monthly Dataset',
  indicatorIds: ['a', 'b', 'c'],
}
const EARLY_HELP: Dataset = { id: 'early-help', title: 'Early help dataset', indicatorIds: ['d'] }

describe('datasetsPageModel', () => {
  it('gives each dataset its latest month and every month by year, newest first', () => {
    const model = datasetsPageModel([{ dataset: MONTHLY, periods: ['2017-11', '2018-04', '2017-12', '2018-01'] }])
    assert.equal(model.pageTitle, 'Datasets')
    const [dataset] = model.datasets
    assert.ok(dataset)
    assert.equal(dataset.title, 'Children and Families Monthly Dataset')
    assert.deepEqual(dataset.latest, { text: 'April 2018', href: '/datasets/monthly/2018-04' })
    assert.deepEqual(
      dataset.years.map((year) => [year.year, year.months.map((m) => m.text)]),
      [
        ['2018', ['April 2018', 'January 2018']],
        ['2017', ['December 2017', 'November 2017']],
      ],
    )
    assert.equal(dataset.indicatorCountText, '3 indicators')
    assert.equal(dataset.monthCountText, '4 months')
    assert.equal(dataset.anchor, 'dataset-monthly')
  })

  it('keeps the datasets in the order given', () => {
    const model = datasetsPageModel([
      { dataset: EARLY_HELP, periods: ['2018-04'] },
      { dataset: MONTHLY, periods: ['2018-04'] },
    ])
    assert.deepEqual(
      model.datasets.map((d) => d.id),
      ['early-help', 'monthly'],
    )
    const [first] = model.datasets
    assert.ok(first)
    assert.equal(first.indicatorCountText, '1 indicator')
    assert.equal(first.monthCountText, '1 month')
  })

  it("links each month's cycle page for the officers who prepare the pack, and for nobody else", () => {
    const periods = ['2018-03', '2018-04']
    const [officer] = datasetsPageModel([{ dataset: MONTHLY, periods }], { cycleLinks: true }).datasets
    assert.equal(officer?.latestCycleHref, '/datasets/monthly/2018-04/cycle')
    assert.deepEqual(
      officer?.years[0]?.months.map((m) => m.cycleHref),
      ['/datasets/monthly/2018-04/cycle', '/datasets/monthly/2018-03/cycle'],
    )
    const [reader] = datasetsPageModel([{ dataset: MONTHLY, periods }]).datasets
    assert.equal(reader?.latestCycleHref, null)
    assert.deepEqual(
      reader?.years[0]?.months.map((m) => m.cycleHref),
      [null, null],
    )
  })

  describe('edge cases', () => {
    it('has no latest month for a dataset with no figures yet', () => {
      const [dataset] = datasetsPageModel([{ dataset: MONTHLY, periods: [] }]).datasets
      assert.ok(dataset)
      assert.equal(dataset.latest, null)
      assert.deepEqual(dataset.years, [])
      assert.equal(dataset.monthCountText, '0 months')
    })

    it('has no datasets when there are none', () => {
      assert.deepEqual(datasetsPageModel([]).datasets, [])
    })

    it('ignores repeated and malformed months', () => {
      const [dataset] = datasetsPageModel([
        { dataset: MONTHLY, periods: ['2018-04', '2018-04', 'April', '2018-13'] },
      ]).datasets
      assert.equal(dataset?.monthCountText, '1 month')
    })

    it('encodes the dataset id in links and keeps anchors unique', () => {
      const odd: Dataset = { id: 'early help', title: 'A', indicatorIds: [] }
      const also: Dataset = { id: 'early/help', title: 'B', indicatorIds: [] }
      const model = datasetsPageModel([
        { dataset: odd, periods: ['2018-04'] },
        { dataset: also, periods: ['2018-04'] },
      ])
      assert.equal(model.datasets[0]?.latest?.href, '/datasets/early%20help/2018-04')
      assert.deepEqual(
        model.datasets.map((d) => d.anchor),
        ['dataset-early-help', 'dataset-early-help-2'],
      )
    })
  })
})

import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { appendixFormModel, appendixMonthValue, readAppendixMonth } from './report-pages.ts'

describe('choosing a published month as an appendix', () => {
  const months = [
    { datasetId: 'monthly', datasetTitle: 'Children and Families Monthly Dataset', period: '2018-04', version: 2 },
    { datasetId: 'early-help', datasetTitle: 'Early Help Dataset', period: '2018-04', version: 1 },
  ]

  it('lists every published month with its dataset, month and latest version, keeping the choice sent', () => {
    const model = appendixFormModel(months, { kind: 'dataset-pack', month: 'early-help/2018-04' }, [])
    assert.deepEqual(model.monthItems, [
      { value: '', text: 'Choose a month' },
      {
        value: 'monthly/2018-04',
        text: 'Children and Families Monthly Dataset – April 2018 (version 2)',
        selected: false,
      },
      { value: 'early-help/2018-04', text: 'Early Help Dataset – April 2018 (version 1)', selected: true },
    ])
    assert.deepEqual(
      model.kindItems.filter((k) => k.checked).map((k) => k.value),
      ['dataset-pack'],
    )
    assert.equal(model.monthError, null)
  })

  it('says when nothing has been published, and shows a problem with the month on the select', () => {
    const model = appendixFormModel([], { kind: '', month: '' }, [
      { field: 'month', message: 'Choose a published month' },
    ])
    assert.deepEqual(model.monthItems, [{ value: '', text: 'No month has been published yet' }])
    assert.deepEqual(model.monthError, { text: 'Choose a published month' })
  })

  it('reads back what the select sends, and nothing else', () => {
    assert.deepEqual(readAppendixMonth(appendixMonthValue('early-help', '2018-04')), {
      datasetId: 'early-help',
      period: '2018-04',
    })
    for (const text of ['', '2018-04', '/2018-04', 'monthly/2018-13', 'monthly/', 'monthly']) {
      assert.equal(readAppendixMonth(text), null, text)
    }
  })
})

import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { Indicator } from '../../domain/catalogue.ts'
import { newDatasetModel } from './dataset-form.ts'

const indicator = (id: string, code: string, serviceArea: string) =>
  ({ id, code, title: `Title of ${id}`, serviceArea }) as Indicator

describe('the form that creates a dataset', () => {
  it('offers every indicator as a checkbox, ticking those sent, with its code and service area as the hint', () => {
    const model = newDatasetModel(
      { id: 'early-help', title: 'Early Help', indicatorIds: ['b'] },
      [indicator('a', 'CP1', 'Child protection'), indicator('b', '', 'Early help'), indicator('c', '', '')],
      [],
    )
    assert.equal(model.pageTitle, 'Create a dataset')
    assert.deepEqual(
      model.indicatorItems.map((i) => [i.value, i.text, i.hint.text, i.checked]),
      [
        ['a', 'Title of a', 'CP1, Child protection', false],
        ['b', 'Title of b', 'Early help', true],
        ['c', 'Title of c', 'c', false],
      ],
    )
  })

  it('puts every problem in the summary, linked to its field, and joins two on one field', () => {
    const model = newDatasetModel(
      { id: '', title: '', indicatorIds: [] },
      [],
      [
        { field: 'id', message: 'Enter an ID' },
        { field: 'indicators', message: 'Choose at least one' },
        { field: 'indicators', message: '"x" is not in the catalogue' },
      ],
    )
    assert.equal(model.pageTitle, 'Error: Create a dataset')
    assert.deepEqual(
      model.errorList.map((e) => e.href),
      ['#id', '#indicators', '#indicators'],
    )
    assert.deepEqual(model.errors.indicators, { text: 'Choose at least one. "x" is not in the catalogue' })
    assert.equal(model.errors.title, null)
  })
})

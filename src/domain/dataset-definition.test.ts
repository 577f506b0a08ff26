import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { checkNewDataset } from './dataset-definition.ts'

const existing = {
  datasets: [{ id: 'monthly', title: 'Children and Families Monthly Dataset' }],
  indicatorIds: new Set(['uha-started', 'uhp-opened', 'contacts']),
}

const fieldsOf = (result: ReturnType<typeof checkNewDataset>) => (result.ok ? [] : result.problems.map((p) => p.field))

describe('checkNewDataset', () => {
  it('accepts a slug, a title and indicators, tidied and without repeats', () => {
    const result = checkNewDataset(
      {
        id: ' early-help ',
        title: '  Early   Help Dataset ',
        indicatorIds: ['uhp-opened', 'uha-started', 'uhp-opened'],
      },
      existing,
    )
    assert.deepEqual(result, {
      ok: true,
      value: { id: 'early-help', title: 'Early Help Dataset', indicatorIds: ['uhp-opened', 'uha-started'] },
    })
  })

  it('refuses an empty form with a problem for each field', () => {
    const result = checkNewDataset({ id: '', title: ' ', indicatorIds: [] }, existing)
    assert.deepEqual(fieldsOf(result), ['id', 'title', 'indicators'])
  })

  it('refuses IDs that would not work in a web address, and the reserved "new"', () => {
    for (const id of [
      'Early Help',
      'early_help',
      '-early',
      'early--help',
      'early-',
      '2018',
      'é',
      'new',
      'a'.repeat(41),
    ]) {
      assert.deepEqual(fieldsOf(checkNewDataset({ id, title: 'T', indicatorIds: ['contacts'] }, existing)), ['id'], id)
    }
    assert.ok(checkNewDataset({ id: 'eh2', title: 'T', indicatorIds: ['contacts'] }, existing).ok)
  })

  it('refuses an ID or a title (in any case) that another dataset has', () => {
    const result = checkNewDataset(
      { id: 'monthly', title: 'children and families monthly dataset', indicatorIds: ['contacts'] },
      existing,
    )
    assert.ok(!result.ok)
    assert.deepEqual(
      result.problems.map((p) => p.message),
      [
        'There is already a dataset with the ID "monthly": choose another',
        'There is already a dataset called "children and families monthly dataset": choose another title',
      ],
    )
  })

  it('refuses indicators the catalogue does not hold', () => {
    const result = checkNewDataset({ id: 'eh', title: 'T', indicatorIds: ['contacts', 'made-up'] }, existing)
    assert.ok(!result.ok)
    assert.deepEqual(result.problems, [{ field: 'indicators', message: '"made-up" is not in the catalogue' }])
  })
})

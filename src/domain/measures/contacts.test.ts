import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { annexA, contact, figure, ids, options, rowsBehind } from './testing.ts'

describe('contacts', () => {
  it('counts contacts by the month of their date, first and last days included', () => {
    const data = annexA({
      contacts: [
        contact('A', '2018-04-01'),
        contact('B', '2018-04-30'),
        contact('C', '2018-03-31'),
        contact('D', '2018-05-01'),
      ],
    })
    assert.deepEqual(figure(data, 'contacts', '2018-04'), { count: 2, denominator: null, value: 2 })
    assert.deepEqual(figure(data, 'contacts', '2018-03'), { count: 1, denominator: null, value: 1 })
  })

  it('lists the children behind the count with their contact dates', () => {
    const data = annexA({ contacts: [contact('A', '2018-04-10', { row: 5 }), contact('B', '2018-03-10', { row: 6 })] })
    const behind = rowsBehind(data, 'contacts')
    assert.deepEqual(behind.numerator, [{ list: 1, childId: 'A', row: 5, dates: { contactDate: '2018-04-10' } }])
    assert.deepEqual(behind.denominator, [])
  })
})

describe('edge cases', () => {
  it('gives 0, not null, for a month with no contacts', () => {
    assert.deepEqual(figure(annexA(), 'contacts', '2017-04'), { count: 0, denominator: null, value: 0 })
  })

  it('leaves out a blank date silently and an unreadable one with a reason in every month', () => {
    const data = annexA({ contacts: [contact('A', null), contact('B', null, { invalid: ['contactDate'] })] })
    assert.equal(figure(data, 'contacts').count, 0)
    for (const month of ['2017-04', '2018-04']) {
      const behind = rowsBehind(data, 'contacts', month)
      assert.deepEqual(ids(behind.excluded), ['B'])
      assert.match(behind.excluded[0]?.reason ?? '', /date of contact could not be read/)
    }
  })

  it('ignores contacts outside the window', () => {
    const data = annexA({ contacts: [contact('A', '2017-03-31'), contact('B', '2018-05-01')] })
    const result = figure(data, 'contacts', '2017-04', options('2018-04', 13))
    assert.equal(result.count, 0)
  })

  it('counts the same child twice when they have two contacts', () => {
    const data = annexA({ contacts: [contact('A', '2018-04-02'), contact('A', '2018-04-02')] })
    assert.equal(figure(data, 'contacts').count, 2)
  })
})

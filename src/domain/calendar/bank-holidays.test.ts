import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import reference from '../../../reference/bank-holidays-england-and-wales.json' with { type: 'json' }
import { mergeHolidays, parseBankHolidays } from './bank-holidays.ts'

const fullFeed = {
  'england-and-wales': {
    division: 'england-and-wales',
    events: [
      { title: 'Easter Monday', date: '2018-04-02', notes: '', bunting: true },
      { title: 'Good Friday', date: '2018-03-30', notes: '', bunting: false },
    ],
  },
  scotland: { division: 'scotland', events: [{ title: '2nd January', date: '2018-01-02', notes: '', bunting: true }] },
}

describe('parseBankHolidays', () => {
  it('reads England and Wales from the public feed, sorted', () => {
    assert.deepEqual(parseBankHolidays(fullFeed), { ok: true, value: ['2018-03-30', '2018-04-02'] })
  })

  it('reads another division when asked', () => {
    assert.deepEqual(parseBankHolidays(fullFeed, 'scotland'), { ok: true, value: ['2018-01-02'] })
  })

  it("reads the project's one-division copy, including substitute days", () => {
    const result = parseBankHolidays(reference)
    assert.ok(result.ok)
    assert.equal(result.value.length, 132)
    assert.ok(result.value.includes('2022-12-27')) // Christmas Day (substitute day)
    assert.deepEqual(result.value, [...result.value].sort())
  })
})

describe('mergeHolidays', () => {
  it('gives the union, sorted, without repeats', () => {
    assert.deepEqual(mergeHolidays(['2018-12-25', '2018-12-26'], ['2018-03-30', '2018-12-25']), [
      '2018-03-30',
      '2018-12-25',
      '2018-12-26',
    ])
  })
})

describe('edge cases', () => {
  it('refuses something that is not an object', () => {
    for (const feed of [null, 'text', 42, []]) {
      const result = parseBankHolidays(feed)
      assert.equal(result.ok, false)
    }
  })

  it('refuses a feed without the division, saying which divisions it has', () => {
    const result = parseBankHolidays({ scotland: fullFeed.scotland })
    assert.deepEqual(result, {
      ok: false,
      problems: [{ where: 'the file', value: 'scotland', reason: 'The feed has no "england-and-wales" holidays.' }],
    })
  })

  it('refuses a division without a list of events', () => {
    const result = parseBankHolidays({ 'england-and-wales': { division: 'england-and-wales' } })
    assert.equal(result.ok, false)
    assert.equal(result.problems[0]?.where, 'england-and-wales.events')
  })

  it('refuses the whole feed when any date is bad, listing each', () => {
    const result = parseBankHolidays({
      'england-and-wales': {
        division: 'england-and-wales',
        events: [{ date: '2018-03-30' }, { date: '30/03/2018' }, { title: 'no date' }, { date: '2018-02-29' }],
      },
    })
    assert.equal(result.ok, false)
    assert.deepEqual(
      result.problems.map((p) => [p.where, p.value]),
      [
        ['england-and-wales.events[1].date', '30/03/2018'],
        ['england-and-wales.events[2].date', ''],
        ['england-and-wales.events[3].date', '2018-02-29'],
      ],
    )
  })

  it('gives an empty list for a division with no events', () => {
    assert.deepEqual(parseBankHolidays({ division: 'england-and-wales', events: [] }), { ok: true, value: [] })
  })

  it('merges empty lists and repeats within one list', () => {
    assert.deepEqual(mergeHolidays([], []), [])
    assert.deepEqual(mergeHolidays(['2018-12-25', '2018-12-25'], []), ['2018-12-25'])
  })
})

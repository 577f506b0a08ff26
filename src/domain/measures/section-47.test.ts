import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { annexA, figure, ids, options, rowsBehind, section47 } from './testing.ts'

describe('s47-started and icpcs', () => {
  it('count by strategy discussion and ICPC month respectively', () => {
    const data = annexA({
      section47s: [
        section47('A', '2018-03-29', '2018-04-24'),
        section47('B', '2018-04-03', null),
        section47('C', null, '2018-04-05'),
      ],
    })
    assert.equal(figure(data, 's47-started', '2018-03').count, 1)
    assert.equal(figure(data, 's47-started', '2018-04').count, 1)
    assert.equal(figure(data, 'icpcs', '2018-04').count, 2)
  })

  it('give rates per 10,000 children', () => {
    const data = annexA({ section47s: [section47('A', '2018-04-03', '2018-04-20')] })
    const opts = options('2018-04', 13, { population: { '2018-19': 25000 } })
    assert.equal(figure(data, 's47-rate', '2018-04', opts).value, 0.4)
    assert.equal(figure(data, 'icpc-rate', '2018-04', opts).value, 0.4)
  })
})

describe('icpcs-in-15wd', () => {
  it('counts 15 working days as in time and 16 as late', () => {
    // Mon 9 Apr 2018 → Mon 30 Apr: three whole weeks, no holiday: 15. Tue 1 May: 16.
    const data = annexA({
      section47s: [section47('in', '2018-04-09', '2018-04-30'), section47('late', '2018-04-09', '2018-05-01')],
    })
    assert.deepEqual(figure(data, 'icpcs-in-15wd', '2018-04'), { count: 1, denominator: 1, value: 100 })
    assert.deepEqual(figure(data, 'icpcs-in-15wd', '2018-05', options('2018-05')), {
      count: 0,
      denominator: 1,
      value: 0,
    })
  })

  it('shows the Easter 2018 example: strategy 29 March, ICPC 24 April, 16 working days', () => {
    const data = annexA({ section47s: [section47('A', '2018-03-29', '2018-04-24', { row: 7 })] })
    const behind = rowsBehind(data, 'icpcs-in-15wd')
    assert.deepEqual(behind.numerator, [])
    assert.deepEqual(behind.denominator, [
      { list: 5, childId: 'A', row: 7, dates: { strategyDate: '2018-03-29', icpcDate: '2018-04-24' }, workingDays: 16 },
    ])
  })

  it('uses the icpcWorkingDays setting', () => {
    const data = annexA({ section47s: [section47('A', '2018-03-29', '2018-04-24')] })
    assert.equal(figure(data, 'icpcs-in-15wd', '2018-04', options('2018-04', 13, { icpcWorkingDays: 16 })).count, 1)
  })
})

describe('icpcs-to-cpp', () => {
  it('counts ICPCs resulting in a plan over ICPCs; blank is not Yes, unreadable is left out', () => {
    const data = annexA({
      section47s: [
        section47('A', '2018-04-02', '2018-04-20', { icpcResultedInPlan: true }),
        section47('B', '2018-04-02', '2018-04-20', { icpcResultedInPlan: false }),
        section47('C', '2018-04-02', '2018-04-20'),
        section47('D', '2018-04-02', '2018-04-20', { invalid: ['icpcResultedInPlan'] }),
      ],
    })
    assert.deepEqual(figure(data, 'icpcs-to-cpp'), { count: 1, denominator: 3, value: (1 / 3) * 100 })
    assert.deepEqual(ids(rowsBehind(data, 'icpcs-to-cpp').excluded), ['D'])
  })
})

describe('edge cases', () => {
  it('leaves an ICPC before its strategy discussion out of icpcs-in-15wd only', () => {
    const data = annexA({ section47s: [section47('A', '2018-04-24', '2018-04-20', { icpcResultedInPlan: true })] })
    assert.deepEqual(figure(data, 'icpcs-in-15wd'), { count: 0, denominator: 0, value: null })
    assert.equal(figure(data, 'icpcs').count, 1)
    assert.equal(figure(data, 's47-started').count, 1)
    assert.equal(figure(data, 'icpcs-to-cpp').count, 1)
    assert.equal(
      rowsBehind(data, 'icpcs-in-15wd').excluded[0]?.reason,
      'The ICPC date is before the strategy discussion date.',
    )
  })

  it('counts an ICPC on the day of the strategy discussion as 0 working days, in time', () => {
    const data = annexA({ section47s: [section47('A', '2018-04-24', '2018-04-24')] })
    assert.equal(figure(data, 'icpcs-in-15wd').count, 1)
    assert.equal(rowsBehind(data, 'icpcs-in-15wd').numerator[0]?.workingDays, 0)
  })

  it('leaves an unreadable or blank strategy date out of icpcs-in-15wd but not out of icpcs', () => {
    const data = annexA({
      section47s: [
        section47('A', null, '2018-04-20', { invalid: ['strategyDate'] }),
        section47('B', null, '2018-04-20'),
      ],
    })
    assert.equal(figure(data, 'icpcs').count, 2)
    assert.deepEqual(figure(data, 'icpcs-in-15wd'), { count: 0, denominator: 0, value: null })
    assert.equal(rowsBehind(data, 'icpcs-in-15wd').excluded.length, 2)
    // The unreadable strategy date also has no month: it is listed (month unknown) under s47-started.
    assert.equal(rowsBehind(data, 's47-started').excluded.length, 1)
  })
})

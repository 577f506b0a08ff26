import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { annexA, figure, ids, options, plan, rowsBehind } from './testing.ts'

describe('cpp-started and cpp-ceased', () => {
  it('count plans by start month and end month', () => {
    const data = annexA({ plans: [plan('A', '2018-03-10', '2018-04-30'), plan('B', '2018-04-01', null)] })
    assert.equal(figure(data, 'cpp-started', '2018-03').count, 1)
    assert.equal(figure(data, 'cpp-started', '2018-04').count, 1)
    assert.equal(figure(data, 'cpp-ceased', '2018-04').count, 1)
  })
})

describe('cpp-repeat', () => {
  it('counts a plan with previous plans recorded', () => {
    const data = annexA({
      plans: [plan('A', '2018-04-10', null, { previousPlans: 2 }), plan('B', '2018-04-10', null, { previousPlans: 0 })],
    })
    assert.deepEqual(figure(data, 'cpp-repeat'), { count: 1, denominator: 2, value: 50 })
  })

  it('counts a plan when the child has a plan in the list that started earlier', () => {
    const data = annexA({
      plans: [plan('A', '2016-01-05', '2016-09-01'), plan('A', '2018-04-10', null, { previousPlans: 0 })],
    })
    assert.deepEqual(figure(data, 'cpp-repeat'), { count: 1, denominator: 1, value: 100 })
    assert.equal(rowsBehind(data, 'cpp-repeat').numerator[0]?.dates.earlierPlanStartDate, '2016-01-05')
  })
})

describe('cpp-open and cpp-rate', () => {
  it('counts plans open at the month end: ended on E is not open, started on E is', () => {
    const data = annexA({
      plans: [
        plan('endsOnE', '2018-01-10', '2018-04-30'),
        plan('startsOnE', '2018-04-30', null),
        plan('after', '2018-05-01', null),
      ],
    })
    assert.deepEqual(ids(rowsBehind(data, 'cpp-open').numerator), ['startsOnE'])
    assert.equal(figure(data, 'cpp-open', '2018-04').count, 1)
    assert.equal(figure(data, 'cpp-open', '2018-03').count, 1) // endsOnE was open at 31 March
  })

  it('gives a rate per 10,000 children of the financial year', () => {
    const data = annexA({ plans: [plan('A', '2018-01-10', null), plan('B', '2018-01-10', null)] })
    const opts = options('2018-04', 13, { population: { '2017-18': 20000, '2018-19': 40000 } })
    assert.equal(figure(data, 'cpp-rate', '2018-03', opts).value, 1)
    assert.equal(figure(data, 'cpp-rate', '2018-04', opts).value, 0.5)
  })
})

describe('edge cases', () => {
  it('does not count a plan of the same child starting the same day as earlier', () => {
    const data = annexA({ plans: [plan('A', '2018-04-10', null), plan('A', '2018-04-10', null)] })
    assert.deepEqual(figure(data, 'cpp-repeat'), { count: 0, denominator: 2, value: 0 })
  })

  it('treats a blank number of previous plans as 0 and leaves an unreadable one out', () => {
    const data = annexA({
      plans: [plan('A', '2018-04-10', null), plan('B', '2018-04-11', null, { invalid: ['previousPlans'] })],
    })
    assert.deepEqual(figure(data, 'cpp-repeat'), { count: 0, denominator: 1, value: 0 })
    assert.equal(figure(data, 'cpp-started').count, 2)
  })

  it('leaves a plan with an unreadable end date out of the stock and cpp-ceased, not cpp-started', () => {
    const data = annexA({ plans: [plan('A', '2018-04-10', null, { invalid: ['endDate'] })] })
    assert.equal(figure(data, 'cpp-open').count, 0)
    assert.equal(figure(data, 'cpp-started').count, 1)
    assert.equal(rowsBehind(data, 'cpp-open').excluded[0]?.reason, 'The plan end date could not be read.')
    assert.equal(rowsBehind(data, 'cpp-ceased').excluded.length, 1)
  })

  it('never counts a plan that ended before it started', () => {
    const data = annexA({ plans: [plan('A', '2018-04-10', '2018-02-01')] })
    assert.deepEqual([figure(data, 'cpp-open', '2018-02').count, figure(data, 'cpp-open', '2018-03').count], [0, 0])
  })

  it('counts a plan open throughout the window in every month', () => {
    const data = annexA({ plans: [plan('A', '2010-01-01', null)] })
    const result = ['2017-04', '2017-10', '2018-04'].map((m) => figure(data, 'cpp-open', m).count)
    assert.deepEqual(result, [1, 1, 1])
  })
})

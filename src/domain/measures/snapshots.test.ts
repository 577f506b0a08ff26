import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { annexA, careLeaver, figure, ids, lookedAfter, options, plan, rowsBehind } from './testing.ts'

// R = Mon 2018-04-30, the last day of the latest month.

describe('cp-visits-in-time', () => {
  it('counts a visit 15 working days before R as in time and 16 as not', () => {
    // Mon 9 Apr → Mon 30 Apr: three whole weeks, 15. Fri 6 Apr: 16.
    const data = annexA({
      plans: [
        plan('15', '2018-01-10', null, { lastVisitDate: '2018-04-09' }),
        plan('16', '2018-01-10', null, { lastVisitDate: '2018-04-06' }),
      ],
    })
    assert.deepEqual(figure(data, 'cp-visits-in-time'), { count: 1, denominator: 2, value: 50 })
    const behind = rowsBehind(data, 'cp-visits-in-time')
    assert.equal(behind.numerator[0]?.workingDays, 15)
    assert.equal(behind.denominator[1]?.workingDays, 16)
  })

  it('uses the cpVisitWorkingDays setting', () => {
    const data = annexA({ plans: [plan('A', '2018-01-10', null, { lastVisitDate: '2018-04-16' })] }) // 10 working days
    assert.equal(
      figure(data, 'cp-visits-in-time', '2018-04', options('2018-04', 13, { cpVisitWorkingDays: 10 })).count,
      1,
    )
    assert.equal(
      figure(data, 'cp-visits-in-time', '2018-04', options('2018-04', 13, { cpVisitWorkingDays: 9 })).count,
      0,
    )
  })

  it('looks only at plans open at R', () => {
    const data = annexA({
      plans: [
        plan('endedOnR', '2018-01-10', '2018-04-30', { lastVisitDate: '2018-04-27' }),
        plan('startedOnR', '2018-04-30', null, { lastVisitDate: '2018-04-30' }),
      ],
    })
    assert.deepEqual(ids(rowsBehind(data, 'cp-visits-in-time').denominator), ['startedOnR'])
  })
})

describe('cpp-2-years-plus', () => {
  it('counts plans that started on or before R minus 2 years', () => {
    const data = annexA({ plans: [plan('in', '2016-04-30', null), plan('out', '2016-05-01', null)] })
    assert.deepEqual(ids(rowsBehind(data, 'cpp-2-years-plus').numerator), ['in'])
    assert.deepEqual(figure(data, 'cpp-2-years-plus'), { count: 1, denominator: 2, value: 50 })
  })
})

describe('lac-visits-in-time', () => {
  it('counts a visit 42 calendar days before R as in time and 43 as not', () => {
    const data = annexA({
      lookedAfter: [
        lookedAfter('42', '2017-01-01', null, { lastVisitDate: '2018-03-19' }),
        lookedAfter('43', '2017-01-01', null, { lastVisitDate: '2018-03-18' }),
      ],
    })
    assert.deepEqual(figure(data, 'lac-visits-in-time'), { count: 1, denominator: 2, value: 50 })
    assert.equal(
      rowsBehind(data, 'lac-visits-in-time').numerator[0]?.note,
      '42 calendar days before the reference date',
    )
  })
})

describe('care-leavers-suitable', () => {
  it('counts in touch (Yes) and suitable over all rows; REFU/NREQ arrive as not Yes', () => {
    const data = annexA({
      careLeavers: [
        careLeaver('yes-suitable', true, true),
        careLeaver('refu-suitable', false, true),
        careLeaver('yes-unsuitable', true, false),
        careLeaver('blank', null, null),
      ],
    })
    assert.deepEqual(figure(data, 'care-leavers-suitable'), { count: 1, denominator: 4, value: 25 })
    assert.deepEqual(ids(rowsBehind(data, 'care-leavers-suitable').numerator), ['yes-suitable'])
  })
})

describe('care-leavers-in-touch', () => {
  it('counts in touch (Yes) over all rows, whatever the accommodation; an unreadable answer is left out', () => {
    const data = annexA({
      careLeavers: [
        careLeaver('yes-unsuitable', true, false),
        careLeaver('yes-blank', true, null),
        careLeaver('not-yes', false, true),
        careLeaver('blank', null, null),
        careLeaver('unreadable', null, true, { invalid: ['inTouch'] }),
      ],
    })
    assert.deepEqual(figure(data, 'care-leavers-in-touch'), { count: 2, denominator: 4, value: 50 })
    assert.deepEqual(ids(rowsBehind(data, 'care-leavers-in-touch').excluded), ['unreadable'])
  })
})

describe('edge cases', () => {
  it('keeps a plan with a blank visit date in the denominator only', () => {
    const data = annexA({ plans: [plan('A', '2018-01-10', null)] })
    assert.deepEqual(figure(data, 'cp-visits-in-time'), { count: 0, denominator: 1, value: 0 })
    assert.equal(rowsBehind(data, 'cp-visits-in-time').denominator[0]?.note, 'No last visit date')
  })

  it('leaves a plan with an unreadable visit date out of the visit measure only', () => {
    const data = annexA({ plans: [plan('A', '2018-01-10', null, { invalid: ['lastVisitDate'] })] })
    assert.deepEqual(figure(data, 'cp-visits-in-time'), { count: 0, denominator: 0, value: null })
    assert.equal(figure(data, 'cpp-2-years-plus').denominator, 1)
    assert.equal(figure(data, 'cpp-open').count, 1)
  })

  it('does not count a visit after R as in time', () => {
    const data = annexA({
      plans: [plan('A', '2018-01-10', null, { lastVisitDate: '2018-05-02' })],
      lookedAfter: [lookedAfter('B', '2017-01-01', null, { lastVisitDate: '2018-05-02' })],
    })
    assert.deepEqual(figure(data, 'cp-visits-in-time'), { count: 0, denominator: 1, value: 0 })
    assert.deepEqual(figure(data, 'lac-visits-in-time'), { count: 0, denominator: 1, value: 0 })
  })

  it('clamps R minus 2 years: R = 2020-02-29 gives 2018-02-28', () => {
    const data = annexA({ plans: [plan('in', '2018-02-28', null), plan('out', '2018-03-01', null)] })
    const opts = options('2020-02')
    assert.deepEqual(ids(rowsBehind(data, 'cpp-2-years-plus', '2020-02', opts).numerator), ['in'])
  })

  it('exists for the latest month only', () => {
    const data = annexA({ careLeavers: [careLeaver('A', true, true)] })
    assert.throws(() => rowsBehind(data, 'care-leavers-suitable', '2018-03'), RangeError)
    assert.throws(() => figure(data, 'care-leavers-suitable', '2018-03'), /No figure/)
  })

  it('leaves unreadable care-leaver answers out and gives null with no care leavers', () => {
    const data = annexA({
      careLeavers: [
        careLeaver('A', null, true, { invalid: ['inTouch'] }),
        careLeaver('B', true, null, { invalid: ['suitableAccommodation'] }),
      ],
    })
    assert.deepEqual(figure(data, 'care-leavers-suitable'), { count: 0, denominator: 0, value: null })
    assert.equal(rowsBehind(data, 'care-leavers-suitable').excluded.length, 2)
  })

  it('gives a plans-open denominator equal to cpp-open at the latest month end', () => {
    const data = annexA({
      plans: [plan('A', '2018-01-10', null), plan('B', '2018-04-30', null), plan('C', '2017-01-01', '2018-04-30')],
    })
    assert.equal(figure(data, 'cp-visits-in-time').denominator, figure(data, 'cpp-open').count)
  })
})

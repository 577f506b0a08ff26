import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { annexA, figure, ids, lookedAfter, rowsBehind } from './testing.ts'

describe('lac-started and lac-ceased', () => {
  it('count by start month and ceased month', () => {
    const data = annexA({
      lookedAfter: [lookedAfter('A', '2018-04-01', null), lookedAfter('B', '2017-01-01', '2018-04-30')],
    })
    assert.equal(figure(data, 'lac-started').count, 1)
    assert.equal(figure(data, 'lac-ceased').count, 1)
  })

  it('counts a period of care of several SSDA903 episodes once: an X1 end and the episode after it are neither', () => {
    const data = annexA({
      lookedAfter: [
        lookedAfter('A', '2018-04-02', '2018-04-10', { reasonCeased: 'X1' }),
        lookedAfter('A', '2018-04-10', '2018-04-20', { reasonCeased: 'x1 ' }),
        lookedAfter('A', '2018-04-20', '2018-04-27', { reasonCeased: 'E11' }),
        // Another child starting the day A's episode ended X1 is a start: the X1 is not theirs.
        lookedAfter('B', '2018-04-10', null),
        // A child starting again after a real end (E13) starts a new period.
        lookedAfter('C', '2018-01-01', '2018-04-05', { reasonCeased: 'E13' }),
        lookedAfter('C', '2018-04-05', null),
      ],
    })
    assert.deepEqual(figure(data, 'lac-started').count, 3)
    assert.deepEqual(figure(data, 'lac-ceased').count, 2)
    // The X1 ends are left out of the adoption percentage, saying why; A's adoption is over A's and C's ends.
    assert.deepEqual(figure(data, 'adoptions'), { count: 1, denominator: 2, value: 50 })
    const behind = rowsBehind(data, 'adoptions')
    assert.deepEqual(ids(behind.excluded), ['A', 'A'])
    assert.match(behind.excluded[0]?.reason ?? '', /X1: the child stayed looked after/)
    // Open at the end of April: B and C (A was adopted).
    assert.equal(figure(data, 'lac-open').count, 2)
  })
})

describe('adoptions and sgos', () => {
  const reasons = ['E11', 'E12', 'E13', 'E41', 'E43', 'E44', 'E45', 'E46', 'E47', 'E48', 'E49']
  const data = annexA({
    lookedAfter: [
      ...reasons.map((reason) => lookedAfter(reason, '2017-01-01', '2018-04-10', { reasonCeased: reason })),
      lookedAfter('blank', '2017-01-01', '2018-04-10'),
    ],
  })

  it('counts adoptions as E11 and E12 over all who ceased', () => {
    assert.deepEqual(ids(rowsBehind(data, 'adoptions').numerator), ['E11', 'E12'])
    assert.deepEqual(figure(data, 'adoptions'), { count: 2, denominator: 12, value: (2 / 12) * 100 })
  })

  it('counts special guardianship orders as E43–E48', () => {
    assert.deepEqual(ids(rowsBehind(data, 'sgos').numerator), ['E43', 'E44', 'E45', 'E46', 'E47', 'E48'])
    assert.equal(figure(data, 'sgos').denominator, 12)
  })
})

describe('lac-open, lac-rate and uasc-open', () => {
  it('counts children looked after at the month end: ceased on E is not, started on E is', () => {
    const data = annexA({
      lookedAfter: [
        lookedAfter('ceasedOnE', '2017-01-01', '2018-04-30', { uasc: true }),
        lookedAfter('startedOnE', '2018-04-30', null, { uasc: true }),
        lookedAfter('other', '2017-01-01', null, { uasc: false }),
      ],
    })
    assert.deepEqual(ids(rowsBehind(data, 'lac-open').numerator), ['startedOnE', 'other'])
    assert.equal(figure(data, 'lac-open', '2018-03').count, 2)
    assert.deepEqual(figure(data, 'uasc-open'), { count: 1, denominator: null, value: 1 })
    assert.deepEqual(ids(rowsBehind(data, 'uasc-open').numerator), ['startedOnE'])
  })
})

describe('lac-ifa', () => {
  it('counts foster placements U1–U6 with provider PR4 or PR5 over children looked after', () => {
    const rows = [
      ...['U1', 'U2', 'U3', 'U4', 'U5', 'U6'].map((type) =>
        lookedAfter(`${type}-PR4`, '2017-01-01', null, { placementType: type, placementProvider: 'PR4' }),
      ),
      lookedAfter('U4-PR5', '2017-01-01', null, { placementType: 'U4', placementProvider: 'PR5' }),
      lookedAfter('U4-PR1', '2017-01-01', null, { placementType: 'U4', placementProvider: 'PR1' }),
      lookedAfter('K2-PR4', '2017-01-01', null, { placementType: 'K2', placementProvider: 'PR4' }),
      lookedAfter('blank', '2017-01-01', null),
    ]
    const data = annexA({ lookedAfter: rows })
    assert.deepEqual(figure(data, 'lac-ifa'), { count: 7, denominator: 10, value: 70 })
    assert.ok(!ids(rowsBehind(data, 'lac-ifa').numerator).includes('U4-PR1'))
    assert.equal(rowsBehind(data, 'lac-ifa').numerator[0]?.note, 'Placement U1, provider PR4')
  })
})

describe('edge cases', () => {
  it('leaves an unreadable ceased date out of the stock and lac-ceased but not lac-started', () => {
    const data = annexA({ lookedAfter: [lookedAfter('A', '2018-04-02', null, { invalid: ['ceasedDate'] })] })
    assert.equal(figure(data, 'lac-open').count, 0)
    assert.equal(figure(data, 'lac-ceased').count, 0)
    assert.equal(figure(data, 'lac-started').count, 1)
    assert.equal(rowsBehind(data, 'lac-ceased').excluded.length, 1)
  })

  it('leaves an unreadable reason out of adoptions and sgos, not of lac-ceased', () => {
    const data = annexA({ lookedAfter: [lookedAfter('A', '2017-01-01', '2018-04-10', { invalid: ['reasonCeased'] })] })
    assert.deepEqual(figure(data, 'adoptions'), { count: 0, denominator: 0, value: null })
    assert.equal(figure(data, 'lac-ceased').count, 1)
  })

  it('reads codes whatever their case or surrounding spaces', () => {
    const data = annexA({
      lookedAfter: [
        lookedAfter('A', '2017-01-01', '2018-04-10', { reasonCeased: ' e11 ' }),
        lookedAfter('B', '2017-01-01', null, { placementType: 'u4', placementProvider: 'pr5' }),
      ],
    })
    assert.equal(figure(data, 'adoptions').count, 1)
    assert.equal(figure(data, 'lac-ifa').count, 1)
  })

  it('leaves an unreadable placement code out of lac-ifa (numerator and denominator) but not lac-open', () => {
    const data = annexA({
      lookedAfter: [
        lookedAfter('A', '2017-01-01', null, { invalid: ['placementType'], placementProvider: 'PR4' }),
        lookedAfter('B', '2017-01-01', null, { placementType: 'U1', invalid: ['placementProvider'] }),
        lookedAfter('C', '2017-01-01', null, { placementType: 'U1', placementProvider: 'PR4' }),
      ],
    })
    assert.deepEqual(figure(data, 'lac-ifa'), { count: 1, denominator: 1, value: 100 })
    assert.equal(figure(data, 'lac-open').count, 3)
  })

  it('does not count a blank or unreadable UASC answer as Yes', () => {
    const data = annexA({
      lookedAfter: [lookedAfter('A', '2017-01-01', null), lookedAfter('B', '2017-01-01', null, { invalid: ['uasc'] })],
    })
    assert.equal(figure(data, 'uasc-open').count, 0)
    assert.deepEqual(ids(rowsBehind(data, 'uasc-open').excluded), ['B'])
  })
})

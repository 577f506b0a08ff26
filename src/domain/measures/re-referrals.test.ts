import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { annexA, figure, ids, options, referral, rowsBehind } from './testing.ts'

describe('re-referrals', () => {
  it('counts a referral with another referral of the child exactly 12 months before', () => {
    // On or after the same date 12 months earlier: 2017-04-15 is inside the window of 2018-04-15.
    const data = annexA({ referrals: [referral('A', '2017-04-15'), referral('A', '2018-04-15')] })
    assert.deepEqual(figure(data, 're-referrals'), { count: 1, denominator: 1, value: 100 })
  })

  it('does not count one day more than 12 months', () => {
    const data = annexA({ referrals: [referral('A', '2017-04-14'), referral('A', '2018-04-15')] })
    assert.deepEqual(figure(data, 're-referrals'), { count: 0, denominator: 1, value: 0 })
  })

  it('uses any earlier row of the list, even one before the window', () => {
    const data = annexA({ referrals: [referral('A', '2017-01-10'), referral('A', '2017-06-01')] })
    assert.equal(figure(data, 're-referrals', '2017-06').count, 1)
    assert.equal(figure(data, 're-referrals', '2017-06').denominator, 1)
  })

  it('shows the previous referral and the start of the 12 months in the drill-down', () => {
    const data = annexA({ referrals: [referral('A', '2017-09-01'), referral('A', '2018-04-15', { row: 9 })] })
    assert.deepEqual(rowsBehind(data, 're-referrals').numerator, [
      {
        list: 3,
        childId: 'A',
        row: 9,
        dates: { referralDate: '2018-04-15', previousReferralDate: '2017-09-01', twelveMonthsBefore: '2017-04-15' },
      },
    ])
  })
})

describe('edge cases', () => {
  it('clamps 29 February: 12 months before 2020-02-29 is 2019-02-28', () => {
    const inside = annexA({ referrals: [referral('A', '2019-02-28'), referral('A', '2020-02-29')] })
    assert.equal(figure(inside, 're-referrals', '2020-02', options('2020-02')).count, 1)
    const outside = annexA({ referrals: [referral('A', '2019-02-27'), referral('A', '2020-02-29')] })
    assert.equal(figure(outside, 're-referrals', '2020-02', options('2020-02')).count, 0)
  })

  it('does not treat two referrals of a child on the same day as before each other', () => {
    const data = annexA({ referrals: [referral('A', '2018-04-10'), referral('A', '2018-04-10')] })
    assert.deepEqual(figure(data, 're-referrals'), { count: 0, denominator: 2, value: 0 })
  })

  it('does not make the earlier referral a re-referral because of a later one', () => {
    const data = annexA({ referrals: [referral('A', '2018-03-10'), referral('A', '2018-04-10')] })
    assert.equal(figure(data, 're-referrals', '2018-03').count, 0)
    assert.equal(figure(data, 're-referrals', '2018-04').count, 1)
  })

  it('matches children by their exact ID: 0042 and 42 are different children', () => {
    const data = annexA({ referrals: [referral('0042', '2018-01-10'), referral('42', '2018-04-10')] })
    assert.equal(figure(data, 're-referrals').count, 0)
  })

  it('matches no other row for a blank child ID', () => {
    const data = annexA({ referrals: [referral('', '2018-01-10'), referral(' ', '2018-04-10')] })
    assert.deepEqual(figure(data, 're-referrals'), { count: 0, denominator: 1, value: 0 })
  })

  it('ignores earlier rows whose date is blank or unreadable', () => {
    const data = annexA({
      referrals: [referral('A', null), referral('A', null, { invalid: ['referralDate'] }), referral('A', '2018-04-10')],
    })
    assert.deepEqual(figure(data, 're-referrals'), { count: 0, denominator: 1, value: 0 })
    assert.equal(rowsBehind(data, 're-referrals').excluded.length, 1)
  })

  it('uses the latest earlier referral: an old one and a recent one', () => {
    const data = annexA({
      referrals: [referral('A', '2015-01-01'), referral('A', '2018-02-01'), referral('A', '2018-04-10')],
    })
    assert.deepEqual(ids(rowsBehind(data, 're-referrals').numerator), ['A'])
    assert.equal(rowsBehind(data, 're-referrals').numerator[0]?.dates.previousReferralDate, '2018-02-01')
  })
})

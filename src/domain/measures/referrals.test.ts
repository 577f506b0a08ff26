import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { annexA, contact, figure, ids, options, referral, rowsBehind } from './testing.ts'

const population = { '2017-18': 40000, '2018-19': 50000 }

describe('referrals and referral-rate', () => {
  const data = annexA({
    referrals: [referral('A', '2018-03-05'), referral('B', '2018-03-06'), referral('C', '2018-04-10')],
  })

  it('counts referrals by month', () => {
    assert.deepEqual(figure(data, 'referrals', '2018-03'), { count: 2, denominator: null, value: 2 })
  })

  it('divides by the population of the financial year containing the month', () => {
    const opts = options('2018-04', 13, { population })
    // March 2018 is in 2017-18: 2 × 10,000 ÷ 40,000 = 0.5; April 2018 is in 2018-19: 1 × 10,000 ÷ 50,000 = 0.2.
    assert.deepEqual(figure(data, 'referral-rate', '2018-03', opts), { count: 2, denominator: null, value: 0.5 })
    assert.deepEqual(figure(data, 'referral-rate', '2018-04', opts), { count: 1, denominator: null, value: 0.2 })
  })
})

describe('contacts-to-referrals', () => {
  it('is referrals as a percentage of contacts in the month', () => {
    const data = annexA({
      contacts: [
        contact('A', '2018-04-01'),
        contact('B', '2018-04-02'),
        contact('C', '2018-04-03'),
        contact('D', '2018-04-04'),
      ],
      referrals: [referral('A', '2018-04-05')],
    })
    assert.deepEqual(figure(data, 'contacts-to-referrals'), { count: 1, denominator: 4, value: 25 })
    const behind = rowsBehind(data, 'contacts-to-referrals')
    assert.deepEqual(ids(behind.numerator), ['A'])
    assert.equal(behind.numerator[0]?.list, 3)
    assert.deepEqual(ids(behind.denominator), ['A', 'B', 'C', 'D'])
    assert.equal(behind.denominator[0]?.list, 1)
  })
})

describe('referrals-nfa', () => {
  it('counts NFA = Yes over all referrals in the month; blank is not Yes', () => {
    const data = annexA({
      referrals: [
        referral('A', '2018-04-01', { nfa: true }),
        referral('B', '2018-04-02', { nfa: false }),
        referral('C', '2018-04-03'),
        referral('D', '2018-04-04', { nfa: true }),
      ],
    })
    assert.deepEqual(figure(data, 'referrals-nfa'), { count: 2, denominator: 4, value: 50 })
    assert.equal(rowsBehind(data, 'referrals-nfa').denominator[2]?.note, 'Referral NFA? blank')
  })
})

describe('edge cases', () => {
  it('gives a null rate when the financial year has no population', () => {
    const data = annexA({ referrals: [referral('A', '2018-04-10')] })
    assert.deepEqual(
      figure(data, 'referral-rate', '2018-04', options('2018-04', 13, { population: { '2017-18': 40000 } })),
      {
        count: 1,
        denominator: null,
        value: null,
      },
    )
    assert.equal(
      figure(data, 'referral-rate', '2018-04', options('2018-04', 13, { population: { '2018-19': 0 } })).value,
      null,
    )
  })

  it('gives a null percentage, not 0, with no contacts; and can exceed 100%', () => {
    const noContacts = annexA({ referrals: [referral('A', '2018-04-05')] })
    assert.deepEqual(figure(noContacts, 'contacts-to-referrals'), { count: 1, denominator: 0, value: null })
    const more = annexA({
      contacts: [contact('A', '2018-04-01')],
      referrals: [referral('A', '2018-04-05'), referral('B', '2018-04-06')],
    })
    assert.equal(figure(more, 'contacts-to-referrals').value, 200)
  })

  it('leaves an unreadable NFA answer out of referrals-nfa only', () => {
    const data = annexA({
      referrals: [referral('A', '2018-04-01', { invalid: ['nfa'] }), referral('B', '2018-04-02', { nfa: true })],
    })
    assert.deepEqual(figure(data, 'referrals-nfa'), { count: 1, denominator: 1, value: 100 })
    assert.equal(figure(data, 'referrals').count, 2)
    assert.deepEqual(ids(rowsBehind(data, 'referrals-nfa').excluded), ['A'])
  })

  it('a rate of 0 referrals is 0, not null, when the population is known', () => {
    assert.equal(figure(annexA(), 'referral-rate', '2018-04', options('2018-04', 13, { population })).value, 0)
  })
})

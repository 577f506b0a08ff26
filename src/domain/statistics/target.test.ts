import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import examples from './target.examples.json' with { type: 'json' }
import { targetFor } from './target.ts'

describe('targetFor', () => {
  // lac-count's targets: 515 in 2017-18, 460 in 2018-19, 390 in 2019-20.
  for (const example of examples.targetFor) {
    it(`${example.period}: ${example.why}`, () => {
      assert.equal(targetFor(examples.targets, example.period), example.expected)
    })
  }
})

describe('edge cases', () => {
  it('crosses the financial-year boundary between March and April', () => {
    assert.equal(targetFor(examples.targets, '2019-03'), 460)
    assert.equal(targetFor(examples.targets, '2019-04'), 390)
  })

  it('has no target when the indicator has none', () => {
    assert.equal(targetFor([], '2018-04'), null)
  })

  it('keeps a target of 0 (0 is a target, not a missing one)', () => {
    assert.equal(targetFor([{ financialYear: '2018-19', value: 0 }], '2018-04'), 0)
  })

  it('refuses a month that is not YYYY-MM', () => {
    assert.throws(() => targetFor(examples.targets, '2018-4'), RangeError)
  })
})

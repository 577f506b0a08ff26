import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { Polarity } from '../catalogue.ts'
import type { Direction } from '../pack.ts'
import examples from './change.examples.json' with { type: 'json' }
import { changeBetween, directionOf, judgementOf, percentChange } from './change.ts'

function assertClose(actual: number | null, expected: number | null): void {
  if (expected === null || actual === null) return assert.equal(actual, expected)
  assert.ok(Math.abs(actual - expected) < 1e-9, `expected ${actual} to be ${expected}`)
}

describe('changeBetween', () => {
  for (const example of examples.changeBetween) {
    it(`${example.previous} → ${example.current} (${example.polarity}): ${example.why}`, () => {
      assertClose(percentChange(example.current, example.previous), example.change)
      assert.deepEqual(changeBetween(example.current, example.previous, example.polarity as Polarity), example.expected)
    })
  }
})

describe('directionOf', () => {
  it('is an increase from +10 and a decrease from −10', () => {
    assert.equal(directionOf(10), 'increase')
    assert.equal(directionOf(250), 'increase')
    assert.equal(directionOf(-10), 'decrease')
    assert.equal(directionOf(-100), 'decrease')
  })

  it('is similar strictly between −10 and +10', () => {
    assert.equal(directionOf(9.99), 'similar')
    assert.equal(directionOf(-9.99), 'similar')
    assert.equal(directionOf(0), 'similar')
  })

  it('is n/a without a change', () => {
    assert.equal(directionOf(null), 'n/a')
  })
})

describe('judgementOf', () => {
  const table: [Polarity, Direction, string][] = [
    ['higher', 'increase', 'positive'],
    ['higher', 'decrease', 'negative'],
    ['higher', 'similar', 'similar'],
    ['higher', 'n/a', 'n/a'],
    ['lower', 'increase', 'negative'],
    ['lower', 'decrease', 'positive'],
    ['lower', 'similar', 'similar'],
    ['lower', 'n/a', 'n/a'],
    ['neutral', 'increase', 'neutral'],
    ['neutral', 'decrease', 'neutral'],
    ['neutral', 'similar', 'neutral'],
    ['neutral', 'n/a', 'n/a'],
  ]
  for (const [polarity, direction, expected] of table) {
    it(`${polarity} is better, ${direction}: ${expected}`, () => {
      assert.equal(judgementOf(polarity, direction), expected)
    })
  }
})

describe('edge cases', () => {
  it('never gives −0 for a small fall', () => {
    // lac-count 522 → 521 is −0.19 %, which rounds to 0, not −0.
    const { percent } = changeBetween(521, 522, 'lower')
    assert.ok(Object.is(percent, 0), `expected 0, got ${String(percent)}`)
    assert.equal(JSON.stringify(percent), '0')
  })

  it('has no change from a previous value of 0 or −0', () => {
    assert.equal(percentChange(10, 0), null)
    assert.equal(percentChange(10, -0), null)
    assert.equal(percentChange(0, 0), null)
  })

  it('decides the direction on the unrounded change, not the rounded one', () => {
    // 100 → 90.3 is −9.7 %: shown as −10 % yet similar, because −9.7 is above −10.
    assert.deepEqual(changeBetween(90.3, 100, 'higher'), { percent: -10, direction: 'similar', judgement: 'similar' })
  })

  it('rounds negative halves away from zero', () => {
    // 200 → 195 is −2.5 %: −3, where Math.round would say −2.
    assert.equal(changeBetween(195, 200, 'neutral').percent, -3)
    // 200 → 205 is +2.5 %: +3.
    assert.equal(changeBetween(205, 200, 'neutral').percent, 3)
    // 200 → 201 is +0.5 %: +1.
    assert.equal(changeBetween(201, 200, 'neutral').percent, 1)
  })

  it('compares unrounded values: 64.84375 against 59 is +9.9 %, similar', () => {
    // (64.84375 − 59) ÷ 59 × 100 = 9.905…; the displayed 64.8 against 59 would also be under 10,
    // but 65.0 (the council's rounded figure) against 59 would be +10.2 %.
    assertClose(percentChange(64.84375, 59), (5.84375 / 59) * 100)
    assert.equal(directionOf(percentChange(64.84375, 59)), 'similar')
  })
})

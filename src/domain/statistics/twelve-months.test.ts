import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { Unit } from '../catalogue.ts'
import { roundForDisplay } from './rounding.ts'
import examples from './twelve-months.examples.json' with { type: 'json' }
import { averageOfAvailable, maximumOfAvailable } from './twelve-months.ts'

function assertClose(actual: number | null, expected: number | null): void {
  if (expected === null || actual === null) return assert.equal(actual, expected)
  assert.ok(Math.abs(actual - expected) < 1e-9, `expected ${actual} to be ${expected}`)
}

describe('12-month average and maximum', () => {
  for (const example of examples.twelveMonths) {
    it(example.why, () => {
      const unit = example.unit as Unit
      const average = averageOfAvailable(example.values)
      const maximum = maximumOfAvailable(example.values)
      assertClose(average, example.average)
      assertClose(maximum, example.maximum)
      assert.equal(roundForDisplay(unit, average), example.averageShown)
      assert.equal(roundForDisplay(unit, maximum), example.maximumShown)
    })
  }
})

describe('edge cases', () => {
  it('has no average or maximum of nothing', () => {
    assert.equal(averageOfAvailable([]), null)
    assert.equal(maximumOfAvailable([]), null)
  })

  it('has no average or maximum when all 12 months are missing', () => {
    const empty = Array.from({ length: 12 }, () => null)
    assert.equal(averageOfAvailable(empty), null)
    assert.equal(maximumOfAvailable(empty), null)
  })

  it('divides by the months that have a value, not by 12', () => {
    // 30 and 60 over 2 months is 45; over 12 it would be 7.5.
    assert.equal(averageOfAvailable([null, 30, null, 60]), 45)
  })

  it('finds the maximum among negative values', () => {
    assert.equal(maximumOfAvailable([-5, null, -2, -9]), -2)
  })

  it('does not change its input', () => {
    const values = [3, null, 1]
    averageOfAvailable(values)
    maximumOfAvailable(values)
    assert.deepEqual(values, [3, null, 1])
  })
})

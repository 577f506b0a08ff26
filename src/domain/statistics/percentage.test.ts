import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { blankIndicator, type Observation, type Unit } from '../catalogue.ts'
import examples from './percentage.examples.json' with { type: 'json' }
import { percentageOf, resolveMonthValue, type ObservationLookup } from './percentage.ts'

function assertClose(actual: number | null, expected: number | null): void {
  if (expected === null || actual === null) return assert.equal(actual, expected)
  assert.ok(Math.abs(actual - expected) < 1e-9, `expected ${actual} to be ${expected}`)
}

function lookupOf(observations: Observation[]): ObservationLookup {
  return (indicatorId, period) => observations.find((o) => o.indicatorId === indicatorId && o.period === period)
}

describe('percentageOf', () => {
  for (const example of examples.percentageOf) {
    it(`${example.numerator} of ${example.denominator} is ${example.expected}: ${example.why}`, () => {
      assertClose(percentageOf(example.numerator, example.denominator), example.expected)
    })
  }
})

describe('resolveMonthValue', () => {
  for (const example of examples.resolveMonthValue) {
    it(example.why, () => {
      const { id, unit, numeratorId, denominatorId } = example.indicator
      const indicator = blankIndicator(id, { unit: unit as Unit, numeratorId, denominatorId })
      const actual = resolveMonthValue(indicator, example.period, lookupOf(example.observations))
      assertClose(actual.value, example.expected.value)
      assert.equal(actual.numerator, example.expected.numerator)
      assert.equal(actual.denominator, example.expected.denominator)
    })
  }

  it('uses the figures of the asked-for month only', () => {
    const indicator = blankIndicator('pct', { unit: 'percentage', numeratorId: 'n', denominatorId: 'd' })
    const lookup = lookupOf([
      { indicatorId: 'n', period: '2018-03', value: 1, numerator: null, denominator: null },
      { indicatorId: 'd', period: '2018-03', value: 4, numerator: null, denominator: null },
      { indicatorId: 'n', period: '2018-04', value: 3, numerator: null, denominator: null },
      { indicatorId: 'd', period: '2018-04', value: 4, numerator: null, denominator: null },
    ])
    assert.deepEqual(resolveMonthValue(indicator, '2018-03', lookup), { value: 25, numerator: 1, denominator: 4 })
    assert.deepEqual(resolveMonthValue(indicator, '2018-04', lookup), { value: 75, numerator: 3, denominator: 4 })
  })
})

describe('edge cases', () => {
  it('gives null, not 0 and not NaN, for 0 of 0', () => {
    assert.equal(percentageOf(0, 0), null)
  })

  it('gives null for a zero denominator in the observation itself, keeping the figures used', () => {
    const indicator = blankIndicator('pct', { unit: 'percentage' })
    const lookup = lookupOf([{ indicatorId: 'pct', period: '2018-04', value: 0, numerator: 0, denominator: 0 }])
    assert.deepEqual(resolveMonthValue(indicator, '2018-04', lookup), { value: null, numerator: 0, denominator: 0 })
  })

  it('is unrounded: 1 of 3 is 33.33…, not 33.3', () => {
    assertClose(percentageOf(1, 3), 100 / 3)
    assert.notEqual(percentageOf(1, 3), 33.3)
  })

  it('keeps a stored null as no value when there is nothing to compute from', () => {
    const indicator = blankIndicator('pct', { unit: 'percentage' })
    const lookup = lookupOf([
      { indicatorId: 'pct', period: '2018-04', value: null, numerator: null, denominator: null },
    ])
    assert.deepEqual(resolveMonthValue(indicator, '2018-04', lookup), {
      value: null,
      numerator: null,
      denominator: null,
    })
  })

  it('needs both linked indicators: only a numerator indicator means the stored value is used', () => {
    const indicator = blankIndicator('pct', { unit: 'percentage', numeratorId: 'n', denominatorId: null })
    const lookup = lookupOf([
      { indicatorId: 'pct', period: '2018-04', value: 40, numerator: null, denominator: null },
      { indicatorId: 'n', period: '2018-04', value: 2, numerator: null, denominator: null },
    ])
    assert.deepEqual(resolveMonthValue(indicator, '2018-04', lookup), { value: 40, numerator: null, denominator: null })
  })
})

import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { Unit } from '../catalogue.ts'
import examples from './rounding.examples.json' with { type: 'json' }
import { decimalPlacesFor, roundForDisplay, roundHalfAwayFromZero, toDecimal } from './rounding.ts'

describe('roundHalfAwayFromZero', () => {
  for (const example of examples.roundHalfAwayFromZero) {
    it(`${example.value} to ${example.decimals} dp is ${example.expected}: ${example.why}`, () => {
      assert.equal(roundHalfAwayFromZero(example.value, example.decimals), example.expected)
    })
  }

  it('rounds to whole numbers by default', () => {
    assert.equal(roundHalfAwayFromZero(7.5), 8)
  })
})

describe('roundForDisplay', () => {
  for (const example of examples.roundForDisplay) {
    it(`${example.unit} ${example.value} shows as ${example.expected}: ${example.why}`, () => {
      assert.equal(roundForDisplay(example.unit as Unit, example.value), example.expected)
    })
  }

  it('shows percentages to 1 decimal place and every other unit as whole numbers', () => {
    assert.equal(decimalPlacesFor('percentage'), 1)
    assert.equal(decimalPlacesFor('count'), 0)
    assert.equal(decimalPlacesFor('rate per 10,000'), 0)
    assert.equal(decimalPlacesFor('days'), 0)
  })
})

describe('toDecimal', () => {
  it('removes binary noise beyond 15 significant digits', () => {
    assert.equal(toDecimal(0.1 + 0.2), 0.3)
    assert.equal(toDecimal(1.005 * 100), 100.5)
  })

  it('keeps numbers that are already exact', () => {
    assert.equal(toDecimal(64.84375), 64.84375)
    // (245 − 270) ÷ 270 × 100 = −9.259259259259259…, kept to 15 significant digits.
    assert.equal(toDecimal(((245 - 270) / 270) * 100), -9.25925925925926)
  })
})

describe('edge cases', () => {
  it('never returns −0', () => {
    assert.ok(Object.is(roundHalfAwayFromZero(-0.4), 0))
    assert.ok(Object.is(roundHalfAwayFromZero(-0), 0))
    assert.ok(Object.is(roundHalfAwayFromZero(-0.04, 1), 0))
    assert.ok(Object.is(toDecimal(-0), 0))
    assert.ok(Object.is(roundForDisplay('count', -0.2), 0))
  })

  it('differs from Math.round for negative halves', () => {
    // Math.round(-2.5) is -2; the council's spreadsheet and this function give -3.
    assert.equal(Math.round(-2.5), -2)
    assert.equal(roundHalfAwayFromZero(-2.5), -3)
  })

  it('differs from toFixed for halves held just below in binary', () => {
    // (1.005).toFixed(2) is '1.00' because 1.005 is held as 1.00499999999999989…
    assert.equal((1.005).toFixed(2), '1.00')
    assert.equal(roundHalfAwayFromZero(1.005, 2), 1.01)
  })

  it('reads a value within binary noise of a half as the half', () => {
    // 0.49999999999999994 is the double just below 0.5; to 15 significant digits it is 0.5.
    assert.equal(roundHalfAwayFromZero(0.49999999999999994), 1)
    assert.equal(roundHalfAwayFromZero(0.4999), 0)
  })

  it('leaves infinities and NaN alone', () => {
    assert.equal(roundHalfAwayFromZero(Infinity), Infinity)
    assert.ok(Number.isNaN(roundHalfAwayFromZero(NaN)))
  })

  it('refuses a negative or fractional number of decimal places', () => {
    assert.throws(() => roundHalfAwayFromZero(1, -1), RangeError)
    assert.throws(() => roundHalfAwayFromZero(1, 1.5), RangeError)
  })
})

import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { Unit } from '../catalogue.ts'
import examples from './format.examples.json' with { type: 'json' }
import { formatChange, formatValue, MINUS_SIGN } from './format.ts'

describe('formatValue', () => {
  for (const example of examples.formatValue) {
    it(`${example.unit} ${String(example.value)} is "${example.expected}": ${example.why}`, () => {
      assert.equal(formatValue(example.unit as Unit, example.value), example.expected)
    })
  }
})

describe('formatChange', () => {
  for (const example of examples.formatChange) {
    it(`${String(example.percent)} is "${example.expected}": ${example.why}`, () => {
      assert.equal(formatChange(example.percent), example.expected)
    })
  }
})

describe('edge cases', () => {
  it('shows −0 as 0, never "-0" or "−0"', () => {
    assert.equal(formatChange(-0), '0%')
    assert.equal(formatValue('count', -0), '0')
    assert.equal(formatValue('percentage', -0), '0.0')
  })

  it('uses the real minus sign U+2212, not a hyphen', () => {
    const text = formatChange(-3)
    assert.equal(text.codePointAt(0), 0x2212)
    assert.equal(text.charAt(0), MINUS_SIGN)
    assert.ok(!text.includes('-'))
  })

  it('rounds negative halves away from zero', () => {
    assert.equal(formatChange(-2.5), `${MINUS_SIGN}3%`)
    assert.equal(formatValue('percentage', -0.05), `${MINUS_SIGN}0.1`)
  })

  it('does not depend on the computer’s locale', () => {
    // toLocaleString would give "1 158" or "1.158" in some locales; the pack is always "1,158".
    assert.equal(formatValue('count', 1158), '1,158')
    assert.equal(formatValue('percentage', 1234.56), '1,234.6')
  })

  it('refuses a figure that is not a number', () => {
    assert.throws(() => formatValue('count', NaN), RangeError)
    assert.throws(() => formatChange(Infinity), RangeError)
  })
})

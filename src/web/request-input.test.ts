import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { formField, formFields, isPathText, positiveId, readFormDate, withDateProblem } from './request-input.ts'

describe('reading ids and form fields', () => {
  it('reads a positive id and a text field', () => {
    assert.equal(positiveId('2'), 2)
    assert.equal(formField({ venue: 'Civic Centre' }, 'venue'), 'Civic Centre')
  })

  describe('edge cases', () => {
    it('refuses ids that are zero, signed, decimal, exponential, huge or not numbers', () => {
      for (const text of ['0', '-1', '+1', '1.5', '1e3', '1234567890', 'abc', '', ' 1']) {
        assert.equal(positiveId(text), null, text)
      }
    })

    it('accepts path text an address of ours could hold and refuses NUL, control characters, broken pairs and floods', () => {
      for (const text of ['monthly', 'contacts-cin-referrals', 'A'.repeat(43), 'café', '😀', "Robert'); --"]) {
        assert.equal(isPathText(text), true, text)
      }
      for (const text of ['\u0000', 'a\u0000b', 'a\rb', 'a\nb', '\t', '\u007f', '\ud800', 'x\udc00', 'A'.repeat(201)]) {
        assert.equal(isPathText(text), false, JSON.stringify(text))
      }
    })

    it('reads a missing body, a missing field, a repeated field or an object as not given', () => {
      assert.equal(formField(undefined, 'x'), '')
      assert.equal(formField(null, 'x'), '')
      assert.equal(formField({}, 'x'), '')
      assert.equal(formField({ x: ['a', 'b'] }, 'x'), '')
      assert.equal(formField({ x: { toString: 'a' } }, 'x'), '')
    })

    it('reads a group of checkboxes: none, one or several ticked, leaving out anything that is not text', () => {
      assert.deepEqual(formFields(undefined, 'x'), [])
      assert.deepEqual(formFields({}, 'x'), [])
      assert.deepEqual(formFields({ x: 'a' }, 'x'), ['a'])
      assert.deepEqual(formFields({ x: ['a', 'b'] }, 'x'), ['a', 'b'])
      assert.deepEqual(formFields({ x: ['a', { b: 1 }, 2] }, 'x'), ['a'])
      assert.deepEqual(formFields({ x: { 0: 'a' } }, 'x'), [])
    })
  })
})

describe('readFormDate', () => {
  it('reads a date input into ISO text, keeping what was typed, or the problem', () => {
    const read = readFormDate({ 'date-day': '26', 'date-month': 'September', 'date-year': '2019' }, 'date', 'Date')
    assert.deepEqual(read, {
      values: { 'date-day': '26', 'date-month': 'September', 'date-year': '2019', date: '2019-09-26' },
      problem: null,
    })
    const bad = readFormDate({ 'date-day': '26', 'date-year': '2019' }, 'date', 'Date')
    assert.equal(bad.values.date, '')
    assert.deepEqual(bad.problem, { part: 'month', message: 'Date must include a month' })
  })
})

describe('withDateProblem', () => {
  it('puts the date input’s own problem in place of the service’s for that field', () => {
    const service = [
      { field: 'date', message: 'Enter a real date for the meeting' },
      { field: 'venue', message: 'Enter the venue' },
    ]
    assert.deepEqual(withDateProblem(service, 'date', { part: 'month', message: 'Date must include a month' }), [
      { field: 'date', message: 'Date must include a month' },
      { field: 'venue', message: 'Enter the venue' },
    ])
    assert.deepEqual(withDateProblem(service, 'date', null), service)
  })
})

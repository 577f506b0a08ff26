import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { dateInputItems, formDateItems } from './date-input.ts'

describe('date input boxes', () => {
  it('shows a stored date, or what was typed, marking the box a problem names', () => {
    assert.deepEqual(
      dateInputItems('2019-09-26').map((i) => i.value),
      ['26', '9', '2019'],
    )
    assert.deepEqual(
      formDateItems({ date: '', 'date-day': '31', 'date-month': '2', 'date-year': '2019' }, 'date', {
        part: 'day',
      }).map((i) => [i.value, i.classes.includes('govuk-input--error')]),
      [
        ['31', true],
        ['2', false],
        ['2019', false],
      ],
    )
    assert.ok(
      formDateItems({ date: '' }, 'date', { part: null }).every((i) => i.classes.includes('govuk-input--error')),
    )
  })
})

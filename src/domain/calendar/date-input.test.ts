import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { datePartsOf, parseDateParts } from './date-input.ts'

const parse = (day: string, month: string, year: string) => parseDateParts({ day, month, year }, 'Date of the meeting')
const message = (day: string, month: string, year: string) => {
  const result = parse(day, month, year)
  return result.ok ? null : result.problems[0]
}

describe('dates typed into a GOV.UK date input', () => {
  it('reads day, month (a number or a name) and year into an ISO date', () => {
    assert.deepEqual(parse('26', '9', '2019'), { ok: true, value: '2019-09-26' })
    assert.deepEqual(parse(' 7 ', '06', '2018'), { ok: true, value: '2018-06-07' })
    assert.deepEqual(parse('26', 'Sept', '2019'), { ok: true, value: '2019-09-26' })
    assert.deepEqual(parse('29', 'february', '2020'), { ok: true, value: '2020-02-29' })
  })

  it('says which box is wrong, what was typed and why', () => {
    assert.deepEqual(message('', '', ''), { part: null, message: 'Enter the date of the meeting' })
    assert.deepEqual(message('26', '', '2019'), { part: 'month', message: 'Date of the meeting must include a month' })
    assert.deepEqual(message('', '', '2019'), {
      part: null,
      message: 'Date of the meeting must include a day and a month',
    })
    assert.equal(message('x', '9', '2019')?.part, 'day')
    assert.match(message('26', '13', '2019')?.message ?? '', /the month “13” is not a number from 1 to 12/)
    assert.match(message('26', '9', '19')?.message ?? '', /the year “19” must include 4 numbers/)
    assert.deepEqual(message('29', '2', '2019'), {
      part: 'day',
      message: 'Date of the meeting must be a real date: February 2019 has 28 days, not 29',
    })
  })

  it('shows a stored date in the three boxes', () => {
    assert.deepEqual(datePartsOf('2019-09-26'), { day: '26', month: '9', year: '2019' })
    assert.deepEqual(datePartsOf(null), { day: '', month: '', year: '' })
  })
})

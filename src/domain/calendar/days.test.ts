import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  addDays,
  dayNumber,
  daysBetween,
  daysInMonth,
  displayDate,
  fromDayNumber,
  isIsoDate,
  longDate,
  monthEnd,
  monthOrdinal,
  monthStart,
  monthsBefore,
  periodOf,
  weekday,
} from './days.ts'

describe('dayNumber and fromDayNumber', () => {
  it('counts days from 1970-01-01', () => {
    assert.equal(dayNumber('1970-01-01'), 0)
    assert.equal(dayNumber('1970-01-02'), 1)
    assert.equal(dayNumber('1969-12-31'), -1)
    assert.equal(dayNumber('2000-03-01'), 11017)
  })

  it('agrees with Date.UTC for every day from 1899 to 2101', () => {
    for (let n = dayNumber('1899-01-01'); n <= dayNumber('2101-12-31'); n++) {
      const expected = new Date(n * 86_400_000).toISOString().slice(0, 10)
      assert.equal(fromDayNumber(n), expected)
      assert.equal(dayNumber(expected), n)
    }
  })
})

describe('weekday', () => {
  it('gives Monday = 1 … Sunday = 7', () => {
    assert.equal(weekday('2018-04-02'), 1) // Easter Monday 2018
    assert.equal(weekday('2018-03-30'), 5) // Good Friday 2018
    assert.equal(weekday('2018-03-31'), 6)
    assert.equal(weekday('2018-04-01'), 7)
    assert.equal(weekday('1970-01-01'), 4) // a Thursday
  })
})

describe('addDays and daysBetween', () => {
  it('crosses month and year ends', () => {
    assert.equal(addDays('2018-02-28', 1), '2018-03-01')
    assert.equal(addDays('2020-02-28', 1), '2020-02-29') // leap year
    assert.equal(addDays('2017-12-31', 1), '2018-01-01')
    assert.equal(addDays('2018-01-01', -1), '2017-12-31')
    assert.equal(daysBetween('2018-03-01', '2018-04-12'), 42)
    assert.equal(daysBetween('2018-04-12', '2018-03-01'), -42)
  })
})

describe('months', () => {
  it('gives first and last days', () => {
    assert.equal(monthStart('2018-04'), '2018-04-01')
    assert.equal(monthEnd('2018-04'), '2018-04-30')
    assert.equal(monthEnd('2018-12'), '2018-12-31')
    assert.equal(periodOf('2018-04-30'), '2018-04')
  })

  it('numbers months continuously', () => {
    assert.equal(monthOrdinal('2018-04-30') - monthOrdinal('2017-04-01'), 12)
    assert.equal(monthOrdinal('2018-01') - monthOrdinal('2017-12-31'), 1)
  })
})

describe('monthsBefore', () => {
  it('gives the same calendar date n months earlier', () => {
    assert.equal(monthsBefore('2018-04-15', 12), '2017-04-15')
    assert.equal(monthsBefore('2018-01-31', 1), '2017-12-31')
  })

  it('clamps to the last day of a shorter month', () => {
    assert.equal(monthsBefore('2018-05-31', 3), '2018-02-28') // 31 May − 3 months, not a leap year
    assert.equal(monthsBefore('2020-05-31', 3), '2020-02-29') // leap year
    assert.equal(monthsBefore('2020-02-29', 12), '2019-02-28')
    assert.equal(monthsBefore('2018-03-31', 1), '2018-02-28')
    assert.equal(monthsBefore('2018-07-31', 1), '2018-06-30')
  })
})

describe('edge cases', () => {
  it('knows leap years, including the century rules', () => {
    assert.equal(daysInMonth(2020, 2), 29)
    assert.equal(daysInMonth(1900, 2), 28)
    assert.equal(daysInMonth(2000, 2), 29)
    assert.equal(daysInMonth(2018, 4), 30)
  })

  it('rejects dates that are not real or not ISO', () => {
    for (const text of [
      '2018-02-29',
      '2018-13-01',
      '2018-00-10',
      '2018-04-31',
      '30/04/2018',
      '2018-4-30',
      '',
      '2018-04-30T00:00',
    ]) {
      assert.equal(isIsoDate(text), false, text)
      assert.throws(() => dayNumber(text), RangeError, text)
    }
    assert.equal(isIsoDate('2020-02-29'), true)
  })

  it('gives NaN for a month ordinal of text that is not a date', () => {
    assert.ok(Number.isNaN(monthOrdinal('nope')))
    assert.ok(Number.isNaN(monthOrdinal('2018-13-01')))
  })

  it('refuses malformed periods and non-whole day numbers', () => {
    assert.throws(() => monthEnd('2018-13'), RangeError)
    assert.throws(() => fromDayNumber(1.5), RangeError)
    assert.throws(() => monthsBefore('2018-04-31', 1), RangeError)
  })

  it('counts months forward with a negative n', () => {
    assert.equal(monthsBefore('2018-01-31', -1), '2018-02-28')
  })

  it('does not depend on the machine time zone', () => {
    // Around the clocks going forward in London (2018-03-25) a Date-based count would lose an hour.
    assert.equal(daysBetween('2018-03-24', '2018-03-26'), 2)
    assert.equal(addDays('2018-10-27', 2), '2018-10-29')
  })
})

describe('displayDate and longDate', () => {
  it('write a date one way: day without a leading zero, month in words, year', () => {
    assert.equal(displayDate('2019-09-26'), '26 September 2019')
    assert.equal(displayDate('2018-06-07'), '7 June 2018')
    assert.equal(longDate('2018-06-07'), 'Thursday 7 June 2018')
  })
})

import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  addMonths,
  financialYearOf,
  formatPeriodLong,
  formatPeriodShort,
  isFinancialYear,
  isPeriod,
  parseMonthHeading,
  periodsEnding,
} from './period.ts'

describe('isPeriod', () => {
  it('accepts YYYY-MM', () => {
    assert.equal(isPeriod('2018-04'), true)
    assert.equal(isPeriod('2018-12'), true)
  })

  it('rejects anything else', () => {
    for (const text of ['2018-4', '2018-13', '2018-00', '18-04', '2018-04-01', 'Apr-18', '']) {
      assert.equal(isPeriod(text), false, text)
    }
  })
})

describe('addMonths', () => {
  it('moves forward and back', () => {
    assert.equal(addMonths('2018-04', 1), '2018-05')
    assert.equal(addMonths('2018-04', -1), '2018-03')
    assert.equal(addMonths('2018-04', 0), '2018-04')
  })

  it('goes back 12 months to the same month last year', () => {
    assert.equal(addMonths('2018-04', -12), '2017-04')
  })
})

describe('periodsEnding', () => {
  it('gives the 13 months of a pack, oldest first', () => {
    assert.deepEqual(periodsEnding('2018-04', 13), [
      '2017-04',
      '2017-05',
      '2017-06',
      '2017-07',
      '2017-08',
      '2017-09',
      '2017-10',
      '2017-11',
      '2017-12',
      '2018-01',
      '2018-02',
      '2018-03',
      '2018-04',
    ])
  })
})

describe('financialYearOf', () => {
  it('puts April to March in one year', () => {
    assert.equal(financialYearOf('2018-04'), '2018-19')
    assert.equal(financialYearOf('2018-12'), '2018-19')
    assert.equal(financialYearOf('2019-01'), '2018-19')
    assert.equal(financialYearOf('2019-03'), '2018-19')
  })
})

describe('isFinancialYear', () => {
  it('accepts consecutive years', () => {
    assert.equal(isFinancialYear('2017-18'), true)
  })

  it('rejects years that do not follow on', () => {
    assert.equal(isFinancialYear('2017-19'), false)
    assert.equal(isFinancialYear('2017-2018'), false)
    assert.equal(isFinancialYear('2017'), false)
  })
})

describe('parseMonthHeading', () => {
  it('reads the headings councils use', () => {
    assert.equal(parseMonthHeading('2018-04'), '2018-04')
    assert.equal(parseMonthHeading('Apr-17'), '2017-04')
    assert.equal(parseMonthHeading('Apr 2018'), '2018-04')
    assert.equal(parseMonthHeading('April 2018'), '2018-04')
    assert.equal(parseMonthHeading('apr/18'), '2018-04')
    assert.equal(parseMonthHeading('Sept-17'), '2017-09')
  })

  it('gives null for headings that are not months', () => {
    for (const text of ['Target 17-18', '12 month average', 'Owner', 'Foo-17', '']) {
      assert.equal(parseMonthHeading(text), null, text)
    }
  })
})

describe('formatPeriodLong and formatPeriodShort', () => {
  it('write the month as people say it and as the tables head it', () => {
    assert.equal(formatPeriodLong('2018-04'), 'April 2018')
    assert.equal(formatPeriodShort('2018-04'), 'Apr-18')
    assert.equal(formatPeriodShort('2009-12'), 'Dec-09')
  })
})

describe('edge cases', () => {
  it('crosses year ends in both directions', () => {
    assert.equal(addMonths('2017-12', 1), '2018-01')
    assert.equal(addMonths('2018-01', -1), '2017-12')
    assert.equal(addMonths('2018-01', -13), '2016-12')
    assert.equal(addMonths('2018-04', 24), '2020-04')
  })

  it('splits financial years between March and April', () => {
    assert.equal(financialYearOf('2018-03'), '2017-18')
    assert.equal(financialYearOf('2018-04'), '2018-19')
  })

  it('writes the financial year across a century', () => {
    assert.equal(financialYearOf('1999-04'), '1999-00')
    assert.equal(isFinancialYear('1999-00'), true)
    assert.equal(financialYearOf('2000-03'), '1999-00')
  })

  it('gives one month for periodsEnding(p, 1) and none for 0', () => {
    assert.deepEqual(periodsEnding('2018-04', 1), ['2018-04'])
    assert.deepEqual(periodsEnding('2018-04', 0), [])
  })

  it('trims spaces around a heading', () => {
    assert.equal(parseMonthHeading('  Apr-18 '), '2018-04')
  })

  it('refuses a malformed period (a programmer error)', () => {
    assert.throws(() => addMonths('2018-4', 1), RangeError)
    assert.throws(() => financialYearOf('2018-13'), RangeError)
    assert.throws(() => formatPeriodLong('April 2018'), RangeError)
  })

  it('does not depend on the time zone (no Date objects)', () => {
    // Run under TZ=UTC and TZ=Europe/London: a Date-based version would slip a month at midnight on the 1st.
    assert.equal(addMonths('2018-03', 1), '2018-04')
    assert.equal(addMonths('2018-10', 1), '2018-11')
  })
})

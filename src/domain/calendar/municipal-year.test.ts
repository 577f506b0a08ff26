import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  isMunicipalYear,
  municipalYearEnd,
  municipalYearOf,
  municipalYearPeriods,
  municipalYearStart,
} from './municipal-year.ts'

describe('municipalYearOf', () => {
  it('runs May to April', () => {
    assert.equal(municipalYearOf('2018-05-01'), '2018-19')
    assert.equal(municipalYearOf('2019-04-30'), '2018-19')
    assert.equal(municipalYearOf('2018-04-30'), '2017-18')
    assert.equal(municipalYearOf('2018-05'), '2018-19')
    assert.equal(municipalYearOf('2019-01'), '2018-19')
  })
})

describe('municipal year bounds', () => {
  it('starts on 1 May and ends on 30 April', () => {
    assert.equal(municipalYearStart('2018-19'), '2018-05-01')
    assert.equal(municipalYearEnd('2018-19'), '2019-04-30')
  })

  it('has twelve months, May first', () => {
    const periods = municipalYearPeriods('2018-19')
    assert.equal(periods.length, 12)
    assert.equal(periods[0], '2018-05')
    assert.equal(periods[7], '2018-12')
    assert.equal(periods[8], '2019-01')
    assert.equal(periods[11], '2019-04')
  })
})

describe('edge cases', () => {
  it('crosses the century', () => {
    assert.equal(municipalYearOf('2000-03-01'), '1999-00')
    assert.equal(municipalYearEnd('1999-00'), '2000-04-30')
  })

  it('recognises well-formed names only', () => {
    assert.equal(isMunicipalYear('2018-19'), true)
    assert.equal(isMunicipalYear('2018-20'), false)
    assert.equal(isMunicipalYear('2018'), false)
    assert.throws(() => municipalYearStart('2018-20'), RangeError)
    assert.throws(() => municipalYearOf('May 2018'), RangeError)
  })
})

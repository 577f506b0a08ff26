import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  codeOf,
  excelSerialToIso,
  isBlank,
  isoDateNumber,
  listNumberOf,
  normaliseHeader,
  parseCount,
  parseDate,
  parseYesNo,
  ukDateNumber,
} from './values.ts'

describe('parseDate', () => {
  it('reads ISO, UK and Excel serial dates to ISO', () => {
    assert.deepEqual(parseDate('2018-04-30'), { ok: true, value: '2018-04-30' })
    assert.deepEqual(parseDate('30/04/2018'), { ok: true, value: '2018-04-30' })
    assert.deepEqual(parseDate('43220'), { ok: true, value: '2018-04-30' }) // serial as CSV text
    assert.deepEqual(parseDate(43220), { ok: true, value: '2018-04-30' }) // serial as a workbook number
  })

  it('accepts one-digit days and months in UK dates, and surrounding spaces', () => {
    assert.deepEqual(parseDate('1/5/2018'), { ok: true, value: '2018-05-01' })
    assert.deepEqual(parseDate(' 01/05/2018 '), { ok: true, value: '2018-05-01' })
  })

  it('says a date that does not exist is not a real date', () => {
    assert.deepEqual(parseDate('31/02/2018'), { ok: false, reason: '31/02/2018 is not a real date' })
    assert.deepEqual(parseDate('2018-04-31'), { ok: false, reason: '2018-04-31 is not a real date' })
    assert.deepEqual(parseDate('30/13/2018'), { ok: false, reason: '30/13/2018 is not a real date' })
  })

  it('rejects anything else with a plain-English reason', () => {
    for (const text of ['#N/A', 'nope', '30/04/18', '2018-4-30', '2018/04/30', '30-04-2018', '30/04/2018 00:00']) {
      assert.deepEqual(parseDate(text), { ok: false, reason: 'Expected a date such as 30/04/2018' }, text)
    }
  })

  describe('edge cases', () => {
    it('knows leap years, including the century rules', () => {
      assert.equal(parseDate('29/02/2020').ok, true)
      assert.equal(parseDate('29/02/2019').ok, false)
      assert.equal(parseDate('2000-02-29').ok, true) // divisible by 400
      assert.equal(parseDate('2100-02-29').ok, false) // divisible by 100, not 400
    })

    it('rejects serial 0, negatives and the fictional 29 February 1900', () => {
      assert.deepEqual(parseDate('0'), { ok: false, reason: '0 is not an Excel date number' })
      assert.deepEqual(parseDate(-5), { ok: false, reason: '-5 is not an Excel date number' })
      assert.equal(parseDate(60).ok, false)
    })

    it('rejects a digit string too long to be a serial', () => {
      assert.equal(parseDate('20180430').ok, false)
    })
  })
})

describe('isoDateNumber and ukDateNumber', () => {
  it('turn ISO and UK date cells into the same number, and anything else into -1', () => {
    assert.equal(isoDateNumber('2018-04-30'), 20180430)
    assert.equal(ukDateNumber('30/04/2018'), 20180430)
    assert.equal(ukDateNumber('1/4/2018'), 20180401)
    assert.equal(ukDateNumber('01/4/2018'), 20180401)
    for (const other of [' 2018-04-30', '2018-4-30', '2018-04-3x', '43220', '', '30/04/2018 ']) {
      assert.equal(isoDateNumber(other), -1, other)
    }
    for (const other of ['30/04/18', '30-04-2018', '/04/2018', '30//2018', '123/4/2018', '30/4/2018x', '2018-04-30']) {
      assert.equal(ukDateNumber(other), -1, other)
    }
  })

  describe('edge cases', () => {
    it('say nothing about whether the date exists: parseDate does', () => {
      assert.equal(isoDateNumber('2018-02-30'), 20180230)
      assert.equal(ukDateNumber('30/02/2018'), 20180230)
      assert.equal(parseDate('30/02/2018').ok, false)
    })
  })
})

describe('excelSerialToIso', () => {
  it('counts days in the 1900 date system', () => {
    assert.equal(excelSerialToIso(1), '1900-01-01')
    assert.equal(excelSerialToIso(59), '1900-02-28')
    assert.equal(excelSerialToIso(61), '1900-03-01')
    assert.equal(excelSerialToIso(43220), '2018-04-30')
  })

  describe('edge cases', () => {
    it('drops a time of day rather than rounding into the next day', () => {
      assert.equal(excelSerialToIso(43220.99), '2018-04-30') // 23:45 on 30 April
    })

    it('has no day for 0, 60 or past 31 December 9999', () => {
      assert.equal(excelSerialToIso(0), null)
      assert.equal(excelSerialToIso(60), null)
      assert.equal(excelSerialToIso(2_958_465), '9999-12-31')
      assert.equal(excelSerialToIso(2_958_466), null)
    })
  })
})

describe('parseYesNo', () => {
  it('reads every Yes and No spelling, in any case', () => {
    for (const text of ['Yes', 'Y', 'a) Yes', 'yes', 'YES', 'y', 'A) YES']) {
      assert.deepEqual(parseYesNo(text), { ok: true, value: true }, text)
    }
    for (const text of ['No', 'N', 'b) No', 'no', 'NO', 'n', 'B) no']) {
      assert.deepEqual(parseYesNo(text), { ok: true, value: false }, text)
    }
  })

  it('rejects anything else', () => {
    for (const text of ['Unknown', 'c) Unknown', 'CS Assessment Updated', 'Yeah', '1', 'TRUE']) {
      assert.deepEqual(parseYesNo(text), { ok: false, reason: 'Expected Yes or No' }, text)
    }
  })

  describe('edge cases', () => {
    it('does not accept a prefix letter that contradicts the answer', () => {
      assert.equal(parseYesNo('b) Yes').ok, false)
      assert.equal(parseYesNo('a) No').ok, false)
    })

    it('is not fooled by a number', () => {
      assert.equal(parseYesNo(1).ok, false)
    })
  })
})

describe('codeOf', () => {
  it('takes the first alphanumeric token after an optional letter prefix', () => {
    assert.equal(codeOf('E11'), 'E11')
    assert.equal(codeOf('E11 - Adopted'), 'E11')
    assert.equal(codeOf('f) U6: Foster placement - not FFA'), 'U6')
    assert.equal(codeOf('e) PR4 - Private provision'), 'PR4')
    assert.equal(codeOf('zz) T4: Temporary placement - seven days or less'), 'T4')
  })

  describe('edge cases', () => {
    it('upper-cases the code and ignores leading spaces', () => {
      assert.equal(codeOf('  e4a: returned home'), 'E4A')
    })

    it('has no code for a cell without letters or digits', () => {
      assert.equal(codeOf(' - '), null)
    })

    it('does not treat a code that starts with two letters as a prefix', () => {
      assert.equal(codeOf('PR4'), 'PR4')
    })
  })
})

describe('parseCount', () => {
  it('reads whole numbers from text and workbook numbers', () => {
    assert.deepEqual(parseCount('2'), { ok: true, value: 2 })
    assert.deepEqual(parseCount(0), { ok: true, value: 0 })
  })

  describe('edge cases', () => {
    it('rejects words, fractions and negatives', () => {
      for (const cell of ['two', '1.5', '-1', 1.5, -1]) {
        assert.deepEqual(parseCount(cell), { ok: false, reason: 'Expected a whole number' }, String(cell))
      }
    })
  })
})

describe('normaliseHeader', () => {
  it('ignores case, punctuation and extra spaces', () => {
    assert.equal(normaliseHeader('  Referral   NFA? '), 'referral nfa')
    assert.equal(normaliseHeader("Child's Legal Status"), 'childs legal status')
  })

  describe('edge cases', () => {
    it('reduces a header of punctuation only to nothing', () => {
      assert.equal(normaliseHeader('?!'), '')
    })
  })
})

describe('listNumberOf', () => {
  it('reads the list number from sheet and file names', () => {
    assert.equal(listNumberOf('List 1'), 1)
    assert.equal(listNumberOf('list_1'), 1)
    assert.equal(listNumberOf('List1'), 1)
    assert.equal(listNumberOf('list-1'), 1)
    assert.equal(listNumberOf('List 1 - Contacts'), 1)
    assert.equal(listNumberOf('List 11'), 11)
  })

  describe('edge cases', () => {
    it('never mistakes List 10 for List 1', () => {
      assert.equal(listNumberOf('List 10'), 10)
      assert.equal(listNumberOf('List10 - Adoption'), 10)
    })

    it('ignores names that are not lists 1 to 11', () => {
      assert.equal(listNumberOf('List 12'), null)
      assert.equal(listNumberOf('List 0'), null)
      assert.equal(listNumberOf('Checklist 1'), null)
      assert.equal(listNumberOf('Summary'), null)
      assert.equal(listNumberOf('List 123'), null)
    })
  })
})

describe('isBlank', () => {
  it('treats empty and space-only cells as blank', () => {
    assert.equal(isBlank(''), true)
    assert.equal(isBlank('  \t'), true)
    assert.equal(isBlank(undefined), true)
  })

  describe('edge cases', () => {
    it('does not treat zero as blank', () => {
      assert.equal(isBlank(0), false)
      assert.equal(isBlank('0'), false)
    })
  })
})

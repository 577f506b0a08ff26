import assert from 'node:assert/strict'
import { emptyAnnexA } from '../../domain/annex-a/records.ts'
import { rowsOfBlocks } from '../../domain/annex-a/row-blocks.ts'
import { describe, it } from 'node:test'
import { BLANK_WARNINGS_PER_COLUMN, ListReader, type ImportCollector } from './list-reader.ts'
import { loadAnnexASpec } from './spec.ts'
import type { RawCell } from './values.ts'

function collector(): ImportCollector {
  return {
    records: emptyAnnexA(),
    errors: [],
    warnings: [],
    dateCache: new Map(),
  }
}

/** Reads rows (the first non-blank one is the header) numbered from 1, as in a sheet. */
function read(list: number, rows: RawCell[][], options = { keepRows: false, date1904: false }) {
  const into = collector()
  const reader = new ListReader(list, loadAnnexASpec(), into, options)
  rows.forEach((cells, index) => reader.row(cells, index + 1))
  reader.finish()
  return { into, reader }
}

describe('ListReader', () => {
  it('turns contact rows into records, with workbook numbers for IDs and dates', () => {
    const { into, reader } = read(1, [
      ['Child Unique ID', 'Date of Birth', 'Date of Contact'],
      [42, 42029, '2018-04-30'], // a workbook number ID, a serial date of birth
      ['0042', '', 43220],
    ])
    assert.equal(reader.rows, 2)
    assert.deepEqual(
      into.records.contacts.map(({ row, childId, dateOfBirth, contactDate }) => ({
        row,
        childId,
        dateOfBirth,
        contactDate,
      })),
      [
        { row: 2, childId: '42', dateOfBirth: '2015-01-25', contactDate: '2018-04-30' },
        { row: 3, childId: '0042', dateOfBirth: null, contactDate: '2018-04-30' },
      ],
    )
    assert.deepEqual(into.errors, [])
  })

  it('validates the dates of lists that have no records (List 2)', () => {
    const { into } = read(2, [
      ['Child Unique ID', 'Assessment start date', 'Assessment completion date'],
      ['E1', '2018-04-01', '31/09/2018'],
    ])
    assert.deepEqual(into.errors, [
      {
        list: 2,
        row: 2,
        column: 'Assessment completion date',
        value: '31/09/2018',
        reason: '31/09/2018 is not a real date',
      },
    ])
  })

  it('names a bad date of birth as invalid without touching the other fields', () => {
    const { into } = read(1, [
      ['Child Unique ID', 'Date of Birth', 'Date of Contact'],
      ['C1', 'nope', '2018-04-30'],
    ])
    const [contact] = into.records.contacts
    assert.deepEqual([...(contact?.invalid ?? [])], ['dateOfBirth'])
    assert.equal(contact?.contactDate, '2018-04-30')
  })

  it('reads CIN episodes and reports a closure before the start once, keeping both dates', () => {
    const { into } = read(6, [
      ['Child Unique ID', 'CIN Start Date', 'CIN Closure Date'],
      ['N1', '01/04/2018', ''],
      ['N2', '2018-04-10', '2018-04-01'],
    ])
    assert.deepEqual(
      into.records.cin.map(({ childId, startDate, closureDate }) => [childId, startDate, closureDate]),
      [
        ['N1', '2018-04-01', null],
        ['N2', '2018-04-10', '2018-04-01'],
      ],
    )
    assert.deepEqual(into.errors, [
      {
        list: 6,
        row: 3,
        column: 'CIN Closure Date',
        value: '2018-04-01',
        reason: 'The CIN closure date is before the CIN start date (10/04/2018)',
      },
    ])
  })

  it('keeps the rows as text with their row numbers when asked', () => {
    const { reader } = read(
      3,
      [['Notes', 'Child Unique ID', 'Date of referral'], [], ['x', 7, '2018-04-30', 'extra']],
      { keepRows: true, date1904: false },
    )
    assert.deepEqual(reader.keptRows, {
      headers: ['Notes', 'Child Unique ID', 'Date of referral'],
      rows: 1,
      blocks: [{ firstRow: 3, lastRow: 3, rows: 1, text: '[[3],[["x",7,"2018-04-30","extra"]]]' }],
      childIdIndex: 1,
    })
    // A workbook's number is kept as a number and read back as the text the importer reads it as.
    assert.deepEqual(rowsOfBlocks(reader.keptRows?.blocks ?? []), [
      { row: 3, cells: ['x', '7', '2018-04-30', 'extra'] },
    ])
  })

  describe('edge cases', () => {
    it('takes the first non-blank row as the header and keeps sheet row numbers', () => {
      const { into } = read(1, [[], ['', '  '], ['Child Unique ID', 'Date of Contact'], ['C1', '2018-04-30']])
      assert.equal(into.records.contacts[0]?.row, 4)
    })

    it('skips blank rows without counting them', () => {
      const { into, reader } = read(1, [
        ['Child Unique ID', 'Date of Contact'],
        ['', ''],
        ['C1', '2018-04-30'],
      ])
      assert.equal(reader.rows, 1)
      assert.equal(into.records.contacts[0]?.row, 3)
    })

    it('warns about the first blank cells of a required column one by one, then sums up the rest', () => {
      const rows: RawCell[][] = [['Child Unique ID', 'Date of Contact']]
      for (let i = 0; i < BLANK_WARNINGS_PER_COLUMN + 5; i++) rows.push([`C${i}`, ''])
      const { into } = read(1, rows)
      const blanks = into.warnings.filter((warning) => warning.column === 'Date of Contact')
      assert.equal(blanks.length, BLANK_WARNINGS_PER_COLUMN + 1)
      assert.deepEqual(blanks[0], {
        list: 1,
        row: 2,
        column: 'Date of Contact',
        value: '',
        reason: '"Date of Contact" is blank, but Annex A expects it to be filled in',
      })
      assert.equal(blanks.at(-1)?.reason, '5 more rows have a blank "Date of Contact" (the first 100 are listed)')
      assert.deepEqual(into.errors, [])
    })

    it('reads workbook numbers in date columns from 1904 in old Mac workbooks', () => {
      const { into } = read(
        1,
        [
          ['Child Unique ID', 'Date of Contact'],
          ['C1', 41758],
        ],
        { keepRows: false, date1904: true },
      )
      assert.equal(into.records.contacts[0]?.contactDate, '2018-04-30')
    })

    it('reports a bad later date once, without a second error about the order of dates', () => {
      const { into } = read(5, [
        [
          'Child Unique ID',
          'Strategy discussion initiating Section 47 Enquiry Start Date',
          'Date of Initial Child Protection Conference',
        ],
        ['S1', '2018-04-20', '2018-02-30'],
      ])
      assert.deepEqual(
        into.errors.map((error) => error.reason),
        ['2018-02-30 is not a real date'],
      )
      assert.deepEqual([...(into.records.section47s[0]?.invalid ?? [])], ['icpcDate'])
    })

    it('reports the same bad value on every row it appears in (the cache must not hide repeats)', () => {
      const { into } = read(1, [
        ['Child Unique ID', 'Date of Contact'],
        ['C1', 'nope'],
        ['C2', 'nope'],
      ])
      assert.deepEqual(
        into.errors.map((error) => error.row),
        [2, 3],
      )
    })

    it('warns that a sheet with no header row is empty', () => {
      const { into, reader } = read(6, [[], ['']])
      assert.equal(reader.rows, 0)
      assert.deepEqual(into.warnings, [
        { list: 6, row: null, column: null, value: null, reason: 'List 6 is empty: it has no header row' },
      ])
    })

    it('tells the officer when the Child Unique ID column is missing', () => {
      const { into } = read(1, [['Date of Contact'], ['2018-04-30']])
      assert.ok(
        into.warnings.some(
          (warning) =>
            warning.column === 'Child Unique ID' &&
            warning.reason ===
              'No "Child Unique ID" column was found in List 1, so its rows cannot be linked to children',
        ),
      )
      assert.equal(into.records.contacts[0]?.childId, '')
    })

    it('strips a byte order mark from the first header', () => {
      const { into } = read(1, [
        ['\uFEFFChild Unique ID', 'Date of Contact'],
        ['C1', '2018-04-30'],
      ])
      assert.equal(into.records.contacts[0]?.childId, 'C1')
    })
  })
})

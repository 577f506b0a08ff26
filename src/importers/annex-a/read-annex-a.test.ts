import assert from 'node:assert/strict'
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import ExcelJS from 'exceljs'
import type { AnnexAImport, AnnexAProblem } from './read-annex-a.ts'
import { readAnnexA } from './read-annex-a.ts'
import { rowsOfBlocks } from '../../domain/annex-a/row-blocks.ts'
import { textFileMessages } from '../text-file.ts'
import { junkBytes, windows1252 } from '../../../test/hostile-bytes.ts'

const TESTDATA = new URL('./testdata/', import.meta.url).pathname
const SAMPLE = new URL('../../../fixtures/annex-a/Annex_A.xlsx', import.meta.url).pathname

let folder = ''
before(async () => {
  folder = await mkdtemp(join(tmpdir(), 'annex-a-read-'))
})
after(async () => {
  await rm(folder, { recursive: true, force: true })
})

async function imported(path: string, options: Parameters<typeof readAnnexA>[1] = {}): Promise<AnnexAImport> {
  const result = await readAnnexA(path, options)
  if (!result.ok) assert.fail(`expected the import to be read, got ${JSON.stringify(result.problems)}`)
  return result.value
}

async function fatalReason(path: string): Promise<string> {
  const result = await readAnnexA(path)
  if (result.ok) assert.fail('expected a fatal problem')
  assert.equal(result.problems.length, 1)
  const [problem] = result.problems
  assert.deepEqual({ ...problem, reason: '' }, { list: null, row: null, column: null, value: null, reason: '' })
  return problem?.reason ?? ''
}

const problemsOf = (problems: AnnexAProblem[], list: number) => problems.filter((problem) => problem.list === list)

describe('readAnnexA: the public sample workbook (fixtures/annex-a/Annex_A.xlsx)', () => {
  it('reads all eleven lists with their data rows', async () => {
    const annexA = await imported(SAMPLE)
    assert.deepEqual(
      annexA.lists.map(({ list, rows, source }) => [list, rows, source]),
      [
        [1, 5, 'List 1'],
        [2, 5, 'List 2'],
        [3, 6, 'List 3'],
        [4, 5, 'List 4'],
        [5, 5, 'List 5'],
        [6, 5, 'List 6'],
        [7, 7, 'List 7'],
        [8, 5, 'List 8'],
        [9, 6, 'List 9'],
        [10, 5, 'List 10'],
        [11, 5, 'List 11'],
      ],
    )
    const { records } = annexA
    assert.deepEqual(
      [
        records.contacts.length,
        records.referrals.length,
        records.assessments.length,
        records.section47s.length,
        records.cin.length,
        records.plans.length,
        records.lookedAfter.length,
        records.careLeavers.length,
      ],
      [5, 6, 5, 5, 5, 7, 5, 6],
    )
  })

  it('reports the free-text answers in the Yes/No support column of List 4, once per cell', async () => {
    const { errors } = await imported(SAMPLE)
    const column = "Was the child assessed as requiring LA children's social care support?"
    assert.deepEqual(
      errors,
      [2, 3, 4, 5, 6].map((row) => ({
        list: 4,
        row,
        column,
        value: 'CS Assessment Updated',
        reason: 'Expected Yes or No',
      })),
    )
  })

  it('warns about blank cells the template expects filled in (List 8 row 4 Ethnicity, row 5 postcode)', async () => {
    const warnings = problemsOf((await imported(SAMPLE)).warnings, 8)
    assert.ok(
      warnings.some(
        (w) =>
          w.row === 4 &&
          w.column === 'Ethnicity' &&
          w.reason === '"Ethnicity" is blank, but Annex A expects it to be filled in',
      ),
    )
    assert.ok(warnings.some((w) => w.row === 5 && w.column === 'Placement postcode'))
    assert.equal(warnings.filter((w) => w.column === 'Placement Location').length, 5)
  })

  it('reads real dates, numeric IDs, prefixed codes and formula dates', async () => {
    const { records, errors } = await imported(SAMPLE)
    assert.deepEqual(records.contacts[0], {
      row: 2,
      childId: '9212044',
      dateOfBirth: '2015-01-25',
      invalid: new Set(),
      contactDate: '2020-09-16',
    })
    const ceased = records.lookedAfter.find((episode) => episode.row === 6)
    assert.equal(ceased?.ceasedDate, '2020-09-22')
    assert.equal(ceased.reasonCeased, 'E47')
    assert.equal(ceased.placementType, 'H5')
    assert.equal(records.lookedAfter[0]?.placementType, 'U6') // "f) U6: Foster placement - not FFA"
    assert.equal(records.lookedAfter[0].placementProvider, 'PR4') // "e) PR4 - Private provision"
    assert.equal(records.assessments[0]?.requiresSupport, null)
    assert.deepEqual([...records.assessments[0].invalid], ['requiresSupport'])
    // List 10 and 11 dates are formulas (=H2+5): their cached results are valid dates, so no errors there.
    assert.deepEqual(problemsOf(errors, 10).concat(problemsOf(errors, 11)), [])
  })

  describe('edge cases', () => {
    it('does not report "nope" in Placement postcode (not a date column) or #N/A in Allocated Team', async () => {
      const { errors } = await imported(SAMPLE)
      assert.equal(
        errors.some((error) => error.value === 'nope' || error.value === '#N/A'),
        false,
      )
    })

    it('reads a blank ICPC outcome as null, not as invalid', async () => {
      const { records } = await imported(SAMPLE)
      const noConference = records.section47s.find((s47) => s47.row === 4)
      assert.equal(noConference?.icpcDate, null)
      assert.equal(noConference.icpcResultedInPlan, null)
      assert.equal(noConference.invalid.size, 0)
    })
  })
})

describe('readAnnexA: a folder of CSV files with every value convention', () => {
  const path = join(TESTDATA, 'conventions')

  it('reads ISO, UK and serial dates, and keeps leading zeros in IDs', async () => {
    const { records } = await imported(path)
    assert.deepEqual(
      records.contacts.map(({ row, childId, dateOfBirth, contactDate }) => [row, childId, dateOfBirth, contactDate]),
      [
        [2, '0042', '2015-01-25', '2018-04-30'], // ISO
        [3, '42', '2015-01-25', '2018-04-30'], // UK
        [4, '007', '2015-01-25', '2018-04-30'], // serials as text: 42029 and 43220
        [5, 'ABC1', null, '2018-05-01'], // blank date of birth, one-digit UK day and month
        [6, 'X9', null, null], // bad dates
        [8, '0099', '2015-01-25', null], // row 7 is a blank line; blank contact date
      ],
    )
    assert.deepEqual([...(records.contacts[4]?.invalid ?? [])], ['dateOfBirth', 'contactDate'])
  })

  it('reports each bad cell with list, row, column as headed, value and reason', async () => {
    const { errors } = await imported(path)
    assert.deepEqual(problemsOf(errors, 1), [
      { list: 1, row: 6, column: 'Date of Birth', value: '31/02/2018', reason: '31/02/2018 is not a real date' },
      { list: 1, row: 6, column: 'Date of Contact', value: '#N/A', reason: 'Expected a date such as 30/04/2018' },
    ])
    assert.deepEqual(problemsOf(errors, 3), [
      { list: 3, row: 7, column: 'Referral  NFA?', value: 'Unknown', reason: 'Expected Yes or No' },
    ])
  })

  it('reads every Yes/No spelling and leaves a blank answer null but valid', async () => {
    const { records } = await imported(path)
    assert.deepEqual(
      records.referrals.map((referral) => [referral.childId, referral.nfa, referral.invalid.size]),
      [
        ['0042', true, 0], // a) Yes
        ['0042', false, 0], // b) No
        ['42', true, 0], // Y
        ['43', false, 0], // n
        ['44', true, 0], // YES
        ['45', null, 1], // Unknown
        ['46', null, 0], // blank
      ],
    )
  })

  it('reports a bad date in a column no measure reads (List 10)', async () => {
    const { errors } = await imported(path)
    assert.deepEqual(problemsOf(errors, 10), [
      {
        list: 10,
        row: 2,
        column: 'Date of Placement Order',
        value: '2019-02-30',
        reason: '2019-02-30 is not a real date',
      },
      {
        list: 10,
        row: 2,
        column: 'Date of Matching Child and Prospective Adopters',
        value: 'nope',
        reason: 'Expected a date such as 30/04/2018',
      },
    ])
  })

  it('warns, and does not error, about a blank required cell', async () => {
    const { errors, warnings } = await imported(path)
    const column = 'Strategy discussion initiating Section 47 Enquiry Start Date'
    assert.deepEqual(
      warnings.filter((warning) => warning.list === 5 && warning.row !== null),
      [{ list: 5, row: 4, column, value: '', reason: `"${column}" is blank, but Annex A expects it to be filled in` }],
    )
    assert.equal(
      errors.some((error) => error.list === 5 && error.row === 4),
      false,
    )
  })

  it('reports an ICPC before its strategy discussion once, and keeps both dates', async () => {
    const { errors, records } = await imported(path)
    assert.deepEqual(problemsOf(errors, 5), [
      {
        list: 5,
        row: 3,
        column: 'Date of Initial Child Protection Conference',
        value: '03/04/2018',
        reason: 'The ICPC date is before the strategy discussion date (20/04/2018)',
      },
    ])
    const s47 = records.section47s.find((record) => record.row === 3)
    assert.equal(s47?.strategyDate, '2018-04-20')
    assert.equal(s47.icpcDate, '2018-04-03')
    assert.equal(s47.invalid.size, 0)
  })

  it('reports the other dates out of order: authorisation, plan end, ceased', async () => {
    const { errors } = await imported(path)
    const order = errors.filter((error) => error.reason.includes(' is before '))
    assert.deepEqual(
      order.map((error) => [error.list, error.row, error.column]),
      [
        [4, 3, 'Continuous Assessment Date of Authorisation'],
        [5, 3, 'Date of Initial Child Protection Conference'],
        [7, 4, 'Child Protection Plan End Date'],
        [8, 7, 'Date Ceased to be Looked After'],
      ],
    )
  })

  it('reads codes with prefixes and descriptions, maps free text with data-map.yml, and rejects unknown codes', async () => {
    const { records, errors } = await imported(path)
    assert.deepEqual(
      records.lookedAfter.map((episode) => [
        episode.reasonCeased,
        episode.placementType,
        episode.placementProvider,
        episode.uasc,
      ]),
      [
        ['E11', 'U1', 'PR4', false],
        ['E11', 'U6', 'PR4', true], // E11 - Adopted; f) U6: Foster placement - not FFA; e) PR4 - Private provision
        ['E12', 'U4', 'PR5', false], // a) E12: Adopted - consent dispensed
        [null, 'K2', 'PR1', false],
        ['E12', null, null, false], // free text "Adopted - consent dispensed"; unknown Z9 and PR9
        ['E45', 'U1', 'PR4', false],
      ],
    )
    assert.deepEqual(
      problemsOf(errors, 8)
        .filter((error) => error.row === 6)
        .map((error) => [error.column, error.value, error.reason]),
      [
        ['Placement Type', 'Z9', 'Not a placement type code we recognise (expected a code such as U1 or K2)'],
        ['Placement Provider', 'PR9', 'Not a placement provider code we recognise (expected PR0 to PR5)'],
      ],
    )
  })

  it('reads LA in Touch and Suitability of Accommodation for care leavers', async () => {
    const { records, errors } = await imported(path)
    assert.deepEqual(
      records.careLeavers.map((leaver) => [leaver.childId, leaver.inTouch, leaver.suitableAccommodation]),
      [
        ['C1', true, true], // Yes, a) Suitable
        ['C2', false, true], // REFU, Suitable
        ['C3', false, false], // NREQ, b) Unsuitable
        ['C4', false, false], // Died, Unsuitable
        ['C5', true, null], // a) Yes, blank
        ['C6', null, null], // Maybe, Perhaps
        ['C7', false, false], // No, Not suitable
      ],
    )
    assert.deepEqual(
      problemsOf(errors, 9).map((error) => error.reason),
      ['Expected Yes, No, Died, REFU, NREQ or RHOM', 'Expected Suitable or Unsuitable'],
    )
  })

  it('warns about each missing list by name, and ignores files that are not lists', async () => {
    const annexA = await imported(path)
    assert.deepEqual(
      annexA.lists.map((list) => list.source),
      ['list-1.csv', 'list-3.csv', 'list-4.csv', 'list-5.csv', 'list-7.csv', 'list-8.csv', 'list-9.csv', 'list-10.csv'],
    )
    assert.deepEqual(
      annexA.warnings
        .filter((warning) => warning.column === null && warning.row === null)
        .map((warning) => warning.reason),
      [
        'List 2 (early help assessments) was not found, so the measures that need it have no data',
        'List 6 (children in need) was not found, so the measures that need it have no data',
        'List 11 (adopters) was not found, so the measures that need it have no data',
      ],
    )
    assert.equal(annexA.records.cin.length, 0)
  })

  it('warns about a missing column a measure needs', async () => {
    const dir = await mkdtemp(join(folder, 'missing-column-'))
    await writeFile(join(dir, 'list-3.csv'), 'Child Unique ID,Date of referral\nR1,2018-04-30\n')
    const { warnings, records } = await imported(dir)
    assert.ok(
      warnings.some(
        (warning) =>
          warning.list === 3 &&
          warning.column === 'Referral NFA?' &&
          warning.reason ===
            'No "Referral NFA?" column was found in List 3, so the measures that need it have no data from this list',
      ),
    )
    assert.equal(records.referrals[0]?.nfa, null)
  })

  it('returns each list as text only when asked', async () => {
    assert.equal((await imported(path)).rows, undefined)
    const kept = await imported(path, { keepRows: true })
    const list1 = kept.rows?.[1]
    assert.equal(list1?.childIdIndex, 0)
    const rows = rowsOfBlocks(list1.blocks)
    assert.equal(list1.rows, 6)
    assert.deepEqual(
      rows.map((r) => r.row),
      [2, 3, 4, 5, 6, 8],
    )
    assert.deepEqual(rows[0]?.cells, ['0042', 'a) Male', 'a) WBRI', '2015-01-25', '3', '2018-04-30', 'q) 6: Police'])
    assert.deepEqual(Object.keys(kept.rows ?? {}), ['1', '3', '4', '5', '7', '8', '9', '10'])
  })

  it('tells the caller how far each list has got', async () => {
    const seen: Array<{ list: number; rows: number }> = []
    await imported(path, { onProgress: (info) => seen.push(info) })
    assert.deepEqual(seen.slice(0, 2), [
      { list: 1, rows: 6 },
      { list: 3, rows: 7 },
    ])
    assert.equal(seen.length, 8)
  })

  describe('edge cases', () => {
    it('finds lists named "List 1.csv", "list_10.csv" and "List 3 - Referrals.csv", never taking List 10 for List 1', async () => {
      const annexA = await imported(join(TESTDATA, 'names'))
      assert.deepEqual(
        annexA.lists.map(({ list, rows }) => [list, rows]),
        [
          [1, 2],
          [3, 1],
          [10, 3],
        ],
      )
      assert.deepEqual(
        annexA.records.contacts.map((contact) => contact.childId),
        ['N1', 'N2'],
      )
      assert.deepEqual(
        annexA.errors.map((error) => [error.list, error.value]),
        [[10, 'bad']],
      )
    })

    it('reports progress every 50,000 rows of a long list', async () => {
      const dir = await mkdtemp(join(folder, 'long-'))
      const lines = ['Child Unique ID,Date of Contact']
      for (let i = 0; i < 120_000; i++) lines.push(`C${i},2018-04-30`)
      await writeFile(join(dir, 'list-1.csv'), lines.join('\n'))
      const seen: number[] = []
      const annexA = await imported(dir, { onProgress: (info) => seen.push(info.rows) })
      assert.deepEqual(seen, [50_000, 100_000, 120_000])
      assert.equal(annexA.records.contacts.length, 120_000)
    })
  })
})

describe('readAnnexA: workbooks', () => {
  /** Writes a workbook with the given sheets to a temporary file. */
  async function workbook(
    sheets: Array<[string, unknown[][]]>,
    setup: (book: ExcelJS.Workbook) => void = () => undefined,
  ): Promise<string> {
    const book = new ExcelJS.Workbook()
    setup(book)
    for (const [name, rows] of sheets) {
      const sheet = book.addWorksheet(name)
      rows.forEach((row, r) =>
        row.forEach((value, c) => {
          if (value !== undefined) sheet.getCell(r + 1, c + 1).value = value as ExcelJS.CellValue
        }),
      )
    }
    const path = join(folder, `book-${String(Math.random()).slice(2)}.xlsx`)
    await book.xlsx.writeFile(path)
    return path
  }

  const day = (iso: string) => new Date(`${iso}T00:00:00Z`)

  it('tells List 10 from List 1 and accepts "List 1 - Contacts", "list_3" and "List1"-style names', async () => {
    const path = await workbook([
      [
        'List 10',
        [
          ['Child Unique ID', 'Date the Child Entered Care'],
          ['T1', day('2017-01-01')],
        ],
      ],
      [
        'List 1 - Contacts',
        [
          ['Child Unique ID', 'Date of Contact'],
          ['N1', day('2018-04-30')],
        ],
      ],
      ['Summary', [['Total'], [1]]],
      [
        'list_3',
        [
          ['Child Unique ID', 'Date of referral', 'Referral NFA?'],
          ['R1', day('2018-04-02'), 'b) No'],
        ],
      ],
      [
        'List1',
        [
          ['Child Unique ID', 'Date of Contact'],
          ['DUP', day('2018-04-30')],
        ],
      ],
    ])
    const annexA = await imported(path)
    assert.deepEqual(
      annexA.lists.map(({ list, rows, source }) => [list, rows, source]),
      [
        [1, 1, 'List 1 - Contacts'],
        [3, 1, 'list_3'],
        [10, 1, 'List 10'],
      ],
    )
    assert.deepEqual(
      annexA.records.contacts.map((contact) => contact.childId),
      ['N1'],
    )
    assert.ok(
      annexA.warnings.some(
        (warning) =>
          warning.list === 1 &&
          warning.reason === 'sheet "List1" also looks like List 1; only the first one found was read',
      ),
    )
  })

  it('reads number IDs, Date cells, plain serial numbers, formula results and error cells', async () => {
    const path = await workbook([
      [
        'List 1',
        [
          ['Child Unique ID', 'Date of Birth', 'Date of Contact'],
          [42, day('2015-01-25'), day('2018-04-30')],
          ['0042', 42029, { formula: 'C2+1', result: 43221 }],
          ['C3', undefined, { error: '#N/A' }],
        ],
      ],
    ])
    const { records, errors } = await imported(path)
    assert.deepEqual(
      records.contacts.map(({ childId, dateOfBirth, contactDate }) => [childId, dateOfBirth, contactDate]),
      [
        ['42', '2015-01-25', '2018-04-30'],
        ['0042', '2015-01-25', '2018-05-01'],
        ['C3', null, null],
      ],
    )
    assert.deepEqual(errors, [
      { list: 1, row: 4, column: 'Date of Contact', value: '#N/A', reason: 'Expected a date such as 30/04/2018' },
    ])
  })

  describe('edge cases', () => {
    it('reads an old Mac workbook that counts dates from 1904', async () => {
      const path = await workbook(
        [
          [
            'List 1',
            [
              ['Child Unique ID', 'Date of Birth', 'Date of Contact'],
              ['C1', day('2015-01-25'), 41758],
            ],
          ],
        ],
        (book) => {
          book.properties.date1904 = true
        },
      )
      const { records } = await imported(path)
      assert.equal(records.contacts[0]?.dateOfBirth, '2015-01-25')
      assert.equal(records.contacts[0].contactDate, '2018-04-30')
    })

    it('is fatal for a workbook with no list sheets', async () => {
      const path = await workbook([['Summary', [['Total'], [1]]]])
      assert.match(await fatalReason(path), /has no sheets named List 1 to List 11/)
    })
  })
})

describe('readAnnexA: files that cannot be read', () => {
  it('is fatal for a corrupt workbook', async () => {
    assert.equal(
      await fatalReason(join(TESTDATA, 'corrupt.xlsx')),
      'corrupt.xlsx could not be opened: it may be damaged, or not an Excel .xlsx workbook',
    )
  })

  it('is fatal, with a clear message, for an empty folder', async () => {
    const empty = join(folder, 'empty')
    await mkdir(empty)
    assert.equal(
      await fatalReason(empty),
      'No Annex A lists were found in the folder empty: expected CSV files named list-1.csv to list-11.csv',
    )
  })

  describe('edge cases', () => {
    it('is fatal for a workbook cut short, without waiting for ever', async () => {
      const bytes = await readFile(SAMPLE)
      const cut = join(folder, 'cut.xlsx')
      await writeFile(cut, bytes.subarray(0, 15_000))
      assert.match(await fatalReason(cut), /could not be opened/)
    })

    it('is fatal for a path that does not exist or is neither a folder nor a workbook', async () => {
      assert.equal(await fatalReason(join(folder, 'nowhere')), 'nowhere was not found')
      assert.equal(
        await fatalReason(join(TESTDATA, 'names', 'readme.md')),
        'readme.md is not an Annex A return: expected an Excel workbook (.xlsx) or a folder of CSV files',
      )
    })
  })
})

describe('readAnnexA: hostile files', () => {
  const LIST_1 = ['Child Unique ID', 'Gender', 'Ethnicity', 'Date of Birth', 'Age of Child (Years)', 'Date of Contact']

  /** A folder holding list-1.csv with `bytes`. */
  async function csvFolder(bytes: Uint8Array): Promise<string> {
    const path = join(folder, `csv-${String(Math.random()).slice(2)}`)
    await mkdir(path)
    await writeFile(join(path, 'list-1.csv'), bytes)
    return path
  }

  async function book(setup: (book: ExcelJS.Workbook) => void): Promise<string> {
    const workbook = new ExcelJS.Workbook()
    setup(workbook)
    const path = join(folder, `hostile-${String(Math.random()).slice(2)}.xlsx`)
    await workbook.xlsx.writeFile(path)
    return path
  }

  it('refuses a list sheet with merged cells, naming the sheet and ranges; other sheets may have them', async () => {
    const path = await book((workbook) => {
      const cover = workbook.addWorksheet('Cover')
      cover.addRow(['Annex A return, April 2018'])
      cover.mergeCells('A1:D1')
      const list = workbook.addWorksheet('List 1')
      list.addRow(LIST_1)
      list.addRow(['A1', 'a) Male', 'a) WBRI', '2015-01-25', 3, '2018-04-30'])
      list.addRow(['A2', 'b) Female', 'a) WBRI', '2015-01-25', 3, '2018-04-30'])
      list.mergeCells('F2:F3')
    })
    assert.equal(
      await fatalReason(path),
      "Sheet 'List 1' has merged cells F2:F3; unmerge them (Home, Merge & Center, Unmerge Cells) and put each value " +
        'in its own cell, then load the file again. A merged cell would be read as the same value in every cell it ' +
        'covers, or as blanks, so nothing was loaded.',
    )
    const coverOnly = await book((workbook) => {
      const cover = workbook.addWorksheet('Cover')
      cover.addRow(['Annex A return, April 2018'])
      cover.mergeCells('A1:D1')
      const list = workbook.addWorksheet('List 1')
      list.addRow(LIST_1)
      list.addRow(['A1', 'a) Male', 'a) WBRI', '2015-01-25', 3, '2018-04-30'])
    })
    assert.equal((await imported(coverOnly)).records.contacts.length, 1)
  })

  it('reads a Windows-1252 list as written, with a warning that says so', async () => {
    const text = `${LIST_1.join(',')}\nCAFÉ1,a) Male,a) WBRI,2015-01-25,3,2018-04-30\n`
    const annexA = await imported(await csvFolder(windows1252(text)))
    assert.equal(annexA.records.contacts[0]?.childId, 'CAFÉ1')
    assert.deepEqual(
      annexA.warnings.filter((w) => /Windows-1252/.test(w.reason)),
      [{ list: 1, row: null, column: null, value: null, reason: textFileMessages.windows1252('list-1.csv') }],
    )
  })

  it('refuses a list with NUL bytes, naming the file and line', async () => {
    const text = `${LIST_1.join(',')}\nA1,a) Male,a) WBRI,2015-01-25,3,2018-04-30\nA2\u0000,b) Female\n`
    const result = await readAnnexA(await csvFolder(Buffer.from(text)))
    assert.deepEqual(result, {
      ok: false,
      problems: [{ list: 1, row: 3, column: null, value: null, reason: `list-1.csv: ${textFileMessages.control(0)}` }],
    })
  })

  it('refuses a workbook whose XML holds a NUL or control character, in words', async () => {
    // XML may not hold them, so the reader stops; Excel's escapes (_x0000_) are passed on as the text they are by
    // the streaming reader, so no control character reaches a list from a workbook.
    for (const [character, expected] of [
      ['\u0000', null],
      ['\u0001', null],
      ['_x0000_', 'A_x0000_1'],
    ] as const) {
      const path = await book((workbook) => {
        const list = workbook.addWorksheet('List 1')
        list.addRow(LIST_1)
        list.addRow(['A1', 'a) Male', 'a) WBRI', '2015-01-25', 3, '2018-04-30'])
      })
      const JSZip = createRequire(createRequire(import.meta.url).resolve('exceljs'))('jszip') as {
        loadAsync(data: Buffer): Promise<JSZipFile>
      }
      const zip = await JSZip.loadAsync(await readFile(path))
      for (const name of ['xl/worksheets/sheet1.xml', 'xl/sharedStrings.xml']) {
        const entry = zip.file(name)
        if (entry !== null) zip.file(name, (await entry.async('string')).replace('>A1<', `>A${character}1<`))
      }
      await writeFile(path, await zip.generateAsync({ type: 'nodebuffer' }))
      if (expected === null) assert.match(await fatalReason(path), /could not be opened: it may be damaged/)
      else assert.equal((await imported(path)).records.contacts[0]?.childId, expected)
    }
  })

  it('refuses random bytes named .xlsx in words', async () => {
    const path = join(folder, 'random.xlsx')
    await writeFile(path, Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), junkBytes()]))
    assert.match(await fatalReason(path), /^random\.xlsx could not be opened: it may be damaged/)
  })
})

interface JSZipFile {
  file(name: string): { async(type: 'string'): Promise<string> } | null
  file(name: string, text: string): unknown
  generateAsync(options: { type: 'nodebuffer' }): Promise<Buffer>
}

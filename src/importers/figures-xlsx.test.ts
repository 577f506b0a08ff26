import { before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'
import ExcelJS from 'exceljs'
import Papa from 'papaparse'
import { readFiguresFile, readFiguresXlsx, WIDE_REQUIRED } from './figures.ts'
import type { FiguresFile } from './figures.ts'
import type { ImportProblem } from './problem.ts'
import type { Result } from '../domain/result.ts'
import { parseMonthHeading } from '../domain/period.ts'
import { junkBytes } from '../../test/hostile-bytes.ts'

const FIXTURE = fileURLToPath(new URL('../../fixtures/monthly-dataset-2018-04.csv', import.meta.url))
const CATALOGUE_HEADER: string[] = [...WIDE_REQUIRED]

type Cell = ExcelJS.CellValue

function expectOk(result: Result<FiguresFile, ImportProblem>): FiguresFile {
  if (!result.ok) assert.fail(`expected the import to succeed, got: ${JSON.stringify(result.problems, null, 1)}`)
  return result.value
}

function expectProblems(result: Result<FiguresFile, ImportProblem>): ImportProblem[] {
  if (result.ok) assert.fail('expected the import to fail')
  return result.problems
}

/** The first of the month as Excel stores it: a date at midnight UTC. */
const monthDate = (period: string): Date => new Date(`${period}-01T00:00:00Z`)

/** An .xlsx written by exceljs: each sheet's rows, and a hook to format cells or set workbook properties. */
async function workbook(
  sheets: Record<string, Cell[][]>,
  setup: (book: ExcelJS.Workbook) => void = () => undefined,
): Promise<Buffer> {
  const book = new ExcelJS.Workbook()
  for (const [name, rows] of Object.entries(sheets)) {
    const sheet = book.addWorksheet(name)
    for (const row of rows) sheet.addRow(row)
  }
  setup(book)
  return Buffer.from(await book.xlsx.writeBuffer())
}

/** The workbook with `from` replaced by `to` in its XML, as a program other than exceljs might write it. */
async function withTextReplaced(bytes: Buffer, from: string, to: string): Promise<Buffer> {
  // jszip comes with exceljs (Scrutineer does not depend on it directly).
  const JSZip = createRequire(createRequire(import.meta.url).resolve('exceljs'))('jszip') as {
    loadAsync(data: Buffer): Promise<{
      files: Record<string, unknown>
      file(name: string): { async(type: 'string'): Promise<string> } | null
      file(name: string, text: string): unknown
      generateAsync(options: { type: 'nodebuffer' }): Promise<Buffer>
    }>
  }
  const zip = await JSZip.loadAsync(bytes)
  for (const name of Object.keys(zip.files).filter((n) => n.endsWith('.xml'))) {
    const text = (await zip.file(name)?.async('string')) ?? ''
    if (text.includes(from)) zip.file(name, text.replaceAll(from, to))
  }
  return zip.generateAsync({ type: 'nodebuffer' })
}

const read = async (bytes: Buffer, displayName = 'figures.xlsx') => readFiguresXlsx(bytes, { displayName })

/** A one-indicator wide sheet with `extra` headings after the catalogue columns. */
function wideSheet(extraHeadings: Cell[], rows: Cell[][]): Cell[][] {
  return [[...CATALOGUE_HEADER, ...extraHeadings], ...rows]
}

const catalogue = (id: string, unit = 'count'): Cell[] => [
  id,
  null,
  `Title of ${id}`,
  'Area',
  unit,
  'neutral',
  null,
  null,
  null,
  null,
]

describe('readFiguresXlsx: the council’s dataset as an Excel workbook', () => {
  let fromCsv: FiguresFile
  let fromXlsx: FiguresFile
  before(async () => {
    fromCsv = expectOk(await readFiguresFile(FIXTURE))
    // The same content as Excel would hold it: month headings as real dates, figures as numbers.
    const parsed = Papa.parse<string[]>(await readFile(FIXTURE, 'utf8'), { skipEmptyLines: true })
    const [header = [], ...rows] = parsed.data
    const numeric = header.map((heading, i) => i >= CATALOGUE_HEADER.length && heading !== '')
    const sheetRows: Cell[][] = [
      header.map((heading) => {
        const period = parseMonthHeading(heading)
        return period === null ? heading : monthDate(period)
      }),
      ...rows.map((row) => row.map((cell, i): Cell => (cell === '' ? null : numeric[i] ? Number(cell) : cell))),
    ]
    const bytes = await workbook({ Dataset: sheetRows }, (book) => {
      const sheet = book.getWorksheet('Dataset')
      sheet?.getRow(1).eachCell((cell) => {
        if (cell.value instanceof Date) cell.numFmt = 'mmm-yy'
      })
    })
    fromXlsx = expectOk(await read(bytes, 'monthly-dataset-2018-04.xlsx'))
  })

  it('gives exactly the same catalogue, figures and months as the CSV', () => {
    assert.equal(fromXlsx.catalogue.length, 49)
    assert.deepEqual(fromXlsx, fromCsv)
  })

  it('reads the date headings as months', () => {
    assert.deepEqual(fromXlsx.months.slice(0, 2), ['2017-04', '2017-05'])
    assert.equal(fromXlsx.months.at(-1), '2018-04')
  })
})

describe('readFiguresXlsx', () => {
  it('reads month headings typed as text, as dates and as Excel day numbers', async () => {
    const bytes = await workbook({
      Sheet1: wideSheet(['Feb-18', monthDate('2018-03'), 43191], [[...catalogue('a'), 1, 2, 3]]),
    })
    const figures = expectOk(await read(bytes))
    assert.deepEqual(figures.months, ['2018-02', '2018-03', '2018-04'])
    assert.deepEqual(
      figures.observations.map((o) => o.value),
      [1, 2, 3],
    )
  })

  it('reads day numbers in the 1904 date system of old Mac workbooks', async () => {
    const bytes = await workbook({ Sheet1: wideSheet([41729], [[...catalogue('a'), 1]]) }, (book) => {
      book.properties.date1904 = true
    })
    assert.deepEqual(expectOk(await read(bytes)).months, ['2018-04'])
  })

  it('scales numbers shown as percentages back to what the officer sees', async () => {
    const bytes = await workbook(
      { Sheet1: wideSheet(['2018-03', '2018-04'], [[...catalogue('p', 'percentage'), 0.72, 0.29]]) },
      (book) => {
        const row = book.getWorksheet('Sheet1')?.getRow(2)
        if (row) {
          row.getCell(11).numFmt = '0%'
          row.getCell(12).numFmt = '0.0%'
        }
      },
    )
    assert.deepEqual(
      expectOk(await read(bytes)).observations.map((o) => o.value),
      [72, 29],
    )
  })

  it('uses formula results, rich text and text that holds numbers', async () => {
    const title: Cell = { richText: [{ text: 'Looked after ' }, { text: 'children', font: { bold: true } }] }
    const bytes = await workbook({
      Sheet1: wideSheet(
        ['2018-03', '2018-04'],
        [
          [
            'lac',
            'LAC1',
            title,
            'Care',
            'count',
            'lower',
            null,
            null,
            null,
            null,
            { formula: '500+22', result: 522 },
            ' 1,158 ',
          ],
        ],
      ),
    })
    const figures = expectOk(await read(bytes))
    assert.equal(figures.catalogue[0]?.title, 'Looked after children')
    assert.deepEqual(
      figures.observations.map((o) => o.value),
      [522, 1158],
    )
  })

  it('reports error cells, dates and TRUE/FALSE in number cells', async () => {
    const bytes = await workbook({
      Sheet1: wideSheet(
        ['2018-01', '2018-02', '2018-03', '2018-04'],
        [
          [
            ...catalogue('a'),
            { error: '#N/A' },
            { formula: '1/0', result: { error: '#DIV/0!' } },
            monthDate('2018-04'),
            true,
          ],
        ],
      ),
    })
    const problems = expectProblems(await read(bytes))
    assert.deepEqual(problems, [
      {
        file: 'figures.xlsx',
        row: 2,
        column: '2018-01',
        value: '#N/A',
        reason:
          'The cell holds the spreadsheet error #N/A, not a number. Correct the formula, or leave the cell empty if there is no figure.',
      },
      {
        file: 'figures.xlsx',
        row: 2,
        column: '2018-02',
        value: '#DIV/0!',
        reason:
          'The cell holds the spreadsheet error #DIV/0!, not a number. Correct the formula, or leave the cell empty if there is no figure.',
      },
      {
        file: 'figures.xlsx',
        row: 2,
        column: '2018-03',
        value: '2018-04-01',
        reason: 'The cell holds a date (2018-04-01), not a number.',
      },
      { file: 'figures.xlsx', row: 2, column: '2018-04', value: 'TRUE', reason: 'The cell holds TRUE, not a number.' },
    ])
  })

  it('reads the worksheet named "data" or "dataset" and names it in problems when there are several', async () => {
    const bytes = await workbook({
      Notes: [['These are notes, not figures']],
      'Monthly dataset': wideSheet(['2018-04'], [[...catalogue('a'), 'abc']]),
    })
    const problems = expectProblems(await read(bytes, 'book.xlsx'))
    assert.deepEqual(
      problems.map((p) => [p.file, p.row, p.column, p.value]),
      [['book.xlsx, worksheet "Monthly dataset"', 2, '2018-04', 'abc']],
    )
  })

  it('reads the first worksheet when none is named for the data', async () => {
    const bytes = await workbook({
      April: [
        ['indicator_id', 'period', 'value'],
        ['lac-count', monthDate('2018-04'), 521],
      ],
      Notes: [['notes']],
    })
    const figures = expectOk(await read(bytes))
    assert.equal(figures.layout, 'long')
    assert.deepEqual(figures.observations, [
      { indicatorId: 'lac-count', period: '2018-04', value: 521, numerator: null, denominator: null },
    ])
  })

  it('reports a workbook that is not a zip, and one over the size limit', async () => {
    assert.deepEqual(
      expectProblems(await read(Buffer.from('not a workbook'))).map((p) => p.reason),
      [
        'The file is not a readable Excel workbook. It may be damaged, protected with a password, or another kind ' +
          'of file renamed to .xlsx. Open it in Excel and save it again as an Excel workbook (.xlsx).',
      ],
    )
    const bytes = await workbook({ Sheet1: [['id']] })
    const problems = expectProblems(await readFiguresXlsx(bytes, { displayName: 'big.xlsx', maxBytes: 1024 }))
    assert.match(
      problems[0]?.reason ?? '',
      /^The file is \d+(\.\d)? KB, which is over the 1 KB limit for a figures file\./,
    )
  })

  it('reports an empty worksheet and one with only a header row', async () => {
    assert.deepEqual(
      expectProblems(await read(await workbook({ Sheet1: [] }))).map((p) => p.reason),
      ['The worksheet "Sheet1" is empty: it has no header row and no figures.'],
    )
    assert.deepEqual(
      expectProblems(await read(await workbook({ Sheet1: [['indicator_id', 'period', 'value']] }))).map(
        (p) => p.reason,
      ),
      ['The worksheet "Sheet1" has a header row but no figures under it.'],
    )
  })
})

describe('edge cases', () => {
  it('takes a date saved at midnight British Summer Time (23:00 the day before in UTC) as its own month', async () => {
    const bstMidnight = new Date(Date.UTC(2018, 2, 31, 23)) // 1 April 2018 00:00 in London
    const bytes = await workbook({ Sheet1: wideSheet([bstMidnight], [[...catalogue('a'), 5]]) })
    assert.deepEqual(expectOk(await read(bytes)).months, ['2018-04'])
  })

  it('keeps the sheet’s own row numbers when the header is not on row 1', async () => {
    const bytes = await workbook({ Sheet1: [[], [], ['indicator_id', 'period', 'value'], ['a', '2018-04', 'x']] })
    const problems = expectProblems(await read(bytes))
    assert.deepEqual(
      problems.map((p) => [p.row, p.column, p.value]),
      [[4, 'value', 'x']],
    )
  })

  it('does not take a day number outside 1990–2099 as a month heading', async () => {
    const problems = expectProblems(await read(await workbook({ Sheet1: wideSheet([2018], [[...catalogue('a'), 5]]) })))
    assert.deepEqual(
      problems.map((p) => [p.column, p.reason.split('. ')[0]]),
      [
        [null, 'The header row has no month columns'],
        ['2018', 'Scrutineer does not recognise the column "2018"'],
      ],
    )
  })

  it('reports a spreadsheet error in a text column', async () => {
    const row = catalogue('a')
    row[6] = { error: '#REF!' }
    const problems = expectProblems(await read(await workbook({ Sheet1: wideSheet(['2018-04'], [[...row, 1]]) })))
    assert.deepEqual(
      problems.map((p) => [p.column, p.reason]),
      [['owner', 'The cell holds the spreadsheet error #REF!. Correct the formula, or type the text in.']],
    )
  })
})

describe('hostile workbooks', () => {
  /** The council's April 2018 dataset as a workbook whose sheet is named "April 2018", set up by `setup`. */
  async function councilWorkbook(setup: (book: ExcelJS.Workbook) => void): Promise<Buffer> {
    const parsed = Papa.parse<string[]>(await readFile(FIXTURE, 'utf8'), { skipEmptyLines: true })
    const rows = parsed.data.map((row) => row.map((cell): Cell => (cell === '' ? null : cell)))
    return workbook({ 'April 2018': rows }, setup)
  }

  it('refuses merged cells in the sheet it reads, naming the sheet and every range', async () => {
    // exceljs would copy K2's figure into L2 and M2, and A3's id over B3 and C3 (the code and title).
    const bytes = await councilWorkbook((book) => {
      const sheet = book.getWorksheet('April 2018')
      sheet?.mergeCells('K2:M2')
      sheet?.mergeCells('A3:C3')
    })
    assert.deepEqual(expectProblems(await read(bytes, 'april.xlsx')), [
      {
        file: 'april.xlsx',
        row: null,
        column: null,
        value: null,
        reason:
          "Sheet 'April 2018' has merged cells K2:M2 and A3:C3; unmerge them (Home, Merge & Center, Unmerge Cells) " +
          'and put each value in its own cell, then load the file again. A merged cell would be read as the same ' +
          'value in every cell it covers, or as blanks, so nothing was loaded.',
      },
    ])
  })

  it('reads a workbook whose merged cells are only on a sheet it does not read', async () => {
    const plain = expectOk(await read(await councilWorkbook(() => undefined)))
    const withNotes = await councilWorkbook((book) => {
      const notes = book.addWorksheet('Notes')
      notes.addRow(['Children and Families Monthly Dataset: notes'])
      notes.mergeCells('A1:F1')
    })
    assert.deepEqual(expectOk(await read(withNotes)), plain)
  })

  it('refuses a cell holding a control character, with its row and column', async () => {
    // Excel writes a control character in a cell as an escape such as _x0001_, which exceljs turns back into one.
    const bytes = await withTextReplaced(
      await workbook({
        Data: wideSheet(['2018-04'], [['aQQb', null, 'Title', 'Area', 'count', 'neutral', null, null, null, null, 1]]),
      }),
      'QQ',
      '_x0001_',
    )
    const problems = expectProblems(await read(bytes))
    assert.deepEqual([problems[0]?.row, problems[0]?.column, problems[0]?.value], [2, 'id', 'a[U+0001]b'])
    assert.match(problems[0]?.reason ?? '', /control character U\+0001/)
    // Later checks of the same row quote the cell written out too: no problem carries the character itself.
    assert.ok(problems.length > 1 && problems.every((p) => !(p.value ?? '').includes('\u0001')))
  })

  it('refuses random bytes, and a workbook whose sheet is junk, as not a readable workbook', async () => {
    assert.match(expectProblems(await read(junkBytes()))[0]?.reason ?? '', /^The file is not a readable Excel workbook/)
    const good = await workbook({ Data: wideSheet(['2018-04'], [catalogue('a')]) })
    const junk = Buffer.from(good)
    // Overwrite the middle of the archive (compressed sheet and directory data) with NUL bytes.
    junk.fill(0, Math.floor(junk.length / 3), Math.floor(junk.length / 3) + 200)
    assert.match(expectProblems(await read(junk))[0]?.reason ?? '', /^The file is not a readable Excel workbook/)
  })
})

import assert from 'node:assert/strict'
import { existsSync, readdirSync } from 'node:fs'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import ExcelJS from 'exceljs'
import { delimiterOf, findCsvLists, readCsvRows, readWorkbookRows, toRawCell } from './sources.ts'

const TESTDATA = new URL('./testdata/', import.meta.url).pathname

let folder = ''
before(async () => {
  folder = await mkdtemp(join(tmpdir(), 'annex-a-sources-'))
})
after(async () => {
  await rm(folder, { recursive: true, force: true })
})

async function csvRows(text: string): Promise<{ rows: Array<[number, string[]]>; malformed: Array<[number, string]> }> {
  const path = join(folder, `case-${String(Math.random()).slice(2)}.csv`)
  await writeFile(path, text)
  const rows: Array<[number, string[]]> = []
  const malformed: Array<[number, string]> = []
  await readCsvRows(
    path,
    (cells, row) => rows.push([row, cells.map(String)]),
    (row, reason) => malformed.push([row, reason]),
  )
  return { rows, malformed }
}

describe('findCsvLists', () => {
  it('finds list files by name and ignores other files', async () => {
    const { lists, duplicates } = await findCsvLists(join(TESTDATA, 'names'))
    assert.deepEqual(
      lists.map(({ list, source }) => ({ list, source })),
      [
        { list: 1, source: 'List 1.csv' },
        { list: 3, source: 'List 3 - Referrals.csv' },
        { list: 10, source: 'list_10.csv' },
      ],
    )
    assert.deepEqual(duplicates, [])
  })

  describe('edge cases', () => {
    it('uses the first of two files for one list and returns the other as a duplicate', async () => {
      const dir = await mkdtemp(join(folder, 'dupes-'))
      await writeFile(join(dir, 'list-1.csv'), 'a\n')
      await writeFile(join(dir, 'List 1 - copy.csv'), 'a\n')
      await writeFile(join(dir, 'list-1.xlsx'), 'not read')
      const { lists, duplicates } = await findCsvLists(dir)
      assert.deepEqual(
        lists.map((found) => found.source),
        ['List 1 - copy.csv'],
      )
      assert.deepEqual(
        duplicates.map((found) => found.source),
        ['list-1.csv'],
      )
    })
  })
})

describe('readCsvRows', () => {
  it('numbers rows as a spreadsheet does, counting blank lines but not the final line break', async () => {
    const { rows } = await csvRows('id,date\n1,2018-04-30\n\n2,2018-05-01\n')
    assert.deepEqual(rows, [
      [1, ['id', 'date']],
      [2, ['1', '2018-04-30']],
      [3, ['']],
      [4, ['2', '2018-05-01']],
    ])
  })

  describe('edge cases', () => {
    it('keeps a quoted line break inside one cell and one row', async () => {
      const { rows } = await csvRows('id,note\r\n1,"two\r\nlines"\r\n2,x\r\n')
      assert.deepEqual(rows.slice(0, 3), [
        [1, ['id', 'note']],
        [2, ['1', 'two\r\nlines']],
        [3, ['2', 'x']],
      ])
    })

    it('reports a quote that is never closed', async () => {
      const { malformed } = await csvRows('id,note\n1,"open\n2,x\n')
      assert.equal(malformed.length, 1)
      assert.equal(malformed[0]?.[0], 2)
    })

    it('reads a two-column file saved with semicolons and a byte order mark', async () => {
      const { rows } = await csvRows('\uFEFFChild Unique ID;Date of Contact\r\nA;30/04/2018\r\n')
      assert.deepEqual(rows[1], [2, ['A', '30/04/2018']])
    })

    it('rejects when the file cannot be read', async () => {
      await assert.rejects(
        readCsvRows(
          join(folder, 'missing.csv'),
          () => undefined,
          () => undefined,
        ),
      )
    })
  })
})

describe('delimiterOf', () => {
  it('takes the most common of comma, semicolon and tab in the first line', () => {
    assert.equal(delimiterOf('a,b,c\n1;2;3;4;5'), ',')
    assert.equal(delimiterOf('a;b;c\n'), ';')
    assert.equal(delimiterOf('a\tb\tc'), '\t')
  })

  describe('edge cases', () => {
    it('falls back to a comma for a single column', () => {
      assert.equal(delimiterOf('Child Unique ID\r\n0042'), ',')
    })
  })
})

describe('readWorkbookRows', () => {
  it('streams each sheet with its name, cells as text or numbers, and sheet row numbers', async () => {
    const workbook = new ExcelJS.Workbook()
    const sheet = workbook.addWorksheet('List 1')
    sheet.getCell('A1').value = 'Child Unique ID'
    sheet.getCell('B1').value = 'Date of Contact'
    sheet.getCell('A3').value = 42
    sheet.getCell('B3').value = new Date(Date.UTC(2018, 3, 30))
    workbook.addWorksheet('Notes').getCell('A1').value = 'ignored'
    const path = join(folder, 'rows.xlsx')
    await workbook.xlsx.writeFile(path)

    const seen: Array<[string, number, unknown[]]> = []
    const ended: string[] = []
    await readWorkbookRows(path, {
      sheet: (name) => (name === 'Notes' ? null : (cells, row) => seen.push([name, row, [...cells]])),
      sheetEnd: (name) => ended.push(name),
    })
    assert.deepEqual(seen, [
      ['List 1', 1, ['Child Unique ID', 'Date of Contact']],
      ['List 1', 3, [42, '2018-04-30']],
    ])
    assert.deepEqual(ended, ['List 1'])
  })

  describe('edge cases', () => {
    it('closes the file of every sheet, those it passes over too, before it removes them', async (t) => {
      if (!existsSync('/proc/self/fd')) return t.skip('counts open files through /proc (Linux)')
      const workbook = new ExcelJS.Workbook()
      workbook.addWorksheet('List 1').getCell('A1').value = 'Child Unique ID'
      workbook.addWorksheet('Notes').getCell('A1').value = 'passed over'
      workbook.addWorksheet('Lookups').getCell('A1').value = 'passed over'
      const path = join(folder, 'passed-over.xlsx')
      await workbook.xlsx.writeFile(path)
      const openFiles = () => readdirSync('/proc/self/fd').length
      const read = () =>
        readWorkbookRows(path, { sheet: (name) => (name === 'List 1' ? () => undefined : null), sheetEnd: () => {} })
      // The first read loads exceljs, which may keep files of its own.
      await read()
      const before = openFiles()
      for (let i = 0; i < 5; i++) await read()
      // A sheet's file left open would be closed by nobody (and its opening could fail once its folder is gone).
      await new Promise((resolve) => setTimeout(resolve, 50))
      assert.equal(openFiles(), before)
    })

    it('rejects a file that is not a workbook', async () => {
      await assert.rejects(
        readWorkbookRows(join(TESTDATA, 'corrupt.xlsx'), { sheet: () => null, sheetEnd: () => undefined }),
      )
    })
  })
})

describe('toRawCell', () => {
  it('turns exceljs values into text or numbers', () => {
    assert.equal(toRawCell(new Date(Date.UTC(2018, 3, 30))), '2018-04-30')
    assert.equal(toRawCell(42), 42)
    assert.equal(toRawCell('0042'), '0042')
    assert.equal(toRawCell({ error: '#N/A' }), '#N/A')
    assert.equal(toRawCell({ richText: [{ text: 'a) ' }, { text: 'Yes' }] }), 'a) Yes')
    assert.equal(toRawCell({ formula: 'H2+5', result: 43220 }), 43220)
    assert.equal(toRawCell({ sharedFormula: 'H2', result: new Date(Date.UTC(2018, 3, 30)) }), '2018-04-30')
    assert.equal(toRawCell({ text: 'link', hyperlink: 'https://example.org' }), 'link')
  })

  describe('edge cases', () => {
    it('gives blank text for empty cells and formulas without a result', () => {
      assert.equal(toRawCell(null), '')
      assert.equal(toRawCell(undefined), '')
      assert.equal(toRawCell({ formula: 'A1' }), '')
    })

    it('uses the UTC day of a date, whatever the local time zone', () => {
      assert.equal(toRawCell(new Date(Date.UTC(2018, 2, 25, 23, 30))), '2018-03-25')
    })

    it('shows Excel booleans as Excel does', () => {
      assert.equal(toRawCell(true), 'TRUE')
    })
  })
})

/**
 * Reads a folder of DfE Local Authority Interactive Tool (LAIT) files: the children's social care extract (long
 * layout, streamed), its item list, the data dictionary (for each item's polarity), the statistical-neighbours
 * workbook and the LA code list. Every problem names the file, row, column, value and why; any problem refuses
 * the whole folder, so a half-read extract is never stored.
 */
import type ExcelJS from 'exceljs'
import { readdir } from 'node:fs/promises'
import { basename, join } from 'node:path'
import { MONTH_NAMES } from '../../domain/period.ts'
import { failed, ok, type Result } from '../../domain/result.ts'
import { readBenchmarkValue, type BenchmarkValue } from '../../domain/statistics/benchmarks.ts'
import { readCsvRows } from '../annex-a/sources.ts'
import type { RawCell } from '../annex-a/values.ts'
import type { ImportProblem } from '../problem.ts'
import { TextFileProblem } from '../text-file.ts'

export interface LaitValue {
  item: string
  year: number
  laNumber: number
  area: string
  region: string
  value: BenchmarkValue
}

export interface LaitItem {
  item: string
  title: string
  /** The data dictionary's `Polarity` as written (`High`, `Low`, `-`, `NA` …); null when the item is not in it. */
  polarity: string | null
}

export interface LaitCouncil {
  laNumber: number
  name: string
  region: string
  type: string
}

export interface LaitData {
  values: LaitValue[]
  items: LaitItem[]
  /** Each council's statistical neighbours SN1–SN10, in order. */
  neighbours: Map<number, number[]>
  councils: LaitCouncil[]
  /** The files read, by role, for the audit log and the vintage. */
  files: { extract: string; items: string; dictionary: string; neighbours: string; codes: string }
  /** The month and year of the statistical neighbours, from the workbook's name (`sn_may_2025.xlsx` → `May 2025`). */
  neighboursVintage: string | null
}

const FILES = {
  extract: /^csc_benchmarks_extract\.csv$/i,
  items: /^csc_benchmarks_items\.csv$/i,
  dictionary: /^lait_data_dictionary\.csv$/i,
  neighbours: /^sn_.*\.xlsx$/i,
  codes: /^la_code_list\.xlsx$/i,
} as const

const WHAT: Record<keyof typeof FILES, string> = {
  extract: 'the benchmarks extract (csc_benchmarks_extract.csv)',
  items: 'the item list (csc_benchmarks_items.csv)',
  dictionary: 'the data dictionary (lait_data_dictionary.csv)',
  neighbours: 'the statistical-neighbours workbook (sn_….xlsx)',
  codes: 'the LA code list (la_code_list.xlsx)',
}

/** `sn_may_2025.xlsx` → `May 2025`; null when the name carries no month and year. */
export function neighboursVintageOf(file: string): string | null {
  const match = /(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*[_ -]?(\d{4})/i.exec(file)
  if (!match?.[1] || !match[2]) return null
  const short = match[1].toLowerCase()
  const month = MONTH_NAMES.find((name) => name.toLowerCase().startsWith(short)) ?? short
  return `${month} ${match[2]}`
}

function text(cell: RawCell | undefined): string {
  return cell === undefined ? '' : String(cell).trim()
}

/** Reads a CSV with a header row into records by header name; the header's names are matched without case. */
async function readTable(
  path: string,
  required: readonly string[],
  problems: ImportProblem[],
  onRecord: (get: (name: string) => string, row: number) => void,
): Promise<void> {
  const file = basename(path)
  // Held in an object: the row callback sets it, which the compiler cannot see from here.
  const header: { columns: Map<string, number> | null; refused: boolean } = { columns: null, refused: false }
  try {
    await readCsvRows(
      path,
      (cells, row) => {
        if (header.refused) return
        if (header.columns === null) {
          const columns = new Map(cells.map((cell, index) => [text(cell).toLowerCase(), index]))
          header.columns = columns
          const missing = required.filter((name) => !columns.has(name.toLowerCase()))
          for (const name of missing)
            problems.push({ file, row, column: name, value: null, reason: `The header has no "${name}" column.` })
          if (missing.length > 0) header.refused = true
          return
        }
        if (cells.length === 1 && text(cells[0]) === '') return
        const found = header.columns
        onRecord((name) => text(cells[found.get(name.toLowerCase()) ?? -1]), row)
      },
      (row, reason) => problems.push({ file, row, column: null, value: null, reason }),
    )
  } catch (error) {
    const line = error instanceof TextFileProblem ? error.line : null
    const reason = error instanceof TextFileProblem ? error.reason : 'The file cannot be read.'
    problems.push({ file, row: line, column: null, value: null, reason })
    return
  }
  if (header.columns === null)
    problems.push({ file, row: null, column: null, value: null, reason: 'The file is empty.' })
}

function wholeNumber(textValue: string): number | null {
  return /^\d+$/.test(textValue) ? Number(textValue) : null
}

async function readExtract(path: string, problems: ImportProblem[]): Promise<LaitValue[]> {
  const file = basename(path)
  const values: LaitValue[] = []
  const seen = new Set<string>()
  await readTable(path, ['short_desc', 'years', 'area', 'la_number', 'region', 'value'], problems, (get, row) => {
    const problem = (column: string, value: string, reason: string) =>
      problems.push({ file, row, column, value, reason })
    const item = get('short_desc')
    const year = wholeNumber(get('years'))
    const laNumber = wholeNumber(get('la_number'))
    const value = readBenchmarkValue(get('value'))
    if (item === '') problem('short_desc', '', 'The row names no item.')
    if (year === null || year < 1990 || year > 2100)
      problem('years', get('years'), 'The year must be a four-digit year such as 2024.')
    if (laNumber === null) problem('la_number', get('la_number'), 'The LA number must be a whole number such as 852.')
    if (value === null)
      problem(
        'value',
        get('value'),
        "The value is neither a number nor one of DfE's markers (-, c, x, z, .., low, blank).",
      )
    if (item === '' || year === null || laNumber === null || value === null) return
    const key = `${item}\u0000${year}\u0000${laNumber}`
    if (seen.has(key)) {
      problem('la_number', String(laNumber), `The extract already has a row for ${item} in ${year} for this LA.`)
      return
    }
    seen.add(key)
    values.push({ item, year, laNumber, area: get('area'), region: get('region'), value })
  })
  return values
}

async function readItems(path: string, problems: ImportProblem[]): Promise<Map<string, string>> {
  const titles = new Map<string, string>()
  await readTable(path, ['short_desc', 'data_item'], problems, (get) => {
    if (get('short_desc') !== '') titles.set(get('short_desc'), get('data_item'))
  })
  return titles
}

async function readPolarities(path: string, problems: ImportProblem[]): Promise<Map<string, string>> {
  const polarities = new Map<string, string>()
  await readTable(path, ['Measure_short', 'Polarity'], problems, (get) => {
    if (get('Measure_short') !== '' && !polarities.has(get('Measure_short')))
      polarities.set(get('Measure_short'), get('Polarity'))
  })
  return polarities
}

async function openSheet(path: string, problems: ImportProblem[]): Promise<ExcelJS.Worksheet | null> {
  // Loaded when a workbook is read, not when the server starts (docs/operations.md, "Start-up and memory").
  const { default: excel } = await import('exceljs')
  const workbook = new excel.Workbook()
  try {
    await workbook.xlsx.readFile(path)
  } catch {
    problems.push({
      file: basename(path),
      row: null,
      column: null,
      value: null,
      reason: 'The file is not an Excel workbook that can be read (.xlsx).',
    })
    return null
  }
  const sheet = workbook.worksheets[0]
  if (sheet === undefined)
    problems.push({ file: basename(path), row: null, column: null, value: null, reason: 'The workbook has no sheets.' })
  return sheet ?? null
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'object' && 'result' in value)
    return typeof value.result === 'string' || typeof value.result === 'number' ? String(value.result).trim() : ''
  if (typeof value === 'object' && 'richText' in value)
    return value.richText
      .map((part) => part.text)
      .join('')
      .trim()
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value).trim()
  return ''
}

/** The row of a sheet that holds `first` (any case) in some cell, with each header's column number. */
function findHeader(sheet: ExcelJS.Worksheet, first: string): { row: number; columns: Map<string, number> } | null {
  for (let row = 1; row <= Math.min(sheet.rowCount, 20); row++) {
    const columns = new Map<string, number>()
    sheet.getRow(row).eachCell((cell, column) => {
      const name = cellText(cell.value).toLowerCase()
      if (!columns.has(name)) columns.set(name, column)
    })
    if (columns.has(first.toLowerCase())) return { row, columns }
  }
  return null
}

async function readNeighbours(path: string, problems: ImportProblem[]): Promise<Map<number, number[]>> {
  const file = basename(path)
  const neighbours = new Map<number, number[]>()
  const sheet = await openSheet(path, problems)
  if (sheet === null) return neighbours
  const header = findHeader(sheet, 'SN1')
  const laColumn = header?.columns.get('la num') ?? header?.columns.get('la number')
  const snColumns = Array.from({ length: 10 }, (_, i) => header?.columns.get(`sn${i + 1}`))
  if (header === null || laColumn === undefined || snColumns.some((c) => c === undefined)) {
    problems.push({
      file,
      row: null,
      column: null,
      value: null,
      reason: 'No header row with "LA num" and SN1 to SN10 was found in the first 20 rows.',
    })
    return neighbours
  }
  for (let row = header.row + 1; row <= sheet.rowCount; row++) {
    const cells = sheet.getRow(row)
    const la = wholeNumber(cellText(cells.getCell(laColumn).value))
    // Blank rows and notes such as "Old SNs:" separate the groups; only rows numbered by LA are read.
    if (la === null) continue
    const list: number[] = []
    for (const [index, column] of snColumns.entries()) {
      const raw = cellText(cells.getCell(column ?? 0).value)
      const neighbour = wholeNumber(raw)
      if (neighbour === null && raw !== '')
        problems.push({ file, row, column: `SN${index + 1}`, value: raw, reason: 'A neighbour must be an LA number.' })
      if (neighbour !== null) list.push(neighbour)
    }
    if (neighbours.has(la))
      problems.push({ file, row, column: 'LA num', value: String(la), reason: 'This LA is listed twice.' })
    neighbours.set(la, list)
  }
  return neighbours
}

async function readCodes(path: string, problems: ImportProblem[]): Promise<LaitCouncil[]> {
  const file = basename(path)
  const councils: LaitCouncil[] = []
  const sheet = await openSheet(path, problems)
  if (sheet === null) return councils
  const header = findHeader(sheet, 'LA Number')
  const number = header?.columns.get('la number')
  const name = header?.columns.get('la name')
  if (header === null || number === undefined || name === undefined) {
    problems.push({
      file,
      row: null,
      column: null,
      value: null,
      reason: 'No header row with "LA Number" and "LA Name".',
    })
    return councils
  }
  const region = header.columns.get('region')
  const type = header.columns.get('type')
  for (let row = header.row + 1; row <= sheet.rowCount; row++) {
    const cells = sheet.getRow(row)
    const raw = cellText(cells.getCell(number).value)
    if (raw === '') continue
    const laNumber = wholeNumber(raw)
    if (laNumber === null) {
      problems.push({ file, row, column: 'LA Number', value: raw, reason: 'The LA number must be a whole number.' })
      continue
    }
    const at = (column: number | undefined) => (column === undefined ? '' : cellText(cells.getCell(column).value))
    councils.push({ laNumber, name: at(name), region: at(region), type: at(type) })
  }
  return councils
}

/**
 * Reads the five LAIT files from `dir`. Refused (with every problem) when a file is missing or anything in them
 * cannot be read; the extract's items not in the item list keep their short name as their title.
 */
export async function readLaitFolder(dir: string): Promise<Result<LaitData, ImportProblem>> {
  let names: string[]
  try {
    names = await readdir(dir)
  } catch {
    return failed([{ file: dir, row: null, column: null, value: null, reason: 'The folder cannot be read.' }])
  }
  const problems: ImportProblem[] = []
  const found: Partial<Record<keyof typeof FILES, string>> = {}
  for (const role of Object.keys(FILES) as (keyof typeof FILES)[]) {
    const name = names.filter((n) => FILES[role].test(n)).sort()[0]
    if (name === undefined)
      problems.push({
        file: dir,
        row: null,
        column: null,
        value: null,
        reason: `The folder has no file for ${WHAT[role]}.`,
      })
    else found[role] = name
  }
  const { extract, items, dictionary, neighbours, codes } = found
  if (
    extract === undefined ||
    items === undefined ||
    dictionary === undefined ||
    neighbours === undefined ||
    codes === undefined
  )
    return failed(problems)

  const values = await readExtract(join(dir, extract), problems)
  const titles = await readItems(join(dir, items), problems)
  const polarities = await readPolarities(join(dir, dictionary), problems)
  const neighbourLists = await readNeighbours(join(dir, neighbours), problems)
  const councils = await readCodes(join(dir, codes), problems)
  if (problems.length > 0) return failed(problems)

  const itemNames = [...new Set([...titles.keys(), ...values.map((v) => v.item)])]
  return ok({
    values,
    items: itemNames.map((item) => ({ item, title: titles.get(item) ?? item, polarity: polarities.get(item) ?? null })),
    neighbours: neighbourLists,
    councils,
    files: { extract, items, dictionary, neighbours, codes },
    neighboursVintage: neighboursVintageOf(neighbours),
  })
}

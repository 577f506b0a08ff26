/**
 * Imports monthly figures from the council's spreadsheets, as CSV or Excel (.xlsx), in one of two layouts:
 *
 * - wide: the council's own layout, one row per indicator with its catalogue details, one column per month,
 *   benchmark and target columns. Gives the catalogue and the figures.
 * - long: one row per indicator and month (`indicator_id, period, value`, optionally `numerator, denominator`).
 *   Gives figures only.
 *
 * The import is all or nothing: every bad cell is reported (up to a cap), and if there is any problem nothing is
 * returned for the caller to save.
 */
import { createReadStream } from 'node:fs'
import { readFile, stat } from 'node:fs/promises'
import { basename, extname } from 'node:path'
import type { Readable } from 'node:stream'
import { DEFAULT_RAG_TOLERANCE_PERCENT, parseMeasureLink, type MeasureLink } from '../domain/catalogue.ts'
import { measureDefinition } from '../domain/measures/catalogue.ts'
import type { Benchmark, Benchmarks, Indicator, Observation, Polarity, Target, Unit } from '../domain/catalogue.ts'
import { formatPeriodLong, formatPeriodShort, isFinancialYear, isPeriod, parseMonthHeading } from '../domain/period.ts'
import type { FinancialYear, Period } from '../domain/period.ts'
import { failed, ok } from '../domain/result.ts'
import type { Result } from '../domain/result.ts'
import { readCsvRows } from './figures-csv.ts'
import { openXlsxSheet } from './figures-xlsx.ts'
import { mergedCellsReason } from './merged-cells.ts'
import { columnLetter, type ImportProblem } from './problem.ts'
import { controlCharacterIndex, encodingNote, textFileMessages, visibleControlCharacters } from './text-file.ts'

/** What a figures file holds once read. `catalogue` is empty for the long layout, which has no indicator details. */
export interface FiguresFile {
  layout: 'wide' | 'long'
  catalogue: Indicator[]
  /** Wide: every indicator × every month, blanks as null values. Long: one per data row, in file order. */
  observations: Observation[]
  /** The months the file covers, oldest first. */
  months: Period[]
  /** The sheet row each observation came from (header = 1), so later checks can point at it. */
  rows: number[]
  /** What the officer should be told about how the file was read (a CSV read as Windows-1252), if anything. */
  notes?: string[]
}

export interface ReadFiguresOptions {
  /** The name officers know the file by (an upload's original name); problems quote it. Default: the file's name. */
  displayName?: string
  /** Files larger than this are refused without being read. Default 20 MB. */
  maxBytes?: number
}

export const DEFAULT_MAX_FIGURES_BYTES = 20 * 1024 * 1024

/** How many problems are listed before the rest are summed up in one final "…and N more". */
export const MAX_LISTED_PROBLEMS = 1000

/**
 * One cell as the readers deliver it: text as typed (every CSV cell), a number, TRUE/FALSE, a date as an ISO day,
 * or a spreadsheet error such as `#N/A`. `null` is an empty cell.
 */
export type SheetCell = string | number | boolean | null | { date: string } | { error: string }

/** Where the CSV and XLSX readers send rows. `row` returns false to stop reading (the header makes it pointless). */
export interface RowSink {
  row(cells: readonly SheetCell[], rowNumber: number): boolean
  malformed(rowNumber: number, reason: string): void
}

/**
 * Reads a figures file, choosing CSV or Excel by its extension (the display name's, when given, because uploads
 * are often saved under a temporary name). Files over `maxBytes` are refused by their size alone.
 * @example
 * const result = await readFiguresFile('fixtures/monthly-dataset-2018-04.csv')
 * if (result.ok) result.value.catalogue.length // 49
 * else result.problems.map(describeProblem)
 */
export async function readFiguresFile(
  path: string,
  options: ReadFiguresOptions = {},
): Promise<Result<FiguresFile, ImportProblem>> {
  const name = options.displayName ?? basename(path)
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_FIGURES_BYTES
  const extension = (extname(options.displayName ?? '') || extname(path)).toLowerCase()
  if (extension !== '.csv' && extension !== '.xlsx')
    return failed([fileProblem(name, messages.wrongType(name, extension))])

  let size: number
  try {
    const info = await stat(path)
    if (info.isDirectory()) return failed([fileProblem(name, messages.isFolder)])
    size = info.size
  } catch (error) {
    return failed([fileProblem(name, messages.unreadable(errorCode(error)))])
  }
  if (size > maxBytes) return failed([fileProblem(name, messages.tooLarge(size, maxBytes))])
  if (size === 0) return failed([fileProblem(name, messages.empty('The file'))])

  if (extension === '.csv') {
    return readFiguresCsv(createReadStream(path), { displayName: name, maxBytes })
  }
  let bytes: Buffer
  try {
    bytes = await readFile(path)
  } catch (error) {
    return failed([fileProblem(name, messages.unreadable(errorCode(error)))])
  }
  return readFiguresXlsx(bytes, { displayName: name, maxBytes })
}

/**
 * Reads figures from CSV text, or from a stream (of UTF-8 bytes or of text) such as an upload. The stream is read
 * as it arrives and abandoned as soon as it passes `maxBytes` or its header shows it is not a figures file.
 * @example
 * const result = await readFiguresCsv('indicator_id,period,value\nlac-count,2018-04,521\n', { displayName: 'april.csv' })
 * // result.value.observations → [{ indicatorId: 'lac-count', period: '2018-04', value: 521, numerator: null, … }]
 */
export async function readFiguresCsv(
  input: string | Readable,
  options: ReadFiguresOptions & { displayName: string },
): Promise<Result<FiguresFile, ImportProblem>> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_FIGURES_BYTES
  const reader = new FiguresReader(options.displayName, 'The file', false)
  const outcome = await readCsvRows(input, reader, { maxBytes })
  if (outcome.outcome === 'too-large') {
    return failed([fileProblem(options.displayName, messages.tooLarge(outcome.bytesRead, maxBytes, true))])
  }
  if (outcome.outcome === 'unreadable') {
    return failed([fileProblem(options.displayName, messages.unreadable(outcome.code))])
  }
  if (outcome.outcome === 'not-text') {
    return failed([{ file: options.displayName, row: outcome.line, column: null, value: null, reason: outcome.reason }])
  }
  const read = reader.finish()
  const note = encodingNote(options.displayName, outcome.encoding)
  return read.ok && note !== null ? ok({ ...read.value, notes: [note] }) : read
}

/**
 * Reads figures from the bytes of an Excel workbook (.xlsx), from the worksheet named "data" or "dataset" if there
 * is one, else the first. Month headings may be text, real dates or Excel day numbers.
 * @example
 * const result = await readFiguresXlsx(await readFile('april.xlsx'), { displayName: 'april.xlsx' })
 */
export async function readFiguresXlsx(
  bytes: Uint8Array,
  options: ReadFiguresOptions & { displayName: string },
): Promise<Result<FiguresFile, ImportProblem>> {
  const name = options.displayName
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_FIGURES_BYTES
  if (bytes.byteLength > maxBytes) return failed([fileProblem(name, messages.tooLarge(bytes.byteLength, maxBytes))])
  if (bytes.byteLength === 0) return failed([fileProblem(name, messages.empty('The file'))])
  const opened = await openXlsxSheet(bytes)
  if (opened.outcome === 'corrupt') return failed([fileProblem(name, messages.notAWorkbook)])
  if (opened.outcome === 'no-sheets') return failed([fileProblem(name, messages.noWorksheets)])
  if (opened.outcome === 'merged') return failed([fileProblem(name, mergedCellsReason(opened.sheet, opened.ranges))])
  const { sheet } = opened
  // Row numbers belong to one worksheet: say which, when the workbook has several.
  const where = sheet.sheetCount > 1 ? `${name}, worksheet "${sheet.name}"` : name
  const reader = new FiguresReader(where, `The worksheet "${sheet.name}"`, sheet.date1904)
  sheet.readRows(reader)
  return reader.finish()
}

// ---------------------------------------------------------------------------------------------------------------
// Messages: every sentence an officer may read, in one place so tests and docs can quote them.

/** The catalogue columns every wide file starts with, in the council's order. */
export const WIDE_REQUIRED = [
  'id',
  'code',
  'title',
  'service_area',
  'unit',
  'polarity',
  'owner',
  'outcome',
  'numerator',
  'denominator',
] as const
const WIDE_OPTIONAL = [
  'reporter',
  'definition',
  'rag_tolerance',
  'benchmark_vintage',
  'measure',
  'benchmark_item',
] as const
type WideField = (typeof WIDE_REQUIRED)[number] | (typeof WIDE_OPTIONAL)[number]

const LONG_REQUIRED = ['indicator_id', 'period', 'value'] as const
const LONG_OPTIONAL = ['numerator', 'denominator'] as const
type LongField = (typeof LONG_REQUIRED)[number] | (typeof LONG_OPTIONAL)[number]

const UNIT_CHOICES = 'count, percentage (or %), rate per 10,000 (or rate), or days'
const POLARITY_CHOICES = 'higher (or higher is better), lower (or lower is better), or neutral'
const MONTH_EXAMPLE = 'like 2018-04 or Apr-18'
const WIDE_COLUMNS = `${WIDE_REQUIRED.join(', ')}, then one column per month (headed ${MONTH_EXAMPLE})`
const LONG_COLUMNS = 'indicator_id (or id), period and value, and may also have numerator and denominator'

/** The reasons officers are given, exported so that tests and help pages quote the same words. */
export const messages = {
  wrongType: (name: string, extension: string): string =>
    `"${name}" is not a file Scrutineer can read figures from. Use a CSV file (.csv) or an Excel workbook (.xlsx).` +
    (extension === '.xls' ? ' Open this older Excel file in Excel and save it as an Excel workbook (.xlsx).' : ''),
  isFolder: 'This is a folder, not a file.',
  unreadable: (code: string): string =>
    code === 'ENOENT' ? 'The file could not be found.' : `The file could not be read (${code || 'unknown error'}).`,
  tooLarge: (bytes: number, maxBytes: number, atLeast = false): string =>
    `The file is ${atLeast ? 'more than ' : ''}${formatSize(atLeast ? maxBytes : bytes)}, which is over the ` +
    `${formatSize(maxBytes)} limit for a figures file. Check that this is the right file.`,
  empty: (container: string): string => `${container} is empty: it has no header row and no figures.`,
  headerOnly: (container: string): string => `${container} has a header row but no figures under it.`,
  notAWorkbook:
    'The file is not a readable Excel workbook. It may be damaged, protected with a password, or another kind of ' +
    'file renamed to .xlsx. Open it in Excel and save it again as an Excel workbook (.xlsx).',
  noWorksheets: 'The workbook has no worksheets.',
  notFigures:
    'This is not a figures file: its header row has none of the expected column headings. A wide file (the ' +
    `council's layout) has the columns ${WIDE_COLUMNS}. A long file has the columns ${LONG_COLUMNS}.`,
  wideMissing: (missing: readonly string[]): string =>
    `The header row is missing the ${plural(missing.length, 'column')} ${listOf(missing)}. A wide figures file ` +
    `needs the columns ${WIDE_COLUMNS}.`,
  noMonths: `The header row has no month columns. Add one column per month, headed ${MONTH_EXAMPLE}.`,
  longMissing: (missing: readonly string[]): string =>
    `The header row is missing the ${plural(missing.length, 'column')} ${listOf(missing)}. A long figures file ` +
    `needs the columns ${LONG_COLUMNS}.`,
  unknownWideColumn: (heading: string): string =>
    `Scrutineer does not recognise the column "${heading}". Rename it to one of the expected headings ` +
    `(${[...WIDE_REQUIRED, ...WIDE_OPTIONAL].join(', ')}, a month ${MONTH_EXAMPLE}, benchmark_stat_neighbours, ` +
    'benchmark_england, benchmark_<region> or target_<year> such as target_2018_19), or delete the column.',
  unknownLongColumn: (heading: string): string =>
    `Scrutineer does not recognise the column "${heading}". Rename it to one of the expected headings ` +
    '(indicator_id, period, value, numerator, denominator), or delete the column.',
  notAMonthHeading: (heading: string): string =>
    `"${heading}" looks like a month heading but is not a month Scrutineer can read. Head month columns ` +
    `${MONTH_EXAMPLE}.`,
  monthTwice: (period: Period, first: string, second: string): string =>
    `${formatPeriodLong(period)} has two columns, "${first}" and "${second}". Keep one of them.`,
  columnTwice: (first: string, second: string): string =>
    `There are two columns for the same thing, "${first}" and "${second}". Keep one of them.`,
  targetTwice: (year: FinancialYear, first: string, second: string): string =>
    `The ${year} target has two columns, "${first}" and "${second}". Keep one of them.`,
  regionTwice: (first: string, second: string): string =>
    `There is more than one regional benchmark column, "${first}" and "${second}". Keep only your region's.`,
  notATargetHeading: (heading: string): string =>
    `"${heading}" is not a target column Scrutineer can read. Name target columns after the financial year, ` +
    'like target_2018_19.',
  unheadedValue: 'This cell has a value but its column has no heading. Add a heading, or delete the value.',
  blankId: 'The indicator id is blank. Give every row the id of its indicator, or delete the row.',
  badId: (id: string): string =>
    `"${id}" cannot be used as an indicator id. Use only letters, digits, hyphens, underscores and full stops, ` +
    'with no spaces.',
  idTwice: (id: string, firstRow: number, secondRow: number): string =>
    `The indicator id "${id}" is used on both row ${firstRow} and row ${secondRow}. Each indicator needs one row ` +
    'with its own id.',
  blankTitle: 'The title is blank. Give the indicator a title.',
  blankUnit: `The unit is blank. Use ${UNIT_CHOICES}.`,
  badUnit: (text: string): string => `"${text}" is not a unit Scrutineer knows. Use ${UNIT_CHOICES}.`,
  blankPolarity: `The polarity is blank. Use ${POLARITY_CHOICES}.`,
  badPolarity: (text: string): string => `"${text}" is not a polarity Scrutineer knows. Use ${POLARITY_CHOICES}.`,
  unknownLink: (id: string, role: 'numerator' | 'denominator'): string =>
    `There is no indicator with the id "${id}" in this file. The ${role} must be the id of another indicator in ` +
    'the file, or be left empty.',
  selfLink: (role: 'numerator' | 'denominator'): string =>
    `An indicator cannot be its own ${role}. Give the id of the indicator that counts the ${role}, or leave it empty.`,
  halfLink: (given: 'numerator' | 'denominator', missing: 'numerator' | 'denominator'): string =>
    `A ${given} is given but no ${missing}. Give both, or leave both empty.`,
  badTolerance: 'The RAG tolerance must be a percentage from 0 to 100, or be left empty for the usual 5%.',
  badMeasure: (text: string): string =>
    `"${text}" is not an Annex A measure. Write a measure id such as "assessments-in-45wd", add ":count" for its ` +
    'count rather than its value, or leave the cell empty. docs/methodology.md lists the measures.',
  notANumber: (text: string): string =>
    `"${text}" is not a number. Enter a number such as 42, 1,158 or 72.5, or leave the cell empty if there is no ` +
    'figure.',
  percentNotAllowed: (text: string, what: string): string =>
    `"${text}" has a percent sign, but ${what}, not a percentage. Remove the % sign.`,
  spreadsheetError: (code: string): string =>
    `The cell holds the spreadsheet error ${code}, not a number. Correct the formula, or leave the cell empty if ` +
    'there is no figure.',
  spreadsheetErrorInText: (code: string): string =>
    `The cell holds the spreadsheet error ${code}. Correct the formula, or type the text in.`,
  dateNotNumber: (iso: string): string => `The cell holds a date (${iso}), not a number.`,
  booleanNotNumber: (value: boolean): string => `The cell holds ${value ? 'TRUE' : 'FALSE'}, not a number.`,
  blankPeriod: `The period is blank. Give the month the figure is for, ${MONTH_EXAMPLE}.`,
  badPeriod: (text: string): string => `"${text}" is not a month Scrutineer can read. Write periods ${MONTH_EXAMPLE}.`,
  figureTwice: (id: string, period: Period, firstRow: number, secondRow: number): string =>
    `There are two figures for "${id}" in ${formatPeriodLong(period)}, on row ${firstRow} and row ${secondRow}. ` +
    'Keep one of them.',
  andMore: (count: number): string =>
    `…and ${count} more ${plural(count, 'problem')} not listed here. Correct the problems above and import the ` +
    'file again to see the rest.',
}

function plural(count: number, noun: string): string {
  return count === 1 ? noun : `${noun}s`
}

function listOf(items: readonly string[]): string {
  if (items.length <= 1) return items.join('')
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1) ?? ''}`
}

function formatSize(bytes: number): string {
  const units: [number, string][] = [
    [1024 * 1024, 'MB'],
    [1024, 'KB'],
  ]
  for (const [size, unit] of units) {
    if (bytes >= size) return `${String(Math.round((bytes / size) * 10) / 10)} ${unit}`
  }
  return `${bytes} bytes`
}

function fileProblem(file: string, reason: string): ImportProblem {
  return { file, row: null, column: null, value: null, reason }
}

function errorCode(error: unknown): string {
  return error instanceof Error ? ((error as NodeJS.ErrnoException).code ?? error.name) : ''
}

// ---------------------------------------------------------------------------------------------------------------
// Problems, collected in full and listed in file order, up to the cap.

class ProblemList {
  private readonly listed: { problem: ImportProblem; order: number }[] = []
  private unlisted = 0

  constructor(private readonly file: string) {}

  get count(): number {
    return this.listed.length + this.unlisted
  }

  add(row: number | null, column: Column | string | null, value: SheetCell, reason: string): void {
    if (this.listed.length >= MAX_LISTED_PROBLEMS) {
      this.unlisted += 1
      return
    }
    const heading = column === null || typeof column === 'string' ? column : column.heading
    const columnIndex = column === null || typeof column === 'string' ? -1 : column.index
    this.listed.push({
      problem: { file: this.file, row, column: heading, value: shortened(cellText(value)), reason },
      // Problems found at the end (links between rows) still appear beside their row.
      order: (row ?? 0) * 100_000 + columnIndex,
    })
  }

  list(): ImportProblem[] {
    const problems = this.listed.sort((a, b) => a.order - b.order).map((entry) => entry.problem)
    if (this.unlisted > 0) problems.push(fileProblem(this.file, messages.andMore(this.unlisted)))
    return problems
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Cells.

const LONGEST_QUOTED_VALUE = 200

/** A broken quote can swallow the rest of a file into one cell; the officer needs its start, not all of it. */
function shortened(text: string | null): string | null {
  return text !== null && text.length > LONGEST_QUOTED_VALUE ? `${text.slice(0, LONGEST_QUOTED_VALUE)}…` : text
}

/** The cell as an officer would read it back: text trimmed, null when empty. */
function cellText(cell: SheetCell): string | null {
  if (cell === null) return null
  if (typeof cell === 'string') return cell.trim() === '' ? null : cell
  if (typeof cell === 'number') return String(cell)
  if (typeof cell === 'boolean') return cell ? 'TRUE' : 'FALSE'
  if ('date' in cell) return cell.date
  return cell.error
}

function isBlank(cell: SheetCell | undefined): boolean {
  return cell === undefined || cell === null || (typeof cell === 'string' && cell.trim() === '')
}

const SPREADSHEET_ERROR = /^#(?:N\/A|DIV\/0!|VALUE!|REF!|NAME\?|NUM!|NULL!|SPILL!|CALC!|GETTING_DATA)$/i
const PLAIN_NUMBER = /^-?(?:\d+|\d{1,3}(?:,\d{3})+)(?:\.\d+)?$|^-?\.\d+$/

type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string }

/**
 * A number cell: empty means no figure (null). Text may have thousands commas, surrounding spaces and, where
 * `percent` allows it, a trailing % sign; anything else is refused rather than guessed at.
 */
function parseNumber(
  cell: SheetCell | undefined,
  percent: { allowed: boolean; otherwise: string },
): Parsed<number | null> {
  if (cell === undefined || cell === null) return { ok: true, value: null }
  if (typeof cell === 'number') return { ok: true, value: cell === 0 ? 0 : cell }
  if (typeof cell === 'boolean') return { ok: false, reason: messages.booleanNotNumber(cell) }
  if (typeof cell !== 'string') {
    return 'date' in cell
      ? { ok: false, reason: messages.dateNotNumber(cell.date) }
      : { ok: false, reason: messages.spreadsheetError(cell.error) }
  }
  let text = cell.trim()
  if (text === '') return { ok: true, value: null }
  if (SPREADSHEET_ERROR.test(text)) return { ok: false, reason: messages.spreadsheetError(text.toUpperCase()) }
  if (text.endsWith('%')) {
    text = text.slice(0, -1).trimEnd()
    if (PLAIN_NUMBER.test(text) && !percent.allowed) {
      return { ok: false, reason: messages.percentNotAllowed(cell.trim(), percent.otherwise) }
    }
  }
  if (!PLAIN_NUMBER.test(text)) return { ok: false, reason: messages.notANumber(cell.trim()) }
  const value = Number(text.replaceAll(',', ''))
  // −0 would print as "-0" in a pack; it is the same figure as 0.
  return { ok: true, value: value === 0 ? 0 : value }
}

/** A text cell, trimmed. Numbers and dates are taken as written; a spreadsheet error is refused. */
function parseText(cell: SheetCell | undefined): Parsed<string> {
  if (cell === undefined || cell === null) return { ok: true, value: '' }
  if (typeof cell === 'object' && 'error' in cell)
    return { ok: false, reason: messages.spreadsheetErrorInText(cell.error) }
  return { ok: true, value: (cellText(cell) ?? '').trim() }
}

/** Excel counts days from 30 December 1899 (or 1 January 1904 in the old Mac date system). */
function excelSerialToPeriod(serial: number, date1904: boolean): Period | null {
  // Only whole day numbers between 1990 and 2099 are taken as months; anything else is not a heading we expect.
  const offset = date1904 ? 1462 : 0
  const days = serial + offset
  if (!Number.isInteger(serial) || days < 32874 || days > 73050) return null
  const iso = new Date(Date.UTC(1899, 11, 30) + days * 86_400_000).toISOString()
  return iso.slice(0, 7)
}

function periodOfCell(cell: SheetCell, date1904: boolean): Period | null {
  if (cell === null || typeof cell === 'boolean') return null
  if (typeof cell === 'number') return excelSerialToPeriod(cell, date1904)
  if (typeof cell === 'string') return parseMonthHeading(cell) ?? periodOfDateText(cell.trim())
  return 'date' in cell ? cell.date.slice(0, 7) : null
}

/**
 * A heading saved as a full date, as Excel writes a date heading back into a CSV: `2018-04-01`, or the UK's
 * day-first `01/04/2018`. The day is ignored; an impossible date is not a month.
 */
function periodOfDateText(text: string): Period | null {
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text)
  const uk = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text)
  const [year, month, day] = iso ? [iso[1], iso[2], iso[3]] : uk ? [uk[3], uk[2], uk[1]] : []
  if (year === undefined || month === undefined || day === undefined) return null
  const period = `${year}-${month.padStart(2, '0')}`
  const days = new Date(Date.UTC(Number(year), Number(month), 0)).getUTCDate()
  return isPeriod(period) && Number(day) >= 1 && Number(day) <= days ? period : null
}

const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/

function parseId(cell: SheetCell | undefined): Parsed<string> {
  const text = parseText(cell)
  if (!text.ok) return text
  if (text.value === '') return { ok: false, reason: messages.blankId }
  if (!ID_PATTERN.test(text.value)) return { ok: false, reason: messages.badId(text.value) }
  return text
}

// Maps, not object literals: a cell reading "constructor" must not find Object.prototype.constructor.
const UNIT_WORDS = new Map<string, Unit>([
  ['count', 'count'],
  ['percentage', 'percentage'],
  ['percent', 'percentage'],
  ['%', 'percentage'],
  ['rate per 10,000', 'rate per 10,000'],
  ['rate per 10000', 'rate per 10,000'],
  ['rate', 'rate per 10,000'],
  ['days', 'days'],
])

const POLARITY_WORDS = new Map<string, Polarity>([
  ['higher', 'higher'],
  ['higher is better', 'higher'],
  ['lower', 'lower'],
  ['lower is better', 'lower'],
  ['neutral', 'neutral'],
])

function parseWord<T>(
  cell: SheetCell | undefined,
  words: ReadonlyMap<string, T>,
  blank: string,
  bad: (t: string) => string,
): Parsed<T> {
  const text = parseText(cell)
  if (!text.ok) return text
  if (text.value === '') return { ok: false, reason: blank }
  const value = words.get(text.value.toLowerCase().replace(/\s+/g, ' '))
  return value === undefined ? { ok: false, reason: bad(text.value) } : { ok: true, value }
}

// ---------------------------------------------------------------------------------------------------------------
// Headers.

type Role =
  | { kind: 'wide'; field: WideField }
  | { kind: 'long'; field: LongField }
  | { kind: 'month'; period: Period }
  | { kind: 'benchmark'; which: keyof Benchmarks }
  | { kind: 'target'; financialYear: FinancialYear }
  | { kind: 'unheaded' }
  /** A column whose heading was already reported as a problem: its cells are not checked again. */
  | { kind: 'ignored' }

interface Column {
  index: number
  /** The heading as written in the file (a date heading as Excel shows it, e.g. `Apr-18`). */
  heading: string
  role: Role
}

/** Headings match ignoring case, spaces and punctuation: "Service area" is `service_area`. */
function headingKey(heading: string): string {
  return heading.toLowerCase().replace(/[^a-z0-9]/g, '')
}

const WIDE_KEYS = new Map<string, WideField>([
  ...[...WIDE_REQUIRED, ...WIDE_OPTIONAL].map((field): [string, WideField] => [headingKey(field), field]),
  ['indicatorid', 'id'],
  ['ragtolerancepercent', 'rag_tolerance'],
])
const LONG_KEYS = new Map<string, LongField>([
  ...[...LONG_REQUIRED, ...LONG_OPTIONAL].map((field): [string, LongField] => [headingKey(field), field]),
  ['id', 'indicator_id'],
])
const BENCHMARK_KEYS = new Map<string, keyof Benchmarks>([
  ['benchmarkstatneighbours', 'statisticalNeighbours'],
  ['benchmarkstatisticalneighbours', 'statisticalNeighbours'],
  ['benchmarkengland', 'england'],
])
const LOOKS_LIKE_MONTH =
  /^[A-Za-z]{3,9}[\s\-/]+\d{2,4}$|^\d{4}[\s\-/]\d{1,2}$|^\d{1,2}[\s\-/]\d{4}$|^\d{4}-\d{2}-\d{2}$|^\d{1,2}\/\d{1,2}\/\d{4}$/
const TARGET_HEADING = /^target[\s_\-:]*(\d{4})[\s_\-/]*(\d{2}|\d{4})$/i

function headingOf(cell: SheetCell, date1904: boolean): { heading: string; period: Period | null } {
  if (cell !== null && typeof cell === 'object' && 'date' in cell) {
    const period = cell.date.slice(0, 7)
    return { heading: formatPeriodShort(period), period }
  }
  const heading = (cellText(cell) ?? '').trim()
  return { heading, period: periodOfCell(cell, date1904) }
}

function regionNameOf(heading: string): string {
  const words = heading
    .replace(/^benchmark[\s_\-:]*/i, '')
    .split(/[\s_-]+/)
    .filter((word) => word !== '')
  return words
    .map((word, i) =>
      i > 0 && ['and', 'the', 'of'].includes(word.toLowerCase())
        ? word.toLowerCase()
        : `${word.charAt(0).toUpperCase()}${word.slice(1).toLowerCase()}`,
    )
    .join(' ')
}

/**
 * Works out the layout and what each column holds. Returns null when the header is hopeless (not a figures file,
 * required columns missing), after reporting why; other header problems are reported and their columns skipped,
 * so the officer also hears about the data rows in the same pass.
 */
function readHeader(
  cells: readonly SheetCell[],
  rowNumber: number,
  date1904: boolean,
  problems: ProblemList,
): Header | null {
  const headings = cells.map((cell) => headingOf(cell, date1904))
  const keys = new Set(headings.map((h) => headingKey(h.heading)))
  const hasMonths = headings.some((h) => h.period !== null)
  const layout: 'wide' | 'long' | null =
    !hasMonths && (keys.has('period') || keys.has('value'))
      ? 'long'
      : hasMonths ||
          [...keys].some((key) => WIDE_KEYS.has(key) || key.startsWith('benchmark') || key.startsWith('target'))
        ? 'wide'
        : null
  if (layout === null) {
    problems.add(rowNumber, null, null, messages.notFigures)
    return null
  }

  const columns: Column[] = []
  const seen = new Map<string, string>()
  let region: Column | null = null
  const claim = (identity: string, column: Column, twice: (first: string) => string): boolean => {
    const first = seen.get(identity)
    if (first === undefined) {
      seen.set(identity, column.heading)
      return true
    }
    problems.add(rowNumber, column, null, twice(first))
    return false
  }

  for (const [index, { heading, period }] of headings.entries()) {
    const column: Column = { index, heading, role: { kind: 'ignored' } }
    columns.push(column)
    const key = headingKey(heading)
    if (heading === '') {
      column.role = { kind: 'unheaded' }
    } else if (layout === 'long') {
      const field = LONG_KEYS.get(key)
      if (field === undefined) problems.add(rowNumber, column, null, messages.unknownLongColumn(heading))
      else if (claim(field, column, (first) => messages.columnTwice(first, heading)))
        column.role = { kind: 'long', field }
    } else if (WIDE_KEYS.has(key)) {
      const field = WIDE_KEYS.get(key) as WideField
      if (claim(field, column, (first) => messages.columnTwice(first, heading))) column.role = { kind: 'wide', field }
    } else if (period !== null) {
      if (claim(`month ${period}`, column, (first) => messages.monthTwice(period, first, heading))) {
        column.role = { kind: 'month', period }
      }
    } else if (LOOKS_LIKE_MONTH.test(heading)) {
      problems.add(rowNumber, column, null, messages.notAMonthHeading(heading))
    } else if (key.startsWith('target')) {
      const match = TARGET_HEADING.exec(heading)
      const year = match ? `${match[1] ?? ''}-${(match[2] ?? '').slice(-2)}` : ''
      if (!isFinancialYear(year)) problems.add(rowNumber, column, null, messages.notATargetHeading(heading))
      else if (claim(`target ${year}`, column, (first) => messages.targetTwice(year, first, heading))) {
        column.role = { kind: 'target', financialYear: year }
      }
    } else if (BENCHMARK_KEYS.has(key)) {
      const which = BENCHMARK_KEYS.get(key) as keyof Benchmarks
      if (claim(which, column, (first) => messages.columnTwice(first, heading)))
        column.role = { kind: 'benchmark', which }
    } else if (key.startsWith('benchmark') && key !== 'benchmark') {
      if (region === null) {
        region = column
        column.role = { kind: 'benchmark', which: 'region' }
      } else {
        problems.add(rowNumber, column, null, messages.regionTwice(region.heading, heading))
      }
    } else {
      problems.add(rowNumber, column, null, messages.unknownWideColumn(heading))
    }
  }

  const present = new Set(columns.map((c) => (c.role.kind === 'wide' || c.role.kind === 'long' ? c.role.field : '')))
  if (layout === 'long') {
    const missing = LONG_REQUIRED.filter((field) => !present.has(field))
    if (missing.length > 0) {
      problems.add(rowNumber, null, null, messages.longMissing(missing))
      return null
    }
    return describeHeader(layout, columns, '')
  }
  const missing = WIDE_REQUIRED.filter((field) => !present.has(field))
  if (missing.length > 0) problems.add(rowNumber, null, null, messages.wideMissing(missing))
  const months = columns.filter((c) => c.role.kind === 'month').length
  if (months === 0) problems.add(rowNumber, null, null, messages.noMonths)
  if (missing.length > 0 || months === 0) return null
  return describeHeader(layout, columns, region === null ? '' : regionNameOf(region.heading))
}

/** The header, indexed for the row loop: which column holds each field, and which hold numbers. */
interface Header {
  layout: 'wide' | 'long'
  columns: Column[]
  regionName: string
  fields: Map<WideField | LongField, Column>
  /** Month, benchmark and target columns, in file order. */
  numberColumns: Column[]
  months: { index: number; period: Period }[]
}

function describeHeader(layout: 'wide' | 'long', columns: Column[], regionName: string): Header {
  const fields = new Map<WideField | LongField, Column>()
  const numberColumns: Column[] = []
  const months: { index: number; period: Period }[] = []
  for (const column of columns) {
    const { role } = column
    if (role.kind === 'wide' || role.kind === 'long') fields.set(role.field, column)
    if (role.kind === 'month' || role.kind === 'benchmark' || role.kind === 'target') numberColumns.push(column)
    if (role.kind === 'month') months.push({ index: column.index, period: role.period })
  }
  months.sort((a, b) => (a.period < b.period ? -1 : 1))
  return { layout, columns, regionName, fields, numberColumns, months }
}

function cellAt(cells: readonly SheetCell[], column: Column | undefined): SheetCell | undefined {
  return column === undefined ? undefined : cells[column.index]
}

// ---------------------------------------------------------------------------------------------------------------
// Rows.

interface PendingLink {
  row: number
  column: Column
  ownId: string
  targetId: string
  role: 'numerator' | 'denominator'
}

const ANY_NUMBER = { allowed: true, otherwise: '' }
const COUNT_ONLY = { allowed: false, otherwise: 'a numerator or denominator is a count' }
const PERCENT_RULES: Record<Unit, { allowed: boolean; otherwise: string }> = {
  percentage: ANY_NUMBER,
  count: { allowed: false, otherwise: 'this indicator is a count' },
  'rate per 10,000': { allowed: false, otherwise: 'this indicator is a rate per 10,000' },
  days: { allowed: false, otherwise: 'this indicator is in days' },
}

function parseUnit(cell: SheetCell | undefined): Parsed<Unit> {
  return parseWord(cell, UNIT_WORDS, messages.blankUnit, messages.badUnit)
}

function parsePolarity(cell: SheetCell | undefined): Parsed<Polarity> {
  return parseWord(cell, POLARITY_WORDS, messages.blankPolarity, messages.badPolarity)
}

function parseTolerance(cell: SheetCell | undefined): Parsed<number | null> {
  const parsed = parseNumber(cell, ANY_NUMBER)
  if (parsed.ok && parsed.value !== null && (parsed.value < 0 || parsed.value > 100)) {
    return { ok: false, reason: messages.badTolerance }
  }
  return parsed
}

function parseMeasure(cell: SheetCell | undefined): Parsed<MeasureLink | null> {
  if (cell === undefined || isBlank(cell)) return { ok: true, value: null }
  const text = cellText(cell) ?? ''
  const link = parseMeasureLink(text)
  if (link === null || measureDefinition(link.measureId) === undefined)
    return { ok: false, reason: messages.badMeasure(text) }
  return { ok: true, value: link }
}

function parsePeriod(cell: SheetCell | undefined, date1904: boolean): Parsed<Period> {
  if (cell === undefined || isBlank(cell)) return { ok: false, reason: messages.blankPeriod }
  const period = periodOfCell(cell, date1904)
  return period === null ? { ok: false, reason: messages.badPeriod(cellText(cell) ?? '') } : { ok: true, value: period }
}

/**
 * Receives rows from a CSV or XLSX reader and builds the figures, collecting every problem on the way.
 * The row methods avoid per-row closures: a long file may have hundreds of thousands of rows.
 */
class FiguresReader implements RowSink {
  private readonly problems: ProblemList
  private header: Header | null = null
  private headerSeen = false
  private dataRows = 0
  private readonly catalogue: Indicator[] = []
  private readonly observations: Observation[] = []
  private readonly wideValues: (number | null)[][] = []
  private readonly observationRows: number[] = []
  private readonly wideRows: number[] = []
  private readonly firstRowOf = new Map<string, number>()
  private readonly links: PendingLink[] = []

  constructor(
    file: string,
    private readonly container: string,
    private readonly date1904: boolean,
  ) {
    this.problems = new ProblemList(file)
  }

  malformed(rowNumber: number, reason: string): void {
    this.problems.add(rowNumber, null, null, reason)
  }

  row(cells: readonly SheetCell[], rowNumber: number): boolean {
    if (cells.every(isBlank)) return true
    // A workbook's cells can hold control characters a CSV's bytes cannot (those are refused as they are decoded):
    // each is reported, and the row is read on with them written out, so nothing quotes one back.
    if (!this.controlCharactersFree(cells, rowNumber)) {
      cells = cells.map((cell) => (typeof cell === 'string' ? visibleControlCharacters(cell) : cell))
    }
    if (!this.headerSeen) {
      this.headerSeen = true
      this.header = readHeader(cells, rowNumber, this.date1904, this.problems)
      return this.header !== null
    }
    if (this.header === null) return false
    this.dataRows += 1
    this.checkUnheaded(this.header, cells, rowNumber)
    if (this.header.layout === 'wide') this.readWideRow(this.header, cells, rowNumber)
    else this.readLongRow(this.header, cells, rowNumber)
    return true
  }

  finish(): Result<FiguresFile, ImportProblem> {
    if (!this.headerSeen) this.problems.add(null, null, null, messages.empty(this.container))
    else if (this.header !== null && this.dataRows === 0) {
      this.problems.add(null, null, null, messages.headerOnly(this.container))
    }
    this.checkLinks()
    if (this.problems.count > 0 || this.header === null) return failed(this.problems.list())

    const { layout, months } = this.header
    if (layout === 'long') {
      const periods = [...new Set(this.observations.map((o) => o.period))].sort()
      return ok({ layout, catalogue: [], observations: this.observations, months: periods, rows: this.observationRows })
    }
    const observations: Observation[] = []
    const rows: number[] = []
    this.catalogue.forEach((indicator, i) => {
      const values = this.wideValues[i] ?? []
      for (const { index, period } of months) {
        rows.push(this.wideRows[i] ?? 0)
        // The wide layout has no numerator/denominator cells: a percentage's counts are indicators of their own.
        observations.push({
          indicatorId: indicator.id,
          period,
          value: values[index] ?? null,
          numerator: null,
          denominator: null,
        })
      }
    })
    return ok({ layout, catalogue: this.catalogue, observations, months: months.map((m) => m.period), rows })
  }

  /** Keeps a parsed value, or reports why the cell could not be read and uses `fallback`. */
  private check<T>(
    rowNumber: number,
    column: Column | undefined,
    parsed: Parsed<T>,
    fallback: T,
    cell: SheetCell | undefined,
  ): T {
    if (parsed.ok) return parsed.value
    this.problems.add(rowNumber, column ?? null, cell ?? null, parsed.reason)
    return fallback
  }

  private text(header: Header, cells: readonly SheetCell[], rowNumber: number, field: WideField): string {
    const column = header.fields.get(field)
    const cell = cellAt(cells, column)
    return this.check(rowNumber, column, parseText(cell), '', cell)
  }

  /** Reports each cell holding a control character (a NUL cannot even be stored); false when there was one. */
  private controlCharactersFree(cells: readonly SheetCell[], rowNumber: number): boolean {
    let free = true
    for (let index = 0; index < cells.length; index++) {
      const cell = cells[index]
      if (typeof cell !== 'string') continue
      const at = controlCharacterIndex(cell)
      if (at < 0) continue
      free = false
      const column = this.header?.columns[index] ?? `column ${columnLetter(index)}`
      this.problems.add(
        rowNumber,
        column,
        visibleControlCharacters(cell),
        textFileMessages.badCell(cell.charCodeAt(at)),
      )
    }
    return free
  }

  private checkUnheaded(header: Header, cells: readonly SheetCell[], rowNumber: number): void {
    for (let index = 0; index < cells.length; index++) {
      const cell = cells[index]
      if (isBlank(cell) || (header.columns[index]?.role.kind ?? 'unheaded') !== 'unheaded') continue
      this.problems.add(rowNumber, `column ${columnLetter(index)}`, cell ?? null, messages.unheadedValue)
    }
  }

  private readWideRow(header: Header, cells: readonly SheetCell[], rowNumber: number): void {
    const { fields } = header
    const idColumn = fields.get('id')
    const idCell = cellAt(cells, idColumn)
    const id = this.check(rowNumber, idColumn, parseId(idCell), '', idCell)
    if (id !== '') {
      const firstRow = this.firstRowOf.get(id)
      if (firstRow === undefined) this.firstRowOf.set(id, rowNumber)
      else this.problems.add(rowNumber, idColumn ?? null, id, messages.idTwice(id, firstRow, rowNumber))
    }
    const title = this.text(header, cells, rowNumber, 'title')
    if (title === '') this.problems.add(rowNumber, fields.get('title') ?? null, null, messages.blankTitle)

    const unitColumn = fields.get('unit')
    const unitCell = cellAt(cells, unitColumn)
    const unit = this.check<Unit | null>(rowNumber, unitColumn, parseUnit(unitCell), null, unitCell)
    const polarityColumn = fields.get('polarity')
    const polarityCell = cellAt(cells, polarityColumn)
    const polarity = this.check<Polarity>(
      rowNumber,
      polarityColumn,
      parsePolarity(polarityCell),
      'neutral',
      polarityCell,
    )
    const toleranceColumn = fields.get('rag_tolerance')
    const toleranceCell = cellAt(cells, toleranceColumn)
    const tolerance = this.check(rowNumber, toleranceColumn, parseTolerance(toleranceCell), null, toleranceCell)
    const measureColumn = fields.get('measure')
    const measureCell = cellAt(cells, measureColumn)
    const measure = this.check(rowNumber, measureColumn, parseMeasure(measureCell), null, measureCell)

    const numeratorId = this.link(header, cells, rowNumber, id, 'numerator')
    const denominatorId = this.link(header, cells, rowNumber, id, 'denominator')
    if ((numeratorId === null) !== (denominatorId === null)) {
      const [given, missing] =
        numeratorId === null ? (['denominator', 'numerator'] as const) : (['numerator', 'denominator'] as const)
      this.problems.add(rowNumber, fields.get(missing) ?? null, null, messages.halfLink(given, missing))
    }

    const benchmarkItem = this.text(header, cells, rowNumber, 'benchmark_item')
    const vintageText = this.text(header, cells, rowNumber, 'benchmark_vintage')
    const vintage = vintageText === '' ? null : vintageText
    // A percent sign is only judged against a unit we could read; otherwise the unit's own problem says enough.
    const percent = unit === null ? ANY_NUMBER : PERCENT_RULES[unit]
    const benchmarks: Benchmarks = { statisticalNeighbours: null, england: null, region: null }
    const targets: Target[] = []
    const values: (number | null)[] = []
    for (const column of header.numberColumns) {
      const cell = cells[column.index]
      const value = this.check(rowNumber, column, parseNumber(cell, percent), null, cell)
      const { role } = column
      if (role.kind === 'month') values[column.index] = value
      else if (value === null) continue
      else if (role.kind === 'benchmark') benchmarks[role.which] = { value, vintage } satisfies Benchmark
      else if (role.kind === 'target') targets.push({ financialYear: role.financialYear, value })
    }
    targets.sort((a, b) => (a.financialYear < b.financialYear ? -1 : 1))

    this.catalogue.push({
      id,
      code: this.text(header, cells, rowNumber, 'code'),
      title,
      serviceArea: this.text(header, cells, rowNumber, 'service_area'),
      unit: unit ?? 'count',
      polarity,
      owner: this.text(header, cells, rowNumber, 'owner'),
      reporter: this.text(header, cells, rowNumber, 'reporter'),
      outcome: this.text(header, cells, rowNumber, 'outcome'),
      definition: this.text(header, cells, rowNumber, 'definition'),
      numeratorId,
      denominatorId,
      benchmarks,
      regionName: header.regionName,
      targets,
      ragTolerancePercent: tolerance ?? DEFAULT_RAG_TOLERANCE_PERCENT,
      measure,
      ...(benchmarkItem === '' ? {} : { benchmarkItem }),
    })
    this.wideValues.push(values)
    this.wideRows.push(rowNumber)
  }

  /** Reads a numerator or denominator id; whether it names a row is checked at the end, as it may be further down. */
  private link(
    header: Header,
    cells: readonly SheetCell[],
    rowNumber: number,
    ownId: string,
    role: 'numerator' | 'denominator',
  ): string | null {
    const targetId = this.text(header, cells, rowNumber, role)
    const column = header.fields.get(role)
    if (targetId === '' || column === undefined) return null
    this.links.push({ row: rowNumber, column, ownId, targetId, role })
    return targetId
  }

  private readLongRow(header: Header, cells: readonly SheetCell[], rowNumber: number): void {
    const { fields } = header
    const idColumn = fields.get('indicator_id')
    const idCell = cellAt(cells, idColumn)
    const id = this.check(rowNumber, idColumn, parseId(idCell), '', idCell)
    const periodColumn = fields.get('period')
    const periodCell = cellAt(cells, periodColumn)
    const period = this.check<Period | null>(
      rowNumber,
      periodColumn,
      parsePeriod(periodCell, this.date1904),
      null,
      periodCell,
    )
    const valueColumn = fields.get('value')
    const valueCell = cellAt(cells, valueColumn)
    const value = this.check(rowNumber, valueColumn, parseNumber(valueCell, ANY_NUMBER), null, valueCell)
    const numeratorColumn = fields.get('numerator')
    const numeratorCell = cellAt(cells, numeratorColumn)
    const numerator = this.check(
      rowNumber,
      numeratorColumn,
      parseNumber(numeratorCell, COUNT_ONLY),
      null,
      numeratorCell,
    )
    const denominatorColumn = fields.get('denominator')
    const denominatorCell = cellAt(cells, denominatorColumn)
    const denominator = this.check(
      rowNumber,
      denominatorColumn,
      parseNumber(denominatorCell, COUNT_ONLY),
      null,
      denominatorCell,
    )
    if (id === '' || period === null) return

    const key = `${id} ${period}`
    const firstRow = this.firstRowOf.get(key)
    if (firstRow === undefined) this.firstRowOf.set(key, rowNumber)
    else
      this.problems.add(
        rowNumber,
        periodColumn ?? null,
        periodCell ?? null,
        messages.figureTwice(id, period, firstRow, rowNumber),
      )
    this.observations.push({ indicatorId: id, period, value, numerator, denominator })
    this.observationRows.push(rowNumber)
  }

  /** Numerator and denominator ids can name rows further down, so they are checked once every row is in. */
  private checkLinks(): void {
    for (const link of this.links) {
      if (link.targetId === link.ownId) {
        this.problems.add(link.row, link.column, link.targetId, messages.selfLink(link.role))
      } else if (!this.firstRowOf.has(link.targetId)) {
        this.problems.add(link.row, link.column, link.targetId, messages.unknownLink(link.targetId, link.role))
      }
    }
  }
}

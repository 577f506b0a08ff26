/**
 * Where Annex A rows come from: a folder of CSV files (one per list) read with src/importers/csv-tokenizer.ts, or an Excel workbook
 * (one sheet per list) read with exceljs's streaming reader. Both hand each row on as plain cells — text, or a
 * number from a workbook — with its row number as the officer's spreadsheet shows it (header = 1).
 */
import type ExcelJS from 'exceljs'
import { once } from 'node:events'
import { createReadStream, createWriteStream } from 'node:fs'
import { open, readdir, rm } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { extname, join } from 'node:path'
import { pipeline } from 'node:stream/promises'
import { mergedCellScanner } from '../merged-cells.ts'
import { CsvTokenizer, type CsvMalformation } from '../csv-tokenizer.ts'
import { TextDecoding, type TextEncodingName } from '../text-file.ts'
import { listNumberOf, type RawCell } from './values.ts'
import { makeWorkFolder } from '../work-folder.ts'

/** Receives the rows of one list. */
export type RowHandler = (cells: readonly RawCell[], rowNumber: number) => void

/** A CSV file holding one list. */
export interface CsvList {
  list: number
  path: string
  /** The file's name, for telling the officer where the list came from. */
  source: string
}

/**
 * The list files in a folder: `list-1.csv` … `list-11.csv` (also `List 1.csv`, `list_1.csv`, `List 1 - Contacts.csv`).
 * Other files are ignored. When two files claim one list the first by name is used and the others are returned as
 * `duplicates`.
 * @example
 * await findCsvLists('/data/annex-a') // { lists: [{ list: 1, path: '/data/annex-a/list-1.csv', source: 'list-1.csv' }], duplicates: [] }
 */
export async function findCsvLists(folder: string): Promise<{ lists: CsvList[]; duplicates: CsvList[] }> {
  const entries = await readdir(folder, { withFileTypes: true })
  const names = entries
    .filter((entry) => entry.isFile() && extname(entry.name).toLowerCase() === '.csv')
    .map((entry) => entry.name)
    .sort((a, b) => a.localeCompare(b, 'en'))
  const lists: CsvList[] = []
  const duplicates: CsvList[] = []
  for (const name of names) {
    const list = listNumberOf(name.slice(0, -4))
    if (list === null) continue
    const found = { list, path: join(folder, name), source: name }
    if (lists.some((existing) => existing.list === list)) duplicates.push(found)
    else lists.push(found)
  }
  lists.sort((a, b) => a.list - b.list)
  return { lists, duplicates }
}

const MALFORMED: Record<CsvMalformation, string> = {
  MissingQuotes: 'A quoted cell is never closed: a double quote (") is missing, so later rows may be misread',
  InvalidQuotes: 'A cell has a stray double quote (") after its closing quote',
}

/**
 * Bytes read from a list file at a time. Their text must stay under V8's large-object size (128 KB): larger strings
 * go straight to the old generation, and a million-row file then costs extra full garbage collections.
 */
const READ_CHUNK_BYTES = 1 << 16

/**
 * Reads one CSV file in a single pass with the CSV tokenizer (src/importers/csv-tokenizer.ts, which reads as
 * papaparse does), calling `onRow` for every record (blank lines included, as they are rows in a spreadsheet; each
 * call gets a fresh array). Malformed quoting is passed to `onMalformed` with its row number. The bytes are decoded
 * by src/importers/text-file.ts (UTF-8, UTF-16 with its mark, or Windows-1252); resolves with the encoding read.
 * Rejects when the file cannot be read, with a `TextFileProblem` when it is not readable text.
 *
 * The file is read 64 KB at a time, the next read under way while the last is tokenized, and the event loop
 * gets a turn between chunks (the server reads uploads this way while it serves pages).
 * @example
 * await readCsvRows('/data/list-1.csv', (cells, row) => console.log(row, cells), () => {}) // 'UTF-8'
 */
export async function readCsvRows(
  path: string,
  onRow: RowHandler,
  onMalformed: (rowNumber: number, reason: string) => void,
  /** Asked after each chunk: a promise to wait for before the next (the caller is behind with what it was given). */
  pace: () => Promise<void> | null = () => null,
): Promise<TextEncodingName> {
  const decoding = new TextDecoding()
  const tokenizer = new CsvTokenizer(
    { row: onRow, malformed: (rowNumber, kind) => onMalformed(rowNumber, MALFORMED[kind]) },
    delimiterOf,
  )
  const handle = await open(path, 'r')
  // Two buffers in turn: the next chunk is read into one while the other's text is tokenized. Decoding may keep the
  // end of a chunk (a character cut in two) until it decodes the next, so a buffer is read into again only after
  // the other one has been decoded.
  let spare = Buffer.allocUnsafe(READ_CHUNK_BYTES)
  let reading = handle.read(Buffer.allocUnsafe(READ_CHUNK_BYTES), 0, READ_CHUNK_BYTES, null)
  try {
    for (;;) {
      const { bytesRead, buffer } = await reading
      if (bytesRead === 0) break
      const text = decoding.write(buffer.subarray(0, bytesRead))
      reading = handle.read(spare, 0, READ_CHUNK_BYTES, null)
      spare = buffer
      tokenizer.write(text)
      const behind = pace()
      if (behind !== null) await behind
    }
    tokenizer.write(decoding.end())
    tokenizer.end()
  } finally {
    // A file refused part-way still has a read under way: let it finish before closing.
    await reading.catch(() => undefined)
    await handle.close()
  }
  return decoding.encoding
}

/**
 * The delimiter of a CSV file, from its first line: a comma unless semicolons or tabs are more common there (a
 * file saved by Excel in a European locale). Papaparse's own guess fails on files with few columns.
 * @example
 * delimiterOf('Child Unique ID;Date of Contact\nA;30/04/2018') // ';'
 */
export function delimiterOf(text: string): string {
  const end = text.search(/[\r\n]/)
  const line = end < 0 ? text : text.slice(0, end)
  let best = ','
  let bestCount = count(line, ',')
  for (const candidate of [';', '\t']) {
    const n = count(line, candidate)
    if (n > bestCount) {
      best = candidate
      bestCount = n
    }
  }
  return best
}

function count(text: string, character: string): number {
  let n = 0
  for (let i = text.indexOf(character); i >= 0; i = text.indexOf(character, i + 1)) n++
  return n
}

/** One worksheet met while streaming a workbook. */
export interface SheetVisitor {
  /**
   * Called with each worksheet's name, whether the workbook counts dates from 1904 (old Mac workbooks) and the
   * ranges of its merged cells (src/importers/merged-cells.ts): return a row handler to read the sheet, or null to
   * skip it.
   */
  sheet(name: string, date1904: boolean, merges: readonly string[]): RowHandler | null
  /** Called when the sheet being read has ended. */
  sheetEnd(name: string): void
}

/** A zip entry as unzipper hands it over: a readable stream with its path in the archive. */
type ZipEntry = NodeJS.ReadableStream & { path: string; autodrain(): unknown }

/** The parts of exceljs's streaming WorkbookReader used here, some of them internal (see readWorkbookRows). */
interface WorkbookReaderInternals {
  properties?: { model?: { date1904?: unknown } }
  _parseRels(entry: ZipEntry): Promise<void>
  _parseWorkbook(entry: ZipEntry): Promise<void>
  _parseStyles(entry: ZipEntry): Promise<void>
  _parseSharedStrings(entry: ZipEntry): AsyncGenerator
  _parseWorksheet(iterator: AsyncIterable<unknown>, sheetNo: string): Generator<{ eventType: string; value: unknown }>
}

/** One file in a zip archive's central directory, as unzipper's Open reads it. */
export interface ZipDirectoryEntry {
  path: string
  type: 'File' | 'Directory'
  flags: number
  compressedSize: number
  uncompressedSize: number
  /** 0 stored, 8 deflated (what zip tools write); anything else is unpacked by unzipper itself. */
  compressionMethod: number
  crc32: number
  offsetToLocalFileHeader: number
  stream(): NodeJS.ReadableStream
}

/** The zip reader exceljs itself depends on, loaded from exceljs's own dependencies. */
export interface Unzipper {
  Parse(options: { forceStream: boolean }): NodeJS.ReadWriteStream
  Open: { file(path: string): Promise<{ files: ZipDirectoryEntry[] }> }
}

/** Loads unzipper from exceljs's dependencies (Scrutineer does not depend on it directly). */
export function loadUnzipper(): Unzipper {
  return createRequire(createRequire(import.meta.url).resolve('exceljs'))('unzipper') as Unzipper
}

/**
 * Streams an .xlsx workbook sheet by sheet without loading it whole. Cells arrive as text or numbers: dates as ISO
 * text (exceljs gives JS Dates at UTC midnight), formulas as their cached result, error cells as their text
 * (`#N/A`), rich text joined. Rejects when the file is not a readable workbook.
 *
 * This drives exceljs's streaming WorkbookReader (its shared-string, style and worksheet parsers) with a loop of
 * its own over the zip entries: exceljs 4.4's loop (its iterate-stream helper) stops early on some workbooks,
 * including the public sample Annex_A.xlsx, so cells arrive without their text and later sheets are missing
 * (exceljs issue #683, fixed upstream in exceljs PR #2915). As exceljs does, sheets wait in temporary files until
 * the shared strings and styles, stored after them in Excel's files, have been read.
 * @example
 * await readWorkbookRows('/data/Annex_A.xlsx', { sheet: (name) => (cells, row) => console.log(name, row), sheetEnd: () => {} })
 */
export async function readWorkbookRows(path: string, visitor: SheetVisitor): Promise<void> {
  // Loaded on first use: a folder of CSV files never needs exceljs, which takes a while to load.
  const { default: excel } = await import('exceljs')
  const unzipper = loadUnzipper()
  const reader = new excel.stream.xlsx.WorkbookReader(path, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  }) as unknown as WorkbookReaderInternals
  const folder = await makeWorkFolder('annex-a')
  try {
    const sheets: Array<{ sheetNo: string; file: string; merges: () => string[] }> = []
    const input = createReadStream(path)
    const zip = input.pipe(unzipper.Parse({ forceStream: true }))
    // A damaged archive (e.g. cut short) fails on the zip stream while the entry being read never ends: every wait
    // below races that failure, so a broken file is reported instead of leaving the import waiting for ever.
    let fail: (error: unknown) => void = () => undefined
    const failed = new Promise<never>((_, reject) => {
      fail = reject
    })
    failed.catch(() => undefined)
    input.on('error', (error) => fail(error))
    zip.on('error', (error) => fail(error))
    const settle = <T>(work: Promise<T>): Promise<T> => Promise.race([work, failed])
    try {
      for await (const entry of zip as AsyncIterable<ZipEntry>) {
        const sheet = /^xl\/worksheets\/sheet(\d+)\.xml$/.exec(entry.path)
        if (sheet !== null) {
          const file = join(folder, `sheet${sheet[1] ?? ''}.xml`)
          // Merged cells are noted as the sheet goes by (the streaming reader itself passes over them).
          const scan = mergedCellScanner()
          await settle(pipeline(entry, scan.stream, createWriteStream(file)))
          sheets.push({ sheetNo: sheet[1] ?? '', file, merges: scan.ranges })
          continue
        }
        switch (entry.path) {
          case 'xl/_rels/workbook.xml.rels':
            await settle(reader._parseRels(entry))
            break
          case 'xl/workbook.xml':
            await settle(reader._parseWorkbook(entry))
            break
          case 'xl/styles.xml':
            await settle(reader._parseStyles(entry))
            break
          case 'xl/sharedStrings.xml':
            await settle(drain(reader._parseSharedStrings(entry)))
            break
          default:
            entry.autodrain()
        }
      }
    } finally {
      input.destroy()
    }
    sheets.sort((a, b) => Number(a.sheetNo) - Number(b.sheetNo))
    const date1904 = reader.properties?.model?.date1904 === true
    for (const { sheetNo, file, merges } of sheets) {
      const stream = createReadStream(file)
      try {
        for (const { value } of reader._parseWorksheet(stream, sheetNo)) {
          // exceljs types omit the streaming worksheet reader's name and row iteration.
          const worksheet = value as AsyncIterable<ExcelJS.Row> & { name: string }
          const onRow = visitor.sheet(worksheet.name, date1904, merges())
          if (onRow === null) continue
          for await (const row of worksheet) {
            const values = row.values as unknown[]
            const cells = new Array<RawCell>(Math.max(values.length - 1, 0))
            for (let i = 1; i < values.length; i++) cells[i - 1] = toRawCell(values[i])
            onRow(cells, row.number)
          }
          visitor.sheetEnd(worksheet.name)
        }
      } finally {
        // A sheet passed over is never read: its file must be closed before the folder is removed, or its opening,
        // still under way, fails with nobody listening and ends the process (seen once in a full test run).
        if (!stream.closed) {
          const closed = once(stream, 'close')
          stream.destroy()
          await closed
        }
      }
    }
  } finally {
    await rm(folder, { recursive: true, force: true })
  }
}

/** Runs a generator to its end (the shared strings are cached on the reader as it goes). */
async function drain(generator: AsyncGenerator): Promise<void> {
  for (;;) {
    const step = await generator.next()
    if (step.done === true) return
  }
}

/**
 * One exceljs cell value as plain text or a number.
 * @example
 * toRawCell(new Date(Date.UTC(2018, 3, 30))) // '2018-04-30'
 */
export function toRawCell(value: unknown): RawCell {
  if (value === null || value === undefined) return ''
  if (typeof value === 'string' || typeof value === 'number') return value
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE'
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return ''
    const month = value.getUTCMonth() + 1
    const day = value.getUTCDate()
    return `${value.getUTCFullYear()}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`
  }
  if (typeof value === 'object') {
    const cell = value as { richText?: Array<{ text?: unknown }>; result?: unknown; error?: unknown; text?: unknown }
    if (Array.isArray(cell.richText))
      return cell.richText.map((part) => (typeof part.text === 'string' ? part.text : '')).join('')
    if ('formula' in cell || 'sharedFormula' in cell) return toRawCell(cell.result)
    if (typeof cell.error === 'string') return cell.error
    if ('text' in cell) return toRawCell(cell.text)
  }
  return ''
}

/**
 * Reads a DfE SSDA903 (children looked after) return: a folder, or a .zip, of the CSV files DfE names `header.csv`,
 * `episodes.csv`, `uasc.csv`, `oc2.csv`, `oc3.csv`, `ad1.csv`, `placed_for_adoption.csv`, `reviews.csv`,
 * `missing.csv`, `sw_episodes.csv` and `previous_permanence.csv`. Each file is read with the CSV path every list
 * file takes (src/importers/annex-a/sources.ts: the tokenizer, the text checks, any encoding Excel saves), its
 * header matched to the 2024 schema (reference/ssda903) whatever the case or order of the columns, and every cell
 * checked against its column: a date, one of the column's codes, a whole number.
 *
 * A cell that cannot be read is a problem naming the file, row, column, value and why, and its value is null and
 * listed as invalid, so a measure reading it leaves only that row out. A return with no episodes file, or whose
 * episodes file lacks CHILD or DECOM, a file that is not text, or a zip that cannot be unpacked safely, is refused
 * whole. The tables are turned into the Annex A records the measures read by ./annex-a-rows.ts.
 */
import { readdir, rm, stat } from 'node:fs/promises'
import { basename, extname, join } from 'node:path'
import { failed, ok, type Result } from '../../domain/result.ts'
import { readCsvRows } from '../annex-a/sources.ts'
import { isBlank, parseCount, parseDate, type RawCell } from '../annex-a/values.ts'
import { unpackCsvZip } from '../annex-a/zip.ts'
import type { ImportProblem } from '../problem.ts'
import { TextFileProblem } from '../text-file.ts'
import { loadSsda903Schema, SSDA903_TABLES, type Ssda903Column, type Ssda903Table } from './schema.ts'
import { makeWorkFolder } from '../work-folder.ts'

/** One data row of a table: its row number in the file (header = 1), each column's value, and unreadable columns. */
export interface Ssda903Row {
  row: number
  /** By upper-case column name: a date as `YYYY-MM-DD`, a code as the schema spells it, text trimmed; null blank. */
  values: Readonly<Record<string, string | null>>
  /** Columns whose cell was present but could not be read (their value is null). */
  invalid: ReadonlySet<string>
  /** The row's cells as the file had them, for storing (a stored row is re-read by `readStoredTable`). */
  cells: readonly string[]
}

export interface Ssda903TableRead {
  table: Ssda903Table
  /** The file's name as the officer named it. */
  file: string
  /** The file's header row as it was written. */
  headers: readonly string[]
  rows: Ssda903Row[]
}

export interface Ssda903Read {
  /** The tables found, in DfE's order. */
  tables: Map<Ssda903Table, Ssda903TableRead>
  /** Cells that could not be read, blank cells the return needs, dates out of order. */
  errors: ImportProblem[]
  /** Missing tables and columns, files passed over. */
  warnings: ImportProblem[]
}

/** The sentences an officer may read, exported so tests and docs quote the same words. */
export const ssda903Messages = {
  missing: (name: string): string => `There is no file or folder ${name}.`,
  notReturn: (name: string): string =>
    `${name} is neither a folder nor a .zip of the SSDA903 CSV files (header.csv, episodes.csv, uasc.csv, oc3.csv…).`,
  noEpisodes: (name: string): string =>
    `${name} has no episodes file (episodes.csv), so no child's time looked after can be worked out. Put the return's CSV files, named as DfE names them, in the folder or zip.`,
  noColumn: (column: string, file: string): string =>
    `${file} has no ${column} column, so none of its rows can be used. Check the file's first row holds the column names.`,
  missingTable: (file: string): string => `There is no ${file}: the measures that need it have no data from it.`,
  missingColumn: (column: string, file: string): string =>
    `${file} has no ${column} column: the measures that need it have no data from it.`,
  unknownColumn: (column: string, file: string): string =>
    `${file} has a column ${column} that the SSDA903 return does not have: it was passed over.`,
  otherFile: (file: string): string => `${file} is not one of the SSDA903 files: it was passed over.`,
  duplicate: (file: string, used: string): string =>
    `${file} holds the same table as ${used}, which was read instead: it was passed over.`,
  blank: (column: string): string => `${column} is blank, but the SSDA903 return needs it.`,
  notCode: (column: string, examples: string): string =>
    `Not one of the ${column} codes (expected one of ${examples}).`,
  endedBeforeStart: (start: string): string => `The episode ends (DEC) before it starts (DECOM ${start}).`,
  missingEndsBeforeStart: (start: string): string =>
    `The missing episode ends (MIS_END) before it starts (MIS_START ${start}).`,
} as const

/** The columns without which a table gives nothing (its rows cannot be placed). */
const NEEDED: Partial<Record<Ssda903Table, readonly string[]>> = { episodes: ['CHILD', 'DECOM'] }

/** A file's table, from its name: `episodes.csv`, `Episodes.csv`, `SSDA903_episodes_2024.csv`, `PrevPerm.csv`. */
export function tableOfFile(fileName: string): Ssda903Table | null {
  const key = fileName
    .replace(/\.csv$/i, '')
    .toLowerCase()
    .replace(/ssda903/g, '')
    .replace(/(19|20)\d\d/g, '')
    .replace(/[^a-z0-9]/g, '')
  const aliases: Record<string, Ssda903Table> = {
    placedadoption: 'placed_for_adoption',
    prevperm: 'previous_permanence',
    socialworker: 'sw_episodes',
    socialworkerepisodes: 'sw_episodes',
    header: 'header',
  }
  for (const table of SSDA903_TABLES) if (key === table.replace(/_/g, '')) return table
  return aliases[key] ?? null
}

function problem(file: string, row: number | null, column: string | null, value: string | null, reason: string) {
  return { file, row, column, value, reason }
}

/** How a coded column's codes are listed to an officer: a few of them. */
function examples(column: Ssda903Column): string {
  const codes = [...new Set(column.codes.values())]
  return codes.length <= 8 ? codes.join(', ') : `${codes.slice(0, 6).join(', ')} … ${codes.at(-1) ?? ''}`
}

/** Reads one table's rows, checking each cell against its column. */
class TableReader {
  readonly rows: Ssda903Row[] = []
  /** The header row as written. */
  headers: string[] = []
  private header: Array<Ssda903Column | null> | null = null
  private childIndex = -1
  refused: ImportProblem | null = null

  constructor(
    readonly table: Ssda903Table,
    readonly file: string,
    private readonly columns: readonly Ssda903Column[],
    private readonly read: Ssda903Read,
  ) {}

  row(cells: readonly RawCell[], rowNumber: number): void {
    if (this.refused !== null || cells.every((cell) => isBlank(cell))) return
    if (this.header === null) {
      this.headers = cells.map((cell) => String(cell))
      this.readHeader(this.headers)
      return
    }
    const values: Record<string, string | null> = {}
    let invalid: Set<string> | null = null
    const child = this.childIndex < 0 ? '' : String(cells[this.childIndex] ?? '').trim()
    const who = child === '' ? '' : `child ${child}: `
    for (let i = 0; i < this.header.length; i++) {
      const column = this.header[i]
      if (column === null || column === undefined) continue
      const raw = cells[i] ?? ''
      const text = String(raw).trim()
      if (text === '') {
        values[column.name] = null
        if (!column.canBeBlank)
          this.read.errors.push(
            problem(this.file, rowNumber, column.name, '', who + ssda903Messages.blank(column.name)),
          )
        continue
      }
      const parsed = readCell(column, text)
      if (parsed.ok) {
        values[column.name] = parsed.value
      } else {
        values[column.name] = null
        invalid ??= new Set()
        invalid.add(column.name)
        this.read.errors.push(problem(this.file, rowNumber, column.name, text, who + parsed.reason))
      }
    }
    for (const column of this.columns) if (!(column.name in values)) values[column.name] = null
    this.checkOrder(values, cells, rowNumber, who)
    this.rows.push({ row: rowNumber, values, invalid: invalid ?? NONE, cells: cells.map((cell) => String(cell)) })
  }

  /** Dates that cannot come in this order: an episode or missing episode ending before it starts. */
  private checkOrder(
    values: Record<string, string | null>,
    cells: readonly RawCell[],
    rowNumber: number,
    who: string,
  ): void {
    const pair =
      this.table === 'episodes'
        ? (['DECOM', 'DEC', ssda903Messages.endedBeforeStart] as const)
        : this.table === 'missing'
          ? (['MIS_START', 'MIS_END', ssda903Messages.missingEndsBeforeStart] as const)
          : null
    if (pair === null) return
    const start = values[pair[0]]
    const end = values[pair[1]]
    if (start != null && end != null && end < start) {
      const uk = `${start.slice(8, 10)}/${start.slice(5, 7)}/${start.slice(0, 4)}`
      // The end date as the officer wrote it, not as it was read.
      const raw = String(cells[this.header?.findIndex((column) => column?.name === pair[1]) ?? -1] ?? end).trim()
      this.read.errors.push(problem(this.file, rowNumber, pair[1], raw, who + pair[2](uk)))
    }
  }

  private readHeader(cells: string[]): void {
    const names = cells.map((cell, i) => {
      const name = cell.trim().toUpperCase()
      return i === 0 && name.charCodeAt(0) === 0xfeff ? name.slice(1) : name
    })
    const byName = new Map(this.columns.map((column) => [column.name, column]))
    this.header = names.map((name) => byName.get(name) ?? null)
    names.forEach((name, i) => {
      if (name !== '' && this.header?.[i] === null)
        this.read.warnings.push(problem(this.file, 1, name, null, ssda903Messages.unknownColumn(name, this.file)))
    })
    this.childIndex = names.indexOf('CHILD')
    for (const column of this.columns) {
      if (names.includes(column.name)) continue
      if ((NEEDED[this.table] ?? []).includes(column.name)) {
        this.refused = problem(this.file, 1, column.name, null, ssda903Messages.noColumn(column.name, this.file))
        return
      }
      this.read.warnings.push(
        problem(this.file, 1, column.name, null, ssda903Messages.missingColumn(column.name, this.file)),
      )
    }
  }
}

const NONE: ReadonlySet<string> = new Set()

/** One cell read as its column says: a date, a code, a whole number, or text. */
function readCell(column: Ssda903Column, text: string): { ok: true; value: string } | { ok: false; reason: string } {
  switch (column.kind) {
    case 'date': {
      const parsed = parseDate(text)
      return parsed.ok ? parsed : { ok: false, reason: `${parsed.reason} (DfE writes dates as 30/04/2018).` }
    }
    case 'code': {
      const code = column.codes.get(text.toUpperCase())
      return code === undefined
        ? { ok: false, reason: ssda903Messages.notCode(column.name, examples(column)) }
        : { ok: true, value: code }
    }
    case 'integer': {
      const parsed = parseCount(text)
      return parsed.ok ? { ok: true, value: String(parsed.value) } : parsed
    }
    case 'text':
      return { ok: true, value: text }
  }
}

export interface ReadSsda903Options {
  /** The name the officer knows the return by (an upload's file name); default the path's. */
  file?: string
  /** Most bytes a .zip may unpack to (default 1 GB). */
  maxUnpackedBytes?: number
}

/**
 * Reads a return from a folder of its CSV files or a .zip of them. Never throws for anything in the files: a
 * return that cannot be read is `{ ok: false, problems }`.
 * @example
 * const read = await readSsda903('fixtures/ssda903')
 * if (read.ok) read.value.tables.get('episodes')?.rows.length // 5050
 */
export async function readSsda903(
  path: string,
  options: ReadSsda903Options = {},
): Promise<Result<Ssda903Read, ImportProblem>> {
  const name = options.file ?? basename(path)
  const refuse = (reason: string) => failed([problem(name, null, null, null, reason)])
  let isFolder: boolean
  try {
    isFolder = (await stat(path)).isDirectory()
  } catch {
    return refuse(ssda903Messages.missing(name))
  }
  if (isFolder) return readFolder(path, name)
  if (extname(path).toLowerCase() !== '.zip') return refuse(ssda903Messages.notReturn(name))
  const folder = await makeWorkFolder('ssda903')
  try {
    const unpacked = await unpackCsvZip(path, folder, name, { maxUnpackedBytes: options.maxUnpackedBytes ?? 2 ** 30 })
    if (!unpacked.ok) return unpacked
    return await readFolder(folder, name)
  } finally {
    await rm(folder, { recursive: true, force: true })
  }
}

async function readFolder(folder: string, name: string): Promise<Result<Ssda903Read, ImportProblem>> {
  const schema = loadSsda903Schema()
  const read: Ssda903Read = { tables: new Map(), errors: [], warnings: [] }
  let files: string[]
  try {
    files = (await readdir(folder, { withFileTypes: true }))
      .filter((entry) => entry.isFile() && extname(entry.name).toLowerCase() === '.csv')
      .map((entry) => entry.name)
      .sort((a, b) => a.localeCompare(b, 'en'))
  } catch {
    return failed([problem(name, null, null, null, ssda903Messages.notReturn(name))])
  }
  const found = new Map<Ssda903Table, string>()
  for (const file of files) {
    const table = tableOfFile(file)
    if (table === null) read.warnings.push(problem(file, null, null, null, ssda903Messages.otherFile(file)))
    else if (found.has(table))
      read.warnings.push(problem(file, null, null, null, ssda903Messages.duplicate(file, found.get(table) ?? '')))
    else found.set(table, file)
  }
  if (!found.has('episodes')) return failed([problem(name, null, null, null, ssda903Messages.noEpisodes(name))])
  for (const table of SSDA903_TABLES) {
    const file = found.get(table)
    if (file === undefined) {
      read.warnings.push(problem(name, null, null, null, ssda903Messages.missingTable(`${table}.csv`)))
      continue
    }
    const reader = new TableReader(table, file, schema.get(table) ?? [], read)
    try {
      await readCsvRows(
        join(folder, file),
        (cells, row) => reader.row(cells, row),
        (row, reason) => read.errors.push(problem(file, row, null, null, reason)),
      )
    } catch (error) {
      if (error instanceof TextFileProblem) return failed([problem(file, error.line, null, null, error.reason)])
      return failed([problem(file, null, null, null, `${file} could not be read.`)])
    }
    if (reader.refused !== null) return failed([reader.refused])
    read.tables.set(table, { table, file, headers: reader.headers, rows: reader.rows })
  }
  return ok(read)
}

/**
 * A table's stored rows (its header as the file had it and each row's cells) read again exactly as the file was:
 * the same checks by the same reader, so a stored return re-reads to the same values (the drill-down).
 * @example readStoredTable('missing', ['CHILD', 'MISSING', 'MIS_START'], [{ row: 2, cells: ['7', 'M', '03/04/2018'] }])
 */
export function readStoredTable(
  table: Ssda903Table,
  headers: readonly string[],
  rows: ReadonlyArray<{ row: number; cells: readonly string[] }>,
): Ssda903Row[] {
  const read: Ssda903Read = { tables: new Map(), errors: [], warnings: [] }
  const reader = new TableReader(table, `${table}.csv`, loadSsda903Schema().get(table) ?? [], read)
  reader.row(headers, 1)
  for (const { row, cells } of rows) reader.row(cells, row)
  return reader.rows
}

/**
 * Reads an Ofsted Annex A return — an .xlsx workbook with one sheet per list, or a folder of CSV files — into the
 * typed records the measures read, with every problem found (docs/spec/measures.md, "Input: Ofsted Annex A lists"
 * and "Errors"). Bad cells and blank required cells are reported and never stop the other rows; only a file that
 * cannot be read at all is fatal, and then the caller changes nothing.
 */
import { open, stat } from 'node:fs/promises'
import { basename, extname } from 'node:path'
import { emptyAnnexA, type AnnexA } from '../../domain/annex-a/records.ts'
import type { RowBlock } from '../../domain/annex-a/row-blocks.ts'
import { failed, ok, type Result } from '../../domain/result.ts'
import { ListReader, type AnnexAListRows, type AnnexAProblem, type ImportCollector } from './list-reader.ts'
import { mergedCellsReason } from '../merged-cells.ts'
import { encodingNote, TextFileProblem, type TextEncodingName } from '../text-file.ts'
import { findCsvLists, readCsvRows, readWorkbookRows } from './sources.ts'
import { loadAnnexASpec } from './spec.ts'
import { listNumberOf } from './values.ts'

export type { AnnexAListRows, AnnexAProblem } from './list-reader.ts'

/** What one import found. */
export interface AnnexAImport {
  records: AnnexA
  /** Cells that could not be read, and dates out of order. */
  errors: AnnexAProblem[]
  /** Missing lists and columns, blank cells where Annex A expects a value. */
  warnings: AnnexAProblem[]
  /** The lists found, in list order, with how many data rows each had and the sheet or file it came from. */
  lists: Array<{ list: number; rows: number; source: string }>
  /** Every list's rows as text, by list number: only when `keepRows` was asked for. */
  rows?: Record<number, AnnexAListRows>
  /**
   * The months a return of one collection year covers (an SSDA903 return), when its records cannot say: its
   * figures are written from `first`, and it reports up to `last` unless told otherwise.
   */
  covers?: { first: string; last: string }
}

export interface ReadAnnexAOptions {
  /** Told how far each list has got, every few thousand rows and at the end of each list. */
  onProgress?: (info: { list: number; rows: number }) => void
  /** Also return each list's rows as text (for storing the import). */
  keepRows?: boolean
  /**
   * With `keepRows`: given each list's blocks of rows as they fill, in row order, instead of keeping them (the
   * lists' `blocks` are then empty), so that an import stores them while the rest is read.
   */
  onBlock?: ((list: number, block: RowBlock) => void) | undefined
  /**
   * Asked as a CSV list is read: a promise to wait for before reading on, when whoever takes the blocks is behind
   * (so that blocks waiting to be stored do not pile up in memory).
   */
  pace?: (() => Promise<void> | null) | undefined
}

/** The plain-English names of the lists, for warnings about missing ones. */
export const LIST_NAMES: Record<number, string> = {
  1: 'contacts',
  2: 'early help assessments',
  3: 'referrals',
  4: 'assessments',
  5: 'section 47 enquiries and ICPCs',
  6: 'children in need',
  7: 'child protection plans',
  8: 'children looked after',
  9: 'care leavers',
  10: 'adoption',
  11: 'adopters',
}

const PROGRESS_EVERY = 50_000

/**
 * Reads an Annex A workbook (.xlsx) or a folder of `list-1.csv` … `list-11.csv` files. Missing lists are allowed
 * (a warning each). The result is not ok only when nothing could be read: no such file, a damaged workbook, a
 * folder or workbook with no lists.
 * @example
 * const result = await readAnnexA('returns/Annex_A.xlsx')
 * if (result.ok) console.log(result.value.records.contacts.length, result.value.errors.length)
 * else console.log(result.problems[0]?.reason)
 */
export async function readAnnexA(
  path: string,
  options: ReadAnnexAOptions = {},
): Promise<Result<AnnexAImport, AnnexAProblem>> {
  const kind = await inputKind(path)
  if (kind.kind === 'fatal') return fatal(kind.reason)

  const spec = loadAnnexASpec()
  const collector: ImportCollector = {
    records: emptyAnnexA(),
    errors: [],
    warnings: [],
    dateCache: new Map(),
  }
  const keepRows = options.keepRows === true
  const found: Array<{ reader: ListReader; source: string }> = []
  const progress = options.onProgress
  const onBlock = options.onBlock
  const blockSink = (list: number) => (onBlock === undefined ? undefined : (block: RowBlock) => onBlock(list, block))

  /** Wraps a list reader so progress is reported as rows arrive. */
  const handlerFor = (reader: ListReader) => {
    let next = PROGRESS_EVERY
    return (cells: readonly (string | number)[], rowNumber: number) => {
      reader.row(cells, rowNumber)
      if (progress !== undefined && reader.rows >= next) {
        next += PROGRESS_EVERY
        progress({ list: reader.list, rows: reader.rows })
      }
    }
  }
  const endList = (reader: ListReader) => {
    reader.finish()
    progress?.({ list: reader.list, rows: reader.rows })
  }

  if (kind.kind === 'folder') {
    let csv: Awaited<ReturnType<typeof findCsvLists>>
    try {
      csv = await findCsvLists(path)
    } catch {
      return fatal(`The folder ${basename(path)} could not be read`)
    }
    if (csv.lists.length === 0) {
      return fatal(
        `No Annex A lists were found in the folder ${basename(path)}: expected CSV files named list-1.csv to list-11.csv`,
      )
    }
    for (const duplicate of csv.duplicates) {
      collector.warnings.push(duplicateWarning(duplicate.list, duplicate.source))
    }
    for (const file of csv.lists) {
      const reader = new ListReader(file.list, spec, collector, {
        keepRows,
        date1904: false,
        onBlock: blockSink(file.list),
      })
      let encoding: TextEncodingName
      try {
        encoding = await readCsvRows(
          file.path,
          handlerFor(reader),
          (row, reason) => collector.errors.push({ list: file.list, row, column: null, value: null, reason }),
          options.pace,
        )
      } catch (error) {
        if (!(error instanceof TextFileProblem)) return fatal(`The file ${file.source} could not be read`)
        return failed([
          { list: file.list, row: error.line, column: null, value: null, reason: `${file.source}: ${error.reason}` },
        ])
      }
      const note = encodingNote(file.source, encoding)
      if (note !== null)
        collector.warnings.push({ list: file.list, row: null, column: null, value: null, reason: note })
      endList(reader)
      found.push({ reader, source: file.source })
    }
  } else {
    let current: ListReader | null = null
    const merged: string[] = []
    try {
      await readWorkbookRows(path, {
        sheet: (name, date1904, merges) => {
          const list = listNumberOf(name)
          if (list === null) return null
          // A list with merged cells is refused whole (src/importers/merged-cells.ts); the rest are still looked at
          // so that one refusal names every sheet to fix.
          if (merges.length > 0) {
            merged.push(mergedCellsReason(name, merges))
            return null
          }
          if (found.some((entry) => entry.reader.list === list)) {
            collector.warnings.push(duplicateWarning(list, `sheet "${name}"`))
            return null
          }
          current = new ListReader(list, spec, collector, { keepRows, date1904, onBlock: blockSink(list) })
          found.push({ reader: current, source: name })
          return handlerFor(current)
        },
        sheetEnd: () => {
          if (current !== null) endList(current)
          current = null
        },
      })
    } catch {
      return fatal(`${basename(path)} could not be opened: it may be damaged, or not an Excel .xlsx workbook`)
    }
    if (merged.length > 0)
      return failed(merged.map((reason) => ({ list: null, row: null, column: null, value: null, reason })))
    if (found.length === 0) {
      return fatal(`The workbook ${basename(path)} has no sheets named List 1 to List 11`)
    }
    found.sort((a, b) => a.reader.list - b.reader.list)
  }

  const present = new Set(found.map((entry) => entry.reader.list))
  const missing: AnnexAProblem[] = []
  for (let list = 1; list <= 11; list++) {
    if (present.has(list)) continue
    missing.push({
      list,
      row: null,
      column: null,
      value: null,
      reason: `List ${list} (${LIST_NAMES[list] ?? 'unknown'}) was not found, so the measures that need it have no data`,
    })
  }
  collector.warnings.unshift(...missing)

  const value: AnnexAImport = {
    records: collector.records,
    errors: collector.errors,
    warnings: collector.warnings,
    lists: found.map((entry) => ({ list: entry.reader.list, rows: entry.reader.rows, source: entry.source })),
  }
  if (keepRows) {
    const rows: Record<number, AnnexAListRows> = {}
    for (const entry of found) {
      const kept = entry.reader.keptRows
      rows[entry.reader.list] = kept ?? { headers: [], rows: 0, blocks: [], childIdIndex: null }
    }
    value.rows = rows
  }
  return ok(value)
}

function fatal(reason: string): { ok: false; problems: AnnexAProblem[] } {
  return failed([{ list: null, row: null, column: null, value: null, reason }])
}

function duplicateWarning(list: number, source: string): AnnexAProblem {
  return {
    list,
    row: null,
    column: null,
    value: null,
    reason: `${source} also looks like List ${list}; only the first one found was read`,
  }
}

/** Decides whether the path is a folder of CSV files or a workbook, before anything is read. */
async function inputKind(path: string): Promise<{ kind: 'folder' | 'workbook' } | { kind: 'fatal'; reason: string }> {
  let info
  try {
    info = await stat(path)
  } catch {
    return { kind: 'fatal', reason: `${basename(path)} was not found` }
  }
  if (info.isDirectory()) return { kind: 'folder' }
  const extension = extname(path).toLowerCase()
  const notAnnexA = `${basename(path)} is not an Annex A return: expected an Excel workbook (.xlsx) or a folder of CSV files`
  if (!info.isFile()) return { kind: 'fatal', reason: notAnnexA }
  // An .xlsx file is a zip archive: anything else (a renamed text file, an old .xls) cannot be one.
  const head = Buffer.alloc(4)
  try {
    const handle = await open(path, 'r')
    try {
      await handle.read(head, 0, 4, 0)
    } finally {
      await handle.close()
    }
  } catch {
    return { kind: 'fatal', reason: `${basename(path)} could not be read` }
  }
  const isZip = head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04
  if (isZip) return { kind: 'workbook' }
  if (extension === '.xlsx' || extension === '.xlsm') {
    return {
      kind: 'fatal',
      reason: `${basename(path)} could not be opened: it may be damaged, or not an Excel .xlsx workbook`,
    }
  }
  return { kind: 'fatal', reason: notAnnexA }
}

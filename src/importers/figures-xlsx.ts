/**
 * Opens an Excel workbook with exceljs and hands the rows of its figures worksheet to a figures reader as plain
 * cells. Everything Excel-specific (dates, formulas, rich text, percentage formats, error cells) is settled here so
 * that figures.ts sees the same kind of cells whether the file was a CSV or a workbook.
 */
import type ExcelJS from 'exceljs'
import type { RowSink, SheetCell } from './figures.ts'

/** The worksheet chosen from a workbook, ready to be read row by row. */
export interface XlsxSheet {
  name: string
  /** How many worksheets the workbook has, so problems can name the sheet when there is a choice. */
  sheetCount: number
  /** True for workbooks using Excel's 1904 date system (old Mac files): serial day numbers count from 1904. */
  date1904: boolean
  /** Calls `sink.row` for each non-empty row with its spreadsheet row number, until the sink returns false. */
  readRows(sink: RowSink): void
}

export type XlsxOpenOutcome =
  | { outcome: 'opened'; sheet: XlsxSheet }
  | { outcome: 'corrupt' }
  | { outcome: 'no-sheets' }
  | { outcome: 'merged'; sheet: string; ranges: string[] }

const MS_PER_DAY = 86_400_000

/**
 * Opens workbook bytes and picks the worksheet holding the figures: one named "data" or "dataset" (any case,
 * e.g. "Monthly dataset") if there is one, otherwise the first visible worksheet. A chosen worksheet with merged
 * cells is `merged`, with their ranges; merged cells on the other sheets do not matter.
 * @example
 * const opened = await openXlsxSheet(await readFile('figures.xlsx'))
 * if (opened.outcome === 'opened') opened.sheet.readRows(sink)
 */
export async function openXlsxSheet(bytes: Uint8Array): Promise<XlsxOpenOutcome> {
  // Loaded on the first XLSX upload, not at start-up (see docs/operations.md, start-up).
  const { default: excel } = await import('exceljs')
  const workbook = new excel.Workbook()
  try {
    // exceljs declares its own Buffer type; a Node Buffer is what it really reads.
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ExcelJS.Buffer)
  } catch {
    return { outcome: 'corrupt' }
  }
  const sheets = workbook.worksheets
  const worksheet =
    sheets.find((sheet) => /^(data|.*dataset)$/.test(normaliseSheetName(sheet.name))) ??
    sheets.find((sheet) => sheet.state === 'visible') ??
    sheets[0]
  if (worksheet === undefined) return { outcome: 'no-sheets' }
  // exceljs copies a merged range's value into each of its cells: refused (src/importers/merged-cells.ts).
  const merges = Object.values((worksheet as unknown as { _merges: Record<string, { range: string }> })._merges)
  if (merges.length > 0) return { outcome: 'merged', sheet: worksheet.name, ranges: merges.map((m) => m.range) }
  return {
    outcome: 'opened',
    sheet: {
      name: worksheet.name,
      sheetCount: sheets.length,
      date1904: workbook.properties.date1904,
      readRows: (sink) => {
        for (let rowNumber = 1; rowNumber <= worksheet.rowCount; rowNumber++) {
          const row = worksheet.findRow(rowNumber)
          if (row === undefined) continue
          const cells: SheetCell[] = []
          row.eachCell({ includeEmpty: false }, (cell, columnNumber) => {
            cells[columnNumber - 1] = toSheetCell(cell.value, cell.numFmt)
          })
          // eachCell leaves holes for empty cells; the reader wants explicit empties.
          for (let i = 0; i < cells.length; i++) cells[i] ??= null
          if (!sink.row(cells, rowNumber)) return
        }
      },
    },
  }
}

function normaliseSheetName(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '')
}

/**
 * One Excel cell as a plain value. Numbers shown with a % format are stored by Excel as fractions (0.72 shown as
 * 72%), so they are scaled back to the 72 the officer sees. Dates become ISO days, rounded to the nearest day so a
 * date saved at local midnight in British Summer Time (23:00 the day before, in UTC) still lands on its day.
 */
function toSheetCell(value: ExcelJS.CellValue, numFmt: string | undefined): SheetCell {
  if (value === null || value === undefined) return null
  if (typeof value === 'number') return numFmt?.includes('%') ? roundScaled(value * 100) : value
  if (typeof value === 'string' || typeof value === 'boolean') return value
  if (value instanceof Date) return { date: isoDay(value) }
  if ('error' in value) return { error: value.error }
  if ('richText' in value) return value.richText.map((part) => part.text).join('')
  if ('formula' in value || 'sharedFormula' in value) {
    const result = value.result
    return result === undefined ? null : toSheetCell(result, numFmt)
  }
  if ('hyperlink' in value) return toSheetCell(value.text, numFmt)
  return null
}

function roundScaled(value: number): number {
  // 0.29 * 100 is 28.999999999999996 in floating point; nobody types more than 9 decimal places.
  return Math.round(value * 1e9) / 1e9
}

function isoDay(date: Date): string {
  const day = Math.round(date.getTime() / MS_PER_DAY)
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10)
}

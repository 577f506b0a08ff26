/**
 * The monthly pack as an Excel workbook laid out like the council's table: one sheet with the figures, grouped
 * by service area, and a Key sheet explaining direction of travel, RAG and the benchmarks.
 */
import type ExcelJS from 'exceljs'
import type { Indicator, Unit } from '../domain/catalogue.ts'
import type { Pack, Rag } from '../domain/pack.ts'
import { formatPeriodLong, formatPeriodShort } from '../domain/period.ts'
import { withheldKey } from '../domain/publication.ts'
import {
  commonRegionName,
  DFE_STANDING_MEANING,
  dfeRankText,
  directionOfTravelText,
  hasDfeStanding,
  finiteOrNull,
  indicatorLabel,
  monthValue,
  packGroups,
  packTitle,
  populationNotes,
  ragText,
  roundForDisplay,
  targetYear,
  WITHHELD_SYMBOL,
  type PackExportOptions,
  type PackRow,
} from './pack-table.ts'

/** The name of the sheet holding the figures. */
export const PACK_SHEET_NAME = 'Dataset'
/** The name of the sheet explaining the columns. */
export const KEY_SHEET_NAME = 'Key'

/** Number formats by unit: percentages to 1 decimal place, everything else whole with thousands separators. */
export const UNIT_NUMBER_FORMATS: Readonly<Record<Unit, string>> = {
  count: '#,##0',
  percentage: '0.0',
  'rate per 10,000': '#,##0',
  days: '#,##0',
}

/**
 * Changes are stored as the whole number of percent the pack holds (−3 for a 3% fall), so the cell equals the
 * JSON and CSV figure; the format only adds the % sign. (Storing −0.03 with '0%' would differ from both.)
 */
export const CHANGE_NUMBER_FORMAT = '0"%"'

const TITLE_ROW = 1
const HEADER_ROW = 2

const RAG_FILLS: Readonly<Record<Rag, string>> = { green: 'FFC6EFCE', amber: 'FFFFEB9C', red: 'FFFFC7CE' }
const GROUP_FILL = 'FFD9D9D9'

type CellValue = string | number | null

interface Column {
  heading: string
  width: number
  wrap?: boolean
  /** The cell for one row: its value, number format and an optional note (benchmark vintages). */
  cell: (row: PackRow) => { value: CellValue; numFmt?: string; note?: string | null; fill?: string }
  /** The figure's column for disclosure control (a month or a derived column), when it can be withheld. */
  withheldAs?: string
}

function unitCell(unit: Unit, value: number | null, round: boolean): { value: CellValue; numFmt: string } {
  return {
    value: value === null ? null : round ? roundForDisplay(unit, value) : value,
    numFmt: UNIT_NUMBER_FORMATS[unit],
  }
}

/** The council's own DfE figure, rank and quartile: only in a pack where some indicator has them. */
function dfeColumns(): Column[] {
  return [
    {
      heading: 'Our value (DfE)',
      width: 10,
      wrap: true,
      cell: (row) => ({
        ...unitCell(row.indicator.unit, finiteOrNull(row.dfe?.value ?? null, row.indicator.id, 'Our value'), false),
        note: row.dfe?.vintage ?? null,
      }),
    },
    { heading: 'Rank (DfE)', width: 10, wrap: true, cell: (row) => ({ value: dfeRankText(row.dfe) }) },
    { heading: 'Quartile (DfE)', width: 9, wrap: true, cell: (row) => ({ value: row.dfe?.quartile ?? '' }) },
  ]
}

function columnsFor(pack: Pack, regionName: string | null, withDfe: boolean): Column[] {
  const checked = (row: PackRow, value: number | null, column: string): number | null =>
    finiteOrNull(value, row.indicator.id, column)
  return [
    { heading: 'Indicator', width: 50, wrap: true, cell: (row) => ({ value: indicatorLabel(row.indicator) }) },
    { heading: 'Owner', width: 16, wrap: true, cell: (row) => ({ value: row.owner }) },
    { heading: 'Reporter', width: 16, wrap: true, cell: (row) => ({ value: row.reporter }) },
    { heading: 'Outcome', width: 40, wrap: true, cell: (row) => ({ value: row.outcome }) },
    ...pack.months.map((period): Column => ({
      heading: formatPeriodShort(period),
      width: 10, // not 9: exceljs treats 9 as its default width and leaves it out of the file
      withheldAs: period,
      // Rounded as displayed, so the workbook holds the figures the panel reads; the CSV keeps full precision.
      cell: (row) =>
        unitCell(row.indicator.unit, checked(row, monthValue(row.indicator, period), formatPeriodShort(period)), true),
    })),
    {
      heading: '% change from previous month',
      width: 11,
      withheldAs: 'changeFromPreviousMonth',
      wrap: true,
      cell: (row) => ({
        value: checked(row, row.indicator.changeFromPreviousMonth.percent, '% change from previous month'),
        numFmt: CHANGE_NUMBER_FORMAT,
      }),
    },
    {
      heading: '% change from same month prev. yr',
      width: 11,
      withheldAs: 'changeFromSameMonthLastYear',
      wrap: true,
      cell: (row) => ({
        value: checked(row, row.indicator.changeFromSameMonthLastYear.percent, '% change from same month prev. yr'),
        numFmt: CHANGE_NUMBER_FORMAT,
      }),
    },
    {
      heading: 'DoT',
      width: 22,
      cell: (row) => ({ value: directionOfTravelText(row.indicator.changeFromPreviousMonth) }),
    },
    {
      heading: '12 month average',
      width: 10,
      withheldAs: 'average12Months',
      wrap: true,
      cell: (row) =>
        unitCell(row.indicator.unit, checked(row, row.indicator.average12Months, '12 month average'), false),
    },
    {
      heading: '12-mnth max value',
      width: 10,
      withheldAs: 'max12Months',
      wrap: true,
      cell: (row) => unitCell(row.indicator.unit, checked(row, row.indicator.max12Months, '12-mnth max value'), false),
    },
    {
      heading: 'Stat. neighbour',
      width: 10,
      wrap: true,
      cell: (row) => ({
        ...unitCell(
          row.indicator.unit,
          checked(row, row.indicator.benchmarks.statisticalNeighbours, 'Stat. neighbour'),
          false,
        ),
        note: row.vintages.statisticalNeighbours,
      }),
    },
    {
      heading: 'England',
      width: 10,
      cell: (row) => ({
        ...unitCell(row.indicator.unit, checked(row, row.indicator.benchmarks.england, 'England'), false),
        note: row.vintages.england,
      }),
    },
    {
      heading: regionName === null ? 'Region' : `${regionName} region`,
      width: 10,
      wrap: true,
      cell: (row) => ({
        ...unitCell(row.indicator.unit, checked(row, row.indicator.benchmarks.region, 'Region'), false),
        note: row.vintages.region,
      }),
    },
    ...(withDfe ? dfeColumns() : []),
    {
      heading: `Target ${targetYear(pack)}`,
      width: 10,
      wrap: true,
      cell: (row) => unitCell(row.indicator.unit, checked(row, row.indicator.target, 'Target'), false),
    },
    {
      heading: 'RAG',
      width: 8,
      withheldAs: 'rag',
      cell: (row) => {
        const rag = row.indicator.rag
        return rag === null ? { value: '' } : { value: ragText(rag), fill: RAG_FILLS[rag] }
      },
    },
  ]
}

function solidFill(argb: string): ExcelJS.Fill {
  return { type: 'pattern', pattern: 'solid', fgColor: { argb } }
}

function addPackSheet(
  workbook: ExcelJS.Workbook,
  pack: Pack,
  catalogue: ReadonlyMap<string, Indicator>,
  title: string,
  withheld: ReadonlySet<string>,
): void {
  const groups = packGroups(pack, catalogue)
  const columns = columnsFor(pack, commonRegionName(groups), hasDfeStanding(groups))
  const sheet = workbook.addWorksheet(PACK_SHEET_NAME, {
    // Title and headings stay in view, and so does the indicator name when scrolling across 13 months.
    views: [{ state: 'frozen', xSplit: 1, ySplit: HEADER_ROW }],
    pageSetup: {
      // exceljs's PaperSize is a const enum with no runtime object, so A4 is written as its number.
      // eslint-disable-next-line @typescript-eslint/no-unsafe-enum-assignment
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0, // as many pages down as needed
      printTitlesRow: `${TITLE_ROW}:${HEADER_ROW}`,
    },
  })

  columns.forEach((column, index) => {
    sheet.getColumn(index + 1).width = column.width
  })

  const titleRow = sheet.getRow(TITLE_ROW)
  titleRow.getCell(1).value = title
  titleRow.getCell(1).font = { bold: true, size: 14 }

  const headerRow = sheet.getRow(HEADER_ROW)
  columns.forEach((column, index) => {
    const cell = headerRow.getCell(index + 1)
    cell.value = column.heading
    cell.font = { bold: true }
    cell.alignment = { wrapText: true, vertical: 'top' }
    cell.border = { bottom: { style: 'thin' } }
  })

  let rowNumber = HEADER_ROW
  for (const group of groups) {
    rowNumber += 1
    const groupRow = sheet.getRow(rowNumber)
    groupRow.getCell(1).value = group.serviceArea
    groupRow.getCell(1).font = { bold: true }
    for (let index = 1; index <= columns.length; index += 1) groupRow.getCell(index).fill = solidFill(GROUP_FILL)

    for (const row of group.rows) {
      rowNumber += 1
      const sheetRow = sheet.getRow(rowNumber)
      columns.forEach((column, index) => {
        const isWithheld =
          column.withheldAs !== undefined && withheld.has(withheldKey(row.indicator.id, column.withheldAs))
        const { value, numFmt, note, fill } = isWithheld ? { value: WITHHELD_SYMBOL } : column.cell(row)
        const cell = sheetRow.getCell(index + 1)
        cell.value = value
        if (numFmt !== undefined) cell.numFmt = numFmt
        if (note) cell.note = note
        if (fill !== undefined) cell.fill = solidFill(fill)
        cell.alignment = { vertical: 'top', ...(column.wrap === true ? { wrapText: true } : {}) }
      })
    }
  }
}

function addKeySheet(
  workbook: ExcelJS.Workbook,
  pack: Pack,
  catalogue: ReadonlyMap<string, Indicator>,
  withheld: ReadonlySet<string>,
  notForPublication: string | undefined,
): void {
  const groups = packGroups(pack, catalogue)
  const sheet = workbook.addWorksheet(KEY_SHEET_NAME)
  sheet.getColumn(1).width = 24
  sheet.getColumn(2).width = 90

  const heading = (text: string): void => {
    const row = sheet.addRow([text])
    row.getCell(1).font = { bold: true, size: 12 }
  }
  const entry = (term: string, meaning: string): void => {
    const row = sheet.addRow([term, meaning])
    row.getCell(2).alignment = { wrapText: true, vertical: 'top' }
  }

  if (notForPublication !== undefined) {
    heading('NOT FOR PUBLICATION')
    entry('Unsuppressed', notForPublication)
    sheet.addRow([])
  }
  heading('Key to direction of travel (DoT)')
  entry('DoT', 'Compares this month with the previous month (the "% change from previous month" column).')
  entry('▲ Increase', 'The value rose by 10% or more.')
  entry('► Similar', 'The value changed by less than 10% either way.')
  entry('▼ Decrease', 'The value fell by 10% or more.')
  entry('(positive)', 'The change is in the direction that is better for this indicator.')
  entry('(negative)', 'The change is in the direction that is worse for this indicator.')
  entry('(neutral)', 'Neither direction is better for this indicator.')
  entry('n/a', 'No comparison: one of the two months has no value, or the previous value was 0.')
  sheet.addRow([])

  heading('Key to RAG')
  entry('Green', `At or better than the ${targetYear(pack)} target.`)
  entry('Amber', "Short of the target, but within the indicator's tolerance (5% of the target unless stated).")
  entry('Red', 'Short of the target by more than the tolerance.')
  entry('(blank)', 'No target has been set for this financial year.')
  sheet.addRow([])

  heading('How the figures are worked out')
  entry(
    '% change',
    '(this month − comparison month) ÷ comparison month, as a whole percent rounded half away from zero.',
  )
  entry(
    '12 month average',
    `The mean of the months that have a value, ${formatPeriodShort(pack.months.at(-12) ?? pack.period)} to ${formatPeriodShort(pack.period)}.`,
  )
  entry('12-mnth max value', 'The highest of those months.')
  entry('Precision', 'Counts, rates per 10,000 and days are shown as whole numbers, percentages to 1 decimal place.')
  if (withheld.size > 0) {
    entry(
      WITHHELD_SYMBOL,
      'Withheld to protect children\u2019s privacy: a small count of children, or a percentage, change, average or ' +
        'RAG rating from which one could be worked out.',
    )
  }

  const vintages = new Set(
    groups.flatMap((group) =>
      group.rows.flatMap((row) => [row.vintages.statisticalNeighbours, row.vintages.england, row.vintages.region]),
    ),
  )
  vintages.delete(null)
  if (vintages.size > 0) {
    sheet.addRow([])
    heading('Benchmarking')
    entry('Source', `${[...vintages].join('; ')}. Each benchmark cell has a note with its own date.`)
  }
  if (hasDfeStanding(groups)) entry('Our value, rank and quartile (DfE)', DFE_STANDING_MEANING)
  const notes = populationNotes(pack, catalogue)
  if (notes.length > 0) {
    sheet.addRow([])
    heading('Child population')
    for (const note of notes) entry('Rates per 10,000', note)
  }
  sheet.addRow([])
  entry('Produced', `Scrutineer, for ${formatPeriodLong(pack.period)}.`)
}

/**
 * The pack as an XLSX workbook: a "Dataset" sheet laid out like the council's table (title row, frozen
 * headings and indicator column, a heading row per service area, numbers stored as numbers with formats,
 * direction of travel and RAG as text), set up to print on A4 landscape, and a "Key" sheet.
 * Throws PackExportError when the pack holds a number that is not finite.
 * @example
 * const xlsx = await packToXlsx(pack, catalogue)
 * await writeFile('monthly-dataset-2018-04.xlsx', xlsx)
 */
export async function packToXlsx(
  pack: Pack,
  catalogue: ReadonlyMap<string, Indicator>,
  options: PackExportOptions = {},
): Promise<Buffer> {
  // exceljs is loaded on the first export, not at start-up: it is large and most requests never need it.
  const { default: excel } = await import('exceljs')
  const workbook = new excel.Workbook()
  workbook.creator = 'Scrutineer'
  workbook.lastModifiedBy = 'Scrutineer'
  const title = packTitle(pack, options)
  workbook.title = title
  addPackSheet(workbook, pack, catalogue, title, options.withheld ?? new Set<string>())
  addKeySheet(workbook, pack, catalogue, options.withheld ?? new Set<string>(), options.notForPublication)
  if (options.notForPublication !== undefined) {
    // Printed copies say so on every page too.
    workbook.eachSheet((sheet) => {
      sheet.headerFooter.oddHeader = '&C&BNOT FOR PUBLICATION'
    })
  }
  const bytes = await workbook.xlsx.writeBuffer()
  return Buffer.from(bytes)
}

/**
 * The monthly pack as CSV for other software: one row per indicator, machine-readable headings and values
 * (monthly values unrounded, as in the JSON), safe to open in Excel.
 */
import type { Indicator } from '../domain/catalogue.ts'
import type { Change, Pack } from '../domain/pack.ts'
import { withheldKey } from '../domain/publication.ts'
import {
  finiteOrNull,
  monthValue,
  packGroups,
  targetYear,
  WITHHELD_SYMBOL,
  type PackExportOptions,
  type PackRow,
} from './pack-table.ts'

/** Byte order mark: without it Excel reads UTF-8 as Windows-1252 and "–" or "é" come out garbled. */
const BOM = '\uFEFF'
const CRLF = '\r\n'

/** Text starting with one of these is run as a formula by spreadsheet software (CSV formula injection). */
const FORMULA_START = /^[=+\-@\t\r]/

type Field = string | number | null

interface CsvColumn {
  heading: string
  field: (row: PackRow) => Field
  /** The figure's column for disclosure control (a month or a derived column), when it can be withheld. */
  withheldAs?: string
}

/**
 * A text field made safe for spreadsheets: a leading apostrophe when it could be read as a formula.
 * @example neutraliseFormula('=HYPERLINK("http://x")') // `'=HYPERLINK("http://x")`
 */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text
}

/**
 * One field as RFC 4180 writes it: quoted when it holds a comma, quote, CR or LF, quotes doubled; numbers as
 * plain digits (never neutralised: −3 is a number, not a formula); null as an empty field.
 * @example csvField('Say "hi", please') // '"Say ""hi"", please"'
 */
export function csvField(field: Field): string {
  if (field === null) return ''
  const text = typeof field === 'number' ? String(field) : neutraliseFormula(field)
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

function changeColumns(name: string, key: string, change: (row: PackRow) => Change): CsvColumn[] {
  return [
    {
      heading: `${name}_percent`,
      field: (row) => finiteOrNull(change(row).percent, row.indicator.id, `${name}_percent`),
      withheldAs: key,
    },
    { heading: `${name}_direction`, field: (row) => change(row).direction },
    { heading: `${name}_judgement`, field: (row) => change(row).judgement },
  ]
}

function columnsFor(pack: Pack): CsvColumn[] {
  const number = (heading: string, value: (row: PackRow) => number | null, withheldAs?: string): CsvColumn => ({
    heading,
    field: (row) => finiteOrNull(value(row), row.indicator.id, heading),
    ...(withheldAs === undefined ? {} : { withheldAs }),
  })
  return [
    { heading: 'service_area', field: (row) => row.indicator.serviceArea },
    { heading: 'id', field: (row) => row.indicator.id },
    { heading: 'code', field: (row) => row.indicator.code },
    { heading: 'title', field: (row) => row.indicator.title },
    { heading: 'unit', field: (row) => row.indicator.unit },
    { heading: 'polarity', field: (row) => row.indicator.polarity },
    { heading: 'owner', field: (row) => row.owner },
    { heading: 'reporter', field: (row) => row.reporter },
    { heading: 'outcome', field: (row) => row.outcome },
    // Headed YYYY-MM like the council's wide import file, so the months read back unambiguously.
    ...pack.months.map((period) => number(period, (row) => monthValue(row.indicator, period), period)),
    ...changeColumns(
      'change_from_previous_month',
      'changeFromPreviousMonth',
      (row) => row.indicator.changeFromPreviousMonth,
    ),
    ...changeColumns(
      'change_from_same_month_last_year',
      'changeFromSameMonthLastYear',
      (row) => row.indicator.changeFromSameMonthLastYear,
    ),
    number('average_12_months', (row) => row.indicator.average12Months, 'average12Months'),
    number('max_12_months', (row) => row.indicator.max12Months, 'max12Months'),
    number('benchmark_stat_neighbours', (row) => row.indicator.benchmarks.statisticalNeighbours),
    { heading: 'benchmark_stat_neighbours_vintage', field: (row) => row.vintages.statisticalNeighbours },
    number('benchmark_england', (row) => row.indicator.benchmarks.england),
    { heading: 'benchmark_england_vintage', field: (row) => row.vintages.england },
    number('benchmark_region', (row) => row.indicator.benchmarks.region),
    { heading: 'benchmark_region_vintage', field: (row) => row.vintages.region },
    { heading: 'region_name', field: (row) => row.regionName },
    number('target', (row) => row.indicator.target),
    { heading: 'target_financial_year', field: () => targetYear(pack) },
    { heading: 'rag', field: (row) => row.indicator.rag, withheldAs: 'rag' },
    // Added after the council's own columns, so that a reader that counts columns still finds them where they were.
    number('benchmark_council_value', (row) => row.dfe?.value ?? null),
    number('benchmark_rank', (row) => row.dfe?.rank ?? null),
    number('benchmark_ranked_councils', (row) => (row.dfe === null ? null : row.dfe.of)),
    { heading: 'benchmark_quartile', field: (row) => row.dfe?.quartile ?? null },
    { heading: 'benchmark_dfe_vintage', field: (row) => row.dfe?.vintage ?? null },
  ]
}

/**
 * The pack as CSV: a header row, then one row per indicator in service-area order (service area is a column).
 * Monthly values are unrounded as in the JSON; changes are whole percents with direction and judgement as
 * words; averages, maxima, benchmarks and target as in the JSON; blank where there is no value. The last five
 * columns are the council's own DfE value, rank, how many councils were ranked, quartile and DfE vintage (blank
 * where the indicator's benchmarks are hand-typed).
 * An export of unsuppressed figures (`notForPublication`) starts with that warning as a line of its own.
 * UTF-8 with a byte order mark, CRLF line endings, RFC 4180 quoting, text that could run as a formula
 * prefixed with an apostrophe. Throws PackExportError when the pack holds a number that is not finite.
 * @example
 * packToCsv(pack, catalogue).split('\r\n')[0]
 * // '\uFEFFservice_area,id,code,title,unit,polarity,owner,reporter,outcome,2017-04,…,rag,benchmark_council_value,…'
 */
export function packToCsv(
  pack: Pack,
  catalogue: ReadonlyMap<string, Indicator>,
  options: Pick<PackExportOptions, 'withheld' | 'notForPublication'> = {},
): string {
  const columns = columnsFor(pack)
  const withheld = options.withheld ?? new Set<string>()
  const field = (column: CsvColumn, row: PackRow): Field =>
    column.withheldAs !== undefined && withheld.has(withheldKey(row.indicator.id, column.withheldAs))
      ? WITHHELD_SYMBOL
      : column.field(row)
  const lines = [columns.map((column) => csvField(column.heading)).join(',')]
  // An unsuppressed export says so on its first line, before the headings, where nobody opening it can miss it.
  if (options.notForPublication !== undefined) lines.unshift(csvField(options.notForPublication))
  for (const group of packGroups(pack, catalogue)) {
    for (const row of group.rows) lines.push(columns.map((column) => csvField(field(column, row))).join(','))
  }
  return `${BOM}${lines.join(CRLF)}${CRLF}`
}

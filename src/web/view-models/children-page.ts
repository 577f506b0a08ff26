/**
 * The drill-down page (/indicators/{id}/children?month=YYYY-MM) and its CSV: the children behind one month's
 * figure, each with the dates and answers that decided it and the verdict in words, and totals that equal the
 * figure on the indicator page. Officers only: every row is personal data about a child.
 */
import { populationFallbackText, type Indicator } from '../../domain/catalogue.ts'
import { FIELD_LABEL, type ListName } from '../../domain/measures/fields.ts'
import type { ExcludedRow, MeasureRow } from '../../domain/measures/types.ts'
import { formatPeriodLong } from '../../domain/period.ts'
import { csvField } from '../../exporters/pack-csv.ts'
import type { ChildrenBehindFigure, DrillDownProblem } from '../../services/drill-down-service.ts'
import { formatNumber, formatValueWithUnit, indicatorHref } from './pack-page.ts'
import { childrenHref, formatTimestamp } from './indicator-page.ts'
import { MONTH_NAMES } from '../../domain/period.ts'

export interface ChildRowModel {
  childId: string
  /** "List 5, row 3": where the officer finds the row in the return. */
  where: string
  /** The dates and answers that decided the verdict, in words: "ICPC date: 24 April 2018". */
  facts: string[]
  verdict: string
}

export interface ChildTableModel {
  id: string
  heading: string
  caption: string
  /** Shown when the table has no rows. */
  empty: string
  rows: ChildRowModel[]
}

export interface ChildrenPageModel {
  pageTitle: string
  caption: string
  heading: string
  /** "Figure on the indicator page: 50.0% (1 of 2)". */
  figureText: string
  measureTitle: string
  /** The definition's first sentence; the rest, if any, in `definitionMore`. */
  definition: string
  definitionMore: string | null
  sourceText: string
  importHref: string
  indicatorHref: string
  csvHref: string
  /** Sentences that show the tables add up to the figure. */
  totals: string[]
  /** Set when the rows no longer give the stored figure (settings or bank holidays changed since the import). */
  mismatch: string | null
  tables: ChildTableModel[]
}

export interface ChildrenUnavailableModel {
  pageTitle: string
  heading: string
  paragraphs: string[]
  backHref: string | null
  backText: string
}

/** The lists the measures read, by number, for the names of their fields. */
const LIST_NAMES: Record<number, ListName> = {
  1: 'contacts',
  3: 'referrals',
  4: 'assessments',
  5: 'section47s',
  6: 'cin',
  7: 'plans',
  8: 'lookedAfter',
  9: 'careLeavers',
  12: 'missing',
}

/** Dates a measure works out rather than reads from a cell. */
const WORKED_OUT_DATES: Record<string, string> = {
  previousReferralDate: 'previous referral date',
  twelveMonthsBefore: '12 months before the referral',
  earlierPlanStartDate: 'start date of an earlier plan',
  twoYearsBefore: 'two years before the reference date',
}

/**
 * An ISO date as officers read it.
 * @example formatDay('2018-04-24') // '24 April 2018'
 */
export function formatDay(iso: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso)
  const month = match === null ? undefined : MONTH_NAMES[Number(match[2]) - 1]
  if (match === null || month === undefined) return iso
  return `${Number(match[3])} ${month} ${match[1] ?? ''}`
}

/**
 * A date field's name in words, first letter capitalised.
 * @example dateLabel(5, 'icpcDate') // 'ICPC date'
 */
export function dateLabel(list: number, field: string): string {
  const listName = LIST_NAMES[list]
  const label = (listName === undefined ? undefined : FIELD_LABEL[listName][field]) ?? WORKED_OUT_DATES[field] ?? field
  return label.charAt(0).toUpperCase() + label.slice(1)
}

/**
 * A definition's first sentence, and the rest.
 * @example splitDefinition('Counts X. Y is left out.') // { definition: 'Counts X.', definitionMore: 'Y is left out.' }
 */
export function splitDefinition(text: string): { definition: string; definitionMore: string | null } {
  const match = /^(.+?[.!?])\s+(?=[A-Z])(.*)$/s.exec(text.trim())
  if (match === null) return { definition: text.trim(), definitionMore: null }
  return { definition: match[1] ?? '', definitionMore: match[2] ?? null }
}

function plural(n: number, one: string, many: string): string {
  return `${formatNumber(n, 0)} ${n === 1 ? one : many}`
}

function factsOf(row: MeasureRow): string[] {
  const facts = Object.entries(row.dates).map(
    ([field, date]) => `${dateLabel(row.list, field)}: ${date === null ? 'blank or unreadable' : formatDay(date)}`,
  )
  if (row.workingDays !== undefined) facts.push(plural(row.workingDays, 'working day', 'working days'))
  if (row.note !== undefined) facts.push(row.note)
  return facts
}

function rowModel(row: MeasureRow, verdict: string): ChildRowModel {
  return {
    childId: row.childId.trim() === '' ? '(blank ID)' : row.childId,
    where: `List ${row.list}, row ${row.row}`,
    facts: factsOf(row),
    verdict,
  }
}

/** Whether the page lists the denominator: only when the indicator publishes the percentage itself. */
function showsDenominator(result: ChildrenBehindFigure): boolean {
  return result.measure.unit === 'percentage' && result.part === 'value'
}

/** The rows in the denominator that are not in the numerator. */
function notCounted(result: ChildrenBehindFigure): MeasureRow[] {
  const counted = new Set(result.explanation.numerator)
  return result.explanation.denominator.filter((row) => !counted.has(row))
}

function figureText(indicator: Indicator, result: ChildrenBehindFigure): string {
  const { figure } = result
  const value = formatValueWithUnit(figure.value, indicator.unit)
  const shown = value === '' ? 'no value' : value
  if (figure.numerator !== null && figure.denominator !== null) {
    return `${shown} (${formatNumber(figure.numerator, 0)} of ${formatNumber(figure.denominator, 0)})`
  }
  return shown
}

function totalsOf(result: ChildrenBehindFigure): string[] {
  const { explanation, indicator } = result
  const counted = explanation.numerator.length
  const shown = formatValueWithUnit(result.recomputed.value, indicator.unit)
  if (showsDenominator(result)) {
    const denominator = explanation.denominator.length
    return [
      `${plural(counted, 'record', 'records')} counted, out of ${plural(denominator, 'record', 'records')} in the denominator (${plural(denominator - counted, 'record', 'records')} not counted).`,
      denominator === 0
        ? 'With nothing in the denominator there is no percentage.'
        : `${formatNumber(counted, 0)} ÷ ${formatNumber(denominator, 0)} = ${shown}.`,
    ]
  }
  if (result.part === 'value' && result.measure.unit === 'rate per 10,000') {
    return [
      `${plural(counted, 'record', 'records')} counted.`,
      shown === ''
        ? 'There is no rate: the council settings have no child population for this financial year.'
        : `${formatNumber(counted, 0)} × 10,000 ÷ the child population of the financial year = ${shown} per 10,000.`,
      ...(result.populationFallsBackTo === undefined || shown === ''
        ? []
        : [populationFallbackText(result.populationFallsBackTo, 'it uses')]),
    ]
  }
  return [`${plural(counted, 'record', 'records')} counted: the figure is ${formatNumber(counted, 0)}.`]
}

/**
 * Builds the drill-down page.
 * @example childrenPageModel(result).tables[0]?.rows[0] // { childId: 'C2', where: 'List 5, row 3', facts: [...], verdict: 'Counted' }
 */
export function childrenPageModel(result: ChildrenBehindFigure): ChildrenPageModel {
  const { indicator, explanation, importRecord, measure, month } = result
  const monthText = formatPeriodLong(month)
  const countedVerdict = showsDenominator(result) ? 'Counted: in the numerator and the denominator' : 'Counted'
  const tables: ChildTableModel[] = [
    {
      id: 'counted',
      heading: `Counted (${formatNumber(explanation.numerator.length, 0)})`,
      caption: `Records counted in ${indicator.title}, ${monthText}`,
      empty: 'No records are counted in this month.',
      rows: explanation.numerator.map((row) => rowModel(row, countedVerdict)),
    },
  ]
  if (showsDenominator(result)) {
    const rows = notCounted(result)
    tables.push({
      id: 'not-counted',
      heading: `In the denominator but not counted (${formatNumber(rows.length, 0)})`,
      caption: `Records in the denominator of ${indicator.title} but not its numerator, ${monthText}`,
      empty: 'Every record in the denominator is counted.',
      rows: rows.map((row) => rowModel(row, 'Not counted: in the denominator only')),
    })
  }
  tables.push({
    id: 'left-out',
    heading: `Left out because of a problem in the return (${formatNumber(explanation.excluded.length, 0)})`,
    caption: `Records left out of ${indicator.title}, ${monthText}, and why`,
    empty: 'No records were left out because of a problem in the return.',
    rows: explanation.excluded.map((row: ExcludedRow) => rowModel(row, `Left out: ${row.reason}`)),
  })
  const stored = figureText(indicator, result)
  return {
    pageTitle: `Children behind ${indicator.title}, ${monthText}`,
    caption: 'Children behind a figure',
    heading: `${indicator.title}: ${monthText}`,
    figureText: `Figure on the indicator page: ${stored}`,
    measureTitle: measure.title,
    ...splitDefinition(measure.definition),
    sourceText: `Annex A import ${importRecord.id} (${importRecord.sourceFile}), imported ${formatTimestamp(importRecord.importedAt)} by ${importRecord.importedBy}.`,
    importHref: `/imports/${importRecord.id}`,
    indicatorHref: indicatorHref(indicator.id),
    csvHref: childrenHref(indicator.id, month, 'csv'),
    totals: totalsOf(result),
    mismatch: result.addsUp
      ? null
      : `These records now give ${figureText(indicator, { ...result, figure: result.recomputed })}, not the ${stored} on the indicator page. The council settings (child population, timescales), the bank holidays or the catalogue’s measure for this indicator have changed since import ${importRecord.id}; import the return again to bring the figure up to date.`,
    tables,
  }
}

const CSV_COLUMNS = ['indicator_id', 'month', 'verdict', 'child_id', 'list', 'row'] as const

/**
 * The drill-down as CSV: one line per record (counted, in the denominator only, left out), with a column per date
 * the measure shows, ISO dates, safe to open in Excel. The verdict column lets the officer filter to the figure.
 */
export function childrenCsv(result: ChildrenBehindFigure): string {
  const { explanation } = result
  const lines: Array<{ verdict: string; row: MeasureRow; reason: string }> = [
    ...explanation.numerator.map((row) => ({ verdict: 'counted', row, reason: '' })),
    ...(showsDenominator(result) ? notCounted(result) : []).map((row) => ({
      verdict: 'denominator only',
      row,
      reason: '',
    })),
    ...explanation.excluded.map((row) => ({ verdict: 'left out', row, reason: row.reason })),
  ]
  const dateFields = [...new Set(lines.flatMap((line) => Object.keys(line.row.dates)))]
  const heading = [
    ...CSV_COLUMNS,
    ...dateFields.map((field) => {
      const list = lines.find((line) => field in line.row.dates)?.row.list ?? 0
      return dateLabel(list, field).toLowerCase()
    }),
    'working_days',
    'note',
    'reason_left_out',
  ]
  const body = lines.map(({ verdict, row, reason }) => [
    result.indicator.id,
    result.month,
    verdict,
    row.childId,
    row.list,
    row.row,
    ...dateFields.map((field) => row.dates[field] ?? null),
    row.workingDays ?? null,
    row.note ?? null,
    reason,
  ])
  return `\uFEFF${[heading, ...body].map((fields) => fields.map(csvField).join(',')).join('\r\n')}\r\n`
}

/** The page for a drill-down that cannot be shown: what is wrong, in words, and where to go instead. */
export function childrenUnavailableModel(
  problem: DrillDownProblem | { kind: 'bad-month'; indicatorId: string; month: string },
): ChildrenUnavailableModel {
  switch (problem.kind) {
    case 'bad-month':
      return {
        pageTitle: 'Say which month',
        heading: 'Say which month',
        paragraphs: [
          problem.month === ''
            ? 'The address does not say which month’s figure to show the children behind.'
            : `“${problem.month}” is not a month. Give the month as year and month, for example ?month=2018-04.`,
          'Open the indicator page and follow the link on a month’s figure.',
        ],
        backHref: indicatorHref(problem.indicatorId),
        backText: 'Go to the indicator page',
      }
    case 'no-such-indicator':
      return {
        pageTitle: 'Page not found',
        heading: 'Page not found',
        paragraphs: ['There is no indicator with this address.'],
        backHref: '/datasets',
        backText: 'See every dataset',
      }
    case 'no-measure':
      return {
        pageTitle: 'No children’s records behind this indicator',
        heading: `${problem.indicator.title}: no children’s records behind it`,
        paragraphs: [
          'This indicator is not computed from the Ofsted Annex A lists: its figures are typed in, so there is no list of children behind them.',
          'The catalogue’s measure column says which indicators are computed from Annex A.',
        ],
        backHref: indicatorHref(problem.indicator.id),
        backText: 'Go back to the indicator',
      }
    case 'no-figure':
      return {
        pageTitle: 'No figure for this month',
        heading: `${problem.indicator.title}: no figure for ${formatPeriodLong(problem.month)}`,
        paragraphs: ['There is no figure for this month, so there are no children behind it.'],
        backHref: indicatorHref(problem.indicator.id),
        backText: 'Go back to the indicator',
      }
    case 'not-from-annex-a':
      return {
        pageTitle: 'This figure was not computed from Annex A',
        heading: `${problem.indicator.title}: ${formatPeriodLong(problem.month)}`,
        paragraphs: [
          problem.source === null
            ? 'This month’s figure did not come from an Annex A import, so there is no list of children behind it.'
            : `This month’s figure came from the figures import of ${formatTimestamp(problem.source.importedAt)} (${problem.source.sourceFile}), not from an Annex A import, so there is no list of children behind it.`,
          'Import an Annex A return that covers this month to compute the figure from children’s records.',
        ],
        backHref: indicatorHref(problem.indicator.id),
        backText: 'Go back to the indicator',
      }
    case 'records-removed':
      return {
        pageTitle: 'The children’s records behind this figure were removed',
        heading: `${problem.indicator.title}: ${formatPeriodLong(problem.month)}`,
        paragraphs: [
          `This month’s figure was computed from Annex A import ${problem.importRecord.id} (${problem.importRecord.sourceFile}), whose child-level records were removed${problem.importRecord.removedAt === null ? '' : ` on ${formatTimestamp(problem.importRecord.removedAt)}`}. The figure stays; the children behind it can no longer be listed.`,
        ],
        backHref: indicatorHref(problem.indicator.id),
        backText: 'Go back to the indicator',
      }
  }
}

/**
 * The pack page (/datasets/{dataset}/{YYYY-MM}): everything the template shows, as ready-made strings, so that the
 * template only loops and prints. No arithmetic happens in the template.
 */
import type { DfeStanding, Indicator, Unit } from '../../domain/catalogue.ts'
import { dfeRankText, DFE_STANDING_MEANING, populationNotes } from '../../exporters/pack-table.ts'
import type { Change, Direction, Judgement, Pack, PackIndicator, Rag } from '../../domain/pack.ts'
import { financialYearOf, formatPeriodLong, formatPeriodShort } from '../../domain/period.ts'
import { DIRECTION_THRESHOLD_PERCENT } from '../../domain/statistics/change.ts'
import type { Period } from '../../domain/period.ts'
import { withheldKey, type RevisedFigure } from '../../domain/publication.ts'
import { sparklineSvg } from '../../charts/sparkline.ts'
import {
  areaOf,
  CHANGED_THRESHOLD_PERCENT,
  isFiltered,
  NO_PACK_FILTERS,
  rowMatches,
  type PackFilters,
  type SpcSignal,
} from './pack-filters.ts'

/** A real minus sign (U+2212): screen readers say "minus", and it lines up with the plus sign. */
const MINUS = '\u2212'

/** One figure in a table cell. `missing` cells show a dash with "No value" for screen readers. */
export interface CellModel {
  text: string
  missing: boolean
  /** Withheld by disclosure control: shown as `c`. */
  withheld?: boolean
  /** For officers: the live figure differs from the published one, e.g. "Revised since publication: published as 521". */
  revised?: string
  /** For officers who may see them: the children behind this figure. */
  childrenHref?: string
  /** Shown here unsuppressed, but withheld (`c`) from the public: not for publication. */
  restricted?: boolean
}

export interface LinkModel {
  text: string
  href: string
}

export interface MonthLinkModel extends LinkModel {
  current: boolean
}

export interface DirectionModel {
  /** The arrow, shown to sighted users only. */
  symbol: string
  /** What the arrow means, in words: "Increase – positive". */
  text: string
  /** `app-dot--positive` and so on: colour is never the only signal, the text is always there. */
  className: string
}

export interface KeyEntryModel {
  symbol: string
  term: string
  meaning: string
  className: string
}

export interface DirectionKeyModel {
  /** What the direction of travel compares, e.g. "April 2018 with March 2018". */
  intro: string
  directions: KeyEntryModel[]
  judgements: KeyEntryModel[]
}

export interface RagModel {
  text: string
  /** A govuk-tag modifier. */
  tagClass: string
}

export interface PackRowModel {
  id: string
  code: string
  title: string
  href: string
  /** Shown under the title in the officer view only. */
  owner: string | null
  unitText: string
  values: CellModel[]
  sparkline: string
  /** The same sparkline for the at-a-glance table, with ids of its own. */
  glanceSparkline: string
  changeFromPreviousMonth: CellModel
  changeFromSameMonthLastYear: CellModel
  direction: DirectionModel
  /**
   * 12-month average, 12-month max, statistical neighbours, England, region, (in a pack with DfE benchmarks: our
   * DfE value, rank, quartile), target: in column order.
   */
  figures: CellModel[]
  rag: RagModel
  /** The latest month's figure (the last of `values`): what the at-a-glance table leads with. */
  latest: CellModel
  /** The 12-month average and the target, as in `figures`, for the at-a-glance table. */
  average: CellModel
  target: CellModel
  /** The benchmarks that have a value, labelled ("England", "Rank (DfE)"), for the at-a-glance table. */
  benchmarks: { label: string; cell: CellModel }[]
  /**
   * The variation and assurance icons' words, set only when the page is given an SPC summary for this indicator
   * (packPageModel's `spc` option); the template shows them only when some row has one.
   */
  spc?: SpcSlotModel
}

/**
 * What the at-a-glance table shows of an indicator's statistical process control summary (Making Data Count): the
 * words of its variation icon ("Special cause of concerning nature – higher") and of its assurance icon
 * ("Inconsistently passing target"), and the signal the SPC filter looks at (view-models/spc.ts's packSpcSlots).
 */
export interface SpcSlotModel {
  variationText: string
  assuranceText: string | null
  signal: SpcSignal | 'none'
  /** A modifier for the words' colour, e.g. `app-spc--concerning`; the words always say what the colour does. */
  className: string
}

/** A choice in one of the filter form's selects. */
export interface FilterOptionModel {
  value: string
  text: string
  selected: boolean
}

/** The filter form above the pack: GET parameters, so it works without JavaScript. */
export interface PackFilterFormModel {
  action: string
  areas: FilterOptionModel[]
  rags: FilterOptionModel[]
  /** Null while no indicator carries an SPC summary: the select is not offered. */
  spcs: FilterOptionModel[] | null
  changed: boolean
  changedLabel: string
  q: string
  /** Some filter is set: the "Clear filters" link is shown. */
  active: boolean
}

export interface PackGroupModel {
  /** Unique within the page, for the row-group heading's id. */
  id: string
  heading: string
  rows: PackRowModel[]
}

export interface MonthHeadingModel {
  /** `Apr-17`, as the council heads its columns. */
  text: string
  /** `April 2017`, for the abbreviation's expansion. */
  label: string
}

export interface PackPageModel {
  pageTitle: string
  heading: string
  datasetId: string
  datasetTitle: string
  period: Period
  periodText: string
  publicView: boolean
  caption: string
  previous: LinkModel | null
  next: LinkModel | null
  /** Every available month, newest first, the shown one marked current. */
  months: MonthLinkModel[]
  downloads: LinkModel[]
  /** The month's statistical process control summary grid (variation against assurance). */
  spcHref: string
  directionKey: DirectionKeyModel
  ragKey: { intro: string; entries: KeyEntryModel[] }
  monthHeadings: MonthHeadingModel[]
  /** Headings of the columns after DoT, in the order of each row's `figures`. */
  figureHeadings: string[]
  /** Total number of columns, for the colspan of the service-area rows. */
  columnCount: number
  /** Columns after the month block, for its `<colgroup span>`. */
  trailingColumnCount: number
  groups: PackGroupModel[]
  /** Indicators in the pack, before the filters. */
  indicatorCount: number
  /** Indicators the filters leave on the page. */
  shownCount: number
  /** "Showing 5 of 48 indicators". */
  countText: string
  filters: PackFilterFormModel
  /** The latest month, the at-a-glance table's value column. */
  latestMonth: MonthHeadingModel | null
  /** The target column's heading, "Target 2018-19". */
  targetHeading: string
  /** Some shown row has an SPC summary: the at-a-glance table has an SPC column. */
  spcShown: boolean
  /** Columns of the at-a-glance table, for the colspan of its service-area rows. */
  glanceColumnCount: number
  /** Set when the page shows figures withheld from the public: the banner and table notice. */
  notForPublication: string | null
  /**
   * Set when some indicator's benchmarks come from DfE: where they come from (the vintages) and what the rank and
   * quartile columns mean. Indicators without a DfE item keep their hand-typed ("Local") benchmarks.
   */
  dfeNote: { vintages: string; meaning: string } | null
  /**
   * For rates per 10,000 whose months include a financial year with no ONS estimate yet: which rates, and the
   * earlier estimate they use.
   */
  populationNotes: string[]
}

/**
 * Rounds half away from zero (2.5 → 3, −2.5 → −3), the way the council rounds by hand and in Excel, not the
 * banker's rounding or the round-half-up-towards-+∞ of `Math.round`.
 */
function roundHalfAwayFromZero(value: number, decimals: number): number {
  const factor = 10 ** decimals
  // toPrecision(15) drops binary noise first, so 1.005 × 100 counts as 100.5, not 100.49999999999999.
  const scaled = Number((Math.abs(value) * factor).toPrecision(15))
  const rounded = Math.round(scaled) / factor
  return value < 0 && rounded !== 0 ? -rounded : rounded
}

/**
 * A number with thousands separators and a real minus sign, rounded half away from zero. Needs no locale data,
 * so it reads the same on every server.
 * @example formatNumber(1234.5, 0) // '1,235'; formatNumber(-0.04, 1) // '0.0'
 */
export function formatNumber(value: number, decimals: number): string {
  const rounded = roundHalfAwayFromZero(value, decimals)
  // The value is already rounded, so toFixed only pads; it cannot round a second time.
  const [whole = '', fraction] = Math.abs(rounded).toFixed(decimals).split('.')
  const grouped = whole.length > 3 ? whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',') : whole
  const text = fraction === undefined ? grouped : `${grouped}.${fraction}`
  return rounded < 0 ? `${MINUS}${text}` : text
}

/** Decimal places the council shows for each unit. */
const DECIMALS: Record<Unit, number> = { count: 0, 'rate per 10,000': 0, days: 0, percentage: 1 }

/**
 * A value as the council's table shows it: counts, rates and days as whole numbers with thousands separators,
 * percentages to one decimal place (no % sign: the unit is named once per row). Null is an empty string.
 * @example formatValue(1234, 'count') // '1,234'; formatValue(66.25, 'percentage') // '66.3'
 */
export function formatValue(value: number | null, unit: Unit): string {
  if (value === null || !Number.isFinite(value)) return ''
  return formatNumber(value, DECIMALS[unit])
}

/**
 * A value in running text, where no column heading gives the unit: percentages get a % sign.
 * @example formatValueWithUnit(66.25, 'percentage') // '66.3%'; formatValueWithUnit(1234, 'count') // '1,234'
 */
export function formatValueWithUnit(value: number | null, unit: Unit): string {
  const text = formatValue(value, unit)
  return unit === 'percentage' && text !== '' ? `${text}%` : text
}

/**
 * A percentage change: whole percent, a plus or a real minus sign, "n/a" when there is nothing to compare.
 * @example formatPercentChange(-12) // '−12%'; formatPercentChange(null) // 'n/a'
 */
export function formatPercentChange(percent: number | null): string {
  if (percent === null || !Number.isFinite(percent)) return 'n/a'
  const whole = roundHalfAwayFromZero(percent, 0)
  if (whole === 0) return '0%'
  return whole > 0 ? `+${formatNumber(whole, 0)}%` : `${formatNumber(whole, 0)}%`
}

export function valueCell(value: number | null, unit: Unit): CellModel {
  const text = formatValue(value, unit)
  return { text, missing: text === '' }
}

const UNIT_TEXT: Record<Unit, string> = {
  count: 'Number',
  percentage: 'Percentage',
  'rate per 10,000': 'Rate per 10,000',
  days: 'Days',
}

/** The unit in words, for labels. */
export function unitText(unit: Unit): string {
  return UNIT_TEXT[unit]
}

const DIRECTION_SYMBOL: Record<Direction, string> = {
  increase: '\u25B2', // ▲
  decrease: '\u25BC', // ▼
  similar: '\u25BA', // ►, as the exports write it
  'n/a': '\u2013', // –
}

const DIRECTION_WORD: Record<Direction, string> = {
  increase: 'Increase',
  decrease: 'Decrease',
  similar: 'Similar',
  'n/a': 'Not available',
}

const JUDGEMENT_WORD: Record<Judgement, string> = {
  positive: 'positive',
  negative: 'negative',
  similar: 'similar',
  neutral: 'neutral',
  'n/a': 'not judged',
}

/**
 * Direction of travel in words and symbol: "Increase – positive", "Decrease – negative", "Similar".
 * @example directionModel({ percent: 12, direction: 'increase', judgement: 'positive' }).text // 'Increase – positive'
 */
export function directionModel(change: Pick<Change, 'direction' | 'judgement'>): DirectionModel {
  const { direction, judgement } = change
  const symbol = DIRECTION_SYMBOL[direction]
  if (direction === 'n/a') return { symbol, text: 'Not available', className: 'app-dot app-dot--n-a' }
  if (direction === 'similar') return { symbol, text: 'Similar', className: 'app-dot app-dot--similar' }
  const modifier = judgement === 'positive' || judgement === 'negative' ? judgement : 'neutral'
  return {
    symbol,
    text: `${DIRECTION_WORD[direction]} \u2013 ${JUDGEMENT_WORD[judgement]}`,
    className: `app-dot app-dot--${modifier}`,
  }
}

const RAG_MODEL: Record<Rag, RagModel> = {
  green: { text: 'Green', tagClass: 'govuk-tag--green' },
  amber: { text: 'Amber', tagClass: 'govuk-tag--orange' },
  red: { text: 'Red', tagClass: 'govuk-tag--red' },
}

/**
 * The RAG badge: "Green", "Amber", "Red"; "No target" when there is none; "Not rated" when there is a target but
 * no rating (usually because the month has no value).
 */
export function ragModel(rag: Rag | null, target: number | null): RagModel {
  if (rag !== null) return RAG_MODEL[rag]
  return target === null
    ? { text: 'No target', tagClass: 'govuk-tag--grey' }
    : { text: 'Not rated', tagClass: 'govuk-tag--grey' }
}

function packHref(datasetId: string, period: Period, extension = ''): string {
  return `/datasets/${encodeURIComponent(datasetId)}/${period}${extension}`
}

/** The URL of an indicator's page. */
export function indicatorHref(indicatorId: string): string {
  return `/indicators/${encodeURIComponent(indicatorId)}`
}

/**
 * The drill-down's address: the children behind an indicator's figure for a month; `csv` for the download.
 * @example childrenHref('icpc-in-time', '2018-04') // '/indicators/icpc-in-time/children?month=2018-04'
 */
export function childrenHref(indicatorId: string, month: Period, format: 'page' | 'csv' = 'page'): string {
  return `${indicatorHref(indicatorId)}/${format === 'csv' ? 'children.csv' : 'children'}?month=${encodeURIComponent(month)}`
}

/** A fragment-safe id: letters, digits and hyphens only. */
export function safeId(text: string): string {
  const cleaned = text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
  return cleaned === '' ? 'x' : cleaned
}

function sparklineDescription(row: PackIndicator, months: readonly Period[]): string {
  const first = months[0]
  const last = months[months.length - 1]
  if (first === undefined || last === undefined) return 'No months to show.'
  const span = `${formatPeriodLong(first)} to ${formatPeriodLong(last)}`
  const known = row.values.filter((v): v is typeof v & { value: number } => v.value !== null)
  const latest = known[known.length - 1]
  if (latest === undefined) return `${span}: no values.`
  let lowest = latest
  let highest = latest
  for (const point of known) {
    if (point.value < lowest.value) lowest = point
    if (point.value > highest.value) highest = point
  }
  const say = (p: typeof latest): string => `${formatValue(p.value, row.unit)} in ${formatPeriodLong(p.period)}`
  return `${span}. Latest ${say(latest)}. Lowest ${say(lowest)}. Highest ${say(highest)}.`
}

/** Disclosure control and revision marks to show on the pack's cells. */
export interface CellMarks {
  /** Keys (see withheldKey) of figures withheld by disclosure control, shown as `c`. */
  withheld?: ReadonlySet<string>
  /** Month figures whose live value differs from the published snapshot, keyed by withheldKey. */
  revised?: ReadonlyMap<string, RevisedFigure>
  /**
   * For signed-in people entitled to the council's own figures: keys of figures shown with their value here but
   * withheld (`c`) from the public, marked "not for publication".
   */
  restricted?: ReadonlySet<string>
}

/** What a page or export showing figures withheld from the public says about them. */
export const NOT_FOR_PUBLICATION =
  'Not for publication: these figures are not suppressed. Small counts of children, and the figures they could ' +
  'be worked out from, are shown here because you are signed in; the public sees them as c. Do not copy them ' +
  'into anything published.'

/** A figure withheld by disclosure control. */
export const WITHHELD_CELL: CellModel = Object.freeze({ text: 'c', missing: false, withheld: true })

function rowModel(
  row: PackIndicator,
  months: readonly Period[],
  owner: string | null,
  marks: CellMarks = {},
  childrenMonths: ReadonlySet<Period> = new Set(),
  dfe: { shown: boolean; standing: DfeStanding | null } = { shown: false, standing: null },
  glance: { regionHeading: string; spc?: SpcSlotModel | undefined } = { regionHeading: 'Region' },
): PackRowModel {
  const byPeriod = new Map(row.values.map((v) => [v.period, v.value]))
  const series = months.map((period) => byPeriod.get(period) ?? null)
  const { unit } = row
  const isWithheld = (column: string): boolean => marks.withheld?.has(withheldKey(row.id, column)) ?? false
  const mark = (cell: CellModel, column: string): CellModel =>
    marks.restricted?.has(withheldKey(row.id, column)) === true ? { ...cell, restricted: true } : cell
  const changeCell = (change: Change, column: string): CellModel =>
    isWithheld(column) ? WITHHELD_CELL : mark({ text: formatPercentChange(change.percent), missing: false }, column)
  const monthCell = (value: number | null, period: Period): CellModel => {
    if (isWithheld(period)) return WITHHELD_CELL
    const shown = mark(valueCell(value, unit), period)
    const cell =
      childrenMonths.has(period) && !shown.missing ? { ...shown, childrenHref: childrenHref(row.id, period) } : shown
    const revised = marks.revised?.get(withheldKey(row.id, period))
    if (revised === undefined) return cell
    const was = formatValue(revised.published, unit)
    return { ...cell, revised: `Revised since publication: published as ${was === '' ? 'no value' : was}` }
  }
  const derivedCell = (value: number | null, column: string): CellModel =>
    isWithheld(column) ? WITHHELD_CELL : mark(valueCell(value, unit), column)
  const values = series.map((value, i) => monthCell(value, months[i] ?? ''))
  const average = derivedCell(row.average12Months, 'average12Months')
  const benchmarks: { label: string; cell: CellModel }[] = [
    { label: 'Statistical neighbours', cell: valueCell(row.benchmarks.statisticalNeighbours, unit) },
    { label: 'England', cell: valueCell(row.benchmarks.england, unit) },
    { label: glance.regionHeading, cell: valueCell(row.benchmarks.region, unit) },
  ]
  const dfeFigures = dfe.shown ? dfeCells(dfe.standing, unit) : []
  const dfeLabels = ['Our value (DfE)', 'Rank (DfE)', 'Quartile (DfE)']
  dfeFigures.forEach((cell, i) => benchmarks.push({ label: dfeLabels[i] ?? '', cell }))
  const target = valueCell(row.target, unit)
  const title = `Trend: ${row.title}`
  const description = sparklineDescription(row, months)
  return {
    id: row.id,
    code: row.code,
    title: row.title,
    href: indicatorHref(row.id),
    owner,
    unitText: unitText(unit),
    values,
    sparkline: sparklineSvg(series, { id: `spark-${safeId(row.id)}`, title, description }),
    glanceSparkline: sparklineSvg(series, { id: `glance-spark-${safeId(row.id)}`, title, description }),
    changeFromPreviousMonth: changeCell(row.changeFromPreviousMonth, 'changeFromPreviousMonth'),
    changeFromSameMonthLastYear: changeCell(row.changeFromSameMonthLastYear, 'changeFromSameMonthLastYear'),
    direction: directionModel(row.changeFromPreviousMonth),
    figures: [
      average,
      derivedCell(row.max12Months, 'max12Months'),
      ...benchmarks.map((benchmark) => benchmark.cell),
      target,
    ],
    rag: isWithheld('rag') ? { text: 'c', tagClass: 'govuk-tag--grey' } : ragModel(row.rag, row.target),
    latest: values[values.length - 1] ?? { text: '', missing: true },
    average,
    target,
    benchmarks: benchmarks.filter((benchmark) => !benchmark.cell.missing),
    ...(glance.spc === undefined ? {} : { spc: glance.spc }),
  }
}

/** The council's own DfE value, rank and quartile cells; dashes ("No value") for a hand-typed indicator. */
function dfeCells(standing: DfeStanding | null, unit: Unit): CellModel[] {
  const text = (value: string): CellModel =>
    value === '' ? { text: '', missing: true } : { text: value, missing: false }
  return [valueCell(standing?.value ?? null, unit), text(dfeRankText(standing)), text(standing?.quartile ?? '')]
}

/**
 * The council's key to direction of travel, with the threshold the pack was built with.
 * @example directionKey('2018-03', '2018-04').intro
 * // 'Direction of travel (DoT) compares April 2018 with March 2018, the "% change from previous month" column.'
 */
export function directionKey(previous: Period | null, period: Period): DirectionKeyModel {
  const t = DIRECTION_THRESHOLD_PERCENT
  const compared =
    previous === null
      ? 'each month with the month before'
      : `${formatPeriodLong(period)} with ${formatPeriodLong(previous)}`
  return {
    intro: `Direction of travel (DoT) compares ${compared}, the "% change from previous month" column.`,
    directions: [
      {
        symbol: DIRECTION_SYMBOL.increase,
        term: 'Increase',
        meaning: `The value rose by ${t}% or more.`,
        className: 'app-dot',
      },
      {
        symbol: DIRECTION_SYMBOL.similar,
        term: 'Similar',
        meaning: `The value changed by less than ${t}% either way.`,
        className: 'app-dot',
      },
      {
        symbol: DIRECTION_SYMBOL.decrease,
        term: 'Decrease',
        meaning: `The value fell by ${t}% or more.`,
        className: 'app-dot',
      },
      {
        symbol: DIRECTION_SYMBOL['n/a'],
        term: 'Not available',
        meaning: 'No comparison: one of the two months has no value, or the previous value was 0.',
        className: 'app-dot app-dot--n-a',
      },
    ],
    judgements: [
      {
        symbol: '',
        term: 'positive',
        meaning: 'The change is in the direction that is better for this indicator.',
        className: 'app-dot app-dot--positive',
      },
      {
        symbol: '',
        term: 'negative',
        meaning: 'The change is in the direction that is worse for this indicator.',
        className: 'app-dot app-dot--negative',
      },
      {
        symbol: '',
        term: 'neutral',
        meaning: 'Neither direction is better for this indicator.',
        className: 'app-dot app-dot--neutral',
      },
    ],
  }
}

/**
 * The key to RAG badges for a pack month.
 * @example ragKey('2018-04').intro // 'RAG compares April 2018 with the 2018-19 target.'
 */
export function ragKey(period: Period): { intro: string; entries: KeyEntryModel[] } {
  const entry = (rag: RagModel, meaning: string): KeyEntryModel => ({
    symbol: '',
    term: rag.text,
    meaning,
    className: rag.tagClass,
  })
  return {
    intro: `RAG compares ${formatPeriodLong(period)} with the ${financialYearOf(period)} target.`,
    entries: [
      entry(RAG_MODEL.green, 'At or better than the target.'),
      entry(RAG_MODEL.amber, "Short of the target, but within the indicator's tolerance (usually 5% of the target)."),
      entry(RAG_MODEL.red, 'Short of the target by more than the tolerance.'),
      entry(ragModel(null, null), 'No target has been set for this financial year.'),
      entry(ragModel(null, 0), 'There is a target, but the month has no value or neither direction is better.'),
    ],
  }
}

/** The region named in the benchmark column heading: the catalogue's region when every indicator agrees. */
function regionHeading(pack: Pack, catalogue: ReadonlyMap<string, Indicator>): string {
  const names = new Set(pack.indicators.map((row) => catalogue.get(row.id)?.regionName ?? ''))
  const [only] = names
  return names.size === 1 && only !== undefined && only !== '' ? `${only} region` : 'Region'
}

const RAG_CHOICES: readonly { value: string; text: string }[] = [
  { value: 'red', text: 'Red' },
  { value: 'amber', text: 'Amber' },
  { value: 'green', text: 'Green' },
  { value: 'none', text: 'No target or not rated' },
]

const SPC_CHOICES: readonly { value: string; text: string }[] = [
  { value: 'concerning', text: 'Special cause – concerning' },
  { value: 'improving', text: 'Special cause – improving' },
]

/** The filter form, echoing what was asked; "Any" first in each select. */
export function filterFormModel(
  action: string,
  areas: readonly string[],
  filters: PackFilters,
  spcAvailable: boolean,
): PackFilterFormModel {
  const choices = (
    options: readonly { value: string; text: string }[],
    chosen: string | null,
    anyText: string,
  ): FilterOptionModel[] => [
    { value: '', text: anyText, selected: chosen === null },
    ...options.map((option) => ({ ...option, selected: option.value === chosen })),
  ]
  return {
    action,
    areas: choices(
      areas.map((area) => ({ value: area, text: area })),
      filters.area,
      'All service areas',
    ),
    rags: choices(RAG_CHOICES, filters.rag, 'Any RAG'),
    spcs: spcAvailable ? choices(SPC_CHOICES, filters.spc, 'Any variation') : null,
    changed: filters.changed,
    changedLabel: `Changed by ${CHANGED_THRESHOLD_PERCENT}% or more since last month`,
    q: filters.q,
    active: isFiltered(filters),
  }
}

/**
 * The at-a-glance table's columns: indicator, latest, two changes, DoT, 12-month average, target, RAG, benchmarks,
 * trend (and SPC when shown).
 */
const GLANCE_COLUMNS = 10

/** Columns before the month block (indicator) and after it (sparkline, 2 changes, DoT, 6 figures, RAG). */
const COLUMNS_OUTSIDE_MONTHS = 1 + 1 + 2 + 1 + 6 + 1
/** The DfE columns a pack with DfE benchmarks adds: our value, rank, quartile. */
const DFE_COLUMNS = 3

/**
 * Builds the pack page from a computed pack: rows grouped by service area in dataset order, every figure
 * formatted for its unit, a sparkline per row, the period switcher and the download links.
 * @example
 * packPageModel(pack, catalogue, { datasetTitle: 'Monthly dataset', availablePeriods: ['2018-03', '2018-04'], publicView: true })
 * // { heading: 'Monthly dataset – April 2018', previous: { text: 'March 2018', href: '/datasets/monthly/2018-03' }, … }
 */
export function packPageModel(
  pack: Pack,
  catalogue: ReadonlyMap<string, Indicator>,
  options: {
    datasetTitle: string
    availablePeriods: Period[]
    publicView: boolean
    /** Disclosure control (public view) and revision marks (officers' view). */
    marks?: CellMarks
    /** Added to the download links, e.g. `?version=2` for an earlier published version. */
    downloadQuery?: string
    /**
     * The months of each indicator with children behind the figure (records of an Annex A, census or SSDA903 import
     * stored), for a viewer who may see them: those figures link to the children, and no others do.
     */
    drillDowns?: ReadonlyMap<string, ReadonlySet<Period>>
    /** The page shows figures withheld from the public (marks.restricted says which): mark it not for publication. */
    notForPublication?: boolean
    /** The filters from the query string (parsePackFilters); none by default. */
    filters?: PackFilters
    /** Each indicator's SPC summary as the at-a-glance table shows it, by indicator id (view-models/spc.ts). */
    spc?: ReadonlyMap<string, SpcSlotModel>
  },
): PackPageModel {
  const { datasetTitle, publicView } = options
  const periodText = formatPeriodLong(pack.period)
  const heading = `${datasetTitle} \u2013 ${periodText}`

  const available = [...new Set([...options.availablePeriods, pack.period])].sort()
  const here = available.indexOf(pack.period)
  const link = (period: Period | undefined): LinkModel | null =>
    period === undefined ? null : { text: formatPeriodLong(period), href: packHref(pack.dataset, period) }
  const months = available
    .map((period) => ({
      text: formatPeriodLong(period),
      href: packHref(pack.dataset, period),
      current: period === pack.period,
    }))
    .reverse()

  const standings = pack.indicators.map((row) => catalogue.get(row.id)?.dfeStanding ?? null)
  const withDfe = standings.some((standing) => standing !== null)
  const region = regionHeading(pack, catalogue)
  const spcAvailable = options.spc !== undefined && options.spc.size > 0
  // Asking for an SPC signal while no indicator has an SPC summary would show nothing: the filter is dropped.
  const filters = { ...(options.filters ?? NO_PACK_FILTERS), ...(spcAvailable ? {} : { spc: null }) }
  const groups: PackGroupModel[] = []
  const groupByArea = new Map<string, PackGroupModel>()
  const areas: string[] = []
  for (const row of pack.indicators) {
    const area = areaOf(row)
    if (!areas.includes(area)) areas.push(area)
    const spc = options.spc?.get(row.id)
    const withheld = options.marks?.withheld
    const isWithheld = (column: string): boolean => withheld?.has(withheldKey(row.id, column)) ?? false
    if (!rowMatches({ row, isWithheld, ...(spc === undefined ? {} : { spcSignal: spc.signal }) }, filters)) continue
    let group = groupByArea.get(area)
    if (group === undefined) {
      group = { id: `area-${groups.length + 1}-${safeId(area)}`, heading: area, rows: [] }
      groupByArea.set(area, group)
      groups.push(group)
    }
    const owner = publicView ? null : (catalogue.get(row.id)?.owner ?? '').trim() || null
    const dfe = { shown: withDfe, standing: catalogue.get(row.id)?.dfeStanding ?? null }
    group.rows.push(
      rowModel(row, pack.months, owner, options.marks, options.drillDowns?.get(row.id), dfe, {
        regionHeading: region,
        spc,
      }),
    )
  }
  const shownCount = groups.reduce((sum, group) => sum + group.rows.length, 0)
  const spcShown = groups.some((group) => group.rows.some((row) => row.spc !== undefined))

  const first = pack.months[0]
  const last = pack.months[pack.months.length - 1]
  const span =
    first !== undefined && last !== undefined ? `, ${formatPeriodLong(first)} to ${formatPeriodLong(last)}` : ''
  const count = pack.indicators.length

  return {
    pageTitle: heading,
    heading,
    datasetId: pack.dataset,
    datasetTitle,
    period: pack.period,
    periodText,
    publicView,
    caption:
      `${datasetTitle}: ${shownCount === count ? '' : `${shownCount} of `}${count} ${count === 1 ? 'indicator' : 'indicators'}${span}` +
      (options.notForPublication === true ? ' \u2013 not for publication (unsuppressed)' : ''),
    previous: here > 0 ? link(available[here - 1]) : null,
    next: link(available[here + 1]),
    months,
    downloads: [
      { text: 'CSV', href: packHref(pack.dataset, pack.period, `.csv${options.downloadQuery ?? ''}`) },
      { text: 'Excel (XLSX)', href: packHref(pack.dataset, pack.period, `.xlsx${options.downloadQuery ?? ''}`) },
      { text: 'JSON', href: packHref(pack.dataset, pack.period, `.json${options.downloadQuery ?? ''}`) },
    ],
    spcHref: `/datasets/${encodeURIComponent(pack.dataset)}/${pack.period}/spc`,
    directionKey: directionKey(pack.months[pack.months.length - 2] ?? null, pack.period),
    ragKey: ragKey(pack.period),
    monthHeadings: pack.months.map((period) => ({ text: formatPeriodShort(period), label: formatPeriodLong(period) })),
    figureHeadings: [
      '12-month average',
      '12-month maximum',
      'Statistical neighbours',
      'England',
      region,
      ...(withDfe ? ['Our value (DfE)', 'Rank (DfE)', 'Quartile (DfE)'] : []),
      `Target ${financialYearOf(pack.period)}`,
    ],
    columnCount: COLUMNS_OUTSIDE_MONTHS + (withDfe ? DFE_COLUMNS : 0) + pack.months.length,
    trailingColumnCount: COLUMNS_OUTSIDE_MONTHS - 1 + (withDfe ? DFE_COLUMNS : 0),
    groups,
    indicatorCount: count,
    shownCount,
    countText: `Showing ${shownCount} of ${count} ${count === 1 ? 'indicator' : 'indicators'}`,
    filters: filterFormModel(packHref(pack.dataset, pack.period), areas, filters, spcAvailable),
    latestMonth: last === undefined ? null : { text: formatPeriodShort(last), label: formatPeriodLong(last) },
    targetHeading: `Target ${financialYearOf(pack.period)}`,
    spcShown,
    glanceColumnCount: GLANCE_COLUMNS,
    notForPublication: options.notForPublication === true ? NOT_FOR_PUBLICATION : null,
    populationNotes: populationNotes(pack, catalogue),
    dfeNote: withDfe
      ? {
          vintages: [...new Set(standings.flatMap((standing) => (standing === null ? [] : [standing.vintage])))].join(
            '; ',
          ),
          meaning: DFE_STANDING_MEANING,
        }
      : null,
  }
}

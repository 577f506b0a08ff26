/**
 * A published monthly dataset pack printed as an appendix of the document pack: the snapshot's table (every
 * indicator by service area, its 13 months, % changes, direction of travel, 12-month average and maximum,
 * benchmarks, target and RAG) as print HTML, from the published snapshot with the disclosure control it was
 * published with, so the paper matches the published page figure for figure. Never live figures, never anything
 * about a child: the snapshot holds only the pack's aggregate figures.
 *
 * Thirteen months and eleven other columns are printed on A4 landscape pages in a small type (the caller marks
 * the paper `landscape`; pack.css, `.app-doc-dataset`); the header rows repeat on every page.
 */
import type { Unit } from '../domain/catalogue.ts'
import type { Change } from '../domain/pack.ts'
import { formatPeriodLong, formatPeriodShort } from '../domain/period.ts'
import { disclosePack, withheldKey, type Publication } from '../domain/publication.ts'
import { londonDate } from '../domain/calendar/london-time.ts'
import { escapeMarkup } from '../domain/markup-text.ts'
import {
  commonRegionName,
  decimalPlaces,
  directionOfTravelText,
  indicatorLabel,
  packGroups,
  packTitle,
  ragText,
  roundForDisplay,
  targetYear,
  WITHHELD_SYMBOL,
  type PackRow,
} from './pack-table.ts'

/** A real minus sign, as the published page prints it. */
const MINUS = '\u2212'
/** What an empty cell shows: the published page's dash for "no value". */
export const NO_VALUE = '–'

const UNIT_TEXT: Record<Unit, string> = {
  count: 'Number',
  percentage: 'Percentage',
  'rate per 10,000': 'Rate per 10,000',
  days: 'Days',
}

/**
 * A figure as the published page shows it: rounded for its unit, thousands separated, a real minus sign; a dash
 * when there is no value.
 * @example figureText(1234, 'count') // '1,234'; figureText(66.666, 'percentage') // '66.7'; figureText(null, 'count') // '–'
 */
export function figureText(value: number | null, unit: Unit): string {
  if (value === null || !Number.isFinite(value)) return NO_VALUE
  const places = decimalPlaces(unit)
  const rounded = roundForDisplay(unit, value)
  const text = Math.abs(rounded).toLocaleString('en-GB', {
    minimumFractionDigits: places,
    maximumFractionDigits: places,
  })
  return rounded < 0 ? `${MINUS}${text}` : text
}

/**
 * A percentage change as the published page shows it: whole percent with a sign, "n/a" when nothing to compare.
 * @example changeText({ percent: -12, … }) // '−12%'; changeText({ percent: null, … }) // 'n/a'
 */
export function changeText(change: Change): string {
  const { percent } = change
  if (percent === null || !Number.isFinite(percent)) return 'n/a'
  const whole = roundForDisplay('count', percent)
  if (whole === 0) return '0%'
  return whole > 0 ? `+${whole.toLocaleString('en-GB')}%` : `${MINUS}${Math.abs(whole).toLocaleString('en-GB')}%`
}

const td = (text: string) => `<td class="app-doc-dataset__number">${escapeMarkup(text)}</td>`

function rowHtml(row: PackRow, months: readonly string[], withheld: ReadonlySet<string>): string {
  const { indicator } = row
  const { unit } = indicator
  const hidden = (column: string) => withheld.has(withheldKey(indicator.id, column))
  const byPeriod = new Map(indicator.values.map((v) => [v.period, v.value]))
  const figure = (value: number | null, column: string | null) =>
    td(column !== null && hidden(column) ? WITHHELD_SYMBOL : figureText(value, unit))
  const change = (value: Change, column: string) => td(hidden(column) ? WITHHELD_SYMBOL : changeText(value))
  const cells = [
    `<th scope="row">${escapeMarkup(indicatorLabel(indicator))} <span class="app-doc-dataset__unit">${escapeMarkup(UNIT_TEXT[unit])}</span></th>`,
    ...months.map((period) => figure(byPeriod.get(period) ?? null, period)),
    change(indicator.changeFromPreviousMonth, 'changeFromPreviousMonth'),
    change(indicator.changeFromSameMonthLastYear, 'changeFromSameMonthLastYear'),
    `<td>${escapeMarkup(directionOfTravelText(indicator.changeFromPreviousMonth))}</td>`,
    figure(indicator.average12Months, 'average12Months'),
    figure(indicator.max12Months, 'max12Months'),
    figure(indicator.benchmarks.statisticalNeighbours, null),
    figure(indicator.benchmarks.england, null),
    figure(indicator.benchmarks.region, null),
    figure(indicator.target, null),
    `<td>${escapeMarkup(hidden('rag') ? WITHHELD_SYMBOL : ragText(indicator.rag) || NO_VALUE)}</td>`,
  ]
  return `<tr>${cells.join('')}</tr>`
}

/**
 * The published pack's table as an HTML fragment for the document pack, every text escaped.
 * @example publishedPackTableHtml(publication).includes('<th scope="col">Apr-18</th>') // true
 */
export function publishedPackTableHtml(publication: Pick<Publication, 'snapshot' | 'version'>): string {
  const { snapshot } = publication
  const catalogue = new Map(snapshot.catalogue.map((indicator) => [indicator.id, indicator]))
  const { pack, withheld, symbol } = disclosePack(snapshot.pack, catalogue, snapshot.disclosureRule)
  const groups = packGroups(pack, catalogue)
  const region = commonRegionName(groups)
  const trailing = [
    '% change from previous month',
    '% change from same month last year',
    'Direction of travel',
    '12-month average',
    '12-month maximum',
    'Statistical neighbours',
    'England',
    region === null ? 'Region' : `${region} region`,
    `Target ${targetYear(pack)}`,
    'RAG',
  ]
  const columnCount = 1 + pack.months.length + trailing.length
  const title = packTitle(pack, { datasetTitle: snapshot.datasetTitle })
  const published = `Version ${publication.version}, published ${formatDay(londonDate(snapshot.publishedAt))}`
  // Column widths (pack.css): the indicator, the months, then each trailing column by what it holds.
  const trailingCols = [
    'change',
    'change',
    'direction',
    'figure',
    'figure',
    'neighbours',
    'figure',
    'figure',
    'figure',
    'rag',
  ]
  const cols =
    '<colgroup><col class="app-doc-dataset__col-indicator">' +
    `<col span="${pack.months.length}" class="app-doc-dataset__col-month">` +
    trailingCols.map((c) => `<col class="app-doc-dataset__col-${c}">`).join('') +
    '</colgroup>'
  const head =
    '<thead>' +
    `<tr><th scope="col" rowspan="2">Indicator</th><th scope="colgroup" colspan="${pack.months.length}">Monthly values</th>` +
    trailing.map((h) => `<th scope="col" rowspan="2">${escapeMarkup(h)}</th>`).join('') +
    '</tr>' +
    `<tr>${pack.months.map((m) => `<th scope="col" class="app-doc-dataset__month" title="${escapeMarkup(formatPeriodLong(m))}">${escapeMarkup(formatPeriodShort(m))}</th>`).join('')}</tr>` +
    '</thead>'
  const body = groups
    .map(
      (group) =>
        `<tbody><tr><th scope="rowgroup" colspan="${columnCount}" class="app-doc-dataset__area">${escapeMarkup(group.serviceArea.trim() === '' ? 'Other indicators' : group.serviceArea)}</th></tr>` +
        group.rows.map((row) => rowHtml(row, pack.months, withheld)).join('') +
        '</tbody>',
    )
    .join('')
  const count = pack.indicators.length
  return [
    `<p class="govuk-body">${escapeMarkup(`${published}: the figures as published, ${count} indicator${count === 1 ? '' : 's'}.`)}</p>`,
    `<table class="app-doc-dataset"><caption>${escapeMarkup(title)}</caption>${cols}${head}${body}</table>`,
    `<p class="govuk-body-s">${escapeMarkup(`${symbol}: withheld to protect the identity of children (counts from ${snapshot.disclosureRule.min} to ${snapshot.disclosureRule.max}, and the figures they could be worked out from). ${NO_VALUE}: no value.`)}</p>`,
  ].join('\n')
}

/** `2018-05-15` as `15 May 2018`. */
function formatDay(date: string): string {
  return `${Number(date.slice(8, 10))} ${formatPeriodLong(date.slice(0, 7))}`
}

/**
 * Statistical process control on the pages: one indicator's XmR chart with its Making Data Count icons, words,
 * table and process changes (the indicator page, the printed pack), and the dataset's summary grid of variation
 * against assurance. Every string is made here; the templates only print.
 */
import type { Indicator, Unit } from '../../domain/catalogue.ts'
import type { Pack } from '../../domain/pack.ts'
import { formatPeriodLong, type Period } from '../../domain/period.ts'
import { breaksIn, type ProcessChange } from '../../domain/statistics/process-changes.ts'
import {
  ASSURANCE_TEXT,
  summaryOf,
  VARIATION_TEXT,
  xmrChart,
  type Assurance,
  type RunLength,
  type Variation,
  type XmrPoint,
} from '../../domain/statistics/spc.ts'
import type { LineChartBenchmark, LineChartTarget } from '../../charts/line-chart.ts'
import { indicatorXmr } from '../../charts/indicator-xmr.ts'
import { assuranceIconSvg, CAUSE_STYLE, variationIconSvg } from '../../charts/xmr-chart.ts'
import { formatNumber, formatValueWithUnit, indicatorHref, safeId, type SpcSlotModel } from './pack-page.ts'

/** An icon (decorative SVG) with the words that say what it means: both are always shown. */
export interface SpcIconModel {
  code: string
  icon: string
  text: string
}

export interface SpcTableRowModel {
  month: string
  value: string
  mean: string
  lowerLimit: string
  upperLimit: string
  /** "Common cause", or the cause and the rules that found it. */
  signal: string
}

export interface ProcessChangeRowModel {
  period: Period
  month: string
  reason: string
  recorded: string
}

export interface SpcModel {
  chart: string
  caption: string
  variation: SpcIconModel | null
  assurance: SpcIconModel | null
  /** Set when the latest limits are trial limits. */
  trialNote: string | null
  /** "Runs and trends: 7 points in a row (the council's setting)." */
  rulesNote: string
  tableCaption: string
  rows: SpcTableRowModel[]
  processChanges: ProcessChangeRowModel[]
}

const RULE_WORDS: Array<[keyof XmrPoint, string]> = [
  ['outsideLimits', 'outside the limits'],
  ['inRun', 'run on one side of the mean'],
  ['inTrend', 'trend'],
  ['inTwoOfThree', 'two of three near a limit'],
]

function signalText(point: XmrPoint): string {
  if (point.value === null) return 'No value'
  if (point.cause === null) return 'Too few values for limits'
  if (point.cause === 'common') return CAUSE_STYLE.common.label
  const rules = RULE_WORDS.filter(([key]) => point[key] === true).map(([, words]) => words)
  const side = point.direction === 'high' ? 'higher' : 'lower'
  return `${CAUSE_STYLE[point.cause].label}, ${side} (${rules.join('; ')})`
}

/** Mean and limits to one more decimal place than the figures, so limits close to a value are told apart. */
function statText(value: number | null, unit: Unit): string {
  if (value === null) return ''
  const decimals = unit === 'percentage' ? 2 : 1
  const text = formatNumber(value, decimals)
  return unit === 'percentage' ? `${text}%` : text
}

/** The icon and words for a variation. */
export function variationModel(variation: Variation): SpcIconModel {
  return { code: variation, icon: variationIconSvg(variation), text: VARIATION_TEXT[variation] }
}

/** The icon and words for an assurance. */
export function assuranceModel(assurance: Assurance): SpcIconModel {
  return { code: assurance, icon: assuranceIconSvg(assurance), text: ASSURANCE_TEXT[assurance] }
}

/**
 * One indicator's SPC: the chart (with targets and benchmarks), its icons and words, its table and its process
 * changes. `points` are consecutive months, oldest first.
 */
export function spcModel(input: {
  indicator: Indicator
  points: ReadonlyArray<{ period: Period; value: number | null }>
  targets: readonly LineChartTarget[]
  benchmarks: readonly LineChartBenchmark[]
  processChanges: readonly ProcessChange[]
  runLength: RunLength
  formatAxis: (value: number) => string
  /** Months withheld from the public by disclosure control (null in `points`): shown as c in the table. */
  withheld?: ReadonlySet<Period>
}): SpcModel {
  const { indicator, points, runLength } = input
  const { unit } = indicator
  const { chart, summary, title, svg } = indicatorXmr({
    id: `spc-${safeId(indicator.id)}`,
    indicator,
    points,
    processChanges: input.processChanges,
    runLength,
    say: {
      value: (value) => formatValueWithUnit(value, unit),
      stat: (value) => statText(value, unit),
      axis: input.formatAxis,
    },
    lines: { targets: input.targets, benchmarks: input.benchmarks },
  })
  const variation = summary.variation === null ? null : variationModel(summary.variation)
  const assurance = summary.assurance === null ? null : assuranceModel(summary.assurance)
  return {
    chart: svg,
    caption: title,
    variation,
    assurance,
    trialNote:
      summary.variation !== null && summary.trial
        ? 'The limits are trial limits: fewer than 15 months since the start or the last process change.'
        : null,
    rulesNote: `Special cause: a month outside the limits; ${runLength} or more in a row on one side of the mean; ${runLength} or more in a row each rising or each falling; two of three beyond two thirds of the way to a limit.`,
    tableCaption: `${indicator.title}: the XmR chart as a table, newest first`,
    rows: chart.points
      .map((point, index) => {
        const period = chart.periods[point.period]
        const month = points[index]?.period ?? ''
        if (input.withheld?.has(month) === true)
          return {
            month: formatPeriodLong(month),
            value: 'c',
            mean: statText(period?.mean ?? null, unit),
            lowerLimit: statText(period?.lowerLimit ?? null, unit),
            upperLimit: statText(period?.upperLimit ?? null, unit),
            signal: 'Withheld (c): left out of the chart',
          }
        return {
          month: formatPeriodLong(month),
          value: point.value === null ? '–' : formatValueWithUnit(point.value, unit),
          mean: statText(period?.mean ?? null, unit),
          lowerLimit: statText(period?.lowerLimit ?? null, unit),
          upperLimit: statText(period?.upperLimit ?? null, unit),
          signal: signalText(point),
        }
      })
      .reverse(),
    processChanges: input.processChanges.map((c) => ({
      period: c.period,
      month: formatPeriodLong(c.period),
      reason: c.reason,
      recorded: `${c.recordedBy}, ${c.recordedAt.slice(0, 10)}`,
    })),
  }
}

/** One indicator of a pack with its icons, for the summary grid. */
export interface SpcGridIndicator {
  indicator: Pick<Indicator, 'id' | 'code' | 'title'>
  variation: Variation | null
  assurance: Assurance | null
}

/**
 * Each indicator of a pack with the icons of its 13 months: its polarity, the target the pack shows for the month,
 * its process changes and the council's run length. Withheld months (null in a public pack) are skipped.
 */
export function packSpcEntries(
  pack: Pack,
  processChanges: ReadonlyMap<string, readonly ProcessChange[]>,
  runLength: RunLength,
): SpcGridIndicator[] {
  return pack.indicators.map((row) => {
    const byPeriod = new Map(row.values.map((v) => [v.period, v.value]))
    const values = pack.months.map((period) => byPeriod.get(period) ?? null)
    const chart = xmrChart(values, {
      polarity: row.polarity,
      runLength,
      floorAtZero: true,
      breaks: breaksIn(pack.months, processChanges.get(row.id) ?? []),
    })
    const summary = summaryOf(chart, row.polarity, row.target)
    return { indicator: row, variation: summary.variation, assurance: summary.assurance }
  })
}

/** One indicator in a cell of the summary grid. */
export interface SpcGridEntry {
  text: string
  href: string
}

export interface SpcGridCell {
  entries: SpcGridEntry[]
}

export interface SpcGridRow {
  variation: SpcIconModel | null
  /** "No limits yet" for the row of indicators with too few figures. */
  heading: string
  cells: SpcGridCell[]
}

export interface SpcGridModel {
  pageTitle: string
  caption: string
  columns: Array<{ assurance: SpcIconModel | null; heading: string }>
  rows: SpcGridRow[]
  count: string
  packHref: string
  rulesNote: string
}

const VARIATION_ORDER: ReadonlyArray<Variation | null> = [
  'concerning-high',
  'concerning-low',
  'improving-high',
  'improving-low',
  'neither-high',
  'neither-low',
  'common',
  null,
]
const ASSURANCE_ORDER: ReadonlyArray<Assurance | null> = ['fail', 'hit-and-miss', 'pass', null]

/**
 * The dataset's summary grid: each indicator placed by its variation (rows, concerning first) and assurance
 * (columns, failing first), linking to its page. Rows and columns nobody is in are left out.
 */
export function spcGridModel(input: {
  datasetId: string
  datasetTitle: string
  period: Period
  entries: readonly SpcGridIndicator[]
  runLength: RunLength
}): SpcGridModel {
  const variations = VARIATION_ORDER.filter((v) => input.entries.some((e) => e.variation === v))
  const assurances = ASSURANCE_ORDER.filter((a) => input.entries.some((e) => e.assurance === a))
  const month = formatPeriodLong(input.period)
  return {
    pageTitle: `${input.datasetTitle}, ${month}: variation and assurance`,
    caption: `${input.datasetTitle}, ${month}`,
    columns: assurances.map((a) =>
      a === null
        ? { assurance: null, heading: 'No assurance (no target, or neither higher nor lower is better)' }
        : { assurance: assuranceModel(a), heading: ASSURANCE_TEXT[a] },
    ),
    rows: variations.map((v) => ({
      variation: v === null ? null : variationModel(v),
      heading: v === null ? 'Too few figures for process limits' : VARIATION_TEXT[v],
      cells: assurances.map((a) => ({
        entries: input.entries
          .filter((e) => e.variation === v && e.assurance === a)
          .map((e) => ({
            text: e.indicator.code.trim() === '' ? e.indicator.title : `${e.indicator.code} – ${e.indicator.title}`,
            href: indicatorHref(e.indicator.id),
          })),
      })),
    })),
    count: `${input.entries.length} indicator${input.entries.length === 1 ? '' : 's'}`,
    packHref: `/datasets/${encodeURIComponent(input.datasetId)}/${input.period}`,
    rulesNote: `Worked out from each indicator's 13 months to ${month}, with the council's run length of ${input.runLength} and its process changes (docs/methodology.md).`,
  }
}

/**
 * The pack page's at-a-glance words for each indicator's SPC summary, by indicator id: the variation and assurance
 * words (never a colour alone), and the signal the pack's SPC filter looks at.
 */
export function packSpcSlots(entries: readonly SpcGridIndicator[]): Map<string, SpcSlotModel> {
  const slots = new Map<string, SpcSlotModel>()
  for (const entry of entries) {
    if (entry.variation === null) continue
    const signal = entry.variation.startsWith('concerning')
      ? 'concerning'
      : entry.variation.startsWith('improving')
        ? 'improving'
        : 'none'
    slots.set(entry.indicator.id, {
      variationText: VARIATION_TEXT[entry.variation],
      assuranceText: entry.assurance === null ? null : ASSURANCE_TEXT[entry.assurance],
      signal,
      className: `app-spc--${signal}`,
    })
  }
  return slots
}

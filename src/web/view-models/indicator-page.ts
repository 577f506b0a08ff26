/**
 * The indicator page (/indicators/{id}): one indicator's definition, benchmarks, targets, whole history as a chart
 * and a table, and the revisions made to its figures. Every string is made here; the template only prints.
 */
import type { Dataset, Indicator, Observation, Polarity, Revision } from '../../domain/catalogue.ts'
import { markUpAcronyms, type GlossaryEntry, type Segment } from '../../domain/glossary.ts'
import { addMonths, financialYearOf, formatPeriodLong, type FinancialYear, type Period } from '../../domain/period.ts'
import type { ProcessChange, ProcessChangeProblem } from '../../domain/statistics/process-changes.ts'
import { percentChange } from '../../domain/statistics/change.ts'
import { DEFAULT_RUN_LENGTH, type RunLength } from '../../domain/statistics/spc.ts'
import { barChartSvg, type BarChartBar } from '../../charts/bar-chart.ts'
import { chartLinesOf } from '../../charts/indicator-xmr.ts'
import { populationFallbackText, type DfeStanding, type Unit } from '../../domain/catalogue.ts'
import { dfeRankText } from '../../exporters/pack-table.ts'
import {
  childrenHref,
  formatNumber,
  formatPercentChange,
  formatValueWithUnit,
  indicatorHref,
  safeId,
  unitText,
  valueCell,
  NOT_FOR_PUBLICATION,
  WITHHELD_CELL,
  type CellModel,
  type LinkModel,
} from './pack-page.ts'
import { spcModel, type SpcModel } from './spc.ts'

/** The first thing the page says: the latest value, its month and the change from the month before. */
export interface HeadlineModel {
  value: string
  month: string
  /** "Down 9% from 270 in March 2018", or null when there is no figure the month before. */
  change: string | null
  /** Shown unsuppressed to someone the public would see it as c. */
  restricted: boolean
}

/** The latest approved commentary on the indicator, as its author wrote it. */
export interface StoryModel {
  heading: string
  /** The text as written, a paragraph at each blank line. */
  paragraphs: string[]
  byline: string
}

/** The form an officer records a process change with, and the changes recorded (each with a remove button). */
export interface ProcessChangeFormModel {
  action: string
  removeAction: string
  month: string
  reason: string
  errors: Array<{ text: string; href: string }>
  monthError: string | null
  reasonError: string | null
}

export interface SummaryRowModel {
  key: string
  value: string
  /** When set, the value is a link. */
  href: string | null
  /** When set, the value with its acronyms marked up to the glossary (the definition). */
  segments?: Segment[]
}

export interface BenchmarkRowModel {
  label: string
  value: string
  /** "Updated Nov-17, using 2016-17 data", or empty. */
  vintage: string
}

/** One row of the neighbours table, in the chart's order. */
export interface NeighbourRowModel {
  label: string
  value: string
  /** The council this page is about, England or the SN average: bold in the table as in the chart. */
  emphasis: 'own' | 'reference' | null
}

/** The council beside its ten statistical neighbours for the indicator's DfE item: a bar chart and its table. */
export interface NeighboursModel {
  chart: string
  caption: string
  rows: NeighbourRowModel[]
  /** "Rank 12 of 152 councils, quartile A (1 is the best)", or null without a rank. */
  standing: string | null
  vintage: string
}

export interface TargetRowModel {
  financialYear: FinancialYear
  value: string
}

export interface HistoryRowModel {
  period: string
  value: CellModel
  numerator: CellModel
  denominator: CellModel
  /** The children behind this month's figure (officers who may see drill-downs, measure-linked indicators only). */
  childrenHref: string | null
  /** "Children behind the April 2018 figure", for the link's hidden text. */
  childrenLabel: string
}

export interface RevisionRowModel {
  period: string
  previousValue: CellModel
  newValue: CellModel
  when: string
  sourceFile: string
}

export interface IndicatorPageModel {
  headline: HeadlineModel | null
  /** The XmR chart with its icons and words; null without figures. */
  spc: SpcModel | null
  story: StoryModel | null
  /** For officers who may record process changes. */
  processChangeForm: ProcessChangeFormModel | null
  pageTitle: string
  title: string
  /** The title with its acronyms marked up to the glossary. */
  titleSegments: Segment[]
  /** "CP1", or empty. */
  code: string
  /** Shown above the title: the service area. */
  caption: string
  summary: SummaryRowModel[]
  benchmarks: BenchmarkRowModel[]
  /** Set when the indicator's benchmarks come from DfE and the council's neighbours are known. */
  neighbours: NeighboursModel | null
  targets: TargetRowModel[]
  /** Whether the history table has numerator and denominator columns worth showing. */
  showCounts: boolean
  historyCaption: string
  /** Newest month first. */
  history: HistoryRowModel[]
  /** Newest revision first. */
  revisions: RevisionRowModel[]
  sourceNote: string | null
  datasets: LinkModel[]
  asOfText: string | null
  /** For officers who may see drill-downs, how to get from a figure to the children behind it. */
  drillDownHint: string | null
  /** Set when the page shows figures withheld from the public: the not-for-publication banner. */
  notForPublication: string | null
  /** For a rate per 10,000: each shown financial year whose rate uses an earlier year's ONS population estimate. */
  populationNotes: string[]
}

const POLARITY_TEXT: Record<Polarity, string> = {
  higher: 'Higher is better',
  lower: 'Lower is better',
  neutral: 'Neither higher nor lower is better',
}

/**
 * The polarity in words.
 * @example polarityText('lower') // 'Lower is better'
 */
export function polarityText(polarity: Polarity): string {
  return POLARITY_TEXT[polarity]
}

const LONDON_TIME = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
})

/**
 * An ISO timestamp as council officers read it, in UK time: "12 May 2018 at 15:03". Text that is not a timestamp
 * is shown as it is rather than hidden.
 * @example formatTimestamp('2018-05-12T14:03:00Z') // '12 May 2018 at 15:03'
 */
export function formatTimestamp(iso: string): string {
  const millis = Date.parse(iso)
  if (!/^\d{4}-\d{2}-\d{2}T/.test(iso) || Number.isNaN(millis)) return iso
  return LONDON_TIME.format(millis)
}

/** Axis labels drop a needless ".0" (20% rather than 20.0%) but keep a real decimal (a 0.5 step on a small axis). */
function axisLabel(value: number, unit: Unit): string {
  const text = formatNumber(value, Number.isInteger(value) ? 0 : 1)
  return unit === 'percentage' ? `${text}%` : text
}

function monthNumber(period: Period): number {
  return Number(period.slice(0, 4)) * 12 + Number(period.slice(5, 7)) - 1
}

function periodOf(month: number): Period {
  return `${String(Math.floor(month / 12)).padStart(4, '0')}-${String((month % 12) + 1).padStart(2, '0')}`
}

/**
 * The council beside its statistical neighbours, highest value first (councils without a value last, saying why),
 * then the SN average and England as reference bars. Null when DfE gave no neighbours for the council.
 */
export function neighboursModel(indicator: Indicator, standing: DfeStanding): NeighboursModel | null {
  const councils = standing.councils ?? []
  if (councils.length < 2) return null
  const { unit } = indicator
  const say = (value: number): string => formatValueWithUnit(value, unit)
  const missing = (reason: string | null): string => `not published (${reason ?? 'no row'})`
  const sorted = [...councils].sort((a, b) => {
    if (a.value === null || b.value === null) return a.value === null ? (b.value === null ? 0 : 1) : -1
    return b.value - a.value
  })
  const bars: BarChartBar[] = sorted.map((council) => ({
    label: council.own ? `${council.name} (this council)` : council.name,
    value: council.value,
    missingText: missing(council.notPublished),
    ...(council.own ? { emphasis: 'own' as const } : {}),
  }))
  const { statisticalNeighbours, england } = indicator.benchmarks
  if (statisticalNeighbours !== null)
    bars.push({ label: 'Statistical neighbours average', value: statisticalNeighbours.value, emphasis: 'reference' })
  if (england !== null) bars.push({ label: 'England', value: england.value, emphasis: 'reference' })

  const own = councils.find((council) => council.own)
  const rank = dfeRankText(standing)
  const rankPhrase =
    rank === '' ? null : `rank ${rank} councils${standing.quartile === null ? '' : `, quartile ${standing.quartile}`}`
  const known = sorted.filter((council) => council.value !== null)
  const sentences = [
    own === undefined
      ? ''
      : `${own.name}: ${own.value === null ? missing(own.notPublished) : say(own.value)}${rankPhrase === null ? '' : ` (${rankPhrase}; 1 is the best)`}.`,
    known.length > 1
      ? `Among the council and its ${councils.length - 1} statistical neighbours the highest is ${known[0]?.name ?? ''} (${say(known[0]?.value ?? 0)}) and the lowest ${known.at(-1)?.name ?? ''} (${say(known.at(-1)?.value ?? 0)}).`
      : '',
    statisticalNeighbours === null ? '' : `Statistical neighbours average: ${say(statisticalNeighbours.value)}.`,
    england === null ? '' : `England: ${say(england.value)}.`,
    `${standing.vintage}.`,
  ]
  const title = `${indicator.title}: ${own?.name ?? 'the council'} and its statistical neighbours`
  return {
    chart: barChartSvg({
      id: `neighbours-${safeId(indicator.id)}`,
      title,
      description: sentences.filter((sentence) => sentence !== '').join(' '),
      bars,
      formatValue: (value) => axisLabel(value, unit),
    }),
    caption: `${title} (${standing.vintage})`,
    rows: bars.map((bar) => ({
      label: bar.label,
      value: bar.value === null ? (bar.missingText ?? 'No value') : say(bar.value),
      emphasis: bar.emphasis ?? null,
    })),
    standing: rankPhrase === null ? null : `R${rankPhrase.slice(1)} (1 is the best)`,
    vintage: standing.vintage,
  }
}

/**
 * The change from the month before in words: "Up 12% from 1,030 in March 2018", "No change from …", or, when
 * the month before was 0 (no percentage), "Was 0 in March 2018".
 * @example changeText(-9.26, '270', 'March 2018') // 'Down 9% from 270 in March 2018'
 */
export function changeText(percent: number | null, previous: string, month: string): string {
  if (percent === null) return `Was ${previous} in ${month}`
  const shown = formatPercentChange(Math.abs(percent)).replace('+', '')
  if (shown === '0%') return `No change from ${previous} in ${month}`
  return `${percent > 0 ? 'Up' : 'Down'} ${shown} from ${previous} in ${month}`
}

/** The drill-down's address lives beside the indicator's, in pack-page.ts; re-exported for this page's callers. */
export { childrenHref }

/**
 * Builds the indicator page. History is shown up to `asOf` (all of it when null) as consecutive months, so a
 * month without a figure is a gap in the chart and a blank in the table.
 * @example
 * indicatorPageModel({ indicator, history, revisions: [], datasets, sourceNote: null, asOf: '2018-04' }).summary[0]
 * // { key: 'Code', value: 'CP1', href: null }
 */
export function indicatorPageModel(input: {
  indicator: Indicator
  history: Observation[]
  revisions: Revision[]
  datasets: Dataset[]
  sourceNote: string | null
  asOf: Period | null
  /** Titles for the numerator and denominator links; the ids are shown when absent. */
  catalogue?: ReadonlyMap<string, Indicator>
  /** The glossary, to mark up acronyms in the title and definition; none are marked up when absent. */
  glossary?: readonly GlossaryEntry[]
  /**
   * The months whose figure has children behind it that the viewer may see (`view-drill-downs` and records stored):
   * each such month's figure links to them; every other figure is plain text.
   */
  childrenMonths?: ReadonlySet<Period>
  /** Process changes recorded on the indicator's XmR chart. */
  processChanges?: readonly ProcessChange[]
  /** The council's run length for runs and trends (7 unless set). */
  runLength?: RunLength
  /** The latest approved commentary (up to `asOf`). */
  commentary?: {
    period: Period
    text: string
    author: string
    approvedBy: string | null
    approvedAt: string | null
  } | null
  /** Set for officers who may record process changes: what they typed and what was wrong with it. */
  processChangeForm?: { month: string; reason: string; problems: readonly ProcessChangeProblem[] }
  /** Months withheld by disclosure control (the public view of a published pack): shown as `c`. */
  withheldPeriods?: ReadonlySet<Period>
  /** Months shown unsuppressed to a signed-in person that the public sees as `c`: marked not for publication. */
  restrictedPeriods?: ReadonlySet<Period>
}): IndicatorPageModel {
  const { indicator, asOf } = input
  const childrenMonths = indicator.measure === null ? new Set<Period>() : (input.childrenMonths ?? new Set<Period>())
  const drillDowns = childrenMonths.size > 0
  const { unit } = indicator
  const observations = input.history
    .filter((o) => o.indicatorId === indicator.id && (asOf === null || o.period <= asOf))
    .sort((a, b) => (a.period < b.period ? -1 : a.period > b.period ? 1 : 0))
  const byPeriod = new Map(observations.map((o) => [o.period, o]))

  // Every month from the first figure to the last, so that missing months show as gaps.
  const firstObservation = observations[0]
  const lastObservation = observations[observations.length - 1]
  const months: Period[] = []
  if (firstObservation !== undefined && lastObservation !== undefined) {
    for (let m = monthNumber(firstObservation.period); m <= monthNumber(lastObservation.period); m += 1) {
      months.push(periodOf(m))
    }
  }
  const points = months.map((period) => ({ period, value: byPeriod.get(period)?.value ?? null }))

  const regionLabel = indicator.regionName.trim() === '' ? 'Region' : indicator.regionName
  const benchmarkSources = [
    { label: 'Statistical neighbours', benchmark: indicator.benchmarks.statisticalNeighbours },
    { label: 'England', benchmark: indicator.benchmarks.england },
    { label: regionLabel, benchmark: indicator.benchmarks.region },
  ]
  // The chart's lines come from the one function the printed pack's charts use too.
  const chartLines = chartLinesOf(indicator)
  const benchmarks: BenchmarkRowModel[] = []
  for (const { label, benchmark } of benchmarkSources) {
    if (benchmark === null) continue
    benchmarks.push({ label, value: formatValueWithUnit(benchmark.value, unit), vintage: benchmark.vintage ?? '' })
  }
  const standing = indicator.dfeStanding
  if (standing !== undefined) {
    benchmarks.push({
      label: 'This council (DfE)',
      value:
        standing.value === null
          ? `Not published (${standing.notPublished ?? 'no row'})`
          : formatValueWithUnit(standing.value, unit),
      vintage: standing.vintage,
    })
    const rank = dfeRankText(standing)
    if (rank !== '')
      benchmarks.push({
        label: 'Rank among councils (DfE)',
        value: `${rank}${standing.quartile === null ? '' : `, quartile ${standing.quartile}`}`,
        vintage: standing.vintage,
      })
  }

  const related = (id: string | null): SummaryRowModel['href'] => (id === null ? null : indicatorHref(id))
  const relatedTitle = (id: string): string => input.catalogue?.get(id)?.title ?? id
  const summary: SummaryRowModel[] = [
    { key: 'Code', value: indicator.code.trim() === '' ? 'None' : indicator.code, href: null },
    {
      key: 'Service area',
      value: indicator.serviceArea.trim() === '' ? 'Not given' : indicator.serviceArea,
      href: null,
    },
    { key: 'Unit', value: unitText(unit), href: null },
    { key: 'Polarity', value: polarityText(indicator.polarity), href: null },
    { key: 'Owner', value: indicator.owner.trim() === '' ? 'Not given' : indicator.owner, href: null },
    { key: 'Reporter', value: indicator.reporter.trim() === '' ? 'Not given' : indicator.reporter, href: null },
    { key: 'Outcome', value: indicator.outcome.trim() === '' ? 'Not given' : indicator.outcome, href: null },
    indicator.definition.trim() === ''
      ? { key: 'Definition', value: 'Not given', href: null }
      : {
          key: 'Definition',
          value: indicator.definition,
          href: null,
          segments: markUpAcronyms(indicator.definition, input.glossary ?? []),
        },
  ]
  if (indicator.numeratorId !== null) {
    summary.push({ key: 'Numerator', value: relatedTitle(indicator.numeratorId), href: related(indicator.numeratorId) })
  }
  if (indicator.denominatorId !== null) {
    summary.push({
      key: 'Denominator',
      value: relatedTitle(indicator.denominatorId),
      href: related(indicator.denominatorId),
    })
  }

  const showCounts =
    indicator.numeratorId !== null ||
    indicator.denominatorId !== null ||
    observations.some((o) => o.numerator !== null || o.denominator !== null)
  const countCell = (n: number | null): CellModel => valueCell(n, 'count')
  const history: HistoryRowModel[] = months
    .map((period) => {
      const o = byPeriod.get(period)
      if (input.withheldPeriods?.has(period) === true) {
        return {
          period: formatPeriodLong(period),
          value: WITHHELD_CELL,
          numerator: WITHHELD_CELL,
          denominator: WITHHELD_CELL,
          childrenHref: null,
          childrenLabel: '',
        }
      }
      const shown = valueCell(o?.value ?? null, unit)
      const value = input.restrictedPeriods?.has(period) === true ? { ...shown, restricted: true } : shown
      return {
        period: formatPeriodLong(period),
        value,
        numerator: countCell(o?.numerator ?? null),
        denominator: countCell(o?.denominator ?? null),
        childrenHref: childrenMonths.has(period) && !value.missing ? childrenHref(indicator.id, period) : null,
        childrenLabel: `Children behind the ${formatPeriodLong(period)} figure`,
      }
    })
    .reverse()

  const revisions: RevisionRowModel[] = input.revisions
    .filter((r) => r.indicatorId === indicator.id)
    .sort((a, b) => (a.revisedAt < b.revisedAt ? 1 : a.revisedAt > b.revisedAt ? -1 : a.period < b.period ? 1 : -1))
    .map((r) => ({
      period: formatPeriodLong(r.period),
      previousValue: valueCell(r.previousValue, unit),
      newValue: valueCell(r.newValue, unit),
      when: formatTimestamp(r.revisedAt),
      sourceFile: r.sourceFile,
    }))

  const title = indicator.title
  const unitSuffix = unit === 'percentage' ? ' (%)' : ''
  const latest = [...points].reverse().find((p) => p.value !== null && input.withheldPeriods?.has(p.period) !== true)
  let headline: HeadlineModel | null = null
  if (latest !== undefined && latest.value !== null) {
    const before = addMonths(latest.period, -1)
    const previous = input.withheldPeriods?.has(before) === true ? null : (byPeriod.get(before)?.value ?? null)
    const change = percentChange(latest.value, previous)
    headline = {
      value: formatValueWithUnit(latest.value, unit),
      month: formatPeriodLong(latest.period),
      change:
        previous === null ? null : changeText(change, formatValueWithUnit(previous, unit), formatPeriodLong(before)),
      restricted: input.restrictedPeriods?.has(latest.period) === true,
    }
  }
  const formInput = input.processChangeForm
  const problemFor = (field: ProcessChangeProblem['field']) =>
    formInput?.problems.find((p) => p.field === field)?.message ?? null
  const commentary = input.commentary ?? null
  return {
    headline,
    // Months withheld from the public are left out of the chart: a c is not a value to plot.
    spc:
      points.length === 0
        ? null
        : spcModel({
            indicator,
            points: points.map((p) => (input.withheldPeriods?.has(p.period) === true ? { ...p, value: null } : p)),
            targets: chartLines.targets,
            benchmarks: chartLines.benchmarks,
            processChanges: input.processChanges ?? [],
            runLength: input.runLength ?? DEFAULT_RUN_LENGTH,
            formatAxis: (value) => axisLabel(value, unit),
            ...(input.withheldPeriods === undefined ? {} : { withheld: input.withheldPeriods }),
          }),
    story:
      commentary === null
        ? null
        : {
            heading: `What the figures say: ${formatPeriodLong(commentary.period)}`,
            paragraphs: commentary.text
              .split(/\n\s*\n/)
              .map((paragraph) => paragraph.trim())
              .filter((paragraph) => paragraph !== ''),
            byline: `Written by ${commentary.author}${commentary.approvedBy === null ? '' : `, approved by ${commentary.approvedBy}`}${commentary.approvedAt === null ? '' : ` on ${formatTimestamp(commentary.approvedAt)}`}.`,
          },
    processChangeForm:
      formInput === undefined
        ? null
        : {
            action: `${indicatorHref(indicator.id)}/process-changes`,
            removeAction: `${indicatorHref(indicator.id)}/process-changes/remove`,
            month: formInput.month,
            reason: formInput.reason,
            monthError: problemFor('month'),
            reasonError: problemFor('reason'),
            errors: formInput.problems.map((p) => ({
              text: p.message,
              href: p.field === 'reason' ? '#process-change-reason' : '#process-change-month',
            })),
          },
    pageTitle: indicator.code.trim() === '' ? title : `${indicator.code} – ${title}`,
    title,
    titleSegments: markUpAcronyms(title, input.glossary ?? []),
    code: indicator.code,
    caption: indicator.serviceArea,
    summary,
    benchmarks,
    neighbours: standing === undefined ? null : neighboursModel(indicator, standing),
    targets: [...indicator.targets]
      .sort((a, b) => (a.financialYear < b.financialYear ? -1 : 1))
      .map((t) => ({ financialYear: t.financialYear, value: formatValueWithUnit(t.value, unit) })),
    showCounts,
    historyCaption: `${title}: figures by month${unitSuffix}, newest first`,
    history,
    revisions,
    sourceNote: input.sourceNote === null || input.sourceNote.trim() === '' ? null : input.sourceNote,
    datasets: input.datasets.map((d) => ({ text: d.title, href: `/datasets/${encodeURIComponent(d.id)}` })),
    asOfText: asOf === null ? null : `Figures up to ${formatPeriodLong(asOf)}`,
    notForPublication: (input.restrictedPeriods?.size ?? 0) > 0 ? NOT_FOR_PUBLICATION : null,
    populationNotes: (indicator.populationFallbacks ?? [])
      .filter((fallback) => months.some((month) => financialYearOf(month) === fallback.financialYear))
      .map((fallback) => `${fallback.financialYear}: ${populationFallbackText(fallback, 'its rate uses')}`),
    drillDownHint: drillDowns
      ? 'A month’s value in the table links to the children behind it where their records are stored (officers only; viewing is recorded).'
      : null,
  }
}

/**
 * The printed pack's "Statistical process control charts" appendix, after the published dataset's landscape table:
 * per indicator, in the table's order, its XmR chart (drawn by `charts/indicator-xmr.ts`, the function the indicator
 * page uses) with its variation and assurance icons and words.
 *
 * Everything comes from the published snapshot, so a published version prints the same charts every time: its
 * figures with the disclosure control it was published with (a withheld month is left out of the chart, as on the
 * public indicator page), and the run length and process changes frozen with it (`snapshot.spc`). A version
 * published before those were kept has none: it is drawn with no process changes and the default run length, and
 * the appendix says so rather than borrowing today's settings, which could change what an old version prints.
 *
 * No table alternative is printed beside each chart. The SVG carries a `<title>` and a `<desc>` (mean, limits, how
 * many months show special cause, the icons' words, the latest value), and that description is also printed under
 * the chart in small type, so it reaches a reader of the tagged PDF whatever their software does with SVG; the
 * monthly values are the table just before; and a 13-row table per indicator would take a page each, where the
 * charts are meant to be read a few to a page. The indicator page on the website has the full table.
 */
import type { Indicator, Unit } from '../domain/catalogue.ts'
import { formatPeriodLong } from '../domain/period.ts'
import { disclosePack, withheldKey, type Publication } from '../domain/publication.ts'
import type { ProcessChange } from '../domain/statistics/process-changes.ts'
import { ASSURANCE_TEXT, DEFAULT_RUN_LENGTH, VARIATION_TEXT, type RunLength } from '../domain/statistics/spc.ts'
import { indicatorXmr } from '../charts/indicator-xmr.ts'
import { assuranceIconSvg, CAUSE_STYLE, variationIconSvg } from '../charts/xmr-chart.ts'
import { escapeMarkup } from '../domain/markup-text.ts'
import { indicatorLabel, packGroups } from './pack-table.ts'
import { figureText } from './published-pack-paper.ts'

/** A value in running text, where no column heading gives the unit: percentages get a % sign. */
function valueText(value: number, unit: Unit): string {
  const text = figureText(value, unit)
  return unit === 'percentage' ? `${text}%` : text
}

/** Means and limits to one more decimal place than the figures, as the indicator page gives them. */
function statText(value: number, unit: Unit): string {
  const places = unit === 'percentage' ? 2 : 1
  const text = Math.abs(value).toLocaleString('en-GB', { minimumFractionDigits: places, maximumFractionDigits: places })
  const signed = value < 0 && Number(text.replace(/,/g, '')) !== 0 ? `\u2212${text}` : text
  return unit === 'percentage' ? `${signed}%` : signed
}

function axisText(value: number, unit: Unit): string {
  const places = Number.isInteger(value) ? 0 : 1
  const text = value.toLocaleString('en-GB', { minimumFractionDigits: places, maximumFractionDigits: places })
  return unit === 'percentage' ? `${text}%` : text
}

/** "a circle: common cause; a square: special cause – improving; …", from the chart's own styles. */
const MARKER_WORDS = Object.values(CAUSE_STYLE)
  .map((style) => `a ${style.shape}: ${style.label.toLowerCase()}`)
  .join('; ')

/**
 * Two charts across an A4 landscape page and two down: drawn 720 wide (the web's width, so the type prints at about
 * 6.5 pt in a 126 mm column), a shorter plot than the web's and the legend in two columns.
 */
const PRINT_WIDTH = 720
const PRINT_PLOT_HEIGHT = 140
const ICON_SIZE = 22

function chartFigure(
  indicator: Indicator,
  label: string,
  points: ReadonlyArray<{ period: string; value: number | null }>,
  withheld: readonly string[],
  processChanges: readonly ProcessChange[],
  runLength: RunLength,
): string {
  const { unit } = indicator
  const drawn = indicatorXmr({
    id: `pack-spc-${indicator.id}`,
    indicator,
    points,
    processChanges,
    runLength,
    say: {
      value: (value) => valueText(value, unit),
      stat: (value) => statText(value, unit),
      axis: (value) => axisText(value, unit),
    },
    width: PRINT_WIDTH,
    height: PRINT_PLOT_HEIGHT,
    legendColumns: 2,
  })
  const { variation, assurance } = drawn.summary
  const words = [
    variation === null
      ? '<span class="app-doc-spc__words">Too few figures for process limits</span>'
      : `<span class="app-doc-spc__icon">${variationIconSvg(variation, ICON_SIZE)}<span class="app-doc-spc__words">${escapeMarkup(VARIATION_TEXT[variation])}</span></span>`,
    assurance === null
      ? '<span class="app-doc-spc__words">No assurance (no target, or neither higher nor lower is better)</span>'
      : `<span class="app-doc-spc__icon">${assuranceIconSvg(assurance, ICON_SIZE)}<span class="app-doc-spc__words">${escapeMarkup(ASSURANCE_TEXT[assurance])}</span></span>`,
  ]
  const notes: string[] = []
  if (variation !== null && drawn.summary.trial)
    notes.push('Trial limits: fewer than 15 months since the start or the last process change.')
  const months = new Set(points.map((p) => p.period))
  for (const change of processChanges.filter((c) => months.has(c.period)))
    notes.push(`Process change from ${formatPeriodLong(change.period)}: ${change.reason}`)
  if (withheld.length > 0)
    notes.push(`Withheld (c), left out of the chart: ${withheld.map((period) => formatPeriodLong(period)).join(', ')}.`)
  return (
    `<figure class="app-doc-spc__chart">` +
    `<figcaption class="app-doc-spc__caption">${escapeMarkup(label)}</figcaption>` +
    drawn.svg +
    `<p class="app-doc-spc__summary">${words.join(' ')}</p>` +
    `<p class="app-doc-spc__desc">${escapeMarkup(drawn.description)}</p>` +
    notes.map((note) => `<p class="app-doc-spc__desc">${escapeMarkup(note)}</p>`).join('') +
    '</figure>'
  )
}

/**
 * The appendix as an HTML fragment (every text escaped), one chart per indicator of the published pack.
 * @example publishedPackSpcHtml(publication).includes('<h2 class="app-doc-spc__heading">Statistical process control charts</h2>') // true
 */
export function publishedPackSpcHtml(publication: Pick<Publication, 'snapshot'>): string {
  const { snapshot } = publication
  const catalogue = new Map(snapshot.catalogue.map((indicator) => [indicator.id, indicator]))
  const { pack, withheld } = disclosePack(snapshot.pack, catalogue, snapshot.disclosureRule)
  const runLength = snapshot.spc?.runLength ?? DEFAULT_RUN_LENGTH
  const changes = snapshot.spc?.processChanges ?? []
  const figures: string[] = []
  for (const group of packGroups(pack, catalogue)) {
    for (const row of group.rows) {
      const indicator = catalogue.get(row.indicator.id)
      // packGroups prints a row missing from the catalogue with blank details; a chart needs its polarity and
      // targets, so such a row (never made by publishing, which freezes every shown indicator) has no chart.
      if (indicator === undefined) continue
      const byPeriod = new Map(row.indicator.values.map((v) => [v.period, v.value]))
      const hidden = pack.months.filter((period) => withheld.has(withheldKey(indicator.id, period)))
      const points = pack.months.map((period) => ({ period, value: byPeriod.get(period) ?? null }))
      figures.push(
        chartFigure(
          indicator,
          indicatorLabel(row.indicator),
          points,
          hidden,
          changes.filter((c) => c.indicatorId === indicator.id),
          runLength,
        ),
      )
    }
  }
  const settings =
    snapshot.spc === undefined
      ? `This version was published before process changes and the run length were kept with published packs: its charts are drawn with no process changes and runs of ${DEFAULT_RUN_LENGTH}.`
      : `Process changes and the run length (${runLength}) are those recorded when this version was published.`
  return [
    '<section class="app-doc-spc">',
    '<h2 class="app-doc-spc__heading">Statistical process control charts</h2>',
    `<p class="govuk-body-s">${escapeMarkup(
      `One XmR chart per indicator (NHS England's Making Data Count method) over the 13 months above: the mean, ` +
        `the process limits (mean ± 2.66 × the average moving range), the target and benchmarks. Each month's ` +
        `marker is shaped by what it shows, so the charts read in black and white: ${MARKER_WORDS}. ` +
        `Special cause: a month outside the limits; ` +
        `${runLength} or more in a row on one side of the mean; ${runLength} or more in a row each rising or ` +
        `each falling; two of three beyond two thirds of the way to a limit. ${settings}`,
    )}</p>`,
    `<p class="govuk-body-s">${escapeMarkup(`${figures.length} chart${figures.length === 1 ? '' : 's'}.`)}</p>`,
    `<div class="app-doc-spc__charts">${figures.join('')}</div>`,
    '</section>',
  ].join('\n')
}

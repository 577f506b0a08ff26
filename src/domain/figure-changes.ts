/**
 * What loading figures or a catalogue would change: which figures are new, which revise a stored figure (old →
 * new), which are the same; which indicators are new and which of an existing indicator's details change. One
 * comparison, used by the preview an officer checks before confirming and by the import that writes, so the
 * preview shows exactly what the import does.
 */
import type { Indicator, Observation } from './catalogue.ts'

/** A figure that would be written over a different stored one. */
export interface FigureRevision {
  before: Observation
  after: Observation
}

export interface FigureChanges {
  /** Figures for an indicator and month that has none stored. */
  added: Observation[]
  /** Figures that differ from the stored one in value, numerator or denominator. */
  revised: FigureRevision[]
  /** How many figures are the same as the stored ones (nothing is written for them). */
  unchanged: number
}

function figureKey(indicatorId: string, period: string): string {
  return `${indicatorId}\u0000${period}`
}

/** Equal figures: both empty, or within floating-point noise (a CSV's 64.84375 and a computed 83/128). */
export function sameNumber(a: number | null, b: number | null): boolean {
  return a === b || (a !== null && b !== null && Math.abs(a - b) < 1e-12)
}

/**
 * Sorts incoming figures against the stored ones. `existing` may hold more than the incoming figures touch.
 * @example
 * compareFigures([{ indicatorId: 'a', period: '2018-04', value: 1, numerator: null, denominator: null }],
 *   [{ indicatorId: 'a', period: '2018-04', value: 2, numerator: null, denominator: null }]).revised.length // 1
 */
export function compareFigures(existing: readonly Observation[], incoming: readonly Observation[]): FigureChanges {
  const stored = new Map<string, Observation>()
  for (const o of existing) stored.set(figureKey(o.indicatorId, o.period), o)
  const added: Observation[] = []
  const revised: FigureRevision[] = []
  let unchanged = 0
  for (const o of incoming) {
    const before = stored.get(figureKey(o.indicatorId, o.period))
    if (before === undefined) added.push(o)
    else if (
      sameNumber(before.value, o.value) &&
      sameNumber(before.numerator, o.numerator) &&
      sameNumber(before.denominator, o.denominator)
    )
      unchanged++
    else revised.push({ before, after: o })
  }
  return { added, revised, unchanged }
}

/** One detail of an indicator that a catalogue would change, as the officer reads it. */
export interface FieldChange {
  field: string
  before: string
  after: string
}

function benchmarkText(b: Indicator['benchmarks']['england']): string {
  if (b === null) return 'none'
  return b.vintage === null ? String(b.value) : `${b.value} (${b.vintage})`
}

/** The details an officer knows an indicator by, in the order the wide file has them, as text. */
function details(i: Indicator): Array<[string, string]> {
  return [
    ['Code', i.code],
    ['Title', i.title],
    ['Service area', i.serviceArea],
    ['Unit', i.unit],
    ['Polarity', i.polarity],
    ['Owner', i.owner],
    ['Reporter', i.reporter],
    ['Outcome', i.outcome],
    ['Definition', i.definition],
    ['Numerator', i.numeratorId ?? 'none'],
    ['Denominator', i.denominatorId ?? 'none'],
    ['Statistical neighbours benchmark', benchmarkText(i.benchmarks.statisticalNeighbours)],
    ['England benchmark', benchmarkText(i.benchmarks.england)],
    ['Region', i.regionName],
    ['Region benchmark', benchmarkText(i.benchmarks.region)],
    ['Targets', i.targets.length === 0 ? 'none' : i.targets.map((t) => `${t.financialYear}: ${t.value}`).join(', ')],
    ['RAG tolerance (%)', String(i.ragTolerancePercent)],
    ['Annex A measure', i.measure === null ? 'none' : `${i.measure.measureId}:${i.measure.part}`],
  ]
}

/**
 * The details that saving `after` over `before` changes. A file without a measure column leaves the stored link
 * alone (as the catalogue store does), so an empty incoming measure is no change.
 * @example compareIndicator(lac, { ...lac, title: 'Children looked after' }) // [{ field: 'Title', before: …, after: 'Children looked after' }]
 */
export function compareIndicator(before: Indicator, after: Indicator): FieldChange[] {
  const kept = after.measure === null ? { ...after, measure: before.measure } : after
  const old = new Map(details(before))
  return details(kept)
    .filter(([field, text]) => old.get(field) !== text)
    .map(([field, text]) => ({ field, before: old.get(field) ?? '', after: text }))
}

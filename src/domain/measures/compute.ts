/**
 * The entry points: every measure for every month of a window (`computeMeasures`, the CLI's JSON contract) and
 * the rows behind one measure in one month (`explainMeasure`, the drill-down). Both use the same per-record
 * classification of each measure, so the drill-down always adds up to the figure.
 */
import type { AnnexA } from '../annex-a/records.ts'
import type { WorkingDayCalendar } from '../calendar/working-days.ts'
import { financialYearOf, isPeriod, periodsEnding, type Period } from '../period.ts'
import { DEFINITIONS, measureDefinition } from './catalogue.ts'
import { createContext, createWindow, EVERY_MONTH, type MeasureContext, type MeasureDefinition } from './engine.ts'
import { LIST_NUMBER } from './fields.ts'
import type { Explanation, MeasureInfo, MeasureSettings, MeasureValue } from './types.ts'

export interface ComputeOptions {
  /** The latest month. Snapshot measures are at its last day, R. */
  end: Period
  /** How many months, ending with `end` (13 for a pack). */
  months: number
  settings: MeasureSettings
  calendar: WorkingDayCalendar
}

/** The CLI's JSON: `{"months": [...], "measures": {"<id>": {"YYYY-MM": {count, denominator, value}}}, "snapshot": {...}}`. */
export interface ComputedMeasures {
  months: Period[]
  /** Event and stock measures, for every month. */
  measures: Record<string, Record<Period, MeasureValue>>
  /** Snapshot measures, for the latest month only. */
  snapshot: Record<string, Record<Period, MeasureValue>>
}

function contextFor(annexA: AnnexA, options: ComputeOptions): MeasureContext {
  if (!isPeriod(options.end)) throw new RangeError(`Not a month (YYYY-MM): ${options.end}`)
  if (!Number.isInteger(options.months) || options.months < 1) {
    throw new RangeError(`The number of months must be a whole number of at least 1: ${options.months}`)
  }
  return createContext(
    annexA,
    createWindow(periodsEnding(options.end, options.months)),
    options.settings,
    options.calendar,
  )
}

/** The population of a month's financial year, or null when the settings have none (or a nonsense one). */
function populationOf(settings: MeasureSettings, period: Period): number | null {
  const population = settings.population[financialYearOf(period)]
  return population !== undefined && Number.isFinite(population) && population > 0 ? population : null
}

function valueOf(
  measure: MeasureInfo,
  period: Period,
  count: number,
  denominator: number,
  settings: MeasureSettings,
): MeasureValue {
  switch (measure.unit) {
    case 'percentage':
      return { count, denominator, value: denominator === 0 ? null : (count / denominator) * 100 }
    case 'rate per 10,000': {
      const population = populationOf(settings, period)
      return { count, denominator: null, value: population === null ? null : (count * 10000) / population }
    }
    case 'count':
      return { count, denominator: null, value: count }
  }
}

function valuesOf(definition: MeasureDefinition, ctx: MeasureContext): Record<Period, MeasureValue> {
  const { periods } = ctx.window
  const tally = definition.tally(ctx)
  const values: Record<Period, MeasureValue> = {}
  if (definition.kind === 'snapshot') {
    const end = periods.at(-1) ?? ''
    values[end] = valueOf(definition, end, tally.count[0] ?? 0, tally.denominator[0] ?? 0, ctx.settings)
    return values
  }
  periods.forEach((period, i) => {
    values[period] = valueOf(definition, period, tally.count[i] ?? 0, tally.denominator[i] ?? 0, ctx.settings)
  })
  return values
}

/**
 * Every measure of docs/spec/measures.md for each of the `months` months ending with `end`: event and stock
 * measures per month, snapshot measures for `end` only. Values are unrounded; a percentage of 0 is null, and so
 * is a rate whose financial year has no population in the settings. One pass over each list per measure.
 * @example
 * computeMeasures(annexA, { end: '2018-04', months: 13, settings, calendar }).measures['icpcs-in-15wd']['2018-04']
 * // { count: 17, denominator: 20, value: 85 }
 */
export function computeMeasures(annexA: AnnexA, options: ComputeOptions): ComputedMeasures {
  const steps = measureSteps(annexA, options)
  for (;;) {
    const step = steps.next()
    if (step.done === true) return step.value
  }
}

/**
 * computeMeasures in steps (the context, then one measure a step), so a server computing a million rows can answer
 * requests between steps rather than stopping for the whole computation. Returns what computeMeasures returns.
 */
export function* measureSteps(annexA: AnnexA, options: ComputeOptions): Generator<void, ComputedMeasures> {
  const ctx = contextFor(annexA, options)
  const result: ComputedMeasures = { months: ctx.window.periods, measures: {}, snapshot: {} }
  for (const definition of DEFINITIONS) {
    yield
    const target = definition.kind === 'snapshot' ? result.snapshot : result.measures
    target[definition.id] = valuesOf(definition, ctx)
  }
  return result
}

/**
 * The rows behind one measure in one month: its numerator and denominator rows with the dates that decided them
 * (and working days where they matter), and the rows left out with the reason. Personal data: for signed-in
 * officers only. Throws a RangeError for an unknown measure, a month outside the window, or a snapshot measure
 * asked for a month other than `end` — the caller offers only the figures that exist.
 * @example
 * explainMeasure(annexA, 'icpcs-in-15wd', '2018-04', options).numerator[0]
 * // { list: 5, childId: 'C123', row: 14, dates: { strategyDate: '2018-03-29', icpcDate: '2018-04-24' }, workingDays: 16 }
 */
export function explainMeasure(annexA: AnnexA, id: string, month: Period, options: ComputeOptions): Explanation {
  const definition = measureDefinition(id)
  if (definition === undefined) throw new RangeError(`There is no measure called ${id}.`)
  const ctx = contextFor(annexA, options)
  const index = ctx.window.periods.indexOf(month)
  if (index < 0) throw new RangeError(`${month} is not one of the months computed (${ctx.window.periods.join(', ')}).`)
  if (definition.kind === 'snapshot' && month !== options.end) {
    throw new RangeError(`${id} exists for the latest month (${options.end}) only.`)
  }
  const { id: _id, title, kind, unit, lists, definition: words, source } = definition
  const value = valuesOf(definition, ctx)[month] ?? { count: 0, denominator: null, value: null }
  return {
    measure: { id: _id, title, kind, unit, lists, definition: words, source },
    month,
    value,
    ...definition.explain(ctx, index),
  }
}

/** A month span's end for a record looked at in every month: later than any month. */
export const NO_LAST_MONTH = 2 ** 31 - 1

/**
 * One rule of which rows a measure looks at in which months: the row at `rows[i]` (its sheet row number in list
 * `list`) in the months whose ordinal (calendar/days.ts monthOrdinal) is in [from[i], to[i]). A row whose month
 * cannot be known (listed as left out in every month) has from 0 and to NO_LAST_MONTH. Rows looked at in no
 * month of the window are not listed.
 */
export interface RowMonthRule {
  key: string
  list: number
  rows: Int32Array
  from: Int32Array
  to: Int32Array
}

/** The rules of every measure, and which rules each measure looks through. */
export interface RowMonths {
  rules: RowMonthRule[]
  measures: Record<string, string[]>
}

/**
 * Which rows each measure looks at in which month of the window, worked out once when a return is imported, so
 * that explaining one measure-month later reads only those rows (and the same children's other rows of the
 * measure's lists, which a classification may compare with). Settings and bank holidays do not change it.
 * @example
 * rowMonthsOf(annexA, options).measures['contacts'] // ['place:contacts:contactDate']
 */
export function rowMonthsOf(annexA: AnnexA, options: ComputeOptions): RowMonths {
  const steps = rowMonthSteps(annexA, options)
  for (;;) {
    const step = steps.next()
    if (step.done === true) return step.value
  }
}

/** rowMonthsOf in steps (one measure a step), like measureSteps, for a server to run between requests. */
export function* rowMonthSteps(annexA: AnnexA, options: ComputeOptions): Generator<void, RowMonths> {
  const ctx = contextFor(annexA, options)
  const byKey = new Map<string, RowMonthRule>()
  const measures: Record<string, string[]> = {}
  const first = ctx.window.first
  for (const definition of DEFINITIONS) {
    yield
    const keys: string[] = []
    for (const rule of definition.monthRules(ctx)) {
      keys.push(rule.key)
      if (byKey.has(rule.key)) continue
      const records = annexA[rule.list]
      let kept = 0
      for (let i = 0; i < rule.from.length; i++) {
        const from = rule.from[i] ?? 0
        if (from === EVERY_MONTH || from < (rule.to[i] ?? 0)) kept++
      }
      const rows = new Int32Array(kept)
      const from = new Int32Array(kept)
      const to = new Int32Array(kept)
      let k = 0
      for (let i = 0; i < rule.from.length; i++) {
        const start = rule.from[i] ?? 0
        const end = rule.to[i] ?? 0
        if (start !== EVERY_MONTH && start >= end) continue
        rows[k] = records[i]?.row ?? 0
        from[k] = start === EVERY_MONTH ? 0 : first + start
        to[k] = start === EVERY_MONTH ? NO_LAST_MONTH : first + end
        k++
      }
      byKey.set(rule.key, { key: rule.key, list: LIST_NUMBER[rule.list], rows, from, to })
    }
    measures[definition.id] = [...new Set(keys)]
  }
  return { rules: [...byKey.values()], measures }
}

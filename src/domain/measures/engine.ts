/**
 * The machinery every measure shares, so that each measure file holds only its definition.
 *
 * Each measure has one classification function per record (in the numerator, in the denominator only, or left out
 * with a reason). The same function feeds both the monthly figures (`tally`, one pass over the records, bucketed
 * by month) and the drill-down (`explain`), so the two cannot disagree about a row.
 */
import type { AnnexA } from '../annex-a/records.ts'
import { monthEnd, monthOrdinal, type IsoDate } from '../calendar/days.ts'
import type { WorkingDayCalendar } from '../calendar/working-days.ts'
import type { Period } from '../period.ts'
import { LIST_NUMBER, labelOf, type ListName } from './fields.ts'
import type { ExcludedRow, MeasureInfo, MeasureRow, MeasureSettings, MeasureUnit } from './types.ts'

export const NUMERATOR = 'numerator'
export const DENOMINATOR = 'denominator'

/** A row left out of a measure, and why (in words for a council officer). */
export interface Exclusion {
  readonly excluded: string
}

/** Where one record stands in a measure. For a count, DENOMINATOR means "looked at, not counted". */
export type Verdict = typeof NUMERATOR | typeof DENOMINATOR | Exclusion

const exclusions = new Map<string, Exclusion>()

/** The exclusion for a reason; one shared object per reason, so classifying a million rows allocates nothing. */
export function because(reason: string): Exclusion {
  let exclusion = exclusions.get(reason)
  if (exclusion === undefined) {
    exclusion = { excluded: reason }
    exclusions.set(reason, exclusion)
  }
  return exclusion
}

export function isExclusion(value: unknown): value is Exclusion {
  return typeof value === 'object' && value !== null && 'excluded' in value
}

export type Row<L extends ListName> = AnnexA[L][number]
export type Field<L extends ListName> = Exclude<keyof Row<L> & string, 'row' | 'childId' | 'invalid'>

/** True when the importer could not read the field's cell. */
export function isInvalid(row: { invalid: ReadonlySet<string> }, field: string): boolean {
  // Most rows have no unreadable cell: checking the size first skips hashing the field name.
  return row.invalid.size !== 0 && row.invalid.has(field)
}

/**
 * False for a blank Child Unique ID: such a row is still counted, but is matched to no other row (a blank ID is
 * an unknown child, not one child with many records).
 */
export function hasChildId(row: { childId: string }): boolean {
  return row.childId.trim() !== ''
}

/** A date field's value (null when blank or unreadable). */
export function dateOf<L extends ListName>(row: Row<L>, field: Field<L>): IsoDate | null {
  const value = row[field]
  return typeof value === 'string' ? value : null
}

/** The reason a row is left out when a field it needs could not be read. */
export function unreadable(list: ListName, field: string): Exclusion {
  return because(`The ${labelOf(list, field)} could not be read.`)
}

/** The reason a row is left out when a date it needs is blank. */
export function blank(list: ListName, field: string): Exclusion {
  return because(`The ${labelOf(list, field)} is blank.`)
}

/** The months a computation covers, oldest first, with each month's last day (E). */
export interface Window {
  periods: Period[]
  /** Month ordinal (days.ts) of the first period. */
  first: number
  ends: IsoDate[]
}

export function createWindow(periods: Period[]): Window {
  const firstPeriod = periods[0]
  if (firstPeriod === undefined) throw new RangeError('A computation needs at least one month.')
  return { periods, first: monthOrdinal(firstPeriod), ends: periods.map(monthEnd) }
}

/** The last day of the window's latest month: the reference date R of the snapshot measures. */
export function referenceDate(window: Window): IsoDate {
  const last = window.ends.at(-1)
  if (last === undefined) throw new RangeError('A computation needs at least one month.')
  return last
}

/** Everything a classification may read, and a cache of indexes built once per computation. */
export interface MeasureContext {
  readonly annexA: AnnexA
  readonly calendar: WorkingDayCalendar
  readonly settings: MeasureSettings
  readonly window: Window
  memo<T>(key: string, build: () => T): T
}

export function createContext(
  annexA: AnnexA,
  window: Window,
  settings: MeasureSettings,
  calendar: WorkingDayCalendar,
): MeasureContext {
  const cache = new Map<string, unknown>()
  return {
    annexA,
    calendar,
    settings,
    window,
    memo<T>(key: string, build: () => T): T {
      const hit = cache.get(key)
      if (hit !== undefined || cache.has(key)) return hit as T
      const value = build()
      cache.set(key, value)
      return value
    },
  }
}

/** Counts per month of the window (a snapshot has one slot, the latest month). */
export interface Tally {
  count: number[]
  denominator: number[]
}

/** The rows behind one month's figure. */
export interface RowsBehind {
  numerator: MeasureRow[]
  denominator: MeasureRow[]
  excluded: ExcludedRow[]
}

/**
 * Which records of a list a measure looks at in which months of the window, by a rule several measures share
 * (`key`): record i is looked at in the months at indexes [from[i], to[i]) — none when from ≥ to — and in every
 * month when from[i] is EVERY_MONTH (a record whose month cannot be known is listed as left out in each).
 * Settings and bank holidays never change it: they decide only where a looked-at record stands.
 */
export interface MonthRule {
  key: string
  list: ListName
  from: Int32Array
  to: Int32Array
}

/** `from` of a record looked at in every month. */
export const EVERY_MONTH = -1

export interface MeasureDefinition extends MeasureInfo {
  tally(ctx: MeasureContext): Tally
  /** The rows behind the month at `index` in the window (a snapshot: the latest month only). */
  explain(ctx: MeasureContext, index: number): RowsBehind
  /**
   * The records the measure looks at in each month: every record `explain` lists for a month is looked at in it.
   * A classification may also read the same child's other records of the measure's lists (never another child's).
   */
  monthRules(ctx: MeasureContext): MonthRule[]
  /** Whether a record's classification reads the same child's other records (re-referrals, repeat plans). */
  comparesChildRecords: boolean
}

/** What the drill-down shows beyond the listed dates. */
export interface Detail {
  dates?: Record<string, IsoDate | null>
  workingDays?: number
  note?: string
}

interface BaseSpec {
  id: string
  title: string
  unit: 'count' | 'percentage'
  definition: string
  source: string
}

interface RowSpec<L extends ListName> extends BaseSpec {
  list: L
  /**
   * The classification reads the same child's other records of the list (never another child's): explaining a
   * month then needs them too. Absent: each record is classified from itself alone.
   */
  comparesChildRecords?: boolean
  /** The fields shown in the drill-down. */
  shows: Field<L>[]
  detail?: (row: Row<L>, ctx: MeasureContext) => Detail
}

function rowOf<L extends ListName>(spec: RowSpec<L>, row: Row<L>, ctx: MeasureContext): MeasureRow {
  const dates: Record<string, IsoDate | null> = {}
  for (const field of spec.shows) dates[field] = dateOf<L>(row, field)
  const entry: MeasureRow = { list: LIST_NUMBER[spec.list], childId: row.childId, row: row.row, dates }
  const detail = spec.detail?.(row, ctx)
  if (detail?.dates) Object.assign(dates, detail.dates)
  if (detail?.workingDays !== undefined) entry.workingDays = detail.workingDays
  if (detail?.note !== undefined) entry.note = detail.note
  return entry
}

function emptyTally(length: number): Tally {
  return { count: new Array<number>(length).fill(0), denominator: new Array<number>(length).fill(0) }
}

function sort(rows: RowsBehind): RowsBehind {
  const byRow = (a: MeasureRow, b: MeasureRow): number => a.list - b.list || a.row - b.row
  return {
    numerator: rows.numerator.sort(byRow),
    denominator: rows.denominator.sort(byRow),
    excluded: rows.excluded.sort(byRow),
  }
}

function record(rows: RowsBehind, verdict: Verdict, entry: () => MeasureRow, unit: MeasureUnit): void {
  if (isExclusion(verdict)) {
    rows.excluded.push({ ...entry(), reason: verdict.excluded })
  } else if (verdict === NUMERATOR) {
    const row = entry()
    rows.numerator.push(row)
    if (unit === 'percentage') rows.denominator.push(row)
  } else if (unit === 'percentage') {
    rows.denominator.push(entry())
  }
}

const PLACE_INVALID = -2
const PLACE_NONE = -1

/**
 * For each record of a list, the index in the window of the month its date falls in; -1 when the date is blank
 * or outside the window, -2 when it could not be read. Built once per list and field, shared by every measure.
 */
function placement<L extends ListName>(ctx: MeasureContext, list: L, field: Field<L>): Int32Array {
  return ctx.memo(`place:${list}:${field}`, () => {
    const rows = ctx.annexA[list] as readonly Row<L>[]
    const places = new Int32Array(rows.length)
    const { first } = ctx.window
    const length = ctx.window.periods.length
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i]
      if (row === undefined) continue
      if (isInvalid(row, field)) {
        places[i] = PLACE_INVALID
        continue
      }
      const date = dateOf<L>(row, field)
      const index = date === null ? NaN : monthOrdinal(date) - first
      places[i] = index >= 0 && index < length ? index : PLACE_NONE
    }
    return places
  })
}

export interface EventSpec<L extends ListName> extends RowSpec<L> {
  /** The date that puts a record in a month. */
  placeBy: Field<L>
  /**
   * Where a record placed in a month stands; absent: every placed record is counted. `index` is the record's
   * position in its list, for classifications that cache a per-record value.
   */
  classify?: (row: Row<L>, date: IsoDate, ctx: MeasureContext, index: number) => Verdict
}

/**
 * A measure of events in each month M: records whose `placeBy` date is in M. A record whose `placeBy` date
 * could not be read belongs to no month; the drill-down lists it as excluded in every month.
 */
export function eventMeasure<L extends ListName>(spec: EventSpec<L>): MeasureDefinition {
  const { list, placeBy, classify } = spec
  const monthUnknown = because(
    `The ${labelOf(list, placeBy)} could not be read, so the month this row belongs to is unknown.`,
  )
  /** The verdict on the record at `i`, which is placed in a month of the window. */
  const verdictOn = (ctx: MeasureContext, row: Row<L>, i: number): Verdict => {
    if (classify === undefined) return NUMERATOR
    const date = dateOf<L>(row, placeBy)
    // A placed record has a readable date; the check only satisfies the types.
    return date === null ? monthUnknown : classify(row, date, ctx, i)
  }
  return {
    ...info(spec, 'event', [LIST_NUMBER[list]]),
    tally: (ctx) =>
      ctx.memo(`tally:${spec.id}`, () => {
        const rows = ctx.annexA[list] as readonly Row<L>[]
        const places = placement(ctx, list, placeBy)
        const length = ctx.window.periods.length
        const count = new Int32Array(length)
        const denominator = new Int32Array(length)
        for (let i = 0; i < places.length; i++) {
          const index = places[i] ?? PLACE_NONE
          if (index < 0) continue
          const row = rows[i]
          if (row === undefined) continue
          const verdict = verdictOn(ctx, row, i)
          if (verdict === NUMERATOR) {
            count[index] = (count[index] ?? 0) + 1
            denominator[index] = (denominator[index] ?? 0) + 1
          } else if (verdict === DENOMINATOR) {
            denominator[index] = (denominator[index] ?? 0) + 1
          }
        }
        return { count: Array.from(count), denominator: Array.from(denominator) }
      }),
    explain: (ctx, index) => {
      const rows = ctx.annexA[list] as readonly Row<L>[]
      const places = placement(ctx, list, placeBy)
      const behind: RowsBehind = { numerator: [], denominator: [], excluded: [] }
      rows.forEach((row, i) => {
        const place = places[i] ?? PLACE_NONE
        if (place !== PLACE_INVALID && place !== index) return
        const verdict = place === PLACE_INVALID ? monthUnknown : verdictOn(ctx, row, i)
        record(behind, verdict, () => rowOf(spec, row, ctx), spec.unit)
      })
      return sort(behind)
    },
    monthRules: (ctx) => [
      ctx.memo(`rule:place:${list}:${placeBy}`, () => {
        const places = placement(ctx, list, placeBy)
        const from = new Int32Array(places.length)
        const to = new Int32Array(places.length)
        for (let i = 0; i < places.length; i++) {
          const place = places[i] ?? PLACE_NONE
          if (place === PLACE_INVALID) from[i] = EVERY_MONTH
          else if (place >= 0) {
            from[i] = place
            to[i] = place + 1
          }
        }
        return { key: `place:${list}:${placeBy}`, list, from, to }
      }),
    ],
  }
}

export interface StockSpec<L extends ListName> extends RowSpec<L> {
  /** The date a record opens: it is open at E when this date ≤ E … */
  opensBy: Field<L>
  /** … and this date is blank or later than E. */
  closesBy: Field<L>
  /** Where an open record stands (the same at every month end); absent: every open record is counted. */
  classify?: (row: Row<L>, ctx: MeasureContext) => Verdict
}

interface SpanRule<L extends ListName> {
  list: L
  opensBy: Field<L>
  closesBy: Field<L>
}

/** The reasons a record's open span is unknown, worked out once per rule. */
function spanReasons<L extends ListName>(
  rule: SpanRule<L>,
): { badOpen: Exclusion; badClose: Exclusion; noOpen: Exclusion } {
  return {
    badOpen: unreadable(rule.list, rule.opensBy),
    badClose: unreadable(rule.list, rule.closesBy),
    noOpen: blank(rule.list, rule.opensBy),
  }
}

/**
 * The window indexes [from, to) of the month ends at which a record is open, or why it is left out.
 * Open at E means opened ≤ E and (no closing date or closed > E): a record closed on E is not open at E.
 */
function openSpan<L extends ListName>(
  row: Row<L>,
  rule: SpanRule<L>,
  reasons: ReturnType<typeof spanReasons>,
  window: Window,
): [number, number] | Exclusion {
  if (isInvalid(row, rule.opensBy)) return reasons.badOpen
  if (isInvalid(row, rule.closesBy)) return reasons.badClose
  const opened = dateOf<L>(row, rule.opensBy)
  if (opened === null) return reasons.noOpen
  const closed = dateOf<L>(row, rule.closesBy)
  const length = window.periods.length
  const from = Math.max(monthOrdinal(opened) - window.first, 0)
  const to = closed === null ? length : Math.min(monthOrdinal(closed) - window.first, length)
  return [from, to]
}

const SPAN_UNKNOWN = -1

/** Each record's open span as window indexes [from, to); from = -1 when it cannot be known. */
interface Spans {
  from: Int32Array
  to: Int32Array
}

/** Every record's open span (from = -1 when unknown), built once per list and rule, shared by every measure. */
function spans<L extends ListName>(
  ctx: MeasureContext,
  rule: SpanRule<L>,
  reasons: ReturnType<typeof spanReasons>,
): Spans {
  return ctx.memo(`span:${rule.list}:${rule.opensBy}:${rule.closesBy}`, () => {
    const rows = ctx.annexA[rule.list] as readonly Row<L>[]
    const from = new Int32Array(rows.length)
    const to = new Int32Array(rows.length)
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i]
      const span = row === undefined ? reasons.noOpen : openSpan(row, rule, reasons, ctx.window)
      if (isExclusion(span)) {
        from[i] = SPAN_UNKNOWN
        to[i] = SPAN_UNKNOWN
      } else {
        from[i] = span[0]
        to[i] = span[1]
      }
    }
    return { from, to }
  })
}

/** A measure of what is open at the end E of each month. */
export function stockMeasure<L extends ListName>(spec: StockSpec<L>): MeasureDefinition {
  const { list, classify } = spec
  const reasons = spanReasons(spec)
  return {
    ...info(spec, 'stock', [LIST_NUMBER[list]]),
    tally: (ctx) =>
      ctx.memo(`tally:${spec.id}`, () => {
        const length = ctx.window.periods.length
        const rows = ctx.annexA[list] as readonly Row<L>[]
        const { from, to } = spans(ctx, spec, reasons)
        // Difference arrays: +1 at the first open month, −1 after the last.
        const countDiff = new Int32Array(length + 1)
        const denominatorDiff = new Int32Array(length + 1)
        for (let i = 0; i < from.length; i++) {
          const first = from[i] ?? SPAN_UNKNOWN
          const end = to[i] ?? SPAN_UNKNOWN
          if (first === SPAN_UNKNOWN || first >= end) continue
          const row = rows[i]
          if (row === undefined) continue
          const verdict = classify ? classify(row, ctx) : NUMERATOR
          if (isExclusion(verdict)) continue
          denominatorDiff[first] = (denominatorDiff[first] ?? 0) + 1
          denominatorDiff[end] = (denominatorDiff[end] ?? 0) - 1
          if (verdict === NUMERATOR) {
            countDiff[first] = (countDiff[first] ?? 0) + 1
            countDiff[end] = (countDiff[end] ?? 0) - 1
          }
        }
        const tally = emptyTally(length)
        let count = 0
        let denominator = 0
        for (let i = 0; i < length; i++) {
          count += countDiff[i] ?? 0
          denominator += denominatorDiff[i] ?? 0
          tally.count[i] = count
          tally.denominator[i] = denominator
        }
        return tally
      }),
    explain: (ctx, index) => {
      const behind: RowsBehind = { numerator: [], denominator: [], excluded: [] }
      for (const row of ctx.annexA[list] as readonly Row<L>[]) {
        const span = openSpan(row, spec, reasons, ctx.window)
        let verdict: Verdict
        if (isExclusion(span)) verdict = span
        else if (index < span[0] || index >= span[1]) continue
        else verdict = classify ? classify(row, ctx) : NUMERATOR
        record(behind, verdict, () => rowOf(spec, row, ctx), spec.unit)
      }
      return sort(behind)
    },
    monthRules: (ctx) => [spanRule(ctx, spec, reasons)],
  }
}

/** The stock rule: a record is looked at in the months it is open at the month's end, or every month if unknown. */
function spanRule<L extends ListName>(
  ctx: MeasureContext,
  rule: SpanRule<L>,
  reasons: ReturnType<typeof spanReasons>,
): MonthRule {
  const key = `span:${rule.list}:${rule.opensBy}:${rule.closesBy}`
  return ctx.memo(`rule:${key}`, () => {
    const open = spans(ctx, rule, reasons)
    const from = open.from.slice()
    const to = open.to.slice()
    for (let i = 0; i < from.length; i++) if (from[i] === SPAN_UNKNOWN) from[i] = EVERY_MONTH
    return { key, list: rule.list, from, to }
  })
}

export interface SnapshotSpec<L extends ListName> extends RowSpec<L> {
  /** When given, only records open at R (opened ≤ R, closing date blank or > R) are looked at. */
  openBy?: { opensBy: Field<L>; closesBy: Field<L> }
  /** Where a record stands at the reference date R. */
  classify: (row: Row<L>, reference: IsoDate, ctx: MeasureContext) => Verdict
}

/** A measure at the reference date R (the last day of the latest month) only. */
export function snapshotMeasure<L extends ListName>(spec: SnapshotSpec<L>): MeasureDefinition {
  const { list, openBy, classify } = spec
  const rule = openBy === undefined ? undefined : { list, ...openBy }
  const reasons = rule === undefined ? undefined : spanReasons(rule)
  /**
   * Where the record at `i` stands at R; null when it is not open at R. Open at R is open at the last month end
   * of the window: the same rule, and the same spans, as the stock measures.
   */
  const status = (ctx: MeasureContext, open: Spans | undefined, row: Row<L>, i: number): Verdict | null => {
    const reference = referenceDate(ctx.window)
    if (rule === undefined || reasons === undefined || open === undefined) return classify(row, reference, ctx)
    const first = open.from[i] ?? SPAN_UNKNOWN
    if (first === SPAN_UNKNOWN) {
      const span = openSpan(row, rule, reasons, ctx.window)
      return isExclusion(span) ? span : null
    }
    const last = ctx.window.periods.length - 1
    if (last < first || last >= (open.to[i] ?? SPAN_UNKNOWN)) return null
    return classify(row, reference, ctx)
  }
  const spansOf = (ctx: MeasureContext): Spans | undefined =>
    rule === undefined || reasons === undefined ? undefined : spans(ctx, rule, reasons)
  return {
    ...info(spec, 'snapshot', [LIST_NUMBER[list]]),
    tally: (ctx) =>
      ctx.memo(`tally:${spec.id}`, () => {
        let count = 0
        let denominator = 0
        const rows = ctx.annexA[list] as readonly Row<L>[]
        const open = spansOf(ctx)
        for (let i = 0; i < rows.length; i++) {
          const row = rows[i]
          const verdict = row === undefined ? null : status(ctx, open, row, i)
          if (verdict === NUMERATOR) count++
          if (verdict === NUMERATOR || verdict === DENOMINATOR) denominator++
        }
        return { count: [count], denominator: [denominator] }
      }),
    explain: (ctx, index) => {
      if (index !== ctx.window.periods.length - 1) {
        throw new RangeError(`${spec.id} is a snapshot: it exists for the latest month only.`)
      }
      const behind: RowsBehind = { numerator: [], denominator: [], excluded: [] }
      const rows = ctx.annexA[list] as readonly Row<L>[]
      const open = spansOf(ctx)
      rows.forEach((row, i) => {
        const verdict = status(ctx, open, row, i)
        if (verdict !== null) record(behind, verdict, () => rowOf(spec, row, ctx), spec.unit)
      })
      return sort(behind)
    },
    monthRules: (ctx) => {
      const last = ctx.window.periods.length - 1
      const rows = ctx.annexA[list] as readonly Row<L>[]
      if (rule === undefined || reasons === undefined) {
        // Every record is looked at, in the latest month.
        return [
          ctx.memo(`rule:all:${list}`, () => ({
            key: `all:${list}`,
            list,
            from: new Int32Array(rows.length).fill(last),
            to: new Int32Array(rows.length).fill(last + 1),
          })),
        ]
      }
      // Records open at R, or whose span is unknown: looked at in the latest month only.
      const key = `open-at-end:${list}:${rule.opensBy}:${rule.closesBy}`
      return [
        ctx.memo(`rule:${key}`, () => {
          const open = spans(ctx, rule, reasons)
          const from = new Int32Array(rows.length)
          const to = new Int32Array(rows.length)
          for (let i = 0; i < rows.length; i++) {
            const first = open.from[i] ?? SPAN_UNKNOWN
            const atEnd = first === SPAN_UNKNOWN || (first <= last && last < (open.to[i] ?? SPAN_UNKNOWN))
            if (atEnd) {
              from[i] = last
              to[i] = last + 1
            }
          }
          return { key, list, from, to }
        }),
      ]
    },
  }
}

function info(
  spec: BaseSpec & { comparesChildRecords?: boolean },
  kind: MeasureInfo['kind'],
  lists: number[],
): MeasureInfo & { comparesChildRecords: boolean } {
  return {
    comparesChildRecords: spec.comparesChildRecords === true,
    id: spec.id,
    title: spec.title,
    kind,
    unit: spec.unit,
    lists,
    definition: spec.definition,
    source: spec.source,
  }
}

/**
 * A rate per 10,000 children of another measure's count (the population is a setting per financial year).
 * Its drill-down is the counted measure's.
 */
export function rateOf(
  base: MeasureDefinition,
  spec: { id: string; title: string; definition: string; source: string },
): MeasureDefinition {
  return {
    ...spec,
    kind: base.kind,
    unit: 'rate per 10,000',
    lists: base.lists,
    tally: (ctx) => base.tally(ctx),
    explain: (ctx, index) => {
      const rows = base.explain(ctx, index)
      return { numerator: rows.numerator, denominator: [], excluded: rows.excluded }
    },
    monthRules: (ctx) => base.monthRules(ctx),
    comparesChildRecords: base.comparesChildRecords,
  }
}

/**
 * A percentage of one event count over another (e.g. referrals over contacts): numerator and denominator rows
 * come from different lists, so the numerator is not a subset of the denominator.
 */
export function ratioOf(
  numerator: MeasureDefinition,
  denominator: MeasureDefinition,
  spec: { id: string; title: string; definition: string; source: string },
): MeasureDefinition {
  return {
    ...spec,
    kind: numerator.kind,
    unit: 'percentage',
    lists: [...new Set([...denominator.lists, ...numerator.lists])].sort((a, b) => a - b),
    tally: (ctx) =>
      ctx.memo(`tally:${spec.id}`, () => ({
        count: numerator.tally(ctx).count,
        denominator: denominator.tally(ctx).count,
      })),
    explain: (ctx, index) => {
      const top = numerator.explain(ctx, index)
      const bottom = denominator.explain(ctx, index)
      return sort({
        numerator: top.numerator,
        denominator: bottom.numerator,
        excluded: [...top.excluded, ...bottom.excluded],
      })
    },
    monthRules: (ctx) => [...numerator.monthRules(ctx), ...denominator.monthRules(ctx)],
    comparesChildRecords: numerator.comparesChildRecords || denominator.comparesChildRecords,
  }
}

/**
 * The drill-down: from one month's figure of an indicator to the children behind it. The figure's Annex A import
 * is found from the import that wrote it; its stored rows are read back through the importer's own list readers
 * and the measure is explained with the council's settings and calendar, so the rows listed add up to the figure.
 * Only the rows the measure looks at in that month (recorded when the return was imported: `annex_a_row_month`)
 * are read, with the same children's other rows for a measure that compares them; an import stored before that
 * table existed is read whole.
 *
 * Every list of children handed out is personal data: the service records who saw which children's records
 * (audit action `view-children`, with each child in `audit_event_child`) before it returns them. Nothing is
 * cached: each request computes afresh.
 */
import { createHash } from 'node:crypto'
import { childListText } from '../domain/audit-chain.ts'
import { figureFor } from './annex-a-service.ts'
import type { Indicator, Observation, PopulationFallback } from '../domain/catalogue.ts'
import { measureDefinition } from '../domain/measures/catalogue.ts'
import type { MeasureDefinition } from '../domain/measures/engine.ts'
import { explainMeasure } from '../domain/measures/compute.ts'
import type { Explanation, MeasureInfo } from '../domain/measures/types.ts'
import { monthOrdinal } from '../domain/calendar/days.ts'
import { financialYearOf, isPeriod, type Period } from '../domain/period.ts'
import { childIdColumn, readStoredLists, type StoredList } from '../importers/annex-a/stored-rows.ts'
import { isAnnexAList } from '../domain/annex-a/row-blocks.ts'
import type { DataAccess } from '../store/data-access.ts'
import type { ImportRecord } from '../store/import-repository.ts'
import type { AnnexAService, StoredRowMonths } from './annex-a-service.ts'
import type { CalendarService } from './calendar-service.ts'
import { recordChangeWithId } from './change-record.ts'
import { POPULATION_SOURCE_SETTING, standingFallbacks, type PopulationSource } from './population-service.ts'

/** The children behind one month's figure of an indicator. Personal data about children. */
export interface ChildrenBehindFigure {
  indicator: Indicator
  measure: MeasureInfo
  /** Which part of the measure the indicator publishes: its value, or its count (a percentage's numerator). */
  part: 'value' | 'count'
  month: Period
  /** The figure as stored: what the indicator page shows. */
  figure: Observation
  /** The import whose rows these are. */
  importRecord: ImportRecord
  explanation: Explanation
  /** The figure the rows give now; it differs from `figure` only if settings, bank holidays or the measure changed. */
  recomputed: Observation
  /** Whether the rows give exactly the stored figure. */
  addsUp: boolean
  /**
   * For a rate whose financial year ONS has no estimate for yet: the earlier financial year whose population it
   * uses (scrutineer population import). Absent otherwise.
   */
  populationFallsBackTo?: PopulationFallback
}

/** Why there is no list of children to show (each is a value the page explains, not an error). */
export type DrillDownProblem =
  | { kind: 'no-such-indicator'; indicatorId: string }
  | { kind: 'no-measure'; indicator: Indicator }
  | { kind: 'no-figure'; indicator: Indicator; month: Period }
  | { kind: 'not-from-annex-a'; indicator: Indicator; month: Period; figure: Observation; source: ImportRecord | null }
  | { kind: 'records-removed'; indicator: Indicator; month: Period; figure: Observation; importRecord: ImportRecord }

export type DrillDownResult = { ok: true; value: ChildrenBehindFigure } | { ok: false; problem: DrillDownProblem }

/** How the children were seen, for the audit log. */
export type DrillDownFormat = 'page' | 'csv'

/** Annex A imports fetched when looking for a later one that covers the month (about 80 years of monthly returns). */
const IMPORT_SEARCH_LIMIT = 1000

function same(a: number | null, b: number | null): boolean {
  return a === b || (a !== null && b !== null && Math.abs(a - b) < 1e-9)
}

interface AnnexASummary {
  end?: unknown
  months?: unknown
  indicatorsUpdated?: unknown
  headers?: unknown
  rowMonths?: unknown
}

function summaryOf(record: ImportRecord): AnnexASummary {
  return record.summary
}

function monthsOf(record: ImportRecord): Period[] {
  const months = summaryOf(record).months
  return Array.isArray(months) ? months.filter((m): m is Period => typeof m === 'string' && isPeriod(m)) : []
}

/** The rules of the rows a measure looks at, as the import stored them; null for an import stored before them. */
function rulesOf(record: ImportRecord, measureId: string): number[] | null {
  const stored = summaryOf(record).rowMonths as Partial<StoredRowMonths> | null | undefined
  const rules = stored?.measures?.[measureId]
  return Array.isArray(rules) && rules.every((n) => Number.isInteger(n) && n >= 0) ? rules : null
}

function endOf(record: ImportRecord): Period | null {
  const end = summaryOf(record).end
  return typeof end === 'string' && isPeriod(end) ? end : null
}

/**
 * Whether an import computed this indicator's figure for this month: the month is in its window (a snapshot
 * measure's figure exists for the window's last month only) and it updated the indicator.
 */
function covers(record: ImportRecord, indicatorId: string, month: Period, snapshot: boolean): boolean {
  const updated = summaryOf(record).indicatorsUpdated
  if (snapshot && endOf(record) !== month) return false
  return monthsOf(record).includes(month) && Array.isArray(updated) && updated.includes(indicatorId)
}

export function drillDownService(data: DataAccess, annexA: AnnexAService, calendars: CalendarService) {
  /**
   * The Annex A import behind a month's figure: the import that wrote it, or a later Annex A import that computed
   * the same figure (an import leaves a figure it finds unchanged attributed to whichever import wrote it first);
   * of those, the latest whose child-level records are still stored.
   */
  async function sourceImport(
    indicator: Indicator,
    month: Period,
    snapshot: boolean,
  ): Promise<{ ok: true; figure: Observation; importRecord: ImportRecord } | { ok: false; problem: DrillDownProblem }> {
    const found = await data.observations.findWithSource(indicator.id, month)
    if (found === null || (found.observation.value === null && found.importId === null)) {
      return { ok: false, problem: { kind: 'no-figure', indicator, month } }
    }
    const figure = found.observation
    const writerId = found.importId
    const writer = writerId === null ? null : await data.imports.find(writerId)
    const computedIt =
      writerId === null
        ? []
        : (await data.imports.list({ kind: 'annex-a', limit: IMPORT_SEARCH_LIMIT })).filter(
            (i) => i.id === writerId || (i.id > writerId && covers(i, indicator.id, month, snapshot)),
          )
    const latest = (records: ImportRecord[]): ImportRecord | null =>
      records.reduce<ImportRecord | null>((a, b) => (a === null || b.id > a.id ? b : a), null)
    const stored = latest(computedIt.filter((i) => i.removedAt === null))
    if (stored !== null) return { ok: true, figure, importRecord: stored }
    const removed = latest(computedIt)
    if (removed !== null) {
      return { ok: false, problem: { kind: 'records-removed', indicator, month, figure, importRecord: removed } }
    }
    return { ok: false, problem: { kind: 'not-from-annex-a', indicator, month, figure, source: writer } }
  }

  /**
   * The stored rows of the lists a measure reads, with each list's header as the file had it: with `rules`, only
   * the rows they look at in `month` (and the same children's other rows, for a measure that compares them);
   * without, every row.
   */
  async function storedLists(
    record: ImportRecord,
    definition: MeasureDefinition,
    month: Period,
    rules: number[] | null,
  ): Promise<StoredList[]> {
    const headers = summaryOf(record).headers
    const byList = (typeof headers === 'object' && headers !== null ? headers : {}) as Record<string, unknown>
    const stored: StoredList[] = []
    for (const list of definition.lists) {
      if (!isAnnexAList(list)) continue
      const header = byList[String(list)]
      if (!Array.isArray(header)) continue
      const headerText = header.map((h) => (typeof h === 'string' ? h : ''))
      const rows =
        rules === null
          ? await data.annexA.rows(record.id, list)
          : await data.annexA.rowsLookedAt(
              record.id,
              list,
              rules,
              monthOrdinal(month),
              definition.comparesChildRecords ? childIdColumn(list, headerText) : null,
            )
      stored.push({
        list,
        headers: headerText,
        rows: rows.map((r) => ({ row: r.row, cells: r.cells })),
      })
    }
    return stored
  }

  const service = {
    /**
     * The months of an indicator whose figure has children to show: those with a value that `childrenBehind` would
     * answer with a list (a measure-linked indicator, a figure written or recomputed by an Annex A, census or SSDA903
     * import whose child-level records are still stored). Reads no child-level rows and records nothing, so a page
     * can link only the figures that have children behind them, never a link to "no children to show".
     */
    async monthsWithChildren(indicatorId: string): Promise<Set<Period>> {
      return (await service.monthsWithChildrenOf([indicatorId])).get(indicatorId) ?? new Set()
    },

    /** monthsWithChildren for several indicators (a pack's), reading the list of imports once. */
    async monthsWithChildrenOf(indicatorIds: readonly string[]): Promise<Map<string, Set<Period>>> {
      const byIndicator = new Map<string, Set<Period>>()
      const imports = await data.imports.list({ kind: 'annex-a', limit: IMPORT_SEARCH_LIMIT })
      // Three queries for the whole pack, not three per indicator: the pack page asks for all of its indicators.
      const indicators = new Map(
        (await data.catalogue.findIndicators(indicatorIds)).map((indicator) => [indicator.id, indicator]),
      )
      const linked = indicatorIds.filter((id) => (indicators.get(id)?.measure ?? null) !== null)
      const sources = await data.observations.sourcesOf(linked)
      for (const indicatorId of indicatorIds) {
        const months = new Set<Period>()
        byIndicator.set(indicatorId, months)
        const indicator = indicators.get(indicatorId)
        const definition =
          indicator === undefined || indicator.measure === null
            ? undefined
            : measureDefinition(indicator.measure.measureId)
        if (indicator === undefined || definition === undefined) continue
        const snapshot = definition.kind === 'snapshot'
        for (const { period, importId } of sources.get(indicatorId) ?? []) {
          if (importId === null) continue
          // As sourceImport: the writer, or a later import that computed the same figure, with its records stored.
          const stored = imports.some(
            (i) =>
              i.removedAt === null &&
              (i.id === importId || (i.id > importId && covers(i, indicatorId, period, snapshot))),
          )
          if (stored) months.add(period)
        }
      }
      return byIndicator
    },

    /**
     * The children behind an indicator's figure for `month`, and an audit event saying that `actor` saw them.
     * Not ok, with the reason, when the indicator has no measure or the month's figure has no stored Annex A
     * records behind it.
     */
    async childrenBehind(
      indicatorId: string,
      month: Period,
      seenBy: { actor: string; format: DrillDownFormat; correlationId?: string | null },
    ): Promise<DrillDownResult> {
      const indicator = await data.catalogue.findIndicator(indicatorId)
      if (indicator === null) return { ok: false, problem: { kind: 'no-such-indicator', indicatorId } }
      const link = indicator.measure
      const definition = link === null ? undefined : measureDefinition(link.measureId)
      if (link === null || definition === undefined) return { ok: false, problem: { kind: 'no-measure', indicator } }

      const source = await sourceImport(indicator, month, definition.kind === 'snapshot')
      if (!source.ok) return source
      const { figure, importRecord } = source

      const storedEnd = endOf(importRecord)
      const end = storedEnd !== null && storedEnd >= month ? storedEnd : month
      const lists = await storedLists(importRecord, definition, month, rulesOf(importRecord, definition.id))
      const { records } = readStoredLists(lists)
      const settings = await annexA.settings()
      const explanation = explainMeasure(records, definition.id, month, {
        end,
        // The months the import wrote (at least back to this one), ending where it ended.
        months: Math.max(monthsOf(importRecord).length, monthsBetween(month, end) + 1),
        settings,
        calendar: await calendars.calendar(),
      })
      const recomputed = figureFor(indicator, month, explanation.value)
      const addsUp =
        same(recomputed.value, figure.value) &&
        same(recomputed.numerator, figure.numerator) &&
        same(recomputed.denominator, figure.denominator)

      // Every child the page or file shows, left-out records included.
      const shown = [...explanation.numerator, ...explanation.denominator, ...explanation.excluded]
      const childIds = [...new Set(shown.map((row) => row.childId))].sort()
      // The event stays small: the children's number and a fingerprint of their ids, which the audit chain's hash
      // covers; the ids themselves go in append-only rows linked to it, in the same transaction.
      await data.transaction(async (repos) => {
        const eventId = await recordChangeWithId(
          repos.audit,
          seenBy,
          'view-children',
          { type: 'indicator', id: indicator.id },
          {
            month,
            format: seenBy.format,
            importId: importRecord.id,
            measureId: definition.id,
            counted: explanation.numerator.length,
            inDenominator: explanation.denominator.length,
            leftOut: explanation.excluded.length,
            children: childIds.length,
            childIdsSha256: createHash('sha256').update(childListText(childIds), 'utf8').digest('hex'),
          },
        )
        await repos.audit.recordChildren(eventId, childIds)
      })
      return {
        ok: true,
        value: {
          indicator,
          measure: explanation.measure,
          part: link.part,
          month,
          figure,
          importRecord,
          explanation,
          recomputed,
          addsUp,
          ...(definition.unit === 'rate per 10,000' ? await fallbackOfIn(data, month, settings.population) : {}),
        },
      }
    },
  }
  return service
}

/** Whether the month's financial year uses an earlier year's ONS estimate (standingFallbacks). */
async function fallbackOfIn(
  data: DataAccess,
  month: Period,
  population: Record<string, number>,
): Promise<Pick<ChildrenBehindFigure, 'populationFallsBackTo'>> {
  const source = (await data.settings.get(POPULATION_SOURCE_SETTING)) as PopulationSource | null
  const financialYear = financialYearOf(month)
  const fallback = standingFallbacks(source, population).find((f) => f.financialYear === financialYear)
  return fallback === undefined ? {} : { populationFallsBackTo: fallback }
}

/** Whole months from `from` to `to` (0 when they are the same month). */
function monthsBetween(from: Period, to: Period): number {
  const ordinal = (p: Period): number => Number(p.slice(0, 4)) * 12 + Number(p.slice(5, 7))
  return ordinal(to) - ordinal(from)
}

export type DrillDownService = ReturnType<typeof drillDownService>

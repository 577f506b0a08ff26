/**
 * Ofsted Annex A: compute the measures from a return (without storing anything, for the CLI's `measures`), check
 * it (what importing it would add and revise, and its data quality, writing nothing: an upload's preview), or
 * import it — store its child-level rows and problems, compute the measures and write the figures of every
 * indicator the catalogue links to a measure, in one transaction with an audit event. Checking and importing
 * share one path (`prepare`): read, compute, compare with the stored figures.
 */
import { basename } from 'node:path'
import type { AnnexA } from '../domain/annex-a/records.ts'
import { periodOf } from '../domain/calendar/days.ts'
import type { WorkingDayCalendar } from '../domain/calendar/working-days.ts'
import type { Indicator, Observation } from '../domain/catalogue.ts'
import { compareFigures } from '../domain/figure-changes.ts'
import {
  computeMeasures,
  explainMeasure,
  measureSteps,
  rowMonthSteps,
  type ComputedMeasures,
  type RowMonths,
} from '../domain/measures/compute.ts'
import { measureDefinition } from '../domain/measures/catalogue.ts'
import { inTurns } from './in-turns.ts'
import {
  DEFAULT_MEASURE_SETTINGS,
  type Explanation,
  type MeasureSettings,
  type MeasureValue,
} from '../domain/measures/types.ts'
import { formatPeriodLong, isPeriod, periodsEnding, type Period } from '../domain/period.ts'
import { failed, ok, type Result } from '../domain/result.ts'
import { emptyPreview, previewFigure, STALE_PREVIEW, type UploadPreview } from '../domain/upload.ts'
import { readAnnexA, type AnnexAImport, type AnnexAProblem } from '../importers/annex-a/read-annex-a.ts'
import { asAnnexAImport, censusFeeds } from '../importers/cin-census/annex-a-rows.ts'
import { asImportProblems as cinImportProblems, readCinCensus } from '../importers/cin-census/read-cin-census.ts'
import type { ImportProblem } from '../importers/problem.ts'
import { isAnnexAList, type StoredProblem } from '../store/annex-a-repository.ts'
import type { DataAccess, Repositories } from '../store/data-access.ts'
import type { ImportRecord } from '../store/import-repository.ts'
import type { CalendarService } from './calendar-service.ts'
import { recordChange, type ChangeContext } from './change-record.ts'
import { fingerprintOf } from './fingerprint.ts'

/** The council setting that holds the measures' settings (population, working days…). */
export const MEASURE_SETTINGS_KEY = 'measures'

export interface MeasuresReport extends ComputedMeasures {
  errors: AnnexAProblem[]
}

export interface AnnexAImportSummary {
  importId: number
  file: string
  end: Period
  months: Period[]
  lists: Array<{ list: number; rows: number; source: string }>
  errors: number
  warnings: number
  figuresAdded: number
  figuresRevised: number
  figuresUnchanged: number
  indicatorsUpdated: string[]
}

/** Where an import has got to, for a progress bar: reading a list, computing, storing a list, updating figures. */
export type AnnexAStage =
  | { stage: 'reading'; list: number; rows: number }
  | { stage: 'computing' }
  | { stage: 'storing'; list: number; rows: number }
  | { stage: 'updating' }

export interface AnnexAImportOptions {
  /** The last month to report (default: the latest month with events in the return). */
  end?: Period
  /** How many months to report, ending `end` (default 13). */
  months?: number
  /** The name the officer knows the return by (an upload's file name); default the path's. */
  displayName?: string
  /** How the return arrived, for the import list (default: an .xlsx workbook or a CSV folder, from the path). */
  layout?: string
  /**
   * What the file is: an Annex A return (a workbook or CSV folder) or a children in need census (XML), whose
   * records are stored as the Annex A lists 3–7 they stand for. Default: a census when the path ends .xml.
   */
  source?: AnnexASource
  /** Told each step in words (the command line's progress line). */
  onProgress?: (message: string) => void
  /** Told each step as data (an upload job's progress bar). */
  onStage?: (stage: AnnexAStage) => void
}

export type AnnexASource = 'annex-a' | 'cin-census'

/** What a path holds when the caller does not say: a census is an .xml file. */
export function sourceOf(path: string, source?: AnnexASource): AnnexASource {
  return source ?? (path.toLowerCase().endsWith('.xml') ? 'cin-census' : 'annex-a')
}

/** The import list's "layout" of a file: how it arrived. */
function layoutOf(path: string, source: AnnexASource): string {
  if (source === 'cin-census') return 'cin-census'
  return path.toLowerCase().endsWith('.xlsx') ? 'xlsx workbook' : 'csv folder'
}

/**
 * Reads an Annex A return, or a children in need census as the Annex A import it stands for: everything after
 * reading is the same for both.
 */
async function readSource(
  path: string,
  file: string,
  source: AnnexASource,
  options: { keepRows: boolean; onProgress: (info: { list: number; rows: number }) => void },
): Promise<Result<AnnexAImport, ImportProblem>> {
  if (source === 'cin-census') {
    const read = await readCinCensus(path, { file })
    if (!read.ok) return failed(cinImportProblems(file, read.problems))
    const imported = asAnnexAImport(read.value, { keepRows: options.keepRows })
    for (const list of imported.lists) options.onProgress(list)
    return ok(imported)
  }
  const read = await readAnnexA(path, options)
  if (!read.ok) return failed(asImportProblems(file, read.problems))
  return ok(read.value)
}

/** What checking a return found: the preview an officer confirms, and the fingerprint it was compared against. */
export interface AnnexACheck {
  preview: UploadPreview
  fingerprint: string
  end: Period
  months: Period[]
}

/** How many problems of each kind a preview lists (the data-quality report lists them all once imported). */
const PREVIEW_PROBLEMS = 20

export interface DataQualityReport {
  importRecord: ImportRecord
  lists: Array<{ list: number; rows: number; source: string; errors: number; warnings: number }>
  errors: StoredProblem[]
  warnings: StoredProblem[]
}

/** The dates of the events that say which months a return covers (a loop: lists can hold a million rows). */
function* eventDates(annexA: AnnexA, lists: 'all' | 'front door'): Generator<string | null> {
  for (const r of annexA.contacts) yield r.contactDate
  for (const r of annexA.referrals) yield r.referralDate
  if (lists === 'front door') return
  for (const r of annexA.assessments) yield r.authorisationDate
  for (const r of annexA.section47s) yield r.strategyDate
}

/** The latest month with an event in the return: the month an import reports up to unless told otherwise. */
export function latestMonthOf(annexA: AnnexA): Period | null {
  let latest = ''
  for (const date of eventDates(annexA, 'all')) if (date !== null && date > latest) latest = date
  return latest === '' ? null : periodOf(latest)
}

/** The first month the return covers: months before it would show as zero, so no figures are written for them. */
export function firstMonthOf(annexA: AnnexA): Period | null {
  let first = '9999-12-31'
  for (const date of eventDates(annexA, 'front door')) if (date !== null && date < first) first = date
  return first === '9999-12-31' ? null : periodOf(first)
}

/** The figure an indicator takes from a measure's month: its value, or its count (a percentage's numerator). */
export function figureFor(indicator: Indicator, period: Period, source: MeasureValue): Observation {
  const part = indicator.measure?.part ?? 'value'
  if (part === 'count')
    return { indicatorId: indicator.id, period, value: source.count, numerator: null, denominator: null }
  return {
    indicatorId: indicator.id,
    period,
    value: source.value,
    numerator: source.denominator === null ? null : source.count,
    denominator: source.denominator,
  }
}

/** The stored data an Annex A import computes with and compares against; its fingerprint guards a preview. */
async function annexABaseline(repos: Pick<Repositories, 'settings' | 'catalogue'>) {
  const stored = (await repos.settings.get(MEASURE_SETTINGS_KEY)) as Partial<MeasureSettings> | null
  const settings: MeasureSettings = { ...DEFAULT_MEASURE_SETTINGS, ...(stored ?? {}) }
  const holidays = (await repos.settings.bankHolidays()).map((h) => h.date)
  const linked = (await repos.catalogue.findIndicators()).filter((i) => i.measure !== null)
  return { settings, holidays, linked }
}

/** The fingerprint of what an import of the months `window` reads: settings, holidays, links, stored figures. */
export async function annexAFingerprint(
  repos: Pick<Repositories, 'settings' | 'catalogue' | 'observations'>,
  window: readonly Period[],
  baseline?: Awaited<ReturnType<typeof annexABaseline>>,
): Promise<string> {
  const { settings, holidays, linked } = baseline ?? (await annexABaseline(repos))
  const first = window[0]
  const last = window.at(-1)
  const observations =
    first === undefined || last === undefined
      ? []
      : await repos.observations.findObservations(
          linked.map((i) => i.id),
          first,
          last,
        )
  observations.sort((a, b) =>
    a.indicatorId === b.indicatorId ? a.period.localeCompare(b.period) : a.indicatorId.localeCompare(b.indicatorId),
  )
  return fingerprintOf({
    settings,
    holidays,
    linked: linked.map((i) => ({ id: i.id, measure: i.measure })),
    window,
    observations,
  })
}

function asImportProblems(file: string, problems: readonly AnnexAProblem[]): ImportProblem[] {
  return problems.map((p) => ({
    file: p.list === null ? file : `${file}, list ${p.list}`,
    row: p.row,
    column: p.column,
    value: p.value,
    reason: p.reason,
  }))
}

export interface ComputeFromFileOptions {
  end: Period
  months: number
  settings: MeasureSettings
  calendar: WorkingDayCalendar
}

/** Reads a return and computes every measure, storing nothing (`scrutineer measures`). */
export async function measuresFromFile(
  path: string,
  options: ComputeFromFileOptions,
): Promise<Result<MeasuresReport & { annexA: AnnexA }, ImportProblem>> {
  const read = await readAnnexA(path)
  if (!read.ok) return failed(asImportProblems(basename(path), read.problems))
  const computed = computeMeasures(read.value.records, options)
  return ok({ ...computed, errors: read.value.errors, annexA: read.value.records })
}

/** The rows behind one measure in one month of a return (`scrutineer measures --explain`). */
export function explain(
  annexA: AnnexA,
  measureId: string,
  month: Period,
  options: ComputeFromFileOptions,
): Explanation {
  return explainMeasure(annexA, measureId, month, options)
}

/** A return read, with the months it reports, not yet computed nor stored (see `readReturn`). */
export interface ReadReturn {
  file: string
  imported: AnnexAImport
  end: Period
  /** The months figures are written for. */
  window: Period[]
  /** The indicators the catalogue links to a measure (of a census: to a measure the census feeds). */
  linked: Indicator[]
  computeOptions: ComputeFromFileOptions
  fingerprint: string
}

/** A return read and computed, not yet stored (see `prepare`). */
export interface PreparedReturn extends ReadReturn {
  observations: Observation[]
  /** Which rows each measure looks at in which month (only when the rows were kept, for storing). */
  rowMonths: RowMonths | null
}

/**
 * How an import's summary names the rules of its `annex_a_row_month` rows: rule n is `rules[n]`, and each measure
 * looks through the rules `measures[id]` lists. Absent from imports stored before the table existed.
 */
export interface StoredRowMonths {
  rules: string[]
  measures: Record<string, number[]>
}

/** Rows stored per insert call, between progress reports. */
const STORE_BLOCK = 20_000

/**
 * How long an import may go without storing a block before another import decides its process died and deletes
 * what it stored. Far longer than a block takes; the server's job runner cleans up sooner (its stale setting).
 */
const ABANDONED_LOAD_MS = 10 * 60 * 1000

const LOAD_DISCARDED =
  'This import stopped storing records for so long that it was taken for abandoned and removed. Load the file again.'

export function annexAService(data: DataAccess, calendars: CalendarService) {
  async function settings(): Promise<MeasureSettings> {
    const stored = (await data.settings.get(MEASURE_SETTINGS_KEY)) as Partial<MeasureSettings> | null
    return { ...DEFAULT_MEASURE_SETTINGS, ...(stored ?? {}) }
  }

  /** Stores which rows each measure looks at in which month, rule by rule, under the loading import. */
  async function storeRowMonths(importId: number, rowMonths: RowMonths | null): Promise<StoredRowMonths | null> {
    if (rowMonths === null) return null
    const numbers = new Map(rowMonths.rules.map((rule, i) => [rule.key, i]))
    for (const [i, rule] of rowMonths.rules.entries()) {
      await data.annexA.insertRowMonths(importId, { rule: i, ...rule })
      if (!(await data.imports.heartbeat(importId))) throw new Error(LOAD_DISCARDED)
    }
    return {
      rules: rowMonths.rules.map((rule) => rule.key),
      measures: Object.fromEntries(
        Object.entries(rowMonths.measures).map(([id, keys]) => [id, keys.map((key) => numbers.get(key) ?? -1)]),
      ),
    }
  }

  /**
   * Stores every list's rows block by block, each in a transaction of its own, under an import that no reader sees
   * until the import's last transaction: on the embedded database (one connection) the web answers between blocks,
   * instead of waiting minutes for one transaction holding a million rows. Stops early once `stop()` says so.
   */
  async function storeRows(
    importId: number,
    imported: AnnexAImport,
    stop: () => boolean,
    progress: (message: string) => void,
    stage: (stage: AnnexAStage) => void,
  ): Promise<void> {
    progress('Storing the records')
    for (const [listText, rows] of Object.entries(imported.rows ?? {})) {
      const list = Number(listText)
      if (!isAnnexAList(list)) continue
      const idIndex = rows.childIdIndex
      for (let start = 0; start < rows.values.length; start += STORE_BLOCK) {
        if (stop()) return
        await data.annexA.insertRows(
          importId,
          list,
          rows.values.slice(start, start + STORE_BLOCK).map((cells, i) => ({
            row: rows.rowNumbers[start + i] ?? start + i + 2,
            childId: idIndex === null ? '' : (cells[idIndex] ?? '').trim(),
            cells,
          })),
        )
        if (!(await data.imports.heartbeat(importId))) throw new Error(LOAD_DISCARDED)
        stage({ stage: 'storing', list, rows: Math.min(start + STORE_BLOCK, rows.values.length) })
      }
    }
  }

  return {
    settings,

    async saveSettings(next: MeasureSettings, actor: string): Promise<void> {
      const before = await settings()
      await data.transaction(async (repos) => {
        await repos.settings.set(MEASURE_SETTINGS_KEY, next, actor)
        await recordChange(
          repos.audit,
          { actor },
          'settings.measures',
          { type: 'settings', id: MEASURE_SETTINGS_KEY },
          { before, after: next },
        )
      })
    },

    /**
     * Reads a return and works out the figures it gives, writing nothing: the shared first half of checking and
     * importing. `keepRows` keeps every row's text, for storing.
     */
    async prepare(
      path: string,
      options: AnnexAImportOptions & { keepRows: boolean },
    ): Promise<Result<PreparedReturn, ImportProblem>> {
      const read = await this.readReturn(path, options)
      if (!read.ok) return read
      return ok({ ...read.value, ...(await this.computeFigures(read.value, options)) })
    },

    /**
     * The first part of `prepare`: reads a return and settles the months it reports and the fingerprint of what
     * it is compared against, computing nothing yet (an import stores the rows while the measures are computed).
     */
    async readReturn(
      path: string,
      options: AnnexAImportOptions & { keepRows: boolean },
    ): Promise<Result<ReadReturn, ImportProblem>> {
      const file = options.displayName ?? basename(path)
      const progress = options.onProgress ?? (() => undefined)
      const stage = options.onStage ?? (() => undefined)
      progress(`Reading ${file}`)
      const read = await readSource(path, file, sourceOf(path, options.source), {
        keepRows: options.keepRows,
        onProgress: ({ list, rows }) => {
          progress(`Reading list ${list}: ${rows.toLocaleString('en-GB')} rows`)
          stage({ stage: 'reading', list, rows })
        },
      })
      if (!read.ok) return read
      const imported: AnnexAImport = read.value
      const end = options.end ?? latestMonthOf(imported.records)
      if (end === null || !isPeriod(end)) {
        return failed([
          {
            file,
            row: null,
            column: null,
            value: null,
            reason:
              'The return has no dated contacts, referrals, assessments or enquiries, so there is no month to report. Give the month with --end YYYY-MM.',
          },
        ])
      }
      const months = options.months ?? 13
      const baseline = await annexABaseline(data)
      const calendar = calendars.calendarFrom(baseline.holidays)
      const first = firstMonthOf(imported.records)
      const window = periodsEnding(end, months).filter((p) => first === null || p >= first)
      const census = sourceOf(path, options.source) === 'cin-census'
      // A census writes only the indicators it holds the records of (the fingerprint still covers every link).
      const linked = census
        ? baseline.linked.filter((i) => {
            const id = i.measure?.measureId ?? ''
            return censusFeeds(id, measureDefinition(id)?.lists ?? [])
          })
        : baseline.linked
      return ok({
        file,
        imported,
        end,
        window,
        linked,
        computeOptions: { end, months, settings: baseline.settings, calendar },
        fingerprint: await annexAFingerprint(data, window, baseline),
      })
    },

    /** The second part of `prepare`: the figures of every linked indicator, and (keeping rows) the row months. */
    async computeFigures(
      read: ReadReturn,
      options: Pick<AnnexAImportOptions, 'onProgress' | 'onStage'> & { keepRows: boolean },
    ): Promise<{ observations: Observation[]; rowMonths: RowMonths | null }> {
      ;(options.onProgress ?? (() => undefined))('Computing the measures')
      ;(options.onStage ?? (() => undefined))({ stage: 'computing' })
      const { imported, window, linked, computeOptions } = read
      // One measure a turn: a server loading a million rows keeps answering pages meanwhile.
      const computed = await inTurns(measureSteps(imported.records, computeOptions))
      const observations: Observation[] = []
      for (const indicator of linked) {
        const id = indicator.measure?.measureId ?? ''
        const series = computed.measures[id] ?? computed.snapshot[id]
        if (!series) continue
        for (const period of window) {
          const source = series[period]
          if (source) observations.push(figureFor(indicator, period, source))
        }
      }
      return {
        observations,
        rowMonths: options.keepRows ? await inTurns(rowMonthSteps(imported.records, computeOptions)) : null,
      }
    },

    /**
     * Checks a return without storing anything: the figures it would add and revise, its lists and data-quality
     * counts, and the fingerprint of what that was compared against (an upload's preview).
     */
    async check(path: string, options: AnnexAImportOptions = {}): Promise<Result<AnnexACheck, ImportProblem>> {
      const prepared = await this.prepare(path, { ...options, keepRows: false })
      if (!prepared.ok) return prepared
      const { file, imported, end, window, linked, observations } = prepared.value
      const first = window[0]
      const last = window.at(-1)
      const stored =
        first === undefined || last === undefined
          ? []
          : await data.observations.findObservations(
              linked.map((i) => i.id),
              first,
              last,
            )
      const changes = compareFigures(stored, observations)
      const titles = new Map(linked.map((i) => [i.id, i.title]))
      const preview = emptyPreview('annex-a', file)
      const rows = imported.lists.reduce((sum, l) => sum + l.rows, 0)
      preview.facts.push(
        `${rows.toLocaleString('en-GB')} rows in ${imported.lists.length} ${imported.lists.length === 1 ? 'list' : 'lists'}.`,
        first === undefined || last === undefined
          ? 'The return covers no months before the end month, so it gives no figures.'
          : `Figures for ${window.length} ${window.length === 1 ? 'month' : 'months'}, ${formatPeriodLong(first)} to ${formatPeriodLong(last)}, for the ${linked.length} indicators the catalogue links to an Annex A measure.`,
      )
      preview.figures = {
        added: changes.added.map((o) => previewFigure(o, null, titles.get(o.indicatorId) ?? o.indicatorId)),
        revised: changes.revised.map((r) => previewFigure(r.after, r.before, titles.get(r.after.indicatorId) ?? '')),
        unchanged: changes.unchanged,
      }
      preview.lastPeriod = observations.length === 0 ? null : end
      preview.dataQuality = {
        lists: imported.lists,
        errors: imported.errors.length,
        warnings: imported.warnings.length,
        firstErrors: asImportProblems(file, imported.errors.slice(0, PREVIEW_PROBLEMS)),
        firstWarnings: asImportProblems(file, imported.warnings.slice(0, PREVIEW_PROBLEMS)),
      }
      return ok({ preview, fingerprint: prepared.value.fingerprint, end, months: window })
    },

    /**
     * Imports a return: stores every list's rows and every problem, computes the measures for the `months`
     * months ending `end` (default: the latest month with events), and writes the figures of every indicator
     * linked to a measure. Only a return that cannot be read at all is refused; bad cells are reported on the
     * import's data-quality page and leave their rows out only of the measures that need them. With
     * `expectedFingerprint` (an upload's, from its check) the import is refused, changing nothing, if the settings,
     * holidays, links or stored figures it computes with and compares against have changed since.
     */
    async importFile(
      path: string,
      options: AnnexAImportOptions & ChangeContext & { expectedFingerprint?: string },
    ): Promise<Result<AnnexAImportSummary, ImportProblem>> {
      const prepared = await this.readReturn(path, { ...options, keepRows: true })
      if (!prepared.ok) return prepared
      const { file, imported, end, window, linked } = prepared.value
      const progress = options.onProgress ?? (() => undefined)
      const stage = options.onStage ?? (() => undefined)
      const problems: StoredProblem[] = [
        ...imported.errors.map((p) => ({ severity: 'error' as const, ...p })),
        ...imported.warnings.map((p) => ({ severity: 'warning' as const, ...p })),
      ]
      const stale = () => failed([{ file, row: null, column: null, value: null, reason: STALE_PREVIEW }])
      const expected = options.expectedFingerprint ?? prepared.value.fingerprint
      // `readReturn` has just fingerprinted the data: an upload's stale preview is refused before a single row is
      // stored. It is checked again where the figures are written.
      if (prepared.value.fingerprint !== expected) return stale()
      await data.imports.discardAbandoned(ABANDONED_LOAD_MS)
      const importId = await data.imports.start({
        kind: 'annex-a',
        sourceFile: file,
        layout: options.layout ?? layoutOf(path, sourceOf(path, options.source)),
        importedBy: options.actor,
        loading: true,
      })
      try {
        // The measures are computed on this thread while the database stores the rows (on the embedded database, in
        // its worker thread; on PostgreSQL, in the server): the two overlap instead of following each other. The
        // computation is in turns, so each stored block's next insert waits at most one measure's turn.
        let computeFailed = false
        const computing = this.computeFigures(prepared.value, { ...options, keepRows: true }).catch(
          (error: unknown) => {
            computeFailed = true
            throw error
          },
        )
        const storing = storeRows(importId, imported, () => computeFailed, progress, stage)
        const [stored, computed] = await Promise.allSettled([storing, computing])
        if (stored.status === 'rejected') throw stored.reason
        if (computed.status === 'rejected') throw computed.reason
        const { observations, rowMonths } = computed.value
        const storedRowMonths = await storeRowMonths(importId, rowMonths)
        await data.annexA.analyze(
          Object.keys(imported.rows ?? {})
            .map(Number)
            .filter(isAnnexAList),
        )
        await data.annexA.insertProblems(importId, problems)
        progress('Updating the indicators')
        stage({ stage: 'updating' })
        const result = await data.transaction(async (repos) => {
          await repos.imports.lock()
          if (!(await repos.imports.heartbeat(importId))) throw new Error(LOAD_DISCARDED)
          if ((await annexAFingerprint(repos, window)) !== expected) return stale()
          const applied = await repos.observations.apply(observations, importId, file)
          await repos.imports.finish(importId, {
            observations: applied.added + applied.revised,
            revisions: applied.revised,
            indicators: linked.length,
          })
          const summary: AnnexAImportSummary = {
            importId,
            file,
            end,
            months: window,
            lists: imported.lists,
            errors: imported.errors.length,
            warnings: imported.warnings.length,
            figuresAdded: applied.added,
            figuresRevised: applied.revised,
            figuresUnchanged: applied.unchanged,
            indicatorsUpdated: [...new Set(observations.map((o) => o.indicatorId))],
          }
          const headers = Object.fromEntries(
            Object.entries(imported.rows ?? {}).map(([list, rows]) => [list, rows.headers]),
          )
          await repos.imports.setSummary(importId, { ...summary, headers, rowMonths: storedRowMonths })
          await recordChange(repos.audit, options, 'import.annex-a', { type: 'import', id: importId }, { ...summary })
          return ok(summary)
        })
        if (!result.ok) await data.imports.discard(importId)
        return result
      } catch (error) {
        await data.imports.discard(importId)
        throw error
      }
    },

    /**
     * Deletes what imports cut off while storing their rows left behind: those whose last block is older than
     * `staleAfterMs` (0: every one, for the embedded database when its one process starts).
     */
    async discardAbandonedLoads(staleAfterMs: number): Promise<number[]> {
      return data.imports.discardAbandoned(staleAfterMs)
    },

    listImports(): Promise<ImportRecord[]> {
      return data.imports.list({ kind: 'annex-a' })
    },

    /**
     * An Annex A import's data-quality report. It quotes what children's records held (dates of birth among them),
     * so each time it is shown an audit event (`import.view`) records who saw which import's report.
     */
    async dataQuality(importId: number, seenBy: ChangeContext): Promise<DataQualityReport | null> {
      const importRecord = await data.imports.find(importId)
      if (importRecord?.kind !== 'annex-a') return null
      await recordChange(
        data.audit,
        seenBy,
        'import.view',
        { type: 'import', id: importId },
        {
          sourceFile: importRecord.sourceFile,
        },
      )
      const problems = await data.annexA.problems(importId)
      const errors = problems.filter((p) => p.severity === 'error')
      const warnings = problems.filter((p) => p.severity === 'warning')
      const lists = ((importRecord.summary.lists ?? []) as Array<{ list: number; rows: number; source: string }>).map(
        (l) => ({
          ...l,
          errors: errors.filter((p) => p.list === l.list).length,
          warnings: warnings.filter((p) => p.list === l.list).length,
        }),
      )
      return { importRecord, lists, errors, warnings }
    },

    /** Deletes an import's child-level records; its figures and its record in the import list stay, marked removed. */
    async removeImport(importId: number, actor: string): Promise<Result<{ rowsDeleted: number }, string>> {
      const record = await data.imports.find(importId)
      if (record?.kind !== 'annex-a') return failed([`There is no Annex A import ${importId}.`])
      if (record.removedAt !== null)
        return failed([`Import ${importId} was already removed on ${record.removedAt.slice(0, 10)}.`])
      const rowsDeleted = await data.transaction(async (repos) => {
        const deleted = await repos.annexA.deleteRows(importId)
        await repos.imports.markRemoved(importId, actor)
        await recordChange(
          repos.audit,
          { actor },
          'import.annex-a.remove',
          { type: 'import', id: importId },
          { rowsDeleted: deleted, sourceFile: record.sourceFile },
        )
        return deleted
      })
      return ok({ rowsDeleted })
    },
  }
}

export type AnnexAService = ReturnType<typeof annexAService>

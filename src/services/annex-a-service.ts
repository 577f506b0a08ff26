/**
 * Ofsted Annex A: compute the measures from a return (without storing anything, for the CLI's `measures`), check
 * it (what importing it would add and revise, and its data quality, writing nothing: an upload's preview), or
 * import it — store its child-level rows and problems, compute the measures and write the figures of every
 * indicator the catalogue links to a measure, in one transaction with an audit event. Checking and importing
 * share one path (`prepare`): read, compute, compare with the stored figures.
 */
import { readdir } from 'node:fs/promises'
import { basename } from 'node:path'
import type { AnnexA } from '../domain/annex-a/records.ts'
import { isAnnexAList, type AnnexAListNumber, type RowBlock } from '../domain/annex-a/row-blocks.ts'
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
import { asAnnexAImport as ssda903AsAnnexAImport, ssda903Feeds } from '../importers/ssda903/annex-a-rows.ts'
import { readSsda903, tableOfFile } from '../importers/ssda903/read-ssda903.ts'
import { listNumberOf } from '../importers/annex-a/values.ts'
import type { ImportProblem } from '../importers/problem.ts'
import type { StoredProblem } from '../store/annex-a-repository.ts'
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
   * What the file is: an Annex A return (a workbook or CSV folder), a children in need census (XML), whose
   * records are stored as the Annex A lists 3–7 they stand for, or an SSDA903 return (a folder or .zip of its CSV
   * files), stored as lists 8 and 9. Default: a census when the path ends .xml, an SSDA903 return when the folder
   * holds episodes.csv and no list files (sourceFor).
   */
  source?: AnnexASource
  /** Told each step in words (the command line's progress line). */
  onProgress?: (message: string) => void
  /** Told each step as data (an upload job's progress bar). */
  onStage?: (stage: AnnexAStage) => void
}

export type AnnexASource = 'annex-a' | 'cin-census' | 'ssda903'

/** What a path holds when the caller does not say: a census is an .xml file. */
export function sourceOf(path: string, source?: AnnexASource): AnnexASource {
  return source ?? (path.toLowerCase().endsWith('.xml') ? 'cin-census' : 'annex-a')
}

/**
 * What a path holds when the caller does not say, looking into a folder: one holding an SSDA903 episodes file and
 * no Annex A list file is an SSDA903 return (an uploaded .zip of its CSVs arrives unpacked into a folder).
 */
export async function sourceFor(path: string, source?: AnnexASource): Promise<AnnexASource> {
  if (source !== undefined) return source
  const guess = sourceOf(path)
  if (guess !== 'annex-a') return guess
  let names: string[]
  try {
    names = await readdir(path)
  } catch {
    return guess
  }
  const csv = names.filter((name) => name.toLowerCase().endsWith('.csv'))
  const isList = (name: string) => listNumberOf(name.slice(0, -4)) !== null
  return csv.some((name) => tableOfFile(name) === 'episodes') && !csv.some(isList) ? 'ssda903' : guess
}

/** The import list's "layout" of a file: how it arrived. */
function layoutOf(path: string, source: AnnexASource): string {
  if (source !== 'annex-a') return source
  return path.toLowerCase().endsWith('.xlsx') ? 'xlsx workbook' : 'csv folder'
}

/** Whether a source gives a measure's figures: a census or an SSDA903 return gives only some (its `…Feeds`). */
export function sourceFeeds(source: AnnexASource, measureId: string): boolean {
  const lists = measureDefinition(measureId)?.lists ?? []
  if (source === 'cin-census') return censusFeeds(measureId, lists)
  if (source === 'ssda903') return ssda903Feeds(measureId, lists)
  return true
}

/**
 * Reads an Annex A return, or a children in need census or SSDA903 return as the Annex A import it stands for:
 * everything after reading is the same for all three.
 */
async function readSource(
  path: string,
  file: string,
  source: AnnexASource,
  options: {
    keepRows: boolean
    onProgress: (info: { list: number; rows: number }) => void
    onBlock?: ((list: number, block: RowBlock) => void) | undefined
    pace?: (() => Promise<void> | null) | undefined
  },
): Promise<Result<AnnexAImport, ImportProblem>> {
  if (source === 'cin-census') {
    const read = await readCinCensus(path, { file })
    if (!read.ok) return failed(cinImportProblems(file, read.problems))
    const imported = asAnnexAImport(read.value, { keepRows: options.keepRows })
    for (const list of imported.lists) options.onProgress(list)
    return ok(imported)
  }
  if (source === 'ssda903') {
    const read = await readSsda903(path, { file })
    if (!read.ok) return read
    const imported = ssda903AsAnnexAImport(read.value, { keepRows: options.keepRows })
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

/** A return read and computed, not yet stored (see `prepare`). */
export interface PreparedReturn {
  file: string
  imported: AnnexAImport
  end: Period
  /** The months figures are written for. */
  window: Period[]
  /** The indicators the catalogue links to a measure (of a census: to a measure the census feeds). */
  linked: Indicator[]
  observations: Observation[]
  fingerprint: string
  /** Which rows each measure looks at in which month (only when the rows were kept, for storing). */
  rowMonths: RowMonths | null
  source: AnnexASource
}

/**
 * How an import's summary names the rules of its `annex_a_row_month` rows: rule n is `rules[n]`, and each measure
 * looks through the rules `measures[id]` lists. Absent from imports stored before the table existed.
 */
export interface StoredRowMonths {
  rules: string[]
  measures: Record<string, number[]>
}

/**
 * What making a stored import live needs, kept in a staged import's summary (`staged`) between an upload's check
 * and its confirmation: the figures to write and the summary to give it.
 */
interface PendingImport {
  file: string
  end: Period
  window: Period[]
  indicators: number
  lists: AnnexAImport['lists']
  errors: number
  warnings: number
  observations: Observation[]
  headers: Record<string, unknown>
  rowMonths: StoredRowMonths | null
}

/** Inserts an import lets wait while it reads on (see `blockStorer`). */
const QUEUED_INSERTS = 4

/** Blocks of rows (a thousand rows each) stored per insert call, between progress reports. */
const STORE_BLOCKS = 10

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
   * Stores a loading import's blocks of rows as they are handed over, a few dozen an insert, one insert after
   * another in the background: the caller reads on meanwhile. The first failure stops the rest and is thrown by
   * `finish`. Progress is told only once reading is over (`finish`), so a progress bar does not jump back and forth.
   */
  function blockStorer(importId: number, stage: (stage: AnnexAStage) => void) {
    let chain: Promise<void> = Promise.resolve()
    let failure: { error: unknown } | null = null
    let stopped = false
    let telling = false
    let pending: { list: AnnexAListNumber; blocks: RowBlock[] } | null = null
    let queued = 0
    const stored = new Map<number, number>()
    const flush = () => {
      if (pending === null) return
      const { list, blocks } = pending
      pending = null
      queued++
      chain = chain.then(async () => {
        queued--
        if (failure !== null || stopped) return
        try {
          await data.annexA.insertBlocks(importId, list, blocks)
          if (!(await data.imports.heartbeat(importId))) throw new Error(LOAD_DISCARDED)
          const rows = (stored.get(list) ?? 0) + blocks.reduce((sum, b) => sum + b.rows, 0)
          stored.set(list, rows)
          if (telling) stage({ stage: 'storing', list, rows })
        } catch (error) {
          failure = { error }
        }
      })
    }
    return {
      /** While more than a few inserts wait, the reader waits for them: memory stays flat however long the file. */
      pace: (): Promise<void> | null => (queued > QUEUED_INSERTS ? chain : null),
      add: (list: number, block: RowBlock): void => {
        if (!isAnnexAList(list) || stopped) return
        if (pending !== null && pending.list !== list) flush()
        pending ??= { list, blocks: [] }
        pending.blocks.push(block)
        if (pending.blocks.length >= STORE_BLOCKS) flush()
      },
      /** Stores what is left, waits for every insert, and throws the first failure. */
      async finish(): Promise<void> {
        telling = true
        for (const [list, rows] of stored) stage({ stage: 'storing', list, rows })
        flush()
        await chain
        if (failure !== null) throw failure.error
      },
      /** Stores nothing more and waits for the insert under way (its import is about to be discarded). */
      async abandon(): Promise<void> {
        stopped = true
        pending = null
        await chain
      },
    }
  }

  /** What a check found, from a prepared return: the preview an officer confirms and its fingerprint. */
  async function checkOf(prepared: PreparedReturn): Promise<AnnexACheck> {
    const { file, imported, end, window, linked, observations } = prepared
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
    return { preview, fingerprint: prepared.fingerprint, end, months: window }
  }

  /**
   * Reads a return and stores its rows as they are read, then its row months and problems, under an import no
   * reader sees (loading): the first half of importing, and all of an upload's check. A return that cannot be read,
   * or whose fingerprint is not `expectedFingerprint`, is refused and its import deleted.
   */
  async function storeReturn(
    path: string,
    options: AnnexAImportOptions & ChangeContext & { expectedFingerprint?: string },
  ): Promise<Result<{ importId: number; prepared: PreparedReturn; pending: PendingImport }, ImportProblem>> {
    const progress = options.onProgress ?? (() => undefined)
    const stage = options.onStage ?? (() => undefined)
    await data.imports.discardAbandoned(ABANDONED_LOAD_MS)
    const source = await sourceFor(path, options.source)
    // The rows are stored as they are read, under an import that no reader sees until `makeLive`: the database
    // stores one list while the next is read. Each insert is a transaction of its own, so on the embedded database
    // (one connection) the web answers between them.
    const importId = await data.imports.start({
      kind: 'annex-a',
      sourceFile: options.displayName ?? basename(path),
      // A census or SSDA903 return is named by its source however it arrived (an upload says "zip of csv files").
      layout: source === 'annex-a' ? (options.layout ?? layoutOf(path, 'annex-a')) : layoutOf(path, source),
      importedBy: options.actor,
      loading: true,
    })
    const storing = blockStorer(importId, stage)
    try {
      const prepared = await service.prepare(path, {
        ...options,
        source,
        keepRows: true,
        onBlock: storing.add,
        pace: storing.pace,
      })
      if (!prepared.ok) {
        await storing.abandon()
        await data.imports.discard(importId)
        return prepared
      }
      const { file, imported } = prepared.value
      // `prepare` has just fingerprinted the data: an upload's stale preview is refused before anything more is
      // stored. It is checked again where the figures are written.
      if (options.expectedFingerprint !== undefined && prepared.value.fingerprint !== options.expectedFingerprint) {
        await storing.abandon()
        await data.imports.discard(importId)
        return stale(file)
      }
      const problems: StoredProblem[] = [
        ...imported.errors.map((p) => ({ severity: 'error' as const, ...p })),
        ...imported.warnings.map((p) => ({ severity: 'warning' as const, ...p })),
      ]
      progress('Storing the records')
      // A census's or an SSDA903 return's rows are made after reading it, so they are kept rather than stored as read.
      for (const [list, rows] of Object.entries(imported.rows ?? {}))
        for (const block of rows.blocks) storing.add(Number(list), block)
      await storing.finish()
      const rowMonths = await storeRowMonths(importId, prepared.value.rowMonths)
      await data.annexA.analyze()
      await data.annexA.insertProblems(importId, problems)
      const { end, window, linked, observations } = prepared.value
      const pending: PendingImport = {
        file,
        end,
        window,
        indicators: linked.length,
        lists: imported.lists,
        errors: imported.errors.length,
        warnings: imported.warnings.length,
        observations,
        headers: Object.fromEntries(Object.entries(imported.rows ?? {}).map(([list, rows]) => [list, rows.headers])),
        rowMonths,
      }
      return ok({ importId, prepared: prepared.value, pending })
    } catch (error) {
      await storing.abandon()
      await data.imports.discard(importId)
      throw error
    }
  }

  function stale(file: string) {
    return failed([{ file, row: null, column: null, value: null, reason: STALE_PREVIEW }])
  }

  /**
   * Makes a loading import that has stored its rows live: in one transaction under the import lock, refused if the
   * data it was compared against has changed (`expected`), writes its figures, its summary and the audit event.
   * Anything but success deletes the import.
   */
  async function makeLive(
    importId: number,
    pending: PendingImport,
    expected: string,
    context: ChangeContext & Pick<AnnexAImportOptions, 'onProgress' | 'onStage'>,
  ): Promise<Result<AnnexAImportSummary, ImportProblem>> {
    const { file, end, window, observations } = pending
    try {
      context.onProgress?.('Updating the indicators')
      context.onStage?.({ stage: 'updating' })
      const result = await data.transaction(async (repos) => {
        await repos.imports.lock()
        if (!(await repos.imports.heartbeat(importId))) throw new Error(LOAD_DISCARDED)
        if ((await annexAFingerprint(repos, window)) !== expected) return stale(file)
        const applied = await repos.observations.apply(observations, importId, file)
        await repos.imports.finish(importId, {
          observations: applied.added + applied.revised,
          revisions: applied.revised,
          indicators: pending.indicators,
          importedBy: context.actor,
        })
        const summary: AnnexAImportSummary = {
          importId,
          file,
          end,
          months: window,
          lists: pending.lists,
          errors: pending.errors,
          warnings: pending.warnings,
          figuresAdded: applied.added,
          figuresRevised: applied.revised,
          figuresUnchanged: applied.unchanged,
          indicatorsUpdated: [...new Set(observations.map((o) => o.indicatorId))],
        }
        await repos.imports.setSummary(importId, { ...summary, headers: pending.headers, rowMonths: pending.rowMonths })
        await recordChange(repos.audit, context, 'import.annex-a', { type: 'import', id: importId }, { ...summary })
        return ok(summary)
      })
      if (!result.ok) await data.imports.discard(importId)
      return result
    } catch (error) {
      await data.imports.discard(importId)
      throw error
    }
  }

  const service = {
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
      options: AnnexAImportOptions & {
        keepRows: boolean
        /** With `keepRows`: given each list's blocks of rows as they fill, instead of keeping them. */
        onBlock?: (list: number, block: RowBlock) => void
        /** With `onBlock`: a promise to wait for before reading on, when the blocks' taker is behind. */
        pace?: () => Promise<void> | null
      },
    ): Promise<Result<PreparedReturn, ImportProblem>> {
      const file = options.displayName ?? basename(path)
      const progress = options.onProgress ?? (() => undefined)
      const stage = options.onStage ?? (() => undefined)
      progress(`Reading ${file}`)
      const source = await sourceFor(path, options.source)
      const read = await readSource(path, file, source, {
        keepRows: options.keepRows,
        onBlock: options.onBlock,
        pace: options.pace,
        onProgress: ({ list, rows }) => {
          progress(`Reading list ${list}: ${rows.toLocaleString('en-GB')} rows`)
          stage({ stage: 'reading', list, rows })
        },
      })
      if (!read.ok) return read
      const imported: AnnexAImport = read.value
      const end = options.end ?? imported.covers?.last ?? latestMonthOf(imported.records)
      if (end === null || !isPeriod(end)) {
        return failed([
          {
            file,
            row: null,
            column: null,
            value: null,
            reason:
              source === 'ssda903'
                ? 'The return has no episode with a readable start or end date (DECOM, DEC), so there is no month to report. Give the month with --end YYYY-MM.'
                : 'The return has no dated contacts, referrals, assessments or enquiries, so there is no month to report. Give the month with --end YYYY-MM.',
          },
        ])
      }
      const months = options.months ?? 13
      progress('Computing the measures')
      stage({ stage: 'computing' })
      const baseline = await annexABaseline(data)
      const calendar = calendars.calendarFrom(baseline.holidays)
      const computeOptions = { end, months, settings: baseline.settings, calendar }
      // One measure a turn: a server loading a million rows keeps answering pages meanwhile.
      const computed = await inTurns(measureSteps(imported.records, computeOptions))
      const first = imported.covers?.first ?? firstMonthOf(imported.records)
      const window = periodsEnding(end, months).filter((p) => first === null || p >= first)
      const observations: Observation[] = []
      // A census or an SSDA903 return writes only the indicators it holds the records of (the fingerprint still
      // covers every link).
      const linked = baseline.linked.filter((i) => sourceFeeds(source, i.measure?.measureId ?? ''))
      for (const indicator of linked) {
        const id = indicator.measure?.measureId ?? ''
        const series = computed.measures[id] ?? computed.snapshot[id]
        if (!series) continue
        for (const period of window) {
          const source = series[period]
          if (source) observations.push(figureFor(indicator, period, source))
        }
      }
      return ok({
        file,
        imported,
        end,
        window,
        linked,
        observations,
        fingerprint: await annexAFingerprint(data, window, baseline),
        rowMonths: options.keepRows ? await inTurns(rowMonthSteps(imported.records, computeOptions)) : null,
        source,
      })
    },

    /**
     * Checks a return without storing anything: the figures it would add and revise, its lists and data-quality
     * counts, and the fingerprint of what that was compared against.
     */
    async check(path: string, options: AnnexAImportOptions = {}): Promise<Result<AnnexACheck, ImportProblem>> {
      const prepared = await this.prepare(path, { ...options, keepRows: false })
      if (!prepared.ok) return prepared
      return ok(await checkOf(prepared.value))
    },

    /**
     * Checks a return and stores it as it is read, as an import no reader sees (an upload's check): its rows, row
     * months and problems, and what making it live needs. Returns the check with the import's id; the caller marks
     * the import staged for its upload (`imports.stage`) or discards it. `goLive` makes it live once confirmed,
     * without reading the file again. A return that cannot be read is refused and leaves nothing behind.
     */
    async stage(
      path: string,
      options: AnnexAImportOptions & ChangeContext,
    ): Promise<Result<AnnexACheck & { importId: number }, ImportProblem>> {
      const stored = await storeReturn(path, options)
      if (!stored.ok) return stored
      const { importId, prepared, pending } = stored.value
      try {
        const checked = await checkOf(prepared)
        await data.imports.setSummary(importId, { staged: pending })
        return ok({ ...checked, importId })
      } catch (error) {
        await data.imports.discard(importId)
        throw error
      }
    },

    /**
     * Makes the import an upload's check staged live: writes its figures, in one transaction under the import lock,
     * if what the check compared against is unchanged (`expectedFingerprint`); refused as stale, and the staged
     * import deleted, otherwise. Null when the upload has nothing staged (checked before staging existed, or
     * deleted meanwhile): the caller loads the file itself.
     */
    async goLive(
      uploadId: number,
      options: ChangeContext & { expectedFingerprint: string },
    ): Promise<Result<AnnexAImportSummary, ImportProblem> | null> {
      const staged = await data.imports.findStaged(uploadId)
      const pending = staged?.summary.staged as PendingImport | undefined
      if (staged === null || pending === undefined) return null
      return makeLive(staged.id, pending, options.expectedFingerprint, options)
    },

    /**
     * Imports a return: stores every list's rows and every problem, computes the measures for the `months`
     * months ending `end` (default: the latest month with events), and writes the figures of every indicator
     * linked to a measure. Only a return that cannot be read at all is refused; bad cells are reported on the
     * import's data-quality page and leave their rows out only of the measures that need them. With
     * `expectedFingerprint` the import is refused, changing nothing, if the settings, holidays, links or stored
     * figures it computes with and compares against have changed since that fingerprint was taken.
     */
    async importFile(
      path: string,
      options: AnnexAImportOptions & ChangeContext & { expectedFingerprint?: string },
    ): Promise<Result<AnnexAImportSummary, ImportProblem>> {
      const stored = await storeReturn(path, options)
      if (!stored.ok) return stored
      const { importId, prepared, pending } = stored.value
      return makeLive(importId, pending, options.expectedFingerprint ?? prepared.fingerprint, options)
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
  return service
}

export type AnnexAService = ReturnType<typeof annexAService>

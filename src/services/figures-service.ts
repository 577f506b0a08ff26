/**
 * Loading the council's figures: read the file, plan it — check it against the catalogue and work out what it
 * would add and revise, without writing — then apply the plan: write catalogue, dataset and figures in one
 * transaction with an import record and an audit event. Any problem means nothing changes. The command line
 * plans and applies at once; an upload in the browser shows the plan as its preview and applies it once confirmed
 * (services/upload-service.ts), refused if what the plan was compared against has changed meanwhile.
 */
import { basename } from 'node:path'
import type { Dataset, Indicator, Observation } from '../domain/catalogue.ts'
import { compareFigures, compareIndicator } from '../domain/figure-changes.ts'
import { formatPeriodLong, type Period } from '../domain/period.ts'
import { failed, ok, type Result } from '../domain/result.ts'
import { emptyPreview, previewFigure, STALE_PREVIEW, type UploadPreview } from '../domain/upload.ts'
import { readFiguresFile, type FiguresFile } from '../importers/figures.ts'
import type { ImportProblem } from '../importers/problem.ts'
import type { DataAccess, Repositories } from '../store/data-access.ts'
import { recordChange, type ChangeContext } from './change-record.ts'
import { fingerprintOf } from './fingerprint.ts'

export const DEFAULT_DATASET: Omit<Dataset, 'indicatorIds'> = {
  id: 'monthly',
  title: 'Children and Families Monthly Dataset',
}

export interface ImportOptions {
  /** `values`: figures (and, from a wide file, the catalogue too); `catalogue`: indicator definitions only. */
  mode: 'values' | 'catalogue'
  actor: string
  /** The name the officer knows the file by (an upload's original name); defaults to the file's name. */
  displayName?: string
  /** The dataset a wide file defines; default the monthly dataset. */
  dataset?: Omit<Dataset, 'indicatorIds'>
  /** Vintage label for the benchmarks in this file, e.g. "Updated Nov-17, using 2016-17 data". */
  benchmarkVintage?: string
  maxBytes: number
  correlationId?: string
}

/** What a figures file would change, worked out without writing anything. */
export interface FiguresPlan {
  file: string
  mode: 'values' | 'catalogue'
  layout: 'wide' | 'long'
  months: Period[]
  /** The indicators to save, benchmark vintage stamped. */
  catalogue: Indicator[]
  observations: Observation[]
  /** The dataset a wide file defines, or null. */
  dataset: Omit<Dataset, 'indicatorIds'> | null
  /** What the officer is told about how the file was read (a CSV read as Windows-1252), also in the preview. */
  notes: string[]
  /** What the officer is shown before confirming. */
  preview: UploadPreview
  /** What the plan was compared against, and its fingerprint (see services/fingerprint.ts). */
  scope: FiguresScope
  fingerprint: string
}

/** The stored data a plan reads: these indicators, their figures in these months, this dataset. */
export interface FiguresScope {
  indicatorIds: string[]
  from: Period | null
  to: Period | null
  datasetId: string | null
}

export interface ImportSummary {
  importId: number
  file: string
  layout: 'wide' | 'long'
  indicatorsAdded: number
  indicatorsUpdated: number
  figuresAdded: number
  figuresRevised: number
  figuresUnchanged: number
  months: string[]
  datasetId: string | null
  /** How the file was read, when the officer should know (a CSV read as Windows-1252). */
  notes: string[]
}

function withVintage(indicator: Indicator, vintage: string | undefined): Indicator {
  if (vintage === undefined) return indicator
  const stamp = (b: Indicator['benchmarks']['england']) =>
    b === null ? null : { value: b.value, vintage: b.vintage ?? vintage }
  return {
    ...indicator,
    benchmarks: {
      statisticalNeighbours: stamp(indicator.benchmarks.statisticalNeighbours),
      england: stamp(indicator.benchmarks.england),
      region: stamp(indicator.benchmarks.region),
    },
  }
}

/** What a plan compares the file with, read through `repos` (the database, or the applying transaction). */
async function figuresBaseline(repos: Pick<Repositories, 'catalogue' | 'observations'>, scope: FiguresScope) {
  const indicators = await repos.catalogue.findIndicators(scope.indicatorIds)
  const dataset = scope.datasetId === null ? null : await repos.catalogue.findDataset(scope.datasetId)
  const observations =
    scope.from === null || scope.to === null
      ? []
      : await repos.observations.findObservations(scope.indicatorIds, scope.from, scope.to)
  observations.sort((a, b) =>
    a.indicatorId === b.indicatorId ? a.period.localeCompare(b.period) : a.indicatorId.localeCompare(b.indicatorId),
  )
  return { indicators, dataset, observations }
}

/** The fingerprint of what a figures plan was compared against, as the store holds it now. */
export async function figuresFingerprint(
  repos: Pick<Repositories, 'catalogue' | 'observations'>,
  scope: FiguresScope,
): Promise<string> {
  return fingerprintOf(await figuresBaseline(repos, scope))
}

/** A count and its noun: '1 figure', '49 figures'. */
function plural(n: number, noun: string): string {
  return `${n.toLocaleString('en-GB')} ${noun}${n === 1 ? '' : 's'}`
}

/** The months a file covers, in words. */
function monthRange(months: readonly Period[]): string {
  const first = months[0]
  const last = months.at(-1)
  if (first === undefined || last === undefined) return 'no months'
  return first === last ? formatPeriodLong(first) : `${formatPeriodLong(first)} to ${formatPeriodLong(last)}`
}

/** Problems the file cannot show by itself: figures for indicators the catalogue does not have. */
function unknownIndicators(file: string, figures: FiguresFile, known: ReadonlySet<string>): ImportProblem[] {
  const problems: ImportProblem[] = []
  const reported = new Set<string>()
  figures.observations.forEach((o: Observation, i) => {
    if (known.has(o.indicatorId) || reported.has(o.indicatorId)) return
    reported.add(o.indicatorId)
    problems.push({
      file,
      row: figures.rows[i] ?? null,
      column: 'indicator_id',
      value: o.indicatorId,
      reason:
        'There is no indicator with this id in the catalogue. Import the catalogue (the wide file) first, or correct the id.',
    })
  })
  return problems
}

export function figuresService(data: DataAccess) {
  return {
    async importFile(path: string, options: ImportOptions): Promise<Result<ImportSummary, ImportProblem>> {
      const file = options.displayName ?? basename(path)
      const read = await readFiguresFile(path, { displayName: file, maxBytes: options.maxBytes })
      if (!read.ok) return read
      return this.importFigures(read.value, { ...options, displayName: file })
    },

    async importFigures(figures: FiguresFile, options: ImportOptions): Promise<Result<ImportSummary, ImportProblem>> {
      const plan = await this.plan(figures, options)
      if (!plan.ok) return plan
      return this.apply(plan.value, options)
    },

    /** Reads a file and plans it (the upload's check): nothing is written. */
    async planFile(
      path: string,
      options: Omit<ImportOptions, 'actor' | 'correlationId'>,
    ): Promise<Result<FiguresPlan, ImportProblem>> {
      const file = options.displayName ?? basename(path)
      const read = await readFiguresFile(path, { displayName: file, maxBytes: options.maxBytes })
      if (!read.ok) return read
      return this.plan(read.value, { ...options, displayName: file })
    },

    /** Checks figures against the catalogue and works out what loading them would change, writing nothing. */
    async plan(
      figures: FiguresFile,
      options: Omit<ImportOptions, 'actor' | 'correlationId' | 'maxBytes'>,
    ): Promise<Result<FiguresPlan, ImportProblem>> {
      const file = options.displayName ?? 'figures'
      if (options.mode === 'catalogue' && figures.layout === 'long') {
        return failed([
          {
            file,
            row: 1,
            column: null,
            value: null,
            reason:
              'This file has the long layout (indicator, period, value), which holds no indicator definitions. Use "import values" for it, or give the wide dataset file to "import catalogue".',
          },
        ])
      }
      const catalogue = figures.catalogue.map((i) => withVintage(i, options.benchmarkVintage))
      const observations = options.mode === 'values' ? figures.observations : []
      const dataset = figures.layout === 'wide' && catalogue.length > 0 ? (options.dataset ?? DEFAULT_DATASET) : null
      const periods = observations.map((o) => o.period).sort()
      const scope: FiguresScope = {
        indicatorIds: [
          ...new Set([...catalogue.map((i) => i.id), ...figures.observations.map((o) => o.indicatorId)]),
        ].sort(),
        from: periods[0] ?? null,
        to: periods.at(-1) ?? null,
        datasetId: dataset?.id ?? null,
      }
      const baseline = await figuresBaseline(data, scope)
      const known = new Set([...baseline.indicators.map((i) => i.id), ...catalogue.map((i) => i.id)])
      const problems = unknownIndicators(file, figures, known)
      if (problems.length > 0) return failed(problems)

      const stored = new Map(baseline.indicators.map((i) => [i.id, i]))
      const titles = new Map([...baseline.indicators, ...catalogue].map((i) => [i.id, i.title]))
      const changes = compareFigures(baseline.observations, observations)
      const preview = emptyPreview(options.mode === 'values' ? 'figures' : 'catalogue', file)
      preview.facts.push(
        figures.layout === 'wide'
          ? `Wide layout: ${plural(catalogue.length, 'indicator')}, ${monthRange(figures.months)}.`
          : `Long layout: ${plural(figures.observations.length, 'figure')} for ${plural(scope.indicatorIds.length, 'indicator')}, ${monthRange(figures.months)}.`,
      )
      preview.facts.push(...(figures.notes ?? []))
      if (options.mode === 'catalogue' && figures.observations.length > 0)
        preview.facts.push('Only the indicator definitions are loaded; the figures in the file are not.')
      if (options.benchmarkVintage !== undefined)
        preview.facts.push(`Benchmarks without a vintage of their own are labelled "${options.benchmarkVintage}".`)
      if (options.mode === 'values') {
        preview.figures = {
          added: changes.added.map((o) => previewFigure(o, null, titles.get(o.indicatorId) ?? o.indicatorId)),
          revised: changes.revised.map((r) => previewFigure(r.after, r.before, titles.get(r.after.indicatorId) ?? '')),
          unchanged: changes.unchanged,
        }
        preview.lastPeriod = observations
          .filter((o) => o.value !== null)
          .reduce<Period | null>((latest, o) => (latest === null || o.period > latest ? o.period : latest), null)
      }
      if (catalogue.length > 0) {
        const updated = catalogue.flatMap((i) => {
          const before = stored.get(i.id)
          if (before === undefined) return []
          const fields = compareIndicator(before, i)
          return fields.length === 0 ? [] : [{ id: i.id, title: i.title, changes: fields }]
        })
        const added = catalogue.filter((i) => !stored.has(i.id)).map((i) => ({ id: i.id, title: i.title }))
        preview.indicators = { added, updated, unchanged: catalogue.length - added.length - updated.length }
      }
      if (dataset !== null) {
        preview.dataset = {
          id: dataset.id,
          title: dataset.title,
          isNew: baseline.dataset === null,
          indicatorsBefore: baseline.dataset?.indicatorIds.length ?? 0,
          indicatorsAfter: catalogue.length,
        }
      }
      return ok({
        file,
        mode: options.mode,
        layout: figures.layout,
        months: figures.months,
        catalogue,
        observations,
        dataset,
        notes: figures.notes ?? [],
        preview,
        scope,
        fingerprint: fingerprintOf(baseline),
      })
    },

    /**
     * Writes a plan in one transaction, if the data it was compared against is unchanged: `expectedFingerprint`
     * (an upload's, from when its preview was made; default the plan's own) must match the store as it is inside
     * the transaction, under the import lock. Otherwise nothing is written and the reason says why.
     */
    async apply(
      plan: FiguresPlan,
      options: ChangeContext & { expectedFingerprint?: string },
    ): Promise<Result<ImportSummary, ImportProblem>> {
      const file = plan.file
      return data.transaction(async (repos) => {
        await repos.imports.lock()
        const current = await figuresFingerprint(repos, plan.scope)
        if (current !== (options.expectedFingerprint ?? plan.fingerprint)) {
          return failed([{ file, row: null, column: null, value: null, reason: STALE_PREVIEW }])
        }
        const importId = await repos.imports.start({
          kind: plan.mode === 'values' ? 'figures' : 'catalogue',
          sourceFile: file,
          layout: plan.layout,
          importedBy: options.actor,
        })
        const indicators = await repos.catalogue.saveIndicators(plan.catalogue)
        let datasetId: string | null = null
        if (plan.dataset !== null) {
          await repos.catalogue.saveDataset({ ...plan.dataset, indicatorIds: plan.catalogue.map((i) => i.id) })
          datasetId = plan.dataset.id
        }
        const applied = await repos.observations.apply(plan.observations, importId, file)
        await repos.imports.finish(importId, {
          observations: applied.added + applied.revised,
          revisions: applied.revised,
          indicators: plan.catalogue.length,
        })
        const result: ImportSummary = {
          importId,
          file,
          layout: plan.layout,
          indicatorsAdded: indicators.added,
          indicatorsUpdated: indicators.updated,
          figuresAdded: applied.added,
          figuresRevised: applied.revised,
          figuresUnchanged: applied.unchanged,
          months: plan.months,
          datasetId,
          notes: plan.notes,
        }
        await recordChange(
          repos.audit,
          options,
          plan.mode === 'values' ? 'import.figures' : 'import.catalogue',
          { type: 'import', id: importId },
          { ...result },
        )
        return ok(result)
      })
    },

    listImports() {
      return data.imports.list()
    },
  }
}

export type FiguresService = ReturnType<typeof figuresService>

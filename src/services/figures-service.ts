/**
 * Loading the council's figures: read the file, check it against the catalogue, then write catalogue, dataset
 * and figures in one transaction with an import record and an audit event. Any problem means nothing changes.
 */
import { basename } from 'node:path'
import type { Dataset, Indicator, Observation } from '../domain/catalogue.ts'
import { failed, ok, type Result } from '../domain/result.ts'
import { readFiguresFile, type FiguresFile } from '../importers/figures.ts'
import type { ImportProblem } from '../importers/problem.ts'
import type { DataAccess } from '../store/data-access.ts'
import { recordChange } from './change-record.ts'

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
      const knownIds = new Set([...(await data.catalogue.indicatorIds()), ...figures.catalogue.map((i) => i.id)])
      const problems = unknownIndicators(file, figures, knownIds)
      if (problems.length > 0) return failed(problems)

      const catalogue = figures.catalogue.map((i) => withVintage(i, options.benchmarkVintage))
      const observations = options.mode === 'values' ? figures.observations : []
      const datasetHead = options.dataset ?? DEFAULT_DATASET
      const summary = await data.transaction(async (repos) => {
        const importId = await repos.imports.start({
          kind: options.mode === 'values' ? 'figures' : 'catalogue',
          sourceFile: file,
          layout: figures.layout,
          importedBy: options.actor,
        })
        const indicators = await repos.catalogue.saveIndicators(catalogue)
        let datasetId: string | null = null
        if (figures.layout === 'wide' && catalogue.length > 0) {
          await repos.catalogue.saveDataset({ ...datasetHead, indicatorIds: catalogue.map((i) => i.id) })
          datasetId = datasetHead.id
        }
        const applied = await repos.observations.apply(observations, importId, file)
        await repos.imports.finish(importId, {
          observations: applied.added + applied.revised,
          revisions: applied.revised,
          indicators: catalogue.length,
        })
        const result: ImportSummary = {
          importId,
          file,
          layout: figures.layout,
          indicatorsAdded: indicators.added,
          indicatorsUpdated: indicators.updated,
          figuresAdded: applied.added,
          figuresRevised: applied.revised,
          figuresUnchanged: applied.unchanged,
          months: figures.months,
          datasetId,
        }
        await recordChange(
          repos.audit,
          options,
          options.mode === 'values' ? 'import.figures' : 'import.catalogue',
          { type: 'import', id: importId },
          { ...result },
        )
        return result
      })
      return ok(summary)
    },

    listImports() {
      return data.imports.list()
    },
  }
}

export type FiguresService = ReturnType<typeof figuresService>

/**
 * The child population behind rates per 10,000: `scrutineer population import FILE` reads ONS mid-year estimates
 * (src/importers/ons-population.ts) for the council's area and sets the 0–17 population of each financial year in
 * the measure settings, in one transaction with its audit event. A financial year after the last estimate (up to
 * the current one), or between two estimates, takes the latest earlier estimate, and the stored source says so.
 */
import { readFile } from 'node:fs/promises'
import { basename } from 'node:path'
import type { PopulationFallback } from '../domain/catalogue.ts'
import { financialYearOf } from '../domain/period.ts'
import { DEFAULT_MEASURE_SETTINGS, type MeasureSettings } from '../domain/measures/types.ts'
import { failed, ok, type Result } from '../domain/result.ts'
import { financialYearOfEstimate, readOnsPopulation } from '../importers/ons-population.ts'
import type { ImportProblem } from '../importers/problem.ts'
import type { DataAccess } from '../store/data-access.ts'
import { recordChange, type ChangeContext } from './change-record.ts'
import { MEASURE_SETTINGS_KEY } from './annex-a-service.ts'

/** The council's ONS area (GSS) code, such as E06000045 for Southampton. */
export const POPULATION_AREA_SETTING = 'population.area'
/** Where the stored populations came from, and which years fall back to an earlier estimate. */
export const POPULATION_SOURCE_SETTING = 'population.source'

/** What the last import set: each financial year's estimate, or the earlier year it falls back to. */
export interface PopulationSource {
  file: string
  area: string
  areaName: string | null
  /** Financial year → the mid-year estimate (e.g. 2019) it is the 0–17 population of. */
  estimated: Record<string, { midYear: number; children: number }>
  /** Financial year → the financial year whose estimate it uses, as ONS has none for it yet. */
  fallsBackTo: Record<string, string>
  importedAt: string
}

export type PopulationImportSummary = PopulationSource

const AREA_CODE = /^[EWSN]\d{8}$/

/**
 * The financial years whose population still falls back to an earlier year's ONS estimate: only while the
 * population is still the one the import set (a figure typed in since with `settings --population` is the
 * council's own).
 */
export function standingFallbacks(
  source: PopulationSource | null,
  population: Readonly<Record<string, number>>,
): PopulationFallback[] {
  if (source === null) return []
  return Object.entries(source.fallsBackTo).flatMap(([financialYear, from]) => {
    const estimate = source.estimated[from]
    if (estimate === undefined || population[financialYear] !== estimate.children) return []
    return [{ financialYear, from, midYear: estimate.midYear }]
  })
}

/** The years from `first` to `last`, in order. */
function yearsBetween(first: number, last: number): number[] {
  const years: number[] = []
  for (let y = first; y <= last; y++) years.push(y)
  return years
}

export function populationService(data: DataAccess, options: { now: () => Date }) {
  return {
    /** The council's ONS area code, or null when none is set. */
    async area(): Promise<string | null> {
      return (await data.settings.get(POPULATION_AREA_SETTING)) as string | null
    },

    async source(): Promise<PopulationSource | null> {
      return (await data.settings.get(POPULATION_SOURCE_SETTING)) as PopulationSource | null
    },

    /**
     * Reads an ONS mid-year estimates file and sets the 0–17 population of each financial year it covers, and of
     * the years after it up to the current one (falling back to the latest estimate). `area` is remembered as the
     * council's area code; without it the remembered one is used. Nothing changes when the file is refused.
     */
    async importFile(
      path: string,
      context: ChangeContext & { area?: string; displayName?: string },
    ): Promise<Result<PopulationImportSummary, ImportProblem>> {
      const file = context.displayName ?? basename(path)
      let bytes: Uint8Array
      try {
        bytes = await readFile(path)
      } catch (error) {
        const reason =
          (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'There is no such file.' : (error as Error).message
        return failed([{ file, row: null, column: null, value: null, reason }])
      }
      return this.importBytes(bytes, { ...context, displayName: file })
    },

    /**
     * As `importFile`, for a file's bytes (an upload in the browser, already held to the upload limit); the
     * problems name it by `displayName`.
     */
    async importBytes(
      bytes: Uint8Array,
      context: ChangeContext & { area?: string; displayName: string },
    ): Promise<Result<PopulationImportSummary, ImportProblem>> {
      const file = context.displayName
      const area = (context.area ?? (await this.area()) ?? '').trim().toUpperCase()
      if (area === '') {
        return failed([
          {
            file,
            row: null,
            column: null,
            value: null,
            reason:
              'Say which council the estimates are for with its ONS area code, e.g. --area E06000045 (Southampton); it is remembered.',
          },
        ])
      }
      if (!AREA_CODE.test(area)) {
        return failed([
          {
            file,
            row: null,
            column: null,
            value: area,
            reason: 'An ONS area code is a letter and eight digits, e.g. E06000045 for Southampton.',
          },
        ])
      }
      const read = readOnsPopulation(bytes, file, area)
      if (!read.ok) return read

      const now = options.now()
      const byYear = new Map(read.value.years.map((y) => [y.year, y.children]))
      const first = read.value.years[0]?.year ?? 0
      const current = Number(financialYearOf(now.toISOString().slice(0, 7)).slice(0, 4))
      const last = Math.max(read.value.years.at(-1)?.year ?? first, current)
      const estimated: PopulationSource['estimated'] = {}
      const fallsBackTo: PopulationSource['fallsBackTo'] = {}
      const population: Record<string, number> = {}
      let latest = first
      for (const year of yearsBetween(first, last)) {
        const children = byYear.get(year)
        if (children !== undefined) {
          latest = year
          estimated[financialYearOfEstimate(year)] = { midYear: year, children }
        } else {
          fallsBackTo[financialYearOfEstimate(year)] = financialYearOfEstimate(latest)
        }
        population[financialYearOfEstimate(year)] = byYear.get(latest) ?? 0
      }
      const source: PopulationSource = {
        file,
        area,
        areaName: read.value.areaName,
        estimated,
        fallsBackTo,
        importedAt: now.toISOString(),
      }
      await data.transaction(async (repos) => {
        const stored = (await repos.settings.get(MEASURE_SETTINGS_KEY)) as Partial<MeasureSettings> | null
        const before: MeasureSettings = { ...DEFAULT_MEASURE_SETTINGS, ...(stored ?? {}) }
        const after: MeasureSettings = { ...before, population: { ...before.population, ...population } }
        await repos.settings.set(MEASURE_SETTINGS_KEY, after, context.actor)
        await repos.settings.set(POPULATION_AREA_SETTING, area, context.actor)
        await repos.settings.set(POPULATION_SOURCE_SETTING, source, context.actor)
        await recordChange(
          repos.audit,
          context,
          'population.import',
          { type: 'settings', id: MEASURE_SETTINGS_KEY },
          { file, area, rows: read.value.rows, before: before.population, after: after.population, fallsBackTo },
        )
      })
      return ok(source)
    },
  }
}

export type PopulationService = ReturnType<typeof populationService>

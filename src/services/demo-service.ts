/**
 * The demo council: on first start an empty database gets the April 2018 dataset the council published, so a
 * new user sees a real pack at once. It never touches a database that already has a dataset.
 */
import { fileURLToPath } from 'node:url'
import type { DataAccess } from '../store/data-access.ts'
import type { FiguresService, ImportSummary } from './figures-service.ts'

export const DEMO_FIGURES_FILE = fileURLToPath(new URL('../../fixtures/monthly-dataset-2018-04.csv', import.meta.url))

/** The vintage the April 2018 pack quotes for its benchmarks. */
export const DEMO_BENCHMARK_VINTAGE = 'Updated Nov-17, using 2016-17 data'

export function demoService(data: DataAccess, figures: FiguresService, maxBytes: number) {
  return {
    /** Loads the demo figures if the database has no dataset yet; returns what it loaded, or null. */
    async loadIfEmpty(): Promise<ImportSummary | null> {
      if ((await data.catalogue.findDatasets()).length > 0) return null
      const result = await figures.importFile(DEMO_FIGURES_FILE, {
        mode: 'values',
        actor: 'system (demo council)',
        benchmarkVintage: DEMO_BENCHMARK_VINTAGE,
        maxBytes,
      })
      if (!result.ok) {
        throw new Error(`The demo figures did not load: ${result.problems.map((p) => p.reason).join('; ')}`)
      }
      return result.value
    },
  }
}

/**
 * The demo council: on first start an empty database gets the April 2018 dataset the council published, so a
 * new user sees a real pack at once. It never touches a database that already has a dataset.
 */
import { fileURLToPath } from 'node:url'
import { parseMeasureLink, type MeasureLink } from '../domain/catalogue.ts'
import type { MeasureSettings } from '../domain/measures/types.ts'
import type { DataAccess } from '../store/data-access.ts'
import type { AnnexAService } from './annex-a-service.ts'
import type { FiguresService, ImportSummary } from './figures-service.ts'
import type { PublicationService } from './publication-service.ts'

export const DEMO_FIGURES_FILE = fileURLToPath(new URL('../../fixtures/monthly-dataset-2018-04.csv', import.meta.url))

/** The vintage the April 2018 pack quotes for its benchmarks. */
export const DEMO_BENCHMARK_VINTAGE = 'Updated Nov-17, using 2016-17 data'

/**
 * Which Annex A measure computes each of the demo council's indicators (indicator id → measure, or measure:count
 * for an indicator that publishes a percentage's numerator). Indicators the lists cannot compute (MASH, early help,
 * missing children, transfer-ins, plans and pathway plans, foster carers) stay typed by hand.
 */
export const DEMO_MEASURE_LINKS: Record<string, string> = {
  'contacts-cin-referrals': 'referrals',
  'cin-open': 'cin-open',
  'sa-completed': 'assessments-completed',
  'sa-within-10d': 'assessment-duration-0-10',
  'sa-11-25d': 'assessment-duration-11-25',
  'sa-26-35d': 'assessment-duration-26-35',
  'sa-36-45d': 'assessment-duration-36-45',
  'sa-over-45d': 'assessment-duration-over-45',
  'sa-in-45wd-count': 'assessments-in-45wd:count',
  'sa-in-45wd': 'assessments-in-45wd',
  's47-started': 's47-started',
  's47-rate': 's47-rate',
  'cpp-count': 'cpp-open',
  'cpp-rate': 'cpp-rate',
  'icpc-count': 'icpcs',
  'icpc-rate': 'icpc-rate',
  'icpc-to-cpp-count': 'icpcs-to-cpp:count',
  'icpc-to-cpp': 'icpcs-to-cpp',
  'icpc-in-time-count': 'icpcs-in-15wd:count',
  'icpc-in-time': 'icpcs-in-15wd',
  'cp-visits-15wd': 'cp-visits-in-time',
  'cpp-repeat-count': 'cpp-repeat:count',
  'cpp-repeat': 'cpp-repeat',
  'cpp-ceased': 'cpp-ceased',
  'lac-count': 'lac-open',
  'lac-rate': 'lac-rate',
  'lac-started': 'lac-started',
  'lac-ceased': 'lac-ceased',
  adoptions: 'adoptions:count',
  'adoptions-pct': 'adoptions',
  sgos: 'sgos:count',
  'sgos-pct': 'sgos',
  'lac-visits': 'lac-visits-in-time',
  'uasc-count': 'uasc-open',
  'care-leavers-suitable': 'care-leavers-suitable',
  'ifa-count': 'lac-ifa:count',
  'ifa-pct': 'lac-ifa',
}

/** The demo council's child population aged 0–17 (ONS mid-year estimates, as the council quotes them), and the default timescales. */
export const DEMO_MEASURE_SETTINGS: MeasureSettings = {
  population: { '2017-18': 49189, '2018-19': 49920 },
  icpcWorkingDays: 15,
  cpVisitWorkingDays: 15,
  lacVisitDays: 42,
}

/**
 * Each demo rate per 10,000 and the count it is worked out from. Linked as the rate's numerator (a rate is only
 * recomputed when both numerator and denominator are linked, so its value is unchanged), so that disclosure
 * control withholds the rate whenever the count is small: with the population public, the rate would reveal it.
 */
export const DEMO_RATE_COUNTS: Record<string, string> = {
  's47-rate': 's47-started',
  'cpp-rate': 'cpp-count',
  'icpc-rate': 'icpc-count',
  'lac-rate': 'lac-count',
}

/** The demo month published on first load, so the public sees a published pack at once. */
export const DEMO_PUBLISHED = { datasetId: 'monthly', period: '2018-04', actor: 'demo' } as const

export function demoService(
  data: DataAccess,
  figures: FiguresService,
  annexA: AnnexAService,
  maxBytes: number,
  publications?: PublicationService,
) {
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
      const indicators = await data.catalogue.findIndicators(Object.keys(DEMO_MEASURE_LINKS))
      const linked = indicators.map((indicator) => ({
        ...indicator,
        measure: parseMeasureLink(DEMO_MEASURE_LINKS[indicator.id] ?? '') satisfies MeasureLink | null,
        numeratorId: indicator.numeratorId ?? DEMO_RATE_COUNTS[indicator.id] ?? null,
      }))
      await data.catalogue.saveIndicators(linked)
      await annexA.saveSettings(DEMO_MEASURE_SETTINGS, 'system (demo council)')
      if (publications !== undefined) {
        const published = await publications.publish(
          DEMO_PUBLISHED.datasetId,
          DEMO_PUBLISHED.period,
          DEMO_PUBLISHED.actor,
        )
        if (!published.ok) throw new Error(`The demo pack was not published: ${published.problem.message}`)
      }
      return result.value
    },
  }
}

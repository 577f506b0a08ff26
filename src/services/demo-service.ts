/**
 * The demo council: on first start an empty database gets the April 2018 dataset the council published (and the
 * scrutiny panel's glossary), so a new user sees a real pack at once. It never touches a database that already has a dataset.
 */
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { parseMeasureLink, type MeasureLink } from '../domain/catalogue.ts'
import { parseGlossary, withAdditions, type GlossaryAddition, type GlossaryEntry } from '../domain/glossary.ts'
import type { MeasureSettings } from '../domain/measures/types.ts'
import type { DataAccess } from '../store/data-access.ts'
import type { AnnexAService } from './annex-a-service.ts'
import { loadDemoCommentary } from './demo-commentary.ts'
import type { FiguresService, ImportSummary } from './figures-service.ts'
import type { MeetingService } from './meeting-service.ts'
import type { MinutesService } from './minutes-service.ts'
import type { RecommendationService } from './recommendation-service.ts'
import type { GlossaryService } from './glossary-service.ts'
import type { PublicationService } from './publication-service.ts'
import type { ReportService } from './report-service.ts'

export const DEMO_FIGURES_FILE = fileURLToPath(new URL('../../fixtures/monthly-dataset-2018-04.csv', import.meta.url))

export const DEMO_GLOSSARY_FILE = fileURLToPath(
  new URL('../../reference/glossary/scrutiny-panel-glossary-2018-06-07.txt', import.meta.url),
)
export const DEMO_GLOSSARY_ADDITIONS_FILE = fileURLToPath(
  new URL('../../reference/glossary/acronyms-from-papers.json', import.meta.url),
)
/** The source of a demo entry whose own text names none: the glossary's own list of sources. */
export const DEMO_GLOSSARY_SOURCE =
  'Children and Families Scrutiny Panel glossary, 7 June 2018, drawn from the Tri.x online glossary and Southampton Local Safeguarding Children Board'

/** The demo council's glossary: the panel's published glossary, with acronyms its other papers spell out. */
export function demoGlossary(): GlossaryEntry[] {
  const entries = parseGlossary(readFileSync(DEMO_GLOSSARY_FILE, 'utf8'), { defaultSource: DEMO_GLOSSARY_SOURCE })
  const additions = JSON.parse(readFileSync(DEMO_GLOSSARY_ADDITIONS_FILE, 'utf8')) as GlossaryAddition[]
  return withAdditions(entries, additions)
}

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

/** The services the demo loads through, so that demo content passes the same checks and audit as anyone's. */
export interface DemoDependencies {
  figures: FiguresService
  annexA: AnnexAService
  meetings: MeetingService
  recommendations: RecommendationService
  /** Loads the demo minutes once the demo panel's meetings are in. */
  minutes?: MinutesService
  glossary: GlossaryService
  /** Publishes the demo month once its commentary is in; without it the demo stays unpublished. */
  publications?: PublicationService
  /** Loads the demo meeting's report (seed 001, item 9) after the meetings. */
  reports?: ReportService
  maxBytes: number
}

export function demoService(data: DataAccess, dependencies: DemoDependencies) {
  const { figures, annexA, meetings, recommendations, glossary, publications, reports, maxBytes } = dependencies
  return {
    /** Loads the demo figures if the database has no dataset yet; returns what it loaded, or null. */
    async loadIfEmpty(): Promise<ImportSummary | null> {
      // The panel (seeds 001 and 004) loads into a database without committees, whatever figures it already has.
      // The demo minutes (seeds 001 and 003) go only with the demo panel, never into a council's own meetings.
      if (await meetings.loadDemoIfEmpty()) await dependencies.minutes?.loadDemoIfEmpty()
      await reports?.loadDemoIfEmpty()
      await recommendations.loadDemoIfEmpty()
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
      await glossary.loadIfEmpty(demoGlossary(), { actor: 'system (demo council)' })
      await loadDemoCommentary(data)
      // Published last, so the approved overview and commentary are frozen into the snapshot.
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

/**
 * The demo council: on first start an empty database gets the April 2018 dataset the council published, May and
 * June 2018 loaded as a council loads a month (demo-months.ts), an Early Help Dataset, the words of each month,
 * April and May published, the scrutiny panel with its glossary, and the 7 June 2018 meeting's Public Document
 * Pack, so a new user sees a real monthly history at once. It never touches a database that already has a dataset.
 */
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { parseMeasureLink, type MeasureLink } from '../domain/catalogue.ts'
import { parseGlossary, withAdditions, type GlossaryAddition, type GlossaryEntry } from '../domain/glossary.ts'
import type { MeasureSettings } from '../domain/measures/types.ts'
import type { Period } from '../domain/period.ts'
import type { BenchmarkService } from './benchmark-service.ts'
import type { DataAccess } from '../store/data-access.ts'
import type { AnnexAService } from './annex-a-service.ts'
import { loadDemoCommentary } from './demo-commentary.ts'
import { DEMO_EARLY_HELP_DATASET, loadDemoMonths } from './demo-months.ts'
import type { DocumentPackService } from './document-pack-service.ts'
import type { FiguresService, ImportSummary } from './figures-service.ts'
import type { MeetingService } from './meeting-service.ts'
import type { MinutesService } from './minutes-service.ts'
import type { MemberService } from './member-service.ts'
import type { WorkProgrammeService } from './work-programme-service.ts'
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

/**
 * Each demo percentage's denominator, where the catalogue has it as an indicator, so that disclosure control knows
 * what the percentage is of: a percentage of a small count, or one standing for 1 to 5 children of a published
 * count, is withheld (transfer-ins becoming a plan is a percentage of the transfer-ins). Linked as the denominator
 * alone (a percentage is only recomputed when both are linked), so the council's published values are unchanged.
 */
export const DEMO_PERCENTAGE_DENOMINATORS: Record<string, string> = {
  'transfer-ins-to-cpp': 'transfer-ins',
  'sa-within-10d': 'sa-completed',
  'sa-11-25d': 'sa-completed',
  'sa-26-35d': 'sa-completed',
  'sa-36-45d': 'sa-completed',
  'sa-over-45d': 'sa-completed',
  'sa-in-45wd': 'sa-completed',
  'icpc-to-cpp': 'icpc-count',
  'icpc-in-time': 'icpc-count',
  'adoptions-pct': 'lac-ceased',
  'sgos-pct': 'lac-ceased',
  'ifa-pct': 'lac-count',
}

/**
 * The demo months published on first load, so the public sees a published history at once: April and May 2018
 * of both datasets. June 2018 is the month in progress (its words are still being written and signed off).
 */
export const DEMO_PUBLISHED: ReadonlyArray<{ datasetId: string; period: Period }> = [
  { datasetId: 'monthly', period: '2018-04' },
  { datasetId: DEMO_EARLY_HELP_DATASET.id, period: '2018-04' },
  { datasetId: 'monthly', period: '2018-05' },
  { datasetId: DEMO_EARLY_HELP_DATASET.id, period: '2018-05' },
]

/** Who publishes the demo months. */
export const DEMO_PUBLISHER = 'demo'

/**
 * The held meeting whose Public Document Pack the demo publishes, and when: the date its summons is signed
 * (seed 001: "Wednesday, 30 May 2018"), five clear days before the meeting.
 */
export const DEMO_PACK_MEETING = { date: '2018-06-07', publishedAt: '2018-05-30T09:00:00.000Z' } as const

/** What the demo loaded: the April 2018 import, the figures of every demo file, and anything it could not do. */
export interface DemoSummary extends ImportSummary {
  /** Figures added by every demo file (April's import, the Early Help Dataset, May and June). */
  totalFiguresAdded: number
  /** The demo datasets. */
  datasetIds: string[]
  /** What the demo could not do but started without (Chromium missing: no document pack), for the log. */
  warnings: string[]
}

/** The services the demo loads through, so that demo content passes the same checks and audit as anyone's. */
export interface DemoDependencies {
  figures: FiguresService
  annexA: AnnexAService
  meetings: MeetingService
  recommendations: RecommendationService
  /** Loads the demo minutes once the demo panel's meetings are in. */
  minutes?: MinutesService
  /** Loads the demo panel's members (2017/18 to 2019/20) with it. */
  members?: MemberService
  /** Loads the demo panel's 2019/20 work programme with it. */
  workProgramme?: WorkProgrammeService
  glossary: GlossaryService
  /** Publishes the demo month once its commentary is in; without it the demo stays unpublished. */
  publications?: PublicationService
  /** Loads the demo meeting's report (seed 001, item 9) after the meetings. */
  reports?: ReportService
  /** Publishes the 7 June 2018 meeting's Public Document Pack; without it the meeting has none. */
  documentPacks?: DocumentPackService
  /** Loads DfE's benchmarks for Southampton and links the demo indicators to their DfE items. */
  benchmarks?: Pick<BenchmarkService, 'loadDemo'>
  maxBytes: number
}

/**
 * The demo's Public Document Pack could not be built: the warning for the log, with how to publish it later.
 * @example packWarning('Chromium was not found …', 2) // 'The demo meeting of 7 June 2018 has no Public Document Pack: …'
 */
export function packWarning(reason: string, meetingId: number): string {
  return (
    `The demo meeting of 7 June 2018 has no Public Document Pack: ${reason} Once that is done, publish it from ` +
    `/meetings/${meetingId} or with: npx scrutineer document-pack --meeting ${meetingId} --publish --out pack.pdf`
  )
}

export function demoService(data: DataAccess, dependencies: DemoDependencies) {
  const { figures, annexA, meetings, recommendations, glossary, publications, reports, documentPacks, maxBytes } =
    dependencies

  /** Publishes the demo meeting's pack; a reason for the log if it cannot (Chromium missing), else null. */
  async function publishDemoPack(): Promise<string | null> {
    if (documentPacks === undefined) return null
    const [meeting] = await data.meetings.findMeetings({ from: DEMO_PACK_MEETING.date, to: DEMO_PACK_MEETING.date })
    if (meeting === undefined) return null
    try {
      const published = await documentPacks.publish(
        meeting.id,
        {},
        { actor: 'system (demo council)', now: DEMO_PACK_MEETING.publishedAt },
      )
      return published.ok ? null : packWarning(published.problems.map((p) => p.message).join(' '), meeting.id)
    } catch (error) {
      // The demo starts without its pack rather than not at all.
      return packWarning(error instanceof Error ? error.message : String(error), meeting.id)
    }
  }

  return {
    /**
     * Loads the demo council if the database has no dataset yet; returns what it loaded, or null. `documentPack:
     * false` leaves out the 7 June 2018 meeting's Public Document Pack (printing it takes Chromium a second or two;
     * tests that do not need it skip it). `dfeBenchmarks: true` (the server's demo) loads DfE's benchmarks
     * (reference/dfe-lait) so that the pack's benchmark columns come from DfE for Southampton (852) where an
     * indicator has a DfE item; without it the demo keeps the benchmarks typed in its dataset.
     */
    async loadIfEmpty(options: { documentPack?: boolean; dfeBenchmarks?: boolean } = {}): Promise<DemoSummary | null> {
      // The panel (seeds 001 and 004) loads into a database without committees, whatever figures it already has.
      // The demo minutes (seeds 001 and 003) go only with the demo panel, never into a council's own meetings.
      const panelLoaded = await meetings.loadDemoIfEmpty()
      if (panelLoaded) await dependencies.minutes?.loadDemoIfEmpty()
      if (panelLoaded) await dependencies.members?.loadDemoIfEmpty()
      if (panelLoaded) await dependencies.workProgramme?.loadDemoIfEmpty()
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
      const indicators = await data.catalogue.findIndicators([
        ...new Set([...Object.keys(DEMO_MEASURE_LINKS), ...Object.keys(DEMO_PERCENTAGE_DENOMINATORS)]),
      ])
      const linked = indicators.map((indicator) => ({
        ...indicator,
        measure: parseMeasureLink(DEMO_MEASURE_LINKS[indicator.id] ?? '') satisfies MeasureLink | null,
        numeratorId: indicator.numeratorId ?? DEMO_RATE_COUNTS[indicator.id] ?? null,
        denominatorId:
          indicator.denominatorId ??
          (indicator.numeratorId === null ? DEMO_PERCENTAGE_DENOMINATORS[indicator.id] : null) ??
          null,
      }))
      await data.catalogue.saveIndicators(linked)
      if (options.dfeBenchmarks === true) await dependencies.benchmarks?.loadDemo({ actor: 'system (demo council)' })
      await annexA.saveSettings(DEMO_MEASURE_SETTINGS, 'system (demo council)')
      await glossary.loadIfEmpty(demoGlossary(), { actor: 'system (demo council)' })
      const later = await loadDemoMonths({ figures, annexA, maxBytes })
      await loadDemoCommentary(data)
      // Published after the words, so the approved overview and commentary are frozen into the snapshot.
      if (publications !== undefined) {
        for (const { datasetId, period } of DEMO_PUBLISHED) {
          const published = await publications.publish(datasetId, period, DEMO_PUBLISHER)
          if (!published.ok) throw new Error(`The demo pack was not published: ${published.problem.message}`)
        }
      }
      // Last: the pack prints the published April 2018 month as the performance report's appendix.
      const warning = panelLoaded && options.documentPack !== false ? await publishDemoPack() : null
      return {
        ...result.value,
        totalFiguresAdded: result.value.figuresAdded + later.figuresAdded,
        indicatorsAdded: result.value.indicatorsAdded + later.indicatorsAdded,
        datasetIds: ['monthly', DEMO_EARLY_HELP_DATASET.id],
        warnings: warning === null ? [] : [warning],
      }
    },
  }
}

/**
 * The composition of every service over one store. Its return type is the `Services` type that the web app and
 * the CLI are built with; nobody maintains it by hand.
 */
import type { Config } from '../config.ts'
import type { IsoDate } from '../domain/calendar/days.ts'
import { londonDate } from '../domain/calendar/london-time.ts'
import type { Job } from '../domain/jobs.ts'
import { checkStore, type Store } from '../store/connect.ts'
import { dataAccess } from '../store/data-access.ts'
import { accountService } from './account-service.ts'
import { annexAService } from './annex-a-service.ts'
import { auditLogService } from './audit-log-service.ts'
import { benchmarkService } from './benchmark-service.ts'
import { calendarService } from './calendar-service.ts'
import { commentaryService } from './commentary-service.ts'
import { datasetService } from './dataset-service.ts'
import { committeeService } from './committee-service.ts'
import { demoService } from './demo-service.ts'
import { drillDownService } from './drill-down-service.ts'
import {
  documentPackService,
  printerPackBuilder,
  publishDocumentPackJob,
  type PackBuilder,
} from './document-pack-service.ts'
import { chromiumPrinter } from '../exporters/document-pack/chromium-printer.ts'
import { meetingPapers } from './meeting-papers.ts'
import { figuresService } from './figures-service.ts'
import { meetingService } from './meeting-service.ts'
import { minutesService } from './minutes-service.ts'
import { feedService } from './feed-service.ts'
import { memberService } from './member-service.ts'
import { workProgrammeService } from './work-programme-service.ts'
import { monthCycleService } from './month-cycle-service.ts'
import { workService } from './work-service.ts'
import { recommendationService } from './recommendation-service.ts'
import { glossaryService } from './glossary-service.ts'
import { indicatorOwnerService } from './indicator-owner-service.ts'
import { jobService, type JobHandler } from './job-service.ts'
import { packService } from './pack-service.ts'
import { passwordPolicy } from './password-policy.ts'
import { userAdministrationService } from './user-administration-service.ts'
import { populationService } from './population-service.ts'
import { publicationService } from './publication-service.ts'
import { reportService } from './report-service.ts'
import { uploadService } from './upload-service.ts'
import { setUpService } from './set-up-service.ts'
import { spcService } from './spc-service.ts'
import { searchService } from './search-service.ts'
import { removeAbandonedWorkFolders } from '../importers/work-folder.ts'

/**
 * `options.now` is the clock the services read (session timeouts, lockouts, jobs), and the one routes and
 * commands read through `clock`; tests replace it.
 * `options.onJobError` is told about errors a job's handler threw (the server logs them).
 * `options.buildPack` replaces printing with Chromium (tests). Close `printer` when done with the services: it
 * may hold a running Chromium.
 */
export function services(
  store: Store,
  config: Pick<Config, 'maxImportBytes' | 'councilName'> & Partial<Pick<Config, 'maxAnnexABytes'>>,
  options: { now?: () => Date; buildPack?: PackBuilder; onJobError?: (job: Job, error: unknown) => void } = {},
) {
  const data = dataAccess(store)
  const figures = figuresService(data)
  const calendar = calendarService(data)
  const annexA = annexAService(data, calendar)
  const meetings = meetingService(data)
  const reports = reportService(data)
  // A glossary change changes the public pages that link its terms: they are made again at once.
  const glossary = glossaryService(data, { onChange: () => publications.forgetPublicState() })
  const recommendations = recommendationService(data)
  const minutes = minutesService(data, recommendations)
  const packs = packService(data)
  const now = options.now ?? (() => new Date())
  const members = memberService(data, { now })
  const workProgramme = workProgrammeService(data, { now })
  // One password policy wherever a password is set.
  const passwords = passwordPolicy(config.councilName)
  const commentary = commentaryService(data, packs, { now })
  // Publishing freezes the approved commentary and overview with the figures.
  const publications = publicationService(data, commentary, now)
  // One Chromium for the process, kept warm between packs; whoever closes the process closes it (the web app's
  // onClose, the CLI's withServices).
  const printer = chromiumPrinter()
  const documentPacks = documentPackService(data, calendar, {
    buildPack: options.buildPack ?? printerPackBuilder(printer),
    printsWithChromium: options.buildPack === undefined,
    papers: meetingPapers(data, { minutes, reports, publications, glossary, recommendations }),
  })
  // Loading data in the browser: its jobs are queued through the job service built below.
  const uploads = uploadService(data, {
    figures,
    annexA,
    calendar,
    jobs: () => jobs,
    limits: { maxImportBytes: config.maxImportBytes, maxAnnexABytes: config.maxAnnexABytes ?? 200 * 1024 * 1024 },
    now,
  })
  // Every kind of job and the handler that runs it (src/services/job-service.ts).
  const jobHandlers: Record<string, JobHandler> = {
    'document-pack.publish': publishDocumentPackJob(documentPacks, now),
    'upload.check': uploads.checkJob,
    'upload.apply': uploads.applyJob,
  }
  const benchmarks = benchmarkService(data, { now })
  const population = populationService(data, { now })
  const jobs = jobService(data, {
    now,
    handlers: jobHandlers,
    ...(options.onJobError === undefined ? {} : { onUnexpectedError: options.onJobError }),
  })
  return {
    // The one clock: routes and commands ask it what time and which day it is, so a test's `now` reaches them too.
    clock: {
      now,
      /** Today's date in London (the council's day), by the same clock. */
      today: (): IsoDate => londonDate(now().toISOString()),
    },
    printer,
    jobs,
    uploads,
    config,
    figures,
    calendar,
    annexA,
    drillDowns: drillDownService(data, annexA, calendar),
    packs,
    datasets: datasetService(data),
    publications,
    meetings,
    committees: committeeService(data, { now }),
    reports,
    recommendations,
    minutes,
    feeds: feedService(data, meetings, now),
    members,
    workProgramme,
    accounts: accountService(data, { now }, passwords),
    setUp: setUpService(data, { now }, passwords),
    glossary,
    commentary,
    monthCycle: monthCycleService(data, { packs, calendar, now }),
    work: workService(data, { calendar, now }),
    demo: demoService(data, {
      figures,
      annexA,
      meetings,
      recommendations,
      minutes,
      members,
      workProgramme,
      glossary,
      publications,
      reports,
      documentPacks,
      benchmarks,
      maxBytes: config.maxImportBytes,
    }),
    users: userAdministrationService(data, { now }, passwords),
    owners: indicatorOwnerService(data),
    auditLog: auditLogService(data, { kind: store.kind }),
    documentPacks,
    benchmarks,
    population,
    // A process change redraws public indicator pages' charts.
    spc: spcService(data, { now, onChange: () => publications.forgetPublicState() }),
    search: searchService(data),
    /**
     * The temporary folders of imports and uploads cut off by their process stopping (src/importers/work-folder.ts):
     * the server removes them when it looks for jobs a stopped process left running.
     */
    workFolders: { removeAbandoned: () => removeAbandonedWorkFolders() },
    health: {
      async check() {
        const status = await checkStore(store)
        return { database: { kind: store.kind, ...status } }
      },
    },
  }
}

export type Services = ReturnType<typeof services>

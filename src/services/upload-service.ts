/**
 * Loading data in the browser: upload, check, confirm (src/domain/upload.ts). The file arrives as a stream and
 * is stored in parts; its check runs the same plan the command line's import runs, writing nothing live, and is kept
 * as the upload's preview with the fingerprint of what it was compared against. (An Annex A return's check also
 * stores its rows, as an import no reader sees, staged for the upload: a million rows are read once, not again on
 * confirming.) Confirming claims the upload (once only) and queues a job that loads it under the import lock —
 * for an Annex A return, makes its staged import live — refused if that fingerprint has changed. The file's
 * bytes are deleted once the upload is loaded, abandoned, refused or fails: they are the council's data (an Annex A
 * return is children's records) and have no use after that; the upload's record keeps the name, size and SHA-256.
 */
import { createHash } from 'node:crypto'
import { createWriteStream } from 'node:fs'
import { mkdir, rm } from 'node:fs/promises'
import { basename, extname, join } from 'node:path'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { periodOf } from '../domain/calendar/days.ts'
import { londonDate, londonDateTime } from '../domain/calendar/london-time.ts'
import type { Period } from '../domain/period.ts'
import { failed, ok, type Result } from '../domain/result.ts'
import {
  abandonRefusal,
  confirmRefusal,
  emptyPreview,
  endMonthChoices,
  fileSize,
  STALE_PREVIEW,
  type PreviewProblem,
  type Upload,
  type UploadFieldProblem,
  type UploadFormInput,
  type UploadPreview,
  type ValidUploadRequest,
  validateUploadForm,
} from '../domain/upload.ts'
import { inspectZip, unpackCsvZip } from '../importers/annex-a/zip.ts'
import { describeProblem, type ImportProblem } from '../importers/problem.ts'
import type { DataAccess } from '../store/data-access.ts'
import { annexAFingerprint, type AnnexAImportSummary, type AnnexAService, type AnnexAStage } from './annex-a-service.ts'
import { userId } from './audit-log-service.ts'
import { holidaysFingerprint, type CalendarService } from './calendar-service.ts'
import { recordChange, type ChangeContext } from './change-record.ts'
import { figuresFingerprint, type FiguresScope, type FiguresService } from './figures-service.ts'
import type { JobHandler, JobProgress, JobResult, JobService } from './job-service.ts'
import { makeWorkFolder } from '../importers/work-folder.ts'

/** What a job's title calls each kind of file: "Load the monthly figures april.csv". */
const JOB_NOUNS: Readonly<Record<Upload['kind'], string>> = {
  figures: 'the monthly figures',
  catalogue: 'the catalogue',
  'annex-a': 'the Annex A return',
  'bank-holidays': 'the bank holidays',
}

/** How an Annex A upload arrived, by its extension, for the import list. */
const ANNEX_A_LAYOUTS: Readonly<Record<string, string>> = { '.zip': 'zip of csv files', '.xlsx': 'xlsx workbook' }

/** Bytes per stored part: big enough for few rows, small enough never to hold a large return in memory. */
const PART_BYTES = 4 * 1024 * 1024
/** An upload that has not finished arriving in this long was cut off: its parts are deleted. */
const UNFINISHED_AFTER_MS = 60 * 60 * 1000
/** Most problems a refused upload's preview keeps (the readers already stop listing at 1,000). */
const MAX_PREVIEW_PROBLEMS = 1000
/** An Annex A return may unpack to this many times the upload limit. */
const UNPACK_FACTOR = 10

export interface UploadLimits {
  /** Figures, catalogues and bank holidays (SCRUTINEER_MAX_IMPORT_MB). */
  maxImportBytes: number
  /** Annex A returns (SCRUTINEER_MAX_ANNEX_A_MB). */
  maxAnnexABytes: number
}

export interface UploadDependencies {
  figures: FiguresService
  annexA: AnnexAService
  calendar: CalendarService
  /** Built after the upload service (it runs the upload's jobs), so reached through a function. */
  jobs: () => Pick<JobService, 'enqueue' | 'find'>
  limits: UploadLimits
  now: () => Date
}

/** An upload with the names of the people who uploaded and confirmed it, for pages. */
export interface UploadView extends Upload {
  uploadedByName: string
  confirmedByName: string | null
}

/** What happens next after an upload is received: its preview page, or the job checking it. */
export interface Submitted {
  upload: Upload
  /** The job checking a large file (Annex A), or null when it was checked at once. */
  checkJobId: number | null
}

/** A name safe to write in a temporary folder, keeping the officer's name and extension where possible. */
function safeFileName(name: string): string {
  const base = basename(name.replace(/\\/g, '/')).replace(/[^\w .()-]/g, '_')
  return base === '' || base.startsWith('.') ? `upload${extname(base)}` : base.slice(-150)
}

/** What loading an upload did: the import it made (if any) and its summary. */
interface LoadOutcome {
  importId: number | null
  summary: Record<string, unknown>
}

/** What checking an upload found; an Annex A return's check also stored it, as the import `stagedImportId`. */
interface CheckOutcome {
  preview: UploadPreview
  fingerprint: string | null
  stagedImportId?: number
}

function asPreviewProblems(problems: readonly ImportProblem[]): PreviewProblem[] {
  return problems.slice(0, MAX_PREVIEW_PROBLEMS).map((p) => ({ ...p }))
}

/** Runs `work` on a fresh temporary folder, removed afterwards whatever happens. */
async function inTemporaryFolder<T>(work: (folder: string) => Promise<T>): Promise<T> {
  const folder = await makeWorkFolder('upload')
  try {
    return await work(folder)
  } finally {
    await rm(folder, { recursive: true, force: true })
  }
}

/** Turns Annex A import stages into a percentage, from the row counts its check found. */
function annexAProgress(preview: UploadPreview | null, report: (percent: number, step: string) => void) {
  const lists = preview?.dataQuality?.lists ?? []
  const total = Math.max(
    1,
    lists.reduce((sum, l) => sum + l.rows, 0),
  )
  const before = (list: number) => lists.filter((l) => l.list < list).reduce((sum, l) => sum + l.rows, 0)
  const of = (list: number) => lists.find((l) => l.list === list)?.rows ?? 0
  const count = (n: number) => n.toLocaleString('en-GB')
  return (stage: AnnexAStage) => {
    switch (stage.stage) {
      case 'reading':
        report(
          (40 * (before(stage.list) + stage.rows)) / total,
          `Reading list ${stage.list}: ${count(stage.rows)} of ${count(of(stage.list))} rows`,
        )
        break
      case 'computing':
        report(42, 'Computing the measures')
        break
      case 'storing':
        report(
          45 + (45 * (before(stage.list) + stage.rows)) / total,
          `Storing list ${stage.list}: ${count(stage.rows)} of ${count(of(stage.list))} rows`,
        )
        break
      case 'updating':
        report(92, 'Updating the indicators')
        break
    }
  }
}

/**
 * Turns the stages of an Annex A check into a percentage. How many rows each list has is not known until it is
 * read, so the lists (1 to 11, read in order) share the reading evenly. The rows are stored while they are read (not
 * live until confirmed); what the database has still to store once reading is over is told list by list.
 */
function checkProgress(report: (percent: number, step: string) => void) {
  const count = (n: number) => n.toLocaleString('en-GB')
  return (stage: AnnexAStage) => {
    if (stage.stage === 'reading')
      report(2 + (70 * (stage.list - 1)) / 11, `Reading list ${stage.list}: ${count(stage.rows)} rows so far`)
    else if (stage.stage === 'computing') report(75, 'Computing the measures and comparing them with the figures')
    else if (stage.stage === 'storing')
      report(
        78 + (20 * (stage.list - 1)) / 11,
        `Keeping list ${stage.list} until it is confirmed: ${count(stage.rows)} rows stored`,
      )
  }
}

export function uploadService(data: DataAccess, deps: UploadDependencies) {
  const now = () => deps.now().toISOString()

  function limitFor(kind: Upload['kind']): number {
    return kind === 'annex-a' ? deps.limits.maxAnnexABytes : deps.limits.maxImportBytes
  }

  /** Writes the upload's bytes to a file named as the officer named it, in `folder`. */
  async function writeFile(upload: Upload, folder: string): Promise<string> {
    const path = join(folder, safeFileName(upload.fileName))
    await pipeline(Readable.from(data.uploads.parts(upload.id)), createWriteStream(path))
    return path
  }

  /**
   * The path the Annex A reader opens: the workbook, the folder a zip of CSVs unpacks into, or a children in need
   * census (.xml), which the census reader streams and checks itself.
   */
  async function annexASource(path: string, upload: Upload, folder: string): Promise<Result<string, ImportProblem>> {
    if (extname(path).toLowerCase() === '.xml') return ok(path)
    const limits = { maxUnpackedBytes: UNPACK_FACTOR * deps.limits.maxAnnexABytes }
    if (extname(path).toLowerCase() === '.zip') {
      const unpacked = join(folder, basename(path, extname(path)) || 'return')
      await mkdir(unpacked)
      const result = await unpackCsvZip(path, unpacked, upload.fileName, limits)
      return result.ok ? ok(unpacked) : result
    }
    // A workbook is a zip too: its declared size is checked before exceljs unpacks its sheets.
    const inspected = await inspectZip(path, upload.fileName, { ...limits, maxRatio: Infinity }, false)
    // A file that is not a zip at all is left to the reader, which says why in its own words.
    if (!inspected.ok && !/could not be opened as a zip/.test(inspected.problems[0]?.reason ?? '')) return inspected
    return ok(path)
  }

  /** The fingerprint of what this upload's preview compared against, as the store holds it now. */
  async function currentFingerprint(upload: Upload): Promise<string | null> {
    const scope = upload.preview?.scope
    switch (upload.kind) {
      case 'figures':
      case 'catalogue':
        return scope === undefined || scope === null ? null : figuresFingerprint(data, scope as FiguresScope)
      case 'annex-a':
        return annexAFingerprint(data, (scope ?? []) as string[])
      case 'bank-holidays':
        return holidaysFingerprint(data)
    }
  }

  /** Plans a figures or catalogue upload with the options the officer chose: the same plan checks and loads. */
  function planFigures(upload: Upload, path: string) {
    const o = upload.options
    return deps.figures.planFile(path, {
      mode: upload.kind === 'figures' ? 'values' : 'catalogue',
      displayName: upload.fileName,
      maxBytes: deps.limits.maxImportBytes,
      ...(o.datasetId === undefined ? {} : { dataset: { id: o.datasetId, title: o.datasetTitle ?? o.datasetId } }),
      ...(o.benchmarkVintage === undefined ? {} : { benchmarkVintage: o.benchmarkVintage }),
    })
  }

  /**
   * Checks the stored file, writing nothing live but the preview: the shared plan of each kind of import. An Annex A
   * return is stored as it is checked, as an import no reader sees (`stagedImportId`), for `storeCheck` to keep.
   */
  async function checkUpload(
    upload: Upload,
    context: ChangeContext,
    onStage?: (stage: AnnexAStage) => void,
  ): Promise<CheckOutcome> {
    const refused = (problems: readonly ImportProblem[]) => {
      const preview = emptyPreview(upload.kind, upload.fileName)
      preview.problems = asPreviewProblems(problems)
      return { preview, fingerprint: null }
    }
    return inTemporaryFolder(async (folder) => {
      const path = await writeFile(upload, folder)
      const o = upload.options
      switch (upload.kind) {
        case 'figures':
        case 'catalogue': {
          const plan = await planFigures(upload, path)
          if (!plan.ok) return refused(plan.problems)
          return { preview: { ...plan.value.preview, scope: plan.value.scope }, fingerprint: plan.value.fingerprint }
        }
        case 'annex-a': {
          const source = await annexASource(path, upload, folder)
          if (!source.ok) return refused(source.problems)
          const layout = ANNEX_A_LAYOUTS[extname(path).toLowerCase()]
          const check = await deps.annexA.stage(source.value, {
            ...context,
            displayName: upload.fileName,
            // A census (.xml) is named by the Annex A import itself.
            ...(layout === undefined ? {} : { layout }),
            ...(o.end === undefined ? {} : { end: o.end }),
            ...(o.months === undefined ? {} : { months: o.months }),
            ...(onStage === undefined ? {} : { onStage }),
          })
          if (!check.ok) return refused(check.problems)
          return {
            preview: { ...check.value.preview, scope: check.value.months },
            fingerprint: check.value.fingerprint,
            stagedImportId: check.value.importId,
          }
        }
        case 'bank-holidays': {
          const check = await deps.calendar.checkHolidays(path, upload.fileName)
          if (!check.ok) return refused(check.problems)
          return { preview: check.value.preview, fingerprint: check.value.fingerprint }
        }
      }
    })
  }

  /** Ends an upload that will not be loaded (or was), deleting its bytes, with its audit event. */
  async function finish(
    upload: Upload,
    outcome: { status: 'applied' | 'failed'; failure?: string; resultUrl?: string | null },
    context: ChangeContext,
    details: Record<string, unknown>,
  ): Promise<void> {
    await data.transaction(async (repos) => {
      const at = now()
      if (!(await repos.uploads.finish(upload.id, { ...outcome, at }))) return
      await repos.uploads.removeBytes(upload.id, at)
      // What its check stored and was not made live goes with it (a loaded one is live, so it stays).
      await repos.imports.discardStaged(upload.id)
      await recordChange(
        repos.audit,
        context,
        outcome.status === 'applied' ? 'upload.apply' : 'upload.fail',
        { type: 'upload', id: upload.id },
        {
          file: upload.fileName,
          kind: upload.kind,
          ...details,
          ...(outcome.failure ? { reason: outcome.failure } : {}),
        },
      )
    })
  }

  /** Stores a check's outcome and its audit event; a refused file's bytes are deleted at once. */
  async function storeCheck(upload: Upload, checked: CheckOutcome, context: ChangeContext): Promise<Upload> {
    const status = checked.preview.problems.length > 0 ? 'refused' : 'previewed'
    const kept = await data.transaction(async (repos) => {
      const at = now()
      if (
        !(await repos.uploads.checked(upload.id, {
          status,
          preview: checked.preview,
          fingerprint: checked.fingerprint,
          at,
        }))
      )
        return false
      // An earlier check's import is replaced by this one's.
      await repos.imports.discardStaged(upload.id)
      if (checked.stagedImportId !== undefined && status === 'previewed')
        await repos.imports.stage(checked.stagedImportId, upload.id)
      // Refused: nothing more will happen to it, so its bytes go now.
      if (status === 'refused') await repos.uploads.removeBytes(upload.id, at)
      const figures = checked.preview.figures
      await recordChange(
        repos.audit,
        context,
        'upload.preview',
        { type: 'upload', id: upload.id },
        {
          file: upload.fileName,
          kind: upload.kind,
          status,
          problems: checked.preview.problems.length,
          ...(figures === null
            ? {}
            : {
                figuresAdded: figures.added.length,
                figuresRevised: figures.revised.length,
                unchanged: figures.unchanged,
              }),
          ...(checked.stagedImportId === undefined ? {} : { stagedImportId: checked.stagedImportId }),
        },
      )
      return true
    })
    // The upload had moved on (abandoned meanwhile): what this check stored is not wanted.
    if (!kept && checked.stagedImportId !== undefined) await data.imports.discard(checked.stagedImportId)
    const stored = await data.uploads.find(upload.id)
    if (stored === null) throw new Error(`Upload ${upload.id} vanished while it was checked.`)
    return stored
  }

  /** Loads a confirmed upload by reading its file: every kind but an Annex A return its check staged. */
  async function loadFile(
    upload: Upload,
    context: ChangeContext,
    expectedFingerprint: string,
    progress: JobProgress,
  ): Promise<Result<LoadOutcome, ImportProblem>> {
    const o = upload.options
    progress.report(1, `Reading ${upload.fileName}`)
    return inTemporaryFolder(async (folder) => {
      const path = await writeFile(upload, folder)
      switch (upload.kind) {
        case 'figures':
        case 'catalogue': {
          const plan = await planFigures(upload, path)
          if (!plan.ok) return plan
          progress.report(50, 'Storing the figures')
          const applied = await deps.figures.apply(plan.value, { ...context, expectedFingerprint })
          return applied.ok ? ok({ importId: applied.value.importId, summary: { ...applied.value } }) : applied
        }
        case 'annex-a': {
          const source = await annexASource(path, upload, folder)
          if (!source.ok) return source
          const imported = await deps.annexA.importFile(source.value, {
            ...context,
            displayName: upload.fileName,
            // A census (.xml) is named by the Annex A import itself.
            ...(ANNEX_A_LAYOUTS[extname(path).toLowerCase()] === undefined
              ? {}
              : { layout: ANNEX_A_LAYOUTS[extname(path).toLowerCase()] }),
            expectedFingerprint,
            onStage: annexAProgress(upload.preview, (percent, step) => progress.report(percent, step)),
            ...(o.end === undefined ? {} : { end: o.end }),
            ...(o.months === undefined ? {} : { months: o.months }),
          })
          return imported.ok ? ok({ importId: imported.value.importId, summary: { ...imported.value } }) : imported
        }
        case 'bank-holidays': {
          const imported = await deps.calendar.importHolidays(path, context.actor, {
            displayName: upload.fileName,
            correlationId: context.correlationId ?? null,
            expectedFingerprint,
          })
          return imported.ok ? ok({ importId: null, summary: { ...imported.value } }) : imported
        }
      }
    })
  }

  /** Where a loaded upload's result is shown, and the link's words. */
  function resultOf(upload: Upload, importId: number | null): { resultUrl: string; resultLabel: string } {
    const dataset = upload.datasetId ?? 'monthly'
    switch (upload.kind) {
      case 'figures': {
        const month = upload.preview?.lastPeriod ?? null
        return month === null
          ? { resultUrl: `/datasets/${dataset}`, resultLabel: 'Open the dataset' }
          : { resultUrl: `/datasets/${dataset}/${month}`, resultLabel: 'Open the pack' }
      }
      case 'catalogue':
        return { resultUrl: `/datasets/${dataset}`, resultLabel: 'Open the dataset' }
      case 'annex-a':
        return { resultUrl: `/imports/${importId ?? ''}`, resultLabel: 'Open the data-quality report' }
      case 'bank-holidays':
        return { resultUrl: `/load-data/${upload.id}`, resultLabel: 'See what was loaded' }
    }
  }

  /** The job queue an upload's loading runs in: one import at a time per dataset. */
  async function queueFor(upload: Upload): Promise<string> {
    if (upload.kind === 'bank-holidays') return 'calendar'
    if (upload.kind !== 'annex-a') return `dataset:${upload.datasetId ?? 'monthly'}`
    // Annex A writes the indicators linked to a measure: the queue of the dataset that holds most of them.
    const linked = new Set((await data.catalogue.findIndicators()).filter((i) => i.measure !== null).map((i) => i.id))
    const datasets = await data.catalogue.findDatasets()
    const best = datasets
      .map((d) => ({ id: d.id, n: d.indicatorIds.filter((id) => linked.has(id)).length }))
      .sort((a, b) => b.n - a.n)[0]
    return `dataset:${best?.id ?? 'monthly'}`
  }

  async function withNames(upload: Upload): Promise<UploadView> {
    const ids = [upload.uploadedBy, upload.confirmedBy ?? '']
      .map((actor) => userId(actor, 'user:'))
      .filter((id): id is number => id !== null)
    const names = await data.audit.userNames(ids)
    const nameOf = (actor: string) => names.get(userId(actor, 'user:') ?? 0)?.name ?? actor
    return {
      ...upload,
      uploadedByName: nameOf(upload.uploadedBy),
      confirmedByName: upload.confirmedBy === null ? null : nameOf(upload.confirmedBy),
    }
  }

  /** Why this upload cannot be confirmed now, naming who confirmed it and when, in London time. */
  async function refusalOf(upload: Upload): Promise<string | null> {
    const named = await withNames(upload)
    return confirmRefusal({
      status: upload.status,
      confirmedBy: named.confirmedByName,
      confirmedAt: upload.confirmedAt === null ? null : londonDateTime(upload.confirmedAt),
    })
  }

  const service = {
    limitFor,
    limits: deps.limits,

    /** The datasets an upload may load into, for the form. */
    async datasets(): Promise<Array<{ id: string; title: string }>> {
      return (await data.catalogue.findDatasets()).map((d) => ({ id: d.id, title: d.title }))
    },

    /** The months to offer as an Annex A upload's end month (src/domain/upload.ts, `endMonthChoices`). */
    async endMonths(): Promise<Period[]> {
      const datasets = await data.catalogue.findDatasets()
      const withFigures = await data.observations.periodsWithData(datasets.flatMap((d) => d.indicatorIds))
      return endMonthChoices(withFigures, periodOf(londonDate(deps.now().toISOString())))
    },

    /** Checks the upload form (before its file is stored) against the datasets there are. */
    async validate(input: UploadFormInput): Promise<Result<ValidUploadRequest, UploadFieldProblem>> {
      return validateUploadForm(input, await service.datasets())
    },

    /**
     * Stores an uploaded file as it streams in (never more than one part in memory), refusing it — and keeping
     * nothing — when it is empty or larger than its kind's limit. The upload is then `checking`.
     */
    async receive(
      request: ValidUploadRequest,
      content: AsyncIterable<Uint8Array>,
      context: ChangeContext,
    ): Promise<Result<Upload, UploadFieldProblem>> {
      await data.uploads.discardUnfinished(new Date(deps.now().getTime() - UNFINISHED_AFTER_MS).toISOString())
      const limit = limitFor(request.kind)
      const id = await data.uploads.create({
        kind: request.kind,
        datasetId: request.datasetId,
        fileName: request.fileName,
        options: request.options,
        uploadedBy: context.actor,
      })
      const hash = createHash('sha256')
      let size = 0
      let position = 0
      let pending: Uint8Array[] = []
      let pendingBytes = 0
      const flush = async () => {
        if (pendingBytes === 0) return
        await data.uploads.appendPart(id, position++, Buffer.concat(pending))
        pending = []
        pendingBytes = 0
      }
      try {
        for await (const chunk of content) {
          size += chunk.byteLength
          if (size > limit) {
            await data.uploads.discard(id)
            return failed([{ field: 'file', message: `The selected file must be smaller than ${fileSize(limit)}` }])
          }
          hash.update(chunk)
          pending.push(chunk)
          pendingBytes += chunk.byteLength
          if (pendingBytes >= PART_BYTES) await flush()
        }
        await flush()
      } catch (error) {
        await data.uploads.discard(id)
        throw error
      }
      if (size === 0) {
        await data.uploads.discard(id)
        return failed([{ field: 'file', message: 'The selected file is empty' }])
      }
      const sha256 = hash.digest('hex')
      await data.transaction(async (repos) => {
        await repos.uploads.received(id, { byteSize: size, sha256, status: 'checking' })
        await recordChange(
          repos.audit,
          context,
          'upload.receive',
          { type: 'upload', id },
          { kind: request.kind, file: request.fileName, bytes: size, sha256, options: request.options },
        )
      })
      const upload = await data.uploads.find(id)
      if (upload === null) throw new Error(`Upload ${id} vanished as it arrived.`)
      return ok(upload)
    },

    /**
     * Receives a file and starts its check: at once for figures, catalogues and bank holidays (small files), or as
     * a job for an Annex A return (a million rows take a while).
     */
    async submit(
      request: ValidUploadRequest,
      content: AsyncIterable<Uint8Array>,
      context: ChangeContext,
    ): Promise<Result<Submitted, UploadFieldProblem>> {
      const received = await service.receive(request, content, context)
      if (!received.ok) return received
      const upload = received.value
      if (upload.kind !== 'annex-a') return ok({ upload: await service.check(upload.id, context), checkJobId: null })
      const job = await deps.jobs().enqueue(
        {
          kind: 'upload.check',
          title: `Check ${JOB_NOUNS[upload.kind]} ${upload.fileName}`,
          queue: null,
          payload: { uploadId: upload.id },
        },
        context,
      )
      await data.uploads.setJob(upload.id, job.id)
      return ok({ upload: { ...upload, jobId: job.id }, checkJobId: job.id })
    },

    /** Checks an upload that is waiting to be checked (or checks a previewed one again), storing its preview. */
    async check(uploadId: number, context: ChangeContext, onStage?: (stage: AnnexAStage) => void): Promise<Upload> {
      const upload = await data.uploads.find(uploadId)
      if (upload === null) throw new Error(`There is no upload ${uploadId}.`)
      if (upload.status !== 'checking') return upload
      return storeCheck(upload, await checkUpload(upload, context, onStage), context)
    },

    /**
     * Checks a previewed upload again against the data as it is now (after its preview went stale). Refused once
     * it has moved on.
     */
    async recheck(uploadId: number, context: ChangeContext): Promise<Result<Submitted, string>> {
      const upload: Upload | null = await data.uploads.find(uploadId)
      if (upload === null) return failed([`There is no upload ${uploadId}.`])
      if (upload.status !== 'previewed' || !(await data.uploads.recheck(uploadId))) {
        return failed([(await refusalOf(upload)) ?? 'This upload cannot be checked again.'])
      }
      // What the last check stored is out of date: the new check stores the file again.
      await data.imports.discardStaged(uploadId)
      if (upload.kind !== 'annex-a') return ok({ upload: await service.check(uploadId, context), checkJobId: null })
      const job = await deps.jobs().enqueue(
        {
          kind: 'upload.check',
          title: `Check ${JOB_NOUNS[upload.kind]} ${upload.fileName} again`,
          queue: null,
          payload: { uploadId },
        },
        context,
      )
      await data.uploads.setJob(uploadId, job.id)
      return ok({ upload: { ...upload, status: 'checking', jobId: job.id }, checkJobId: job.id })
    },

    /**
     * Confirms a previewed upload and queues its loading. Refused, changing nothing, when someone has already
     * confirmed or abandoned it, when it is not checked yet, or when the data it was compared against has changed
     * (the loading job checks that again, inside its transaction).
     */
    async confirm(uploadId: number, context: ChangeContext): Promise<Result<{ jobId: number }, string>> {
      const upload = await data.uploads.find(uploadId)
      if (upload === null) return failed([`There is no upload ${uploadId}.`])
      const refusal = await refusalOf(upload)
      if (refusal !== null) return failed([refusal])
      if ((await currentFingerprint(upload)) !== upload.fingerprint) return failed([STALE_PREVIEW])
      if (!(await data.uploads.claimConfirmation(uploadId, context.actor, now()))) {
        const latest = await data.uploads.find(uploadId)
        return failed([(latest === null ? null : await refusalOf(latest)) ?? 'This upload cannot be confirmed now.'])
      }
      let jobId: number
      try {
        const job = await deps.jobs().enqueue(
          {
            kind: 'upload.apply',
            title: `Load ${JOB_NOUNS[upload.kind]} ${upload.fileName}`,
            queue: await queueFor(upload),
            payload: { uploadId },
          },
          context,
        )
        jobId = job.id
      } catch (error) {
        await data.uploads.releaseConfirmation(uploadId)
        throw error
      }
      await data.transaction(async (repos) => {
        await repos.uploads.setJob(uploadId, jobId)
        await recordChange(
          repos.audit,
          context,
          'upload.confirm',
          { type: 'upload', id: uploadId },
          { file: upload.fileName, kind: upload.kind, jobId, fingerprint: upload.fingerprint },
        )
      })
      return ok({ jobId })
    },

    /** Abandons a previewed upload: nothing is loaded and its bytes are deleted. */
    async abandon(uploadId: number, context: ChangeContext): Promise<Result<Upload, string>> {
      const upload = await data.uploads.find(uploadId)
      if (upload === null) return failed([`There is no upload ${uploadId}.`])
      const refusal = abandonRefusal(upload)
      if (refusal !== null) return failed([refusal])
      const done = await data.transaction(async (repos) => {
        const at = now()
        if (!(await repos.uploads.finish(uploadId, { status: 'abandoned', at }))) return false
        await repos.uploads.removeBytes(uploadId, at)
        await repos.imports.discardStaged(uploadId)
        await recordChange(
          repos.audit,
          context,
          'upload.abandon',
          { type: 'upload', id: uploadId },
          { file: upload.fileName, kind: upload.kind },
        )
        return true
      })
      const after = await data.uploads.find(uploadId)
      if (!done || after === null)
        return failed([abandonRefusal(after ?? upload) ?? 'This upload cannot be abandoned now.'])
      return ok(after)
    },

    /**
     * One upload with the names of who uploaded and confirmed it. An upload whose job failed without saying so
     * (the server stopped mid-way) is marked failed here, so it never shows as loading for ever.
     */
    async find(uploadId: number): Promise<UploadView | null> {
      let upload = await data.uploads.find(uploadId)
      if (upload === null) return null
      if ((upload.status === 'confirmed' || upload.status === 'checking') && upload.jobId !== null) {
        const job = await deps.jobs().find(upload.jobId)
        if (job?.status === 'failed') {
          await finish(
            upload,
            { status: 'failed', failure: job.error ?? 'The job stopped before it finished.' },
            { actor: 'system' },
            { jobId: upload.jobId },
          )
          upload = (await data.uploads.find(uploadId)) ?? upload
        }
      }
      return withNames(upload)
    },

    /** The newest uploads, with names, for the Load data page. */
    async list(limit = 20): Promise<UploadView[]> {
      const uploads = await data.uploads.list({ limit })
      return Promise.all(uploads.map(withNames))
    },

    /** The job that checks an Annex A return (kind `upload.check`); its result is the preview page. */
    checkJob: (async (payload, progress): Promise<Result<JobResult, string>> => {
      const uploadId = Number(payload.uploadId)
      const upload = await data.uploads.find(uploadId)
      if (upload === null) return failed([`There is no upload ${uploadId}.`])
      progress.report(1, `Reading ${upload.fileName}`)
      const checked: Upload = await service.check(
        uploadId,
        { actor: progress.actor, correlationId: `job:${progress.jobId}` },
        checkProgress((percent, step) => progress.report(percent, step)),
      )
      const problems = checked.preview?.problems.length ?? 0
      return ok({
        outcome: { uploadId, status: checked.status, problems },
        resultUrl: `/load-data/${uploadId}`,
        resultLabel: checked.status === 'previewed' ? 'See what it would change' : 'See the problems found',
      })
    }) satisfies JobHandler,

    /** The job that loads a confirmed upload (kind `upload.apply`), under the confirming officer's name. */
    applyJob: (async (payload, progress): Promise<Result<JobResult, string>> => {
      const uploadId = Number(payload.uploadId)
      const upload = await data.uploads.find(uploadId)
      if (upload === null) return failed([`There is no upload ${uploadId}.`])
      if (upload.status !== 'confirmed')
        return failed([`Upload ${uploadId} is not waiting to be loaded (it is ${upload.status}).`])
      const context: ChangeContext = { actor: progress.actor, correlationId: `job:${progress.jobId}` }
      const expectedFingerprint = upload.fingerprint ?? ''
      let outcome: Result<LoadOutcome, ImportProblem>
      try {
        // An Annex A return's check stored it: confirming makes that import live, without reading the file again.
        // One checked before staging existed, or whose staged import is gone, is read again.
        let live: Result<AnnexAImportSummary, ImportProblem> | null = null
        if (upload.kind === 'annex-a') {
          progress.report(50, 'Writing the figures and making the import live')
          live = await deps.annexA.goLive(uploadId, { ...context, expectedFingerprint })
        }
        if (live === null) outcome = await loadFile(upload, context, expectedFingerprint, progress)
        else outcome = live.ok ? ok({ importId: live.value.importId, summary: { ...live.value } }) : live
      } catch (error) {
        await finish(
          upload,
          { status: 'failed', failure: 'Loading stopped because of an unexpected error.' },
          context,
          {},
        )
        throw error
      }
      if (!outcome.ok) {
        const reasons = outcome.problems.map(describeProblem)
        await finish(upload, { status: 'failed', failure: reasons.join('\n') }, context, {})
        return failed(reasons)
      }
      const result = resultOf(upload, outcome.value.importId)
      await finish(upload, { status: 'applied', resultUrl: result.resultUrl }, context, {
        importId: outcome.value.importId,
        jobId: progress.jobId,
      })
      return ok({ outcome: { uploadId, ...outcome.value }, ...result })
    }) satisfies JobHandler,
  }
  return service
}

export type UploadService = ReturnType<typeof uploadService>

/**
 * Loading data in the browser: an officer uploads a file, Scrutineer checks it and shows what it would change
 * (the preview), and nothing changes until someone confirms. The kinds of file, the states an upload passes
 * through, what a preview holds, and when an upload may be confirmed or abandoned.
 *
 *   receiving → checking → previewed → confirmed → applied
 *                    ↘ refused     ↘ abandoned       ↘ failed
 */
import type { Observation } from './catalogue.ts'
import { sameNumber } from './figure-changes.ts'
import { addMonths, type Period } from './period.ts'
import { controlCharacterIndex } from './control-characters.ts'

export const UPLOAD_KINDS = ['figures', 'catalogue', 'annex-a', 'bank-holidays'] as const
/** What an uploaded file holds. */
export type UploadKind = (typeof UPLOAD_KINDS)[number]

export const UPLOAD_STATUSES = [
  'receiving',
  'checking',
  'previewed',
  'refused',
  'confirmed',
  'applied',
  'abandoned',
  'failed',
] as const
export type UploadStatus = (typeof UPLOAD_STATUSES)[number]

/** @example isUploadKind('annex-a') // true */
export function isUploadKind(text: string): text is UploadKind {
  return (UPLOAD_KINDS as readonly string[]).includes(text)
}

/** @example isUploadStatus('previewed') // true */
export function isUploadStatus(text: string): text is UploadStatus {
  return (UPLOAD_STATUSES as readonly string[]).includes(text)
}

/** The kinds as officers read them. */
export const UPLOAD_KIND_NAMES: Readonly<Record<UploadKind, string>> = {
  figures: 'Monthly figures',
  catalogue: 'Catalogue',
  'annex-a': 'Annex A return',
  'bank-holidays': 'Bank holidays',
}

/**
 * The form's choice of a children in need census: an Annex A upload of an .xml file (the import stores a census as
 * the lists 3–7 it holds), with wording of its own on the form and in the preview.
 */
export const CIN_CENSUS_CHOICE = 'cin-census'

/** Whether an upload is a children in need census: an Annex A upload of an .xml file (as the import decides). */
export function isCinCensusUpload(upload: { kind: UploadKind; fileName: string }): boolean {
  return upload.kind === 'annex-a' && extensionOf(upload.fileName) === '.xml'
}

/**
 * What an upload holds, as officers read it: its kind's name, or "CIN census" for a census.
 * @example uploadKindName({ kind: 'annex-a', fileName: 'cin_2018.xml' }) // 'Children in need (CIN) census'
 */
export function uploadKindName(upload: { kind: UploadKind; fileName: string }): string {
  return isCinCensusUpload(upload) ? 'Children in need (CIN) census' : UPLOAD_KIND_NAMES[upload.kind]
}

/** The states as officers read them. */
export const UPLOAD_STATUS_NAMES: Readonly<Record<UploadStatus, string>> = {
  receiving: 'Uploading',
  checking: 'Being checked',
  previewed: 'Checked: waiting for confirmation',
  refused: 'Refused: has problems',
  confirmed: 'Confirmed: loading',
  applied: 'Loaded',
  abandoned: 'Abandoned',
  failed: 'Not loaded',
}

/** The choices made with the file, as the command line's options are. */
export interface UploadOptions {
  /** Figures and catalogue: the dataset a wide file defines (`--dataset`). */
  datasetId?: string
  /** Figures and catalogue: the title of a new dataset (`--dataset-title`). */
  datasetTitle?: string
  /** Figures and catalogue: the benchmarks' vintage (`--benchmark-vintage`). */
  benchmarkVintage?: string
  /** Annex A: the last month to report (default: the latest month with events in the return). */
  end?: Period
  /** Annex A: how many months to report, ending `end` (default 13). */
  months?: number
}

/** A refused cell or file, as the command line reports it (file, row, column, value, why). */
export interface PreviewProblem {
  file: string
  row: number | null
  column: string | null
  value: string | null
  reason: string
}

/** One figure in a preview: an indicator's month, before (null when new) and after. */
export interface PreviewFigure {
  indicatorId: string
  title: string
  period: Period
  before: number | null
  after: number | null
  /** True when the value is the same and only the numerator or denominator change. */
  partsOnly: boolean
}

/** What a checked upload would do, stored with the upload and shown before anyone confirms. */
export interface UploadPreview {
  kind: UploadKind
  file: string
  /** Plain sentences describing the file, e.g. "Wide layout: 49 indicators, April 2017 to April 2018." */
  facts: string[]
  figures: { added: PreviewFigure[]; revised: PreviewFigure[]; unchanged: number } | null
  indicators: {
    added: Array<{ id: string; title: string }>
    updated: Array<{ id: string; title: string; changes: Array<{ field: string; before: string; after: string }> }>
    unchanged: number
  } | null
  dataset: { id: string; title: string; isNew: boolean; indicatorsBefore: number; indicatorsAfter: number } | null
  holidays: { added: Array<{ date: string; title: string }>; known: number } | null
  /** Annex A: the return's lists and its data-quality counts, with the first problems of each kind. */
  dataQuality: {
    lists: Array<{ list: number; rows: number; source: string }>
    errors: number
    warnings: number
    firstErrors: PreviewProblem[]
    firstWarnings: PreviewProblem[]
  } | null
  /** Why the file cannot be loaded; when any, nothing may be confirmed. */
  problems: PreviewProblem[]
  /** The latest month the upload writes figures for (for the pack link), if any. */
  lastPeriod: Period | null
  /**
   * What the check compared the file against (a figures file's indicators, months and dataset; an Annex A
   * return's months), so that a confirmation can recompute the fingerprint without reading the file again.
   */
  scope?: unknown
}

/** An upload as the services and pages see it (the file's bytes stay in the store). */
export interface Upload {
  id: number
  kind: UploadKind
  datasetId: string | null
  fileName: string
  byteSize: number
  sha256: string | null
  options: UploadOptions
  uploadedBy: string
  uploadedAt: string
  status: UploadStatus
  preview: UploadPreview | null
  /** The hash of what the preview compared the file against; a confirmation must find it unchanged. */
  fingerprint: string | null
  checkedAt: string | null
  confirmedBy: string | null
  confirmedAt: string | null
  /** The job checking or loading the upload. */
  jobId: number | null
  finishedAt: string | null
  /** Why it was not loaded (status failed), in words. */
  failure: string | null
  /** The result once loaded: the import's id and where to see it. */
  resultUrl: string | null
  /** True once the file's bytes have been deleted (every upload that is loaded, abandoned, refused or failed). */
  bytesRemoved: boolean
}

/**
 * Why this upload cannot be confirmed now, or null when it can. Who confirmed it is named so that a second
 * officer knows the first already did.
 * @example confirmRefusal({ status: 'applied', confirmedBy: 'Priya Shah', confirmedAt: '1 May 2018 at 9.05am' })
 * // 'This upload was already confirmed by Priya Shah on 1 May 2018 at 9.05am: it is loaded once only.'
 */
export function confirmRefusal(upload: {
  status: UploadStatus
  confirmedBy: string | null
  confirmedAt: string | null
}): string | null {
  switch (upload.status) {
    case 'previewed':
      return null
    case 'confirmed':
    case 'applied': {
      const by = upload.confirmedBy === null ? '' : ` by ${upload.confirmedBy}`
      const when = upload.confirmedAt === null ? '' : ` on ${upload.confirmedAt}`
      return `This upload was already confirmed${by}${when}: it is loaded once only.`
    }
    case 'failed':
      return 'This upload was confirmed but could not be loaded. Upload the file again to check it against the data as it is now.'
    case 'abandoned':
      return 'This upload was abandoned, so it cannot be loaded. Upload the file again if you need it.'
    case 'refused':
      return 'This file has problems, so nothing in it can be loaded. Correct them and upload the file again.'
    case 'receiving':
    case 'checking':
      return 'This file is still being checked. Confirm it once its preview is ready.'
  }
}

/** Why this upload cannot be abandoned now, or null when it can (only a checked, unconfirmed upload). */
export function abandonRefusal(upload: { status: UploadStatus }): string | null {
  if (upload.status === 'previewed') return null
  if (upload.status === 'abandoned') return 'This upload was already abandoned.'
  if (upload.status === 'checking' || upload.status === 'receiving')
    return 'This file is still being checked. Abandon it once its preview is ready.'
  return 'Only an upload that is checked and waiting for confirmation can be abandoned.'
}

/** The message a confirmation gets when the data changed since the check. */
export const STALE_PREVIEW =
  'The data has changed since this file was checked, so its preview no longer shows what loading it would do. ' +
  'Nothing was loaded. Check the file again to see a fresh preview.'

/**
 * A figure as a preview lists it.
 * @example previewFigure(april, null, 'Children looked after').before // null: a new figure
 */
export function previewFigure(after: Observation, before: Observation | null, title: string): PreviewFigure {
  return {
    indicatorId: after.indicatorId,
    title,
    period: after.period,
    before: before?.value ?? null,
    after: after.value,
    partsOnly: before !== null && sameNumber(before.value, after.value),
  }
}

/** An empty preview of a kind, for the services that fill in their parts. */
export function emptyPreview(kind: UploadPreview['kind'], file: string): UploadPreview {
  return {
    kind,
    file,
    facts: [],
    figures: null,
    indicators: null,
    dataset: null,
    holidays: null,
    dataQuality: null,
    problems: [],
    lastPeriod: null,
  }
}

/** A problem with what was typed or chosen on the upload form, against the field it is about. */
export interface UploadFieldProblem {
  field: 'kind' | 'dataset' | 'newDatasetId' | 'newDatasetTitle' | 'benchmarkVintage' | 'end' | 'months' | 'file'
  message: string
}

/** The upload form as sent, every field as text (empty when not given). */
export interface UploadFormInput {
  kind: string
  fileName: string
  dataset: string
  newDatasetId: string
  newDatasetTitle: string
  benchmarkVintage: string
  end: string
  months: string
}

/** An upload form that passed its checks: what to do with the file that follows. */
export interface ValidUploadRequest {
  kind: UploadKind
  fileName: string
  datasetId: string | null
  options: UploadOptions
}

/** The value of the dataset choice that means "a new dataset". */
export const NEW_DATASET = 'new'

/** The file types each kind is read from. */
export const UPLOAD_EXTENSIONS: Readonly<Record<UploadKind, readonly string[]>> = {
  figures: ['.csv', '.xlsx'],
  catalogue: ['.csv', '.xlsx'],
  'annex-a': ['.xlsx', '.zip', '.xml'],
  'bank-holidays': ['.json'],
}

const EXTENSION_PROBLEMS: Readonly<Record<UploadKind, string>> = {
  figures: 'The selected file must be a CSV file (.csv) or an Excel workbook (.xlsx)',
  catalogue: 'The selected file must be a CSV file (.csv) or an Excel workbook (.xlsx)',
  'annex-a':
    'The selected file must be an Excel workbook (.xlsx), a zip of the list CSV files or of the SSDA903 CSV files (.zip), or a children in need census (.xml)',
  'bank-holidays': 'The selected file must be the bank-holidays feed, a JSON file (.json)',
}

const CIN_CENSUS_EXTENSION_PROBLEM = 'The selected file must be the children in need census XML file (.xml)'

/** Dataset ids are slugs, like the command line's `--dataset early-help`. */
const DATASET_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/
const MAX_MONTHS = 60

/** Why a file name holding a control character (a NUL, say, which could not even be stored) is refused. */
export const CONTROL_IN_FILE_NAME =
  'The file’s name contains a control character (an invisible character such as NUL). Rename the file and upload it again'

/** The extension of a file name, lower case, with its dot ('' when it has none). */
function extensionOf(fileName: string): string {
  const dot = fileName.lastIndexOf('.')
  return dot <= 0 ? '' : fileName.slice(dot).toLowerCase()
}

/**
 * Checks the upload form before the file is stored: what the file holds, the dataset (an existing one, or a new
 * one's id and title), the Annex A months, and that the file's type suits its kind.
 * @example
 * validateUploadForm({ kind: 'bank-holidays', fileName: 'bank-holidays.json', dataset: '', newDatasetId: '',
 *   newDatasetTitle: '', benchmarkVintage: '', end: '', months: '' }, [])
 * // { ok: true, value: { kind: 'bank-holidays', fileName: 'bank-holidays.json', datasetId: null, options: {} } }
 */
export function validateUploadForm(
  input: UploadFormInput,
  datasets: ReadonlyArray<{ id: string; title: string }>,
): { ok: true; value: ValidUploadRequest } | { ok: false; problems: UploadFieldProblem[] } {
  const problems: UploadFieldProblem[] = []
  const census = input.kind === CIN_CENSUS_CHOICE
  const kind = census ? 'annex-a' : input.kind
  if (!isUploadKind(kind)) {
    problems.push({ field: 'kind', message: 'Select what the file holds' })
    if (input.fileName === '') problems.push({ field: 'file', message: 'Select a file' })
    return { ok: false, problems }
  }
  const options: UploadOptions = {}
  let datasetId: string | null = null
  if (kind === 'figures' || kind === 'catalogue') {
    const vintage = input.benchmarkVintage.trim()
    if (vintage.length > 200)
      problems.push({ field: 'benchmarkVintage', message: 'The benchmark vintage must be 200 characters or fewer' })
    else if (vintage !== '') options.benchmarkVintage = vintage
    if (input.dataset === NEW_DATASET) {
      const id = input.newDatasetId.trim()
      const title = input.newDatasetTitle.trim()
      if (id === '') problems.push({ field: 'newDatasetId', message: 'Enter an id for the new dataset' })
      else if (!DATASET_ID.test(id) || id.length > 60)
        problems.push({
          field: 'newDatasetId',
          message:
            'The id must be lower-case letters and numbers joined by hyphens, 60 characters or fewer, like early-help',
        })
      else if (datasets.some((d) => d.id === id))
        problems.push({
          field: 'newDatasetId',
          message: `There is already a dataset with the id ${id}: select it from the list instead`,
        })
      if (title === '') problems.push({ field: 'newDatasetTitle', message: 'Enter a title for the new dataset' })
      else if (title.length > 200)
        problems.push({ field: 'newDatasetTitle', message: 'The title must be 200 characters or fewer' })
      datasetId = id
      options.datasetId = id
      options.datasetTitle = title
    } else {
      const dataset = datasets.find((d) => d.id === input.dataset)
      if (dataset === undefined) problems.push({ field: 'dataset', message: 'Select the dataset, or a new one' })
      else {
        datasetId = dataset.id
        options.datasetId = dataset.id
        options.datasetTitle = dataset.title
      }
    }
  }
  if (kind === 'annex-a') {
    const end = input.end.trim()
    if (end !== '') {
      if (/^\d{4}-\d{2}$/.test(end) && Number(end.slice(5)) >= 1 && Number(end.slice(5)) <= 12) options.end = end
      else problems.push({ field: 'end', message: 'The end month must be a year and month, like 2018-04' })
    }
    const months = input.months.trim()
    if (months !== '') {
      const n = Number(months)
      if (/^\d+$/.test(months) && n >= 1 && n <= MAX_MONTHS) options.months = n
      else
        problems.push({
          field: 'months',
          message: `The number of months must be a whole number from 1 to ${MAX_MONTHS}`,
        })
    }
  }
  if (input.fileName === '') problems.push({ field: 'file', message: 'Select a file' })
  else if (controlCharacterIndex(input.fileName) >= 0) problems.push({ field: 'file', message: CONTROL_IN_FILE_NAME })
  else if (census && extensionOf(input.fileName) !== '.xml')
    problems.push({ field: 'file', message: CIN_CENSUS_EXTENSION_PROBLEM })
  else if (!UPLOAD_EXTENSIONS[kind].includes(extensionOf(input.fileName)))
    problems.push({ field: 'file', message: EXTENSION_PROBLEMS[kind] })
  if (problems.length > 0) return { ok: false, problems }
  return { ok: true, value: { kind, fileName: input.fileName, datasetId, options } }
}

/**
 * A file size as people read it: whole kilobytes under a megabyte, else megabytes to one decimal place (none when
 * whole, as a limit is).
 * @example fileSize(16_025) // '16 KB'
 * @example fileSize(20 * 1024 * 1024) // '20 MB'
 */
export function fileSize(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024)).toLocaleString('en-GB')} KB`
  const mb = Math.round((bytes / (1024 * 1024)) * 10) / 10
  return `${mb.toLocaleString('en-GB')} MB`
}

/** How far back the end-month choice of an Annex A upload reaches from this month. */
export const END_MONTH_CHOICES = 36

/**
 * The months an officer may choose as an Annex A upload's end month, newest first: the last 36 months up to this one
 * and every month the council already has figures for (to compute an older month again).
 * @example endMonthChoices(['2018-04'], '2018-06', 3) // ['2018-06', '2018-05', '2018-04']
 */
export function endMonthChoices(
  withFigures: readonly Period[],
  thisMonth: Period,
  count: number = END_MONTH_CHOICES,
): Period[] {
  const months = new Set<Period>(withFigures.filter((p) => p <= thisMonth))
  let month = thisMonth
  for (let i = 0; i < count; i++) {
    months.add(month)
    month = addMonths(month, -1)
  }
  return [...months].sort().reverse()
}

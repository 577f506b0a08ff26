/**
 * The Load data area: the upload form with the recent uploads (`/load-data`), and one upload's preview or outcome
 * (`/load-data/{id}`).
 */
import { formatPeriodLong, isPeriod, type Period } from '../../domain/period.ts'
import {
  CIN_CENSUS_CHOICE,
  fileSize,
  isCinCensusUpload,
  NEW_DATASET,
  uploadKindName,
  UPLOAD_STATUS_NAMES,
  type PreviewFigure,
  type PreviewProblem,
  type UploadFieldProblem,
  type UploadFormInput,
  type UploadStatus,
} from '../../domain/upload.ts'
import { formatNumber } from './pack-page.ts'
import { describeProblem } from '../../importers/problem.ts'
import type { UploadView } from '../../services/upload-service.ts'
import { formatTimestamp } from './indicator-page.ts'
import { displayDate } from '../../domain/calendar/days.ts'

/** The form's fields as sent (every one text), to put back after a problem. */
export type LoadDataValues = Record<(typeof LOAD_DATA_FIELDS)[number], string>

/**
 * Every text field of the upload form, before its file: what the file holds, then the choices for figures and
 * catalogues (the dataset and benchmark vintage) and for an Annex A return (its months). The form shows them all,
 * each group under its own heading: GOV.UK's conditionally revealed radios mark the radios up in a way axe refuses.
 */
export const LOAD_DATA_FIELDS = [
  'kind',
  'dataset',
  'newDatasetId',
  'newDatasetTitle',
  'benchmarkVintage',
  'end',
  'months',
] as const

/** The upload form's fields, under the names the upload service knows. */
export function formInputFor(values: LoadDataValues, fileName: string): UploadFormInput {
  return { ...values, fileName }
}

export function emptyLoadDataValues(): LoadDataValues {
  return Object.fromEntries(LOAD_DATA_FIELDS.map((f) => [f, ''])) as LoadDataValues
}

const STATUS_TAGS: Readonly<Record<UploadStatus, string>> = {
  receiving: 'govuk-tag--grey',
  checking: 'govuk-tag--blue',
  previewed: 'govuk-tag--yellow',
  refused: 'govuk-tag--red',
  confirmed: 'govuk-tag--blue',
  applied: 'govuk-tag--green',
  abandoned: 'govuk-tag--grey',
  failed: 'govuk-tag--red',
}

export interface LoadDataModel {
  pageTitle: string
  errorList: Array<{ text: string; href: string }>
  errors: Record<string, string>
  values: LoadDataValues
  datasets: Array<{ value: string; text: string }>
  /** The end month's choices for an Annex A return: the latest in the return, or a month. */
  endMonths: Array<{ value: string; text: string; selected: boolean }>
  newDataset: string
  /** The form value of "Children in need census (XML)": an Annex A upload of a census. */
  cinCensus: string
  figuresLimit: string
  annexALimit: string
  uploads: Array<{
    href: string
    file: string
    kind: string
    by: string
    when: string
    status: string
    statusTag: string
  }>
}

/**
 * The end month select: the latest month in the return first (the default), then each month by name. A month posted
 * that is not among them (a stale form) is kept, so the officer sees what they sent.
 * @example endMonthItems(['2018-05'], '')[1] // { value: '2018-05', text: 'May 2018', selected: false }
 */
export function endMonthItems(months: readonly Period[], chosen: string) {
  const offered = isPeriod(chosen) && !months.includes(chosen) ? [chosen, ...months] : months
  return [
    { value: '', text: 'The latest month with events in the return', selected: chosen === '' },
    ...offered.map((month) => ({ value: month, text: formatPeriodLong(month), selected: month === chosen })),
  ]
}

export function loadDataModel(input: {
  datasets: ReadonlyArray<{ id: string; title: string }>
  uploads: readonly UploadView[]
  values: LoadDataValues
  problems: readonly UploadFieldProblem[]
  limits: { maxImportBytes: number; maxAnnexABytes: number }
  /** The months to offer as the end month, newest first (the upload service's `endMonths`). */
  endMonths?: readonly Period[]
}): LoadDataModel {
  const errors: Record<string, string> = {}
  for (const p of input.problems) errors[p.field] ??= p.message
  return {
    pageTitle: input.problems.length > 0 ? 'Error: Load data' : 'Load data',
    errorList: Object.entries(errors).map(([id, text]) => ({
      text,
      // The kind radios' first input, and the dataset select, carry these ids.
      href: `#${id}`,
    })),
    errors,
    values: input.values,
    datasets: input.datasets.map((d) => ({ value: d.id, text: `${d.title} (${d.id})` })),
    endMonths: endMonthItems(input.endMonths ?? [], input.values.end),
    newDataset: NEW_DATASET,
    cinCensus: CIN_CENSUS_CHOICE,
    figuresLimit: fileSize(input.limits.maxImportBytes),
    annexALimit: fileSize(input.limits.maxAnnexABytes),
    uploads: input.uploads.map((u) => ({
      href: `/load-data/${u.id}`,
      file: u.fileName,
      kind: uploadKindName(u),
      by: u.uploadedByName,
      when: formatTimestamp(u.uploadedAt),
      status: UPLOAD_STATUS_NAMES[u.status],
      statusTag: STATUS_TAGS[u.status],
    })),
  }
}

interface FigureRow {
  indicator: string
  indicatorHref: string
  month: string
  before: string
  after: string
}

export interface UploadPageModel {
  pageTitle: string
  id: number
  heading: string
  status: UploadStatus
  statusText: string
  statusTag: string
  /** A refusal of the last confirm or abandon, shown in the error summary. */
  problem: string | null
  stale: boolean
  summary: Array<{ key: string; value: string }>
  facts: string[]
  figures: {
    summary: string
    added: FigureRow[]
    revised: FigureRow[]
  } | null
  indicators: {
    summary: string
    added: Array<{ id: string; title: string }>
    updated: Array<{ indicator: string; field: string; before: string; after: string }>
  } | null
  dataset: string | null
  holidays: { summary: string; added: Array<{ date: string; title: string }> } | null
  dataQuality: {
    summary: string
    lists: Array<{ list: string; source: string; rows: string }>
    errors: ProblemRow[]
    warnings: ProblemRow[]
  } | null
  /** Why the file was refused: the command line's own sentences. */
  problems: string[]
  canDecide: boolean
  confirmAction: string
  abandonAction: string
  checkAction: string
  jobHref: string | null
  resultHref: string | null
  /** Why it was not loaded, a sentence a line. */
  failure: string[]
}

interface ProblemRow {
  where: string
  value: string
  reason: string
}

/** A figure as the file gives it (up to four decimal places, no trailing zeros), or that there is none. */
function figureValue(value: number | null): string {
  if (value === null) return 'No figure'
  return formatNumber(value, 4).replace(/\.?0+$/, '')
}

function figureRow(f: PreviewFigure): FigureRow {
  return {
    indicator: f.title === '' ? f.indicatorId : f.title,
    indicatorHref: `/indicators/${encodeURIComponent(f.indicatorId)}`,
    month: formatPeriodLong(f.period),
    before: f.before === null ? '' : figureValue(f.before),
    after: figureValue(f.after) + (f.partsOnly ? ' (numerator or denominator changed)' : ''),
  }
}

function problemRow(p: PreviewProblem): ProblemRow {
  return {
    where: [p.file, p.row === null ? null : `row ${p.row}`, p.column === null ? null : `column "${p.column}"`]
      .filter((part) => part !== null)
      .join(', '),
    value: p.value ?? '',
    reason: p.reason,
  }
}

function count(n: number, one: string, many: string = `${one}s`): string {
  return `${formatNumber(n, 0)} ${n === 1 ? one : many}`
}

export function uploadPageModel(upload: UploadView, options: { problem?: string | null } = {}): UploadPageModel {
  const preview = upload.preview
  const o = upload.options
  const summary: Array<{ key: string; value: string }> = [
    { key: 'File', value: upload.fileName },
    { key: 'What it holds', value: uploadKindName(upload) },
  ]
  if (o.datasetId !== undefined)
    summary.push({ key: 'Dataset', value: `${o.datasetTitle ?? o.datasetId} (${o.datasetId})` })
  if (o.benchmarkVintage !== undefined) summary.push({ key: 'Benchmark vintage', value: o.benchmarkVintage })
  if (upload.kind === 'annex-a') {
    summary.push({
      key: 'End month',
      value:
        o.end === undefined
          ? `The latest month in the ${isCinCensusUpload(upload) ? 'census' : 'return'}`
          : formatPeriodLong(o.end),
    })
    summary.push({ key: 'Months', value: String(o.months ?? 13) })
  }
  summary.push(
    { key: 'Size', value: fileSize(upload.byteSize) },
    { key: 'Uploaded', value: `${formatTimestamp(upload.uploadedAt)} by ${upload.uploadedByName}` },
  )
  if (upload.confirmedAt !== null)
    summary.push({
      key: 'Confirmed',
      value: `${formatTimestamp(upload.confirmedAt)} by ${upload.confirmedByName ?? ''}`,
    })
  if (upload.sha256 !== null) summary.push({ key: 'SHA-256', value: upload.sha256 })

  const figures = preview?.figures ?? null
  const indicators = preview?.indicators ?? null
  const dataset = preview?.dataset ?? null
  const quality = preview?.dataQuality ?? null
  const holidays = preview?.holidays ?? null
  return {
    pageTitle: `${uploadKindName(upload)}: ${upload.fileName}`,
    id: upload.id,
    heading: upload.status === 'previewed' ? `Check before loading: ${upload.fileName}` : upload.fileName,
    status: upload.status,
    statusText: UPLOAD_STATUS_NAMES[upload.status],
    statusTag: STATUS_TAGS[upload.status],
    problem: options.problem ?? null,
    stale: options.problem?.startsWith('The data has changed since this file was checked') ?? false,
    summary,
    facts: preview?.facts ?? [],
    figures:
      figures === null
        ? null
        : {
            summary: `${count(figures.added.length, 'new figure')}, ${count(figures.revised.length, 'revised figure')} and ${count(figures.unchanged, 'figure')} the same as now.`,
            added: figures.added.map(figureRow),
            revised: figures.revised.map(figureRow),
          },
    indicators:
      indicators === null
        ? null
        : {
            summary: `${count(indicators.added.length, 'new indicator')}, ${count(indicators.updated.length, 'indicator')} with changed details and ${count(indicators.unchanged, 'indicator')} unchanged.`,
            added: indicators.added,
            updated: indicators.updated.flatMap((i) =>
              i.changes.map((c) => ({
                indicator: `${i.title} (${i.id})`,
                field: c.field,
                before: c.before,
                after: c.after,
              })),
            ),
          },
    dataset:
      dataset === null
        ? null
        : dataset.isNew
          ? `Creates the dataset ${dataset.title} (${dataset.id}) with the ${count(dataset.indicatorsAfter, 'indicator')} in the file.`
          : `The dataset ${dataset.title} (${dataset.id}) will hold the ${count(dataset.indicatorsAfter, 'indicator')} in the file, in its order (it has ${formatNumber(dataset.indicatorsBefore, 0)} now).`,
    holidays:
      holidays === null
        ? null
        : {
            summary: `${count(holidays.added.length, 'new holiday')}; ${count(holidays.known, 'holiday')} in the feed Scrutineer knows already.`,
            added: holidays.added.map((h) => ({ ...h, date: displayDate(h.date) })),
          },
    dataQuality:
      quality === null
        ? null
        : {
            summary: `${count(quality.errors, 'error')} and ${count(quality.warnings, 'warning')}. A row with an error is left out only of the measures that read the bad cell; the import's data-quality report lists every one.`,
            lists: quality.lists.map((l) => ({
              list: `List ${l.list}`,
              source: l.source,
              rows: formatNumber(l.rows, 0),
            })),
            errors: quality.firstErrors.map(problemRow),
            warnings: quality.firstWarnings.map(problemRow),
          },
    problems: (preview?.problems ?? []).map(describeProblem),
    canDecide: upload.status === 'previewed',
    confirmAction: `/load-data/${upload.id}/confirm`,
    abandonAction: `/load-data/${upload.id}/abandon`,
    checkAction: `/load-data/${upload.id}/check`,
    jobHref: upload.jobId === null ? null : `/jobs/${upload.jobId}`,
    resultHref: upload.resultUrl,
    failure: upload.failure === null ? [] : upload.failure.split('\n'),
  }
}

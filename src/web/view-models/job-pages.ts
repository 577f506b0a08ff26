/**
 * A job's page (/jobs/{id}), its JSON (/jobs/{id}.json, read by the progress script) and the recent jobs (/jobs).
 * The payload never leaves the server: it can name stored uploads and options nobody needs to see.
 */
import { isFinished, type Job, type JobStatus } from '../../domain/jobs.ts'
import type { NamedJob } from '../../services/job-service.ts'
import { formatTimestamp } from './indicator-page.ts'
import { doneUrl } from '../success-banners.ts'

const STATUS: Record<JobStatus, { text: string; tagClass: string }> = {
  queued: { text: 'Waiting to start', tagClass: 'govuk-tag--grey' },
  running: { text: 'Running', tagClass: 'govuk-tag--blue' },
  succeeded: { text: 'Finished', tagClass: 'govuk-tag--green' },
  failed: { text: 'Failed', tagClass: 'govuk-tag--red' },
}

export interface JobModel {
  pageTitle: string
  id: number
  title: string
  href: string
  jsonHref: string
  status: JobStatus
  statusText: string
  statusTagClass: string
  finished: boolean
  percent: number
  step: string
  /** The sentence a screen reader hears, and everyone reads, about where the job is. */
  progressText: string
  error: string | null
  result: { href: string; label: string } | null
  /** Who, when, and what the job did (its outcome's counts and names), as summary-list rows. */
  details: Array<{ key: string; value: string }>
}

/** "Waiting to start (2 jobs ahead)", "45% done: Storing list 3 of 11", "Finished", "Failed". */
export function progressText(job: Pick<Job, 'status' | 'percent' | 'step'>, ahead = 0): string {
  switch (job.status) {
    case 'queued':
      return ahead > 0 ? `Waiting to start: ${ahead} job${ahead === 1 ? '' : 's'} ahead of it` : 'Waiting to start'
    case 'running':
      return `${job.percent}% done${job.step === '' ? '' : `: ${job.step}`}`
    case 'succeeded':
      return 'Finished'
    case 'failed':
      return 'Failed'
  }
}

function outcomeValue(value: unknown): string | null {
  if (typeof value === 'number') return value.toLocaleString('en-GB')
  if (typeof value === 'string') return value
  if (Array.isArray(value) && value.every((v) => typeof v === 'string' || typeof v === 'number'))
    return value.join(', ')
  return null
}

/** "figuresAdded" → "Figures added". */
function outcomeKey(key: string): string {
  const words = key.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase()
  return words.charAt(0).toUpperCase() + words.slice(1)
}

export function jobModel(job: NamedJob, ahead = 0): JobModel {
  const status = STATUS[job.status]
  return {
    pageTitle: job.title,
    id: job.id,
    title: job.title,
    href: `/jobs/${job.id}`,
    jsonHref: `/jobs/${job.id}.json`,
    status: job.status,
    statusText: status.text,
    statusTagClass: status.tagClass,
    finished: isFinished(job.status),
    percent: job.percent,
    step: job.step,
    progressText: progressText(job, ahead),
    error: job.error,
    result:
      job.status === 'succeeded' && job.resultUrl !== null
        ? {
            // A published document pack is confirmed by a banner on the meeting it leads back to.
            href: job.kind === 'document-pack.publish' ? doneUrl(job.resultUrl, 'papers-published') : job.resultUrl,
            label: job.resultLabel ?? 'See the result',
          }
        : null,
    details: [
      { key: 'Started by', value: job.startedByName },
      { key: 'Queued', value: formatTimestamp(job.createdAt) },
      ...(job.startedAt === null ? [] : [{ key: 'Started', value: formatTimestamp(job.startedAt) }]),
      ...(job.finishedAt === null ? [] : [{ key: 'Ended', value: formatTimestamp(job.finishedAt) }]),
      ...Object.entries(job.outcome ?? {}).flatMap(([key, value]) => {
        const text = outcomeValue(value)
        return text === null ? [] : [{ key: outcomeKey(key), value: text }]
      }),
    ],
  }
}

/** What the progress script reads: everything the page shows that changes while the job runs. */
export function jobJson(job: Job, ahead = 0) {
  return {
    id: job.id,
    kind: job.kind,
    title: job.title,
    status: job.status,
    statusText: STATUS[job.status].text,
    finished: isFinished(job.status),
    percent: job.percent,
    step: job.step,
    progressText: progressText(job, ahead),
    createdAt: job.createdAt,
    startedAt: job.startedAt,
    finishedAt: job.finishedAt,
    outcome: job.outcome,
    resultUrl: job.resultUrl,
    resultLabel: job.resultLabel,
    error: job.error,
  }
}

export interface JobListModel {
  pageTitle: string
  jobs: Array<{
    href: string
    title: string
    statusText: string
    statusTagClass: string
    progress: string
    startedBy: string
    created: string
  }>
}

export function jobListModel(jobs: readonly NamedJob[]): JobListModel {
  return {
    pageTitle: 'Jobs',
    jobs: jobs.map((job) => ({
      href: `/jobs/${job.id}`,
      title: job.title,
      statusText: STATUS[job.status].text,
      statusTagClass: STATUS[job.status].tagClass,
      progress: progressText(job),
      startedBy: job.startedByName,
      created: formatTimestamp(job.createdAt),
    })),
  }
}

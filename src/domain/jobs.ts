/**
 * Jobs: long work (an Annex A return of a million rows, a 500-page document pack) that must not hold a web request
 * open. A job lives in the database, so any web process can show it and a restarted server can say what happened
 * to it. These are the job's shape and the rules that need no database.
 */

export const JOB_STATUSES = ['queued', 'running', 'succeeded', 'failed'] as const
export type JobStatus = (typeof JOB_STATUSES)[number]

export interface Job {
  id: number
  /** Which handler runs it, e.g. `upload.apply`, `document-pack.publish`. */
  kind: string
  /** For people: "Load monthly figures from april.csv". */
  title: string
  /** At most one job of a queue runs at a time (e.g. `dataset:monthly`); null for a job that may run beside any. */
  queue: string | null
  status: JobStatus
  /** 0 to 100. */
  percent: number
  /** The step it is on, in words: "Storing list 3 of 11". */
  step: string
  /** The audit actor who started it: `user:3`, `cli:alice`. */
  startedBy: string
  createdAt: string
  startedAt: string | null
  finishedAt: string | null
  payload: Record<string, unknown>
  outcome: Record<string, unknown> | null
  /** Where its result is: `/imports/7`, `/datasets/monthly/2018-04`. */
  resultUrl: string | null
  /** The link's words: "Open the data-quality report". */
  resultLabel: string | null
  /** Why it failed, in words an officer understands. */
  error: string | null
}

/** True once a job will not change again. */
export function isFinished(status: JobStatus): boolean {
  return status === 'succeeded' || status === 'failed'
}

/**
 * A percentage a job may record: a whole number from 0 to 100 (anything else a handler computes is clamped, and
 * a NaN from a division by an empty total counts as 0).
 * @example jobPercent(33.4) // 33
 * @example jobPercent(140) // 100
 */
export function jobPercent(value: number): number {
  if (!Number.isFinite(value)) return 0
  return Math.min(100, Math.max(0, Math.round(value)))
}

/**
 * A share of the way through `done` of `total` items, placed inside the band of the whole job that this step
 * covers (say reading a return is 0–60 % of an import).
 * @example progressWithin(50, 100, 0, 60) // 30
 */
export function progressWithin(done: number, total: number, from: number, to: number): number {
  if (total <= 0) return jobPercent(from)
  return jobPercent(from + ((to - from) * Math.min(done, total)) / total)
}

/** Why a job that was running when its server stopped has failed. */
export function interruptedReason(step: string): string {
  const where = step.trim() === '' ? '' : ` (at the step "${step.trim()}")`
  return (
    `Scrutineer stopped while this job was running${where}, so it did not finish. ` +
    'Nothing it was loading was saved: the data is as it was before the job started. Start it again.'
  )
}

/** What a job that threw an unexpected error tells people; the details go to the log, not the page. */
export const UNEXPECTED_FAILURE =
  'Something went wrong while running this job, so it did not finish and nothing it was doing was saved. ' +
  'Try again; if it fails again, ask your administrator to look at the server log.'

/**
 * The job runner each web process starts: it fails the jobs a stopped server left running, then runs queued jobs
 * one after another, waking at once when this process queues one and otherwise checking every `pollMs` (another
 * process may have queued it). One job at a time per process: the machine a council runs on may have two cores,
 * and the web requests need one. Several processes on one PostgreSQL each run their own.
 */
import type { Job } from '../domain/jobs.ts'
import { asBackgroundWork } from '../store/pglite-dialect.ts'
import type { JobService } from './job-service.ts'

export interface JobRunnerOptions {
  /** How often to look for work queued by another process. */
  pollMs?: number
  /**
   * How old a running job's heartbeat must be before the runner decides its process stopped: 0 for the embedded
   * database (one process serves it, so at start anything running was cut off), a minute or so for PostgreSQL.
   */
  staleAfterMs: number
  /**
   * Called with `staleAfterMs` whenever the runner looks for jobs a stopped process left running (at start, and
   * now and then on PostgreSQL): to clear up whatever else such a process leaves half done.
   */
  onStaleCheck?: (staleAfterMs: number) => Promise<unknown>
  /** Told about each job the runner finishes or fails as interrupted, and about errors of its own. */
  onJobFinished?: (job: Job) => void
  onError?: (error: unknown) => void
}

export interface JobRunner {
  /** Stops taking new jobs; resolves when the one running (if any) has ended. */
  stop(): Promise<void>
}

export async function startJobRunner(jobs: JobService, options: JobRunnerOptions): Promise<JobRunner> {
  const pollMs = options.pollMs ?? 2000
  const clearUpStale = async () => {
    for (const job of await jobs.failInterrupted(options.staleAfterMs)) options.onJobFinished?.(job)
    await options.onStaleCheck?.(options.staleAfterMs)
  }
  await clearUpStale()
  let stopped = false
  // A function, not the variable: the loop must read what stop() sets later, not what it saw at the top.
  const isStopped = () => stopped
  let wake: (() => void) | null = null
  let lastStaleCheck = Date.now()
  const unsubscribe = jobs.onEnqueued(() => wake?.())

  const loop = (async () => {
    while (!isStopped()) {
      try {
        // With PostgreSQL another process may have died mid-job: look for its stale jobs now and then.
        if (options.staleAfterMs > 0 && Date.now() - lastStaleCheck > options.staleAfterMs) {
          lastStaleCheck = Date.now()
          await clearUpStale()
        }
        // A job's statements give way to the web's on the embedded database (pglite-dialect.ts).
        const job = await asBackgroundWork(() => jobs.runNext())
        if (job !== null) {
          options.onJobFinished?.(job)
          continue
        }
      } catch (error) {
        options.onError?.(error)
      }
      if (isStopped()) break
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, pollMs)
        wake = () => {
          clearTimeout(timer)
          resolve()
        }
      })
      wake = null
    }
  })()

  return {
    async stop() {
      stopped = true
      unsubscribe()
      wake?.()
      await loop
    },
  }
}

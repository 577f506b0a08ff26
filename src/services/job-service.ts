/**
 * Jobs: long work (loading an Annex A return, printing a document pack) queued in the database and run by a
 * process's job runner (src/services/job-runner.ts), never inside the web request that asked for it. Each kind of
 * job has a handler; handlers do their work all or nothing (one transaction), so a job that fails or is cut off by
 * a stopped server leaves the data as it was. Jobs are audited when they are queued and when they end.
 */
import { hostname } from 'node:os'
import { randomBytes } from 'node:crypto'
import { interruptedReason, jobPercent, UNEXPECTED_FAILURE, type Job } from '../domain/jobs.ts'
import type { Result } from '../domain/result.ts'
import type { DataAccess } from '../store/data-access.ts'
import { recordChange, type ChangeContext } from './change-record.ts'

/** What a handler is given to say how far it has got. */
export interface JobProgress {
  /**
   * Records progress (percent 0 to 100 and the step, in words); also the job's heartbeat. Never waits: the latest
   * report is written in the background, so it is safe to call inside a transaction (PGlite has one connection).
   */
  report(percent: number, step: string): void
  jobId: number
  /** Who started the job: pass it on as the actor of the audit events the work writes. */
  actor: string
}

export interface JobResult {
  outcome: Record<string, unknown>
  resultUrl: string | null
  resultLabel: string | null
}

/**
 * Does one kind of job's work. An expected failure is `failed([message])`: the job fails with those words. A thrown
 * error fails the job too; the person sees a general sentence and the error goes to the log.
 */
export type JobHandler = (payload: Record<string, unknown>, progress: JobProgress) => Promise<Result<JobResult, string>>

export interface JobServiceOptions {
  now: () => Date
  handlers: Readonly<Record<string, JobHandler>>
  /** Told about errors a handler threw (the web app logs them). */
  onUnexpectedError?: (job: Job, error: unknown) => void
  /** How often a running job renews its heartbeat; tests shorten it. */
  heartbeatMs?: number
}

/** A job with the name of who started it, for pages. */
export type NamedJob = Job & { startedByName: string }

/** The actor for what the runner does itself, such as failing the jobs of a stopped server. */
export const JOB_RUNNER_ACTOR = 'system:job-runner'

export function jobService(data: DataAccess, options: JobServiceOptions) {
  const runner = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`
  const iso = () => options.now().toISOString()
  const listeners = new Set<() => void>()

  /** The progress a handler reports, written one at a time, the latest winning. */
  function progressFor(job: Job): { progress: JobProgress; settled: () => Promise<void> } {
    let pending: { percent: number; step: string } | null = null
    let writing: Promise<void> = Promise.resolve()
    let busy = false
    const flush = async (): Promise<void> => {
      busy = true
      while (pending !== null) {
        const next = pending
        pending = null
        try {
          await data.jobs.progress(job.id, next.percent, next.step, iso())
        } catch (error) {
          options.onUnexpectedError?.(job, error)
        }
      }
      busy = false
    }
    return {
      progress: {
        jobId: job.id,
        actor: job.startedBy,
        report(percent, step) {
          pending = { percent: jobPercent(percent), step }
          if (!busy) writing = flush()
        },
      },
      settled: () => writing,
    }
  }

  async function named(jobs: readonly Job[]): Promise<NamedJob[]> {
    const userIdOf = (actor: string) => (/^user:\d+$/.test(actor) ? Number(actor.slice(5)) : null)
    const ids = jobs.map((job) => userIdOf(job.startedBy)).filter((id): id is number => id !== null)
    const names = await data.audit.userNames([...new Set(ids)])
    return jobs.map((job) => {
      const id = userIdOf(job.startedBy)
      return { ...job, startedByName: (id === null ? null : names.get(id)?.name) ?? job.startedBy }
    })
  }

  async function finish(
    job: Job,
    outcome: { status: 'succeeded'; result: JobResult } | { status: 'failed'; error: string },
  ): Promise<Job> {
    return data.transaction(async (repos) => {
      const finished = await repos.jobs.finish(job.id, {
        status: outcome.status,
        outcome: outcome.status === 'succeeded' ? outcome.result.outcome : null,
        resultUrl: outcome.status === 'succeeded' ? outcome.result.resultUrl : null,
        resultLabel: outcome.status === 'succeeded' ? outcome.result.resultLabel : null,
        error: outcome.status === 'failed' ? outcome.error : null,
        at: iso(),
      })
      await recordChange(
        repos.audit,
        { actor: job.startedBy },
        outcome.status === 'succeeded' ? 'job.succeed' : 'job.fail',
        { type: 'job', id: job.id },
        {
          kind: job.kind,
          title: job.title,
          ...(outcome.status === 'succeeded'
            ? { outcome: outcome.result.outcome, resultUrl: outcome.result.resultUrl }
            : { error: outcome.error }),
        },
      )
      // Null only if something else finished it first (a runner that thought it stale): report that state.
      return finished ?? (await repos.jobs.find(job.id)) ?? job
    })
  }

  async function run(job: Job): Promise<Job> {
    const handler = options.handlers[job.kind]
    if (handler === undefined) {
      return finish(job, {
        status: 'failed',
        error: `This version of Scrutineer cannot run jobs of the kind "${job.kind}".`,
      })
    }
    const { progress, settled } = progressFor(job)
    const heartbeat = setInterval(() => {
      data.jobs.heartbeat(job.id, iso()).catch((error: unknown) => options.onUnexpectedError?.(job, error))
    }, options.heartbeatMs ?? 10_000)
    heartbeat.unref()
    try {
      const result = await handler(job.payload, progress)
      await settled()
      return await finish(
        job,
        result.ok
          ? { status: 'succeeded', result: result.value }
          : { status: 'failed', error: result.problems.join(' ') },
      )
    } catch (error) {
      options.onUnexpectedError?.(job, error)
      await settled()
      return await finish(job, { status: 'failed', error: UNEXPECTED_FAILURE })
    } finally {
      clearInterval(heartbeat)
    }
  }

  return {
    /** Queues a job; a runner in some web process picks it up. */
    async enqueue(
      input: { kind: string; title: string; queue?: string | null; payload: Record<string, unknown> },
      context: ChangeContext,
    ): Promise<Job> {
      const job = await data.transaction(async (repos) => {
        const queued = await repos.jobs.insert({
          kind: input.kind,
          title: input.title,
          queue: input.queue ?? null,
          payload: input.payload,
          startedBy: context.actor,
          at: iso(),
        })
        await recordChange(
          repos.audit,
          context,
          'job.enqueue',
          { type: 'job', id: queued.id },
          {
            kind: queued.kind,
            title: queued.title,
            queue: queued.queue,
          },
        )
        return queued
      })
      for (const listener of listeners) listener()
      return job
    },

    find(id: number): Promise<Job | null> {
      return data.jobs.find(id)
    },

    /** One job, with who started it by name. */
    async findNamed(id: number): Promise<NamedJob | null> {
      const job = await data.jobs.find(id)
      return job === null ? null : ((await named([job]))[0] ?? null)
    },

    /** The newest jobs first, with who started each by name. */
    async list(options: { limit?: number } = {}): Promise<NamedJob[]> {
      return named(await data.jobs.list(options.limit ?? 50))
    },

    /** How many jobs are ahead of a queued one in its queue (or of any queue, for a job with none). */
    async aheadOf(job: Job): Promise<number> {
      if (job.status !== 'queued') return 0
      const unfinished = await data.jobs.unfinished()
      return unfinished.filter((other) => other.id < job.id && (job.queue === null || other.queue === job.queue)).length
    },

    /**
     * Claims the oldest queued job that may start (nothing else of its queue running), runs it to the end and
     * returns it finished; null when there is nothing to run. The runner calls this in a loop; tests call it to
     * run jobs one at a time.
     */
    async runNext(): Promise<Job | null> {
      let claimed: Job | null
      try {
        claimed = await data.transaction((repos) => repos.jobs.claimNext(runner, iso()))
      } catch (error) {
        // Another process claimed a job of the same queue at the same moment: leave it to them.
        if ((error as { code?: string }).code === '23505') return null
        throw error
      }
      return claimed === null ? null : run(claimed)
    },

    /**
     * Fails the running jobs whose heartbeat is older than `staleAfterMs` (0: every running job, for the embedded
     * database, which one process serves): their process stopped, and their work, all or nothing, was undone.
     */
    async failInterrupted(staleAfterMs: number): Promise<Job[]> {
      const at = iso()
      const staleBefore = new Date(options.now().getTime() - staleAfterMs + (staleAfterMs === 0 ? 1 : 0)).toISOString()
      return data.transaction(async (repos) => {
        const failed = await repos.jobs.failStale(staleBefore, at, (job) => interruptedReason(job.step))
        for (const job of failed) {
          await recordChange(
            repos.audit,
            { actor: JOB_RUNNER_ACTOR },
            'job.interrupted',
            { type: 'job', id: job.id },
            {
              kind: job.kind,
              title: job.title,
              error: job.error,
            },
          )
        }
        return failed
      })
    },

    /** Calls `listener` whenever this process queues a job, so its runner starts it at once. */
    onEnqueued(listener: () => void): () => void {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
}

export type JobService = ReturnType<typeof jobService>

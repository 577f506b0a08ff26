/**
 * Jobs (src/domain/jobs.ts): queued, claimed by one process, their progress and outcome. Claiming takes the oldest
 * queued job whose queue has nothing running, skipping rows another process has locked; the partial unique index
 * `job_one_running_per_queue` refuses a second running job of a queue even if two processes race.
 */
import { sql, type Kysely, type Selectable } from 'kysely'
import type { Job } from '../domain/jobs.ts'
import type { Database, JobTable } from './schema.ts'

function toJob(r: Selectable<JobTable>): Job {
  return {
    id: r.id,
    kind: r.kind,
    title: r.title,
    queue: r.queue,
    status: r.status,
    percent: r.percent,
    step: r.step,
    startedBy: r.started_by,
    createdAt: r.created_at,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    payload: r.payload,
    outcome: r.outcome,
    resultUrl: r.result_url,
    resultLabel: r.result_label,
    error: r.error,
  }
}

export interface JobFinish {
  status: 'succeeded' | 'failed'
  outcome: Record<string, unknown> | null
  resultUrl: string | null
  resultLabel: string | null
  error: string | null
  at: string
}

export function jobRepository(db: Kysely<Database>) {
  return {
    async insert(input: {
      kind: string
      title: string
      queue: string | null
      payload: Record<string, unknown>
      startedBy: string
      at: string
    }): Promise<Job> {
      const row = await db
        .insertInto('job')
        .values({
          kind: input.kind,
          title: input.title,
          queue: input.queue,
          payload: JSON.stringify(input.payload),
          started_by: input.startedBy,
          created_at: input.at,
        })
        .returningAll()
        .executeTakeFirstOrThrow()
      return toJob(row)
    },

    async find(id: number): Promise<Job | null> {
      const row = await db.selectFrom('job').selectAll().where('id', '=', id).executeTakeFirst()
      return row === undefined ? null : toJob(row)
    },

    async list(limit: number): Promise<Job[]> {
      const rows = await db.selectFrom('job').selectAll().orderBy('id', 'desc').limit(limit).execute()
      return rows.map(toJob)
    },

    /** Jobs not yet finished, oldest first: what a queue holds. */
    async unfinished(): Promise<Job[]> {
      const rows = await db
        .selectFrom('job')
        .selectAll()
        .where('status', 'in', ['queued', 'running'])
        .orderBy('id')
        .execute()
      return rows.map(toJob)
    },

    /**
     * Claims the oldest queued job that may start now (call inside a transaction): marks it running for `runner`.
     * Null when there is none. A race with another process for the same queue fails on the unique index.
     */
    async claimNext(runner: string, at: string): Promise<Job | null> {
      const next = await db
        .selectFrom('job as j')
        .select('j.id')
        .where('j.status', '=', 'queued')
        .where((eb) =>
          eb.or([
            eb('j.queue', 'is', null),
            eb.not(
              eb.exists(
                eb
                  .selectFrom('job as r')
                  .select(sql`1`.as('one'))
                  .whereRef('r.queue', '=', 'j.queue')
                  .where('r.status', '=', 'running'),
              ),
            ),
          ]),
        )
        .orderBy('j.id')
        .limit(1)
        .forUpdate()
        .skipLocked()
        .executeTakeFirst()
      if (next === undefined) return null
      const row = await db
        .updateTable('job')
        .set({ status: 'running', started_at: at, heartbeat_at: at, runner, step: 'Starting', percent: 0 })
        .where('id', '=', next.id)
        .where('status', '=', 'queued')
        .returningAll()
        .executeTakeFirst()
      return row === undefined ? null : toJob(row)
    },

    /** Records progress of a running job (and renews its heartbeat); a finished job is left alone. */
    async progress(id: number, percent: number, step: string, at: string): Promise<void> {
      await db
        .updateTable('job')
        .set({ percent, step, heartbeat_at: at })
        .where('id', '=', id)
        .where('status', '=', 'running')
        .execute()
    },

    async heartbeat(id: number, at: string): Promise<void> {
      await db
        .updateTable('job')
        .set({ heartbeat_at: at })
        .where('id', '=', id)
        .where('status', '=', 'running')
        .execute()
    },

    async finish(id: number, finish: JobFinish): Promise<Job | null> {
      const row = await db
        .updateTable('job')
        .set({
          status: finish.status,
          ...(finish.status === 'succeeded' ? { percent: 100 } : {}),
          outcome: finish.outcome === null ? null : JSON.stringify(finish.outcome),
          result_url: finish.resultUrl,
          result_label: finish.resultLabel,
          error: finish.error,
          finished_at: finish.at,
          heartbeat_at: finish.at,
        })
        .where('id', '=', id)
        .where('status', '=', 'running')
        .returningAll()
        .executeTakeFirst()
      return row === undefined ? null : toJob(row)
    },

    /**
     * Fails every running job whose heartbeat is older than `staleBefore` (its process has stopped), with the
     * reason each one's step gives; returns them.
     */
    async failStale(staleBefore: string, at: string, reason: (job: Job) => string): Promise<Job[]> {
      const stale = await db
        .selectFrom('job')
        .selectAll()
        .where('status', '=', 'running')
        .where((eb) => eb.or([eb('heartbeat_at', 'is', null), eb('heartbeat_at', '<', staleBefore)]))
        .forUpdate()
        .skipLocked()
        .execute()
      const failed: Job[] = []
      for (const row of stale) {
        const job = toJob(row)
        const updated = await this.finish(job.id, {
          status: 'failed',
          outcome: null,
          resultUrl: null,
          resultLabel: null,
          error: reason(job),
          at,
        })
        if (updated !== null) failed.push(updated)
      }
      return failed
    },
  }
}

export type JobRepository = ReturnType<typeof jobRepository>

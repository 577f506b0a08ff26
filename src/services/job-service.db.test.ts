import assert from 'node:assert/strict'
import { after, before, beforeEach, describe, it } from 'node:test'
import { sql } from 'kysely'
import { storeTargets } from '../../test/databases.ts'
import { failed, ok } from '../domain/result.ts'
import type { Store } from '../store/connect.ts'
import { dataAccess, type DataAccess } from '../store/data-access.ts'
import { startJobRunner } from './job-runner.ts'
import { jobService, type JobHandler, type JobService } from './job-service.ts'

const officer = { actor: 'user:7', correlationId: 'req-9' }

for (const target of storeTargets()) {
  describe(`jobs on ${target.name}`, { skip: target.skip }, () => {
    let store: Store
    let data: DataAccess
    let clock: Date
    let jobs: JobService
    const seen: string[] = []
    const thrown: unknown[] = []
    let release: (() => void) | null = null

    const handlers: Record<string, JobHandler> = {
      async count(payload, progress) {
        for (let i = 1; i <= 4; i += 1) {
          progress.report(i * 25, `Counting ${i} of 4`)
          // Reports made inside a transaction must not wait for the connection the transaction holds.
          await data.transaction(async (repos) => {
            progress.report(i * 25, `Counted ${i} of 4`)
            await repos.settings.set(`count-${String(payload.name)}`, i, progress.actor)
          })
        }
        seen.push(String(payload.name))
        return ok({
          outcome: { counted: 4, name: String(payload.name) },
          resultUrl: '/somewhere',
          resultLabel: 'See it',
        })
      },
      refuse: () => Promise.resolve(failed(['The file has no figures for April 2018.'])),
      explode: () => Promise.reject(new Error('database password is hunter2')),
      async wait(payload, progress) {
        progress.report(10, 'Waiting')
        await new Promise<void>((resolve) => {
          release = resolve
        })
        seen.push(String(payload.name))
        return ok({ outcome: {}, resultUrl: null, resultLabel: null })
      },
    }

    before(async () => {
      if (!target.open) return
      store = await target.open()
      data = dataAccess(store)
      clock = new Date('2018-05-14T09:00:00Z')
      jobs = jobService(data, { now: () => clock, handlers, onUnexpectedError: (_job, error) => thrown.push(error) })
    })
    after(async () => {
      await store.close()
    })
    beforeEach(async () => {
      // Each test starts with no unfinished jobs, so runNext picks only its own.
      await sql`update job set status = 'failed' where status in ('queued', 'running')`.execute(store.db)
      seen.length = 0
      thrown.length = 0
    })

    it('queues a job, runs it to the end with its progress, and audits both', async () => {
      const queued = await jobs.enqueue({ kind: 'count', title: 'Count to four', payload: { name: 'a' } }, officer)
      assert.equal(queued.status, 'queued')
      assert.equal(queued.percent, 0)
      assert.equal(queued.startedBy, 'user:7')
      assert.equal(queued.createdAt, '2018-05-14T09:00:00.000Z')

      clock = new Date('2018-05-14T09:01:00Z')
      const done = await jobs.runNext()
      assert.equal(done?.id, queued.id)
      assert.equal(done?.status, 'succeeded')
      assert.equal(done?.percent, 100)
      assert.deepEqual(done?.outcome, { counted: 4, name: 'a' })
      assert.equal(done?.resultUrl, '/somewhere')
      assert.equal(done?.resultLabel, 'See it')
      assert.equal(done?.startedAt, '2018-05-14T09:01:00.000Z')
      assert.equal(done?.finishedAt, '2018-05-14T09:01:00.000Z')
      assert.equal(await data.settings.get('count-a'), 4)
      assert.deepEqual(seen, ['a'])

      const events = await data.audit.list({ subjectType: 'job', subjectId: String(queued.id) })
      assert.deepEqual(events.map((e) => e.action).sort(), ['job.enqueue', 'job.succeed'])
      assert.ok(events.every((e) => e.actor === 'user:7'))
      assert.equal(await jobs.runNext(), null, 'nothing left to run')
    })

    it('fails a job with the words its handler gives', async () => {
      const queued = await jobs.enqueue({ kind: 'refuse', title: 'Refuse', payload: {} }, officer)
      const done = await jobs.runNext()
      assert.equal(done?.id, queued.id)
      assert.equal(done?.status, 'failed')
      assert.equal(done?.error, 'The file has no figures for April 2018.')
      assert.equal(done?.resultUrl, null)
    })

    it('fails a job whose handler throws with a general sentence, never the error itself', async () => {
      await jobs.enqueue({ kind: 'explode', title: 'Explode', payload: {} }, officer)
      const done = await jobs.runNext()
      assert.equal(done?.status, 'failed')
      assert.match(done?.error ?? '', /Something went wrong while running this job/)
      assert.doesNotMatch(done?.error ?? '', /hunter2/)
      assert.equal(thrown.length, 1, 'the error is handed to the log')
    })

    it('fails a job of a kind nobody can run', async () => {
      await jobs.enqueue({ kind: 'teleport', title: 'Teleport', payload: {} }, officer)
      const done = await jobs.runNext()
      assert.equal(done?.status, 'failed')
      assert.match(done?.error ?? '', /cannot run jobs of the kind "teleport"/)
    })

    it('runs at most one job of a queue at a time, and the next once it ends', async () => {
      const first = await jobs.enqueue(
        { kind: 'wait', title: 'First', queue: 'dataset:monthly', payload: { name: '1' } },
        officer,
      )
      const second = await jobs.enqueue(
        { kind: 'count', title: 'Second', queue: 'dataset:monthly', payload: { name: '2' } },
        officer,
      )
      const other = await jobs.enqueue(
        { kind: 'count', title: 'Other', queue: 'dataset:early-help', payload: { name: '3' } },
        officer,
      )

      const running = jobs.runNext()
      while ((await jobs.find(first.id))?.status !== 'running') await new Promise((r) => setTimeout(r, 5))
      const waiting = await jobs.find(second.id)
      assert.ok(waiting)
      assert.equal(await jobs.aheadOf(waiting), 1)
      // The second of the same queue waits; the other queue's job may run.
      const next = await jobs.runNext()
      assert.equal(next?.id, other.id)
      assert.equal(await jobs.runNext(), null, 'the second monthly job waits for the first')
      assert.equal((await jobs.find(second.id))?.status, 'queued')

      release?.()
      assert.equal((await running)?.status, 'succeeded')
      assert.equal((await jobs.runNext())?.id, second.id)
      assert.deepEqual(seen, ['3', '1', '2'])
    })

    it('the database refuses a second running job of a queue, whichever process claims it', async () => {
      const a = await jobs.enqueue({ kind: 'count', title: 'A', queue: 'q', payload: {} }, officer)
      const b = await jobs.enqueue({ kind: 'count', title: 'B', queue: 'q', payload: {} }, officer)
      await sql`update job set status = 'running' where id = ${a.id}`.execute(store.db)
      await assert.rejects(
        sql`update job set status = 'running' where id = ${b.id}`.execute(store.db),
        /unique|duplicate/i,
      )
    })

    it('fails the jobs a stopped server left running, saying where they were, and leaves fresh ones alone', async () => {
      clock = new Date('2018-05-14T09:00:00Z')
      const stale = await jobs.enqueue({ kind: 'count', title: 'Stale', payload: {} }, officer)
      const fresh = await jobs.enqueue({ kind: 'count', title: 'Fresh', payload: {} }, officer)
      await sql`update job set status = 'running', step = 'Storing list 3 of 11', heartbeat_at = ${'2018-05-14T08:00:00Z'} where id = ${stale.id}`.execute(
        store.db,
      )
      await sql`update job set status = 'running', step = 'Reading', heartbeat_at = ${'2018-05-14T08:59:30Z'} where id = ${fresh.id}`.execute(
        store.db,
      )

      const failedJobs = await jobs.failInterrupted(60_000)
      assert.deepEqual(
        failedJobs.map((j) => j.id),
        [stale.id],
      )
      const after = await jobs.find(stale.id)
      assert.equal(after?.status, 'failed')
      assert.match(after?.error ?? '', /stopped while this job was running \(at the step "Storing list 3 of 11"\)/)
      assert.equal((await jobs.find(fresh.id))?.status, 'running')
      const events = await data.audit.list({ subjectType: 'job', subjectId: String(stale.id) })
      assert.equal(events.find((e) => e.action === 'job.interrupted')?.actor, 'system:job-runner')

      // The embedded database's rule at start-up: everything running was cut off.
      assert.deepEqual(
        (await jobs.failInterrupted(0)).map((j) => j.id),
        [fresh.id],
      )
    })

    it('a runner starts a job as soon as this process queues it and stops cleanly', async () => {
      const ended: number[] = []
      const runner = await startJobRunner(jobs, {
        staleAfterMs: 60_000,
        pollMs: 60_000,
        onJobFinished: (j) => ended.push(j.id),
      })
      const queued = await jobs.enqueue({ kind: 'count', title: 'Soon', payload: { name: 'soon' } }, officer)
      while ((await jobs.find(queued.id))?.status !== 'succeeded') await new Promise((r) => setTimeout(r, 10))
      await runner.stop()
      assert.deepEqual(ended, [queued.id])
    })

    it('names who started a job', async () => {
      const accountId =
        (
          await sql<{
            id: number
          }>`insert into app_user (email, name, role, password_hash) values ('po@council.gov.uk', 'Pat Officer', 'performance-officer', 'x') returning id`.execute(
            store.db,
          )
        ).rows[0]?.id ?? assert.fail('no account')
      const queued = await jobs.enqueue({ kind: 'count', title: 'Named', payload: {} }, { actor: `user:${accountId}` })
      assert.equal((await jobs.findNamed(queued.id))?.startedByName, 'Pat Officer')
      const cli = await jobs.enqueue({ kind: 'count', title: 'CLI', payload: {} }, { actor: 'cli:alice' })
      assert.equal((await jobs.findNamed(cli.id))?.startedByName, 'cli:alice')
    })
  })
}

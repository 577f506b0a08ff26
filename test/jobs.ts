/**
 * Forms whose work runs as a job (publishing a document pack, loading an upload): post the form, follow the
 * redirect to the job's page, and run the job here, as the server's runner would, so the test can look at the
 * result straight after.
 */
import assert from 'node:assert/strict'
import type { FastifyInstance } from 'fastify'
import type { Job } from '../src/domain/jobs.ts'
import type { Services } from '../src/services/index.ts'

/** Posts a form that queues a job, checks it answered 303 to the job's page, runs the job and returns it finished. */
export async function postAndRunJob(
  app: FastifyInstance,
  services: Pick<Services, 'jobs'>,
  request: { url: string; cookies: Record<string, string>; payload: Record<string, string> },
): Promise<Job> {
  const response = await app.inject({ method: 'POST', ...request })
  assert.equal(response.statusCode, 303, response.body.slice(0, 500))
  const id = /^\/jobs\/(\d+)$/.exec(String(response.headers.location))?.[1]
  assert.ok(id !== undefined, `redirected to ${String(response.headers.location)}, not a job`)
  const ran = await services.jobs.runNext()
  assert.equal(ran?.id, Number(id), 'the job the form queued is the one that ran')
  return ran
}

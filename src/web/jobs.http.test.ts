import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { FastifyInstance } from 'fastify'
import { demoApp } from '../../test/app.ts'
import { signedInAs } from '../../test/sign-in.ts'
import type { Services } from '../services/index.ts'

describe('job pages', () => {
  let app: FastifyInstance
  let services: Services
  let close: () => Promise<void>
  let officer: Record<string, string> = {}

  before(async () => {
    ;({ app, services, close } = await demoApp())
    officer = (await signedInAs(app, services, 'performance-officer', 'Pat Officer')).cookies
  })
  after(async () => {
    await close()
  })

  it('shows a queued job as waiting, with a refresh link and the progress script hook', async () => {
    const job = await services.jobs.enqueue(
      { kind: 'nothing-runs-this', title: 'Load monthly figures from april.csv', payload: { secret: 'upload 42' } },
      { actor: 'user:1' },
    )
    const page = await app.inject({ url: `/jobs/${job.id}`, cookies: officer })
    assert.equal(page.statusCode, 200)
    assert.equal(page.headers['cache-control'], 'no-store')
    assert.match(page.body, /<h1 class="govuk-heading-l">Load monthly figures from april.csv<\/h1>/)
    assert.match(page.body, /Waiting to start/)
    assert.match(page.body, /<progress id="job-progress"[^>]*value="0"/)
    assert.match(page.body, new RegExp(`data-job-url="/jobs/${job.id}.json"`))
    assert.match(page.body, new RegExp(`href="/jobs/${job.id}">Refresh this page`))
    assert.doesNotMatch(page.body, /upload 42/, 'the payload stays on the server')

    const json = await app.inject({ url: `/jobs/${job.id}.json`, cookies: officer })
    assert.equal(json.statusCode, 200)
    const body = json.json<Record<string, unknown>>()
    assert.equal(body.status, 'queued')
    assert.equal(body.finished, false)
    assert.equal(body.progressText, 'Waiting to start')
    assert.equal(body.payload, undefined)

    // Nobody can run this kind: it fails, and the page says why with no refresh link or progress bar.
    assert.equal((await services.jobs.runNext())?.status, 'failed')
    const failedPage = await app.inject({ url: `/jobs/${job.id}`, cookies: officer })
    assert.match(failedPage.body, /The job did not finish/)
    assert.match(failedPage.body, /cannot run jobs of the kind/)
    assert.doesNotMatch(failedPage.body, /Refresh this page|<progress/)
    assert.equal(
      (await app.inject({ url: `/jobs/${job.id}.json`, cookies: officer })).json<{ finished: boolean }>().finished,
      true,
    )

    const list = await app.inject({ url: '/jobs', cookies: officer })
    assert.equal(list.statusCode, 200)
    assert.match(list.body, new RegExp(`href="/jobs/${job.id}">Load monthly figures from april.csv`))
  })

  it('answers 404 for a job that does not exist, in JSON for the JSON address', async () => {
    assert.equal((await app.inject({ url: '/jobs/999999', cookies: officer })).statusCode, 404)
    assert.equal((await app.inject({ url: '/jobs/abc', cookies: officer })).statusCode, 404)
    const json = await app.inject({ url: '/jobs/999999.json', cookies: officer })
    assert.equal(json.statusCode, 404)
    assert.deepEqual(json.json(), { error: 'There is no such job.' })
  })

  it('is not for the public, indicator owners or panel members', async () => {
    const job = await services.jobs.enqueue({ kind: 'x', title: 'Private', payload: {} }, { actor: 'user:1' })
    const anonymous = await app.inject({ url: `/jobs/${job.id}` })
    assert.equal(anonymous.statusCode, 303)
    assert.match(String(anonymous.headers.location), /^\/sign-in/)
    const owner = (await signedInAs(app, services, 'indicator-owner')).cookies
    assert.equal((await app.inject({ url: `/jobs/${job.id}.json`, cookies: owner })).statusCode, 403)
    const member = (await signedInAs(app, services, 'panel-member')).cookies
    assert.equal((await app.inject({ url: '/jobs', cookies: member })).statusCode, 403)
  })
})

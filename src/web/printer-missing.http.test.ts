/**
 * Publishing a meeting's pack when the printer (Debian's Chromium) is missing or broken: the meeting page says so
 * with the command that installs it, with 503, the log says it too, and nothing is published. Never a 500.
 */
import assert from 'node:assert/strict'
import { after, before, beforeEach, describe, it } from 'node:test'
import type { FastifyInstance } from 'fastify'
import { demoStore } from '../../test/app.ts'
import { signedInAs } from '../../test/sign-in.ts'
import { services as buildServices, type Services } from '../services/index.ts'
import type { Store } from '../store/connect.ts'
import { createApp } from './app.ts'

describe('publishing a document pack without a working Chromium', () => {
  let app: FastifyInstance
  let services: Services
  let store: Store
  let clerk: { cookies: Record<string, string>; csrfToken: string }
  const logged: Array<{ level: number; msg: string; meetingId?: number }> = []
  const chromiumPath = process.env.CHROMIUM_PATH

  before(async () => {
    store = await demoStore()
    services = buildServices(store, { maxImportBytes: 20 * 1024 * 1024, councilName: 'Demo City Council' })
    app = await createApp(services, {
      environment: 'test',
      cookieSecret: 'test-secret-test-secret-test-secret',
      logger: { level: 'warn', stream: { write: (line: string) => logged.push(JSON.parse(line) as never) } },
      // A Chromium that is there but broken is found out only when the job prints: the server's runner runs it.
      jobRunner: { staleAfterMs: 0, pollMs: 50 },
    })
    await app.ready()
    clerk = await signedInAs(app, services, 'democratic-services')
  })
  beforeEach(() => {
    logged.length = 0
  })
  after(async () => {
    if (chromiumPath === undefined) delete process.env.CHROMIUM_PATH
    else process.env.CHROMIUM_PATH = chromiumPath
    await app.close()
    await store.close()
  })

  async function publish() {
    const before = await services.documentPacks.latest(2)
    const response = await app.inject({
      method: 'POST',
      url: '/meetings/2/pack',
      cookies: clerk.cookies,
      payload: { _csrf: clerk.csrfToken, note: '' },
    })
    // Nothing was published.
    assert.deepEqual(await services.documentPacks.latest(2), before)
    return response
  }

  it('says Chromium is missing and how to install it, on the meeting page (503) and in the log', async () => {
    process.env.CHROMIUM_PATH = '/nonexistent/chromium'
    const response = await publish()
    assert.equal(response.statusCode, 503)
    assert.match(response.body, /<title>Error: /)
    assert.match(response.body, /govuk-error-summary/)
    assert.match(response.body, /Chromium was not found at \/nonexistent\/chromium/)
    assert.match(response.body, /\(sudo apt-get install chromium\)/)
    // The page is the meeting page, with its pack form to try again once it is installed.
    assert.match(response.body, /id="document-pack"/)
    assert.equal(logged.length, 1)
    assert.equal(logged[0]?.level, 50)
    assert.equal(logged[0]?.meetingId, 2)
    assert.match(
      logged[0]?.msg ?? '',
      /Chromium was not found at \/nonexistent\/chromium\. .*sudo apt-get install chromium/,
    )
  })

  it('says Chromium would not start, and how to reinstall it, when the file is there but is not a browser', async () => {
    process.env.CHROMIUM_PATH = '/bin/false'
    const before = await services.documentPacks.latest(2)
    const response = await app.inject({
      method: 'POST',
      url: '/meetings/2/pack',
      cookies: clerk.cookies,
      payload: { _csrf: clerk.csrfToken, note: '' },
    })
    // The file is there, so the printing job is queued; it fails, saying why, and publishes nothing.
    assert.equal(response.statusCode, 303)
    const jobUrl = String(response.headers.location)
    const id = Number(/^\/jobs\/(\d+)$/.exec(jobUrl)?.[1])
    let job = await services.jobs.find(id)
    while (job !== null && job.status !== 'failed' && job.status !== 'succeeded') {
      await new Promise((resolve) => setTimeout(resolve, 50))
      job = await services.jobs.find(id)
    }
    assert.equal(job?.status, 'failed')
    assert.deepEqual(await services.documentPacks.latest(2), before)
    const page = await app.inject({ url: jobUrl, cookies: clerk.cookies })
    assert.match(page.body, /Chromium at \/bin\/false would not start/)
    assert.match(page.body, /sudo apt-get install --reinstall chromium/)
    assert.match(logged.find((l) => l.level === 50)?.msg ?? '', /would not start/)
  })
})

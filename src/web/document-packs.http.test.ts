/**
 * Publishing and downloading the Public Document Pack through the app, with the real services (and so Debian's
 * Chromium: each publish prints the pack).
 */
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { FastifyInstance } from 'fastify'
import { PDFDocument } from 'pdf-lib'
import { demoApp } from '../../test/app.ts'
import { postAndRunJob } from '../../test/jobs.ts'
import { signedInAs } from '../../test/sign-in.ts'
import type { Services } from '../services/index.ts'

describe('the Public Document Pack on the web', () => {
  let app: FastifyInstance
  let services: Services
  let close: () => Promise<void>
  let officer: { cookies: Record<string, string>; csrfToken: string }

  before(async () => {
    ;({ app, services, close } = await demoApp())
    officer = await signedInAs(app, services, 'democratic-services')
  })
  after(async () => {
    await close()
  })

  it('has no PDF until democratic services publishes one, and offers them the button', async () => {
    assert.equal((await app.inject('/meetings/2/pack.pdf')).statusCode, 404)
    const page = await app.inject({ url: '/meetings/2', cookies: officer.cookies })
    assert.match(page.body, /The document pack has not been published yet/)
    assert.match(page.body, /action="\/meetings\/2\/pack"/)
    assert.match(page.body, /Publish the document pack/)
    // 7 June 2018 is long past: the officer is warned before pressing the button.
    assert.match(page.body, /This meeting took place on Thursday 7 June 2018\. Publishing now adds a version/)
    const publicPage = await app.inject('/meetings/2')
    assert.doesNotMatch(publicPage.body, /action="\/meetings\/2\/pack"/)
  })

  it('publishes version 1; anyone downloads it; the agenda shows the pages it was printed with', async () => {
    // Printing runs as a job: the officer follows it on its page, which links the meeting once it is done.
    const job = await postAndRunJob(app, services, {
      url: '/meetings/2/pack',
      cookies: officer.cookies,
      payload: { _csrf: officer.csrfToken },
    })
    assert.equal(job.status, 'succeeded', job.error ?? '')
    assert.equal(job.resultUrl, '/meetings/2#document-pack')
    assert.equal(job.outcome?.version, 1)
    const jobPage = await app.inject({ url: `/jobs/${job.id}`, cookies: officer.cookies })
    assert.match(jobPage.body, /Publish the document pack: Children and Families Scrutiny Panel, Thursday 7 June 2018/)
    assert.match(
      jobPage.body,
      /href="\/meetings\/2\?done=papers-published#document-pack">Open the meeting and its published pack/,
    )

    const pdf = await app.inject('/meetings/2/pack.pdf')
    assert.equal(pdf.statusCode, 200)
    assert.equal(pdf.headers['content-type'], 'application/pdf')
    assert.equal(
      pdf.headers['content-disposition'],
      'inline; filename="children-and-families-scrutiny-panel-2018-06-07-public-document-pack-v1.pdf"',
    )
    const doc = await PDFDocument.load(pdf.rawPayload)
    const latest = await services.documentPacks.latest(2)
    assert.equal(doc.getPageCount(), latest?.pack.pageCount)

    const page = await app.inject('/meetings/2')
    // Over a megabyte since the dataset's appendix carries its SPC charts (about 14 KB each).
    assert.match(
      page.body,
      /href="\/meetings\/2\/pack.pdf">Public Document Pack<\/a> \(PDF, (\d+ KB|\d+(\.\d)? MB), \d+ pages\)/,
    )
    assert.match(page.body, /Version 1, published/)
    const view = await services.meetings.getMeeting(2)
    const minutes = view?.agenda.find((i) => i.kind === 'previous-minutes')
    assert.deepEqual(minutes?.pages, { from: 1, to: latest?.pack.pages[0]?.to })
    assert.match(
      page.body,
      /Minutes of the previous meeting \(including matters arising\) <span class="govuk-body-s">\(Page/,
    )
  })

  it('warns democratic services, not the public, that a pack published today gives no clear days for a 2018 meeting', async () => {
    const page = await app.inject({ url: '/meetings/2', cookies: officer.cookies })
    assert.match(page.body, /Published with 0 clear days&#39; notice, fewer than the 5 the law requires/)
    assert.doesNotMatch((await app.inject('/meetings/2')).body, /clear days/)
  })

  it('publishes a supplement as version 2, stamped on the front sheet and named in the file', async () => {
    const job = await postAndRunJob(app, services, {
      url: '/meetings/2/pack',
      cookies: officer.cookies,
      payload: { _csrf: officer.csrfToken, note: 'supplement: appendix 2 to item 9' },
    })
    assert.equal(job.status, 'succeeded', job.error ?? '')
    const pdf = await app.inject('/meetings/2/pack.pdf')
    assert.match(String(pdf.headers['content-disposition']), /-v2\.pdf"$/)
    const page = await app.inject('/meetings/2')
    assert.match(
      page.body,
      /Version 2, published \d+ \w+ \d{4} at \d{1,2}\.\d\d [ap]m — supplement: appendix 2 to item 9/,
    )
    const officerPage = await app.inject({ url: '/meetings/2', cookies: officer.cookies })
    assert.match(officerPage.body, /Publish a new version/)
  })

  it('does not let a panel member or the public publish', async () => {
    const member = await signedInAs(app, services, 'panel-member')
    const asMember = await app.inject({
      method: 'POST',
      url: '/meetings/2/pack',
      cookies: member.cookies,
      payload: { _csrf: member.csrfToken },
    })
    assert.equal(asMember.statusCode, 403)
    assert.equal((await services.documentPacks.latest(2))?.pack.version, 2)
    const memberPage = await app.inject({ url: '/meetings/2', cookies: member.cookies })
    assert.doesNotMatch(memberPage.body, /Publish a new version/)
    assert.equal((await app.inject({ url: '/meetings/2/pack.pdf', cookies: member.cookies })).statusCode, 200)
  })

  describe('edge cases', () => {
    it('refuses a note over 200 characters with an error summary, publishing nothing', async () => {
      const response = await app.inject({
        method: 'POST',
        url: '/meetings/2/pack',
        cookies: officer.cookies,
        payload: { _csrf: officer.csrfToken, note: 'x'.repeat(201) },
      })
      assert.equal(response.statusCode, 400)
      assert.match(response.body, /There is a problem/)
      assert.match(response.body, /<title>Error: /)
      assert.match(response.body, /href="#pack-note">Say what changed in 200 characters or fewer/)
      // The page comes back whole: its report link and the officer's agenda link, as when it was first opened.
      assert.match(response.body, /href="\/meetings\/2\/items\/9"/)
      assert.match(response.body, /href="\/meetings\/2\/agenda"/)
      assert.equal((await services.documentPacks.latest(2))?.pack.version, 2)
    })

    it('answers 404 for a meeting that does not exist or an id that is not a number', async () => {
      const post = await app.inject({
        method: 'POST',
        url: '/meetings/999/pack',
        cookies: officer.cookies,
        payload: { _csrf: officer.csrfToken },
      })
      assert.equal(post.statusCode, 404)
      assert.equal((await app.inject('/meetings/999/pack.pdf')).statusCode, 404)
      assert.equal((await app.inject('/meetings/abc/pack.pdf')).statusCode, 404)
      // A meeting with no pack yet (22 March 2018).
      assert.equal((await app.inject('/meetings/1/pack.pdf')).statusCode, 404)
    })

    it('queues a second publication of the same meeting behind the first, and shows each printing part by part', async () => {
      const post = (note: string) =>
        app.inject({
          method: 'POST',
          url: '/meetings/2/pack',
          cookies: officer.cookies,
          payload: { _csrf: officer.csrfToken, note },
        })
      const jobOf = (response: { headers: Record<string, unknown> }) =>
        Number(/^\/jobs\/(\d+)$/.exec(String(response.headers.location))?.[1])
      const first = jobOf(await post('first of two'))
      const second = jobOf(await post('second of two'))
      assert.ok(first > 0 && second > first)
      // Two publications of one meeting never print at once: the second waits for the first.
      const waiting = await app.inject({ url: `/jobs/${second}`, cookies: officer.cookies })
      assert.match(waiting.body, /Waiting to start: 1 job ahead of it/)

      const running = services.jobs.runNext()
      const steps = new Set<string>()
      let job = await services.jobs.find(first)
      while (job !== null && job.status !== 'succeeded' && job.status !== 'failed') {
        const json = await app.inject({ url: `/jobs/${first}.json`, cookies: officer.cookies })
        const seen = JSON.parse(json.body) as { percent: number; step: string }
        if (/^Printing/.test(seen.step)) steps.add(`${seen.percent}% ${seen.step}`)
        await new Promise((resolve) => setTimeout(resolve, 20))
        job = await services.jobs.find(first)
      }
      assert.equal((await running)?.id, first)
      assert.ok(
        [...steps].some((s) => /^\d+% Printing the Public Document Pack: .+ \(part \d+ of \d+\)$/.test(s)),
        [...steps].join(' | '),
      )
      // The first has finished, so the second may run now.
      const next = await services.jobs.runNext()
      assert.equal(next?.id, second)
      assert.equal(next.status, 'succeeded', next.error ?? '')
      const versions = [await services.jobs.find(first), next].map((j) => j?.outcome?.version)
      assert.deepEqual(versions, [3, 4])
      assert.match((await app.inject('/meetings/2')).body, /Version 4, published .* — second of two/)
    })
  })
})

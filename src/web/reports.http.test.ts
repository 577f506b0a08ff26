import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { FastifyInstance } from 'fastify'
import { demoApp } from '../../test/app.ts'
import { multipart } from '../../test/multipart.ts'
import { signedInAs } from '../../test/sign-in.ts'
import type { Services } from '../services/index.ts'
import { onePagePdf } from '../../test/pdf.ts'

describe('reports on the web', () => {
  let app: FastifyInstance
  let services: Services
  let close: () => Promise<void>
  let meetingId: number
  let clerk: { cookies: Record<string, string>; csrfToken: string }
  let member: { cookies: Record<string, string>; csrfToken: string }

  async function upload(item: number, fields: Record<string, string>, file: Parameters<typeof multipart>[1]) {
    const body = multipart({ _csrf: clerk.csrfToken, ...fields }, file)
    return app.inject({
      method: 'POST',
      url: `/meetings/${meetingId}/items/${item}/appendices/upload`,
      cookies: clerk.cookies,
      ...body,
    })
  }

  async function appendixIds(item: number): Promise<number[]> {
    return ((await services.reports.itemReport(meetingId, item))?.appendices ?? []).map((a) => a.id)
  }

  before(async () => {
    ;({ app, services, close } = await demoApp({ rateLimitPerMinute: 10_000 }))
    const meeting = (await services.meetings.allMeetings()).find((e) => e.meeting.date === '2018-06-07')
    assert.ok(meeting)
    meetingId = meeting.meeting.id
    clerk = await signedInAs(app, services, 'democratic-services')
    member = await signedInAs(app, services, 'panel-member')
  })
  after(async () => {
    await close()
  })

  it('shows the public the demo cover sheet of item 9 in the template order, linked from the meeting', async () => {
    const meeting = await app.inject(`/meetings/${meetingId}`)
    assert.match(meeting.body, new RegExp(`href="/meetings/${meetingId}/items/9"`))
    const page = await app.inject(`/meetings/${meetingId}/items/9`)
    assert.equal(page.statusCode, 200)
    const order = [
      'Decision-maker',
      'Date of decision',
      'Report of',
      'Contact details',
      'Statement of confidentiality',
      'Brief summary',
      'Recommendations',
      'Reasons for report recommendations',
      'Alternative options considered and rejected',
      'Detail (including consultation carried out)',
      'Resource implications',
      'Legal implications',
      'Risk management implications',
      'Policy framework implications',
      'Key decision?',
      'Wards/communities affected',
      'Appendices',
      "Documents in Members' Rooms",
      'Equality Impact Assessment',
      // The template in force in June 2018 (seed 001), before the DPIA replaced it.
      'Privacy Impact Assessment',
      'Do the implications/subject of the report require a Privacy Impact Assessment (PIA) to be carried out.',
      'Other background documents',
      'Equality Impact Assessment and Other Background documents available for inspection at:',
    ]
    // Each section is found after the one before it.
    let from = page.body.indexOf('govuk-summary-list')
    for (const text of order) {
      const at = page.body.indexOf(text, from)
      assert.ok(at > from, `"${text}" is missing or out of order`)
      from = at
    }
    assert.match(page.body, /\(i\) That the Panel consider and challenge the performance/)
    assert.match(page.body, /11\. Improving the effectiveness/)
    // The contact block carries the job title the seeds give the author.
    assert.match(page.body, /Title: Scrutiny Manager<br>Mark Pirnie/)
    assert.doesNotMatch(page.body, /Data Protection Impact Assessment/)
    assert.match(page.body, /href="\/datasets\/monthly\/2018-04">Children and Families Monthly Dataset – April 2018/)
    assert.doesNotMatch(page.body, /Edit the report/)
  })

  it('lets democratic services upload a PDF appendix that the public then downloads', async () => {
    const bytes = await onePagePdf('Early help dataset')
    const response = await upload(
      9,
      { title: 'Early Help Dataset – April 2018' },
      {
        name: 'early-help.pdf',
        bytes,
        type: 'application/pdf',
      },
    )
    assert.equal(response.statusCode, 303, response.body.slice(0, 500))
    const id = (await appendixIds(9)).at(-1)
    const page = await app.inject(`/meetings/${meetingId}/items/9`)
    assert.match(page.body, new RegExp(`href="/reports/appendices/${id}">Early Help Dataset – April 2018`))
    const download = await app.inject(`/reports/appendices/${id}`)
    assert.equal(download.statusCode, 200)
    assert.equal(download.headers['content-type'], 'application/pdf')
    assert.match(String(download.headers['content-disposition']), /attachment; filename="early-help\.pdf"/)
    assert.deepEqual(new Uint8Array(download.rawPayload), bytes)
  })

  it("keeps a Members' Room upload from the public (sent to sign in) and gives it to a panel member", async () => {
    const response = await upload(
      9,
      { membersRoomOnly: 'yes' },
      {
        name: 'exempt.pdf',
        bytes: await onePagePdf('exempt'),
        type: 'application/pdf',
      },
    )
    assert.equal(response.statusCode, 303)
    const id = (await appendixIds(9)).at(-1)
    const signedOut = await app.inject(`/reports/appendices/${id}`)
    assert.equal(signedOut.statusCode, 303)
    assert.match(signedOut.headers.location ?? '', /^\/sign-in\?returnTo=/)
    assert.equal((await app.inject({ url: `/reports/appendices/${id}`, cookies: member.cookies })).statusCode, 200)
    const publicPage = await app.inject(`/meetings/${meetingId}/items/9`)
    assert.doesNotMatch(publicPage.body, /exempt/)
    const memberPage = await app.inject({ url: `/meetings/${meetingId}/items/9`, cookies: member.cookies })
    assert.match(memberPage.body, new RegExp(`href="/reports/appendices/${id}">exempt`))
  })

  it('refuses a panel member who tries to edit a report', async () => {
    const form = await app.inject({ url: `/meetings/${meetingId}/items/9/report`, cookies: member.cookies })
    assert.equal(form.statusCode, 403)
    const post = await app.inject({
      method: 'POST',
      url: `/meetings/${meetingId}/items/9/report`,
      cookies: member.cookies,
      payload: { _csrf: member.csrfToken, subject: 'Changed' },
    })
    assert.equal(post.statusCode, 403)
    const body = multipart(
      { _csrf: member.csrfToken },
      { name: 'x.pdf', bytes: await onePagePdf('x'), type: 'application/pdf' },
    )
    const uploaded = await app.inject({
      method: 'POST',
      url: `/meetings/${meetingId}/items/9/appendices/upload`,
      cookies: member.cookies,
      ...body,
    })
    assert.equal(uploaded.statusCode, 403)
  })

  it('writes a report through the form and shows hostile text inert', async () => {
    const form = await app.inject({ url: `/meetings/${meetingId}/items/8/report`, cookies: clerk.cookies })
    assert.equal(form.statusCode, 200)
    const response = await app.inject({
      method: 'POST',
      url: `/meetings/${meetingId}/items/8/report`,
      cookies: clerk.cookies,
      payload: {
        _csrf: clerk.csrfToken,
        decisionMaker: 'Children and Families Scrutiny Panel',
        subject: 'Children and Families Services <script>alert(1)</script>',
        'dateOfDecision-day': '7',
        'dateOfDecision-month': '6',
        'dateOfDecision-year': '2018',
        reportOf: 'Service Director',
        contacts: 'Author | Mark Pirnie | 023 8083 3886 | mark@example.gov.uk',
        briefSummary: '<img src=x onerror=alert(2)>',
        recommendations: 'That the Panel note the services',
        keyDecision: 'no',
        equalityImpactAssessment: 'no',
        dataProtectionImpactAssessment: 'no',
      },
    })
    assert.equal(response.statusCode, 303, response.body.slice(0, 500))
    const page = await app.inject(`/meetings/${meetingId}/items/8`)
    assert.doesNotMatch(page.body, /<script>alert|<img src=x/)
    assert.match(page.body, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/)
    assert.match(page.body, /&lt;img src=x onerror=alert\(2\)&gt;/)
  })

  it('lets democratic services add, move and remove an agenda item', async () => {
    const editor = await app.inject({ url: `/meetings/${meetingId}/agenda`, cookies: clerk.cookies })
    assert.equal(editor.statusCode, 200)
    const added = await app.inject({
      method: 'POST',
      url: `/meetings/${meetingId}/agenda/items`,
      cookies: clerk.cookies,
      payload: { _csrf: clerk.csrfToken, title: 'Early Help', description: 'Report of the Service Director' },
    })
    assert.equal(added.statusCode, 303)
    const agenda = (await services.meetings.getMeeting(meetingId))?.agenda ?? []
    const item = agenda.at(-1)
    assert.equal(item?.title, 'Early Help')
    const moved = await app.inject({
      method: 'POST',
      url: `/meetings/${meetingId}/agenda/items/${item?.id}/move`,
      cookies: clerk.cookies,
      payload: { _csrf: clerk.csrfToken, direction: 'up' },
    })
    assert.equal(moved.statusCode, 303)
    const after = (await services.meetings.getMeeting(meetingId))?.agenda ?? []
    assert.equal(after.at(-2)?.title, 'Early Help')
    const removed = await app.inject({
      method: 'POST',
      url: `/meetings/${meetingId}/agenda/items/${item?.id}/remove`,
      cookies: clerk.cookies,
      payload: { _csrf: clerk.csrfToken },
    })
    assert.equal(removed.statusCode, 303)
    assert.equal((await services.meetings.getMeeting(meetingId))?.agenda.length, agenda.length - 1)
  })

  it('offers every published month of every dataset as an appendix, and adds a non-monthly one', async () => {
    const context = { actor: 'test' }
    assert.ok(
      (
        await services.datasets.create(
          { id: 'edge-of-care', title: 'Edge of Care Dataset', indicatorIds: ['uha-started', 'mash-24h'] },
          context,
        )
      ).ok,
    )
    assert.ok((await services.publications.publish('edge-of-care', '2018-04', 'director@council')).ok)
    const form = await app.inject({ url: `/meetings/${meetingId}/items/9/report`, cookies: clerk.cookies })
    assert.equal(form.statusCode, 200)
    assert.match(
      form.body,
      /<option value="monthly\/2018-04">Children and Families Monthly Dataset – April 2018 \(version 1\)<\/option>/,
    )
    assert.match(
      form.body,
      /<option value="edge-of-care\/2018-04">Edge of Care Dataset – April 2018 \(version 1\)<\/option>/,
    )
    // Nobody types a month any more.
    assert.doesNotMatch(form.body, /name="period"/)

    const post = (payload: string) =>
      app.inject({
        method: 'POST',
        url: `/meetings/${meetingId}/items/9/appendices`,
        cookies: clerk.cookies,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: `_csrf=${encodeURIComponent(clerk.csrfToken)}&${payload}`,
      })
    const before = await appendixIds(9)
    const noMonth = await post('kind=dataset-pack&month=')
    assert.equal(noMonth.statusCode, 400)
    assert.match(noMonth.body, /href="#month">Choose a published month/)
    assert.match(noMonth.body, /value="dataset-pack" checked/)
    const typed = await post('kind=dataset-pack&month=2018-04')
    assert.equal(typed.statusCode, 400)
    const unpublished = await post('kind=dataset-pack&month=edge-of-care%2F2018-03')
    assert.equal(unpublished.statusCode, 400)
    assert.match(unpublished.body, /The edge-of-care pack for March 2018 has not been published/)
    assert.match(unpublished.body, /<option value="edge-of-care\/2018-04">/)
    assert.deepEqual(await appendixIds(9), before)

    const added = await post('kind=dataset-pack&month=edge-of-care%2F2018-04')
    assert.equal(added.statusCode, 303, added.body.slice(0, 300))
    const after = (await services.reports.itemReport(meetingId, 9))?.appendices ?? []
    assert.equal(after.length, before.length + 1)
    const appendix = after.at(-1)
    assert.deepEqual(appendix?.kind === 'dataset-pack' && [appendix.title, appendix.datasetId, appendix.period], [
      'Edge of Care Dataset – April 2018',
      'edge-of-care',
      '2018-04',
    ])
    const page = await app.inject(`/meetings/${meetingId}/items/9`)
    assert.match(page.body, /href="\/datasets\/edge-of-care\/2018-04">Edge of Care Dataset – April 2018<\/a>/)
    if (appendix !== undefined) await services.reports.removeAppendix(appendix.id, context)
  })

  describe('edge cases', () => {
    it('refuses text pretending to be a PDF with a clear message, storing nothing', async () => {
      const before = await appendixIds(9)
      const response = await upload(
        9,
        {},
        { name: 'minutes.pdf', bytes: new TextEncoder().encode('hi'), type: 'application/pdf' },
      )
      assert.equal(response.statusCode, 400)
      assert.match(response.body, /govuk-error-summary/)
      assert.match(response.body, /&quot;minutes.pdf&quot; is not a PDF, Word document or Excel workbook/)
      assert.deepEqual(await appendixIds(9), before)
    })

    it('refuses a file that only starts like a PDF (a polyglot) with a clear message, storing nothing', async () => {
      const before = await appendixIds(9)
      const polyglot = new TextEncoder().encode('%PDF-1.4\n<html><body><script>alert(1)</script></body></html>\n')
      for (const fields of [{}, { membersRoomOnly: 'yes' }]) {
        const response = await upload(9, fields, { name: 'briefing.pdf', bytes: polyglot, type: 'application/pdf' })
        assert.equal(response.statusCode, 400)
        assert.match(response.body, /govuk-error-summary/)
        assert.match(response.body, /&quot;briefing.pdf&quot; is not a PDF that can be read/)
      }
      assert.deepEqual(await appendixIds(9), before)
    })

    it('refuses a file over the limit with a clear message, storing nothing', async () => {
      const before = await appendixIds(9)
      const big = new Uint8Array(services.reports.maxUploadBytes + 5000)
      big.set(new TextEncoder().encode('%PDF-1.7\n'))
      const response = await upload(9, {}, { name: 'big.pdf', bytes: big, type: 'application/pdf' })
      assert.equal(response.statusCode, 400)
      assert.match(response.body, /&quot;big.pdf&quot; is larger than 10.0 MB/)
      assert.deepEqual(await appendixIds(9), before)
    })

    it('answers an upload without a file, or not multipart, with 400', async () => {
      assert.equal((await upload(9, { title: 'x' }, null)).statusCode, 400)
      const plain = await app.inject({
        method: 'POST',
        url: `/meetings/${meetingId}/items/9/appendices/upload`,
        cookies: clerk.cookies,
        payload: { _csrf: clerk.csrfToken },
      })
      assert.equal(plain.statusCode, 400)
    })

    it('refuses a multipart upload without the CSRF token', async () => {
      const body = multipart({}, { name: 'a.pdf', bytes: await onePagePdf('a'), type: 'application/pdf' })
      const response = await app.inject({
        method: 'POST',
        url: `/meetings/${meetingId}/items/9/appendices/upload`,
        cookies: clerk.cookies,
        ...body,
      })
      assert.equal(response.statusCode, 403)
    })

    it('re-shows the cover sheet form with errors for an empty post, and 404s for an item that does not exist', async () => {
      const empty = await app.inject({
        method: 'POST',
        url: `/meetings/${meetingId}/items/9/report`,
        cookies: clerk.cookies,
        payload: { _csrf: clerk.csrfToken },
      })
      assert.equal(empty.statusCode, 400)
      assert.match(empty.body, /Enter the subject of the report/)
      assert.equal((await app.inject(`/meetings/${meetingId}/items/99`)).statusCode, 404)
      assert.equal((await app.inject('/reports/appendices/999999')).statusCode, 404)
    })

    it('will not remove an item that has a report', async () => {
      const view = await services.reports.itemReport(meetingId, 9)
      const response = await app.inject({
        method: 'POST',
        url: `/meetings/${meetingId}/agenda/items/${view?.item.id}/remove`,
        cookies: clerk.cookies,
        payload: { _csrf: clerk.csrfToken },
      })
      assert.equal(response.statusCode, 400)
      assert.match(response.body, /has a report: it cannot be removed/)
    })
  })
})

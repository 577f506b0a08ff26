import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { FastifyInstance } from 'fastify'
import { demoApp } from '../../test/app.ts'
import { signedInAs } from '../../test/sign-in.ts'
import type { Services } from '../services/index.ts'

describe('the recommendations tracker', () => {
  let app: FastifyInstance
  let services: Services
  let close: () => Promise<void>

  before(async () => {
    ;({ app, services, close } = await demoApp())
  })
  after(async () => {
    await close()
  })

  it('shows the public the demo recommendations of 25 June 2015, flagging the two with no response as overdue', async () => {
    const response = await app.inject('/recommendations')
    assert.equal(response.statusCode, 200)
    assert.match(response.body, /25\/06\/15/)
    assert.match(response.body, /sources of referrals to the MASH/)
    assert.match(response.body, /8 open of 8; <strong>2 overdue<\/strong>/)
    assert.equal(response.body.match(/govuk-tag--red[^>]*>\s*Overdue/g)?.length, 2)
    assert.match(response.body, /response was due Monday 24 August 2015/)
    assert.doesNotMatch(response.body, /Record a recommendation/)
  })

  it('filters the tracker by GET parameters, counts what it shows and downloads exactly that as CSV', async () => {
    const overdue = await app.inject('/recommendations?overdue=yes')
    assert.equal(overdue.statusCode, 200)
    assert.match(overdue.body, /Showing 2 of 8 recommendations/)
    assert.equal(overdue.body.match(/govuk-tag--red[^>]*>\s*Overdue/g)?.length, 2)
    assert.match(overdue.body, /href="\/recommendations\.csv\?overdue=yes"/)
    assert.match(
      overdue.body,
      /<div class="app-table-scroll" role="region" aria-labelledby="recommendations-caption" tabindex="0">/,
    )

    const csv = await app.inject('/recommendations.csv?overdue=yes')
    assert.equal(csv.statusCode, 200)
    assert.match(String(csv.headers['content-type']), /text\/csv/)
    assert.match(
      String(csv.headers['content-disposition']),
      /attachment; filename="recommendations-\d{4}-\d{2}-\d{2}\.csv"/,
    )
    const lines = csv.body.split('\r\n').filter((line) => /^\d+,/.test(line))
    assert.equal(lines.length, 2)
    assert.ok(lines.every((line) => line.includes(',Awaiting response,yes,')))

    const meeting = await app.inject('/recommendations?status=all&meeting=2015-06-25')
    assert.match(meeting.body, /Showing \d+ of 8 recommendations/)
    assert.match(meeting.body, /<option value="2015-06-25" selected>/)
    const none = await app.inject('/recommendations?status=completed&overdue=yes')
    assert.match(none.body, /Showing 0 of 8 recommendations/)
    assert.match(none.body, /There are no recommendations to show/)
    assert.equal((await app.inject('/recommendations.csv?status=completed&overdue=yes')).body.split('\r\n').length, 2)
    // The older link still shows every status.
    assert.match((await app.inject('/recommendations?show=all')).body, /Showing 8 of 8 recommendations/)
  })

  it('shows one recommendation with its action taken, undated where the papers gave no date', async () => {
    const response = await app.inject('/recommendations/1')
    assert.equal(response.statusCode, 200)
    assert.match(response.body, /Undated \(recorded before Scrutineer\)/)
    assert.match(response.body, /Police \(43%\)/)
    assert.doesNotMatch(response.body, /Add an update/)
    // Text written over several lines keeps its line breaks (the tracker's table and the monitoring report too).
    assert.match(response.body, /<p class="govuk-body-l app-lines">/)
    assert.match(
      (await app.inject('/recommendations')).body,
      /<a class="govuk-link app-lines" href="\/recommendations\/1">/,
    )
  })

  it('lets democratic services record a recommendation and carry it through to completion', async () => {
    const { cookies, csrfToken } = await signedInAs(app, services, 'democratic-services')
    const created = await app.inject({
      method: 'POST',
      url: '/recommendations/new',
      cookies,
      payload: {
        _csrf: csrfToken,
        committee: '1',
        madeOn: '2018-06-07',
        title: 'Children and Families - Performance',
        number: '1',
        text: 'That officers report the reasons for re-referrals to the next meeting.',
        leadOfficer: 'Service Lead, MASH',
      },
    })
    assert.equal(created.statusCode, 303)
    const url = String(created.headers.location)
    const page = await app.inject({ url, cookies })
    assert.match(page.body, /Response due<\/dt><dd class="govuk-summary-list__value">Monday 6 August 2018/)
    assert.match(page.body, /Add an update/)
    const id = /\/recommendations\/(\d+)/.exec(url)?.[1]
    const updated = await app.inject({
      method: 'POST',
      url: `/recommendations/${id}/updates`,
      cookies,
      payload: {
        _csrf: csrfToken,
        dated: '2018-07-20',
        text: 'Reasons reported; see appendix 2.',
        status: 'completed',
      },
    })
    assert.equal(updated.statusCode, 303)
    const after = await app.inject(url)
    assert.match(after.body, /Friday 20 July 2018 – Completed/)
    const report = await services.recommendations.monitoringReport(3)
    // 3 is 26 July 2018: made at the meeting before, completed since it: shown once.
    assert.ok(report?.recommendations.some((r) => r.text.startsWith('That officers report the reasons')))
  })

  it('generates the monitoring report for a meeting with the council report’s columns', async () => {
    const response = await app.inject('/meetings/2/monitoring-report')
    assert.equal(response.statusCode, 200)
    for (const column of ['Date', 'Title', 'Recommendation', 'Action taken', 'Progress status']) {
      assert.match(response.body, new RegExp(`<th scope="col" class="govuk-table__header">${column}</th>`))
    }
    assert.match(response.body, /Personal Education Plans/)
  })

  it('offers the tracker as JSON', async () => {
    const body = (await app.inject('/api/recommendations')).json<{
      recommendations: Array<{ number: number; responseDue: string; overdue: boolean }>
    }>()
    assert.equal(body.recommendations[1]?.responseDue, '2015-08-24')
    assert.equal(body.recommendations.filter((r) => r.overdue).length, 2)
  })

  describe('edge cases', () => {
    it('re-renders the forms with each problem and stores nothing; 404 for unknown recommendations', async () => {
      const { cookies, csrfToken } = await signedInAs(app, services, 'democratic-services')
      const before = (await services.recommendations.list()).length
      const bad = await app.inject({
        method: 'POST',
        url: '/recommendations/new',
        cookies,
        payload: { _csrf: csrfToken, committee: '1', madeOn: '2018-02-30', title: '', number: 'x', text: '' },
      })
      assert.equal(bad.statusCode, 400)
      assert.match(bad.body, /<a href="#madeOn">Enter the date the panel made it<\/a>/)
      assert.match(bad.body, /<a href="#number">/)
      assert.equal((await services.recommendations.list()).length, before)
      const badUpdate = await app.inject({
        method: 'POST',
        url: '/recommendations/1/updates',
        cookies,
        payload: { _csrf: csrfToken, dated: '', text: '<script>alert(1)</script>', status: 'done' },
      })
      assert.equal(badUpdate.statusCode, 400)
      assert.match(badUpdate.body, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/)
      assert.doesNotMatch(badUpdate.body, /<script>alert/)
      assert.equal((await app.inject('/recommendations/999')).statusCode, 404)
      assert.equal((await app.inject('/meetings/999/monitoring-report')).statusCode, 404)
    })

    it('stores update text with SQL in it literally', async () => {
      const { cookies, csrfToken } = await signedInAs(app, services, 'democratic-services')
      const text = "Done'); delete from recommendation_update; --"
      const response = await app.inject({
        method: 'POST',
        url: '/recommendations/2/updates',
        cookies,
        payload: { _csrf: csrfToken, dated: '2015-09-01', text, status: '' },
      })
      assert.equal(response.statusCode, 303)
      const r = await services.recommendations.get(2)
      assert.equal(r?.updates.at(-1)?.text, text)
      assert.equal(r.status, 'accepted')
      assert.equal(r.respondedOn, '2015-09-01')
    })
  })
})

import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { FastifyInstance } from 'fastify'
import { demoApp } from '../../test/app.ts'
import { signedInAs } from '../../test/sign-in.ts'
import type { Services } from '../services/index.ts'

// The demo's recommendations were made on 25 June 2015 with responses due on 24 August 2015, and its meeting 2 is
// on 7 June 2018: on 1 July 2015 none is overdue yet and the meeting is still to come. Run on any later day, the
// same pages say otherwise (recommendations.http.test.ts, document-packs.http.test.ts), so these only pass if the
// routes read the services' clock rather than the machine's.
const NOW = '2015-07-01T09:00:00.000Z'

describe('the routes read the services’ clock', () => {
  let app: FastifyInstance
  let services: Services
  let close: () => Promise<void>

  before(async () => {
    ;({ app, services, close } = await demoApp({ now: () => new Date(NOW) }))
  })
  after(async () => {
    await close()
  })

  it('judges recommendations overdue as at the clock’s day, in the tracker, its CSV and the API', async () => {
    const tracker = await app.inject('/recommendations')
    assert.equal(tracker.statusCode, 200)
    assert.match(tracker.body, /8 open of 8\./)
    assert.doesNotMatch(tracker.body, /overdue<\/strong>/)
    assert.match((await app.inject('/recommendations?overdue=yes')).body, /Showing 0 of 8 recommendations/)
    const csv = await app.inject('/recommendations.csv')
    assert.match(String(csv.headers['content-disposition']), /filename="recommendations-2015-07-01\.csv"/)
    const api = (await app.inject('/api/recommendations')).json<{ recommendations: Array<{ overdue: boolean }> }>()
    assert.equal(api.recommendations.filter((r) => r.overdue).length, 0)
  })

  it('offers today by the clock as the date of a new recommendation', async () => {
    const { cookies } = await signedInAs(app, services, 'democratic-services')
    const page = await app.inject({ url: '/recommendations/new', cookies })
    assert.equal(page.statusCode, 200)
    assert.match(page.body, /name="madeOn-year"[^>]*value="2015"/)
  })

  it('does not warn that a meeting still to come by the clock has taken place', async () => {
    const { cookies } = await signedInAs(app, services, 'democratic-services')
    const page = await app.inject({ url: '/meetings/2', cookies })
    assert.match(page.body, /Publish the document pack/)
    assert.doesNotMatch(page.body, /This meeting took place on/)
  })

  it('stamps the feed and the calendar with the clock’s time', async () => {
    assert.match(
      (await app.inject('/meetings.rss')).body,
      /<lastBuildDate>Wed, 01 Jul 2015 09:00:00 GMT<\/lastBuildDate>/,
    )
    assert.match((await app.inject('/meetings.ics')).body, /DTSTAMP:20150701T090000Z/)
  })
})

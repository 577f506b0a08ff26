/**
 * Findings of the review of the scrutiny panel (issue 5): numbered resolutions, the monitoring report of a future
 * meeting, approving minutes and marking meetings held before they happen, appointed members, and the API's 404.
 */
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { FastifyInstance } from 'fastify'
import { demoApp } from '../../test/app.ts'
import { signedInAs } from '../../test/sign-in.ts'
import type { Services } from '../services/index.ts'

const context = { actor: 'review test' }

describe('the scrutiny panel after its review', () => {
  let app: FastifyInstance
  let services: Services
  let close: () => Promise<void>
  let committeeId: number

  const meetingOn = async (date: string, status = 'scheduled'): Promise<number> => {
    const created = await services.meetings.createMeeting(
      committeeId,
      { date, startTime: '17:30', venue: 'Conference Room 3', status },
      context,
    )
    assert.ok(created.ok)
    return created.value
  }

  before(async () => {
    ;({ app, services, close } = await demoApp())
    const [first] = await services.meetings.allMeetings()
    assert.ok(first)
    committeeId = first.meeting.committeeId
  })
  after(async () => {
    await close()
  })

  it('judges a future meeting’s monitoring report overdue as at the meeting’s date, and says so', async () => {
    const meeting = await meetingOn('2099-03-18')
    const made = await services.recommendations.create(
      {
        committeeId,
        meetingId: null,
        madeOn: '2099-01-13',
        title: 'Future overdue check',
        number: 1,
        text: 'That the panel receives the plan.',
        leadOfficer: '',
      },
      context,
    )
    assert.ok(made.ok)
    const page = (await app.inject(`/meetings/${meeting}/monitoring-report`)).body
    assert.match(page, /Overdue responses are as at 18 March 2099, the date of the meeting/)
    const row = page.slice(page.indexOf('That the panel receives the plan.'))
    assert.match(row.slice(0, 2000), /Overdue/)
    assert.match(row.slice(0, 2000), /response was due Thursday 12 March 2099/)
  })

  it('answers JSON, not the HTML page, for an unknown address under /api/', async () => {
    const response = await app.inject('/api/no-such-thing')
    assert.equal(response.statusCode, 404)
    assert.match(String(response.headers['content-type']), /^application\/json/)
    assert.deepEqual(Object.keys(response.json<Record<string, unknown>>()), ['error'])
    const page = await app.inject('/no-such-page')
    assert.equal(page.statusCode, 404)
    assert.match(String(page.headers['content-type']), /^text\/html/)
  })

  describe('edge cases', () => {
    it('keeps the HTML 404 for a path that only starts with "api"', async () => {
      const response = await app.inject('/apiary')
      assert.equal(response.statusCode, 404)
      assert.match(String(response.headers['content-type']), /^text\/html/)
    })

    it('prints an appointed member present as an appointed member, not a councillor', async () => {
      const { cookies, csrfToken } = await signedInAs(app, services, 'democratic-services')
      const meeting = await meetingOn('2018-05-10', 'held')
      const saved = await app.inject({
        method: 'POST',
        url: `/meetings/${meeting}/minutes/edit`,
        cookies,
        payload: {
          _csrf: csrfToken,
          present: 'Councillor Taggart (Chair)\nCouncillor Guthrie\nCatherine Hobbs\nCouncillor Keogh',
          apologies: 'Rob Sanders',
          officers: '',
          declarations: '',
        },
      })
      assert.equal(saved.statusCode, 303)
      const page = (await app.inject(`/meetings/${meeting}/minutes`)).body
      assert.match(page, /Councillors Taggart \(Chair\), Guthrie and Keogh; and Appointed Member Catherine Hobbs/)
      assert.match(page, /Appointed Member Rob Sanders/)
      assert.doesNotMatch(page, /Councillors[^<;]*Catherine Hobbs/)
    })
  })
})

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

  it('makes one recommendation per numbered decision of a resolution, each with its own number', async () => {
    const { cookies, csrfToken } = await signedInAs(app, services, 'democratic-services')
    const meeting = await meetingOn('2018-05-17', 'held')
    const minutes = await services.minutes.saveDraft(
      meeting,
      { present: 'Councillor Taggart (Chair)', apologies: '', officers: '', declarations: '' },
      context,
    )
    assert.ok(minutes.ok)
    const added = await app.inject({
      method: 'POST',
      url: `/meetings/${meeting}/minutes/items/new`,
      cookies,
      payload: {
        _csrf: csrfToken,
        title: 'MASH referrals',
        text: '',
        resolved:
          'that\r\n1) Officers provide a breakdown of the sources of referrals to the MASH; and\r\n' +
          '2) The Cabinet Member reviews MASH staffing.',
        inTheChair: '',
        agendaItem: '',
      },
    })
    assert.equal(added.statusCode, 303)
    const minute = Number(/#minute-(\d+)$/.exec(added.headers.location ?? '')?.[1])
    const made = await app.inject({
      method: 'POST',
      url: `/meetings/${meeting}/minutes/items/${minute}/recommendation`,
      cookies,
      payload: { _csrf: csrfToken, leadOfficer: 'Hillary Brooks' },
    })
    assert.equal(made.statusCode, 303)
    const fromMinute = (await services.recommendations.list()).filter((r) => r.meetingId === meeting)
    assert.deepEqual(
      fromMinute.map((r) => [r.number, r.minuteNumber, r.text, r.leadOfficer]),
      [
        [1, minute, 'Officers provide a breakdown of the sources of referrals to the MASH', 'Hillary Brooks'],
        [2, minute, 'The Cabinet Member reviews MASH staffing.', 'Hillary Brooks'],
      ],
    )
    assert.equal(made.headers.location, `/recommendations/${String(fromMinute[0]?.id)}`)

    const page = (await app.inject(`/meetings/${meeting}/minutes`)).body
    for (const r of fromMinute) {
      assert.match(
        page,
        new RegExp(`href="/recommendations/${r.id}">Recommendation ${r.number} made from minute ${minute}<`),
      )
    }
    assert.doesNotMatch(page, /Make a recommendation from minute/)
    const report = (await app.inject(`/meetings/${await meetingOn('2018-05-31')}/monitoring-report`)).body
    assert.match(report, /1\) Officers provide a breakdown/)
    assert.match(report, /2\) The Cabinet Member reviews MASH staffing\./)
    assert.doesNotMatch(report, /1\) that/)

    const api = await app.inject(`/api/meetings/${meeting}/minutes`)
    const item = api
      .json<{ minutes: { items: Array<{ number: number; recommendations: unknown[] }> } }>()
      .minutes.items.find((i) => i.number === minute)
    assert.equal(item?.recommendations.length, 2)
    assert.doesNotMatch((await app.inject('/api/recommendations')).body, /\\r/)

    // Sent once: asking again is refused with a message, not a second set.
    const again = await app.inject({
      method: 'POST',
      url: `/meetings/${meeting}/minutes/items/${minute}/recommendation`,
      cookies,
      payload: { _csrf: csrfToken },
    })
    assert.equal(again.statusCode, 400)
    assert.match(again.body, /A recommendation has already been made from minute/)
  })

  it('stores a recommendation typed with Windows line endings with "\\n"', async () => {
    const { cookies, csrfToken } = await signedInAs(app, services, 'democratic-services')
    const response = await app.inject({
      method: 'POST',
      url: '/recommendations/new',
      cookies,
      payload: {
        _csrf: csrfToken,
        committee: String(committeeId),
        'madeOn-day': '17',
        'madeOn-month': '5',
        'madeOn-year': '2018',
        title: 'Typed by hand',
        number: '1',
        text: 'That the Panel\r\nreceives a plan.',
        leadOfficer: '',
      },
    })
    assert.equal(response.statusCode, 303)
    const id = Number(/\/recommendations\/(\d+)/.exec(response.headers.location ?? '')?.[1])
    assert.equal((await services.recommendations.get(id))?.text, 'That the Panel\nreceives a plan.')
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

  it('refuses to mark a meeting held before its date, or to approve minutes at a meeting not yet held', async () => {
    const { cookies, csrfToken } = await signedInAs(app, services, 'democratic-services')
    const future = await meetingOn('2099-01-14')
    const held = await app.inject({
      method: 'POST',
      url: `/meetings/${future}/edit`,
      cookies,
      payload: {
        _csrf: csrfToken,
        'date-day': '14',
        'date-month': '1',
        'date-year': '2099',
        startTime: '17:30',
        venue: 'Conference Room 3',
        status: 'held',
      },
    })
    assert.equal(held.statusCode, 400)
    assert.match(held.body, /A meeting can only be marked held on or after its date/)
    assert.equal((await services.meetings.getMeeting(future))?.meeting.status, 'scheduled')

    const minuted = await meetingOn('2018-05-24', 'held')
    const draft = await services.minutes.saveDraft(
      minuted,
      { present: 'Councillor Taggart (Chair)', apologies: '', officers: '', declarations: '' },
      context,
    )
    assert.ok(draft.ok)
    const page = (await app.inject({ url: `/meetings/${minuted}/minutes`, cookies })).body
    assert.match(page, /26 July 2018/)
    assert.doesNotMatch(page, new RegExp(`value="${future}"`))
    const approved = await app.inject({
      method: 'POST',
      url: `/meetings/${minuted}/minutes/approve`,
      cookies,
      payload: { _csrf: csrfToken, approvingMeeting: String(future) },
    })
    assert.equal(approved.statusCode, 400)
    assert.match(approved.body, /The meeting on 14 January 2099 has not taken place yet/)
    assert.equal((await services.minutes.get(minuted))?.minutes.status, 'draft')
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

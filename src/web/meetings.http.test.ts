import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { FastifyInstance } from 'fastify'
import { demoApp } from '../../test/app.ts'
import { signedInAs } from '../../test/sign-in.ts'
import type { Services } from '../services/index.ts'

describe('the panel: meetings, committee, calendar feed and API', () => {
  let app: FastifyInstance
  let services: Services
  let close: () => Promise<void>

  before(async () => {
    ;({ app, services, close } = await demoApp())
  })
  after(async () => {
    await close()
  })

  it('lists the demo panel’s meetings of the latest municipal year, with links to other years', async () => {
    const response = await app.inject('/meetings?year=2018-19')
    assert.equal(response.statusCode, 200)
    for (const date of ['Thursday 7 June 2018', 'Thursday 26 July 2018', 'Thursday 28 March 2019']) {
      assert.match(response.body, new RegExp(date))
    }
    assert.doesNotMatch(response.body, /22 March 2018/)
    assert.match(response.body, /href="\/meetings\?year=2017-18"/)
    assert.match(response.body, /href="\/meetings.ics"/)
    // The latest year is 2020/21, the meeting of 1 October 2020 (seed 000).
    const latest = await app.inject('/meetings')
    assert.match(latest.body, /Thursday 1 October 2020/)
  })

  it('shows the 7 June 2018 meeting as its front sheet: time, venue, members, contacts and the agenda with pages', async () => {
    const response = await app.inject('/meetings/2')
    assert.equal(response.statusCode, 200)
    const html = response.body
    assert.match(html, /Thursday 7 June 2018 at 5.30 pm/)
    assert.match(html, /Conference Room 3 - Civic Centre/)
    assert.match(html, /PLEASE NOTE TIME OF MEETING/)
    // Each member links to their page, which answers.
    const taggart = /<a class="govuk-link" href="(\/members\/[a-z-]+)">Councillor Taggart \(Chair\)<\/a>/.exec(html)
    assert.ok(taggart?.[1] !== undefined, 'the chair links to their page')
    const member = await app.inject(taggart[1])
    assert.equal(member.statusCode, 200)
    assert.match(member.body, /Taggart/)
    assert.match(html, /Democratic Support Officer: Emily Goodwin/)
    assert.match(html, /1\. Election of Vice-Chair/)
    assert.match(html, /href="\/meetings\/2\/monitoring-report"/)
    // Item 9 has the demo report: its title links to the cover sheet.
    assert.match(
      html,
      /9\. <a class="govuk-link" href="\/meetings\/\d+\/items\/9">Children and Families - Performance<\/a><\/h3>/,
    )
    // No pack is published yet, so there are no page references to give (the seed's own are not preloaded).
    assert.match(html, /The document pack has not been published yet/)
    assert.doesNotMatch(html, /\(Pages? \d/)
  })

  it('shows the committee: role, terms of reference, quorum and its meetings', async () => {
    const response = await app.inject('/committees/1')
    assert.equal(response.statusCode, 200)
    assert.match(response.body, /Children and Families Scrutiny Panel/)
    assert.match(response.body, /Youth Justice Strategy/)
    assert.match(response.body, /quorum\) is 3/)
  })

  it('publishes an iCalendar feed of every meeting', async () => {
    const response = await app.inject('/meetings.ics')
    assert.equal(response.statusCode, 200)
    assert.match(String(response.headers['content-type']), /^text\/calendar/)
    assert.equal(response.body.match(/BEGIN:VEVENT/g)?.length, 10)
    assert.match(response.body, /DTSTART;TZID=Europe\/London:20180607T173000/)
    assert.match(response.body, /URL:http:\/\/localhost(:80)?\/meetings\/2/)
  })

  it('answers the JSON API for committees, meetings and a meeting’s agenda', async () => {
    const committees = (await app.inject('/api/committees')).json<{
      committees: Array<{ name: string; quorum: number }>
    }>()
    assert.equal(committees.committees[0]?.name, 'Children and Families Scrutiny Panel')
    assert.equal(committees.committees[0]?.quorum, 3)
    const meetings = (await app.inject('/api/meetings?year=2018-19')).json<{ meetings: Array<{ date: string }> }>()
    assert.deepEqual(
      meetings.meetings.map((m) => m.date),
      ['2018-06-07', '2018-07-26', '2018-09-27', '2018-11-29', '2019-01-24', '2019-03-28'],
    )
    const meeting = (await app.inject('/api/meetings/2')).json<{
      meeting: { startTime: string; timeZone: string }
      agenda: Array<{ number: number; title: string; pages: { from: number; to: number } | null }>
    }>()
    assert.equal(meeting.meeting.startTime, '17:30')
    assert.equal(meeting.meeting.timeZone, 'Europe/London')
    assert.equal(meeting.agenda.length, 9)
    // docs/api.md: `pages` is null until the pack is built.
    assert.ok(meeting.agenda.every((item) => item.pages === null))
  })

  it('offers "Schedule a meeting" on the calendar to democratic services only', async () => {
    const { cookies } = await signedInAs(app, services, 'democratic-services')
    const link = /<a class="govuk-link" href="\/meetings\/new">Schedule a meeting<\/a>/
    assert.match((await app.inject({ url: '/meetings', cookies })).body, link)
    assert.match((await app.inject({ url: '/meetings?year=2017-18', cookies })).body, link)
    assert.doesNotMatch((await app.inject('/meetings')).body, /\/meetings\/new/)
    const member = await signedInAs(app, services, 'panel-member')
    assert.doesNotMatch((await app.inject({ url: '/meetings', cookies: member.cookies })).body, /\/meetings\/new/)
  })

  it('links each meeting to its committee, and the calendar to the recommendations', async () => {
    const body = (await app.inject('/meetings?year=2018-19')).body
    assert.match(body, /<td class="govuk-table__cell"><a class="govuk-link" href="\/committees\/1">/)
    assert.match(body, /href="\/recommendations">The panel's recommendations<\/a>/)
  })

  it('lets democratic services schedule a meeting, whose agenda starts with the standard items', async () => {
    const { cookies, csrfToken } = await signedInAs(app, services, 'democratic-services')
    const form = await app.inject({ url: '/meetings/new', cookies })
    assert.equal(form.statusCode, 200)
    // Opened from the committee's page, the committee is chosen already; a nonsense one chooses nothing.
    const chosen = await app.inject({ url: '/meetings/new?committee=1', cookies })
    assert.match(chosen.body, /<option value="1" selected>/)
    const nonsense = await app.inject({ url: '/meetings/new?committee=x%22', cookies })
    assert.equal(nonsense.statusCode, 200)
    assert.doesNotMatch(nonsense.body, /selected>/)
    const response = await app.inject({
      method: 'POST',
      url: '/meetings/new',
      cookies,
      payload: {
        _csrf: csrfToken,
        committee: '1',
        'date-day': '25',
        'date-month': '7',
        'date-year': '2019',
        startTime: '18:00',
        venue: 'Civic Centre',
      },
    })
    assert.equal(response.statusCode, 303)
    assert.match(String(response.headers.location), /^\/meetings\/\d+\?done=meeting-scheduled$/)
    const confirmed = await app.inject({ url: String(response.headers.location), cookies })
    assert.match(
      confirmed.body,
      /govuk-notification-banner--success" role="alert"[\s\S]*The meeting has been scheduled/,
    )
    const page = await app.inject(String(response.headers.location))
    // The banner is for the person who scheduled it: the public's page has none.
    assert.doesNotMatch(page.body, /govuk-notification-banner/)
    assert.match(page.body, /Thursday 25 July 2019 at 6.00 pm/)
    assert.match(page.body, /1\. Apologies and changes in Panel membership/)
    // Not the first meeting of 2019-20 (6 June 2019 was), so no election of a vice-chair.
    assert.doesNotMatch(page.body, /Election of Vice-Chair/)
    // The minutes to approve are named by their meeting; the monitoring report is item 7, linked to the report.
    assert.match(page.body, /the Minutes of the meeting held on 6 June 2019 and to deal with any matters arising/)
    assert.match(
      page.body,
      /7\. <a class="govuk-link" href="\/meetings\/\d+\/monitoring-report">Monitoring scrutiny recommendations<\/a><\/h3>/,
    )
    assert.equal(page.body.match(/\/monitoring-report"/g)?.length, 1, 'no second, unnumbered link')
    const meetings = await services.meetings.allMeetings()
    assert.ok(meetings.some((e) => e.meeting.date === '2019-07-25'))
  })

  it('lets democratic services move a meeting and cancel it; the calendar and feed say so, and the audit log records it', async () => {
    const { cookies, csrfToken } = await signedInAs(app, services, 'democratic-services')
    const page = await app.inject({ url: '/meetings/3', cookies })
    assert.match(page.body, /href="\/meetings\/3\/edit"/)
    assert.doesNotMatch((await app.inject('/meetings/3')).body, /\/meetings\/3\/edit/)
    const form = await app.inject({ url: '/meetings/3/edit', cookies })
    assert.match(form.body, /name="date-day" type="text" value="26" inputmode="numeric"/)
    assert.match(form.body, /name="date-month" type="text" value="7"/)
    const response = await app.inject({
      method: 'POST',
      url: '/meetings/3/edit',
      cookies,
      payload: {
        _csrf: csrfToken,
        'date-day': '26',
        'date-month': '7',
        'date-year': '2018',
        startTime: '18:00',
        venue: 'Council Chamber',
        notice: '',
        status: 'cancelled',
      },
    })
    assert.equal(response.statusCode, 303)
    const after = await app.inject('/meetings/3')
    assert.match(after.body, /Thursday 26 July 2018 at 6.00 pm/)
    assert.match(after.body, /This meeting has been cancelled/)
    assert.match((await app.inject('/meetings.ics')).body, /SUMMARY:CANCELLED: Children and Families Scrutiny Panel/)
    const events = await services.auditLog.search({ text: '', action: 'meeting.cancel', from: '', to: '' })
    assert.ok(events.ok)
    assert.ok(JSON.stringify(events.value).includes('Council Chamber'))
  })

  describe('edge cases', () => {
    it('404 for meetings and committees that do not exist or are not numbers; 400 from the API for a bad year', async () => {
      for (const url of ['/meetings/999', '/meetings/abc', '/meetings/0', '/committees/42', '/meetings?year=2018']) {
        assert.equal((await app.inject(url)).statusCode, 404, url)
      }
      assert.equal((await app.inject('/api/meetings/999')).statusCode, 404)
      assert.equal((await app.inject('/api/meetings?year=18-19')).statusCode, 400)
    })

    it('refuses a changed meeting with a bad time or status, changing nothing; 404 for an unknown meeting', async () => {
      const { cookies, csrfToken } = await signedInAs(app, services, 'democratic-services')
      const response = await app.inject({
        method: 'POST',
        url: '/meetings/4/edit',
        cookies,
        payload: {
          _csrf: csrfToken,
          'date-day': '27',
          'date-month': '9',
          'date-year': '2018',
          startTime: '25:00',
          venue: 'x',
          status: 'postponed',
        },
      })
      assert.equal(response.statusCode, 400)
      assert.match(response.body, /<a href="#startTime">/)
      assert.match(response.body, /<a href="#status">/)
      assert.equal((await services.meetings.getMeeting(4))?.meeting.startTime, '17:30')
      assert.equal((await app.inject({ url: '/meetings/999/edit', cookies })).statusCode, 404)
    })

    it('re-renders the form with each problem, keeping what was typed, and stores nothing', async () => {
      const { cookies, csrfToken } = await signedInAs(app, services, 'democratic-services')
      const before = (await services.meetings.allMeetings()).length
      const response = await app.inject({
        method: 'POST',
        url: '/meetings/new',
        cookies,
        payload: {
          _csrf: csrfToken,
          committee: '1',
          'date-day': '30',
          'date-month': '2',
          'date-year': '2019',
          startTime: '6pm',
          venue: '<script>alert(1)</script>',
        },
      })
      assert.equal(response.statusCode, 400)
      assert.match(response.body, /govuk-error-summary/)
      assert.match(
        response.body,
        /<a href="#date-day">Date of the meeting must be a real date: February 2019 has 28 days, not 30<\/a>/,
      )
      assert.match(response.body, /name="date-day" type="text" value="30"/)
      assert.match(response.body, /<a href="#startTime">/)
      assert.match(response.body, /value="&lt;script&gt;alert\(1\)&lt;\/script&gt;"/)
      assert.equal((await services.meetings.allMeetings()).length, before)
    })

    it('stores a venue with SQL in it literally and shows it escaped', async () => {
      const { cookies, csrfToken } = await signedInAs(app, services, 'democratic-services')
      const venue = `Room 1'); drop table meeting; -- <b>bold</b>`
      const response = await app.inject({
        method: 'POST',
        url: '/meetings/new',
        cookies,
        payload: {
          _csrf: csrfToken,
          committee: '1',
          'date-day': '26',
          'date-month': '9',
          'date-year': '2019',
          startTime: '17:30',
          venue,
        },
      })
      assert.equal(response.statusCode, 303)
      const page = await app.inject(String(response.headers.location))
      assert.match(page.body, /Room 1&#39;\); drop table meeting; -- &lt;b&gt;bold&lt;\/b&gt;/)
      assert.ok((await services.meetings.allMeetings()).some((e) => e.meeting.venue === venue))
    })
  })
})

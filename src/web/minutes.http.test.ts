import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { FastifyInstance } from 'fastify'
import { demoApp } from '../../test/app.ts'
import { signedInAs } from '../../test/sign-in.ts'
import type { Services } from '../services/index.ts'

describe('minutes of the panel', () => {
  let app: FastifyInstance
  let services: Services
  let close: () => Promise<void>
  let byDate: Map<string, number>
  const meetingOn = (date: string): number => {
    const id = byDate.get(date)
    assert.ok(id, `no meeting on ${date}`)
    return id
  }

  before(async () => {
    ;({ app, services, close } = await demoApp())
    byDate = new Map((await services.meetings.allMeetings()).map((e) => [e.meeting.date, e.meeting.id]))
  })
  after(async () => {
    await close()
  })

  it('shows the public the approved minutes of 22 March 2018, numbered 29 to 33, linked from the meeting', async () => {
    const march = meetingOn('2018-03-22')
    const meetingPage = await app.inject(`/meetings/${march}`)
    assert.match(meetingPage.body, new RegExp(`href="/meetings/${march}/minutes">Minutes</a>`))
    const response = await app.inject(`/meetings/${march}/minutes`)
    assert.equal(response.statusCode, 200)
    assert.match(response.body, /Minutes of the meeting held on 22 March 2018/)
    assert.match(response.body, /Approved as a correct record at the meeting held on 7 June 2018/)
    assert.match(
      response.body,
      /Councillors Keogh \(Chair\), Taggart \(Vice-Chair\), Murphy, O&#39;Neill, Painton and Laurent/,
    )
    const numbers = [...response.body.matchAll(/<h2 class="govuk-heading-m">(\d+)\. /g)].map((m) => Number(m[1]))
    assert.deepEqual(numbers, [29, 30, 31, 32, 33])
    assert.match(response.body, /COUNCILLOR O&#39;NEILL IN THE CHAIR/)
    assert.match(response.body, /<strong>RESOLVED<\/strong> \(i\) That the LAC indicator/)
    assert.doesNotMatch(response.body, /Approve the minutes|Change minute|Make a recommendation/)
  })

  it('shows the public the draft minutes of 6 June 2019 marked as subject to approval', async () => {
    const june = meetingOn('2019-06-06')
    const response = await app.inject(`/meetings/${june}/minutes`)
    assert.equal(response.statusCode, 200)
    assert.match(response.body, /Draft, subject to approval/)
    assert.match(response.body, /1\. Apologies and changes in Panel membership/)
    const meetingPage = await app.inject(`/meetings/${june}`)
    assert.match(meetingPage.body, /Minutes \(draft, subject to approval\)/)
  })

  it('lets democratic services write minutes for a meeting and approve them at the next one', async () => {
    const { cookies, csrfToken } = await signedInAs(app, services, 'democratic-services')
    const june = meetingOn('2018-06-07')
    const start = await app.inject({ url: `/meetings/${june}`, cookies })
    assert.match(start.body, new RegExp(`href="/meetings/${june}/minutes/edit">Write the minutes`))
    const form = await app.inject({ url: `/meetings/${june}/minutes/edit`, cookies })
    assert.equal(form.statusCode, 200)
    assert.match(form.body, /Councillor Taggart \(Chair\)/)

    const saved = await app.inject({
      method: 'POST',
      url: `/meetings/${june}/minutes/edit`,
      cookies,
      payload: {
        _csrf: csrfToken,
        present: 'Councillor Taggart (Chair)\nCouncillor Keogh\nRob Sanders',
        apologies: 'Councillor Guthrie',
        officers: 'Hillary Brooks, Service Director, Children and Families',
        declarations: '',
      },
    })
    assert.equal(saved.statusCode, 303)
    assert.equal(saved.headers.location, `/meetings/${june}/minutes`)
    const agenda = (await services.meetings.getMeeting(june))?.agenda ?? []
    const performance = agenda.find((a) => a.kind === 'report')
    assert.ok(performance)
    const item = await app.inject({
      method: 'POST',
      url: `/meetings/${june}/minutes/items/new`,
      cookies,
      payload: {
        _csrf: csrfToken,
        agendaItem: String(performance.id),
        title: 'Children and Families Services',
        text: 'The Panel received an overview.\n\nIt noted the Ofsted findings.',
        resolved: 'that the Panel be given the Ofsted action plan.',
        inTheChair: '',
      },
    })
    assert.equal(item.statusCode, 303)
    assert.equal(item.headers.location, `/meetings/${june}/minutes#minute-1`)
    const draft = await app.inject({ url: `/meetings/${june}/minutes`, cookies })
    assert.match(draft.body, /Draft, subject to approval/)
    assert.match(draft.body, /1\. Children and Families Services/)
    assert.match(draft.body, /<p class="govuk-body">It noted the Ofsted findings.<\/p>/)

    const recommended = await app.inject({
      method: 'POST',
      url: `/meetings/${june}/minutes/items/1/recommendation`,
      cookies,
      payload: { _csrf: csrfToken, leadOfficer: '  Hillary Brooks, Service Director ' },
    })
    assert.equal(recommended.statusCode, 303)
    const recommendationId = Number(/\/recommendations\/(\d+)$/.exec(recommended.headers.location ?? '')?.[1])
    const recommendation = await services.recommendations.get(recommendationId)
    assert.equal(recommendation?.meetingId, june)
    assert.equal(recommendation.text, 'that the Panel be given the Ofsted action plan.')
    assert.equal(recommendation.leadOfficer, 'Hillary Brooks, Service Director')
    // The minute now links to its recommendation instead of offering to make another.
    const minutesPage = (await app.inject({ url: `/meetings/${june}/minutes`, cookies })).body
    assert.match(
      minutesPage,
      new RegExp(
        `<a class="govuk-link" href="/recommendations/${recommendationId}">Recommendation made from minute 1</a>`,
      ),
    )
    assert.doesNotMatch(minutesPage, /Make a recommendation from minute 1</)

    // The next meeting's monitoring report shows it with its lead officer and when the response is due (s.9FE).
    const july = meetingOn('2018-07-26')
    const monitoring = (await app.inject(`/meetings/${july}/monitoring-report`)).body
    assert.match(
      monitoring,
      /that the Panel be given the Ofsted action plan\.<\/a><p class="govuk-body-s[^"]*">Lead officer: Hillary Brooks, Service Director<\/p>/,
    )
    assert.match(monitoring, /<span class="govuk-body-s">Response due Monday 6 August 2018<\/span>/)
    const approved = await app.inject({
      method: 'POST',
      url: `/meetings/${june}/minutes/approve`,
      cookies,
      payload: { _csrf: csrfToken, approvingMeeting: String(july) },
    })
    assert.equal(approved.statusCode, 303)
    const page = await app.inject(`/meetings/${june}/minutes`)
    assert.match(page.body, /Approved as a correct record at the meeting held on 26 July 2018/)
    const late = await app.inject({
      method: 'POST',
      url: `/meetings/${june}/minutes/items/1/edit`,
      cookies,
      payload: { _csrf: csrfToken, title: 'Changed', text: 'Changed' },
    })
    assert.equal(late.statusCode, 400)
    assert.match(late.body, /can no longer be changed|Approved minutes cannot be changed/)
  })

  it("records attendance by choosing for each of the panel's members, and prints it as the council does", async () => {
    const { cookies, csrfToken } = await signedInAs(app, services, 'democratic-services')
    const september = meetingOn('2018-09-27')
    const form = await app.inject({ url: `/meetings/${september}/minutes/edit`, cookies })
    assert.match(form.body, /name="memberCount" value="9"/)
    assert.match(form.body, /<legend[^>]*>\s*Councillor Taggart \(Chair\)/)
    // Taggart, J Baillie, Guthrie, Keogh, Laurent, Mitchell, Murphy, Catherine Hobbs, Rob Sanders.
    const choices = [
      'present',
      'apologies',
      'substituted',
      'present',
      'present',
      'absent',
      'present',
      'present',
      'apologies',
    ]
    const payload: Record<string, string> = {
      _csrf: csrfToken,
      memberCount: '9',
      present: '',
      apologies: '',
      officers: '',
      declarations: '',
    }
    choices.forEach((choice, i) => {
      payload[`attendance-${i}`] = choice
      payload[`substitute-${i}`] = ''
    })
    const refused = await app.inject({ method: 'POST', url: `/meetings/${september}/minutes/edit`, cookies, payload })
    assert.equal(refused.statusCode, 400)
    assert.match(refused.body, /href="#attendance-2">Enter who substituted for Councillor Guthrie/)
    payload['substitute-2'] = 'Councillor Burke'
    const saved = await app.inject({ method: 'POST', url: `/meetings/${september}/minutes/edit`, cookies, payload })
    assert.equal(saved.statusCode, 303)
    const page = await app.inject(`/meetings/${september}/minutes`)
    assert.match(
      page.body,
      /Present:<\/strong> Councillors Taggart \(Chair\), Keogh, Laurent, Murphy and Burke \(substitute for Councillor Guthrie\); and Appointed Member Catherine Hobbs/,
    )
    assert.match(page.body, /Apologies:<\/strong> Councillors J Baillie and Guthrie; and Appointed Member Rob Sanders/)
    const attendance = (await services.minutes.get(september))?.minutes.attendance ?? []
    assert.deepEqual(
      attendance.map((a) => a.attendance),
      choices,
    )
    const again = await app.inject({ url: `/meetings/${september}/minutes/edit`, cookies })
    assert.match(again.body, /name="substitute-2" type="text" value="Councillor Burke"/)
    assert.match(again.body, /name="attendance-5" type="radio" value="absent" checked/)
  })

  it('does not let a panel member change minutes', async () => {
    const { cookies, csrfToken } = await signedInAs(app, services, 'panel-member')
    const june = meetingOn('2019-06-06')
    const page = await app.inject({ url: `/meetings/${june}/minutes`, cookies })
    assert.equal(page.statusCode, 200)
    assert.doesNotMatch(page.body, /Change minute|Approve the minutes/)
    assert.equal((await app.inject({ url: `/meetings/${june}/minutes/edit`, cookies })).statusCode, 403)
    const post = await app.inject({
      method: 'POST',
      url: `/meetings/${june}/minutes/items/4/edit`,
      cookies,
      payload: { _csrf: csrfToken, title: 'Rewritten', text: 'Rewritten' },
    })
    assert.equal(post.statusCode, 403)
    assert.equal((await services.minutes.get(june))?.minutes.items[3]?.title, 'Children and Families - Performance')
  })

  describe('edge cases', () => {
    it('answers 404 for a meeting with no minutes, no meeting, or a minute that does not exist', async () => {
      assert.equal((await app.inject(`/meetings/${meetingOn('2019-01-24')}/minutes`)).statusCode, 404)
      assert.equal((await app.inject('/meetings/999999/minutes')).statusCode, 404)
      assert.equal((await app.inject('/meetings/abc/minutes')).statusCode, 404)
      const { cookies } = await signedInAs(app, services, 'democratic-services')
      const url = `/meetings/${meetingOn('2019-06-06')}/minutes/items/99/edit`
      assert.equal((await app.inject({ url, cookies })).statusCode, 404)
    })

    it('re-renders forms with an error summary on an empty body, never 500', async () => {
      const { cookies, csrfToken } = await signedInAs(app, services, 'democratic-services')
      const june = meetingOn('2019-06-06')
      for (const path of ['edit', 'items/new', 'items/4/edit', 'approve']) {
        const response = await app.inject({
          method: 'POST',
          url: `/meetings/${june}/minutes/${path}`,
          cookies,
          payload: { _csrf: csrfToken },
        })
        assert.equal(response.statusCode, 400, path)
        assert.match(response.body, /There is a problem/, path)
      }
      const noResolution = await app.inject({
        method: 'POST',
        url: `/meetings/${june}/minutes/items/1/recommendation`,
        cookies,
        payload: { _csrf: csrfToken },
      })
      assert.equal(noResolution.statusCode, 400)
      assert.match(noResolution.body, /Minute 1 has no resolution/)
      const before = (await services.recommendations.list()).length
      const longLeadOfficer = await app.inject({
        method: 'POST',
        url: `/meetings/${june}/minutes/items/2/recommendation`,
        cookies,
        payload: { _csrf: csrfToken, leadOfficer: 'x'.repeat(201) },
      })
      assert.equal(longLeadOfficer.statusCode, 400)
      assert.match(longLeadOfficer.body, /The lead officer must be 200 characters or fewer/)
      // The summary leads to that minute's lead officer box, which shows the message and keeps what was typed.
      assert.match(longLeadOfficer.body, /href="#leadOfficer-2"/)
      assert.match(longLeadOfficer.body, /id="leadOfficer-2-error"/)
      assert.match(longLeadOfficer.body, new RegExp(`id="leadOfficer-2"[^>]*value="${'x'.repeat(201)}"`))
      assert.equal((await services.recommendations.list()).length, before)
      const earlier = await app.inject({
        method: 'POST',
        url: `/meetings/${june}/minutes/approve`,
        cookies,
        payload: { _csrf: csrfToken, approvingMeeting: String(meetingOn('2018-03-22')) },
      })
      assert.equal(earlier.statusCode, 400)
      assert.match(earlier.body, /Minutes are approved at a later meeting/)
      assert.equal((await services.minutes.get(june))?.minutes.status, 'draft')
    })

    it('escapes script in minute text and stores SQL-looking text literally', async () => {
      const { cookies, csrfToken } = await signedInAs(app, services, 'democratic-services')
      const meeting = meetingOn('2018-09-27')
      const hostile = '<script>alert("x")</script>'
      const sql = "Robert'); DROP TABLE minute_item; --"
      await app.inject({
        method: 'POST',
        url: `/meetings/${meeting}/minutes/edit`,
        cookies,
        payload: { _csrf: csrfToken, present: `Councillor ${hostile}`, apologies: '', officers: sql, declarations: '' },
      })
      const added = await app.inject({
        method: 'POST',
        url: `/meetings/${meeting}/minutes/items/new`,
        cookies,
        payload: { _csrf: csrfToken, title: sql, text: hostile, resolved: hostile, inTheChair: '' },
      })
      assert.equal(added.statusCode, 303)
      const page = await app.inject(`/meetings/${meeting}/minutes`)
      assert.equal(page.statusCode, 200)
      assert.ok(!page.body.includes(hostile))
      assert.match(page.body, /&lt;script&gt;alert\(&quot;x&quot;\)&lt;\/script&gt;/)
      const saved = await services.minutes.get(meeting)
      assert.deepEqual(saved?.minutes.officers, [sql])
      assert.equal(saved.minutes.items[0]?.title, sql)
      assert.equal(saved.minutes.items[0]?.paragraphs[0], hostile)
    })
  })
})

/**
 * The report pages after the panel's user review: Members' Room papers refuse truly and send the signed-out to
 * sign in, are numbered apart from the public appendices and listed once, the contact lines say what is wrong on
 * which line, a refused upload keeps what was typed, a new cover sheet starts filled in, and dates read alike.
 */
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { FastifyInstance } from 'fastify'
import { demoApp } from '../../test/app.ts'
import { multipart } from '../../test/multipart.ts'
import { datePartsOf } from '../domain/calendar/date-input.ts'
import { signedInAs } from '../../test/sign-in.ts'
import type { Services } from '../services/index.ts'
import { onePagePdf } from '../../test/pdf.ts'

type Session = { cookies: Record<string, string>; csrfToken: string }

const COVER_SHEET = {
  decisionMaker: 'Children and Families Scrutiny Panel',
  subject: 'Placements',
  'dateOfDecision-day': '7',
  'dateOfDecision-month': '6',
  'dateOfDecision-year': '2018',
  reportOf: 'Service Director',
  keyDecision: 'no',
  equalityImpactAssessment: 'no',
  dataProtectionImpactAssessment: 'no',
}

describe("the report pages after the panel's review", () => {
  let app: FastifyInstance
  let services: Services
  let close: () => Promise<void>
  let meetingId: number
  let clerk: Session
  let member: Session
  let director: Session
  /** Item 9's Members' Room paper, uploaded in before(). */
  let membersPaper: number

  async function upload(item: number, fields: Record<string, string>, file: Parameters<typeof multipart>[1]) {
    return app.inject({
      method: 'POST',
      url: `/meetings/${meetingId}/items/${item}/appendices/upload`,
      cookies: clerk.cookies,
      ...multipart({ _csrf: clerk.csrfToken, ...fields }, file),
    })
  }

  async function saveCoverSheet(item: number, fields: Record<string, string>) {
    return app.inject({
      method: 'POST',
      url: `/meetings/${meetingId}/items/${item}/report`,
      cookies: clerk.cookies,
      payload: { _csrf: clerk.csrfToken, ...fields },
    })
  }

  before(async () => {
    ;({ app, services, close } = await demoApp({ rateLimitPerMinute: 10_000 }))
    const meeting = (await services.meetings.allMeetings()).find((e) => e.meeting.date === '2018-06-07')
    assert.ok(meeting)
    meetingId = meeting.meeting.id
    clerk = await signedInAs(app, services, 'democratic-services')
    member = await signedInAs(app, services, 'panel-member')
    director = await signedInAs(app, services, 'director')
    const view = await services.reports.itemReport(meetingId, 9)
    assert.ok(view?.report)
    // The review's case: the summary typed in the Members' Room box and uploaded under the same title.
    const stored = services.reports.formValues(view)
    // The form sends the date of decision as a date input's three boxes.
    const { day, month, year } = datePartsOf(stored.dateOfDecision)
    const typed = {
      ...stored,
      'dateOfDecision-day': day,
      'dateOfDecision-month': month,
      'dateOfDecision-year': year,
    }
    assert.equal(
      (await saveCoverSheet(9, { ...typed, membersRoomDocuments: 'Confidential case summary\nSite visit notes' }))
        .statusCode,
      303,
    )
    const uploaded = await upload(
      9,
      { title: 'confidential  CASE summary', membersRoomOnly: 'yes' },
      { name: 'summary.pdf', bytes: await onePagePdf('Appendix'), type: 'application/pdf' },
    )
    assert.equal(uploaded.statusCode, 303)
    const appendices = (await services.reports.itemReport(meetingId, 9))?.appendices ?? []
    membersPaper = appendices.find((a) => a.membersRoomOnly)?.id ?? 0
    assert.ok(membersPaper > 0)
  })
  after(async () => {
    await close()
  })

  it("sends someone not signed in to sign in for a Members' Room paper, and back to it afterwards", async () => {
    const response = await app.inject(`/reports/appendices/${membersPaper}`)
    assert.equal(response.statusCode, 303)
    assert.equal(
      response.headers.location,
      `/sign-in?returnTo=${encodeURIComponent(`/reports/appendices/${membersPaper}`)}`,
    )
  })

  it('refuses a director truly, naming who may read it, with a link back to the meeting', async () => {
    const response = await app.inject({ url: `/reports/appendices/${membersPaper}`, cookies: director.cookies })
    assert.equal(response.statusCode, 403)
    assert.match(response.body, /only panel members, democratic services and administrators may read it/)
    assert.doesNotMatch(response.body, /council officers|go back to the datasets/)
    assert.match(response.body, new RegExp(`href="/meetings/${meetingId}" class="govuk-link">go back to the meeting`))
    const paper = await app.inject({ url: `/reports/appendices/${membersPaper}`, cookies: member.cookies })
    assert.equal(paper.statusCode, 200)
  })

  it("numbers Members' Room papers apart from the appendices and lists a typed duplicate once", async () => {
    const page = await app.inject({ url: `/meetings/${meetingId}/items/9`, cookies: member.cookies })
    assert.match(page.body, /Appendix 1: <a/)
    assert.match(
      page.body,
      new RegExp(`Members&#39; Room document 1: <a class="govuk-link" href="/reports/appendices/${membersPaper}">`),
    )
    assert.doesNotMatch(page.body, /<li>Confidential case summary<\/li>/i)
    assert.match(page.body, /<li>Site visit notes<\/li>/)
    const form = await app.inject({ url: `/meetings/${meetingId}/items/9/report`, cookies: clerk.cookies })
    assert.match(form.body, /Members&#39; Room document 1: <a/)
    assert.match(form.body, /Appendix 1: <a/)
    assert.match(form.body, /Members&#39; Room files uploaded below are listed automatically/)
    assert.match(form.body, /only panel members, democratic services and administrators may open it/)
    assert.doesNotMatch(form.body, /council officers/)
  })

  it('says which contact line is wrong and what is wrong with it', async () => {
    const response = await saveCoverSheet(8, {
      ...COVER_SHEET,
      contacts: 'Author | Mark Pirnie | phone-abc | not-an-email\nDirector',
    })
    assert.equal(response.statusCode, 400)
    assert.match(response.body, /Line 1: &#39;phone-abc&#39; is not a telephone number/)
    assert.match(response.body, /Line 1: &#39;not-an-email&#39; is not an email address/)
    assert.match(response.body, /Line 2: enter the contact&#39;s name/)
    assert.doesNotMatch(response.body, /Line 2: enter the contact&#39;s role/)
  })

  it("keeps the title typed and the Members' Room tick when an upload is refused", async () => {
    const response = await upload(
      9,
      { title: 'Exempt placement costs', membersRoomOnly: 'yes' },
      { name: 'costs.pdf', bytes: new TextEncoder().encode('not a pdf'), type: 'application/pdf' },
    )
    assert.equal(response.statusCode, 400)
    assert.match(response.body, /is not a PDF, Word document or Excel workbook/)
    assert.match(response.body, /name="title" type="text" value="Exempt placement costs"/)
    assert.match(response.body, /name="membersRoomOnly" type="checkbox" value="yes" checked/)
  })

  it("starts a new cover sheet with the committee's name, the item's title and the meeting's date", async () => {
    const view = await services.reports.itemReport(meetingId, 8)
    assert.ok(view !== null && view.report === null)
    const form = await app.inject({ url: `/meetings/${meetingId}/items/8/report`, cookies: clerk.cookies })
    assert.equal(form.statusCode, 200)
    assert.match(form.body, new RegExp(`name="decisionMaker" type="text" value="${view.committee.name}"`))
    assert.match(form.body, /name="dateOfDecision-day" type="text" value="7"/)
    assert.match(form.body, /name="dateOfDecision-year" type="text" value="2018"/)
    assert.ok(form.body.includes(`name="subject" type="text" value="${view.item.title}"`))
  })

  it('writes dates alike: the agenda editor and the meetings page', async () => {
    const agenda = await app.inject({ url: `/meetings/${meetingId}/agenda`, cookies: clerk.cookies })
    assert.match(agenda.body, /, Thursday 7 June 2018/)
    assert.doesNotMatch(agenda.body, /2018-06-07/)
    const meetings = await app.inject('/meetings?year=2018-19')
    assert.match(meetings.body, /2018\/19 municipal year/)
    assert.doesNotMatch(meetings.body, /2018 to 2019/)
  })

  describe('edge cases', () => {
    it("names a blank role and a too-long name on their lines, and ignores blank lines in the count's favour", async () => {
      const response = await saveCoverSheet(8, {
        ...COVER_SHEET,
        contacts: `Author | Mark Pirnie\n\n | Ann Other\nChair | ${'x'.repeat(300)}`,
      })
      assert.equal(response.statusCode, 400)
      assert.match(response.body, /Line 3: enter the contact&#39;s role/)
      assert.match(response.body, /Line 4: the name must be \d+ characters or fewer/)
      assert.doesNotMatch(response.body, /Line 1:/)
    })

    it('keeps an empty title and no tick empty on a refused upload', async () => {
      const response = await upload(
        9,
        {},
        { name: 'x.pdf', bytes: new TextEncoder().encode('no'), type: 'application/pdf' },
      )
      assert.equal(response.statusCode, 400)
      assert.match(response.body, /name="title" type="text"/)
      assert.doesNotMatch(response.body, /name="title" type="text" value="[^"]/)
      assert.doesNotMatch(response.body, /name="membersRoomOnly" type="checkbox" value="yes" checked/)
    })

    it('404s for an appendix that does not exist, signed in or not', async () => {
      assert.equal((await app.inject('/reports/appendices/999999')).statusCode, 404)
      assert.equal((await app.inject({ url: '/reports/appendices/999999', cookies: director.cookies })).statusCode, 404)
    })

    it("keeps a contact's job title typed on the form and prints it in the contact block; refuses a sixth part", async () => {
      const lines =
        'Executive Director | Mike Harris | 023 8083 2882 | mike.harris@example.gov.uk | Deputy Chief Executive\n' +
        'Author | Mark Pirnie | 023 8083 3886 | mark.pirnie@example.gov.uk | Scrutiny Manager'
      const saved = await saveCoverSheet(9, {
        ...COVER_SHEET,
        subject: 'Children and Families - Performance',
        contacts: lines,
      })
      assert.equal(saved.statusCode, 303, saved.body.slice(0, 300))
      const page = await app.inject(`/meetings/${meetingId}/items/9`)
      assert.match(
        page.body,
        /Executive Director<\/dt>\s*<dd class="govuk-summary-list__value">Title: Deputy Chief Executive<br>Mike Harris/,
      )
      assert.match(page.body, /Title: Scrutiny Manager<br>Mark Pirnie/)
      const form = await app.inject({ url: `/meetings/${meetingId}/items/9/report`, cookies: clerk.cookies })
      assert.ok(form.body.includes('| mike.harris@example.gov.uk | Deputy Chief Executive'))
      const api = (
        await app.inject(`/api/reports/${(await services.reports.itemReport(meetingId, 9))?.report?.id ?? 0}`)
      ).json<{
        report: { contacts: Array<{ title: string | null }> }
      }>()
      assert.deepEqual(
        api.report.contacts.map((c) => c.title),
        ['Deputy Chief Executive', 'Scrutiny Manager'],
      )
      const refused = await saveCoverSheet(9, { ...COVER_SHEET, contacts: 'Author | Ann | | | Manager | extra' })
      assert.equal(refused.statusCode, 400)
      assert.match(refused.body, /Line 1: a contact has at most five parts/)
    })
  })
})

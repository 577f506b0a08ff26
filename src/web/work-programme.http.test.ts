import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { FastifyInstance } from 'fastify'
import { demoApp } from '../../test/app.ts'
import { signedInAs } from '../../test/sign-in.ts'
import type { Services } from '../services/index.ts'

describe("a committee's work programme", () => {
  let app: FastifyInstance
  let services: Services
  let close: () => Promise<void>
  let committeeId: number

  before(async () => {
    ;({ app, services, close } = await demoApp())
    const [committee] = await services.meetings.listCommittees()
    assert.ok(committee)
    committeeId = committee.id
  })
  after(async () => {
    await close()
  })

  it('publishes the 2019/20 work programme on the committee page', async () => {
    const committee = await app.inject(`/committees/${committeeId}`)
    assert.match(committee.body, new RegExp(`href="/committees/${committeeId}/work-programme"`))
    const page = await app.inject(`/committees/${committeeId}/work-programme`)
    assert.equal(page.statusCode, 200)
    assert.match(page.body, /Young Inspectors Scheme/)
    assert.match(page.body, /September 2019/)
    assert.match(page.body, />\s*Done\s*</)
    assert.doesNotMatch(page.body, /Move onto the agenda|Add an item/)
  })

  it('adds an item for a meeting to come and moves it onto that agenda in one action', async () => {
    const { cookies, csrfToken } = await signedInAs(app, services, 'democratic-services')
    const created = await services.meetings.createMeeting(
      committeeId,
      { date: '2099-07-23', startTime: '17:30', venue: 'Conference Room 3', status: 'scheduled' },
      { actor: 'test' },
    )
    assert.ok(created.ok)
    const meetingId = created.value
    const url = `/committees/${committeeId}/work-programme/new`
    const form = await app.inject({ url, cookies })
    assert.match(form.body, new RegExp(`<option value="${meetingId}">23 July 2099</option>`))
    const refused = await app.inject({
      method: 'POST',
      url,
      cookies,
      payload: { _csrf: csrfToken, title: '', purpose: '', meeting: '', month: '' },
    })
    assert.equal(refused.statusCode, 400)
    assert.match(refused.body, /href="#meeting">Choose the meeting the item is planned for, or enter a month/)
    const added = await app.inject({
      method: 'POST',
      url,
      cookies,
      payload: {
        _csrf: csrfToken,
        title: 'Care leavers’ accommodation',
        purpose: 'To review the suitability of accommodation for care leavers.',
        leadOfficer: 'Service Director, Children and Families',
        meeting: String(meetingId),
        month: '',
      },
    })
    assert.equal(added.statusCode, 303)
    const itemId = Number(/#item-(\d+)/.exec(String(added.headers.location))?.[1])
    const page = await app.inject({ url: `/committees/${committeeId}/work-programme`, cookies })
    assert.match(page.body, /Move onto the agenda<span class="govuk-visually-hidden">: Care leavers’ accommodation/)
    const moved = await app.inject({
      method: 'POST',
      url: `/committees/${committeeId}/work-programme/${itemId}/agenda`,
      cookies,
      payload: { _csrf: csrfToken },
    })
    assert.equal(moved.statusCode, 303)
    assert.equal(moved.headers.location, `/meetings/${meetingId}/agenda`)
    const agenda = (await services.meetings.getMeeting(meetingId))?.agenda ?? []
    const onAgenda = agenda.find((a) => a.title === 'Care leavers’ accommodation')
    assert.ok(onAgenda)
    assert.equal(onAgenda.description, 'To review the suitability of accommodation for care leavers.')
    // Monitoring scrutiny recommendations stays after the reports, as the agenda editor keeps it.
    assert.equal(agenda.at(-1)?.kind, 'monitoring-recommendations')
    const item = (await services.workProgramme.list(committeeId)).find((i) => i.id === itemId)
    assert.equal(item?.status, 'on-agenda')
    assert.equal(item?.agendaItemId, onAgenda.id)
    const again = await app.inject({
      method: 'POST',
      url: `/committees/${committeeId}/work-programme/${itemId}/agenda`,
      cookies,
      payload: { _csrf: csrfToken },
    })
    assert.equal(again.statusCode, 400)
    assert.match(again.body, /The item is already on an agenda/)
    const member = await signedInAs(app, services, 'panel-member')
    assert.equal((await app.inject({ url, cookies: member.cookies })).statusCode, 403)
  })
})

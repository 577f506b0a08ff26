import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { FastifyInstance } from 'fastify'
import { demoApp } from '../../test/app.ts'
import { signedInAs } from '../../test/sign-in.ts'
import type { Services } from '../services/index.ts'
import type { Store } from '../store/connect.ts'
import { dataAccess } from '../store/data-access.ts'

describe("a committee's work programme", () => {
  let app: FastifyInstance
  let services: Services
  let close: () => Promise<void>
  let store: Store
  let committeeId: number

  before(async () => {
    ;({ app, services, store, close } = await demoApp())
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
    // The committee's page shows the programme itself, each item with its status.
    assert.match(
      committee.body,
      /Young Inspectors Scheme<\/td>\s*<td class="govuk-table__cell">\s*<strong class="govuk-tag govuk-tag--\w+">/,
    )
    assert.match(committee.body, /<strong class="govuk-tag govuk-tag--grey">\s*Done\s*<\/strong>/)
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

  it('lets democratic services change, defer, put back and mark done an item, each audited, and no one else', async () => {
    const ds = await signedInAs(app, services, 'democratic-services')
    const context = { actor: 'test' }
    const meetingOn = async (date: string) => {
      const created = await services.meetings.createMeeting(
        committeeId,
        { date, startTime: '17:30', venue: 'Civic Centre', status: 'scheduled' },
        context,
      )
      assert.ok(created.ok)
      return created.value
    }
    const september = await meetingOn('2099-09-17')
    const october = await meetingOn('2099-10-15')
    const added = await services.workProgramme.add(
      committeeId,
      {
        title: 'Elective home education',
        purpose: 'To hear about it.',
        leadOfficer: '',
        meeting: String(september),
        month: '',
      },
      context,
    )
    assert.ok(added.ok)
    const id = added.value
    const base = `/committees/${committeeId}/work-programme`
    const item = async () => {
      const found = await services.workProgramme.item(committeeId, id)
      assert.ok(found)
      return found
    }
    const post = (
      path: string,
      payload: Record<string, string>,
      as: { cookies: Record<string, string>; csrfToken: string } = ds,
    ) =>
      app.inject({
        method: 'POST',
        url: `${base}/${id}/${path}`,
        cookies: as.cookies,
        payload: { _csrf: as.csrfToken, ...payload },
      })
    const events = async (action: string) =>
      (await dataAccess(store).audit.search({ action, offset: 0, limit: 10 })).events

    // The public, a panel member and a post without the form's token are refused, and nothing changes.
    const original = await item()
    const member = await signedInAs(app, services, 'panel-member')
    for (const path of ['edit', 'defer', 'done', 'planned']) {
      const anonymous = await app.inject({ method: 'POST', url: `${base}/${id}/${path}`, payload: { title: 'Hacked' } })
      assert.equal(anonymous.statusCode, 403, path)
      assert.equal((await post(path, { title: 'Hacked', month: '2099-12' }, member)).statusCode, 403, path)
      const noToken = await app.inject({
        method: 'POST',
        url: `${base}/${id}/${path}`,
        cookies: ds.cookies,
        payload: { title: 'Hacked', month: '2099-12' },
      })
      assert.equal(noToken.statusCode, 403, path)
    }
    for (const path of ['edit', 'defer']) {
      assert.notEqual((await app.inject({ url: `${base}/${id}/${path}` })).statusCode, 200, path)
      assert.equal((await app.inject({ url: `${base}/${id}/${path}`, cookies: member.cookies })).statusCode, 403)
    }
    assert.deepEqual(await item(), original)
    const publicPage = await app.inject(base)
    assert.doesNotMatch(publicPage.body, /Mark done|>Change<|>Defer</)

    // Changing it: the form is filled in; bad input is refused with its reason and changes nothing.
    const form = await app.inject({ url: `${base}/${id}/edit`, cookies: ds.cookies })
    assert.equal(form.statusCode, 200)
    assert.match(form.body, /value="Elective home education"/)
    assert.match(form.body, new RegExp(`<option value="${september}" selected>17 September 2099</option>`))
    const fields = {
      title: 'Elective home education',
      purpose: 'To hear about it.',
      leadOfficer: '',
      meeting: String(september),
      month: '',
    }
    const blank = await post('edit', { ...fields, title: ' ', meeting: '999999' })
    assert.equal(blank.statusCode, 400)
    assert.match(blank.body, /href="#title">Enter the title of the item/)
    assert.match(blank.body, /href="#meeting">Choose one of the committee&#39;s meetings still to come, or none/)
    assert.deepEqual(await item(), original)
    const saved = await post('edit', {
      ...fields,
      title: 'Elective home education and children missing education',
      leadOfficer: 'Head of Inclusion',
    })
    assert.equal(saved.statusCode, 303)
    assert.equal(saved.headers.location, `${base}?done=work-programme-saved#item-${id}`)
    const banner = await app.inject({ url: `${base}?done=work-programme-saved`, cookies: ds.cookies })
    assert.match(banner.body, /govuk-notification-banner--success[\s\S]*The item’s changes have been saved/)
    assert.match(banner.body, /Elective home education and children missing education/)
    assert.equal((await item()).leadOfficer, 'Head of Inclusion')
    const [edited] = await events('work-programme.edit')
    assert.deepEqual(edited?.details, {
      before: {
        id,
        title: 'Elective home education',
        purpose: 'To hear about it.',
        leadOfficer: '',
        meetingId: september,
        plannedMonth: null,
      },
      after: {
        id,
        title: 'Elective home education and children missing education',
        purpose: 'To hear about it.',
        leadOfficer: 'Head of Inclusion',
        meetingId: september,
        plannedMonth: null,
      },
    })

    // Deferring it: to a different meeting, with the reason, shown on the programme and the committee's page.
    assert.match(
      (await app.inject({ url: `${base}/${id}/defer`, cookies: ds.cookies })).body,
      /It is planned for 17 September 2099/,
    )
    const same = await post('defer', { meeting: String(september), month: '', reason: '' })
    assert.equal(same.statusCode, 400)
    assert.match(same.body, /Choose a different meeting or month from the one planned now/)
    assert.equal((await item()).status, 'planned')
    const deferred = await post('defer', { meeting: String(october), month: '', reason: 'Awaiting the new guidance' })
    assert.equal(deferred.statusCode, 303)
    assert.equal(deferred.headers.location, `${base}?done=work-programme-deferred#item-${id}`)
    assert.deepEqual(
      { status: (await item()).status, meetingId: (await item()).meetingId, reason: (await item()).deferralReason },
      { status: 'deferred', meetingId: october, reason: 'Awaiting the new guidance' },
    )
    assert.deepEqual((await events('work-programme.defer'))[0]?.details.after, {
      id,
      meetingId: october,
      plannedMonth: null,
      status: 'deferred',
      deferralReason: 'Awaiting the new guidance',
    })
    const committeePage = (await app.inject(`/committees/${committeeId}`)).body
    assert.match(
      committeePage,
      /15 October 2099<\/td>\s*<td class="govuk-table__cell">Elective home education and children missing education<br><span class="govuk-body-s">Awaiting the new guidance<\/span><\/td>\s*<td class="govuk-table__cell">\s*<strong class="govuk-tag govuk-tag--yellow">\s*Deferred/,
    )

    // Back to planned, once; then done, after which nothing changes it.
    assert.equal((await post('planned', {})).statusCode, 303)
    assert.equal((await item()).status, 'planned')
    assert.equal((await item()).deferralReason, null)
    const again = await post('planned', {})
    assert.equal(again.statusCode, 400)
    assert.match(again.body, /Only a deferred item can be put back to planned/)
    const done = await post('done', {})
    assert.equal(done.statusCode, 303)
    assert.equal(done.headers.location, `${base}?done=work-programme-done#item-${id}`)
    assert.equal((await item()).status, 'done')
    const doneAgain = await post('edit', { ...fields, title: 'Changed after' })
    assert.equal(doneAgain.statusCode, 400)
    assert.match(doneAgain.body, /The item is done: it can no longer be changed/)
    assert.equal((await item()).title, 'Elective home education and children missing education')
    for (const [action, status] of [
      ['work-programme.replan', 'planned'],
      ['work-programme.done', 'done'],
    ] as const) {
      const [event] = await events(action)
      assert.equal(event?.subjectId, String(committeeId), action)
      assert.deepEqual(event?.details.after, { id, status, deferralReason: null }, action)
    }
    assert.equal((await app.inject({ url: `${base}/999999/edit`, cookies: ds.cookies })).statusCode, 404)
  })
})

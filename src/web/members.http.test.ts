import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { FastifyInstance } from 'fastify'
import { demoApp } from '../../test/app.ts'
import { signedInAs } from '../../test/sign-in.ts'
import type { Services } from '../services/index.ts'

describe("members' pages", () => {
  let app: FastifyInstance
  let services: Services
  let close: () => Promise<void>

  before(async () => {
    ;({ app, services, close } = await demoApp())
  })
  after(async () => {
    await close()
  })

  it("shows a member's committees with dates, attendance per municipal year, declarations and published interests", async () => {
    const list = await app.inject('/members')
    assert.equal(list.statusCode, 200)
    assert.match(list.body, /href="\/members\/councillor-taggart">Councillor Taggart</)
    assert.match(list.body, /href="\/members\/rob-sanders">Rob Sanders</)
    const page = await app.inject('/members/councillor-taggart')
    assert.equal(page.statusCode, 200)
    assert.match(page.body, /Vice-Chair<\/td>\s*<td class="govuk-table__cell">1 May 2017/)
    assert.match(
      page.body,
      /Chair<\/td>\s*<td class="govuk-table__cell">15 May 2019<\/td>\s*<td class="govuk-table__cell">to date/,
    )
    // Present on 22 March 2018 (2017/18) and 6 June 2019 (2019/20), from the seeds' minutes.
    assert.match(page.body, /2019\/20<\/th>\s*<td class="govuk-table__cell">1 of 1</)
    assert.match(page.body, /2017\/18<\/th>\s*<td class="govuk-table__cell">1 of 1</)
    assert.match(page.body, /declared a personal and pecuniary interest/)
    // The declaration links to its meeting, whose page lists it too.
    const declaredAt = /<li><a class="govuk-link" href="([^"]+)">[^<]+<\/a>: Councillors Keogh/.exec(page.body)?.[1]
    assert.ok(declaredAt, 'a link to the meeting of the declaration')
    const meeting = await app.inject(declaredAt.replace(/#.*$/, '').replace(/\/minutes$/, ''))
    assert.equal(meeting.statusCode, 200)
    assert.match(
      meeting.body,
      /id="declarations">Declarations of interest<\/h2>[\s\S]*Councillors Keogh \(Chair\) and Taggart/,
    )
    assert.match(page.body, /Employment: college lecturer/)
    const sanders = await app.inject('/members/rob-sanders')
    assert.match(
      sanders.body,
      /2019\/20<\/th>\s*<td class="govuk-table__cell">0 of 1<\/td>\s*<td class="govuk-table__cell govuk-table__cell--numeric">1</,
    )
    assert.doesNotMatch(sanders.body, /declared a personal/)
    assert.equal((await app.inject('/members/nobody')).statusCode, 404)
  })

  it("shows the committee's attendance table for a municipal year, from the minutes", async () => {
    const committee = await app.inject('/committees/1')
    assert.match(committee.body, /href="\/committees\/1\/attendance">Attendance at the committee/)
    const latest = await app.inject('/committees/1/attendance')
    assert.equal(latest.statusCode, 200)
    assert.match(latest.body, /Attendance 2019\/20/)
    assert.match(
      latest.body,
      /Councillor Chaloner<\/a><\/th>\s*<td class="govuk-table__cell">Present<\/td>\s*<td class="govuk-table__cell">1 of 1/,
    )
    const earlier = await app.inject('/committees/1/attendance?year=2017-18')
    assert.match(
      earlier.body,
      /Councillor Burke<\/a><\/th>\s*<td class="govuk-table__cell">Apologies<\/td>\s*<td class="govuk-table__cell">0 of 1/,
    )
    assert.equal((await app.inject('/committees/1/attendance?year=nonsense')).statusCode, 200)
    assert.equal((await app.inject('/committees/999/attendance')).statusCode, 404)
  })

  it('lets democratic services keep the register; an unpublished interest is only shown to them', async () => {
    const { cookies, csrfToken } = await signedInAs(app, services, 'democratic-services')
    const url = '/members/councillor-laurent/interests/new'
    assert.equal((await app.inject({ url, cookies })).statusCode, 200)
    const refused = await app.inject({
      method: 'POST',
      url,
      cookies,
      payload: {
        _csrf: csrfToken,
        category: 'x',
        description: '',
        'registeredOn-day': '20',
        'registeredOn-month': '5',
        'registeredOn-year': '2019',
        'updatedOn-day': '1',
        'updatedOn-month': '5',
        'updatedOn-year': '2019',
        published: 'no',
      },
    })
    assert.equal(refused.statusCode, 400)
    assert.match(refused.body, /href="#category">Choose the category/)
    assert.match(refused.body, /must be on or after it was registered/)
    const badDate = await app.inject({
      method: 'POST',
      url,
      cookies,
      payload: {
        _csrf: csrfToken,
        category: 'non-registrable',
        description: 'Governor',
        'registeredOn-day': '30',
        'registeredOn-month': '2',
        'registeredOn-year': '2019',
        'updatedOn-day': '1',
        'updatedOn-month': '3',
        'updatedOn-year': '2019',
        published: 'yes',
      },
    })
    assert.equal(badDate.statusCode, 400)
    // The box is named, with what was typed and why; the three boxes keep what was typed.
    assert.match(badDate.body, /href="#registeredOn">Date registered[^<]*28 days/)
    assert.match(badDate.body, /name="registeredOn-day" type="text" value="30"/)
    const added = await app.inject({
      method: 'POST',
      url,
      cookies,
      payload: {
        _csrf: csrfToken,
        category: 'non-registrable',
        description: 'Governor of a local <school>',
        'registeredOn-day': '20',
        'registeredOn-month': '5',
        'registeredOn-year': '2019',
        'updatedOn-day': '20',
        'updatedOn-month': '5',
        'updatedOn-year': '2019',
        published: 'no',
      },
    })
    assert.equal(added.statusCode, 303)
    const own = await app.inject({ url: '/members/councillor-laurent', cookies })
    assert.match(own.body, /Governor of a local &lt;school&gt;/)
    assert.match(own.body, /Not published/)
    const publicPage = await app.inject('/members/councillor-laurent')
    assert.doesNotMatch(publicPage.body, /Governor of a local/)
    const member = await signedInAs(app, services, 'panel-member')
    assert.equal((await app.inject({ url, cookies: member.cookies })).statusCode, 403)

    // Changing the entry, then taking it off the register: each audited with what it was.
    const editHref =
      /href="(\/members\/councillor-laurent\/interests\/\d+)">Change<span class="govuk-visually-hidden"> Governor/.exec(
        own.body,
      )?.[1]
    assert.ok(editHref, 'a Change link for democratic services')
    assert.doesNotMatch(publicPage.body, />Change</)
    const form = await app.inject({ url: editHref, cookies })
    assert.equal(form.statusCode, 200)
    assert.match(form.body, /Change an interest/)
    assert.match(form.body, /name="registeredOn-day" type="text" value="20"/)
    const changed = await app.inject({
      method: 'POST',
      url: editHref,
      cookies,
      payload: {
        _csrf: csrfToken,
        category: 'non-registrable',
        description: 'Governor of a local primary school',
        'registeredOn-day': '20',
        'registeredOn-month': '5',
        'registeredOn-year': '2019',
        'updatedOn-day': '1',
        'updatedOn-month': '9',
        'updatedOn-year': '2019',
        published: 'yes',
      },
    })
    assert.equal(changed.statusCode, 303)
    const nowPublic = await app.inject('/members/councillor-laurent')
    assert.match(
      nowPublic.body,
      /Governor of a local primary school <span class="govuk-hint[^>]*>\(registered 20 May 2019, updated 1 September 2019\)/,
    )
    const removed = await app.inject({
      method: 'POST',
      url: `${editHref}/remove`,
      cookies,
      payload: { _csrf: csrfToken },
    })
    assert.equal(removed.statusCode, 303)
    assert.doesNotMatch((await app.inject('/members/councillor-laurent')).body, /Governor of a local/)
    assert.equal((await app.inject({ url: editHref, cookies })).statusCode, 404)
    const audit = await services.auditLog.search({ text: '', action: '', from: '', to: '' })
    assert.ok(audit.ok)
    const actions = audit.value.events.map((e) => e.action)
    for (const action of ['member.interest.add', 'member.interest.change', 'member.interest.remove'])
      assert.ok(actions.includes(action), `${action} audited`)
  })
})

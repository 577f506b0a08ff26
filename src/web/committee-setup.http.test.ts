/**
 * A council that starts without the demo (SCRUTINEER_DEMO=false) has no committee. Democratic services set one up
 * at /committees/new, add its members, and can then schedule its first meeting; /committees lists the committees.
 */
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { FastifyInstance } from 'fastify'
import { emptyApp } from '../../test/app.ts'
import { signedInAs } from '../../test/sign-in.ts'
import type { Services } from '../services/index.ts'

const PANEL = {
  name: 'Children and Families Scrutiny Panel',
  purpose: 'To scrutinise services for children and families.',
  termsOfReference: 'Early help\nYouth justice',
  quorum: '2',
}

describe('setting up the panel in a council that starts empty', () => {
  let app: FastifyInstance
  let services: Services
  let close: () => Promise<void>
  let officer: { cookies: Record<string, string>; csrfToken: string }
  let committeeUrl = ''

  before(async () => {
    ;({ app, services, close } = await emptyApp())
    officer = await signedInAs(app, services, 'democratic-services')
  })
  after(async () => {
    await close()
  })

  const post = (url: string, payload: Record<string, string>) =>
    app.inject({ method: 'POST', url, cookies: officer.cookies, payload: { ...payload, _csrf: officer.csrfToken } })

  it('tells democratic services to set up the panel before scheduling a meeting', async () => {
    const meetings = await app.inject({ url: '/meetings', cookies: officer.cookies })
    assert.equal(meetings.statusCode, 200)
    assert.match(meetings.body, /<a class="govuk-link" href="\/committees\/new">Set up the panel first<\/a>/)
    assert.doesNotMatch(meetings.body, /Schedule a meeting<\/a>/)
    assert.match(meetings.body, /<a class="govuk-link" href="\/committees">Committees<\/a>/)

    const schedule = await app.inject({ url: '/meetings/new', cookies: officer.cookies })
    assert.equal(schedule.statusCode, 200)
    assert.match(schedule.body, /href="\/committees\/new">Set up the panel first<\/a>/)
    assert.doesNotMatch(schedule.body, /<select/)

    const list = await app.inject({ url: '/committees', cookies: officer.cookies })
    assert.match(list.body, /No committee has been set up yet/)
    assert.match(list.body, /href="\/committees\/new">Set up a committee<\/a>/)
  })

  it('sets up the committee, adds a chair and a member, and schedules a meeting with them on its front sheet', async () => {
    const form = await app.inject({ url: '/committees/new', cookies: officer.cookies })
    assert.equal(form.statusCode, 200)
    assert.match(form.body, /<h1 class="govuk-heading-l">Set up a committee<\/h1>/)
    assert.match(form.body, /Role of this Scrutiny Panel/)

    const created = await post('/committees/new', PANEL)
    assert.equal(created.statusCode, 303, created.body.slice(0, 400))
    committeeUrl = String(created.headers.location)
    assert.match(committeeUrl, /^\/committees\/\d+$/)

    const chair = await post(`${committeeUrl}/members/new`, { name: 'Taggart', kind: 'councillor', role: 'chair' })
    assert.equal(chair.statusCode, 303)
    const member = await post(`${committeeUrl}/members/new`, { name: 'Rob Sanders', kind: 'appointed', role: 'member' })
    assert.equal(member.statusCode, 303)

    const meetings = await app.inject({ url: '/meetings', cookies: officer.cookies })
    assert.match(meetings.body, /href="\/meetings\/new">Schedule a meeting<\/a>/)
    assert.doesNotMatch(meetings.body, /Set up the panel first/)

    const id = committeeUrl.split('/').at(-1) ?? ''
    const scheduled = await post('/meetings/new', {
      committee: id,
      'date-day': '10',
      'date-month': '6',
      'date-year': '2027',
      startTime: '17:30',
      venue: 'Conference Room 3, Civic Centre',
      notice: '',
    })
    assert.equal(scheduled.statusCode, 303, scheduled.body.slice(0, 400))
    const page = await app.inject({ url: String(scheduled.headers.location) })
    assert.equal(page.statusCode, 200)
    assert.match(page.body, /Children and Families Scrutiny Panel/)
    assert.match(
      page.body,
      /<li><a class="govuk-link" href="\/members\/councillor-taggart">Councillor Taggart \(Chair\)<\/a><\/li>\s*<li><a class="govuk-link" href="\/members\/rob-sanders">Rob Sanders<\/a><\/li>/,
    )
    assert.match(page.body, /2 appointed members/)
  })

  it('lists the committee for everyone, and the set-up link only for democratic services', async () => {
    const anyone = await app.inject('/committees')
    assert.equal(anyone.statusCode, 200)
    assert.match(
      anyone.body,
      new RegExp(`<a class="govuk-link" href="${committeeUrl}">Children and Families Scrutiny Panel</a>`),
    )
    assert.match(anyone.body, /To scrutinise services for children and families\./)
    assert.doesNotMatch(anyone.body, /Set up a committee/)
    const officers = await app.inject({ url: '/committees', cookies: officer.cookies })
    assert.match(officers.body, /href="\/committees\/new">Set up a committee<\/a>/)
  })

  describe('edge cases', () => {
    it('refuses an empty form with an error summary, creating nothing', async () => {
      const response = await app.inject({
        method: 'POST',
        url: '/committees/new',
        cookies: officer.cookies,
        payload: { _csrf: officer.csrfToken },
      })
      assert.equal(response.statusCode, 400)
      assert.match(response.body, /<title>Error: Set up a committee/)
      assert.match(response.body, /href="#name">Enter the name of the committee<\/a>/)
      assert.match(response.body, /href="#quorum">Enter the quorum/)
      assert.equal((await services.committees.list()).length, 1)
    })

    it('refuses a name too like an existing committee’s, keeping what was typed', async () => {
      const response = await post('/committees/new', { ...PANEL, name: 'CHILDREN and Families Scrutiny Panel!' })
      assert.equal(response.statusCode, 400)
      assert.match(
        response.body,
        /That name is too like Children and Families Scrutiny Panel, which is already a committee\. Choose a different name/,
      )
      assert.match(response.body, /value="CHILDREN and Families Scrutiny Panel!"/)
      assert.equal((await services.committees.list()).length, 1)
    })

    it('escapes a committee’s name in the list', async () => {
      const created = await post('/committees/new', { ...PANEL, name: '<script>alert(1)</script> Panel' })
      assert.equal(created.statusCode, 303)
      const list = await app.inject('/committees')
      assert.doesNotMatch(list.body, /<script>alert/)
      assert.match(list.body, /&lt;script&gt;alert\(1\)&lt;\/script&gt; Panel/)
    })

    it('keeps the form from anyone but democratic services', async () => {
      assert.equal((await app.inject('/committees/new')).statusCode, 303)
      const director = await signedInAs(app, services, 'director')
      const refused = await app.inject({
        method: 'POST',
        url: '/committees/new',
        cookies: director.cookies,
        payload: { ...PANEL, name: 'Another Panel', _csrf: director.csrfToken },
      })
      assert.equal(refused.statusCode, 403)
      assert.equal(
        (await services.committees.list()).some((c) => c.name === 'Another Panel'),
        false,
      )
    })
  })
})

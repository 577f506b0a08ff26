/**
 * The home page per role: the public sees the introduction; each signed-in role sees what waits for it, each line a
 * link to the place to act. The demo council's June 2018 is the month in preparation (docs/demo.md).
 */
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { FastifyInstance } from 'fastify'
import { demoApp } from '../../test/app.ts'
import { linkedOwner } from '../../test/owners.ts'
import { signedInAs } from '../../test/sign-in.ts'
import type { Services } from '../services/index.ts'

describe('the home page', () => {
  let app: FastifyInstance
  let services: Services
  let close: () => Promise<void>

  before(async () => {
    ;({ app, services, close } = await demoApp({ signInRateLimitPerMinute: 10_000 }))
    await linkedOwner(services, 'Jane White')
  })
  after(async () => {
    await close()
  })

  const home = async (role: Parameters<typeof signedInAs>[2], name?: string) => {
    const { cookies } = await signedInAs(app, services, role, name)
    const response = await app.inject({ url: '/', cookies })
    assert.equal(response.statusCode, 200)
    return response.body
  }

  it('shows the public the introduction and no work', async () => {
    const response = await app.inject('/')
    assert.equal(response.statusCode, 200)
    assert.match(response.body, /<h1 class="govuk-heading-xl">Scrutineer<\/h1>/)
    assert.doesNotMatch(response.body, /Your work/)
  })

  it('shows an indicator owner the commentary to write, linked to the month’s commentary', async () => {
    const body = await home('indicator-owner', 'Jane White')
    assert.match(body, /<h1 class="govuk-heading-xl">Your work<\/h1>/)
    assert.match(
      body,
      /href="\/datasets\/monthly\/2018-06\/commentary">Your commentary: \d+ indicators to write for June 2018, 1 returned</,
    )
  })

  it('shows a director what awaits sign-off', async () => {
    const body = await home('director', 'Dee Director')
    assert.match(body, /href="\/datasets\/monthly\/2018-06\/commentary">Awaiting your sign-off: 2</)
  })

  it('shows democratic services and panel members the overdue recommendations', async () => {
    const expected = (await services.recommendations.list()).filter(
      (r) =>
        r.status !== 'completed' && r.status !== 'not-accepted' && r.respondedOn === null && r.updates.length === 0,
    ).length
    assert.ok(expected > 0)
    assert.match(
      await home('democratic-services'),
      new RegExp(`href="/recommendations\\?overdue=yes">Recommendations overdue: ${expected}<`),
    )
    assert.match(
      await home('panel-member'),
      new RegExp(`href="/recommendations\\?overdue=yes">Recommendations overdue: ${expected}<`),
    )
  })

  it('shows performance officers and administrators the months in preparation, linked to their cycle', async () => {
    assert.match(await home('performance-officer'), /href="\/datasets\/monthly\/2018-06\/cycle"/)
    const admin = await home('administrator', 'Ada Admin')
    assert.match(admin, /href="\/datasets\/monthly\/2018-06\/cycle"/)
  })

  it('puts Recommendations in the header for those who keep and follow them, and Load data for those who load', async () => {
    const nav = (body: string) => /<nav[^>]*aria-label="Menu"[\s\S]*?<\/nav>/.exec(body)?.[0] ?? ''
    assert.match(nav(await home('democratic-services')), /href="\/recommendations"/)
    assert.match(nav(await home('panel-member')), /href="\/recommendations"/)
    assert.doesNotMatch(nav(await home('director', 'Dee Director')), /href="\/recommendations"/)
    assert.match(nav(await home('performance-officer')), /href="\/load-data"/)
    assert.doesNotMatch(nav(await home('democratic-services')), /href="\/load-data"/)
    assert.doesNotMatch(nav((await app.inject('/')).body), /href="\/recommendations"/)
  })

  it('shows breadcrumbs from the address below the top level, and none on a missing page', async () => {
    const meeting = await app.inject('/meetings/2')
    assert.match(meeting.body, /<nav class="govuk-breadcrumbs[^"]*"[\s\S]*href="\/meetings">Meetings<\/a>/)
    assert.doesNotMatch((await app.inject('/meetings')).body, /govuk-breadcrumbs/)
    const missing = await app.inject('/meetings/2/nothing-here')
    assert.equal(missing.statusCode, 404)
    assert.doesNotMatch(missing.body, /govuk-breadcrumbs/)
  })
})

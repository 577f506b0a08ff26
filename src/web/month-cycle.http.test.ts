/**
 * The month's cycle page on the web: the officers who prepare the pack see it, each with the links their role can
 * use; the public is sent to sign in, the panel and democratic services are refused; the pack page and /datasets
 * link to it for officers only.
 */
import assert from 'node:assert/strict'
import { fileURLToPath } from 'node:url'
import { after, before, describe, it } from 'node:test'
import type { FastifyInstance } from 'fastify'
import { demoApp } from '../../test/app.ts'
import { signedInAs } from '../../test/sign-in.ts'
import { linkedOwner } from '../../test/owners.ts'
import type { Role } from '../domain/permissions.ts'
import type { Services } from '../services/index.ts'

const SMALL = fileURLToPath(new URL('../services/testdata/annex-a-small', import.meta.url))
const URL_APRIL = '/datasets/monthly/2018-04/cycle'

/** The page's text without tags or repeated spaces. */
function text(html: string): string {
  return html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, ' ')
}

describe("the month's cycle page", () => {
  let app: FastifyInstance
  let services: Services
  let close: () => Promise<void>
  let june: number
  let importId = 0
  const cookies = new Map<Role, Record<string, string>>()

  before(async () => {
    ;({ app, services, close } = await demoApp({ rateLimitPerMinute: 100_000 }))
    const meeting = (await services.meetings.allMeetings()).find((e) => e.meeting.date === '2018-06-07')
    assert.ok(meeting)
    june = meeting.meeting.id
    for (const role of ['performance-officer', 'director', 'indicator-owner', 'panel-member'] as const) {
      cookies.set(role, (await signedInAs(app, services, role)).cookies)
    }
  })
  after(async () => {
    await close()
  })

  const open = (url: string, role: Role | null = null) =>
    app.inject({ url, ...(role === null ? {} : { cookies: cookies.get(role) ?? {} }) })

  it('shows a performance officer every step of April 2018, each linked to where its work is done', async () => {
    const response = await open(URL_APRIL, 'performance-officer')
    assert.equal(response.statusCode, 200)
    const page = text(response.body)
    assert.match(page, /April 2018: the month’s cycle/)
    assert.match(page, /48 of 49 indicators have a figure for April 2018/)
    assert.ok(response.body.includes('href="/indicators/transfer-ins-to-cpp"'), 'the missing figure is linked')
    assert.match(page, /No Annex A import covers April 2018/)
    for (const href of [
      '/datasets/monthly/2018-04/commentary',
      '/datasets/monthly/2018-04/overview',
      '/datasets/monthly/2018-04/publications',
      `/meetings/${june}`,
      `/meetings/${june}/items/9`,
    ]) {
      assert.ok(response.body.includes(`href="${href}"`), href)
    }
    // The demo publishes April 2018 on first load.
    assert.match(page, /Published, version 1/)
    assert.match(page, /No figure has been revised since publication/)
    assert.match(page, /Papers must be published by Wednesday 30 May 2018/)
    assert.match(page, /Item 9 of its agenda, “Children and Families - Performance”/)
    // A performance officer does not publish: the page says who does, and offers no button.
    assert.ok(!response.body.includes('href="/datasets/monthly/2018-04/publish"'))
    assert.match(page, /The director publishes the month\./)
  })

  it('after an Annex A import, counts its problems, links its report and lists the figures it revised', async () => {
    const imported = await services.annexA.importFile(SMALL, { actor: 'test' })
    assert.ok(imported.ok)
    importId = imported.value.importId
    const response = await open(URL_APRIL, 'performance-officer')
    const page = text(response.body)
    const { errors, warnings } = imported.value
    assert.ok(errors > 0)
    assert.match(
      page,
      new RegExp(`Import ${importId} \\(annex-a-small, [^)]+\\): ${errors} errors? and ${warnings} warnings?`),
    )
    assert.ok(response.body.includes(`href="/imports/${importId}"`))
    // The small return's April has 3 ICPCs where the published pack said 36.
    assert.match(page, /\d+ figures revised/)
    assert.match(page, /excluding transfer-ins and temporary registrations April 2018 36 3 /)
  })

  it('offers the director the publish page, and the indicator owner no data-quality report', async () => {
    const director = await open(URL_APRIL, 'director')
    assert.equal(director.statusCode, 200)
    assert.ok(director.body.includes('href="/datasets/monthly/2018-04/publish"'))
    const owner = await open(URL_APRIL, 'indicator-owner')
    assert.equal(owner.statusCode, 200)
    assert.ok(!owner.body.includes(`href="/imports/${importId}"`))
    assert.match(text(owner.body), /only the officers who may see them can open it/)
  })

  it('follows commentary as it is written: the owner counts move', async () => {
    const before = text((await open(URL_APRIL, 'performance-officer')).body)
    // The demo publishes commentary on six indicators for April 2018.
    assert.match(before, /6 published, 43 not started/)
    const jane = await linkedOwner(services, 'Jane White')
    const saved = await services.commentary.saveCommentary('monthly', '2018-04', 'missing-children', 'Up.', jane)
    assert.ok(saved.ok)
    const after = text((await open(URL_APRIL, 'performance-officer')).body)
    assert.match(after, /6 published, 1 draft, 42 not started/)
  })

  it('is linked from the officers’ pack page and /datasets, and from neither for the public', async () => {
    const pack = await open('/datasets/monthly/2018-04', 'performance-officer')
    assert.ok(pack.body.includes(`href="${URL_APRIL}"`))
    const datasets = await open('/datasets', 'indicator-owner')
    assert.ok(datasets.body.includes(`href="${URL_APRIL}"`))
    assert.ok(datasets.body.includes('href="/datasets/monthly/2018-03/cycle"'))
    for (const url of ['/datasets/monthly/2018-04', '/datasets']) {
      const publicPage = await open(url)
      assert.equal(publicPage.statusCode, 200)
      assert.ok(!publicPage.body.includes('/cycle'), url)
    }
  })

  describe('edge cases', () => {
    it('sends the public to sign in, and refuses the panel', async () => {
      const anonymous = await open(URL_APRIL)
      assert.equal(anonymous.statusCode, 303)
      assert.equal(anonymous.headers.location, `/sign-in?returnTo=${encodeURIComponent(URL_APRIL)}`)
      const member = await open(URL_APRIL, 'panel-member')
      assert.equal(member.statusCode, 403)
      assert.match(member.body, /You do not have permission/)
    })

    it('has no page for a dataset that does not exist or a month that is not YYYY-MM', async () => {
      for (const url of ['/datasets/no-such/2018-04/cycle', '/datasets/monthly/2018-13/cycle']) {
        assert.equal((await open(url, 'performance-officer')).statusCode, 404, url)
      }
    })

    it('shows a month with no figures yet, saying the other steps wait for them', async () => {
      const response = await open('/datasets/monthly/2019-01/cycle', 'performance-officer')
      assert.equal(response.statusCode, 200)
      const page = text(response.body)
      assert.match(page, /No figures are loaded for January 2019 yet/)
      assert.match(page, /Cannot start yet/)
      assert.ok(!response.body.includes('href="/datasets/monthly/2019-01/commentary"'))
    })
  })
})

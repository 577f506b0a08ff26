import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { FastifyInstance } from 'fastify'
import { demoApp } from '../../test/app.ts'
import { csrfTokenIn, postSignIn, signedInAs, TEST_PASSWORD } from '../../test/sign-in.ts'
import { linkedOwner } from '../../test/owners.ts'
import type { Services } from '../services/index.ts'

// Jane White owns missing-children in the demo catalogue (fixtures/monthly-dataset-2018-04.csv); Phil Bullingham
// owns icpc-to-cpp. March 2018 has figures and no demo commentary.
const MONTH = '/datasets/monthly/2018-03'
const MINE = `${MONTH}/commentary/missing-children`
const THEIRS = `${MONTH}/commentary/icpc-to-cpp`

type Session = { cookies: Record<string, string>; csrfToken: string }

describe('commentary and the performance overview', () => {
  let app: FastifyInstance
  let services: Services
  let close: () => Promise<void>
  let owner: Session
  let director: Session
  let officer: Session

  const post = (session: Session, url: string, payload: Record<string, string> = {}) =>
    app.inject({ method: 'POST', url, cookies: session.cookies, payload: { _csrf: session.csrfToken, ...payload } })
  const get = (session: Session, url: string) => app.inject({ url, cookies: session.cookies })

  before(async () => {
    ;({ app, services, close } = await demoApp({ signInRateLimitPerMinute: 10_000 }))
    // Ownership is the link an administrator makes, never the name: Jane's account is linked to her indicators.
    await linkedOwner(services, 'Jane White')
    await linkedOwner(services, 'Phil Bullingham')
    owner = await signedInAs(app, services, 'indicator-owner', 'Jane White')
    director = await signedInAs(app, services, 'director', 'Dee Director')
    officer = await signedInAs(app, services, 'performance-officer')
  })
  after(async () => {
    await close()
  })

  it('lists every indicator of the month with Write links on the owner’s own indicators only', async () => {
    const response = await get(owner, `${MONTH}/commentary`)
    assert.equal(response.statusCode, 200)
    assert.match(response.body, /Commentary/)
    assert.match(response.body, new RegExp(`href="${MINE}">Write`))
    assert.doesNotMatch(response.body, new RegExp(`href="${THEIRS}">Write`))
    assert.match(response.body, /href="\/datasets\/monthly\/2018-03\/overview"/)
  })

  it('takes commentary through write, submit, return with a reason, edit, resubmit and approval', async () => {
    const form = await get(owner, MINE)
    assert.equal(form.statusCode, 200)
    assert.match(form.body, /Change from the previous month/)
    assert.match(form.body, /name="text"/)

    const saved = await post(owner, MINE, { text: 'Missing episodes rose.' })
    assert.equal(saved.statusCode, 303)
    assert.equal(saved.headers.location, `${MINE}?done=commentary-saved`)
    assert.match((await get(owner, saved.headers.location ?? '')).body, /role="alert"[\s\S]*saved as a draft/)
    const submitted = await post(owner, `${MINE}/submit`)
    assert.equal(submitted.statusCode, 303)

    const list = await get(director, `${MONTH}/commentary`)
    assert.match(list.body, new RegExp(`href="${MINE}">Review`))

    const noReason = await post(director, `${MINE}/return`, { reason: '' })
    assert.equal(noReason.statusCode, 400)
    assert.match(noReason.body, /There is a problem/)
    assert.match(noReason.body, /Enter the reason for returning it/)

    const returned = await post(director, `${MINE}/return`, { reason: 'Say what the service is doing about it.' })
    assert.equal(returned.statusCode, 303)
    assert.match(
      (await get(director, String(returned.headers.location))).body,
      /govuk-notification-banner--success[\s\S]*returned to its author/,
    )
    // A banner is fixed text chosen by its key: an unknown key shows nothing.
    assert.doesNotMatch((await get(director, `${MONTH}/commentary?done=hacked`)).body, /govuk-notification-banner/)
    const page = await get(owner, MINE)
    assert.match(page.body, /Returned by Dee Director/)
    assert.match(page.body, /Say what the service is doing about it\./)

    assert.equal(
      (await post(owner, MINE, { text: 'Missing episodes rose; the team now meets weekly.' })).statusCode,
      303,
    )
    assert.equal((await post(owner, `${MINE}/submit`)).statusCode, 303)
    assert.equal((await post(director, `${MINE}/approve`)).statusCode, 303)

    const approved = await get(officer, MINE)
    assert.match(approved.body, /Approved/)
    assert.match(approved.body, /the team now meets weekly/)
    assert.match(approved.body, /Returned to the author: “Say what the service is doing about it\.”/)
    assert.doesNotMatch(approved.body, /name="text"/)
  })

  it("refuses commentary on someone else's indicator with 403", async () => {
    const response = await post(owner, THEIRS, { text: 'Not mine to write.' })
    assert.equal(response.statusCode, 403)
    assert.match(response.body, /Only the indicator&#39;s owner, Phil Bullingham/)
    const page = await get(owner, THEIRS)
    assert.doesNotMatch(page.body, /name="text"/)
  })

  it('never matches by name: an account an administrator names "jane  WHITE" cannot write on Jane White\'s indicators', async () => {
    const created = await services.accounts.createUser(
      { email: 'lookalike@council.test', name: 'jane  WHITE', role: 'indicator-owner', password: TEST_PASSWORD },
      { actor: 'test' },
    )
    assert.ok(created.ok)
    const { cookies } = await postSignIn(app, 'lookalike@council.test', TEST_PASSWORD)
    const impostor = { cookies, csrfToken: csrfTokenIn((await app.inject({ url: '/', cookies })).body) }
    const list = await get(impostor, `${MONTH}/commentary`)
    assert.equal(list.statusCode, 200)
    assert.doesNotMatch(list.body, /">Write/)
    const url = `${MONTH}/commentary/sa-in-45wd`
    const saved = await post(impostor, url, { text: 'Written by someone else.' })
    assert.equal(saved.statusCode, 403)
    assert.match(saved.body, /Only the indicator&#39;s owner, Jane White, can write its commentary/)
    // Nor submit Jane's draft.
    assert.equal((await post(owner, url, { text: 'Jane’s draft.' })).statusCode, 303)
    assert.equal((await post(impostor, `${url}/submit`)).statusCode, 403)
    const page = await get(officer, url)
    assert.doesNotMatch(page.body, /Written by someone else/)
    assert.match(page.body, /Draft/)
  })

  it('lets the director draft the significant variations into the overview and approve it', async () => {
    const page = await get(director, `${MONTH}/overview`)
    assert.equal(page.statusCode, 200)
    assert.match(page.body, /Draft the significant variations/)
    for (const title of ['Demand', 'Timescales', 'Corporate Parenting', 'Significant variations']) {
      assert.match(page.body, new RegExp(`value="${title}"`))
    }
    const drafted = await post(director, `${MONTH}/overview/draft-variations`)
    assert.equal(drafted.statusCode, 303)
    const filled = await get(director, `${MONTH}/overview`)
    assert.match(filled.body, /March 2018/)

    // Drafting again asks before replacing what is there.
    const again = await post(director, `${MONTH}/overview/draft-variations`)
    assert.equal(again.statusCode, 200)
    assert.match(again.body, /Replace the significant variations/)

    const saved = await post(director, `${MONTH}/overview`, {
      'title-0': 'Demand',
      'text-0': 'Contacts fell.',
      'title-1': 'Significant variations',
      'text-1': 'Edited by the director.',
    })
    assert.equal(saved.statusCode, 303)
    assert.equal((await post(director, `${MONTH}/overview/submit`)).statusCode, 303)
    assert.equal((await post(director, `${MONTH}/overview/approve`)).statusCode, 303)
    const shown = await get(officer, `${MONTH}/overview`)
    assert.match(shown.body, /Approved/)
    assert.match(shown.body, /<h2 class="govuk-heading-m">Demand<\/h2>/)
    assert.match(shown.body, /Edited by the director\./)
  })

  it('escapes script in commentary and stores SQL-looking text literally', async () => {
    const url = `${MONTH}/commentary/sa-completed`
    const script = '<script>alert(1)</script>'
    assert.equal((await post(owner, url, { text: script })).statusCode, 303)
    const page = await get(owner, url)
    assert.ok(!page.body.includes(script))
    assert.match(page.body, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/)

    const sql = "'); drop table commentary; --"
    assert.equal((await post(owner, url, { text: sql })).statusCode, 303)
    assert.equal((await post(owner, `${url}/submit`)).statusCode, 303)
    const shown = await get(director, url)
    assert.match(shown.body, /&#39;\); drop table commentary; --/)
    assert.equal((await get(director, `${MONTH}/commentary`)).statusCode, 200)
  })

  it('shows the demo council’s overview for April 2018, published with the demo pack', async () => {
    const page = await get(officer, '/datasets/monthly/2018-04/overview')
    assert.match(page.body, /cases have reduced \(Apr 245 from Mar 270\)/)
    assert.match(page.body, /govuk-tag--purple">\s*Published/)
    assert.match(page.body, /Published by demo/)
  })

  describe('edge cases', () => {
    it('answers 404 for a month without figures, a malformed month, an unknown dataset or indicator', async () => {
      for (const url of [
        '/datasets/monthly/2030-01/commentary',
        '/datasets/monthly/2018-13/commentary',
        '/datasets/nope/2018-03/overview',
        `${MONTH}/commentary/no-such-indicator`,
      ]) {
        assert.equal((await get(officer, url)).statusCode, 404, url)
      }
      assert.equal(
        (await post(owner, '/datasets/monthly/2030-01/commentary/missing-children', { text: 'x' })).statusCode,
        404,
      )
    })

    it('re-renders with an error summary for an empty body, too-long text and an empty submission', async () => {
      const url = `${MONTH}/commentary/mash-24h`
      const empty = await post(owner, url)
      assert.equal(empty.statusCode, 400)
      assert.match(empty.body, /The form was not complete/)
      const long = await post(owner, url, { text: 'x'.repeat(4001) })
      assert.equal(long.statusCode, 400)
      assert.match(long.body, /must be 4,000 characters or fewer/)
      assert.equal((await post(owner, url, { text: '' })).statusCode, 303)
      const submit = await post(owner, `${url}/submit`)
      assert.equal(submit.statusCode, 400)
      assert.match(submit.body, /Write the commentary before submitting it/)
      assert.equal((await post(director, `${MONTH}/overview`)).statusCode, 400)
    })

    it('points the error summary at the overview section that is too long, and marks that section', async () => {
      const response = await post(director, '/datasets/monthly/2018-02/overview', {
        'title-0': 'Demand',
        'text-0': 'Contacts fell.',
        'title-1': 'Significant variations',
        'text-1': 'x'.repeat(10_001),
      })
      assert.equal(response.statusCode, 400)
      assert.match(
        response.body,
        /<a href="#section-1">The section &quot;Significant variations&quot; must be 10,000 characters or fewer \(it is 10,001\)<\/a>/,
      )
      assert.match(response.body, /id="section-1-error"/)
      assert.doesNotMatch(response.body, /id="section-0-error"|href="#section-0"/)
    })

    it('refuses to edit approved commentary, explaining how to correct it', async () => {
      const response = await post(owner, MINE, { text: 'A late change' })
      assert.equal(response.statusCode, 400)
      assert.match(response.body, /the director returns it to the author first/)
    })

    it('keeps the page working without a CSRF token refused', async () => {
      const response = await app.inject({ method: 'POST', url: MINE, cookies: owner.cookies, payload: { text: 'x' } })
      assert.equal(response.statusCode, 403)
      assert.ok(csrfTokenIn((await get(owner, MINE)).body).length > 0)
    })
  })

  it('puts the story in front of the author: the chart, the significant variation and the months before', async () => {
    // The demo approved and published April's and May's commentary on referrals.
    const page = await get(director, '/datasets/monthly/2018-06/commentary/contacts-cin-referrals')
    assert.equal(page.statusCode, 200)
    assert.match(page.body, /<h2 class="govuk-heading-m">The story so far<\/h2>/)
    // Breadcrumbs name the dataset by its title, which the address does not carry.
    assert.match(
      page.body,
      /govuk-breadcrumbs[\s\S]*href="\/datasets\/monthly\/2018-06">Children and Families Monthly Dataset: June 2018<\/a>[\s\S]*href="\/datasets\/monthly\/2018-06\/commentary">Commentary<\/a>/,
    )
    assert.match(page.body, /<svg[^>]*class="app-chart"/)
    assert.match(page.body, /<th scope="row" class="govuk-table__header">June 2017<\/th>/)
    assert.match(
      page.body,
      /id="significant-variation">\s*<li>[^<]+<\/li>\s*<li>(No significant variation|Significant variation|Statistical)/,
    )
    const earlier =
      /Approved commentary of the months before<\/h3>([\s\S]*?)<h2|Approved commentary of the months before<\/h3>([\s\S]*)/.exec(
        page.body,
      )
    const months = [...(earlier?.[0] ?? '').matchAll(/govuk-!-margin-bottom-1">(\w+ \d{4})/g)].map((m) => m[1])
    assert.deepEqual(months, ['May 2018', 'April 2018'])
  })
})

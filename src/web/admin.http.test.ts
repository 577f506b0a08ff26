import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { FastifyInstance } from 'fastify'
import { demoApp } from '../../test/app.ts'
import { csrfTokenIn, postSignIn, signedInAs } from '../../test/sign-in.ts'
import type { Services } from '../services/index.ts'

const PASSWORD = 'a long enough initial password'
const INJECTION = "'; drop table audit_event; --"
const SCRIPT = '<script>alert("x")</script>'

describe('administering accounts and the audit log on the web', () => {
  let app: FastifyInstance
  let services: Services
  let close: () => Promise<void>
  let admin: { cookies: Record<string, string>; csrfToken: string }
  let adminId = 0

  /** Posts a form as the administrator. */
  const post = (url: string, payload: Record<string, string> = {}) =>
    app.inject({ method: 'POST', url, cookies: admin.cookies, payload: { _csrf: admin.csrfToken, ...payload } })
  const get = (url: string) => app.inject({ url, cookies: admin.cookies })

  before(async () => {
    ;({ app, services, close } = await demoApp({ signInRateLimitPerMinute: 10_000 }))
    admin = await signedInAs(app, services, 'administrator', 'Ada Admin')
    adminId = (await services.users.findByEmail('ada.admin@council.test'))?.id ?? 0
  })
  after(async () => {
    await close()
  })

  it('lists accounts with their role, status and last sign-in, and links to each', async () => {
    const response = await get('/admin/users')
    assert.equal(response.statusCode, 200)
    assert.match(response.body, /<h1 class="govuk-heading-l">Users<\/h1>/)
    assert.match(response.body, new RegExp(`<a class="govuk-link" href="/admin/users/${adminId}">Ada Admin</a>`))
    assert.match(response.body, /<td class="govuk-table__cell">Administrator<\/td>/)
    assert.match(response.body, /Active/)
    assert.match(response.body, /href="\/admin\/users\/new"/)
  })

  it('adds a user, who can then sign in', async () => {
    const form = await get('/admin/users/new')
    assert.equal(form.statusCode, 200)
    // Each role is offered with what it may do, from the permission table.
    assert.match(form.body, /Performance officer/)
    assert.match(
      form.body,
      /Can see figures withheld from the public, see draft packs, write the performance overview, sign off the pack and publish the pack\./,
    )
    const response = await post('/admin/users/new', {
      name: 'Dee Director',
      email: 'Dee@Council.test',
      role: 'director',
      password: PASSWORD,
    })
    assert.equal(response.statusCode, 303)
    const id = /^\/admin\/users\/(\d+)\?done=created$/.exec(response.headers.location ?? '')?.[1]
    assert.ok(id !== undefined, response.headers.location)
    const page = await get(response.headers.location ?? '')
    assert.match(page.body, /govuk-notification-banner--success/)
    assert.match(page.body, /The account has been created/)
    assert.match(page.body, /dee@council.test/)
    const signIn = await postSignIn(app, 'dee@council.test', PASSWORD)
    assert.equal(signIn.response.statusCode, 303)
    const pack = await app.inject({ url: '/', cookies: signIn.cookies })
    assert.match(pack.body, /Signed in as Dee Director/)
  })

  it('refuses a duplicate email, a weak password and a missing role, each on its field, keeping what was typed', async () => {
    const response = await post('/admin/users/new', { name: 'Again', email: 'dee@council.test', password: 'short' })
    assert.equal(response.statusCode, 400)
    assert.match(response.body, /<title>Error: Add a user/)
    assert.match(response.body, /<a href="#role">Choose a role/)
    assert.match(response.body, /<a href="#password">The password must be at least 12 characters long<\/a>/)
    assert.match(response.body, /value="Again"/)
    assert.doesNotMatch(response.body, /value="short"/)
    const duplicate = await post('/admin/users/new', {
      name: 'Again',
      email: 'DEE@council.test',
      role: 'director',
      password: PASSWORD,
    })
    assert.equal(duplicate.statusCode, 400)
    assert.match(duplicate.body, /<a href="#email">There is already an account for dee@council.test<\/a>/)
    assert.match(duplicate.body, /id="email-error"/)
  })

  it('disables a user, whose open session stops working at once, and re-enables them', async () => {
    const officer = await signedInAs(app, services, 'performance-officer', 'Pat Officer')
    const id = (await services.users.findByEmail('pat.officer@council.test'))?.id
    assert.equal((await app.inject({ url: '/imports', cookies: officer.cookies })).statusCode, 200)
    const response = await post(`/admin/users/${id}/disable`)
    assert.equal(response.statusCode, 303)
    assert.equal(response.headers.location, `/admin/users/${id}?done=disabled`)
    const after = await app.inject({ url: '/imports', cookies: officer.cookies })
    assert.equal(after.statusCode, 303)
    assert.match(after.headers.location ?? '', /^\/sign-in/)
    assert.equal(
      (await postSignIn(app, 'pat.officer@council.test', 'correct horse battery staple')).response.statusCode,
      400,
    )
    const list = await get('/admin/users')
    assert.match(list.body, /Disabled/)
    assert.equal((await post(`/admin/users/${id}/enable`)).statusCode, 303)
    assert.equal(
      (await postSignIn(app, 'pat.officer@council.test', 'correct horse battery staple')).response.statusCode,
      303,
    )
  })

  it('unlocks a locked account', async () => {
    for (let attempt = 0; attempt < 5; attempt += 1) await postSignIn(app, 'dee@council.test', 'wrong password')
    const dee = await services.users.findByEmail('dee@council.test')
    assert.equal(dee?.status.kind, 'locked')
    const list = await get('/admin/users')
    assert.match(list.body, /Locked until \d\d:\d\d/)
    const response = await post(`/admin/users/${dee?.id}/unlock`)
    assert.equal(response.statusCode, 303)
    const page = await get(response.headers.location ?? '')
    assert.match(page.body, /The account has been unlocked/)
    assert.equal((await postSignIn(app, 'dee@council.test', PASSWORD)).response.statusCode, 303)
  })

  it('changes a role, and the person can then do what the new role allows', async () => {
    const dee = await services.users.findByEmail('dee@council.test')
    const signIn = await postSignIn(app, 'dee@council.test', PASSWORD)
    assert.equal((await app.inject({ url: '/imports', cookies: signIn.cookies })).statusCode, 403)
    const response = await post(`/admin/users/${dee?.id}/role`, { role: 'performance-officer' })
    assert.equal(response.statusCode, 303)
    assert.equal(response.headers.location, `/admin/users/${dee?.id}?done=role`)
    assert.equal((await app.inject({ url: '/imports', cookies: signIn.cookies })).statusCode, 200)
    const audit = await get('/admin/audit?action=user.role-changed')
    assert.match(audit.body, /director → performance-officer/)
    assert.match(audit.body, /Ada Admin \(ada.admin@council.test\)/)
  })

  it('signs a user out everywhere, and sets a new password', async () => {
    const dee = await services.users.findByEmail('dee@council.test')
    const signIn = await postSignIn(app, 'dee@council.test', PASSWORD)
    assert.equal((await post(`/admin/users/${dee?.id}/sign-out-everywhere`)).statusCode, 303)
    assert.equal((await app.inject({ url: '/imports', cookies: signIn.cookies })).statusCode, 303)
    const weak = await post(`/admin/users/${dee?.id}/password`, { password: 'short' })
    assert.equal(weak.statusCode, 400)
    assert.match(weak.body, /<a href="#password">The password must be at least 12 characters long<\/a>/)
    const set = await post(`/admin/users/${dee?.id}/password`, { password: 'another long pass phrase' })
    assert.equal(set.statusCode, 303)
    assert.equal((await postSignIn(app, 'dee@council.test', 'another long pass phrase')).response.statusCode, 303)
  })

  it('stops administrators disabling or demoting themselves, with an error summary', async () => {
    const page = await get(`/admin/users/${adminId}`)
    assert.doesNotMatch(page.body, /Disable account/)
    assert.match(page.body, /You cannot change your own role/)
    const disable = await post(`/admin/users/${adminId}/disable`)
    assert.equal(disable.statusCode, 400)
    assert.match(disable.body, /govuk-error-summary/)
    assert.match(disable.body, /You cannot disable your own account/)
    const demote = await post(`/admin/users/${adminId}/role`, { role: 'director' })
    assert.equal(demote.statusCode, 400)
    assert.match(demote.body, /<a href="#actions">You cannot change your own role/)
    assert.equal((await services.users.find(adminId))?.role, 'administrator')
  })

  it('links indicator owners to accounts: unlinked owners are shown, and only an owner account can be linked', async () => {
    const page = await get('/admin/indicator-owners')
    assert.equal(page.statusCode, 200)
    assert.match(page.body, /Not linked to an account, so nobody can write their commentary: [^<]*Jane White/)
    const jane = await services.accounts.createUser(
      { email: 'jane@council.gov.uk', name: 'Jane White', role: 'indicator-owner', password: PASSWORD },
      { actor: 'test' },
    )
    const director = await services.users.findByEmail('ada.admin@council.test')
    assert.ok(jane.ok && director)
    // An administrator's account cannot own an indicator.
    const refused = await post('/admin/indicator-owners', { 'owner-sa-completed': String(director.id) })
    assert.equal(refused.statusCode, 400)
    assert.match(refused.body, /cannot own indicators/)
    assert.equal((await services.owners.ownersOf(['sa-completed'])).get('sa-completed')?.account, null)
    const saved = await post('/admin/indicator-owners', { 'owner-sa-completed': String(jane.value.id) })
    assert.equal(saved.statusCode, 303)
    assert.equal((await services.owners.ownersOf(['sa-completed'])).get('sa-completed')?.account?.id, jane.value.id)
    const log = await get('/admin/audit?action=indicator.owner-link')
    assert.match(log.body, /indicator\.owner-link/)
    assert.match(log.body, /sa-completed/)
    const after = await get('/admin/indicator-owners?done=saved')
    assert.match(after.body, /The indicator owners have been saved/)
    assert.match(
      after.body,
      new RegExp(`<option value="${jane.value.id}" selected>Jane White \\(jane@council.gov.uk\\)</option>`),
    )
  })

  it('refuses a common password when an administrator adds an account, saying why', async () => {
    const response = await post('/admin/users/new', {
      name: 'Weak',
      email: 'weak@council.gov.uk',
      role: 'director',
      password: 'password1234',
    })
    assert.equal(response.statusCode, 400)
    assert.match(response.body, /This password is one of the most common passwords/)
    assert.equal(await services.users.findByEmail('weak@council.gov.uk'), null)
  })

  it('gives everyone but administrators 403 on the account and audit pages and actions', async () => {
    const director = await signedInAs(app, services, 'director', 'Dora Director')
    for (const url of ['/admin/users', '/admin/users/new', `/admin/users/${adminId}`, '/admin/audit']) {
      assert.equal((await app.inject({ url, cookies: director.cookies })).statusCode, 403, url)
    }
    const response = await app.inject({
      method: 'POST',
      url: `/admin/users/${adminId}/disable`,
      cookies: director.cookies,
      payload: { _csrf: director.csrfToken },
    })
    assert.equal(response.statusCode, 403)
    assert.equal((await services.users.find(adminId))?.status.kind, 'active')
  })

  describe('searching the audit log', () => {
    before(async () => {
      // Names travel into user.create's details: one is SQL, one is a script.
      for (const [name, email] of [
        [INJECTION, 'sql@council.test'],
        [SCRIPT, 'script@council.test'],
      ] as const) {
        assert.equal(
          (await post('/admin/users/new', { name, email, role: 'panel-member', password: PASSWORD })).statusCode,
          303,
        )
      }
      // Enough events for three pages.
      for (let n = 0; n < 110; n += 1)
        await services.accounts.signIn(`nobody${n}@council.test`, 'no such account', null)
    })

    it('finds SQL in the search text literally, with no error and the table intact', async () => {
      const response = await get(`/admin/audit?q=${encodeURIComponent(INJECTION)}`)
      assert.equal(response.statusCode, 200)
      assert.match(response.body, /1 event matches this search\. Showing 1, newest first/)
      assert.match(response.body, /&#39;; drop table audit_event; --/)
      assert.match(response.body, /user\.create/)
      const all = await get('/admin/audit')
      assert.equal(all.statusCode, 200)
    })

    it('shows script text in details as text, never as a script', async () => {
      const response = await get(`/admin/audit?q=${encodeURIComponent('script@council.test')}&action=user.create`)
      assert.equal(response.statusCode, 200)
      assert.match(response.body, /&lt;script&gt;alert\(&quot;x&quot;\)&lt;\/script&gt;/)
      assert.doesNotMatch(response.body, /<script>alert/)
    })

    it('pages 50 at a time, newest first, by event, keeping the filters in the links', async () => {
      const first = await get('/admin/audit?action=sign-in.failed')
      assert.equal(first.statusCode, 200)
      const total = Number(/(\d+) events match this search/.exec(first.body)?.[1])
      assert.ok(total >= 110)
      assert.match(first.body, /Showing 50, newest first/)
      assert.equal((first.body.match(/<code>sign-in.failed<\/code>/g) ?? []).length, 50)
      assert.match(first.body, /govuk-pagination/)
      assert.doesNotMatch(first.body, /Newer events/)
      const older = /href="(\/admin\/audit\?action=sign-in.failed&amp;older=\d+)"/.exec(first.body)?.[1]
      assert.ok(older !== undefined, 'the first page links to older events')
      // The newest failed sign-in (nobody109) comes first.
      assert.ok(first.body.indexOf('nobody109@') < first.body.indexOf('nobody108@'))
      assert.ok(first.body.includes('nobody60@') && !first.body.includes('nobody59@'))
      const second = await get(older.replaceAll('&amp;', '&'))
      assert.match(second.body, /Showing 50, newest first/)
      assert.ok(second.body.includes('nobody59@') && second.body.includes('nobody10@'))
      assert.ok(!second.body.includes('nobody60@') && !second.body.includes('nobody9@'))
      const newer = /href="(\/admin\/audit\?action=sign-in.failed&amp;newer=\d+)"/.exec(second.body)?.[1]
      assert.ok(newer !== undefined, 'the second page links back to newer events')
      // Back from the second page is the first page again.
      const back = await get(newer.replaceAll('&amp;', '&'))
      assert.ok(back.body.includes('nobody109@') && back.body.includes('nobody60@') && !back.body.includes('nobody59@'))
      assert.doesNotMatch(back.body, /Newer events/)
      const filtered = await get('/admin/audit?q=nobody10&action=sign-in.failed')
      // nobody10 and nobody100 … nobody109: the text starts a word of each event.
      assert.match(filtered.body, /11 events match this search\. Showing 11, newest first/)
      assert.doesNotMatch(filtered.body, /govuk-pagination/)
    })

    it('filters by date, and the action select offers every action', async () => {
      const response = await get(
        '/admin/audit?from-day=1&from-month=1&from-year=2000&to-day=31&to-month=Dec&to-year=2000',
      )
      assert.equal(response.statusCode, 200)
      assert.match(response.body, /No events match this search/)
      assert.equal((await get('/admin/audit?from=2000-01-01&to=2000-12-31')).statusCode, 200)
      assert.match(response.body, /<option value="user.create">user.create<\/option>/)
      const today = new Date().toISOString().slice(0, 10)
      const recent = await get(`/admin/audit?from=${today}&action=user.role-changed`)
      assert.match(recent.body, /1 event matches this search/)
    })

    describe('edge cases', () => {
      it('shows an error summary for dates that are not real days, not a server error', async () => {
        // As typed in the form's date boxes: the box, what was typed and why, kept in the boxes.
        const response = await get(
          '/admin/audit?from-day=30&from-month=2&from-year=2026&to-day=1&to-month=soon&to-year=2026',
        )
        assert.equal(response.statusCode, 400)
        assert.match(response.body, /<title>Error: Audit log/)
        assert.match(
          response.body,
          /<a href="#from-day">Date from must be a real date: February 2026 has 28 days, not 30/,
        )
        assert.match(response.body, /<a href="#to-day">Date to must be a real date: the month “soon”/)
        assert.match(response.body, /name="to-month" type="text" value="soon"/)
        // A link with ISO dates (another page of a search) is checked by the service.
        const linked = await get('/admin/audit?from=2026-02-30')
        assert.equal(linked.statusCode, 400)
        assert.match(linked.body, /<a href="#from-day">The date from must be a real date/)
        // Empty boxes are no filter.
        assert.equal((await get('/admin/audit?from-day=&from-month=&from-year=')).statusCode, 200)
      })

      it('treats repeated or odd query parameters and pages past the end calmly', async () => {
        assert.equal((await get('/admin/audit?q=a&q=b&older=-3&newer=x')).statusCode, 200)
        // Older than the first event there is: an empty page that says how many match, not an error.
        const far = await get('/admin/audit?older=1')
        assert.equal(far.statusCode, 200)
        assert.match(far.body, /No events on this page: \d+ events match this search\./)
        const nonsense = await get('/admin/audit?older=abc')
        assert.match(nonsense.body, /Showing 50, newest first/)
      })
    })
  })

  describe('edge cases', () => {
    it('a missing or malformed account id is not found, for pages and actions', async () => {
      assert.equal((await get('/admin/users/9999')).statusCode, 404)
      assert.equal((await get('/admin/users/1e3')).statusCode, 404)
      assert.equal((await post('/admin/users/9999/unlock')).statusCode, 404)
      assert.equal((await post('/admin/users/abc/disable')).statusCode, 404)
    })

    it('an action posted with no fields re-renders with a problem rather than failing', async () => {
      const dee = await services.users.findByEmail('dee@council.test')
      const role = await app.inject({
        method: 'POST',
        url: `/admin/users/${dee?.id}/role`,
        cookies: admin.cookies,
        payload: { _csrf: admin.csrfToken },
      })
      assert.equal(role.statusCode, 400)
      assert.match(role.body, /Choose a role/)
      const created = await post('/admin/users/new')
      assert.equal(created.statusCode, 400)
      assert.match(created.body, /Enter the person&#39;s name/)
    })

    it('an unknown done flag shows no banner', async () => {
      const page = await get(`/admin/users/${adminId}?done=${encodeURIComponent('<b>hi</b>')}`)
      assert.equal(page.statusCode, 200)
      assert.doesNotMatch(page.body, /govuk-notification-banner/)
      assert.doesNotMatch(page.body, /<b>hi/)
    })

    it('the page carries a CSRF token in every action form', async () => {
      const dee = await services.users.findByEmail('dee@council.test')
      const page = await get(`/admin/users/${dee?.id}`)
      const forms = page.body.match(/<form method="post"[^>]*action="\/admin\/users\/\d+\/[a-z-]+"/g) ?? []
      assert.ok(forms.length >= 4, String(forms.length))
      assert.ok(csrfTokenIn(page.body).length > 10)
    })
  })
})

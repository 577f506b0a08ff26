import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { FastifyInstance } from 'fastify'
import { demoApp } from '../../test/app.ts'
import { freshPglite } from '../../test/databases.ts'
import { cookiesFrom, csrfTokenIn, postSignIn, signInForm } from '../../test/sign-in.ts'
import type { Services } from '../services/index.ts'
import { services as buildServices } from '../services/index.ts'
import { createApp } from './app.ts'

const PASSWORD = 'correct horse battery staple'

describe('signing in and out', () => {
  let app: FastifyInstance
  let services: Services
  let close: () => Promise<void>

  before(async () => {
    ;({ app, services, close } = await demoApp())
    const created = await services.accounts.createUser(
      { email: 'jo@council.gov.uk', name: 'Jo Officer', role: 'performance-officer', password: PASSWORD },
      { actor: 'test' },
    )
    assert.ok(created.ok)
  })
  after(async () => {
    await close()
  })

  it('shows the sign-in form with email and password fields and a CSRF token', async () => {
    const response = await app.inject('/sign-in')
    assert.equal(response.statusCode, 200)
    assert.match(response.body, /<h1[^>]*>Sign in<\/h1>/)
    assert.match(response.body, /id="email" name="email" type="email"/)
    assert.match(response.body, /id="password" name="password" type="password"/)
    assert.ok(csrfTokenIn(response.body).length > 10)
  })

  it('refuses a post without a CSRF token', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/sign-in',
      payload: { email: 'jo@council.gov.uk', password: PASSWORD },
    })
    assert.equal(response.statusCode, 403)
    assert.equal(
      response.cookies.find((c) => c.name === 'scrutineer_session'),
      undefined,
    )
  })

  it('re-renders with an error summary linking to the field on bad credentials, keeping the email', async () => {
    const { response } = await postSignIn(app, 'jo@council.gov.uk', 'not the password')
    assert.equal(response.statusCode, 400)
    assert.match(response.body, /govuk-error-summary/)
    assert.match(response.body, /<a href="#email">Enter a correct email address and password\. If you are sure/)
    assert.match(response.body, /value="jo@council.gov.uk"/)
    assert.doesNotMatch(response.body, /not the password/)
    assert.match(response.body, /<title>Error: Sign in/)
  })

  it('answers an unknown email, a wrong password and a locked account identically (status and page)', async () => {
    const attacker = '198.51.100.20'
    const attempt = async (email: string, password: string, remoteAddress: string) => {
      const { cookies, csrfToken } = await signInForm(app)
      const response = await app.inject({
        method: 'POST',
        url: '/sign-in',
        cookies,
        remoteAddress,
        payload: { email, password, _csrf: csrfToken },
      })
      // The page differs only in its CSRF token, its script nonce and the email address typed, which it gives back.
      const page = response.body
        .replace(/name="_csrf" value="[^"]+"/g, 'name="_csrf" value="TOKEN"')
        .replace(/nonce="[^"]+"/g, 'nonce="NONCE"')
        .replaceAll(email, 'EMAIL')
      return { status: response.statusCode, page }
    }
    const answers = [await attempt('nobody@council.gov.uk', 'not the password', attacker)]
    for (let failure = 1; failure <= 6; failure += 1) {
      answers.push(await attempt('jo@council.gov.uk', `wrong guess ${failure}`, attacker))
    }
    // Now locked from this address: even the right password gets the same answer.
    answers.push(await attempt('jo@council.gov.uk', PASSWORD, attacker))
    answers.push(await attempt('nobody@council.gov.uk', PASSWORD, attacker))
    const [first] = answers
    assert.equal(first?.status, 400)
    assert.match(first?.page ?? '', /Enter a correct email address and password/)
    for (const answer of answers) assert.deepEqual(answer, first)
    const jo = await services.users.findByEmail('jo@council.gov.uk')
    assert.equal(jo?.status.kind, 'locked')
    // The attacker's address cannot lock Jo out of her own.
    const owner = await attempt('jo@council.gov.uk', PASSWORD, '192.0.2.44')
    assert.equal(owner.status, 303)
  })

  it('signs in: sets an httpOnly, lax session cookie and redirects to the home page, showing who is signed in', async () => {
    const { response, cookies } = await postSignIn(app, 'JO@council.gov.uk', PASSWORD)
    assert.equal(response.statusCode, 303)
    assert.equal(response.headers.location, '/')
    const session = response.cookies.find((c) => c.name === 'scrutineer_session')
    assert.ok(session)
    assert.equal(session.httpOnly, true)
    assert.equal(session.sameSite, 'Lax')
    assert.equal(session.path, '/')
    assert.equal(session.maxAge, undefined)
    assert.equal(session.expires, undefined)
    const home = await app.inject({ url: '/', cookies })
    assert.match(home.body, /Signed in as Jo Officer/)
    assert.match(home.body, /action="\/sign-out"/)
  })

  it('signs out: the session is revoked, so the old cookie no longer works', async () => {
    const { cookies } = await postSignIn(app, 'jo@council.gov.uk', PASSWORD)
    const home = await app.inject({ url: '/', cookies })
    const token = cookies.scrutineer_session
    const response = await app.inject({
      method: 'POST',
      url: '/sign-out',
      cookies,
      payload: { _csrf: csrfTokenIn(home.body) },
    })
    assert.equal(response.statusCode, 303)
    assert.equal(cookiesFrom(response, cookies).scrutineer_session, undefined)
    assert.equal(await services.accounts.sessionFor(token), null)
    const after = await app.inject({ url: '/', cookies })
    assert.doesNotMatch(after.body, /Signed in as/)
  })

  describe('edge cases', () => {
    it('sign-out without a CSRF token is refused and the session survives', async () => {
      const { cookies } = await postSignIn(app, 'jo@council.gov.uk', PASSWORD)
      const response = await app.inject({ method: 'POST', url: '/sign-out', cookies, payload: {} })
      assert.equal(response.statusCode, 403)
      assert.notEqual(await services.accounts.sessionFor(cookies.scrutineer_session), null)
    })

    it('blank fields each get their own message, linked to their field', async () => {
      const { response } = await postSignIn(app, '', '')
      assert.equal(response.statusCode, 400)
      assert.match(response.body, /<a href="#email">Enter your email address<\/a>/)
      assert.match(response.body, /<a href="#password">Enter your password<\/a>/)
    })

    it('limits sign-in attempts per client', async () => {
      const store = await freshPglite()
      const limited = await createApp(buildServices(store, { maxImportBytes: 1024, councilName: 'Test' }), {
        environment: 'test',
        cookieSecret: 'test-secret-test-secret-test-secret',
        signInRateLimitPerMinute: 2,
      })
      try {
        const { cookies, csrfToken } = await signInForm(limited)
        const attempt = () =>
          limited.inject({
            method: 'POST',
            url: '/sign-in',
            cookies,
            payload: { email: 'x@council.gov.uk', password: 'whatever it is', _csrf: csrfToken },
          })
        assert.equal((await attempt()).statusCode, 400)
        assert.equal((await attempt()).statusCode, 400)
        assert.equal((await attempt()).statusCode, 429)
        // Other pages keep the general limit.
        assert.equal((await limited.inject('/sign-in')).statusCode, 200)
      } finally {
        await limited.close()
        await store.close()
      }
    })

    it('a cookie for an unknown session is treated as signed out and cleared', async () => {
      const response = await app.inject({ url: '/', cookies: { scrutineer_session: 'A'.repeat(43) } })
      assert.equal(response.statusCode, 200)
      assert.doesNotMatch(response.body, /Signed in as/)
      assert.equal(cookiesFrom(response, { scrutineer_session: 'x' }).scrutineer_session, undefined)
    })
  })
})

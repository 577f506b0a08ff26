/**
 * The app as it runs in production, behind a council's HTTPS proxy: cookies are Secure, HSTS is sent and the
 * proxy's forwarded address is trusted for the rate limits.
 */
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { FastifyInstance } from 'fastify'
import { freshPglite } from '../../test/databases.ts'
import { cookiesFrom, csrfTokenIn, TEST_PASSWORD } from '../../test/sign-in.ts'
import { services as buildServices } from '../services/index.ts'
import type { Store } from '../store/connect.ts'
import { createApp } from './app.ts'

describe('in production, behind HTTPS', () => {
  let app: FastifyInstance
  let store: Store

  before(async () => {
    store = await freshPglite()
    const services = buildServices(store, { maxImportBytes: 1024 * 1024, councilName: 'Demo City Council' })
    const created = await services.accounts.createUser(
      { email: 'admin@council.test', name: 'Admin', role: 'administrator', password: TEST_PASSWORD },
      { actor: 'test' },
    )
    assert.ok(created.ok)
    app = await createApp(services, { environment: 'production', cookieSecret: 'production-test-secret-0123456789' })
    await app.ready()
  })
  after(async () => {
    await app.close()
    await store.close()
  })

  const https = { 'x-forwarded-proto': 'https', 'x-forwarded-for': '203.0.113.9' }

  it('sends Strict-Transport-Security and marks the CSRF and session cookies Secure and HttpOnly', async () => {
    const form = await app.inject({ url: '/sign-in', headers: https })
    assert.match(String(form.headers['strict-transport-security']), /max-age=31536000; includeSubDomains/)
    const csrfCookie = form.cookies.find((c) => c.name === '_csrf')
    assert.ok(csrfCookie?.secure && csrfCookie.httpOnly, 'CSRF cookie is Secure and HttpOnly')
    const response = await app.inject({
      method: 'POST',
      url: '/sign-in',
      headers: https,
      cookies: cookiesFrom(form),
      payload: { email: 'admin@council.test', password: TEST_PASSWORD, _csrf: csrfTokenIn(form.body) },
    })
    assert.equal(response.statusCode, 303)
    const session = response.cookies.find((c) => c.name === 'scrutineer_session')
    assert.ok(session, 'a session cookie is set')
    assert.equal(session.secure, true)
    assert.equal(session.httpOnly, true)
    assert.equal(session.sameSite, 'Lax')
  })

  it('asks browsers to upgrade insecure requests and forbids framing', async () => {
    const response = await app.inject({ url: '/', headers: https })
    const csp = String(response.headers['content-security-policy'])
    assert.match(csp, /upgrade-insecure-requests/)
    assert.match(csp, /frame-ancestors 'none'/)
    assert.match(csp, /object-src 'none'/)
    assert.equal(response.headers['referrer-policy'], 'same-origin')
  })

  describe('edge cases', () => {
    it('does not show error details to the public', async () => {
      const response = await app.inject({ url: '/imports/1', headers: https })
      // Not signed in: sent to sign in, with nothing about the import.
      assert.equal(response.statusCode, 303)
      assert.equal(response.body, '')
    })
  })
})

import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { FastifyInstance } from 'fastify'
import { freshPglite } from '../../test/databases.ts'
import { cookiesFrom, csrfTokenIn } from '../../test/sign-in.ts'
import { announceSetUpLink } from '../cli/set-up-link.ts'
import { services as buildServices, type Services } from '../services/index.ts'
import type { Store } from '../store/connect.ts'
import { createApp } from './app.ts'

const PASSWORD = 'correct horse battery staple'
const MINUTE = 60 * 1000

/** An app over an empty database whose clock the test moves. */
async function appWithClock(signInRateLimitPerMinute = 100) {
  let clock = Date.parse('2026-12-06T09:00:00Z')
  const store: Store = await freshPglite()
  const services: Services = buildServices(
    store,
    { maxImportBytes: 1024 * 1024, councilName: 'Test council' },
    { now: () => new Date(clock) },
  )
  const app = await createApp(services, {
    environment: 'test',
    cookieSecret: 'test-secret-test-secret-test-secret',
    signInRateLimitPerMinute,
  })
  await app.ready()
  return {
    app,
    services,
    advance: (minutes: number) => {
      clock += minutes * MINUTE
    },
    close: async () => {
      await app.close()
      await store.close()
    },
  }
}

/** Opens the link's form and posts it with `fields`; returns the response and the cookies after it. */
async function postForm(app: FastifyInstance, path: string, fields: Record<string, string>) {
  const form = await app.inject(path)
  assert.equal(form.statusCode, 200, form.body.slice(0, 300))
  const cookies = cookiesFrom(form)
  const response = await app.inject({
    method: 'POST',
    url: path,
    cookies,
    payload: { ...fields, _csrf: csrfTokenIn(form.body) },
  })
  return { response, cookies: cookiesFrom(response, cookies) }
}

describe('creating the first administrator with the set-up link', () => {
  let app: FastifyInstance
  let services: Services
  let close: () => Promise<void>
  let path: string

  before(async () => {
    ;({ app, services, close } = await appWithClock())
    const printed: string[] = []
    await announceSetUpLink(services, 'http://localhost:3000', (text) => printed.push(text))
    const match = /http:\/\/localhost:3000(\/set-up\/[A-Za-z0-9_-]{43})\n/.exec(printed.join(''))
    assert.ok(match?.[1], printed.join(''))
    path = match[1]
  })
  after(async () => {
    await close()
  })

  it('opens the form from the printed link, without a sign-in, keeping the page out of caches', async () => {
    const response = await app.inject(path)
    assert.equal(response.statusCode, 200)
    assert.match(response.body, /<h1 class="govuk-heading-l">Create the first administrator<\/h1>/)
    assert.equal(response.headers['cache-control'], 'no-store')
    // The form posts back to the address it came from: the token is not written into the page.
    assert.ok(!response.body.includes(path.slice('/set-up/'.length)))
  })

  it('refuses details that break the account rules with an error summary, and creates nobody', async () => {
    const { response } = await postForm(app, path, { name: '', email: 'not an email', password: 'short' })
    assert.equal(response.statusCode, 400)
    assert.match(response.body, /<title>Error: Create the first administrator/)
    assert.match(response.body, /govuk-error-summary/)
    assert.match(response.body, /href="#name">Enter the person&#39;s name/)
    assert.match(response.body, /href="#email">Enter an email address in the correct format/)
    assert.match(response.body, /href="#password">The password must be at least 12 characters long/)
    // What was typed comes back, except the password.
    assert.match(response.body, /value="not an email"/)
    assert.doesNotMatch(response.body, /value="short"/)
    assert.equal(await services.accounts.hasUsers(), false)
  })

  it('creates the administrator, signs them in and takes them to the accounts page', async () => {
    const { response, cookies } = await postForm(app, path, {
      name: 'Jo Admin',
      email: 'jo@council.gov.uk',
      password: PASSWORD,
    })
    assert.equal(response.statusCode, 303, response.body.slice(0, 300))
    assert.equal(response.headers.location, '/admin/users?done=first-administrator')
    const users = await app.inject({ url: '/admin/users?done=first-administrator', cookies })
    assert.equal(users.statusCode, 200)
    assert.match(users.body, /Your administrator account has been created and you are signed in/)
    assert.match(users.body, /jo@council\.gov\.uk/)
    const [account] = await services.users.list()
    assert.equal(account?.role, 'administrator')
  })

  it('is dead once used: the page says so with 410, and a second post creates nobody', async () => {
    const page = await app.inject(path)
    assert.equal(page.statusCode, 410)
    assert.match(page.body, /This set-up link has been used/)
    assert.match(page.body, /href="\/sign-in"/)
    const form = await app.inject('/sign-in')
    const again = await app.inject({
      method: 'POST',
      url: path,
      cookies: cookiesFrom(form),
      payload: { name: 'Sam', email: 'sam@council.gov.uk', password: PASSWORD, _csrf: csrfTokenIn(form.body) },
    })
    assert.equal(again.statusCode, 410)
    assert.equal((await services.users.list()).length, 1)
    // Nor does starting again print a new link.
    const printed: string[] = []
    await announceSetUpLink(services, 'http://localhost:3000', (text) => printed.push(text))
    assert.deepEqual(printed, [])
  })

  it('answers 404 for a link Scrutineer never made, whatever its shape', async () => {
    for (const url of [`/set-up/${'A'.repeat(43)}`, '/set-up/x', `/set-up/${'%27'.repeat(20)}`]) {
      const response = await app.inject(url)
      assert.equal(response.statusCode, 404, url)
      assert.match(response.body, /This set-up link is not valid/, url)
    }
  })
})

describe('a set-up link an hour old', () => {
  it('is refused with 410, on the page and when the form is posted', async () => {
    const { app, services, advance, close } = await appWithClock()
    try {
      const link = await services.setUp.issueLink()
      assert.ok(link)
      const path = `/set-up/${link.token}`
      const form = await app.inject(path)
      assert.equal(form.statusCode, 200)
      advance(60)
      const page = await app.inject(path)
      assert.equal(page.statusCode, 410)
      assert.match(page.body, /This set-up link has expired/)
      assert.match(page.body, /Restart Scrutineer \(npm start\) to print a new one/)
      const posted = await app.inject({
        method: 'POST',
        url: path,
        cookies: cookiesFrom(form),
        payload: { name: 'Jo', email: 'jo@council.gov.uk', password: PASSWORD, _csrf: csrfTokenIn(form.body) },
      })
      assert.equal(posted.statusCode, 410)
      assert.equal(await services.accounts.hasUsers(), false)
    } finally {
      await close()
    }
  })
})

describe('the set-up link is rate limited like sign-in', () => {
  it('answers 429 once a client has tried too often in a minute', async () => {
    const { app, close } = await appWithClock(3)
    try {
      const statuses: number[] = []
      for (let i = 0; i < 4; i++) statuses.push((await app.inject(`/set-up/${'B'.repeat(43)}`)).statusCode)
      assert.deepEqual(statuses, [404, 404, 404, 429])
    } finally {
      await close()
    }
  })
})

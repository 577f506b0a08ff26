import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { FastifyInstance } from 'fastify'
import { demoApp } from '../../test/app.ts'
import { signedInAs } from '../../test/sign-in.ts'
import type { Services } from '../services/index.ts'
import type { Store } from '../store/connect.ts'

const SCRIPT = '<script>alert("x")</script>'

describe('keeping the committee up to date in the browser', () => {
  let app: FastifyInstance
  let services: Services
  let store: Store
  let close: () => Promise<void>
  let editor: { cookies: Record<string, string>; csrfToken: string }

  before(async () => {
    ;({ app, services, store, close } = await demoApp())
    editor = await signedInAs(app, services, 'democratic-services')
  })
  after(async () => {
    await close()
  })

  const post = (url: string, fields: Record<string, string>, as = editor) =>
    app.inject({ method: 'POST', url, cookies: as.cookies, payload: { _csrf: as.csrfToken, ...fields } })

  async function auditActions(): Promise<string[]> {
    const rows = await store.db
      .selectFrom('audit_event')
      .select('action')
      .where('subject_type', '=', 'committee')
      .orderBy('id')
      .execute()
    return rows.map((r) => r.action)
  }

  async function lastDetails(): Promise<unknown> {
    const row = await store.db
      .selectFrom('audit_event')
      .select('details')
      .where('subject_type', '=', 'committee')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow()
    return row.details
  }

  it('shows the public the committee and its meetings by municipal year, without the editing links', async () => {
    const response = await app.inject('/committees/1')
    assert.equal(response.statusCode, 200)
    assert.match(response.body, /<h3 class="govuk-heading-s">Meetings 2018\/19 municipal year<\/h3>/)
    assert.match(response.body, /Meetings 2017\/18 municipal year/)
    // Latest year first.
    assert.ok(
      response.body.indexOf('Meetings 2019/20 municipal year') <
        response.body.indexOf('Meetings 2018/19 municipal year'),
    )
    // Each member is a link to their member page.
    assert.match(response.body, /href="\/members\/councillor-taggart">Councillor Taggart<\/a> \(Chair\)/)
    assert.doesNotMatch(response.body, /Edit the committee|Schedule a meeting|\/members\/new/)
  })

  it('gives democratic services the links to edit the committee, its members and contacts, and to schedule a meeting', async () => {
    const response = await app.inject({ url: '/committees/1', cookies: editor.cookies })
    assert.match(response.body, /href="\/committees\/1\/edit">Edit the committee/)
    assert.match(response.body, /href="\/meetings\/new\?committee=1">Schedule a meeting/)
    assert.match(response.body, /href="\/committees\/1\/members\/new">Add a member/)
    assert.match(
      response.body,
      /href="\/committees\/1\/members\/1\/edit">Change<span class="govuk-visually-hidden"> Councillor Taggart \(Chair\)/,
    )
    assert.match(response.body, /href="\/committees\/1\/contacts\/2\/remove">Remove/)
  })

  it('changes the details; the public page shows them and the audit log records before and after', async () => {
    const form = await app.inject({ url: '/committees/1/edit', cookies: editor.cookies })
    assert.equal(form.statusCode, 200)
    assert.match(form.body, /Role of this Scrutiny Panel/)
    assert.match(form.body, /a whole number from 1 to 9/)
    const response = await post('/committees/1/edit', {
      name: 'Children and Families Scrutiny Panel',
      purpose: 'To scrutinise services for children.',
      termsOfReference: 'Scrutiny of early help\r\n\r\nScrutiny of youth justice',
      quorum: '4',
    })
    assert.equal(response.statusCode, 303)
    assert.equal(response.headers.location, '/committees/1')
    const page = await app.inject('/committees/1')
    assert.match(page.body, /<li>Scrutiny of early help<\/li><li>Scrutiny of youth justice<\/li>/)
    assert.match(page.body, /quorum\) is 4/)
    assert.doesNotMatch(page.body, /Youth Justice Strategy/)
    assert.ok((await auditActions()).includes('committee.update'))
    const details = (await lastDetails()) as { before: { quorum: number }; after: { quorum: number } }
    assert.equal(details.before.quorum, 3)
    assert.equal(details.after.quorum, 4)
  })

  it('refuses a quorum larger than the members who are not substitutes, stores nothing and keeps what was typed', async () => {
    const before = await services.committees.get(1)
    const response = await post('/committees/1/edit', {
      name: 'Renamed panel',
      purpose: 'p',
      termsOfReference: '',
      quorum: '10',
    })
    assert.equal(response.statusCode, 400)
    assert.match(response.body, /<title>Error: /)
    assert.match(response.body, /govuk-error-summary/)
    assert.match(response.body, /href="#quorum">The quorum must be 9 or fewer/)
    assert.match(response.body, /value="Renamed panel"/)
    assert.deepEqual(await services.committees.get(1), before)
  })

  it('adds a member whose name holds markup: stored literally, shown as text on the committee page and front sheet', async () => {
    const response = await post('/committees/1/members/new', { name: SCRIPT, kind: 'appointed', role: 'member' })
    assert.equal(response.statusCode, 303)
    const members = (await services.committees.get(1))?.members ?? []
    assert.equal(members.at(-1)?.name, SCRIPT)
    for (const url of ['/committees/1', '/meetings/2']) {
      const page = await app.inject(url)
      assert.doesNotMatch(page.body, /<script>alert/, url)
      assert.match(page.body, /&lt;script&gt;alert\(&quot;x&quot;\)&lt;\/script&gt;/, url)
    }
    assert.equal((await auditActions()).at(-1), 'committee.member.add')
  })

  it('refuses a second chair, naming the current one, and stores nothing', async () => {
    const response = await post('/committees/1/members/new', { name: 'Savage', kind: 'councillor', role: 'chair' })
    assert.equal(response.statusCode, 400)
    assert.match(
      response.body,
      /Councillor Taggart is already the chair\. Change their role first, then appoint the new chair/,
    )
    assert.ok(!(await services.committees.get(1))?.members.some((m) => m.name === 'Savage'))
  })

  it('changes a member’s role; the meeting’s front sheet shows the vice-chair', async () => {
    const form = await app.inject({ url: '/committees/1/members/3/edit', cookies: editor.cookies })
    assert.match(form.body, /name="current" value="Guthrie"/)
    assert.match(form.body, /value="vice-chair"/)
    const response = await post('/committees/1/members/3/edit', {
      current: 'Guthrie',
      name: 'Guthrie',
      kind: 'councillor',
      role: 'vice-chair',
    })
    assert.equal(response.statusCode, 303)
    const meeting = await app.inject('/meetings/2')
    assert.match(meeting.body, /Councillor Guthrie \(Vice-Chair\)/)
    assert.deepEqual(await lastDetails(), {
      before: { name: 'Guthrie', kind: 'councillor', role: 'member' },
      after: { name: 'Guthrie', kind: 'councillor', role: 'vice-chair' },
    })
  })

  it('asks before removing a member, then removes them', async () => {
    const members = (await services.committees.get(1))?.members ?? []
    const position = members.findIndex((m) => m.name === SCRIPT) + 1
    const confirm = await app.inject({ url: `/committees/1/members/${position}/remove`, cookies: editor.cookies })
    assert.equal(confirm.statusCode, 200)
    assert.match(confirm.body, /Remove &lt;script&gt;/)
    assert.doesNotMatch(confirm.body, /<script>alert/)
    const response = await post(`/committees/1/members/${position}/remove`, { current: SCRIPT })
    assert.equal(response.statusCode, 303)
    assert.ok(!(await services.committees.get(1))?.members.some((m) => m.name === SCRIPT))
    assert.equal((await auditActions()).at(-1), 'committee.member.remove')
  })

  it('adds, changes and removes a contact; the committee page and front sheet show it', async () => {
    const bad = await post('/committees/1/contacts/new', {
      role: 'Clerk',
      name: 'Sam Clerk',
      phone: '',
      email: 'sam at council',
    })
    assert.equal(bad.statusCode, 400)
    assert.match(bad.body, /href="#email">Enter an email address in the correct format/)
    const added = await post('/committees/1/contacts/new', {
      role: 'Clerk',
      name: 'Sam Clerk',
      phone: '023 8083 1111',
      email: 'sam.clerk@council.test',
    })
    assert.equal(added.statusCode, 303)
    const page = await app.inject('/committees/1')
    assert.match(
      page.body,
      /Clerk: Sam Clerk<br>Tel: 023 8083 1111<br><a class="govuk-link" href="mailto:sam.clerk@council.test">/,
    )
    const meeting = await app.inject('/meetings/2')
    assert.match(meeting.body, /Sam Clerk/)

    const changed = await post('/committees/1/contacts/1/edit', {
      current: 'Emily Goodwin',
      role: 'Democratic Support Officer',
      name: 'Ed Smith',
      phone: '',
      email: 'ed.smith@council.test',
    })
    assert.equal(changed.statusCode, 303)
    const removed = await post('/committees/1/contacts/3/remove', { current: 'Sam Clerk' })
    assert.equal(removed.statusCode, 303)
    const after = await app.inject('/committees/1')
    assert.match(after.body, /Democratic Support Officer: Ed Smith/)
    assert.doesNotMatch(after.body, /Emily Goodwin|Sam Clerk/)
    const actions = await auditActions()
    assert.deepEqual(actions.slice(-3), [
      'committee.contact.add',
      'committee.contact.change',
      'committee.contact.remove',
    ])
  })

  it('refuses everyone else: other roles get 403, the public is sent to sign in', async () => {
    for (const role of ['director', 'panel-member', 'administrator'] as const) {
      const other = await signedInAs(app, services, role)
      assert.equal((await app.inject({ url: '/committees/1/edit', cookies: other.cookies })).statusCode, 403, role)
      const response = await post(
        '/committees/1/members/new',
        { name: 'Intruder', kind: 'councillor', role: 'member' },
        other,
      )
      assert.equal(response.statusCode, 403, role)
      const page = await app.inject({ url: '/committees/1', cookies: other.cookies })
      assert.doesNotMatch(page.body, /Edit the committee/, role)
    }
    const anonymous = await app.inject('/committees/1/members/new')
    assert.equal(anonymous.statusCode, 303)
    assert.match(String(anonymous.headers.location), /^\/sign-in/)
    assert.ok(!(await services.committees.get(1))?.members.some((m) => m.name === 'Intruder'))
  })

  describe('edge cases', () => {
    it('refuses an empty form on every route with 400 and an error summary, changing nothing', async () => {
      const before = await services.committees.get(1)
      const eventsBefore = (await auditActions()).length
      for (const url of [
        '/committees/1/edit',
        '/committees/1/members/new',
        '/committees/1/members/2/edit',
        '/committees/1/members/2/remove',
        '/committees/1/contacts/new',
        '/committees/1/contacts/1/edit',
        '/committees/1/contacts/1/remove',
      ]) {
        const response = await app.inject({
          method: 'POST',
          url,
          cookies: editor.cookies,
          payload: { _csrf: editor.csrfToken },
        })
        assert.equal(response.statusCode, 400, url)
        assert.match(response.body, /There is a problem/, url)
      }
      assert.deepEqual(await services.committees.get(1), before)
      assert.equal((await auditActions()).length, eventsBefore)
    })

    it('refuses a change to a place that now holds someone else', async () => {
      const response = await post('/committees/1/members/2/remove', { current: 'Somebody who left' })
      assert.equal(response.statusCode, 400)
      assert.match(response.body, /Someone else changed this list while you were working on it/)
      assert.match(response.body, /href="#remove"/)
    })

    it('answers 404 for a committee, member or contact that does not exist', async () => {
      for (const url of [
        '/committees/42/edit',
        '/committees/abc/edit',
        '/committees/1/members/99/edit',
        '/committees/1/members/0/remove',
        '/committees/1/contacts/9/edit',
        '/committees/1/contacts/x/remove',
      ]) {
        assert.equal((await app.inject({ url, cookies: editor.cookies })).statusCode, 404, url)
      }
      assert.equal((await post('/committees/1/members/99/remove', { current: 'Taggart' })).statusCode, 404)
    })
  })
})

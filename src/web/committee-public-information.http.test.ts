import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { FastifyInstance } from 'fastify'
import { demoApp } from '../../test/app.ts'
import { signedInAs } from '../../test/sign-in.ts'
import type { Committee } from '../domain/scrutiny/committee.ts'
import { buildDocumentPack } from '../exporters/document-pack/document-pack.ts'
import type { Services } from '../services/index.ts'
import type { Store } from '../store/connect.ts'

const SCRIPT = '<script>alert("x")</script>'
const URL = '/committees/1/public-information'

describe("the committee's public information in the browser", () => {
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

  const post = (fields: Record<string, string>, as = editor) =>
    app.inject({ method: 'POST', url: URL, cookies: as.cookies, payload: { _csrf: as.csrfToken, ...fields } })

  async function committee(): Promise<Committee> {
    const found = await services.committees.get(1)
    assert.ok(found)
    return found
  }

  async function auditCount(): Promise<number> {
    const rows = await store.db
      .selectFrom('audit_event')
      .select('id')
      .where('action', '=', 'committee.public-information.update')
      .execute()
    return rows.length
  }

  /** The pack's HTML as the printer is given it, without Chromium: the printer keeps the page and stops there. */
  async function packHtml(): Promise<string> {
    const { meeting } = (await services.meetings.allMeetings()).find((e) => e.meeting.date === '2018-06-07') ?? {}
    assert.ok(meeting)
    let html = ''
    const printer = {
      print: (page: string) => {
        html = page
        return Promise.reject(new Error('kept the page'))
      },
    }
    const input = {
      committee: await committee(),
      meeting,
      agenda: [],
      meetingDates: ['2018-06-07', '2018-07-26'],
      papers: [],
      version: { number: 1, publishedAt: '2018-05-30T09:00:00.000Z', note: null },
    }
    await assert.rejects(buildDocumentPack(input, printer), /kept the page/)
    return html
  }

  it("shows democratic services the demo's sections under ## headings, and the lead-in", async () => {
    const response = await app.inject({ url: URL, cookies: editor.cookies })
    assert.equal(response.statusCode, 200)
    assert.match(response.body, /<h1 class="govuk-heading-l">Change the public information<\/h1>/)
    assert.match(response.body, /value="Scrutiny of Children and Families Services in the City to include:"/)
    assert.match(response.body, /## Public representations\nAt the discretion of the Chair/)
    assert.match(response.body, /## Disclosure of interests\n/)
    assert.match(response.body, /name="_csrf" value="[^"]+"/)
  })

  it('links editors to the form from the committee page, and not the public', async () => {
    const forEditor = await app.inject({ url: '/committees/1', cookies: editor.cookies })
    assert.match(
      forEditor.body,
      /<a class="govuk-link" href="\/committees\/1\/public-information">Change the public information<\/a>/,
    )
    assert.match(forEditor.body, /<li>Principles of Decision Making<\/li>/)
    const forPublic = await app.inject('/committees/1')
    assert.doesNotMatch(forPublic.body, /public-information/)
  })

  it("prints the demo's public information in the pack, in the seed's order, the interests on their own page", async () => {
    const html = await packHtml()
    const at = (text: string) => {
      const i = html.indexOf(text)
      assert.ok(i >= 0, `the pack prints ${text}`)
      return i
    }
    const order = [
      'Terms of reference',
      'Scrutiny of Children and Families Services in the City to include:',
      'Monitoring the implementation',
      '>Public representations<',
      'should advise the Democratic Support Officer (DSO)',
      '>Access<',
      '>Use of social media<',
      '>Business to be discussed<',
      '>Quorum<',
      '>Rules of procedure<',
      '>Council Strategy<',
      '<li>Children and young people get a good start in life</li>',
      '>Fire procedure<',
      'Dates of meetings',
      '<h2 class="govuk-heading-l">Disclosure of interests</h2>',
      '>Disclosable Pecuniary Interests<',
      '>Other Interests<',
      '>Principles of Decision Making<',
    ].map(at)
    assert.deepEqual(
      order,
      [...order].sort((a, b) => a - b),
    )
    // The interests start a page of their own, after the dates of meetings.
    const interests = at('<h2 class="govuk-heading-l">Disclosure of interests</h2>')
    assert.ok(html.lastIndexOf('<div class="app-doc-break">', interests) > at('Dates of meetings'))
    // The council's own wording replaces the built-in paragraph.
    assert.doesNotMatch(html, /Contact the officer named on the front sheet before the meeting/)
  })

  it('saves the sections, records before → after, and prints them in the pack', async () => {
    const before = await auditCount()
    const response = await post({
      leadIn: 'To include:',
      sections:
        '## Access\r\nStep-free access.\r\n\r\n## Business to be discussed\r\nOnly the agenda.\r\n\r\n## Fire procedure\r\n- Leave by the stairs',
    })
    assert.equal(response.statusCode, 303)
    assert.equal(response.headers.location, '/committees/1')
    assert.equal(await auditCount(), before + 1)
    assert.deepEqual(
      (await committee()).publicInformation.sections.map((s) => s.heading),
      ['Access', 'Business to be discussed', 'Fire procedure'],
    )
    const html = await packHtml()
    assert.match(html, /<p class="govuk-body">To include:<\/p>/)
    assert.match(html, /<li>Leave by the stairs<\/li>/)
    assert.ok(html.indexOf('>Business to be discussed<') < html.indexOf('>Quorum<'))
    assert.ok(html.indexOf('>Quorum<') < html.indexOf('>Fire procedure<'))
    assert.doesNotMatch(html, /Disclosure of interests/)
  })

  describe('edge cases', () => {
    it('refuses text before the first heading, naming the line, and keeps what was typed', async () => {
      const before = await auditCount()
      const response = await post({ leadIn: 'Kept lead-in', sections: 'Access is available\n## Access\nText' })
      assert.equal(response.statusCode, 400)
      assert.match(response.body, /govuk-error-summary/)
      assert.match(response.body, /href="#sections">Line 1: start each section with a line like &quot;## Access&quot;/)
      assert.match(response.body, /value="Kept lead-in"/)
      assert.match(response.body, /Access is available\n## Access\nText<\/textarea>/)
      assert.match(response.body, /<title>Error: /)
      assert.equal(await auditCount(), before)
    })

    it('refuses a long heading and a long lead-in, each beside its field', async () => {
      const response = await post({ leadIn: 'x'.repeat(301), sections: `## ${'h'.repeat(121)}\nText` })
      assert.equal(response.statusCode, 400)
      assert.match(response.body, /Line 1: the heading must be 120 characters or fewer/)
      assert.match(response.body, /href="#leadIn">The lead-in must be 300 characters or fewer/)
    })

    it('refuses an empty body (no sections box at all) with 400, not a change', async () => {
      const sections = (await committee()).publicInformation.sections
      const response = await app.inject({
        method: 'POST',
        url: URL,
        cookies: editor.cookies,
        payload: { _csrf: editor.csrfToken },
      })
      assert.equal(response.statusCode, 400)
      assert.match(response.body, /Enter the public information/)
      assert.deepEqual((await committee()).publicInformation.sections, sections)
    })

    it('an empty box is no sections: the pack falls back to its own paragraphs', async () => {
      const response = await post({ leadIn: '', sections: '' })
      assert.equal(response.statusCode, 303)
      assert.deepEqual((await committee()).publicInformation, { leadIn: null, sections: [] })
      const html = await packHtml()
      assert.match(html, /Contact the officer named on the front sheet before the meeting/)
      assert.doesNotMatch(html, /To include:/)
    })

    it('keeps markup literal and inert on the form, the committee page and in the pack', async () => {
      const response = await post({ leadIn: SCRIPT, sections: `## ${SCRIPT}\n${SCRIPT}\n- ${SCRIPT}` })
      assert.equal(response.statusCode, 303)
      const escaped = '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;'
      const form = await app.inject({ url: URL, cookies: editor.cookies })
      assert.ok(!form.body.includes(SCRIPT))
      assert.ok(form.body.includes(`## ${escaped}`))
      const page = await app.inject({ url: '/committees/1', cookies: editor.cookies })
      assert.ok(!page.body.includes(SCRIPT))
      assert.ok(page.body.includes(`<li>${escaped}</li>`))
      const html = await packHtml()
      assert.ok(!html.includes(SCRIPT))
      assert.ok(html.includes(`<h3 class="govuk-heading-s">${escaped}</h3>`))
      assert.ok(html.includes(`<p class="govuk-body">${escaped}</p>`))
    })

    it('refuses people who do not keep the meetings, anyone not signed in, and an unknown committee', async () => {
      const before = await services.committees.get(1)
      assert.ok(before !== null)
      for (const role of ['panel-member', 'director', 'performance-officer'] as const) {
        const other = await signedInAs(app, services, role, `Someone ${role}`)
        assert.equal((await app.inject({ url: URL, cookies: other.cookies })).statusCode, 403, role)
        assert.equal((await post({ leadIn: '', sections: '' }, other)).statusCode, 403, role)
      }
      const anonymous = await app.inject({ method: 'POST', url: URL, payload: { sections: '' } })
      // A post with no session carries no CSRF token: refused before anything is read.
      assert.equal(anonymous.statusCode, 403)
      assert.deepEqual((await services.committees.get(1))?.publicInformation, before.publicInformation)
      assert.equal(
        (await app.inject({ url: '/committees/999/public-information', cookies: editor.cookies })).statusCode,
        404,
      )
    })
  })
})

import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { FastifyInstance } from 'fastify'
import { demoApp } from '../../test/app.ts'
import { signedInAs } from '../../test/sign-in.ts'
import type { Services } from '../services/index.ts'
import type { GlossaryJsonEntry } from './view-models/glossary-page.ts'

describe('the glossary pages', () => {
  let app: FastifyInstance
  let services: Services
  let close: () => Promise<void>
  let dso: { cookies: Record<string, string>; csrfToken: string }
  let panel: { cookies: Record<string, string>; csrfToken: string }

  const post = (url: string, session: typeof dso, fields: Record<string, string>) =>
    app.inject({
      method: 'POST',
      url,
      cookies: session.cookies,
      payload: { ...fields, _csrf: session.csrfToken },
    })

  before(async () => {
    ;({ app, services, close } = await demoApp())
    dso = await signedInAs(app, services, 'democratic-services')
    panel = await signedInAs(app, services, 'panel-member')
  })
  after(async () => {
    await close()
  })

  it('shows the public the demo glossary, A to Z, each term anchored at its slug', async () => {
    const response = await app.inject('/glossary')
    assert.equal(response.statusCode, 200)
    assert.match(response.body, /<h1 class="govuk-heading-xl">Glossary<\/h1>/)
    assert.match(response.body, /<h3 class="govuk-heading-m" id="initial-child-protection-conference">/)
    assert.match(
      response.body,
      /id="section-47-enquiry">Section 47 Enquiry \(<abbr title="Section 47 Enquiry">S47<\/abbr>\)/,
    )
    // The A–Z lists only letters that have terms: the seed has no B, but has S.
    assert.match(response.body, /<a class="govuk-link" href="#glossary-letter-s">S<\/a>/)
    assert.doesNotMatch(response.body, /href="#glossary-letter-b"/)
    assert.match(response.body, /Source: Working Together to Safeguard Children 2010, paragraph 1.23/)
    assert.match(response.body, /<a class="govuk-link" href="http:\/\/southamptonlscb.co.uk\/">/)
    // Other terms' acronyms in a definition link to them: Health Assessment mentions LAC.
    assert.match(
      response.body,
      /<a class="govuk-link" href="\/glossary#looked-after-child"><abbr title="Looked After Child">LAC<\/abbr><\/a>/,
    )
    // No management links for the public.
    assert.doesNotMatch(response.body, /\/glossary\/new|\/edit"/)
  })

  it('publishes the glossary as JSON', async () => {
    const response = await app.inject('/glossary.json')
    assert.equal(response.statusCode, 200)
    assert.match(String(response.headers['content-type']), /^application\/json/)
    const { entries } = response.json<{ entries: GlossaryJsonEntry[] }>()
    assert.equal(entries.length, 24)
    assert.deepEqual(
      entries.find((e) => e.acronym === 'SGO'),
      {
        term: 'Special Guardianship Order',
        acronym: 'SGO',
        definition: entries.find((e) => e.slug === 'special-guardianship-order')?.definition,
        source:
          'Children and Families Scrutiny Panel glossary, 7 June 2018, drawn from the Tri.x online glossary and ' +
          'Southampton Local Safeguarding Children Board',
        slug: 'special-guardianship-order',
        url: '/glossary#special-guardianship-order',
      },
    )
  })

  it('lets a democratic services officer add a term, which then appears', async () => {
    const form = await app.inject({ url: '/glossary/new', cookies: dso.cookies })
    assert.equal(form.statusCode, 200)
    assert.match(form.body, /Add a term to the glossary/)
    const response = await post('/glossary/new', dso, {
      term: 'Unaccompanied Asylum Seeking Child',
      acronym: 'UASC',
      definition: 'A child seeking asylum in the UK without a parent or carer.',
      source: 'Home Office',
    })
    assert.equal(response.statusCode, 303)
    assert.equal(response.headers.location, '/glossary#unaccompanied-asylum-seeking-child')
    const page = await app.inject('/glossary')
    assert.match(page.body, /id="unaccompanied-asylum-seeking-child">Unaccompanied Asylum Seeking Child/)
    // And the indicator titles that use it now link to it.
    const indicator = await app.inject('/indicators/uasc-count')
    assert.match(
      indicator.body,
      /href="\/glossary#unaccompanied-asylum-seeking-child"><abbr title="Unaccompanied Asylum Seeking Child">UASC<\/abbr>/,
    )
  })

  it('lets them edit and remove a term', async () => {
    const form = await app.inject({ url: '/glossary/pact/edit', cookies: dso.cookies })
    assert.equal(form.statusCode, 200)
    assert.match(form.body, /value="PACT"/)
    const edited = await post('/glossary/pact/edit', dso, {
      term: 'PACT',
      acronym: '',
      definition: 'Protection and Court: social work teams.',
      source: '',
    })
    assert.equal(edited.statusCode, 303)
    assert.equal((await services.glossary.find('pact'))?.definition, 'Protection and Court: social work teams.')
    const removed = await post('/glossary/pact/remove', dso, {})
    assert.equal(removed.statusCode, 303)
    assert.equal(removed.headers.location, '/glossary')
    assert.equal(await services.glossary.find('pact'), null)
  })

  it('refuses a panel member who tries to add a term (403)', async () => {
    assert.equal((await app.inject({ url: '/glossary/new', cookies: panel.cookies })).statusCode, 403)
    const response = await post('/glossary/new', panel, { term: 'Sneaky', acronym: '', definition: 'x', source: '' })
    assert.equal(response.statusCode, 403)
    assert.equal(await services.glossary.find('sneaky'), null)
  })

  it('marks up an acronym in a demo indicator title on the indicator page', async () => {
    const response = await app.inject('/indicators/s47-started')
    assert.equal(response.statusCode, 200)
    const heading = /<h1 class="govuk-heading-l">([\s\S]*?)<\/h1>/.exec(response.body)?.[1] ?? ''
    assert.match(
      heading,
      /Number of Section 47 \(<a class="govuk-link" href="\/glossary#section-47-enquiry"><abbr title="Section 47 Enquiry">S47<\/abbr><\/a>\) enquiries started/,
    )
    // A plural links to the singular entry.
    const icpc = await app.inject('/indicators/icpc-count')
    assert.match(
      icpc.body,
      /href="\/glossary#initial-child-protection-conference"><abbr title="Initial Child Protection Conference">ICPCs<\/abbr>/,
    )
  })

  describe('edge cases', () => {
    it('re-renders the form with an error summary for a duplicate term and an empty definition (400)', async () => {
      const response = await post('/glossary/new', dso, {
        term: 'early help',
        acronym: '',
        definition: '   ',
        source: '',
      })
      assert.equal(response.statusCode, 400)
      assert.match(response.body, /govuk-error-summary/)
      assert.match(response.body, /<a href="#definition">Enter the definition<\/a>/)
      assert.match(response.body, /<title>Error: Add a term/)
      assert.match(response.body, /value="early help"/)
      const duplicate = await post('/glossary/new', dso, {
        term: 'EARLY HELP',
        acronym: '',
        definition: 'x',
        source: '',
      })
      assert.equal(duplicate.statusCode, 400)
      assert.match(duplicate.body, /The glossary already has &quot;Early Help&quot;/)
    })

    it('answers 400, not 500, to an empty body', async () => {
      const response = await app.inject({
        method: 'POST',
        url: '/glossary/new',
        cookies: dso.cookies,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: `_csrf=${encodeURIComponent(dso.csrfToken)}`,
      })
      assert.equal(response.statusCode, 400)
      assert.match(response.body, /Enter the term/)
    })

    it('shows an XSS payload in a definition as text', async () => {
      const response = await post('/glossary/new', dso, {
        term: 'Script test',
        acronym: '',
        definition: '<script>alert("x")</script> and CP <img src=x onerror=alert(1)>',
        source: '"><script>alert(2)</script>',
      })
      assert.equal(response.statusCode, 303)
      const page = await app.inject('/glossary')
      assert.doesNotMatch(page.body, /<script>alert|<img src=x/)
      assert.match(
        page.body,
        /&lt;script&gt;alert\(&quot;x&quot;\)&lt;\/script&gt; and <a class="govuk-link" href="\/glossary#child-protection">/,
      )
      assert.match(page.body, /Source: &quot;&gt;&lt;script&gt;alert\(2\)&lt;\/script&gt;/)
    })

    it('stores an SQL-injection string as a term literally', async () => {
      const term = "Robert'); DROP TABLE glossary_entry;--"
      const response = await post('/glossary/new', dso, { term, acronym: '', definition: 'A test.', source: '' })
      assert.equal(response.statusCode, 303)
      const { entries } = (await app.inject('/glossary.json')).json<{ entries: GlossaryJsonEntry[] }>()
      assert.equal(entries.find((e) => e.slug === 'robert-drop-table-glossary-entry')?.term, term)
      assert.ok(entries.length > 20)
    })

    it('404 for editing or removing a term that does not exist', async () => {
      assert.equal((await app.inject({ url: '/glossary/no-such-term/edit', cookies: dso.cookies })).statusCode, 404)
      assert.equal((await post('/glossary/no-such-term/edit', dso, { term: 'x', definition: 'y' })).statusCode, 404)
      assert.equal((await post('/glossary/no-such-term/remove', dso, {})).statusCode, 404)
    })

    it('sends the public to sign in for the add form', async () => {
      const response = await app.inject('/glossary/new')
      assert.equal(response.statusCode, 303)
      assert.equal(response.headers.location, '/sign-in?returnTo=%2Fglossary%2Fnew')
    })
  })
})

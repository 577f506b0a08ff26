/**
 * /search for every role over the demo council: everyone finds the public papers; a Members' Room appendix's text
 * is found only by those the permission table lets read the Members' Room (panel members, democratic services,
 * administrators), never by the public or other officers; an indicator no published pack holds only by those who
 * see draft packs. Highlights are escaped text inside <mark>, whatever the papers or the query hold.
 */
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { FastifyInstance } from 'fastify'
import { sql } from 'kysely'
import { demoApp } from '../../test/app.ts'
import { onePagePdf } from '../../test/pdf.ts'
import { signedInAs } from '../../test/sign-in.ts'
import { can, ROLES, type Role } from '../domain/permissions.ts'
import type { Services } from '../services/index.ts'
import type { Store } from '../store/connect.ts'

const EXEMPT_WORD = 'Xylophonist'
const PUBLIC_WORD = 'Kittiwake'

describe('site search on the web', () => {
  let app: FastifyInstance
  let services: Services
  let store: Store
  let close: () => Promise<void>
  const cookies = new Map<Role, Record<string, string>>()

  const search = (role: Role, query: string) =>
    app.inject({ url: `/search?${query}`, cookies: cookies.get(role) ?? {} })

  before(async () => {
    ;({ app, services, store, close } = await demoApp({ rateLimitPerMinute: 100_000 }))
    for (const role of ROLES) {
      if (role !== 'public') cookies.set(role, (await signedInAs(app, services, role)).cookies)
    }
    const report = (await services.reports.itemReport(2, 9))?.report
    assert.ok(report, 'the demo report on item 9 of 7 June 2018')
    for (const [word, membersRoomOnly] of [
      [EXEMPT_WORD, true],
      [PUBLIC_WORD, false],
    ] as const) {
      const upload = await services.reports.uploadAppendix(
        report.id,
        {
          fileName: 'paper.pdf',
          bytes: await onePagePdf(`${word} placement costs`),
          title: `${membersRoomOnly ? 'Exempt' : 'Public'} appendix`,
          membersRoomOnly,
        },
        { actor: 'test' },
      )
      assert.ok(upload.ok)
    }
    // A glossary entry whose text looks like markup: it must come back as text.
    await services.glossary.add(
      { term: 'Quillwort <script>alert(1)</script>', acronym: '', definition: 'A test <b>term</b> & more', source: '' },
      { actor: 'test' },
    )
    await sql`insert into indicator (id, code, title, service_area, unit, polarity, owner, reporter, outcome,
      definition, region_name, rag_tolerance_percent)
      values ('zebu-draft', 'Z1', 'Zebu draft measure', 'Early help', 'count', 'higher', '', '', '', '', 'South East', 0)`.execute(
      store.db,
    )
  })
  after(async () => {
    await close()
  })

  it('is linked from the header and works without a query', async () => {
    const response = await search('public', '')
    assert.equal(response.statusCode, 200)
    assert.match(response.body, /<a class="govuk-service-navigation__link" href="\/search"/)
    assert.match(response.body, /<form method="get" action="\/search"/)
    assert.doesNotMatch(response.body, /role="status"/)
  })

  it('finds the public papers for everyone, labelled by kind, with highlighted snippets', async () => {
    for (const role of ROLES) {
      const response = await search(role, 'q=children')
      assert.equal(response.statusCode, 200, role)
      assert.equal(response.headers['cache-control'], role === 'public' ? 'no-store' : 'private, no-store', role)
      assert.match(response.body, /results for “children”/, role)
      for (const label of ['Meetings', 'Reports', 'Minutes', 'Glossary entries', 'Indicators'])
        assert.match(response.body, new RegExp(`${label} \\(\\d+\\)`), `${role}: ${label}`)
      assert.match(response.body, /<mark>[Cc]hildren<\/mark>/, role)
    }
  })

  it('finds a Members’ Room appendix’s text only for those who may read the Members’ Room', async () => {
    for (const role of ROLES) {
      const response = await search(role, `q=${EXEMPT_WORD}`)
      assert.equal(response.statusCode, 200)
      if (can(role, 'view-members-room-papers')) {
        assert.match(response.body, new RegExp(`<mark>${EXEMPT_WORD}</mark> placement costs`), role)
        assert.match(response.body, /Members’ Room/, role)
        assert.match(response.body, /href="\/meetings\/2\/items\/9"/, role)
      } else {
        // The words typed are shown back; the paper's title and text are not.
        assert.doesNotMatch(response.body, /Exempt appendix|placement costs/, role)
        assert.match(response.body, /No results for/, role)
      }
    }
    // The public appendix beside it is everyone's.
    const open = await search('public', `q=${PUBLIC_WORD.toLowerCase()}`)
    assert.match(open.body, new RegExp(`<mark>${PUBLIC_WORD}</mark>`))
  })

  it('finds an indicator no published pack holds only for those who see draft packs', async () => {
    for (const role of ROLES) {
      const response = await search(role, 'q=zebu')
      const found = response.body.includes('href="/indicators/zebu-draft"')
      assert.equal(found, can(role, 'view-draft-packs'), role)
    }
  })

  it('escapes what the papers and the query hold', async () => {
    const response = await search('public', `q=${encodeURIComponent('quillwort <img src=x>')}`)
    assert.equal(response.statusCode, 200)
    assert.doesNotMatch(response.body, /<script>alert|<img src=x>|<b>term<\/b>/)
    assert.match(response.body, /&lt;img src=x&gt;/)
  })

  it('narrows to one kind and pages through the results', async () => {
    const all = await search('public', 'q=children')
    const minutes = await search('public', 'q=children&type=minute')
    assert.match(minutes.body, /<strong aria-current="page">Minutes \(\d+\)<\/strong>/)
    assert.doesNotMatch(minutes.body.split('<ol class="govuk-list">')[1] ?? '', /govuk-caption-m[^>]*>Report</)
    if (/page 1 of/.test(all.body)) {
      const second = await search('public', 'q=children&page=2')
      assert.match(second.body, /page 2 of/)
    }
  })
})

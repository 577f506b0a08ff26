/**
 * The Members' Room edition of the document pack through the app, with the real services and Debian's Chromium:
 * panel members and officers who may see Members' Room papers download it; the public pack never holds those
 * papers, and nobody else sees the link or gets the file.
 */
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { FastifyInstance } from 'fastify'
import { PDFDocument } from 'pdf-lib'
import { demoApp } from '../../test/app.ts'
import { onePagePdf, pdfText } from '../../test/pdf.ts'
import { postAndRunJob } from '../../test/jobs.ts'
import { signedInAs } from '../../test/sign-in.ts'
import type { Services } from '../services/index.ts'
import type { Store } from '../store/connect.ts'

const TITLE = 'Ofsted monitoring letter exempt paragraph 3'
const BODY = 'CONFIDENTIAL LETTER BODY'

describe("the Members' Room document pack on the web", () => {
  let app: FastifyInstance
  let services: Services
  let store: Store
  let close: () => Promise<void>
  let officer: { cookies: Record<string, string>; csrfToken: string }
  let member: { cookies: Record<string, string>; csrfToken: string }

  before(async () => {
    ;({ app, services, store, close } = await demoApp())
    officer = await signedInAs(app, services, 'democratic-services')
    member = await signedInAs(app, services, 'panel-member')
    const report = (await services.reports.itemReport(2, 9))?.report
    assert.ok(report, 'the demo report on item 9 of 7 June 2018')
    const upload = await services.reports.uploadAppendix(
      report.id,
      { fileName: 'letter.pdf', bytes: await onePagePdf(BODY), title: TITLE, membersRoomOnly: true },
      { actor: 'test' },
    )
    assert.ok(upload.ok)
    const published = await postAndRunJob(app, services, {
      url: '/meetings/2/pack',
      cookies: officer.cookies,
      payload: { _csrf: officer.csrfToken },
    })
    assert.equal(published.status, 'succeeded', published.error ?? '')
  })
  after(async () => {
    await close()
  })

  it('gives a panel member the Members’ Room edition, with the exempt paper and its front-sheet warning', async () => {
    const response = await app.inject({ url: '/meetings/2/members-pack.pdf', cookies: member.cookies })
    assert.equal(response.statusCode, 200)
    assert.equal(response.headers['content-type'], 'application/pdf')
    assert.equal(response.headers['cache-control'], 'private, no-store')
    assert.equal(
      response.headers['content-disposition'],
      'inline; filename="children-and-families-scrutiny-panel-2018-06-07-members-room-document-pack-v1.pdf"',
    )
    const text = pdfText(response.rawPayload)
    assert.match(text, new RegExp(`Members' Room document 1: ${TITLE}`))
    assert.match(text, new RegExp(BODY))
    // The council's "Documents for the Members Room" (seed 002): the committee, the heading, the date and time,
    // the line about the listed reports, the contacts and the index of reports with their pages, in that order.
    assert.match(
      text,
      new RegExp(
        [
          "^Members' Room edition: contains exempt or confidential papers\\. Not for publication\\.",
          'Children and Families Scrutiny Panel',
          'DOCUMENTS FOR THE MEMBERS ROOM',
          'Thursday, 7th June, 2018 at 5\\.30 pm',
          'MEMBERS ROOM DOCUMENTS ATTACHED TO THE LISTED REPORTS',
          'Contacts',
          'Democratic Support Officer Emily Goodwin',
          'MEMBERS ROOM DOCUMENTS',
          '9 CHILDREN AND FAMILIES - PERFORMANCE \\(Page 1\\)',
        ].join('.*'),
      ),
    )
    assert.doesNotMatch(text, /PUBLIC DOCUMENT PACK/)
    // Only the Members' Room paper follows: not the public papers again.
    assert.doesNotMatch(text, /Monthly values|Decision-maker|Agenda Item 7/)
    const members = await services.documentPacks.latestMembersEdition(2)
    assert.equal(members?.version, 1)
    assert.equal((await PDFDocument.load(response.rawPayload)).getPageCount(), members.pageCount)
    assert.equal(members.pageCount, 2)
    assert.deepEqual(
      members.pages.map((p) => [p.from, p.to]),
      [[1, 1]],
    )
  })

  /** Who has opened the Members' Room edition, from the audit log. */
  const openings = () =>
    store.db
      .selectFrom('audit_event')
      .select(['actor', 'subject_id', 'details'])
      .where('action', '=', 'document-pack.members-edition.view')
      .orderBy('id')
      .execute()

  it('records in the audit log who opened the Members’ Room edition, of which meeting and version', async () => {
    const [opened, ...others] = await openings()
    assert.equal(others.length, 0)
    const user = await services.users.findByEmail('panel.member@council.test')
    assert.ok(user)
    assert.equal(opened?.actor, `user:${user.id}`)
    assert.equal(opened.subject_id, '2')
    const details = (typeof opened.details === 'string' ? JSON.parse(opened.details) : opened.details) as {
      version: number
    }
    assert.equal(details.version, 1)
  })

  it('never puts the Members’ Room paper in the public pack', async () => {
    const response = await app.inject('/meetings/2/pack.pdf')
    assert.equal(response.statusCode, 200)
    const text = pdfText(response.rawPayload)
    assert.doesNotMatch(text, new RegExp(BODY))
    assert.doesNotMatch(text, /Members' Room edition/)
    // The cover sheet lists it by title under "Documents in Members' Rooms"; its pages are not there.
    assert.match(text, new RegExp(`Members' Room document 1: ${TITLE}`))
    // The published dataset pack is printed as its table.
    assert.match(text, /Monthly values/)
    // The cover sheet's contact block gives the author's job title, and a June 2018 meeting's cover sheet asks
    // the 2018 template's Privacy Impact Assessment question.
    assert.match(
      text,
      /Title Scrutiny Manager Name: Mark Pirnie Tel: 023 8083 3886 E-mail Mark.pirnie@southampton.gov.uk/,
    )
    assert.match(text, /require a Privacy Impact Assessment \(PIA\) to be carried out\. No/)
    assert.doesNotMatch(text, /Data Protection Impact Assessment/)
  })

  it('announces the public pack in the feeds, never the Members’ Room edition', async () => {
    for (const url of ['/meetings.rss', '/committees/1/feed.rss']) {
      const body = (await app.inject(url)).body
      assert.match(body, /<title>Document pack: Children and Families Scrutiny Panel, 7 June 2018<\/title>/)
      assert.doesNotMatch(body, new RegExp(`members-pack|${BODY}|Ofsted monitoring letter`))
    }
  })

  it('shows the link to panel members and democratic services, not to the public or other officers', async () => {
    const link =
      /href="\/meetings\/2\/members-pack.pdf">Members&#39; Room edition<\/a> \(PDF, [\d.]+ [KM]B, \d+ pages\)/
    assert.match((await app.inject({ url: '/meetings/2', cookies: member.cookies })).body, link)
    assert.match((await app.inject({ url: '/meetings/2', cookies: officer.cookies })).body, link)
    assert.doesNotMatch((await app.inject('/meetings/2')).body, /members-pack/)
    const performance = await signedInAs(app, services, 'performance-officer')
    assert.doesNotMatch((await app.inject({ url: '/meetings/2', cookies: performance.cookies })).body, /members-pack/)
  })

  describe('edge cases', () => {
    it('sends the public to sign in and refuses officers who may not see Members’ Room papers', async () => {
      const anonymous = await app.inject('/meetings/2/members-pack.pdf')
      assert.equal(anonymous.statusCode, 303)
      assert.match(String(anonymous.headers.location), /^\/sign-in\?returnTo=/)
      assert.doesNotMatch(anonymous.body, /%PDF/)
      const performance = await signedInAs(app, services, 'performance-officer')
      const refused = await app.inject({ url: '/meetings/2/members-pack.pdf', cookies: performance.cookies })
      assert.equal(refused.statusCode, 403)
      assert.doesNotMatch(refused.body, /%PDF/)
      // Nothing was handed over, so nothing more is recorded.
      assert.equal((await openings()).length, 1)
    })

    it('answers 404 for a meeting with no pack, one that does not exist, or an id that is not a number', async () => {
      for (const url of [
        '/meetings/1/members-pack.pdf',
        '/meetings/999/members-pack.pdf',
        '/meetings/abc/members-pack.pdf',
      ]) {
        assert.equal((await app.inject({ url, cookies: member.cookies })).statusCode, 404, url)
      }
    })

    it('has no Members’ Room edition once a new version is published without the paper', async () => {
      const found = await services.reports.itemReport(2, 9)
      const exempt = found?.appendices.find((a) => a.membersRoomOnly)
      assert.ok(exempt)
      assert.ok(await services.reports.removeAppendix(exempt.id, { actor: 'test' }))
      const published = await postAndRunJob(app, services, {
        url: '/meetings/2/pack',
        cookies: officer.cookies,
        payload: { _csrf: officer.csrfToken, note: 'exempt appendix withdrawn' },
      })
      assert.equal(published.status, 'succeeded', published.error ?? '')
      assert.equal((await app.inject({ url: '/meetings/2/members-pack.pdf', cookies: member.cookies })).statusCode, 404)
      assert.doesNotMatch((await app.inject({ url: '/meetings/2', cookies: member.cookies })).body, /members-pack/)
    })
  })
})

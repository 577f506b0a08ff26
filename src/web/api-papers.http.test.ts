/**
 * The panel's papers in the JSON API, through the real app over the demo council: a meeting's agenda linking its
 * reports, its Public Document Pack and its minutes; `/api/meetings/{id}/minutes`; `/api/reports/{id}`. The API must
 * never show anyone more than the matching page shows them.
 */
import assert from 'node:assert/strict'
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { after, before, describe, it } from 'node:test'
import type { FastifyInstance } from 'fastify'
import { demoApp } from '../../test/app.ts'
import { onePagePdf } from '../../test/pdf.ts'
import { signedInAs } from '../../test/sign-in.ts'
import type { Services } from '../services/index.ts'
import { dataAccess } from '../store/data-access.ts'
import type { Store } from '../store/connect.ts'

const JSON_TYPE = 'application/json; charset=utf-8'
const XSS = '<script>alert("minutes")</script>'
const SMALL = fileURLToPath(new URL('../services/testdata/annex-a-small', import.meta.url))
const CHILD_IDS = ['ZQX-CHILD-4401', 'ZQX-CHILD-4402', 'ZQX-CHILD-4403']

interface Body {
  error?: string
  [key: string]: unknown
}

interface MinutesBody {
  minutes: {
    status: string
    statusText: string
    approval: { approvedOn: string; meeting: { id: number; date: string; url: string } | null } | null
    present: Array<{ name: string; kind: string; role: string }>
    apologies: unknown[]
    officersInAttendance: string[]
    declarations: string[]
    items: Array<{
      number: number
      title: string
      paragraphs: string[]
      resolved: string[] | null
      recommendation: { id: number; url: string } | null
    }>
    url: string
  }
}

interface ReportBody {
  report: {
    id: number
    briefSummary: string
    agendaItem: { number: number }
    appendices: Array<{ title: string; url: string; membersRoomOnly: boolean; number: number }>
    membersRoomAppendices: Array<{ title: string; url: string; membersRoomOnly: boolean; number: number }>
  }
}

/** The demo's Annex A sample with its children renamed C1 → ZQX-CHILD-4401 and so on. */
function returnWithDistinctiveIds(): string {
  const folder = mkdtempSync(join(tmpdir(), 'scrutineer-api-'))
  cpSync(SMALL, folder, { recursive: true })
  for (const file of readdirSync(folder).filter((f) => f.endsWith('.csv'))) {
    const path = join(folder, file)
    writeFileSync(
      path,
      readFileSync(path, 'utf8').replace(/^C(\d),/gm, (_m, n: string) => `ZQX-CHILD-440${n},`),
    )
  }
  return folder
}

describe('the panel’s papers in the JSON API', () => {
  let app: FastifyInstance
  let services: Services
  let store: Store
  let close: () => Promise<void>
  let panelMember: { cookies: Record<string, string> }
  /** The meetings of 22 March 2018 (approved minutes), 7 June 2018 (item 9's report) and 6 June 2019 (draft). */
  let march2018 = 0
  let june2018 = 0
  let june2019 = 0
  let folder = ''

  before(async () => {
    ;({ app, services, store, close } = await demoApp({ rateLimitPerMinute: 100_000 }))
    const byDate = new Map((await services.meetings.allMeetings()).map((e) => [e.meeting.date, e.meeting.id]))
    march2018 = byDate.get('2018-03-22') ?? 0
    june2018 = byDate.get('2018-06-07') ?? 0
    june2019 = byDate.get('2019-06-06') ?? 0
    assert.ok(march2018 > 0 && june2018 > 0 && june2019 > 0)
    panelMember = await signedInAs(app, services, 'panel-member')
  })
  after(async () => {
    await close()
    if (folder !== '') rmSync(folder, { recursive: true, force: true })
  })

  async function get(url: string, cookies: Record<string, string> = {}) {
    const response = await app.inject({ url, cookies })
    return { response, body: response.json<Body>() }
  }

  it('links each agenda item’s report, and says where the minutes are, on the meeting', async () => {
    const { response, body } = await get(`/api/meetings/${june2018}`)
    assert.equal(response.statusCode, 200)
    assert.equal(response.headers['content-type'], JSON_TYPE)
    const agenda = body.agenda as Array<{ number: number; report: { id: number; url: string; apiUrl: string } | null }>
    const item9 = agenda.find((i) => i.number === 9)
    assert.ok(item9?.report)
    assert.match(item9.report.url, new RegExp(`^http://[^/]+/meetings/${june2018}/items/9$`))
    assert.match(item9.report.apiUrl, new RegExp(`^http://[^/]+/api/reports/${item9.report.id}$`))
    assert.ok(agenda.filter((i) => i.number !== 9).every((i) => i.report === null))
    // No minutes of 7 June 2018 are written, and no pack is published yet: null, not missing.
    assert.equal(body.minutes, null)
    assert.equal(body.documentPack, null)
    assert.ok('documentPack' in body && 'minutes' in body)

    const march = (await get(`/api/meetings/${march2018}`)).body
    assert.deepEqual(
      { ...(march.minutes as object), url: undefined, apiUrl: undefined },
      { status: 'approved', url: undefined, apiUrl: undefined },
    )
    assert.match((march.minutes as { apiUrl: string }).apiUrl, new RegExp(`/api/meetings/${march2018}/minutes$`))
    assert.equal(((await get(`/api/meetings/${june2019}`)).body.minutes as { status: string }).status, 'draft')
  })

  it('gives the latest published version of the Public Document Pack on the meeting', async () => {
    const data = dataAccess(store)
    for (const [version, note] of [
      [1, null],
      [2, 'supplement: appendix 2 to item 9'],
    ] as const) {
      const stored = await data.documentPacks.publish({
        meetingId: june2018,
        publishedAt: `2018-05-2${version}T09:00:00.000Z`,
        publishedBy: 'test',
        note,
        clearDays: 5,
        pageCount: 16 + version,
        pages: [],
        byteSize: 1000 * version,
        content: new TextEncoder().encode('%PDF-1.4 not really'),
      })
      assert.equal(stored.pack.version, version)
    }
    const { body } = await get(`/api/meetings/${june2018}`)
    const pack = body.documentPack as Record<string, unknown>
    assert.match(String(pack.url), new RegExp(`^http://[^/]+/meetings/${june2018}/pack.pdf$`))
    assert.deepEqual(
      { ...pack, url: undefined },
      {
        url: undefined,
        mediaType: 'application/pdf',
        version: 2,
        publishedAt: '2018-05-22T09:00:00.000Z',
        note: 'supplement: appendix 2 to item 9',
        pageCount: 18,
        byteSize: 2000,
      },
    )
    // Who published it and the notice it gave are for democratic services' page, not the API.
    assert.doesNotMatch(JSON.stringify(body), /publishedBy|clearDays/)
    const url = new URL(String(pack.url))
    assert.equal((await app.inject(url.pathname)).statusCode, 200)
  })

  it('gives approved minutes with the meeting that approved them, every minute numbered, as the page does', async () => {
    const { response, body } = await get(`/api/meetings/${march2018}/minutes`)
    assert.equal(response.statusCode, 200)
    assert.equal(response.headers['content-type'], JSON_TYPE)
    const { minutes } = body as unknown as MinutesBody
    assert.equal(minutes.status, 'approved')
    assert.equal(minutes.statusText, 'Approved as a correct record')
    assert.equal(minutes.approval?.approvedOn, '2018-06-07')
    assert.equal(minutes.approval?.meeting?.id, june2018)
    assert.deepEqual(minutes.present[0], { name: 'Keogh', kind: 'councillor', role: 'chair' })
    assert.equal(minutes.apologies.length, 3)
    assert.ok(minutes.officersInAttendance.includes('Hillary Brooks, Service Director, Children and Families'))
    assert.equal(minutes.declarations.length, 1)
    assert.deepEqual(
      minutes.items.map((i) => i.number),
      [29, 30, 31, 32, 33],
    )
    assert.deepEqual(minutes.items[3]?.resolved, [
      '(i) That the LAC indicator in the performance report would include reference to the number of children who had been directed by the courts to be looked after.',
    ])
    assert.equal(minutes.items[0]?.resolved, null)
    const page = await app.inject(`/meetings/${march2018}/minutes`)
    assert.match(page.body, /Approved as a correct record at the meeting held on 7 June 2018/)
  })

  it('gives draft minutes to everyone, marked subject to approval, and links a resolution sent to the tracker', async () => {
    const context = { actor: 'test' }
    const added = await services.minutes.addItem(
      june2019,
      {
        title: `Fostering ${XSS}`,
        text: `The Panel heard ${XSS}.`,
        resolved: '(i) That the Panel receive a report on fostering;\n(ii) That it be in the autumn.',
        inTheChair: '',
        agendaItem: '',
      },
      context,
    )
    assert.ok(added.ok)
    const made = await services.minutes.makeRecommendation(june2019, added.value, context)
    assert.ok(made.ok)

    const { response, body } = await get(`/api/meetings/${june2019}/minutes`)
    assert.equal(response.statusCode, 200)
    const { minutes } = body as unknown as MinutesBody
    assert.equal(minutes.status, 'draft')
    assert.equal(minutes.statusText, 'Draft, subject to approval')
    assert.equal(minutes.approval, null)
    assert.equal(minutes.items[0]?.number, 1)
    const item = minutes.items.find((i) => i.number === added.value)
    assert.ok(item)
    // Text is data: markup comes back exactly as typed, for whoever shows it to escape.
    assert.equal(item.title, `Fostering ${XSS}`)
    assert.deepEqual(item.paragraphs, [`The Panel heard ${XSS}.`])
    assert.deepEqual(item.resolved, [
      '(i) That the Panel receive a report on fostering;',
      '(ii) That it be in the autumn.',
    ])
    assert.ok(item.recommendation)
    // Two numbered decisions, two recommendations: `recommendation` is the first.
    assert.equal(made.value.length, 2)
    assert.equal(item.recommendation.id, made.value[0])
    assert.match(item.recommendation.url, new RegExp(`^http://[^/]+/recommendations/${String(made.value[0])}$`))
    assert.equal((await app.inject(new URL(item.recommendation.url).pathname)).statusCode, 200)
    assert.ok(minutes.items.filter((i) => i !== item).every((i) => i.recommendation === null))
    assert.equal(response.headers['x-content-type-options'], 'nosniff')
    const page = await app.inject(`/meetings/${june2019}/minutes`)
    assert.match(page.body, /Draft, subject to approval/)
  })

  it('gives a report’s cover sheet and public appendices; Members’ Room ones only to those who may read them', async () => {
    const uploaded = await services.reports.uploadAppendix(
      1,
      {
        fileName: 'case-audit.pdf',
        bytes: await onePagePdf('members room'),
        title: 'Confidential case file audit',
        membersRoomOnly: true,
      },
      { actor: 'test' },
    )
    assert.ok(uploaded.ok)

    const anyone = await get('/api/reports/1')
    assert.equal(anyone.response.statusCode, 200)
    assert.equal(anyone.response.headers['content-type'], JSON_TYPE)
    const { report } = anyone.body as unknown as ReportBody
    assert.equal(report.agendaItem.number, 9)
    assert.deepEqual(
      report.appendices.map((a) => [a.number, a.title]),
      [
        [1, 'Children and Families Monthly Dataset – April 2018'],
        [2, 'Glossary of terms'],
      ],
    )
    assert.deepEqual(report.membersRoomAppendices, [])
    assert.doesNotMatch(anyone.response.body, /Confidential case file audit|case-audit/)
    assert.doesNotMatch(anyone.response.body, new RegExp(`/reports/appendices/${uploaded.value}\\b`))

    const member = await get('/api/reports/1', panelMember.cookies)
    const seen = (member.body as unknown as ReportBody).report
    assert.equal(seen.appendices.length, 2)
    assert.equal(seen.membersRoomAppendices.length, 1)
    assert.equal(seen.membersRoomAppendices[0]?.title, 'Confidential case file audit')
    assert.equal(seen.membersRoomAppendices[0]?.number, 1)
    assert.equal(seen.membersRoomAppendices[0]?.membersRoomOnly, true)
    assert.equal(member.response.headers['cache-control'], 'private, no-store')
    const download = await app.inject({
      url: new URL(seen.membersRoomAppendices[0]?.url ?? '').pathname,
      cookies: panelMember.cookies,
    })
    assert.equal(download.statusCode, 200)
    // The page agrees: the public page does not list it, the panel member's does.
    assert.doesNotMatch((await app.inject(`/meetings/${june2018}/items/9`)).body, /Confidential case file audit/)
    const memberPage = await app.inject({ url: `/meetings/${june2018}/items/9`, cookies: panelMember.cookies })
    assert.match(memberPage.body, /Confidential case file audit/)
  })

  describe('edge cases', () => {
    it('answers 404 with { error } for an unknown meeting, minutes not yet written or an unknown report', async () => {
      const unknown: Array<[string, string]> = [
        ['/api/meetings/999999/minutes', 'There is no meeting with that id.'],
        [`/api/meetings/${june2018}/minutes`, 'This meeting has no minutes yet.'],
        ['/api/reports/999999', 'There is no report with that id.'],
        ['/api/meetings/999999', 'There is no meeting with that id.'],
      ]
      for (const [url, error] of unknown) {
        const { response, body } = await get(url)
        assert.equal(response.statusCode, 404, url)
        assert.equal(response.headers['content-type'], JSON_TYPE, url)
        assert.deepEqual(body, { error }, url)
      }
    })

    it('answers 400 with { error } for an id that is not a positive whole number', async () => {
      for (const id of ['abc', '0', '-1', '1.5', '1e3', '9999999999', '%3Cb%3E']) {
        for (const url of [`/api/meetings/${id}/minutes`, `/api/reports/${id}`, `/api/meetings/${id}`]) {
          const { response, body } = await get(url)
          assert.equal(response.statusCode, 400, url)
          assert.equal(response.headers['content-type'], JSON_TYPE, url)
          assert.match(String(body.error), /is not an id: use a positive whole number/, url)
        }
      }
      // What was sent comes back as JSON text, never as markup.
      assert.equal(
        (await get('/api/reports/%3Cb%3E')).body.error,
        '"<b>" is not an id: use a positive whole number, like 2.',
      )
    })

    it('keeps markup in a cover sheet literal in JSON', async () => {
      const view = await services.reports.itemReport(june2018, 9)
      assert.ok(view)
      const values = { ...services.reports.formValues(view), briefSummary: `Summary ${XSS} & more` }
      const saved = await services.reports.saveCoverSheet(view.item.id, values, { actor: 'test' })
      assert.ok(saved.ok)
      const { response, body } = await get('/api/reports/1')
      assert.equal((body as unknown as ReportBody).report.briefSummary, `Summary ${XSS} & more`)
      assert.doesNotMatch(response.body, /&lt;|&amp;/)
    })

    it('never shows a meeting’s minutes where its page would not, for the public or a panel member', async () => {
      const meetings = (await services.meetings.allMeetings()).map((e) => e.meeting.id)
      for (const cookies of [{}, panelMember.cookies]) {
        for (const id of meetings) {
          const page = await app.inject({ url: `/meetings/${id}/minutes`, cookies })
          const api = await app.inject({ url: `/api/meetings/${id}/minutes`, cookies })
          assert.equal(api.statusCode, page.statusCode, `meeting ${id}`)
        }
      }
    })

    it('carries no child ID, even with children’s records imported', async () => {
      folder = returnWithDistinctiveIds()
      const imported = await services.annexA.importFile(folder, { actor: 'test' })
      assert.ok(imported.ok)
      const meetings = (await services.meetings.allMeetings()).map((e) => e.meeting.id)
      const urls = [
        '/api/reports/1',
        ...meetings.flatMap((id) => [`/api/meetings/${id}`, `/api/meetings/${id}/minutes`]),
      ]
      for (const cookies of [{}, panelMember.cookies]) {
        for (const url of urls) {
          const response = await app.inject({ url, cookies })
          assert.ok(response.statusCode === 200 || response.statusCode === 404, url)
          for (const child of CHILD_IDS) assert.ok(!response.body.includes(child), `${url} contains ${child}`)
        }
      }
    })
  })
})

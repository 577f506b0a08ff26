import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { AgendaItem, Meeting } from '../domain/scrutiny/committee.ts'
import { agendaItemToJson, badIdError, documentPackToJson, meetingToJson, minutesLinkToJson } from './meetings-json.ts'

const BASE = 'https://papers.example.gov.uk'

const item: AgendaItem = {
  id: 17,
  meetingId: 2,
  position: 9,
  kind: 'report',
  title: 'Children and Families - Performance',
  description: 'Report of the Service Director',
  pages: { from: 7, to: 18 },
}

const pack = {
  version: 2,
  publishedAt: '2018-05-30T13:05:00.000Z',
  note: 'supplement: appendix 2 to item 9',
  pageCount: 18,
  byteSize: 123456,
}

describe('meetingToJson', () => {
  it('gives the meeting with its committee, London start time and page', () => {
    const meeting: Meeting = {
      id: 2,
      committeeId: 1,
      date: '2018-06-07',
      startTime: '17:30',
      venue: 'Civic Centre',
      status: 'held',
      notice: null,
    }
    const json = meetingToJson(meeting, { id: 1, name: 'Panel' }, BASE)
    assert.equal(json.timeZone, 'Europe/London')
    assert.equal(json.notice, null)
    assert.equal(json.url, `${BASE}/meetings/2`)
  })
})

describe('agendaItemToJson', () => {
  it('links an item’s report: its page with the cover sheet and the report as JSON', () => {
    assert.deepEqual(agendaItemToJson(item, { reportId: 1, baseUrl: BASE }), {
      id: 17,
      number: 9,
      kind: 'report',
      title: 'Children and Families - Performance',
      description: 'Report of the Service Director',
      pages: { from: 7, to: 18 },
      report: { id: 1, url: `${BASE}/meetings/2/items/9`, apiUrl: `${BASE}/api/reports/1` },
    })
  })

  describe('edge cases', () => {
    it('an item with no report has report null, and null pages before the pack is built', () => {
      const json = agendaItemToJson({ ...item, pages: null }, { reportId: null, baseUrl: BASE })
      assert.equal(json.report, null)
      assert.equal(json.pages, null)
    })
  })
})

describe('documentPackToJson', () => {
  it('gives the latest published pack: where to download it, its version, pages, size and when', () => {
    assert.deepEqual(documentPackToJson(2, pack, BASE), {
      url: `${BASE}/meetings/2/pack.pdf`,
      mediaType: 'application/pdf',
      version: 2,
      publishedAt: '2018-05-30T13:05:00.000Z',
      note: 'supplement: appendix 2 to item 9',
      pageCount: 18,
      byteSize: 123456,
    })
  })

  describe('edge cases', () => {
    it('is null before a pack is published; a first version has a null note', () => {
      assert.equal(documentPackToJson(2, null, BASE), null)
      assert.equal(documentPackToJson(2, { ...pack, version: 1, note: null }, BASE)?.note, null)
    })
  })
})

describe('minutesLinkToJson', () => {
  it('says whether the minutes are a draft and where they are', () => {
    assert.deepEqual(minutesLinkToJson(5, 'draft', BASE), {
      status: 'draft',
      url: `${BASE}/meetings/5/minutes`,
      apiUrl: `${BASE}/api/meetings/5/minutes`,
    })
  })

  describe('edge cases', () => {
    it('is null when no minutes are written', () => {
      assert.equal(minutesLinkToJson(5, null, BASE), null)
    })
  })
})

describe('badIdError', () => {
  it('says what an id must look like', () => {
    assert.deepEqual(badIdError('abc'), { error: '"abc" is not an id: use a positive whole number, like 2.' })
  })

  describe('edge cases', () => {
    it('keeps whatever was sent literally, as JSON text', () => {
      const parsed = JSON.parse(JSON.stringify(badIdError('<b>"'))) as { error: string }
      assert.ok(parsed.error.startsWith('"<b>""'))
    })
  })
})

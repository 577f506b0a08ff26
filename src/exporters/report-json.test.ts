import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { AgendaItem, Meeting } from '../domain/scrutiny/committee.ts'
import { blankCoverSheet, type Appendix, type Report } from '../domain/scrutiny/report.ts'
import { appendixPath, reportToJson, type ReportInContext } from './report-json.ts'

const BASE = 'https://papers.example.gov.uk'

const meeting: Meeting = {
  id: 2,
  committeeId: 1,
  date: '2018-06-07',
  startTime: '17:30',
  venue: 'Civic Centre',
  status: 'held',
  notice: null,
}
const item: AgendaItem = {
  id: 17,
  meetingId: 2,
  position: 9,
  kind: 'report',
  title: 'Children and Families - Performance',
  description: 'Report of the Service Director',
  pages: { from: 7, to: 18 },
}
const report: Report = {
  ...blankCoverSheet('Children and Families - Performance', '2018-06-07', 'Children and Families Scrutiny Panel'),
  id: 1,
  agendaItemId: 17,
  reportOf: 'Service Director – Legal and Governance',
  contacts: [{ role: 'Author', title: 'Scrutiny Manager', name: 'Mark Pirnie', phone: '023 8083 3886', email: null }],
  briefSummary: 'Attached as Appendix 1 is the key data set.',
  recommendations: ['That the Panel consider the performance.', 'That the Panel note the overview.'],
  reasons: ['To enable effective scrutiny.'],
  alternativeOptions: ['None.'],
  detail: ['Performance to 30 April 2018 is attached.', 'Managers will attend.'],
  riskImplications: ['None.'],
  keyDecision: true,
  membersRoomDocuments: ['Ofsted letter'],
  equalityImpactAssessment: true,
  backgroundDocuments: ['Council Strategy 2016-2020'],
}

const file = { mediaType: 'application/pdf' as const, byteSize: 2048, sha256: 'ab' }
const appendices: Appendix[] = [
  {
    id: 1,
    reportId: 1,
    position: 1,
    title: 'Dataset – April 2018',
    membersRoomOnly: false,
    kind: 'dataset-pack',
    datasetId: 'monthly',
    period: '2018-04',
  },
  {
    id: 2,
    reportId: 1,
    position: 2,
    title: 'Case file audit',
    membersRoomOnly: true,
    kind: 'upload',
    file: { ...file, fileName: 'audit.pdf' },
  },
  { id: 3, reportId: 1, position: 3, title: 'Glossary of terms', membersRoomOnly: false, kind: 'glossary' },
  {
    id: 4,
    reportId: 1,
    position: 4,
    title: 'Letter',
    membersRoomOnly: false,
    kind: 'upload',
    file: { ...file, fileName: 'letter.pdf' },
  },
]

const view: ReportInContext = {
  meeting,
  committee: { id: 1, name: 'Children and Families Scrutiny Panel' },
  item,
  report,
  appendices,
}

describe('reportToJson', () => {
  it('gives every section of the cover sheet in the template’s order, paragraphs numbered on across sections', () => {
    const json = reportToJson(view, { canSeeMembersRoom: false, baseUrl: BASE })
    assert.equal(json.id, 1)
    assert.deepEqual(json.meeting, {
      id: 2,
      date: '2018-06-07',
      committee: { id: 1, name: 'Children and Families Scrutiny Panel' },
      url: `${BASE}/meetings/2`,
    })
    assert.deepEqual(json.agendaItem, {
      id: 17,
      number: 9,
      title: 'Children and Families - Performance',
      pages: { from: 7, to: 18 },
    })
    assert.equal(json.decisionMaker, 'Children and Families Scrutiny Panel')
    assert.equal(json.dateOfDecision, '2018-06-07')
    assert.equal(json.reportOf, 'Service Director – Legal and Governance')
    assert.deepEqual(json.contacts, [
      { role: 'Author', title: 'Scrutiny Manager', name: 'Mark Pirnie', phone: '023 8083 3886', email: null },
    ])
    assert.equal(json.confidentiality, 'None')
    assert.deepEqual(json.recommendations, [
      { number: '(i)', text: 'That the Panel consider the performance.' },
      { number: '(ii)', text: 'That the Panel note the overview.' },
    ])
    assert.deepEqual(json.reasons, [{ number: 1, text: 'To enable effective scrutiny.' }])
    assert.deepEqual(json.alternativeOptions, [{ number: 2, text: 'None.' }])
    assert.deepEqual(
      json.detail.map((p) => p.number),
      [3, 4],
    )
    assert.deepEqual(json.resourceImplications, [])
    assert.deepEqual(json.riskImplications, [{ number: 5, text: 'None.' }])
    assert.deepEqual(json.policyFrameworkImplications, [])
    assert.equal(json.keyDecision, true)
    assert.equal(json.wardsAffected, 'None')
    assert.deepEqual(json.membersRoomDocuments, ['Ofsted letter'])
    assert.equal(json.equalityImpactAssessment, true)
    assert.equal(json.dataProtectionImpactAssessment, false)
    assert.deepEqual(json.backgroundDocuments, ['Council Strategy 2016-2020'])
    assert.equal(json.url, `${BASE}/meetings/2/items/9`)
  })

  it('lists public appendices numbered 1, 2, 3… with where to download each, and no Members’ Room ones', () => {
    const json = reportToJson(view, { canSeeMembersRoom: false, baseUrl: BASE })
    assert.deepEqual(
      json.appendices.map((a) => [a.number, a.title, a.kind, a.url]),
      [
        [1, 'Dataset – April 2018', 'dataset-pack', `${BASE}/datasets/monthly/2018-04`],
        [2, 'Glossary of terms', 'glossary', `${BASE}/glossary`],
        [3, 'Letter', 'upload', `${BASE}/reports/appendices/4`],
      ],
    )
    assert.deepEqual(json.appendices[2], {
      id: 4,
      number: 3,
      title: 'Letter',
      kind: 'upload',
      membersRoomOnly: false,
      url: `${BASE}/reports/appendices/4`,
      fileName: 'letter.pdf',
      mediaType: 'application/pdf',
      byteSize: 2048,
      period: null,
    })
    assert.equal(json.appendices[0]?.period, '2018-04')
    assert.equal(json.appendices[0]?.fileName, null)
    assert.deepEqual(json.membersRoomAppendices, [])
    assert.doesNotMatch(JSON.stringify(json), /Case file audit|audit\.pdf|appendices\/2/)
  })

  it('lists Members’ Room appendices, numbered on their own, for those who may read them', () => {
    const json = reportToJson(view, { canSeeMembersRoom: true, baseUrl: BASE })
    assert.equal(json.appendices.length, 3)
    assert.deepEqual(
      json.membersRoomAppendices.map((a) => [a.number, a.title, a.membersRoomOnly, a.url]),
      [[1, 'Case file audit', true, `${BASE}/reports/appendices/2`]],
    )
  })

  describe('edge cases', () => {
    it('an item not yet in a built pack has null pages; a report with no appendices has empty lists', () => {
      const json = reportToJson(
        { ...view, item: { ...item, pages: null }, appendices: [] },
        { canSeeMembersRoom: true, baseUrl: BASE },
      )
      assert.equal(json.agendaItem.pages, null)
      assert.deepEqual(json.appendices, [])
      assert.deepEqual(json.membersRoomAppendices, [])
    })

    it('keeps markup literal: text is data, not HTML', () => {
      const text = '<img src=x onerror=alert(1)>'
      const json = reportToJson(
        { ...view, report: { ...report, briefSummary: text } },
        { canSeeMembersRoom: false, baseUrl: BASE },
      )
      assert.equal((JSON.parse(JSON.stringify(json)) as { briefSummary: string }).briefSummary, text)
    })

    it('a performance overview opens at the pack’s overview', () => {
      assert.equal(
        appendixPath({
          id: 9,
          reportId: 1,
          position: 1,
          title: 'Overview',
          membersRoomOnly: false,
          kind: 'performance-overview',
          datasetId: 'monthly',
          period: '2018-04',
        }),
        '/datasets/monthly/2018-04#overview',
      )
    })
  })
})

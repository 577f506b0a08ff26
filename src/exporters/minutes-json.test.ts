import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { Committee, Meeting } from '../domain/scrutiny/committee.ts'
import type { MeetingMinutes, Minutes } from '../domain/scrutiny/minutes.ts'
import { recommendationsOf } from '../domain/scrutiny/minutes.ts'
import { minutesToJson, resolvedLines } from './minutes-json.ts'

const BASE = 'https://papers.example.gov.uk'

const committee: Committee = {
  id: 1,
  slug: 'children-and-families',
  name: 'Children and Families Scrutiny Panel',
  purpose: '',
  termsOfReference: [],
  quorum: 3,
  publicInformation: { leadIn: null, sections: [] },
  members: [],
  contacts: [],
}
const march: Meeting = {
  id: 1,
  committeeId: 1,
  date: '2018-03-22',
  startTime: '17:30',
  venue: 'Civic Centre',
  status: 'held',
  notice: null,
}
const june: Meeting = { ...march, id: 2, date: '2018-06-07' }

function minutes(overrides: Partial<Minutes> = {}, approvedAt: Meeting | null = june): MeetingMinutes {
  return {
    committee,
    meeting: march,
    approvedAt,
    minutes: {
      id: 7,
      meetingId: 1,
      present: [
        { name: 'Keogh', kind: 'councillor', role: 'chair' },
        { name: 'Rob Sanders', kind: 'appointed', role: 'member' },
      ],
      apologies: [{ name: 'Burke', kind: 'councillor', role: 'member' }],
      officers: ['Hillary Brooks, Service Director, Children and Families'],
      declarations: ['Councillor Keogh declared a personal interest in minute 31.'],
      status: 'approved',
      approvedAtMeetingId: 2,
      approvedOn: '2018-06-07',
      items: [
        {
          id: 70,
          number: 29,
          agendaItemId: null,
          title: 'Apologies',
          paragraphs: ['The apologies of Councillor Burke were noted.'],
          resolved: null,
          inTheChair: null,
        },
        {
          id: 71,
          number: 32,
          agendaItemId: 17,
          title: 'Children and Families - Performance',
          paragraphs: ['The Panel noted that performance continued to improve.', 'Second paragraph.'],
          resolved: '(i) That the LAC indicator include court-directed children;\n(ii) That the Panel be updated.',
          inTheChair: 'Councillor Keogh in the chair',
        },
      ],
      ...overrides,
    },
  }
}

const RECOMMENDATION = {
  id: 12,
  number: 1,
  meetingId: 1 as number | null,
  title: 'Children and Families - Performance',
  text: '(i) That the LAC indicator include court-directed children;\n(ii) That the Panel be updated.',
}
const RECOMMENDATIONS = [RECOMMENDATION]

describe('minutesToJson', () => {
  it('gives approved minutes with the meeting that approved them, and every part of the heading', () => {
    const json = minutesToJson(minutes(), [], BASE)
    assert.equal(json.status, 'approved')
    assert.equal(json.statusText, 'Approved as a correct record')
    assert.deepEqual(json.approval, {
      approvedOn: '2018-06-07',
      meeting: { id: 2, date: '2018-06-07', url: `${BASE}/meetings/2` },
    })
    assert.deepEqual(json.meeting, { id: 1, date: '2018-03-22', url: `${BASE}/meetings/1` })
    assert.deepEqual(json.committee, { id: 1, name: 'Children and Families Scrutiny Panel' })
    assert.deepEqual(json.present[0], { name: 'Keogh', kind: 'councillor', role: 'chair' })
    assert.deepEqual(json.apologies, [{ name: 'Burke', kind: 'councillor', role: 'member' }])
    assert.deepEqual(json.officersInAttendance, ['Hillary Brooks, Service Director, Children and Families'])
    assert.deepEqual(json.declarations, ['Councillor Keogh declared a personal interest in minute 31.'])
    assert.equal(json.url, `${BASE}/meetings/1/minutes`)
  })

  it('marks draft minutes "subject to approval", with no approval', () => {
    const json = minutesToJson(
      minutes({ status: 'draft', approvedAtMeetingId: null, approvedOn: null }, null),
      [],
      BASE,
    )
    assert.equal(json.status, 'draft')
    assert.equal(json.statusText, 'Draft, subject to approval')
    assert.equal(json.approval, null)
  })

  it('numbers each minute, splits the RESOLVED decision into lines and links the recommendation it became', () => {
    const json = minutesToJson(minutes(), RECOMMENDATIONS, BASE)
    assert.deepEqual(json.items[0], {
      number: 29,
      title: 'Apologies',
      agendaItemId: null,
      inTheChair: null,
      paragraphs: ['The apologies of Councillor Burke were noted.'],
      resolved: null,
      recommendation: null,
      recommendations: [],
    })
    assert.equal(json.items[1]?.number, 32)
    assert.equal(json.items[1]?.agendaItemId, 17)
    assert.equal(json.items[1]?.inTheChair, 'Councillor Keogh in the chair')
    assert.deepEqual(json.items[1]?.resolved, [
      '(i) That the LAC indicator include court-directed children;',
      '(ii) That the Panel be updated.',
    ])
    assert.deepEqual(json.items[1]?.recommendation, { id: 12, url: `${BASE}/recommendations/12` })
    assert.deepEqual(json.items[1]?.recommendations, [{ id: 12, number: 1, url: `${BASE}/recommendations/12` }])
  })

  it('lists every recommendation a minute with numbered decisions became, in number order', () => {
    const made = [
      { ...RECOMMENDATION, id: 15, number: 2, text: 'That the Panel be updated.', minuteNumber: 32 },
      { ...RECOMMENDATION, id: 14, number: 1, text: 'That the LAC indicator include them', minuteNumber: 32 },
    ]
    const json = minutesToJson(minutes(), made, BASE)
    assert.deepEqual(json.items[1]?.recommendation, { id: 14, url: `${BASE}/recommendations/14` })
    assert.deepEqual(
      json.items[1]?.recommendations.map((r) => [r.number, r.url]),
      [
        [1, `${BASE}/recommendations/14`],
        [2, `${BASE}/recommendations/15`],
      ],
    )
  })

  describe('edge cases', () => {
    it('approved minutes whose approving meeting is gone keep the date, with no meeting', () => {
      const json = minutesToJson(minutes({}, null), [], BASE)
      assert.deepEqual(json.approval, { approvedOn: '2018-06-07', meeting: null })
    })

    it('minutes with no minutes yet, no apologies and no declarations give empty lists, not nulls', () => {
      const json = minutesToJson(minutes({ items: [], apologies: [], declarations: [], officers: [] }), [], BASE)
      assert.deepEqual(json.items, [])
      assert.deepEqual(json.apologies, [])
      assert.deepEqual(json.declarations, [])
      assert.deepEqual(json.officersInAttendance, [])
    })

    it('keeps text exactly as written: markup stays literal text, for the consumer to escape', () => {
      const text = '<script>alert("x")</script> & "quotes"'
      const [first] = minutes().minutes.items
      assert.ok(first)
      const json = minutesToJson(
        minutes({ declarations: [text], items: [{ ...first, title: text, paragraphs: [text] }] }),
        [],
        BASE,
      )
      assert.equal(json.declarations[0], text)
      assert.equal(json.items[0]?.title, text)
      const parsed = JSON.parse(JSON.stringify(json)) as { items: Array<{ paragraphs: string[] }> }
      assert.equal(parsed.items[0]?.paragraphs[0], text)
    })

    it('does not change the minutes it was given', () => {
      const view = minutes()
      const json = minutesToJson(view, [], BASE)
      json.officersInAttendance.push('Someone else')
      json.items[1]?.paragraphs.push('Added')
      assert.equal(view.minutes.officers.length, 1)
      assert.equal(view.minutes.items[1]?.paragraphs.length, 2)
    })
  })
})

describe('recommendationsOf', () => {
  // The first of them, or null: what the API's `recommendation` gives.
  const recommendationOf = (
    minute: Parameters<typeof recommendationsOf>[0],
    meetingId: number,
    recommendations: typeof RECOMMENDATIONS,
  ) => recommendationsOf(minute, meetingId, recommendations)[0] ?? null

  const item = { number: 7, title: 'Children and Families - Performance', resolved: RECOMMENDATION.text }

  it('finds the recommendation made from the minute: same meeting, title and text', () => {
    assert.equal(recommendationOf(item, 1, RECOMMENDATIONS)?.id, 12)
  })

  it('goes by the stored minute number when there is one, even after the text was corrected', () => {
    const stored = [{ ...RECOMMENDATION, minuteNumber: 7 }]
    assert.equal(recommendationOf({ ...item, resolved: 'That the Panel asks (corrected).' }, 1, stored)?.id, 12)
    assert.equal(recommendationOf({ ...item, number: 8 }, 1, stored), null)
  })

  describe('edge cases', () => {
    it('is null for another meeting, another title, changed text or a minute with no resolution', () => {
      assert.equal(recommendationOf(item, 2, RECOMMENDATIONS), null)
      assert.equal(recommendationOf({ ...item, title: 'Other' }, 1, RECOMMENDATIONS), null)
      assert.equal(recommendationOf({ ...item, resolved: 'That the Panel note it.' }, 1, RECOMMENDATIONS), null)
      assert.equal(recommendationOf({ ...item, resolved: null }, 1, RECOMMENDATIONS), null)
      assert.equal(recommendationOf(item, 1, [{ ...RECOMMENDATION, meetingId: null }]), null)
    })
  })
})

describe('resolvedLines', () => {
  it('splits a resolution into its lines, trimmed', () => {
    assert.deepEqual(resolvedLines(' (i) One;\r\n\n (ii) Two. '), ['(i) One;', '(ii) Two.'])
  })

  describe('edge cases', () => {
    it('is null for no resolution, or one of blank lines only', () => {
      assert.equal(resolvedLines(null), null)
      assert.equal(resolvedLines(' \n \n'), null)
    })
  })
})

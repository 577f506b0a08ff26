import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { Committee, Meeting } from '../domain/scrutiny/committee.ts'
import type { MeetingMinutes } from '../domain/scrutiny/minutes.ts'
import { minutesHtml } from './minutes-html.ts'

const committee: Committee = {
  id: 1,
  slug: 'children-and-families',
  name: 'Children and Families Scrutiny Panel',
  purpose: '',
  termsOfReference: [],
  quorum: 3,
  members: [],
  contacts: [],
}
const meeting: Meeting = {
  id: 1,
  committeeId: 1,
  date: '2018-03-22',
  startTime: '17:30',
  venue: 'Civic Centre',
  status: 'held',
  notice: null,
}
const june: Meeting = { ...meeting, id: 2, date: '2018-06-07' }

function minutes(overrides: Partial<MeetingMinutes['minutes']> = {}): MeetingMinutes {
  return {
    committee,
    meeting,
    approvedAt: june,
    minutes: {
      id: 1,
      meetingId: 1,
      present: [
        { name: 'Keogh', kind: 'councillor', role: 'chair' },
        { name: 'Taggart', kind: 'councillor', role: 'vice-chair' },
      ],
      apologies: [{ name: 'Rob Sanders', kind: 'appointed', role: 'member' }],
      officers: ['Hillary Brooks, Service Director, Children and Families'],
      declarations: [],
      status: 'approved',
      approvedAtMeetingId: 2,
      approvedOn: '2018-06-07',
      items: [
        {
          id: 1,
          number: 32,
          agendaItemId: null,
          title: 'Children and Families - Performance',
          paragraphs: ['The Panel noted that performance continued to improve overall.'],
          resolved: '(i) That the LAC indicator would include the number directed by the courts.',
          inTheChair: 'Councillor Keogh in the chair',
        },
      ],
      ...overrides,
    },
  }
}

describe('minutes as the document pack prints them', () => {
  it('heads the minutes with the committee and date, then present, apologies and numbered minutes', () => {
    const html = minutesHtml(minutes())
    assert.match(html, /<h2 class="govuk-heading-l">Children and Families Scrutiny Panel<\/h2>/)
    assert.match(html, /<h3 class="govuk-heading-m">Minutes of the meeting held on 22 March 2018<\/h3>/)
    assert.match(html, /Approved as a correct record at the meeting held on 7 June 2018/)
    assert.match(html, /<strong>Present:<\/strong> Councillors Keogh \(Chair\) and Taggart \(Vice-Chair\)/)
    assert.match(html, /<strong>Apologies:<\/strong> Rob Sanders/)
    assert.match(html, /<h4 class="govuk-heading-s">Officers in attendance<\/h4>/)
    assert.match(
      html,
      /COUNCILLOR KEOGH IN THE CHAIR[\s\S]*<h3 class="govuk-heading-m">32\. Children and Families - Performance<\/h3>/,
    )
    assert.match(html, /<strong>RESOLVED<\/strong> \(i\) That the LAC indicator/)
  })

  describe('edge cases', () => {
    it('escapes every piece of text and marks a draft', () => {
      const html = minutesHtml(
        minutes({
          status: 'draft',
          approvedAtMeetingId: null,
          approvedOn: null,
          officers: ['<script>alert(1)</script>'],
          items: [
            {
              id: 1,
              number: 1,
              agendaItemId: null,
              title: '<img src=x onerror=alert(1)>',
              paragraphs: ['"quoted" & <b>bold</b>'],
              resolved: 'that\n1) first\n2) second',
              inTheChair: null,
            },
          ],
        }),
      )
      assert.ok(!html.includes('<script>'))
      assert.ok(!html.includes('<img'))
      assert.match(html, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/)
      assert.match(html, /&quot;quoted&quot; &amp; &lt;b&gt;bold&lt;\/b&gt;/)
      assert.match(html, /Draft, subject to approval/)
      assert.match(
        html,
        /<strong>RESOLVED<\/strong> that<\/p>\n?<p class="govuk-body">1\) first<\/p><p class="govuk-body">2\) second<\/p>/,
      )
    })

    it('leaves out the sections a meeting did not have', () => {
      const html = minutesHtml(minutes({ apologies: [], officers: [], declarations: [], items: [] }))
      assert.ok(!html.includes('Apologies'))
      assert.ok(!html.includes('Officers in attendance'))
      assert.ok(!html.includes('Declarations'))
    })
  })
})

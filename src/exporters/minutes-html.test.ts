import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { GlossaryEntry } from '../domain/glossary.ts'
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
  publicInformation: { leadIn: null, sections: [] },
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
    assert.match(html, /<strong>Apologies:<\/strong> Appointed Member Rob Sanders/)
    assert.match(html, /<h4 class="govuk-heading-s">Officers in attendance<\/h4>/)
    assert.match(
      html,
      /COUNCILLOR KEOGH IN THE CHAIR[\s\S]*<h3 class="govuk-heading-m">32\. Children and Families - Performance<\/h3>/,
    )
    assert.match(html, /<strong>RESOLVED<\/strong> \(i\) That the LAC indicator/)
  })

  it('marks up acronyms as <abbr> (no link) at their first use in each minute, text and decision together', () => {
    const glossary: GlossaryEntry[] = [
      { term: 'Looked After Child', acronym: 'LAC', definition: 'x', source: null, slug: 'looked-after-child' },
      { term: 'Child Protection', acronym: 'CP', definition: 'x', source: null, slug: 'child-protection' },
    ]
    const item = {
      id: 1,
      number: 32,
      agendaItemId: null,
      title: 'LAC performance',
      paragraphs: ['The Panel noted LAC numbers.', 'LAC and CP visits were discussed.'],
      resolved: 'that\n1) the LAC indicator be revised; and\n2) CP visits be reported.',
      inTheChair: null,
    }
    const html = minutesHtml(minutes({ items: [item, { ...item, id: 2, number: 33 }] }), glossary)
    const abbr = (a: string, t: string) => `<abbr title="${t}">${a}</abbr>`
    const lac = abbr('LAC', 'Looked After Child')
    const cp = abbr('CP', 'Child Protection')
    assert.ok(
      html.includes(
        `<p class="govuk-body">The Panel noted ${lac} numbers.</p><p class="govuk-body">LAC and ${cp} visits were discussed.</p>`,
      ),
      html,
    )
    // Numbered decisions print "(i)", "(ii)" as the council's minutes do.
    assert.ok(html.includes('<p class="govuk-body">(i) the LAC indicator be revised; and</p>'))
    assert.ok(html.includes('<p class="govuk-body">(ii) CP visits be reported.</p>'))
    // The next minute explains them again; the titles stay plain; nothing links.
    assert.equal(html.split(lac).length - 1, 2)
    assert.match(html, /<h3 class="govuk-heading-m">33\. LAC performance<\/h3>/)
    assert.doesNotMatch(html, /href=/)
  })

  describe('edge cases', () => {
    it('marks up an acronym in a RESOLVED decision when the text does not use it', () => {
      const glossary: GlossaryEntry[] = [
        { term: 'Looked After Child', acronym: 'LAC', definition: 'x', source: null, slug: 'looked-after-child' },
      ]
      const html = minutesHtml(minutes(), glossary)
      assert.match(
        html,
        /<strong>RESOLVED<\/strong> \(i\) That the <abbr title="Looked After Child">LAC<\/abbr> indicator/,
      )
      assert.doesNotMatch(minutesHtml(minutes()), /<abbr/)
    })

    it('keeps a script inert next to an acronym', () => {
      const glossary: GlossaryEntry[] = [
        { term: 'Looked After Child', acronym: 'LAC', definition: 'x', source: null, slug: 'looked-after-child' },
      ]
      const html = minutesHtml(
        minutes({
          items: [
            {
              id: 1,
              number: 1,
              agendaItemId: null,
              title: 't',
              paragraphs: ['<script>alert("LAC")</script>'],
              resolved: '<img src=x onerror=alert(1)> LAC',
              inTheChair: null,
            },
          ],
        }),
        glossary,
      )
      assert.ok(!html.includes('<script>') && !html.includes('<img'))
      assert.match(
        html,
        /&lt;script&gt;alert\(&quot;<abbr title="Looked After Child">LAC<\/abbr>&quot;\)&lt;\/script&gt;/,
      )
      assert.match(html, /&lt;img src=x onerror=alert\(1\)&gt; LAC<\/p>/)
    })

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
        /<strong>RESOLVED<\/strong> that<\/p>\n?<p class="govuk-body">\(i\) first<\/p><p class="govuk-body">\(ii\) second<\/p>/,
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

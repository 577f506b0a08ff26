import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { Committee, Meeting } from '../../domain/scrutiny/committee.ts'
import type { MeetingMinutes, Minutes } from '../../domain/scrutiny/minutes.ts'
import { minutesFormValues, minutesLinkModel, minutesPageModel } from './minutes-pages.ts'

const committee: Committee = {
  id: 1,
  slug: 'cfsp',
  name: 'Children and Families Scrutiny Panel',
  purpose: '',
  termsOfReference: [],
  quorum: 3,
  publicInformation: { leadIn: null, sections: [] },
  members: [{ name: 'Taggart', kind: 'councillor', role: 'chair' }],
  contacts: [],
}
const meeting: Meeting = {
  id: 8,
  committeeId: 1,
  date: '2019-06-06',
  startTime: '17:30',
  venue: 'Civic Centre',
  status: 'held',
  notice: null,
}
const minutes: Minutes = {
  id: 1,
  meetingId: 8,
  present: [{ name: 'Taggart', kind: 'councillor', role: 'chair' }],
  apologies: [],
  officers: [],
  declarations: [],
  status: 'draft',
  approvedAtMeetingId: null,
  approvedOn: null,
  items: [
    {
      id: 1,
      number: 4,
      agendaItemId: null,
      title: 'Performance',
      paragraphs: ['Noted.'],
      resolved: 'that\n1) an overview be produced; and\n2) information be provided.',
      inTheChair: null,
    },
    {
      id: 2,
      number: 5,
      agendaItemId: null,
      title: 'Journey',
      paragraphs: ['Noted.'],
      resolved: null,
      inTheChair: null,
    },
  ],
}
const view: MeetingMinutes = { committee, meeting, minutes, approvedAt: null }
const july: Meeting = { ...meeting, id: 9, date: '2019-07-25' }

describe('the minutes page', () => {
  it('gives democratic services the forms for a draft, and splits numbered resolutions into lines', () => {
    const model = minutesPageModel(view, { canManage: true, approvingMeetings: [july], chosenMeeting: '9' })
    assert.equal(model.heading, 'Minutes of the meeting held on 6 June 2019')
    assert.equal(model.draft, true)
    assert.deepEqual(model.items[0]?.resolved, {
      first: [{ kind: 'text', text: 'that' }],
      rest: [
        [{ kind: 'text', text: '(i) an overview be produced; and' }],
        [{ kind: 'text', text: '(ii) information be provided.' }],
      ],
    })
    assert.equal(model.items[0]?.recommendationAction, '/meetings/8/minutes/items/4/recommendation')
    assert.equal(model.items[1]?.recommendationAction, null)
    assert.equal(model.items[0]?.editHref, '/meetings/8/minutes/items/4/edit')
    assert.deepEqual(model.manage?.approvingMeetings[1], { value: '9', text: '25 July 2019', selected: true })
  })

  it('gives everyone else the minutes alone', () => {
    const model = minutesPageModel(view, { canManage: false, approvingMeetings: [] })
    assert.equal(model.manage, null)
    assert.equal(model.items[0]?.editHref, null)
    assert.equal(model.items[0]?.recommendationAction, null)
    assert.equal(model.present, 'Councillor Taggart (Chair)')
  })

  it('marks up acronyms at their first use in each minute, its text and decision together', () => {
    const glossary = [
      { term: 'Looked After Child', acronym: 'LAC', definition: 'x', source: null, slug: 'looked-after-child' },
    ]
    const item = minutes.items[0]
    assert.ok(item)
    const lac = { kind: 'acronym', text: 'LAC', slug: 'looked-after-child', expansion: 'Looked After Child' }
    const withText = (paragraphs: string[], resolved: string | null) =>
      minutesPageModel(
        { ...view, minutes: { ...minutes, items: [{ ...item, paragraphs, resolved }] } },
        { canManage: false, approvingMeetings: [], glossary },
      ).items[0]
    const inText = withText(['LAC numbers.', 'More LAC.'], 'that\n1) LAC be reported.')
    assert.deepEqual(inText?.paragraphs, [
      [lac, { kind: 'text', text: ' numbers.' }],
      [{ kind: 'text', text: 'More LAC.' }],
    ])
    assert.deepEqual(inText?.resolved?.rest, [[{ kind: 'text', text: '(i) LAC be reported.' }]])
    const inDecision = withText(['Noted.'], 'that LAC be reported.')
    assert.deepEqual(inDecision?.resolved?.first, [
      { kind: 'text', text: 'that ' },
      lac,
      { kind: 'text', text: ' be reported.' },
    ])
  })

  describe('edge cases', () => {
    it('approved minutes cannot be edited even by democratic services, and say when they were approved', () => {
      const approved = {
        ...view,
        minutes: { ...minutes, status: 'approved' as const, approvedAtMeetingId: 9, approvedOn: '2019-07-25' },
        approvedAt: july,
      }
      const model = minutesPageModel(approved, { canManage: true, approvingMeetings: [], problems: [] })
      assert.equal(model.manage, null)
      assert.equal(model.items[0]?.editHref, null)
      assert.equal(model.approval?.text, 'Approved as a correct record at the meeting held on 25 July 2019')
      assert.equal(model.approval.href, '/meetings/9')
    })

    it('the meeting page links to minutes, to writing them, or to nothing', () => {
      assert.deepEqual(minutesLinkModel(8, minutes, false), {
        href: '/meetings/8/minutes',
        text: 'Minutes (draft, subject to approval)',
      })
      assert.deepEqual(minutesLinkModel(8, null, true), { href: '/meetings/8/minutes/edit', text: 'Write the minutes' })
      assert.equal(minutesLinkModel(8, null, false), null)
      // New minutes offer each of the committee's members, present to start with; others are typed in.
      assert.equal(minutesFormValues(null, committee)['attendance-0'], 'present')
      assert.equal(minutesFormValues(null, committee).present, '')
      // Older minutes kept only the printed lists: the members are read from them, anyone else stays as typed.
      const old = minutesFormValues(
        {
          ...minutes,
          present: [{ name: 'Burke', kind: 'councillor', role: 'member' }],
          apologies: [{ name: 'Taggart', kind: 'councillor', role: 'chair' }],
        },
        committee,
      )
      assert.equal(old['attendance-0'], 'apologies')
      assert.equal(old.present, 'Councillor Burke')
    })
  })
})

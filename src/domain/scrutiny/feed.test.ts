import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { londonInstant } from '../calendar/london-time.ts'
import type { Committee, Meeting } from './committee.ts'
import { feedItems, type FeedSources } from './feed.ts'
import { NO_PUBLIC_INFORMATION } from './public-information.ts'
import type { Recommendation } from './recommendations.ts'

const committee = (id: number, name: string): Committee => ({
  id,
  slug: name.toLowerCase().replace(/\W+/g, '-'),
  name,
  purpose: '',
  termsOfReference: [],
  quorum: 3,
  members: [],
  contacts: [],
  publicInformation: NO_PUBLIC_INFORMATION,
})
const panel = committee(1, 'Children and Families Scrutiny Panel')
const other = committee(2, 'Health Overview and Scrutiny Panel')
const meeting = (id: number, committeeId: number, date: string, status: Meeting['status'] = 'scheduled'): Meeting => ({
  id,
  committeeId,
  date,
  startTime: '17:30',
  venue: 'Conference Room 3 - Civic Centre',
  status,
  notice: null,
})
const recommendation: Recommendation = {
  id: 5,
  committeeId: 1,
  meetingId: 1,
  madeOn: '2018-03-22',
  title: 'Children and Families Performance',
  number: 1,
  text: 'That officers provide the sources of referrals.',
  leadOfficer: null,
  responseDue: '2018-05-21',
  status: 'completed',
  respondedOn: '2018-05-01',
  updates: [
    {
      id: 9,
      dated: '2018-05-01',
      text: 'Most referrals come from the Police.',
      status: 'completed',
      recordedBy: 'clerk',
      recordedAt: '2018-05-01T09:00:00.000Z',
    },
  ],
}

const sources: FeedSources = {
  meetings: [
    { meeting: meeting(1, 1, '2018-03-22', 'held'), committee: panel },
    { meeting: meeting(2, 1, '2018-06-07'), committee: panel },
    { meeting: meeting(3, 1, '2018-07-26', 'cancelled'), committee: panel },
    { meeting: meeting(4, 2, '2018-06-14'), committee: other },
  ],
  packs: [
    { meetingId: 2, version: 1, publishedAt: '2018-05-30T10:00:00.000Z', note: null },
    { meetingId: 2, version: 2, publishedAt: '2018-05-31T13:05:00.000Z', note: 'supplement: appendix 2 to item 9' },
    { meetingId: 4, version: 1, publishedAt: '2018-06-01T10:00:00.000Z', note: null },
  ],
  minutes: [{ meetingId: 1, status: 'approved', approvedOn: '2018-06-07' }],
  recommendations: [recommendation],
}

describe('the feeds’ items', () => {
  it('gives one committee its upcoming meetings, every pack version, minutes and responses, newest first', () => {
    const items = feedItems(sources, { committeeId: 1, today: '2018-06-01' })
    assert.deepEqual(
      items.map((i) => [i.kind, i.title, i.path, i.guid, i.published]),
      [
        [
          'meeting',
          'Meeting: Children and Families Scrutiny Panel, 7 June 2018 at 5.30 pm',
          '/meetings/2',
          '/meetings/2',
          '2018-06-07T16:30:00.000Z',
        ],
        [
          'minutes',
          'Minutes: Children and Families Scrutiny Panel, 22 March 2018',
          '/meetings/1/minutes',
          '/meetings/1/minutes#approved',
          '2018-06-07T00:00:00.000Z',
        ],
        [
          'document-pack',
          'Document pack (version 2): Children and Families Scrutiny Panel, 7 June 2018',
          '/meetings/2',
          '/meetings/2/pack.pdf#version-2',
          '2018-05-31T13:05:00.000Z',
        ],
        [
          'document-pack',
          'Document pack: Children and Families Scrutiny Panel, 7 June 2018',
          '/meetings/2',
          '/meetings/2/pack.pdf#version-1',
          '2018-05-30T10:00:00.000Z',
        ],
        [
          'response',
          'Response: Children and Families Performance (recommendation of 22 March 2018)',
          '/recommendations/5',
          '/recommendations/5#update-9',
          '2018-05-01T09:00:00.000Z',
        ],
      ],
    )
    assert.equal(
      items[2]?.description,
      'The Public Document Pack for the meeting of Children and Families Scrutiny Panel, 7 June 2018, version 2: supplement: appendix 2 to item 9.',
    )
    assert.equal(items[4]?.description, 'Most referrals come from the Police.')
  })

  it('leaves out past and cancelled meetings, and other committees’ items; the feed of all has them', () => {
    const panelOnly = feedItems(sources, { committeeId: 1, today: '2018-06-08' })
    assert.ok(!panelOnly.some((i) => i.kind === 'meeting'))
    assert.ok(!panelOnly.some((i) => i.path === '/meetings/4'))
    const all = feedItems(sources, { committeeId: null, today: '2018-06-01' })
    assert.deepEqual(
      all.filter((i) => i.kind === 'meeting').map((i) => i.path),
      ['/meetings/4', '/meetings/2'],
    )
    assert.equal(all.filter((i) => i.kind === 'document-pack').length, 3)
  })

  it('dates draft minutes by their meeting and gives approval a new guid', () => {
    const draft = feedItems(
      { ...sources, minutes: [{ meetingId: 2, status: 'draft', approvedOn: null }] },
      { committeeId: 1, today: '2019-01-01' },
    ).find((i) => i.kind === 'minutes')
    assert.equal(draft?.title, 'Draft minutes: Children and Families Scrutiny Panel, 7 June 2018')
    assert.equal(draft?.guid, '/meetings/2/minutes#draft')
    assert.equal(draft?.published, '2018-06-07T00:00:00.000Z')
  })

  it('holds at most the limit', () => {
    assert.equal(feedItems(sources, { committeeId: null, today: '2018-01-01', limit: 2 }).length, 2)
  })
})

describe('londonInstant', () => {
  it('reads a London wall-clock time in summer and winter time', () => {
    assert.equal(londonInstant('2018-06-07', '17:30'), '2018-06-07T16:30:00.000Z')
    assert.equal(londonInstant('2018-03-22', '17:30'), '2018-03-22T17:30:00.000Z')
    // The days the clocks change.
    assert.equal(londonInstant('2018-03-25', '12:00'), '2018-03-25T11:00:00.000Z')
    assert.equal(londonInstant('2018-10-28', '12:00'), '2018-10-28T12:00:00.000Z')
  })
})

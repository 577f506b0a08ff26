import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  countProgress,
  earliestMeetingDay,
  isSignedOff,
  monthMeeting,
  progressByOwner,
  progressOf,
  type CarryingItem,
} from './month-cycle.ts'
import type { Meeting } from './scrutiny/committee.ts'

function meeting(id: number, date: string, status: Meeting['status'] = 'scheduled', startTime = '17:30'): Meeting {
  return { id, committeeId: 1, date, startTime, venue: 'Civic Centre', status, notice: null }
}

describe('where a piece of writing is', () => {
  it('tells a returned draft from a plain one, and takes the other statuses as they are', () => {
    assert.equal(progressOf(null), 'not-started')
    assert.equal(progressOf({ status: 'draft', returnedAt: null }), 'draft')
    assert.equal(progressOf({ status: 'draft', returnedAt: '2018-05-10T09:00:00Z' }), 'returned')
    assert.equal(progressOf({ status: 'submitted', returnedAt: '2018-05-10T09:00:00Z' }), 'submitted')
    assert.equal(progressOf({ status: 'approved', returnedAt: null }), 'approved')
    assert.equal(progressOf({ status: 'published', returnedAt: null }), 'published')
    assert.ok(isSignedOff('approved') && isSignedOff('published'))
    assert.ok(!isSignedOff('submitted') && !isSignedOff('returned'))
  })

  it('counts every step, zero where there are none', () => {
    assert.deepEqual(countProgress(['draft', 'draft', 'approved', 'not-started']), {
      'not-started': 1,
      draft: 2,
      returned: 0,
      submitted: 0,
      approved: 1,
      published: 0,
    })
  })

  it('groups by linked account, never by name: an unlinked label is its own group, no owner last', () => {
    const jane = { id: 7, name: 'Jane White' }
    const groups = progressByOwner([
      { indicatorId: 'a', owner: 'Phil Bullingham', progress: 'approved' },
      { indicatorId: 'b', owner: '', progress: 'not-started' },
      { indicatorId: 'c', owner: ' jane  white ', account: jane, progress: 'draft' },
      { indicatorId: 'd', owner: 'Jane White', account: jane, progress: 'returned' },
      { indicatorId: 'e', owner: 'Jane White', account: null, progress: 'not-started' },
    ])
    assert.deepEqual(
      groups.map((g) => [g.owner, g.linked, g.indicatorIds, g.counts.draft, g.counts.returned, g.counts.approved]),
      [
        ['Jane White', true, ['c', 'd'], 1, 1, 0],
        ['Jane White', false, ['e'], 0, 0, 0],
        ['Phil Bullingham', false, ['a'], 0, 0, 1],
        ['', false, ['b'], 0, 0, 0],
      ],
    )
  })
})

describe('the meeting a month goes to', () => {
  const carrying = (m: Meeting, position = 9): CarryingItem => ({ meeting: m, position, title: 'Performance' })

  it('is the earliest meeting whose agenda carries the month, even one already held', () => {
    const june = meeting(2, '2018-06-07', 'held')
    const july = meeting(3, '2018-07-26')
    const chosen = monthMeeting('2018-04', '2026-12-06', [carrying(july, 4), carrying(june)], [july])
    assert.deepEqual(chosen, { rule: 'on-agenda', meeting: june, item: { position: 9, title: 'Performance' } })
  })

  it('passes over a cancelled meeting that carried it, to the next scheduled one', () => {
    const cancelled = meeting(2, '2018-06-07', 'cancelled')
    const july = meeting(3, '2018-07-26')
    assert.deepEqual(monthMeeting('2018-04', '2018-05-14', [carrying(cancelled)], [cancelled, july]), {
      rule: 'next-scheduled',
      meeting: july,
    })
  })

  it('otherwise is the next scheduled meeting after the month has ended and not before today', () => {
    const may3 = meeting(1, '2018-05-03')
    const june = meeting(2, '2018-06-07')
    const held = meeting(3, '2018-05-20', 'held')
    // Before the month ends, a meeting in the month cannot take its figures.
    assert.equal(monthMeeting('2018-05', '2018-05-01', [], [may3, june])?.meeting, june)
    // After it ends, the next from today: 14 May passes over 3 May and a meeting already held.
    assert.equal(monthMeeting('2018-04', '2018-05-14', [], [june, may3, held])?.meeting, june)
    assert.equal(monthMeeting('2018-04', '2018-05-02', [], [june, may3])?.meeting, may3)
    assert.equal(monthMeeting('2018-04', '2018-06-08', [], [june, may3]), null)
  })

  describe('edge cases', () => {
    it('takes the earlier of two meetings on one day by start time', () => {
      const evening = meeting(5, '2018-06-07', 'scheduled', '17:30')
      const morning = meeting(6, '2018-06-07', 'scheduled', '10:00')
      assert.equal(monthMeeting('2018-04', '2018-05-01', [], [evening, morning])?.meeting, morning)
    })

    it('counts from the day after the month ends, or today when later, across a year end', () => {
      assert.equal(earliestMeetingDay('2018-12', '2018-12-20'), '2019-01-01')
      assert.equal(earliestMeetingDay('2018-02', '2018-03-15'), '2018-03-15')
      assert.equal(earliestMeetingDay('2018-02', '2018-03-01'), '2018-03-01')
    })
  })
})

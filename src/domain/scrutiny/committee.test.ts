import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  meetingProblems,
  meetingTime,
  memberLabel,
  pageReference,
  previousMeeting,
  STANDARD_ITEMS,
} from './committee.ts'

describe('the committee and its meetings', () => {
  it('labels members as the front sheet does', () => {
    assert.equal(memberLabel({ name: 'Taggart', kind: 'councillor', role: 'chair' }), 'Councillor Taggart (Chair)')
    assert.equal(memberLabel({ name: 'J Baillie', kind: 'councillor', role: 'member' }), 'Councillor J Baillie')
    assert.equal(memberLabel({ name: 'Catherine Hobbs', kind: 'appointed', role: 'member' }), 'Catherine Hobbs')
    assert.equal(
      memberLabel({ name: 'Mitchell', kind: 'councillor', role: 'vice-chair' }),
      'Councillor Mitchell (Vice-Chair)',
    )
  })

  it('prints page references and times as the agenda does', () => {
    assert.equal(pageReference({ from: 7, to: 18 }), '(Pages 7 - 18)')
    assert.equal(pageReference({ from: 5, to: 5 }), '(Page 5)')
    assert.equal(meetingTime('17:30'), '5.30 pm')
    assert.equal(meetingTime('09:05'), '9.05 am')
  })

  it('has the standard items of the seeds in the order they are taken', () => {
    assert.deepEqual(Object.keys(STANDARD_ITEMS).slice(0, 3), [
      'election-of-vice-chair',
      'apologies',
      'disclosure-of-interests',
    ])
  })

  it('accepts a well-formed meeting', () => {
    assert.deepEqual(meetingProblems({ date: '2018-06-07', startTime: '17:30', venue: 'Conference Room 3' }), [])
  })

  describe('edge cases', () => {
    it('refuses an impossible date, a time that is not HH:MM, a blank venue and an unknown status', () => {
      const problems = meetingProblems({ date: '2018-02-30', startTime: '5.30pm', venue: '  ', status: 'maybe' })
      assert.deepEqual(
        problems.map((p) => p.field),
        ['date', 'startTime', 'venue', 'status'],
      )
      assert.equal(meetingProblems({ date: '2018-06-07', startTime: '24:00', venue: 'x' })[0]?.field, 'startTime')
    })

    it('midnight and noon', () => {
      assert.equal(meetingTime('00:00'), '12.00 am')
      assert.equal(meetingTime('12:00'), '12.00 pm')
      assert.equal(pageReference(null), '')
    })
  })
})

describe('previousMeeting', () => {
  const meetings = [
    { id: 1, date: '2018-03-22', status: 'held' as const },
    { id: 2, date: '2018-05-01', status: 'cancelled' as const },
    { id: 3, date: '2018-06-07', status: 'scheduled' as const },
  ]

  it('is the last meeting before the date that was not cancelled', () => {
    assert.equal(previousMeeting(meetings, '2018-06-07')?.id, 1)
    assert.equal(previousMeeting(meetings, '2018-07-26')?.id, 3)
  })

  describe('edge cases', () => {
    it('is undefined when there is none, and never the meeting on the date itself', () => {
      assert.equal(previousMeeting(meetings, '2018-03-22'), undefined)
      assert.equal(previousMeeting([], '2018-03-22'), undefined)
    })
  })
})

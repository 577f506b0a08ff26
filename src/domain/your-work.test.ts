import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { Meeting } from './scrutiny/committee.ts'
import { awaitingSignOff, commentaryToDo, monthInPreparation, nextMeeting } from './your-work.ts'

const meeting = (id: number, date: string, status: Meeting['status'] = 'scheduled', startTime = '17:30'): Meeting => ({
  id,
  committeeId: 1,
  date,
  startTime,
  venue: 'Civic Centre',
  status,
  notice: null,
})

describe('what waits for a signed-in person', () => {
  it('prepares the newest month with figures until it is published', () => {
    assert.equal(monthInPreparation(['2018-05', '2018-04', '2018-06'], ['2018-04']), '2018-06')
    assert.equal(monthInPreparation(['2018-04', '2018-05'], ['2018-05']), null)
    assert.equal(monthInPreparation([], []), null)
  })

  it('counts only the owner’s own commentary: not started and drafts to write, returned apart', () => {
    const lines = [
      { accountId: 4, progress: 'not-started' as const },
      { accountId: 4, progress: 'draft' as const },
      { accountId: 4, progress: 'returned' as const },
      { accountId: 4, progress: 'submitted' as const },
      { accountId: 4, progress: 'approved' as const },
      { accountId: 5, progress: 'not-started' as const },
      { accountId: null, progress: 'not-started' as const },
    ]
    assert.deepEqual(commentaryToDo(lines, 4), { toWrite: 2, returned: 1 })
    assert.deepEqual(commentaryToDo(lines, 6), { toWrite: 0, returned: 0 })
  })

  it('counts submitted writing as awaiting sign-off', () => {
    assert.equal(awaitingSignOff(['submitted', 'returned', 'submitted', 'approved', 'not-started']), 2)
  })

  it('finds the next meeting that is not cancelled, today included', () => {
    const meetings = [
      meeting(1, '2019-09-26'),
      meeting(2, '2019-09-12', 'cancelled'),
      meeting(3, '2019-09-10', 'held'),
      meeting(4, '2019-09-26', 'scheduled', '10:00'),
      meeting(5, '2019-09-01'),
    ]
    assert.equal(nextMeeting(meetings, '2019-09-10')?.id, 3)
    assert.equal(nextMeeting(meetings, '2019-09-11')?.id, 4)
    assert.equal(nextMeeting(meetings, '2019-09-27'), null)
  })
})

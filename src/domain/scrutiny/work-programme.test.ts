import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { moveProblem, workProgrammeDetails } from './work-programme.ts'

describe('the work programme', () => {
  const input = { title: ' Young Inspectors ', purpose: 'To hear about it', leadOfficer: '', meeting: '', month: '' }

  it('plans an item for one of the committee’s meetings or for a month', () => {
    const forMeeting = workProgrammeDetails({ ...input, meeting: '12', month: '2019-09' }, [12])
    assert.deepEqual(forMeeting.ok && forMeeting.value, {
      title: 'Young Inspectors',
      purpose: 'To hear about it',
      leadOfficer: '',
      meetingId: 12,
      plannedMonth: null,
    })
    const forMonth = workProgrammeDetails({ ...input, month: '2019-09' }, [])
    assert.equal(forMonth.ok && forMonth.value.plannedMonth, '2019-09')
    const neither = workProgrammeDetails({ ...input, title: '', purpose: '' }, [])
    assert.deepEqual(!neither.ok && neither.problems.map((p) => p.field), ['title', 'purpose', 'meeting'])
    const wrong = workProgrammeDetails({ ...input, meeting: '13', month: '2019-13' }, [12])
    assert.deepEqual(!wrong.ok && wrong.problems.map((p) => p.field), ['meeting', 'month'])
  })

  it('moves only a planned or deferred item with a meeting that was not cancelled', () => {
    assert.equal(moveProblem({ status: 'planned', meetingId: 1 }, { status: 'scheduled' }), null)
    assert.equal(moveProblem({ status: 'deferred', meetingId: 1 }, { status: 'scheduled' }), null)
    assert.equal(
      moveProblem({ status: 'on-agenda', meetingId: 1 }, { status: 'scheduled' }),
      'The item is already on an agenda',
    )
    assert.equal(
      moveProblem({ status: 'planned', meetingId: null }, null),
      'Choose the meeting the item is planned for first',
    )
    assert.match(moveProblem({ status: 'planned', meetingId: 1 }, { status: 'cancelled' }) ?? '', /cancelled/)
  })
})

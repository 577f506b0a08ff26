import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { changeProblem, deferral, editedDetails, moveProblem, workProgrammeDetails } from './work-programme.ts'

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

  it('changes, defers, marks done and puts back to planned only where an item stands allows it', () => {
    for (const change of ['edit', 'defer', 'done', 'replan'] as const) {
      assert.equal(changeProblem('done', change), 'The item is done: it can no longer be changed')
    }
    assert.equal(changeProblem('planned', 'edit'), null)
    assert.equal(changeProblem('on-agenda', 'edit'), null)
    assert.equal(changeProblem('planned', 'defer'), null)
    assert.equal(changeProblem('deferred', 'defer'), null)
    assert.match(changeProblem('on-agenda', 'defer') ?? '', /on an agenda: it can be changed or marked done/)
    assert.equal(changeProblem('on-agenda', 'done'), null)
    assert.equal(changeProblem('planned', 'done'), null)
    assert.equal(changeProblem('deferred', 'replan'), null)
    assert.equal(changeProblem('planned', 'replan'), 'Only a deferred item can be put back to planned')
    assert.equal(changeProblem('on-agenda', 'replan'), 'Only a deferred item can be put back to planned')
  })

  it('keeps a passed meeting as a choice when editing, and an item on an agenda keeps its meeting', () => {
    const kept = editedDetails({ status: 'planned', meetingId: 4 }, { ...input, meeting: '4' }, [7])
    assert.equal(kept.ok && kept.value.meetingId, 4)
    const moved = editedDetails({ status: 'on-agenda', meetingId: 4 }, { ...input, meeting: '7' }, [7])
    assert.deepEqual(!moved.ok && moved.problems, [
      { field: 'meeting', message: 'The item is on that meeting’s agenda: its meeting cannot change' },
    ])
    const retitled = editedDetails({ status: 'on-agenda', meetingId: 4 }, { ...input, title: 'New', meeting: '4' }, [])
    assert.equal(retitled.ok && retitled.value.title, 'New')
    const done = editedDetails({ status: 'done', meetingId: 4 }, { ...input, meeting: '4' }, [4])
    assert.equal(!done.ok && done.problems[0]?.field, 'status')
    const blank = editedDetails({ status: 'planned', meetingId: null }, { ...input, title: ' ', month: '2019-09' }, [])
    assert.deepEqual(!blank.ok && blank.problems.map((p) => p.field), ['title'])
  })

  it('defers an item to a different meeting to come or month, with an optional reason', () => {
    const planned = { status: 'planned' as const, meetingId: 4, plannedMonth: null }
    const toMonth = deferral(planned, { meeting: '', month: '2019-11', reason: '  Awaiting the Ofsted letter ' }, [4])
    assert.deepEqual(toMonth.ok && toMonth.value, {
      meetingId: null,
      plannedMonth: '2019-11',
      reason: 'Awaiting the Ofsted letter',
    })
    const toMeeting = deferral(planned, { meeting: '9', month: '', reason: '' }, [4, 9])
    assert.deepEqual(toMeeting.ok && toMeeting.value, { meetingId: 9, plannedMonth: null, reason: null })
    const same = deferral(planned, { meeting: '4', month: '', reason: '' }, [4, 9])
    assert.equal(!same.ok && same.problems[0]?.message, 'Choose a different meeting or month from the one planned now')
    const nothing = deferral(planned, { meeting: '', month: '', reason: 'x'.repeat(1001) }, [4])
    assert.deepEqual(!nothing.ok && nothing.problems.map((p) => p.field), ['meeting', 'reason'])
    const past = deferral(planned, { meeting: '3', month: 'Nov', reason: '' }, [4])
    assert.deepEqual(!past.ok && past.problems.map((p) => p.field), ['meeting', 'month'])
    const onAgenda = deferral({ ...planned, status: 'on-agenda' }, { meeting: '9', month: '', reason: '' }, [9])
    assert.equal(!onAgenda.ok && onAgenda.problems[0]?.field, 'status')
  })
})

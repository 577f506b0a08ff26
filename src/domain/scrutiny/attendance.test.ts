import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { attendanceFromLists, attendanceTable, memberAttendance, othersOf } from './attendance.ts'
import type { CommitteeMember } from './committee.ts'
import { attendanceLine, attendee, minutesDetails } from './minutes.ts'

const panel: CommitteeMember[] = [
  { name: 'Keogh', kind: 'councillor', role: 'chair' },
  { name: 'Taggart', kind: 'councillor', role: 'vice-chair' },
  { name: 'Murphy', kind: 'councillor', role: 'member' },
  { name: 'Rob Sanders', kind: 'appointed', role: 'member' },
]

describe('attendance member by member', () => {
  it('prints the lists as the council does, a substitute among those present', () => {
    const checked = memberAttendance(panel, [
      { attendance: 'present', substitute: '' },
      { attendance: 'present', substitute: '' },
      { attendance: 'substituted', substitute: ' Councillor Burke ' },
      { attendance: 'apologies', substitute: '' },
    ])
    assert.ok(checked.ok)
    const details = minutesDetails(
      { present: 'Councillor Laurent', apologies: '', officers: '', declarations: '' },
      checked.value,
    )
    assert.ok(details.ok)
    assert.equal(
      attendanceLine(details.value.present),
      'Councillors Keogh (Chair), Taggart (Vice-Chair), Burke (substitute for Councillor Murphy) and Laurent',
    )
    assert.equal(attendanceLine(details.value.apologies), 'Councillor Murphy; and Appointed Member Rob Sanders')
    assert.equal(details.value.attendance?.[2]?.substitute, 'Councillor Burke')
    // What was typed in stays apart from the members when the form is shown again.
    assert.deepEqual(othersOf(checked.value, details.value.present, details.value.apologies), {
      present: [attendee('Councillor Laurent')],
      apologies: [],
    })
  })

  it('refuses a missing choice or a substitute without a name, per member', () => {
    const checked = memberAttendance(panel.slice(0, 2), [
      { attendance: '', substitute: '' },
      { attendance: 'substituted', substitute: ' ' },
    ])
    assert.deepEqual(!checked.ok && checked.problems, [
      { index: 0, message: 'Choose whether Councillor Keogh was present, sent apologies or was absent' },
      { index: 1, message: 'Enter who substituted for Councillor Taggart' },
    ])
  })

  it('needs someone present: a member or someone typed in', () => {
    const none = memberAttendance(panel.slice(0, 1), [{ attendance: 'absent', substitute: '' }])
    assert.ok(none.ok)
    const details = minutesDetails({ present: '', apologies: '', officers: '', declarations: '' }, none.value)
    assert.equal(!details.ok && details.problems[0]?.message, 'Choose the members who were present, or enter who was')
  })

  it('reads older minutes from their printed lists', () => {
    const read = attendanceFromLists(
      panel,
      [attendee('Councillor Keogh (Chair)'), attendee('Councillor Laurent')],
      [attendee('Rob Sanders')],
    )
    assert.deepEqual(
      read.attendance.map((a) => a.attendance),
      ['present', 'absent', 'absent', 'apologies'],
    )
    assert.deepEqual(
      read.others.present.map((m) => m.name),
      ['Laurent'],
    )
  })
})

describe('the committee attendance table', () => {
  it('lists the year’s minuted meetings and each member’s attendance, with attended of expected', () => {
    const at = (meetingId: number, date: string, name: string, attendance: 'present' | 'apologies' | 'absent') => ({
      meetingId,
      date,
      name,
      kind: 'councillor' as const,
      attendance,
    })
    const table = attendanceTable(
      [
        at(1, '2018-03-22', 'Keogh', 'present'),
        at(3, '2019-07-25', 'Taggart', 'apologies'),
        at(2, '2019-06-06', 'Taggart', 'present'),
        at(2, '2019-06-06', 'Chaloner', 'present'),
      ],
      '2019-20',
    )
    assert.deepEqual(
      table.meetings.map((m) => m.date),
      ['2019-06-06', '2019-07-25'],
    )
    assert.deepEqual(table.members, [
      { name: 'Taggart', kind: 'councillor', cells: ['present', 'apologies'], attended: 1, expected: 2 },
      { name: 'Chaloner', kind: 'councillor', cells: ['present', null], attended: 1, expected: 1 },
    ])
  })
})

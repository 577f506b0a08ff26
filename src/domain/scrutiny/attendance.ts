/**
 * Attendance at a meeting, member by member. The minutes form offers each of the committee's members as a choice
 * (present, apologies, apologies with a substitute, absent) rather than free text, so the attendance can be counted
 * for each member; the printed minutes still read as the council's do (seed 001): "Present: Councillors Keogh
 * (Chair), Taggart (Vice-Chair), Murphy…", "Apologies: …". Absences are recorded but not printed, as the council's
 * minutes do not print them.
 */
import { municipalYearOf, type MunicipalYear } from '../calendar/municipal-year.ts'
import { memberLabel, type CommitteeMember } from './committee.ts'

export const ATTENDANCE = ['present', 'apologies', 'substituted', 'absent'] as const
export type Attendance = (typeof ATTENDANCE)[number]

/** One committee member's attendance at one meeting. */
export interface MemberAttendance {
  name: string
  kind: CommitteeMember['kind']
  /** The member's office on the committee at the meeting: chair, vice-chair or member. */
  role: CommitteeMember['role']
  attendance: Attendance
  /** Who attended in the member's place, as typed ("Councillor Burke"); only when `attendance` is substituted. */
  substitute: string | null
}

/** What the form sends for one member, in the order of the committee's members. */
export interface MemberAttendanceInput {
  attendance: string
  substitute: string
}

export interface AttendanceProblem {
  /** The member's place in the committee's list, from 0, for the form's field ids. */
  index: number
  message: string
}

/**
 * Checks the choice made for each of the committee's members: one of the four, and a substitute's name when the
 * member sent one.
 * @example memberAttendance([{ name: 'Keogh', kind: 'councillor', role: 'chair' }], [{ attendance: 'present', substitute: '' }]) // { ok: true, value: [{ name: 'Keogh', …, attendance: 'present', substitute: null }] }
 */
export function memberAttendance(
  members: readonly CommitteeMember[],
  input: readonly MemberAttendanceInput[],
): { ok: true; value: MemberAttendance[] } | { ok: false; problems: AttendanceProblem[] } {
  const problems: AttendanceProblem[] = []
  const value: MemberAttendance[] = []
  members.forEach((member, index) => {
    const chosen = input[index]?.attendance ?? ''
    const substitute = (input[index]?.substitute ?? '').trim()
    const label = memberLabel({ ...member, role: 'member' })
    if (!(ATTENDANCE as readonly string[]).includes(chosen)) {
      problems.push({ index, message: `Choose whether ${label} was present, sent apologies or was absent` })
      return
    }
    const attendance = chosen as Attendance
    if (attendance === 'substituted' && substitute === '') {
      problems.push({ index, message: `Enter who substituted for ${label}` })
      return
    }
    if (substitute.length > 300) {
      problems.push({ index, message: 'The substitute’s name must be 300 characters or fewer' })
      return
    }
    value.push({
      name: member.name,
      kind: member.kind,
      role: member.role === 'substitute' ? 'member' : member.role,
      attendance,
      substitute: attendance === 'substituted' ? substitute : null,
    })
  })
  return problems.length > 0 ? { ok: false, problems } : { ok: true, value }
}

const sameMember = (a: Pick<CommitteeMember, 'name' | 'kind'>, b: Pick<CommitteeMember, 'name' | 'kind'>) =>
  a.name.toLowerCase() === b.name.toLowerCase() && a.kind === b.kind

/**
 * Minutes written before attendance was kept member by member hold only the printed lists: read each of the
 * committee's members from them (named as present, named in apologies, or absent); anyone else named stays in the
 * lists of others, as typed.
 * @example attendanceFromLists([{ name: 'Keogh', kind: 'councillor', role: 'chair' }], [{ name: 'Keogh', kind: 'councillor', role: 'chair' }], []).attendance[0].attendance // 'present'
 */
export function attendanceFromLists(
  members: readonly CommitteeMember[],
  present: readonly CommitteeMember[],
  apologies: readonly CommitteeMember[],
): { attendance: MemberAttendance[]; others: { present: CommitteeMember[]; apologies: CommitteeMember[] } } {
  const attendance = members.map((m): MemberAttendance => {
    const chosen: Attendance = present.some((p) => sameMember(p, m))
      ? 'present'
      : apologies.some((p) => sameMember(p, m))
        ? 'apologies'
        : 'absent'
    return { name: m.name, kind: m.kind, role: m.role, attendance: chosen, substitute: null }
  })
  return {
    attendance,
    others: {
      present: present.filter((p) => !members.some((m) => sameMember(p, m))),
      apologies: apologies.filter((p) => !members.some((m) => sameMember(p, m))),
    },
  }
}

/** Those of the printed lists that are not among the recorded members' attendance: the others typed in. */
export function othersOf(
  attendance: readonly MemberAttendance[],
  present: readonly CommitteeMember[],
  apologies: readonly CommitteeMember[],
): { present: CommitteeMember[]; apologies: CommitteeMember[] } {
  const recorded = (p: CommitteeMember) => attendance.some((a) => sameMember(p, a)) || p.substituteFor !== undefined
  return { present: present.filter((p) => !recorded(p)), apologies: apologies.filter((p) => !recorded(p)) }
}

/** A committee's attendance for one municipal year: its minuted meetings, and each member's attendance at them. */
export interface AttendanceTable {
  year: MunicipalYear
  meetings: Array<{ meetingId: number; date: string }>
  members: Array<{
    name: string
    kind: CommitteeMember['kind']
    /** One per meeting, in the meetings' order; null where the minutes do not list the member. */
    cells: Array<Attendance | null>
    attended: number
    expected: number
  }>
}

/**
 * The committee attendance table of a municipal year from its recorded attendance: members in the order the
 * minutes first list them, meetings in date order; a member is expected at each meeting whose minutes list them.
 * @example attendanceTable([{ meetingId: 1, date: '2019-06-06', name: 'Taggart', kind: 'councillor', attendance: 'present', … }], '2019-20').members[0].attended // 1
 */
export function attendanceTable(
  records: readonly (Pick<MemberAttendance, 'name' | 'kind' | 'attendance'> & { meetingId: number; date: string })[],
  year: MunicipalYear,
): AttendanceTable {
  const inYear = records.filter((r) => municipalYearOf(r.date) === year)
  const meetings: AttendanceTable['meetings'] = []
  for (const r of inYear) {
    if (!meetings.some((m) => m.meetingId === r.meetingId)) meetings.push({ meetingId: r.meetingId, date: r.date })
  }
  meetings.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))
  const members: AttendanceTable['members'] = []
  for (const r of inYear) {
    let row = members.find((m) => m.name === r.name && m.kind === r.kind)
    if (row === undefined) {
      row = { name: r.name, kind: r.kind, cells: meetings.map(() => null), attended: 0, expected: 0 }
      members.push(row)
    }
    row.cells[meetings.findIndex((m) => m.meetingId === r.meetingId)] = r.attendance
    row.expected += 1
    if (r.attendance === 'present') row.attended += 1
  }
  return { year, meetings, members }
}

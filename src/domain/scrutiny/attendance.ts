/**
 * Attendance at a meeting, member by member. The minutes form offers each of the committee's members as a choice
 * (present, apologies, apologies with a substitute, absent) rather than free text, so the attendance can be counted
 * for each member; the printed minutes still read as the council's do (seed 001): "Present: Councillors Keogh
 * (Chair), Taggart (Vice-Chair), Murphy…", "Apologies: …". Absences are recorded but not printed, as the council's
 * minutes do not print them.
 */
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

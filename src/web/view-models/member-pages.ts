/**
 * Members' pages: `/members` (every member) and `/members/{slug}` (committees and offices with dates, attendance per
 * municipal year, the meetings, substitutions, declarations made at meetings and the register of interests), and the
 * form democratic services add an interest with.
 */
import type { DateInputProblem } from '../../domain/calendar/date-input.ts'
import { formDateItems } from './date-input.ts'
import type { AttendanceTable } from '../../domain/scrutiny/attendance.ts'
import { memberLabel } from '../../domain/scrutiny/committee.ts'
import {
  memberSlug,
  INTEREST_CATEGORIES,
  INTEREST_CATEGORY_TEXT,
  type InterestProblem,
  type Member,
} from '../../domain/scrutiny/members.ts'
import { printedDate } from '../../domain/scrutiny/minutes.ts'
import type { MemberPage } from '../../services/member-service.ts'

const ROLE_TEXT = { chair: 'Chair', 'vice-chair': 'Vice-Chair', member: 'Member' } as const
const ATTENDANCE_TEXT: Readonly<Record<string, string>> = {
  present: 'Present',
  apologies: 'Apologies',
  substituted: 'Apologies, substitute sent',
  absent: 'Absent',
}

const labelOf = (member: Member) => memberLabel({ ...member, role: 'member' })

export function membersPageModel(members: readonly Member[]) {
  return {
    pageTitle: 'Members',
    councillors: members
      .filter((m) => m.kind === 'councillor')
      .map((m) => ({ text: labelOf(m), href: `/members/${m.slug}` })),
    appointed: members
      .filter((m) => m.kind === 'appointed')
      .map((m) => ({ text: labelOf(m), href: `/members/${m.slug}` })),
  }
}

export function memberPageModel(page: MemberPage, options: { canManage: boolean }) {
  const { member } = page
  return {
    pageTitle: labelOf(member),
    title: labelOf(member),
    kind: member.kind === 'councillor' ? 'Councillor' : 'Appointed member',
    roles: page.roles.map((r) => ({
      committee: r.committee,
      href: `/committees/${r.committeeId}`,
      role: ROLE_TEXT[r.role],
      from: printedDate(r.startsOn),
      to: r.endsOn === null ? 'to date' : printedDate(r.endsOn),
    })),
    years: page.years.map((y) => ({
      year: y.year.replace('-', '/'),
      attended: `${y.attended} of ${y.expected}`,
      apologies: y.apologies,
      substituted: y.substituted,
      substitutedFor: y.substitutedFor,
    })),
    meetings: page.meetings.map((m) => ({
      date: printedDate(m.date),
      href: `/meetings/${m.meetingId}/minutes`,
      attendance: ATTENDANCE_TEXT[m.attendance] ?? m.attendance,
      substitute: m.substitute,
    })),
    substitutions: page.substitutions.map((s) => ({
      date: printedDate(s.date),
      href: `/meetings/${s.meetingId}/minutes`,
      forName: s.forName,
    })),
    declarations: page.declarations.map((d) => ({
      date: printedDate(d.date),
      href: `/meetings/${d.meetingId}/minutes`,
      text: d.text,
    })),
    interests: INTEREST_CATEGORIES.map((category) => ({
      heading: `${INTEREST_CATEGORY_TEXT[category]}s`,
      rows: page.interests
        .filter((i) => i.category === category)
        .map((i) => ({
          description: i.description,
          editHref: `/members/${member.slug}/interests/${i.id}`,
          registered: printedDate(i.registeredOn),
          updated: printedDate(i.updatedOn),
          published: i.published,
        })),
    })),
    canManage: options.canManage,
    addInterestHref: `/members/${member.slug}/interests/new`,
  }
}

/** What was wrong with each date box as typed (which part), for the error class on that part. */
export interface InterestDateProblems {
  registeredOn?: Pick<DateInputProblem, 'part'> | null
  updatedOn?: Pick<DateInputProblem, 'part'> | null
}

export function interestFormModel(
  member: Member,
  values: Record<string, string>,
  problems: readonly InterestProblem[],
  dateProblems: InterestDateProblems = {},
  /** The entry being changed; a new one when absent. */
  interestId: number | null = null,
) {
  const heading = interestId === null ? 'Add an interest' : 'Change an interest'
  return {
    pageTitle: `${problems.length > 0 ? 'Error: ' : ''}${heading}, ${labelOf(member)}`,
    heading,
    button: interestId === null ? 'Add the interest' : 'Save the interest',
    caption: labelOf(member),
    action:
      interestId === null ? `/members/${member.slug}/interests/new` : `/members/${member.slug}/interests/${interestId}`,
    removeAction: interestId === null ? null : `/members/${member.slug}/interests/${interestId}/remove`,
    backHref: `/members/${member.slug}`,
    categories: INTEREST_CATEGORIES.map((c) => ({
      value: c,
      text: INTEREST_CATEGORY_TEXT[c],
      checked: values.category === c,
    })),
    published: [
      { value: 'yes', text: 'Yes, the council publishes it', checked: values.published === 'yes' },
      { value: 'no', text: 'No, it is kept but not published', checked: values.published === 'no' },
    ],
    values,
    registeredOnItems: formDateItems(values, 'registeredOn', dateProblems.registeredOn ?? null),
    updatedOnItems: formDateItems(values, 'updatedOn', dateProblems.updatedOn ?? null),
    errorList: problems.map((p) => ({ text: p.message, href: `#${p.field}` })),
    errors: Object.fromEntries(problems.map((p) => [p.field, { text: p.message }])) as Record<string, { text: string }>,
  }
}

const CELL_TEXT: Readonly<Record<string, string>> = {
  present: 'Present',
  apologies: 'Apologies',
  substituted: 'Apologies (substitute)',
  absent: 'Absent',
}

/** A committee's attendance table for a municipal year, with the years to choose from (latest first). */
export function committeeAttendanceModel(
  committee: { id: number; name: string },
  table: AttendanceTable,
  years: readonly string[],
) {
  const name = (m: { name: string; kind: Member['kind'] }) => memberLabel({ ...m, role: 'member' })
  return {
    pageTitle: `Attendance ${table.year.replace('-', '/')}, ${committee.name}`,
    committee: committee.name,
    committeeHref: `/committees/${committee.id}`,
    year: table.year.replace('-', '/'),
    years: years.map((y) => ({ value: y, text: y.replace('-', '/'), selected: y === table.year })),
    action: `/committees/${committee.id}/attendance`,
    meetings: table.meetings.map((m) => ({ date: printedDate(m.date), href: `/meetings/${m.meetingId}/minutes` })),
    rows: table.members.map((m) => ({
      name: name(m),
      href: `/members/${memberSlug(m.name, m.kind)}`,
      cells: m.cells.map((c) => (c === null ? 'Not a member' : (CELL_TEXT[c] ?? c))),
      attended: `${m.attended} of ${m.expected}`,
    })),
  }
}

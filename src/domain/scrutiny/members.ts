/**
 * Members as the council's committee pages show them (seed 001's front sheet, seeds 001 and 003's minutes): each
 * councillor or appointed member, the committees they sit on and the office held with its dates, their attendance
 * for each municipal year (May to April), and their register of interests, in the categories of the Localism Act
 * 2011 and the council's code of conduct.
 */
import { isIsoDate, type IsoDate } from '../calendar/days.ts'
import {
  municipalYearEnd,
  municipalYearOf,
  municipalYearStart,
  type MunicipalYear,
} from '../calendar/municipal-year.ts'
import type { MemberAttendance } from './attendance.ts'
import { memberLabel, type CommitteeMember, type MemberKind } from './committee.ts'

export interface Member {
  id: number
  /** The address of the member's page: "councillor-taggart". */
  slug: string
  name: string
  kind: MemberKind
}

export interface MemberRole {
  committeeId: number
  committee: string
  role: 'chair' | 'vice-chair' | 'member'
  startsOn: IsoDate
  /** Null while the member still holds it. */
  endsOn: IsoDate | null
}

export const INTEREST_CATEGORIES = ['disclosable-pecuniary', 'other-registrable', 'non-registrable'] as const
export type InterestCategory = (typeof INTEREST_CATEGORIES)[number]

export const INTEREST_CATEGORY_TEXT: Readonly<Record<InterestCategory, string>> = {
  'disclosable-pecuniary': 'Disclosable pecuniary interest',
  'other-registrable': 'Other registrable interest',
  'non-registrable': 'Non-registrable interest',
}

export interface Interest {
  id: number
  category: InterestCategory
  description: string
  registeredOn: IsoDate
  updatedOn: IsoDate
  /** Whether the council publishes it on the member's public page. */
  published: boolean
}

/** What democratic services enter for one interest. */
export interface InterestInput {
  category: string
  description: string
  registeredOn: string
  updatedOn: string
  /** 'yes' when the council publishes it. */
  published: string
}

export interface InterestProblem {
  field: 'category' | 'description' | 'registeredOn' | 'updatedOn' | 'published'
  message: string
}

/**
 * A member's page address from their name and kind.
 * @example memberSlug('J Baillie', 'councillor') // 'councillor-j-baillie'
 * @example memberSlug("O'Neill", 'councillor') // 'councillor-oneill'
 * @example memberSlug('Rob Sanders', 'appointed') // 'rob-sanders'
 */
export function memberSlug(name: string, kind: MemberKind): string {
  const words = `${kind === 'councillor' ? 'councillor ' : ''}${name}`
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f'’]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
  return words.replace(/^-|-$/g, '')
}

/**
 * Checks one interest as entered: a category, a description, and the dates it was registered and last updated
 * (updated on or after registered, neither after `today`).
 */
export function interestDetails(
  input: InterestInput,
  today: IsoDate,
): { ok: true; value: Omit<Interest, 'id'> } | { ok: false; problems: InterestProblem[] } {
  const problems: InterestProblem[] = []
  if (!(INTEREST_CATEGORIES as readonly string[]).includes(input.category)) {
    problems.push({ field: 'category', message: 'Choose the category of the interest' })
  }
  const description = input.description.trim()
  if (description === '') problems.push({ field: 'description', message: 'Describe the interest' })
  if (description.length > 2000) {
    problems.push({ field: 'description', message: 'The description must be 2000 characters or fewer' })
  }
  for (const field of ['registeredOn', 'updatedOn'] as const) {
    const when = field === 'registeredOn' ? 'registered' : 'last updated'
    if (!isIsoDate(input[field])) problems.push({ field, message: `Enter the date the interest was ${when}` })
    else if (input[field] > today) problems.push({ field, message: `The date it was ${when} cannot be in the future` })
  }
  if (isIsoDate(input.registeredOn) && isIsoDate(input.updatedOn) && input.updatedOn < input.registeredOn) {
    problems.push({ field: 'updatedOn', message: 'The date it was last updated must be on or after it was registered' })
  }
  if (input.published !== 'yes' && input.published !== 'no') {
    problems.push({ field: 'published', message: 'Choose whether the council publishes this interest' })
  }
  if (problems.length > 0) return { ok: false, problems }
  return {
    ok: true,
    value: {
      category: input.category as InterestCategory,
      description,
      registeredOn: input.registeredOn,
      updatedOn: input.updatedOn,
      published: input.published === 'yes',
    },
  }
}

/** One meeting's attendance of a member, as recorded in its minutes. */
export interface AttendanceRecord extends MemberAttendance {
  meetingId: number
  date: IsoDate
}

/** A municipal year's attendance: meetings attended out of those the member was expected at. */
export interface YearAttendance {
  year: MunicipalYear
  expected: number
  attended: number
  apologies: number
  /** Meetings the member sent a substitute to. */
  substituted: number
  /** Meetings the member attended as another member's substitute. */
  substitutedFor: number
}

/**
 * Attendance per municipal year, latest first: a meeting whose minutes list the member (present, apologies or
 * absent) is one they were expected at; substitutions made for others count separately and are not expected.
 * @example attendanceByYear([{ date: '2019-06-06', attendance: 'present', … }], []) // [{ year: '2019-20', expected: 1, attended: 1, … }]
 */
export function attendanceByYear(
  records: readonly Pick<AttendanceRecord, 'date' | 'attendance'>[],
  substitutions: readonly Pick<AttendanceRecord, 'date'>[],
): YearAttendance[] {
  const years = new Map<MunicipalYear, YearAttendance>()
  const yearOf = (date: IsoDate): YearAttendance => {
    const year = municipalYearOf(date)
    let found = years.get(year)
    if (found === undefined) {
      found = { year, expected: 0, attended: 0, apologies: 0, substituted: 0, substitutedFor: 0 }
      years.set(year, found)
    }
    return found
  }
  for (const record of records) {
    const year = yearOf(record.date)
    year.expected += 1
    if (record.attendance === 'present') year.attended += 1
    if (record.attendance === 'apologies' || record.attendance === 'substituted') year.apologies += 1
    if (record.attendance === 'substituted') year.substituted += 1
  }
  for (const substitution of substitutions) yearOf(substitution.date).substitutedFor += 1
  return [...years.values()].sort((a, b) => (a.year < b.year ? 1 : -1))
}

/**
 * Whether a declaration in the minutes names the member: "Councillors Keogh (Chair) and Taggart…" names both
 * Keogh and Taggart; an appointed member by full name.
 * @example declarationNames('Councillors Keogh (Chair) and Taggart (Vice Chair) declared…', { name: 'Taggart', kind: 'councillor' }) // true
 */
export function declarationNames(declaration: string, member: Pick<Member, 'name' | 'kind'>): boolean {
  const escaped = member.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  const named = new RegExp(`(^|[^\\p{L}])${escaped}($|[^\\p{L}])`, 'u').test(declaration)
  if (!named) return false
  return member.kind === 'appointed' || /\b(councillors?|cllr)\b/i.test(declaration)
}

/**
 * The name a substitute was typed with, compared with a member's: "Councillor Burke" is the councillor Burke.
 * @example isSubstitute('Councillor Burke', { name: 'Burke', kind: 'councillor' }) // true
 */
export function isSubstitute(typed: string, member: Pick<Member, 'name' | 'kind'>): boolean {
  return typed.trim().toLowerCase() === memberLabel({ ...member, role: 'member' }).toLowerCase()
}

/** A person on a committee's list, as the list's changes name them. */
type ListedMember = Pick<CommitteeMember, 'name' | 'kind' | 'role'>

/** Which dated places a change to a committee's list ends and starts (substitutes hold none). */
export interface PlaceChanges {
  ended: Array<Pick<Member, 'name' | 'kind'>>
  started: Array<Pick<Member, 'name' | 'kind'> & { role: MemberRole['role'] }>
}

/**
 * The dated places a change to a committee's list means: a member who leaves the list, or whose office changes,
 * ends their place; one who joins, or takes a new office, starts one. People are matched by name and kind.
 * @example placeChanges([{ name: 'Mitchell', kind: 'councillor', role: 'member' }], [{ name: 'Mitchell', kind: 'councillor', role: 'vice-chair' }])
 *   // { ended: [{ name: 'Mitchell', kind: 'councillor' }], started: [{ name: 'Mitchell', kind: 'councillor', role: 'vice-chair' }] }
 */
export function placeChanges(before: readonly ListedMember[], after: readonly ListedMember[]): PlaceChanges {
  const office = (list: readonly ListedMember[], m: ListedMember) =>
    list.find((x) => x.name === m.name && x.kind === m.kind)?.role
  const held = (role: ListedMember['role'] | undefined): role is MemberRole['role'] =>
    role !== undefined && role !== 'substitute'
  return {
    ended: before.filter((m) => held(m.role) && office(after, m) !== m.role).map(({ name, kind }) => ({ name, kind })),
    started: after.flatMap(({ name, kind, role }) =>
      held(role) && office(before, { name, kind, role }) !== role ? [{ name, kind, role }] : [],
    ),
  }
}

/** One member's place on a committee, with the person, for the committee's page. */
export interface CommitteePlace {
  member: Member
  role: MemberRole['role']
  startsOn: IsoDate
  endsOn: IsoDate | null
}

/** A municipal year's members of a committee: each place held at some time in it, chair and vice-chair first. */
export interface YearMembership {
  year: MunicipalYear
  places: CommitteePlace[]
}

const OFFICE_ORDER: readonly MemberRole['role'][] = ['chair', 'vice-chair', 'member']

/**
 * A committee's places by municipal year (May to April), latest year first: the years in which a place starts or
 * ends, and those the committee meets in (`meetingDates`), each with every place held at some time in it (a place
 * with no end is held still). Within a year: councillors before appointed members, then by office, then by name.
 * @example membershipByYear([{ member: taggart, role: 'chair', startsOn: '2019-05-15', endsOn: null }], ['2020-10-01'])
 *   // [{ year: '2020-21', places: [taggart's] }, { year: '2019-20', places: [taggart's] }]
 */
export function membershipByYear(
  places: readonly CommitteePlace[],
  meetingDates: readonly IsoDate[] = [],
): YearMembership[] {
  const years = new Set<MunicipalYear>(meetingDates.map(municipalYearOf))
  for (const place of places) {
    years.add(municipalYearOf(place.startsOn))
    if (place.endsOn !== null) years.add(municipalYearOf(place.endsOn))
  }
  const rank = (p: CommitteePlace) => (p.member.kind === 'councillor' ? 0 : 10) + OFFICE_ORDER.indexOf(p.role)
  return [...years]
    .sort((a, b) => (a < b ? 1 : -1))
    .map((year) => ({
      year,
      places: places
        .filter(
          (p) => p.startsOn <= municipalYearEnd(year) && (p.endsOn === null || p.endsOn >= municipalYearStart(year)),
        )
        .sort(
          (a, b) =>
            rank(a) - rank(b) || a.member.name.localeCompare(b.member.name) || (a.startsOn < b.startsOn ? -1 : 1),
        ),
    }))
    .filter((y) => y.places.length > 0)
}

/**
 * The committee's page (/committees/{id}) with its meetings by municipal year and, for democratic services, the
 * links to keep it up to date; and the forms that do: its details (/committees/{id}/edit), a member
 * (/committees/{id}/members/…) and a contact (/committees/{id}/contacts/…).
 */
import { municipalYearOf } from '../../domain/calendar/municipal-year.ts'
import {
  memberLabel,
  OFFICE_SUFFIX,
  type Committee,
  type CommitteeContact,
  type CommitteeMember,
  type Meeting,
  type MemberKind,
  type MemberRole,
} from '../../domain/scrutiny/committee.ts'
import {
  MEMBER_KINDS,
  MEMBER_ROLES,
  votingMembers,
  type CommitteeProblem,
} from '../../domain/scrutiny/committee-rules.ts'
import {
  PUBLIC_INFORMATION_LIMITS,
  sectionsText,
  type PublicInformationProblem,
} from '../../domain/scrutiny/public-information.ts'
import { displayDate } from '../../domain/calendar/days.ts'
import { membershipByYear, type CommitteePlace, type Member } from '../../domain/scrutiny/members.ts'
import { committeePageModel } from './meeting-pages.ts'

/** Who the committee's members are as people (committee-service `membership`). */
export interface CommitteeMembership {
  listed: Array<{ member: Member; role: MemberRole; since: string | null }>
  places: CommitteePlace[]
}

const KIND_TEXT: Record<MemberKind, string> = { councillor: 'Councillor', appointed: 'Appointed member' }
const ROLE_TEXT: Record<MemberRole, string> = {
  chair: 'Chair',
  'vice-chair': 'Vice-chair',
  member: 'Member',
  substitute: 'Substitute',
}

/** Form values as typed, by field name. */
export type FormValues = Record<string, string>

function errorsOf(
  problems: ReadonlyArray<{ field: string; message: string }>,
  href: (field: string) => string = (f) => `#${f}`,
) {
  return {
    errorList: problems.map((p) => ({ text: p.message, href: href(p.field) })),
    // The first problem with each field is shown beside it.
    errors: Object.fromEntries([...problems].reverse().map((p) => [p.field, { text: p.message }])) as Record<
      string,
      { text: string }
    >,
  }
}

function title(text: string, problems: readonly unknown[]): string {
  return problems.length > 0 ? `Error: ${text}` : text
}

/**
 * The committee's page. `canEdit` adds the links democratic services use; everyone sees the same facts.
 * Meetings are grouped by municipal year, the latest first, each year in date order.
 */
export function committeeViewModel(
  committee: Committee,
  meetings: readonly Meeting[],
  canEdit: boolean,
  membership: CommitteeMembership = { listed: [], places: [] },
) {
  const base = committeePageModel(committee, meetings)
  const years: Array<{ heading: string; meetings: typeof base.meetings }> = []
  meetings.forEach((meeting, i) => {
    const summary = base.meetings[i]
    if (summary === undefined) return
    const heading = `Meetings ${municipalYearOf(meeting.date).replace('-', '/')} municipal year`
    const year = years.find((y) => y.heading === heading)
    if (year === undefined) years.push({ heading, meetings: [summary] })
    else year.meetings.push(summary)
  })
  years.reverse()
  const href = `/committees/${committee.id}`
  return {
    ...base,
    years,
    // The list now, each name its member's page: committee → member → committee both ways.
    listedMembers: membership.listed.map((l) => ({
      text: memberLabel({ name: l.member.name, kind: l.member.kind, role: 'member' }),
      href: `/members/${l.member.slug}`,
      office: OFFICE_SUFFIX[l.role].trim(),
      since: l.since === null ? null : displayDate(l.since),
    })),
    membersByYear: membershipByYear(
      membership.places,
      meetings.filter((m) => m.status !== 'cancelled').map((m) => m.date),
    ).map((y) => ({
      heading: `Members ${y.year.replace('-', '/')} municipal year`,
      places: y.places.map((p) => ({
        text: memberLabel({ name: p.member.name, kind: p.member.kind, role: 'member' }),
        href: `/members/${p.member.slug}`,
        office: ROLE_TEXT[p.role],
        from: displayDate(p.startsOn),
        to: p.endsOn === null ? 'to date' : displayDate(p.endsOn),
      })),
    })),
    workProgrammeHref: `${href}/work-programme`,
    attendanceHref: `${href}/attendance`,
    editing: canEdit
      ? {
          editHref: `${href}/edit`,
          publicInformationHref: `${href}/public-information`,
          publicInformationHeadings: committee.publicInformation.sections.map((s) => s.heading),
          addMemberHref: `${href}/members/new`,
          addContactHref: `${href}/contacts/new`,
          scheduleHref: `/meetings/new?committee=${committee.id}`,
          // Rows for GOV.UK's summary list, each with Change and Remove links naming the person for screen readers.
          memberRows: committee.members.map((m, i) => {
            const label = memberLabel(m)
            return {
              key: { text: label },
              value: { text: `${KIND_TEXT[m.kind]}, ${ROLE_TEXT[m.role].toLowerCase()}` },
              actions: {
                items: [
                  { href: `${href}/members/${i + 1}/edit`, text: 'Change', visuallyHiddenText: label },
                  { href: `${href}/members/${i + 1}/remove`, text: 'Remove', visuallyHiddenText: label },
                ],
              },
            }
          }),
          contactRows: committee.contacts.map((c, i) => {
            const label = `${c.role} ${c.name}`
            return {
              key: { text: c.role },
              value: { text: [c.name, c.phone, c.email].filter((x) => x !== null && x !== '').join(', ') },
              actions: {
                items: [
                  { href: `${href}/contacts/${i + 1}/edit`, text: 'Change', visuallyHiddenText: label },
                  { href: `${href}/contacts/${i + 1}/remove`, text: 'Remove', visuallyHiddenText: label },
                ],
              },
            }
          }),
        }
      : null,
  }
}

/** The committee's details as the form shows them. */
export function committeeDetailsValues(committee: Committee): FormValues {
  return {
    name: committee.name,
    purpose: committee.purpose,
    termsOfReference: committee.termsOfReference.join('\n'),
    quorum: String(committee.quorum),
  }
}

/** The form for the committee's name, role, terms of reference and quorum. */
export function committeeEditModel(committee: Committee, values: FormValues, problems: readonly CommitteeProblem[]) {
  const voting = votingMembers(committee.members)
  return {
    pageTitle: title(`Change ${committee.name}`, problems),
    heading: 'Edit the committee',
    caption: committee.name,
    action: `/committees/${committee.id}/edit`,
    backHref: `/committees/${committee.id}`,
    backText: 'Back to the committee',
    button: 'Save changes',
    values,
    quorumHint:
      voting > 0
        ? `The number of members needed to hold a meeting: a whole number from 1 to ${voting}, the members who are not substitutes.`
        : 'The number of members needed to hold a meeting: a whole number, 1 or more.',
    ...errorsOf(problems),
  }
}

/**
 * The form that sets up a new committee (/committees/new): the same fields as the edit form. With no members yet,
 * any quorum of 1 or more is accepted.
 */
export function newCommitteeModel(values: FormValues, problems: readonly CommitteeProblem[]) {
  return {
    pageTitle: title('Set up a committee', problems),
    heading: 'Set up a committee',
    caption: null,
    action: '/committees/new',
    backHref: '/committees',
    backText: 'Back to committees',
    button: 'Set up the committee',
    values,
    quorumHint:
      'The number of members needed to hold a meeting: a whole number, 1 or more. You add the members next, on the committee’s page.',
    ...errorsOf(problems),
  }
}

/**
 * The list of committees (/committees): each with a link to its page and its role's first line; for democratic
 * services, the link to set up another.
 */
export function committeesListModel(committees: readonly Committee[], canEdit: boolean) {
  return {
    pageTitle: 'Committees',
    committees: committees.map((c) => ({
      name: c.name,
      href: `/committees/${c.id}`,
      purpose: c.purpose.split(/\r?\n/)[0] ?? '',
      members: c.members.length === 1 ? '1 member' : `${c.members.length} members`,
    })),
    newHref: canEdit ? '/committees/new' : null,
  }
}

/** A member's details as the form shows them. */
export function memberValues(member: CommitteeMember): FormValues {
  return { name: member.name, kind: member.kind, role: member.role, current: member.name }
}

/**
 * The form to add a member (`position` null) or change the one at `position`.
 * @example memberFormModel(committee, null, { kind: 'councillor', role: 'member' }, []).heading // 'Add a member'
 */
export function memberFormModel(
  committee: Committee,
  position: number | null,
  values: FormValues,
  problems: readonly CommitteeProblem[],
) {
  const heading = position === null ? 'Add a member' : 'Change a member'
  const base = `/committees/${committee.id}`
  return {
    pageTitle: title(heading, problems),
    heading,
    caption: committee.name,
    action: position === null ? `${base}/members/new` : `${base}/members/${position}/edit`,
    backHref: base,
    button: position === null ? 'Add the member' : 'Save changes',
    values,
    kinds: MEMBER_KINDS.map((kind) => ({ value: kind, text: KIND_TEXT[kind], checked: values.kind === kind })),
    roles: MEMBER_ROLES.map((role) => ({ value: role, text: ROLE_TEXT[role], checked: values.role === role })),
    ...errorsOf(problems),
  }
}

/** A contact's details as the form shows them. */
export function contactValues(contact: CommitteeContact): FormValues {
  return {
    role: contact.role,
    name: contact.name,
    phone: contact.phone ?? '',
    email: contact.email ?? '',
    current: contact.name,
  }
}

/** The form to add a contact (`position` null) or change the one at `position`. */
export function contactFormModel(
  committee: Committee,
  position: number | null,
  values: FormValues,
  problems: readonly CommitteeProblem[],
) {
  const heading = position === null ? 'Add a contact' : 'Change a contact'
  const base = `/committees/${committee.id}`
  return {
    pageTitle: title(heading, problems),
    heading,
    caption: committee.name,
    action: position === null ? `${base}/contacts/new` : `${base}/contacts/${position}/edit`,
    backHref: base,
    button: position === null ? 'Add the contact' : 'Save changes',
    values,
    ...errorsOf(problems),
  }
}

/** The page that asks before removing a member or a contact. */
export function removeModel(
  committee: Committee,
  what: { kind: 'member'; member: CommitteeMember } | { kind: 'contact'; contact: CommitteeContact },
  position: number,
  problems: readonly CommitteeProblem[],
) {
  const base = `/committees/${committee.id}`
  const label = what.kind === 'member' ? memberLabel(what.member) : `${what.contact.name} (${what.contact.role})`
  const heading =
    what.kind === 'member'
      ? `Remove ${memberLabel({ ...what.member, role: 'member' })} from the committee?`
      : `Remove ${what.contact.name} from the committee’s contacts?`
  return {
    pageTitle: title(heading, problems),
    heading,
    caption: committee.name,
    label,
    action: `${base}/${what.kind === 'member' ? 'members' : 'contacts'}/${position}/remove`,
    backHref: base,
    current: what.kind === 'member' ? what.member.name : what.contact.name,
    explanation:
      what.kind === 'member'
        ? 'They will no longer be listed on the committee’s page or on the front sheet of future document packs. Packs already published do not change.'
        : 'They will no longer be listed as a contact on the committee’s page or on the front sheet of future document packs. Packs already published do not change.',
    ...errorsOf(problems, () => '#remove'),
  }
}

/** The committee's public information as the form shows it: the sections under `## Heading` lines, and the lead-in. */
export function publicInformationValues(committee: Committee): FormValues {
  return {
    sections: sectionsText(committee.publicInformation.sections),
    leadIn: committee.publicInformation.leadIn ?? '',
  }
}

/** The form for the committee's standing public information (/committees/{id}/public-information). */
export function publicInformationFormModel(
  committee: Committee,
  values: FormValues,
  problems: readonly PublicInformationProblem[],
) {
  const href = `/committees/${committee.id}`
  return {
    pageTitle: title(`Public information – ${committee.name}`, problems),
    caption: committee.name,
    heading: 'Change the public information',
    backHref: href,
    backText: 'Back to the committee',
    action: `${href}/public-information`,
    values,
    ...errorsOf(problems),
    limits: PUBLIC_INFORMATION_LIMITS,
  }
}

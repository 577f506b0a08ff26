/**
 * The rules for keeping a committee up to date: its details (name, role, terms of reference, quorum), its members
 * and its contacts. Each function takes what democratic services typed and the committee as it stands, and returns
 * the committee's new details, members or contacts, or the problems in words for the form.
 *
 * The rules, and why:
 * - A committee has at most one chair and at most one vice-chair. Appointing a second is refused, naming the
 *   current holder, so the officer changes the current chair's role first: the front sheet never shows two chairs,
 *   and a change of chair is two audited steps, each saying who it was.
 * - Names are required, at most 120 characters, and no two members share a name (ignoring case and spacing), so
 *   the front sheet and the minutes' attendance list name each member once.
 * - The quorum is a whole number of at least 1 and, once the committee has members who are not substitutes, no more
 *   than that number: a quorum nobody could reach would stop every meeting. A change of membership that would leave
 *   fewer such members than the quorum is refused until the quorum is lowered.
 * - Members are kept in the order the front sheet prints them: councillors before appointed members; within each,
 *   the chair, the vice-chair, members, then substitutes; otherwise in the order they were added.
 */
import { slugFor } from '../glossary.ts'
import { failed, ok, type Result } from '../result.ts'
import {
  memberLabel,
  type Committee,
  type CommitteeContact,
  type CommitteeMember,
  type MemberKind,
  type MemberRole,
} from './committee.ts'

export const MEMBER_KINDS: readonly MemberKind[] = ['councillor', 'appointed']
export const MEMBER_ROLES: readonly MemberRole[] = ['chair', 'vice-chair', 'member', 'substitute']

/** The longest name, role or committee name accepted. */
export const MAX_NAME_LENGTH = 120

/** A problem with what was typed into one of the committee's forms, tied to its field. */
export interface CommitteeProblem {
  field: string
  message: string
}

/** What the committee's details form sends: text as typed. */
export interface CommitteeDetailsInput {
  name: string
  purpose: string
  /** One term per line; blank lines are ignored. */
  termsOfReference: string
  quorum: string
}

/** A committee's own details, without its members and contacts. */
export type CommitteeDetails = Pick<Committee, 'name' | 'purpose' | 'termsOfReference' | 'quorum'>

/** What the member form sends. */
export interface MemberInput {
  name: string
  kind: string
  role: string
}

/** What the contact form sends. */
export interface ContactInput {
  role: string
  name: string
  phone: string
  email: string
}

/** Spaces collapsed and trimmed: how a name is stored and compared. */
function tidy(text: string): string {
  return text.replace(/\s+/g, ' ').trim()
}

/** `enter` is the message for a blank field; `label` starts the message for a long one. */
function nameProblems(field: string, text: string, enter: string, label: string): CommitteeProblem[] {
  if (text === '') return [{ field, message: enter }]
  if (text.length > MAX_NAME_LENGTH)
    return [{ field, message: `${label} must be ${MAX_NAME_LENGTH} characters or fewer` }]
  return []
}

/** How many members count towards the quorum: everyone but substitutes. */
export function votingMembers(members: readonly CommitteeMember[]): number {
  return members.filter((m) => m.role !== 'substitute').length
}

/**
 * Checks and reads the committee's details form against its current members.
 * @example committeeDetails({ name: 'Children and Families Scrutiny Panel', purpose: 'To scrutinise…', termsOfReference: 'One\n\nTwo', quorum: '3' }, members)
 *   // { ok: true, value: { name: 'Children and Families Scrutiny Panel', purpose: 'To scrutinise…', termsOfReference: ['One', 'Two'], quorum: 3 } }
 */
export function committeeDetails(
  input: CommitteeDetailsInput,
  members: readonly CommitteeMember[],
): Result<CommitteeDetails, CommitteeProblem> {
  const name = tidy(input.name)
  const purpose = input.purpose.trim()
  const termsOfReference = input.termsOfReference
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '')
  const problems: CommitteeProblem[] = nameProblems('name', name, 'Enter the name of the committee', 'The name')
  if (purpose === '') problems.push({ field: 'purpose', message: 'Enter the role of the committee' })
  if (purpose.length > 5000) problems.push({ field: 'purpose', message: 'The role must be 5,000 characters or fewer' })
  if (termsOfReference.some((term) => term.length > 2000)) {
    problems.push({ field: 'termsOfReference', message: 'Each term of reference must be 2,000 characters or fewer' })
  }
  const quorumText = input.quorum.trim()
  const quorum = Number(quorumText)
  const voting = votingMembers(members)
  if (quorumText === '') {
    problems.push({ field: 'quorum', message: 'Enter the quorum, the number of members needed to hold a meeting' })
  } else if (!/^\d{1,4}$/.test(quorumText) || quorum < 1) {
    problems.push({ field: 'quorum', message: 'The quorum must be a whole number, 1 or more' })
  } else if (voting > 0 && quorum > voting) {
    problems.push({
      field: 'quorum',
      message: `The quorum must be ${voting} or fewer: the committee has ${voting} members who are not substitutes`,
    })
  }
  if (problems.length > 0) return failed(problems)
  return ok({ name, purpose, termsOfReference, quorum })
}

/** A committee as it is set up: its details and the slug its addresses and file names use. */
export type CommitteeToCreate = CommitteeDetails & { slug: string }

/**
 * Checks and reads the form that sets up a new committee. The details follow the same rules as editing one with
 * no members yet (any quorum of 1 or more: the quorum is checked against the members as they are added). The slug
 * is made from the name and must not be one an `existing` committee already has, so two committees are never
 * confused in addresses, file names and feeds.
 * @example committeeToCreate({ name: 'Children and Families Scrutiny Panel', purpose: 'To scrutinise…', termsOfReference: '', quorum: '3' }, [])
 *   // { ok: true, value: { name: 'Children and Families Scrutiny Panel', …, quorum: 3, slug: 'children-and-families-scrutiny-panel' } }
 */
export function committeeToCreate(
  input: CommitteeDetailsInput,
  existing: ReadonlyArray<Pick<Committee, 'slug' | 'name'>>,
): Result<CommitteeToCreate, CommitteeProblem> {
  const details = committeeDetails(input, [])
  const name = tidy(input.name)
  const slug = slugFor(name)
  const taken = existing.find((c) => c.slug === slug)
  const nameProblem: CommitteeProblem | null =
    name === '' || name.length > MAX_NAME_LENGTH
      ? null
      : slug === ''
        ? { field: 'name', message: 'The name must contain letters or numbers' }
        : taken !== undefined
          ? {
              field: 'name',
              message:
                taken.name === name
                  ? `There is already a committee called ${name}. Choose a different name`
                  : `That name is too like ${taken.name}, which is already a committee. Choose a different name`,
            }
          : null
  if (!details.ok) return nameProblem === null ? details : failed([nameProblem, ...details.problems])
  if (nameProblem !== null) return failed([nameProblem])
  return ok({ ...details.value, slug })
}

/** Members in the order the front sheet prints them; ties keep their current order. */
export function frontSheetOrder(members: readonly CommitteeMember[]): CommitteeMember[] {
  const rank = (m: CommitteeMember) => MEMBER_KINDS.indexOf(m.kind) * 10 + MEMBER_ROLES.indexOf(m.role)
  return members
    .map((member, index) => ({ member, index }))
    .sort((a, b) => rank(a.member) - rank(b.member) || a.index - b.index)
    .map(({ member }) => member)
}

/** Problems with a member as typed, given the other members (not counting the one being changed). */
function memberProblems(
  input: MemberInput,
  others: readonly CommitteeMember[],
): Result<CommitteeMember, CommitteeProblem> {
  const name = tidy(input.name)
  const problems = nameProblems('name', name, 'Enter the member’s name', 'The name')
  if (name !== '' && others.some((m) => m.name.toLowerCase() === name.toLowerCase())) {
    problems.push({ field: 'name', message: `${name} is already a member of the committee` })
  }
  const kind = MEMBER_KINDS.find((k) => k === input.kind)
  if (kind === undefined)
    problems.push({ field: 'kind', message: 'Choose whether they are a councillor or an appointed member' })
  const role = MEMBER_ROLES.find((r) => r === input.role)
  if (role === undefined) {
    problems.push({ field: 'role', message: 'Choose their role: chair, vice-chair, member or substitute' })
  } else if (role === 'chair' || role === 'vice-chair') {
    const holder = others.find((m) => m.role === role)
    const office = role === 'chair' ? 'chair' : 'vice-chair'
    if (holder !== undefined) {
      problems.push({
        field: 'role',
        message: `${memberLabel({ ...holder, role: 'member' })} is already the ${office}. Change their role first, then appoint the new ${office}`,
      })
    }
  }
  if (problems.length > 0 || kind === undefined || role === undefined) return failed(problems)
  return ok({ name, kind, role })
}

function quorumProblem(before: readonly CommitteeMember[], after: readonly CommitteeMember[], quorum: number) {
  const voting = votingMembers(after)
  if (voting >= quorum || voting >= votingMembers(before)) return []
  return [
    {
      field: 'role',
      message: `The quorum is ${quorum}: this would leave ${voting} members who are not substitutes. Lower the quorum first`,
    },
  ]
}

/**
 * Adds a member; returns the members in front-sheet order.
 * @example addMember(members, { name: 'Savage', kind: 'councillor', role: 'member' }) // { ok: true, value: [...councillors, Savage, ...appointed] }
 */
export function addMember(
  members: readonly CommitteeMember[],
  input: MemberInput,
): Result<CommitteeMember[], CommitteeProblem> {
  const member = memberProblems(input, members)
  if (!member.ok) return member
  return ok(frontSheetOrder([...members, member.value]))
}

/**
 * Changes the member at `index` (0-based, in the current order); returns the members in front-sheet order.
 * @example changeMember(members, 1, { name: 'J Baillie', kind: 'councillor', role: 'vice-chair' })
 */
export function changeMember(
  members: readonly CommitteeMember[],
  index: number,
  input: MemberInput,
  quorum: number,
): Result<CommitteeMember[], CommitteeProblem> {
  const others = members.filter((_, i) => i !== index)
  const member = memberProblems(input, others)
  if (!member.ok) return member
  const after = members.map((m, i) => (i === index ? member.value : m))
  const problems = quorumProblem(members, after, quorum)
  if (problems.length > 0) return failed(problems)
  return ok(frontSheetOrder(after))
}

/**
 * Removes the member at `index`, unless that would leave fewer members than the quorum.
 * @example removeMember(members, 8, 3) // { ok: true, value: members without the ninth }
 */
export function removeMember(
  members: readonly CommitteeMember[],
  index: number,
  quorum: number,
): Result<CommitteeMember[], CommitteeProblem> {
  const after = members.filter((_, i) => i !== index)
  const problems = quorumProblem(members, after, quorum)
  if (problems.length > 0) return failed(problems)
  return ok(after)
}

// An address with one @, something before it and a dotted domain after it, and no spaces: what GOV.UK Notify checks.
const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/
const PHONE = /^[0-9+() -]{6,30}$/

/**
 * Checks and reads a contact as typed. Phone and email are optional; blank becomes null.
 * @example contact({ role: 'Scrutiny Manager', name: 'Mark Pirnie', phone: '023 8083 3886', email: 'mark.pirnie@southampton.gov.uk' })
 */
export function contact(input: ContactInput): Result<CommitteeContact, CommitteeProblem> {
  const role = tidy(input.role)
  const name = tidy(input.name)
  const phone = tidy(input.phone)
  const email = input.email.trim()
  const problems = [
    ...nameProblems('role', role, 'Enter their role, for example Democratic Support Officer', 'The role'),
    ...nameProblems('name', name, 'Enter their name', 'The name'),
  ]
  if (phone !== '' && !PHONE.test(phone)) {
    problems.push({ field: 'phone', message: 'Enter a phone number, like 023 8083 2302' })
  }
  if (email !== '' && (email.length > 254 || !EMAIL.test(email))) {
    problems.push({ field: 'email', message: 'Enter an email address in the correct format, like name@example.gov.uk' })
  }
  if (problems.length > 0) return failed(problems)
  return ok({ role, name, phone: phone === '' ? null : phone, email: email === '' ? null : email })
}

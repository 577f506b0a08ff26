/**
 * Keeping the committee up to date: its details, members and contacts. Every change is checked by the rules in
 * domain/scrutiny/committee-rules.ts and written with an audit event (before → after) in one transaction, with the
 * committee's row locked so that two officers' changes take turns.
 *
 * Members and contacts are addressed by their place in the list (1, 2, 3…), which changes as people are added and
 * removed. So each change also carries the name the officer was looking at (`current`): if someone else has changed
 * the list meanwhile and that place now holds someone else, the change is refused rather than made to the wrong
 * person.
 */
import { failed, ok, type Result } from '../domain/result.ts'
import type { Committee, CommitteeContact, CommitteeMember } from '../domain/scrutiny/committee.ts'
import {
  addMember,
  changeMember,
  committeeDetails,
  committeeToCreate,
  contact,
  removeMember,
  type CommitteeDetailsInput,
  type CommitteeProblem,
  type ContactInput,
  type MemberInput,
} from '../domain/scrutiny/committee-rules.ts'
import { londonDate } from '../domain/calendar/london-time.ts'
import {
  memberSlug,
  placeChanges,
  type CommitteePlace,
  type Member,
  type PlaceChanges,
} from '../domain/scrutiny/members.ts'
import type { DataAccess, Repositories } from '../store/data-access.ts'
import {
  NO_PUBLIC_INFORMATION,
  publicInformation,
  type PublicInformationInput,
  type PublicInformationProblem,
} from '../domain/scrutiny/public-information.ts'
import { recordChange, type ChangeContext } from './change-record.ts'

/** Who is acting, for the audit log. */
export type CommitteeContext = ChangeContext

const NO_COMMITTEE: CommitteeProblem = { field: 'name', message: 'That committee does not exist' }
const LIST_CHANGED: CommitteeProblem = {
  field: 'name',
  message: 'Someone else changed this list while you were working on it. Go back to the committee and try again',
}

export function committeeService(data: DataAccess, options: { now: () => Date }) {
  /** Runs `work` on the committee, locked, in one transaction; refuses if it does not exist. */
  function withCommittee<T>(
    id: number,
    work: (repos: Repositories, committee: Committee) => Promise<Result<T, CommitteeProblem>>,
  ): Promise<Result<T, CommitteeProblem>> {
    return data.transaction(async (repos) => {
      if (!(await repos.meetings.lockCommittee(id))) return failed([NO_COMMITTEE])
      const committee = await repos.meetings.findCommittee(id)
      if (committee === null) return failed([NO_COMMITTEE])
      return work(repos, committee)
    })
  }

  async function record(
    repos: Repositories,
    context: CommitteeContext,
    action: string,
    committeeId: number,
    details: Record<string, unknown>,
  ): Promise<void> {
    await recordChange(repos.audit, context, action, { type: 'committee', id: committeeId }, details)
  }

  /** The item at 1-based `position` if it is still the one named `current`. */
  function still<T extends { name: string }>(list: readonly T[], position: number, current: string): T | null {
    const item = list[position - 1]
    return item !== undefined && item.name === current.trim() ? item : null
  }

  /**
   * Keeps the members' dated places in step with the list: an office that ends, ends yesterday; one that starts,
   * starts today (London dates), as the minutes of 6 June 2019 date Councillor Mitchell's election as Vice-Chair.
   */
  async function recordPlaces(repos: Repositories, committeeId: number, changes: PlaceChanges): Promise<void> {
    const today = londonDate(options.now().toISOString())
    for (const person of changes.ended) {
      const id = await repos.members.ensure({ slug: memberSlug(person.name, person.kind), ...person })
      await repos.members.endPlaces(id, committeeId, today)
    }
    for (const { role, ...person } of changes.started) {
      const id = await repos.members.ensure({ slug: memberSlug(person.name, person.kind), ...person })
      await repos.members.addRole(id, { committeeId, role, startsOn: today, endsOn: null })
    }
  }

  /** Replaces the committee's members or its contacts, audited as `action` in the same transaction. */
  async function save(
    repos: Repositories,
    committee: Committee,
    change: { members: CommitteeMember[] } | { contacts: CommitteeContact[] },
    context: CommitteeContext,
    action: string,
    details: Record<string, unknown>,
  ): Promise<Result<Committee, CommitteeProblem>> {
    if ('members' in change) {
      await repos.meetings.replaceMembers(committee.id, change.members)
      await recordPlaces(repos, committee.id, placeChanges(committee.members, change.members))
    } else await repos.meetings.replaceContacts(committee.id, change.contacts)
    await record(repos, context, action, committee.id, details)
    return ok({ ...committee, ...change })
  }

  return {
    async get(id: number): Promise<Committee | null> {
      return data.meetings.findCommittee(id)
    },

    /**
     * Who the committee's members are as people: the list now, each with their member record, and every place
     * held on it with its dates (for its members by municipal year).
     */
    async membership(id: number): Promise<{
      listed: Array<{ member: Member; role: CommitteeMember['role']; since: string | null }>
      places: CommitteePlace[]
    }> {
      const [listed, places] = await Promise.all([data.members.listed(id), data.members.committeePlaces(id)])
      return {
        listed: listed.map((l) => ({
          ...l,
          since:
            places.find((p) => p.member.id === l.member.id && p.endsOn === null && p.role === l.role)?.startsOn ?? null,
        })),
        places,
      }
    },

    /** Every committee, by name. */
    async list(): Promise<Committee[]> {
      return data.meetings.findCommittees()
    },

    /**
     * Sets up a committee with its name, role, terms of reference and quorum, and no members or contacts yet (they
     * are added one by one on its page). Its slug is made from the name; a name whose slug is taken is refused.
     */
    async create(
      input: CommitteeDetailsInput,
      context: CommitteeContext,
    ): Promise<Result<Committee, CommitteeProblem>> {
      return data.transaction(async (repos) => {
        await repos.meetings.lockCommitteeNames()
        const details = committeeToCreate(input, await repos.meetings.findCommittees())
        if (!details.ok) return details
        const committee: Omit<Committee, 'id'> = {
          ...details.value,
          members: [],
          contacts: [],
          publicInformation: NO_PUBLIC_INFORMATION,
        }
        const id = await repos.meetings.createCommittee(committee)
        await record(repos, context, 'committee.create', id, { after: details.value })
        return ok({ id, ...committee })
      })
    },

    /** Changes the committee's name, role, terms of reference and quorum. */
    async updateDetails(
      id: number,
      input: CommitteeDetailsInput,
      context: CommitteeContext,
    ): Promise<Result<Committee, CommitteeProblem>> {
      return withCommittee(id, async (repos, committee) => {
        const details = committeeDetails(input, committee.members)
        if (!details.ok) return details
        await repos.meetings.updateCommittee(id, details.value)
        const { name, purpose, termsOfReference, quorum } = committee
        await record(repos, context, 'committee.update', id, {
          before: { name, purpose, termsOfReference, quorum },
          after: details.value,
        })
        return ok({ ...committee, ...details.value })
      })
    },

    /**
     * Replaces the committee's standing public information (the sections printed in every pack and the line above
     * its terms of reference), recording before → after.
     */
    async updatePublicInformation(
      id: number,
      input: PublicInformationInput,
      context: CommitteeContext,
    ): Promise<Result<Committee, PublicInformationProblem>> {
      return data.transaction(async (repos) => {
        const missing: PublicInformationProblem = { field: 'sections', message: NO_COMMITTEE.message }
        if (!(await repos.meetings.lockCommittee(id))) return failed([missing])
        const committee = await repos.meetings.findCommittee(id)
        if (committee === null) return failed([missing])
        const information = publicInformation(input)
        if (!information.ok) return information
        await repos.meetings.updatePublicInformation(id, information.value)
        await record(repos, context, 'committee.public-information.update', id, {
          before: committee.publicInformation,
          after: information.value,
        })
        return ok({ ...committee, publicInformation: information.value })
      })
    },

    async addMember(id: number, input: MemberInput, context: CommitteeContext) {
      return withCommittee(id, async (repos, committee) => {
        const members = addMember(committee.members, input)
        if (!members.ok) return members
        const added = members.value.find((m) => !committee.members.includes(m))
        return save(repos, committee, { members: members.value }, context, 'committee.member.add', { after: added })
      })
    },

    /** Changes the member at `position` (1, 2, 3…), who must still be the one named `current`. */
    async changeMember(
      id: number,
      position: number,
      current: string,
      input: MemberInput,
      context: CommitteeContext,
    ): Promise<Result<Committee, CommitteeProblem>> {
      return withCommittee(id, async (repos, committee) => {
        const before = still(committee.members, position, current)
        if (before === null) return failed([LIST_CHANGED])
        const members = changeMember(committee.members, position - 1, input, committee.quorum)
        if (!members.ok) return members
        const after = members.value.find((m) => !committee.members.includes(m))
        return save(repos, committee, { members: members.value }, context, 'committee.member.change', { before, after })
      })
    },

    /** Removes the member at `position`, who must still be the one named `current`. */
    async removeMember(
      id: number,
      position: number,
      current: string,
      context: CommitteeContext,
    ): Promise<Result<Committee, CommitteeProblem>> {
      return withCommittee(id, async (repos, committee) => {
        const before = still(committee.members, position, current)
        if (before === null) return failed([LIST_CHANGED])
        const members = removeMember(committee.members, position - 1, committee.quorum)
        if (!members.ok) return members
        return save(repos, committee, { members: members.value }, context, 'committee.member.remove', { before })
      })
    },

    /** Adds a contact at the end of the list. */
    async addContact(
      id: number,
      input: ContactInput,
      context: CommitteeContext,
    ): Promise<Result<Committee, CommitteeProblem>> {
      return withCommittee(id, async (repos, committee) => {
        const added = contact(input)
        if (!added.ok) return added
        const contacts = [...committee.contacts, added.value]
        return save(repos, committee, { contacts }, context, 'committee.contact.add', { after: added.value })
      })
    },

    /** Changes the contact at `position`, who must still be the one named `current`; they keep their place. */
    async changeContact(
      id: number,
      position: number,
      current: string,
      input: ContactInput,
      context: CommitteeContext,
    ): Promise<Result<Committee, CommitteeProblem>> {
      return withCommittee(id, async (repos, committee) => {
        const before = still(committee.contacts, position, current)
        if (before === null) return failed([LIST_CHANGED])
        const after = contact(input)
        if (!after.ok) return after
        const contacts = committee.contacts.map((c, i) => (i === position - 1 ? after.value : c))
        return save(repos, committee, { contacts }, context, 'committee.contact.change', {
          before,
          after: after.value,
        })
      })
    },

    /** Removes the contact at `position`, who must still be the one named `current`. */
    async removeContact(
      id: number,
      position: number,
      current: string,
      context: CommitteeContext,
    ): Promise<Result<Committee, CommitteeProblem>> {
      return withCommittee(id, async (repos, committee) => {
        const before = still(committee.contacts, position, current)
        if (before === null) return failed([LIST_CHANGED])
        const contacts = committee.contacts.filter((_, i) => i !== position - 1)
        return save(repos, committee, { contacts }, context, 'committee.contact.remove', { before })
      })
    },
  }
}

export type CommitteeService = ReturnType<typeof committeeService>

/**
 * Members' pages: each councillor or appointed member with their committees and offices, their attendance from
 * the minutes, the declarations the minutes record them making, and their register of interests, which democratic
 * services keep. Every change to the register is audited.
 */
import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { londonDate } from '../domain/calendar/london-time.ts'
import { municipalYearOf } from '../domain/calendar/municipal-year.ts'
import { failed, ok, type Result } from '../domain/result.ts'
import { memberLabel, type MemberKind } from '../domain/scrutiny/committee.ts'
import {
  attendanceByYear,
  declarationNames,
  interestDetails,
  memberSlug,
  type Interest,
  type InterestInput,
  type InterestProblem,
  type Member,
  type MemberRole,
  type YearAttendance,
} from '../domain/scrutiny/members.ts'
import type { DataAccess } from '../store/data-access.ts'
import { recordChange, type ChangeContext } from './change-record.ts'

export const DEMO_MEMBERS_FILE = fileURLToPath(new URL('../../fixtures/scrutiny/members.json', import.meta.url))

interface DemoMembers {
  members: Array<{
    name: string
    kind: MemberKind
    roles: Array<{ role: MemberRole['role']; startsOn: string; endsOn: string | null }>
    interests?: Array<Omit<Interest, 'id'>>
  }>
}

/** Everything a member's page shows. */
export interface MemberPage {
  member: Member
  roles: MemberRole[]
  years: YearAttendance[]
  meetings: Array<{ meetingId: number; date: string; attendance: string; substitute: string | null }>
  substitutions: Array<{ meetingId: number; date: string; forName: string }>
  declarations: Array<{ meetingId: number; date: string; text: string }>
  interests: Interest[]
}

export function memberService(data: DataAccess, options: { now: () => Date }) {
  return {
    list(): Promise<Member[]> {
      return data.members.findAll()
    },

    /** A member's page, or null; the register shows only what the council publishes unless `allInterests`. */
    async page(slug: string, view: { allInterests: boolean }): Promise<MemberPage | null> {
      const member = await data.members.findBySlug(slug)
      if (member === null) return null
      const label = memberLabel({ ...member, role: 'member' })
      const [roles, records, substitutions, declared, interests] = await Promise.all([
        data.members.roles(member.id),
        data.minutes.attendanceOf(member),
        data.minutes.substitutionsBy(label),
        data.minutes.allDeclarations(),
        data.members.interests(member.id, { publishedOnly: !view.allInterests }),
      ])
      return {
        member,
        roles,
        years: attendanceByYear(records, substitutions),
        meetings: records
          .map((r) => ({ meetingId: r.meetingId, date: r.date, attendance: r.attendance, substitute: r.substitute }))
          .reverse(),
        substitutions,
        declarations: declared.flatMap((d) =>
          d.declarations
            .filter((text) => declarationNames(text, member))
            .map((text) => ({ meetingId: d.meetingId, date: d.date, text })),
        ),
        interests,
      }
    },

    /** Adds an entry to a member's register of interests. */
    async addInterest(
      slug: string,
      input: InterestInput,
      context: ChangeContext,
    ): Promise<Result<number, InterestProblem>> {
      const details = interestDetails(input, londonDate(options.now().toISOString()))
      if (!details.ok) return details
      return data.transaction(async (repos) => {
        const member = await repos.members.findBySlug(slug)
        if (member === null) return failed([{ field: 'description', message: 'That member does not exist' }])
        const id = await repos.members.addInterest(member.id, details.value)
        await recordChange(
          repos.audit,
          context,
          'member.interest.add',
          { type: 'member', id: member.id },
          { after: { id, ...details.value } },
        )
        return ok(id)
      })
    },

    /** The municipal year today is in (May to April), by the service's clock: a table's year when none is asked. */
    currentMunicipalYear(): string {
      return municipalYearOf(londonDate(options.now().toISOString()))
    },

    /** One interest of a member's register, for its form; null when either does not exist. */
    async interest(slug: string, id: number): Promise<Interest | null> {
      const member = await data.members.findBySlug(slug)
      return member === null ? null : data.members.interest(member.id, id)
    },

    /**
     * Changes an entry of a member's register (as democratic services keep it), audited with what it was and is.
     * Null when the member or the entry does not exist.
     */
    async updateInterest(
      slug: string,
      id: number,
      input: InterestInput,
      context: ChangeContext,
    ): Promise<Result<number, InterestProblem> | null> {
      const details = interestDetails(input, londonDate(options.now().toISOString()))
      return data.transaction(async (repos) => {
        const member = await repos.members.findBySlug(slug)
        const before = member === null ? null : await repos.members.interest(member.id, id)
        if (member === null || before === null) return null
        if (!details.ok) return details
        await repos.members.updateInterest(member.id, id, details.value)
        await recordChange(
          repos.audit,
          context,
          'member.interest.change',
          { type: 'member', id: member.id },
          { before, after: { id, ...details.value } },
        )
        return ok(id)
      })
    },

    /** Takes an entry off a member's register, audited with what it was; false when there is no such entry. */
    async removeInterest(slug: string, id: number, context: ChangeContext): Promise<boolean> {
      return data.transaction(async (repos) => {
        const member = await repos.members.findBySlug(slug)
        const before = member === null ? null : await repos.members.interest(member.id, id)
        if (member === null || before === null) return false
        await repos.members.removeInterest(member.id, id)
        await recordChange(
          repos.audit,
          context,
          'member.interest.remove',
          { type: 'member', id: member.id },
          { before },
        )
        return true
      })
    },

    /**
     * Loads the demo members (seed 001's front sheet for 2018/19, seeds 001 and 003's minutes for 2017/18 and
     * 2019/20) onto the demo panel, if no member's place on a committee is recorded yet (the panel's own list has
     * already made its 2018/19 members people; they are found by name and kind).
     */
    async loadDemoIfEmpty(file: string = DEMO_MEMBERS_FILE): Promise<boolean> {
      if (await data.members.anyPlaces()) return false
      const [committee] = await data.meetings.findCommittees()
      if (committee === undefined) return false
      const demo = JSON.parse(await readFile(file, 'utf8')) as DemoMembers
      await data.transaction(async (repos) => {
        for (const entry of demo.members) {
          const id = await repos.members.ensure({
            slug: memberSlug(entry.name, entry.kind),
            name: entry.name,
            kind: entry.kind,
          })
          for (const role of entry.roles) await repos.members.addRole(id, { committeeId: committee.id, ...role })
          for (const interest of entry.interests ?? []) await repos.members.addInterest(id, interest)
        }
        await recordChange(
          repos.audit,
          { actor: 'system (demo council)' },
          'member.load-demo',
          { type: 'committee', id: committee.id },
          { after: { members: demo.members.length } },
        )
      })
      return true
    },
  }
}

export type MemberService = ReturnType<typeof memberService>

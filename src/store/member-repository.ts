/**
 * Members, their places on committees and their registers of interests.
 */
import type { Kysely, Selectable } from 'kysely'
import { addDays } from '../domain/calendar/days.ts'
import type { CommitteeMember } from '../domain/scrutiny/committee.ts'
import type { CommitteePlace, Interest, Member, MemberRole } from '../domain/scrutiny/members.ts'
import type { Database, MemberInterestTable } from './schema.ts'

function toInterest(row: Selectable<MemberInterestTable>): Interest {
  return {
    id: row.id,
    category: row.category,
    description: row.description,
    registeredOn: row.registered_on,
    updatedOn: row.updated_on,
    published: row.published,
  }
}

export function memberRepository(db: Kysely<Database>) {
  return {
    /** Every member, councillors first, each by name. */
    async findAll(): Promise<Member[]> {
      return db.selectFrom('member').selectAll().orderBy('kind').orderBy('name').execute()
    },

    async findBySlug(slug: string): Promise<Member | null> {
      return (await db.selectFrom('member').selectAll().where('slug', '=', slug).executeTakeFirst()) ?? null
    },

    /**
     * Adds a member, or finds the one of that name and kind; returns its id. A new member whose slug another
     * person's name already makes ("O'Neill" and "ONeill") gets the next free one: "councillor-oneill-2".
     */
    async ensure(member: Omit<Member, 'id'>): Promise<number> {
      const found = await db
        .selectFrom('member')
        .select('id')
        .where('name', '=', member.name)
        .where('kind', '=', member.kind)
        .executeTakeFirst()
      if (found !== undefined) return found.id
      const taken = new Set(
        (await db.selectFrom('member').select('slug').where('slug', 'like', `${member.slug}%`).execute()).map(
          (r) => r.slug,
        ),
      )
      let slug = member.slug
      for (let n = 2; taken.has(slug); n += 1) slug = `${member.slug}-${n}`
      const { id } = await db
        .insertInto('member')
        .values({ ...member, slug })
        .returning('id')
        .executeTakeFirstOrThrow()
      return id
    },

    /** A member's places on committees, latest first. */
    async roles(memberId: number): Promise<MemberRole[]> {
      const rows = await db
        .selectFrom('member_role')
        .innerJoin('committee', 'committee.id', 'member_role.committee_id')
        .select(['committee.id', 'committee.name', 'role', 'starts_on', 'ends_on'])
        .where('member_id', '=', memberId)
        .orderBy('starts_on', 'desc')
        .execute()
      return rows.map((r) => ({
        committeeId: r.id,
        committee: r.name,
        role: r.role,
        startsOn: r.starts_on,
        endsOn: r.ends_on,
      }))
    },

    /** Whether any member's place on any committee is recorded. */
    async anyPlaces(): Promise<boolean> {
      return (await db.selectFrom('member_role').select('member_id').limit(1).executeTakeFirst()) !== undefined
    },

    /** Every place on the committee, past and present, with its member, earliest first. */
    async committeePlaces(committeeId: number): Promise<CommitteePlace[]> {
      const rows = await db
        .selectFrom('member_role')
        .innerJoin('member', 'member.id', 'member_role.member_id')
        .select(['member.id', 'member.slug', 'member.name', 'member.kind', 'role', 'starts_on', 'ends_on'])
        .where('committee_id', '=', committeeId)
        .orderBy('starts_on')
        .orderBy('member.name')
        .execute()
      return rows.map((r) => ({
        member: { id: r.id, slug: r.slug, name: r.name, kind: r.kind },
        role: r.role,
        startsOn: r.starts_on,
        endsOn: r.ends_on,
      }))
    },

    /** The members on the committee's list now, in its order, each with their record. */
    async listed(committeeId: number): Promise<Array<{ member: Member; role: CommitteeMember['role'] }>> {
      const rows = await db
        .selectFrom('committee_member')
        .innerJoin('member', 'member.id', 'committee_member.member_id')
        .select(['member.id', 'member.slug', 'member.name', 'member.kind', 'committee_member.role'])
        .where('committee_id', '=', committeeId)
        .orderBy('position')
        .execute()
      return rows.map((r) => ({ member: { id: r.id, slug: r.slug, name: r.name, kind: r.kind }, role: r.role }))
    },

    /**
     * Ends the member's open places on the committee on the day before `today`; a place that starts today or later
     * was a mistake of the same day and is taken away instead (the audit log keeps the change).
     */
    async endPlaces(memberId: number, committeeId: number, today: string): Promise<void> {
      const open = db
        .updateTable('member_role')
        .where('member_id', '=', memberId)
        .where('committee_id', '=', committeeId)
        .where('ends_on', 'is', null)
      await open
        .where('starts_on', '<', today)
        .set({ ends_on: addDays(today, -1) })
        .execute()
      await db
        .deleteFrom('member_role')
        .where('member_id', '=', memberId)
        .where('committee_id', '=', committeeId)
        .where('ends_on', 'is', null)
        .where('starts_on', '>=', today)
        .execute()
    },

    async addRole(memberId: number, role: Omit<MemberRole, 'committee'>): Promise<void> {
      await db
        .insertInto('member_role')
        .values({
          member_id: memberId,
          committee_id: role.committeeId,
          role: role.role,
          starts_on: role.startsOn,
          ends_on: role.endsOn,
        })
        .execute()
    },

    /** A member's interests by category and date registered; only the published ones when `publishedOnly`. */
    async interests(memberId: number, options: { publishedOnly: boolean }): Promise<Interest[]> {
      let query = db.selectFrom('member_interest').selectAll().where('member_id', '=', memberId)
      if (options.publishedOnly) query = query.where('published', '=', true)
      const rows = await query.orderBy('category').orderBy('registered_on').orderBy('id').execute()
      return rows.map(toInterest)
    },

    async addInterest(memberId: number, interest: Omit<Interest, 'id'>): Promise<number> {
      const { id } = await db
        .insertInto('member_interest')
        .values({
          member_id: memberId,
          category: interest.category,
          description: interest.description,
          registered_on: interest.registeredOn,
          updated_on: interest.updatedOn,
          published: interest.published,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      return id
    },

    /** One of a member's interests, or null. */
    async interest(memberId: number, id: number): Promise<Interest | null> {
      const row = await db
        .selectFrom('member_interest')
        .selectAll()
        .where('member_id', '=', memberId)
        .where('id', '=', id)
        .executeTakeFirst()
      return row === undefined ? null : toInterest(row)
    },

    async updateInterest(memberId: number, id: number, interest: Omit<Interest, 'id'>): Promise<void> {
      await db
        .updateTable('member_interest')
        .set({
          category: interest.category,
          description: interest.description,
          registered_on: interest.registeredOn,
          updated_on: interest.updatedOn,
          published: interest.published,
        })
        .where('member_id', '=', memberId)
        .where('id', '=', id)
        .execute()
    },

    async removeInterest(memberId: number, id: number): Promise<void> {
      await db.deleteFrom('member_interest').where('member_id', '=', memberId).where('id', '=', id).execute()
    },
  }
}

export type MemberRepository = ReturnType<typeof memberRepository>

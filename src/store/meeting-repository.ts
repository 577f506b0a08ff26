/**
 * Committees, their members and contacts, meetings and agenda items.
 */
import { sql, type Kysely, type Selectable } from 'kysely'
import type {
  AgendaItem,
  AgendaItemKind,
  Committee,
  CommitteeContact,
  CommitteeMember,
  Meeting,
} from '../domain/scrutiny/committee.ts'
import { memberSlug } from '../domain/scrutiny/members.ts'
import type { PublicInformation, PublicInformationSection } from '../domain/scrutiny/public-information.ts'
import { memberRepository } from './member-repository.ts'
import type { AgendaItemTable, CommitteeTable, Database, MeetingTable } from './schema.ts'

/** The advisory lock key held while a committee is created (any fixed number unique to this use). */
const COMMITTEE_NAMES_LOCK = 7_263_101

/** A committee as it is created: everything but its id. */
export type NewCommittee = Omit<Committee, 'id'>
export type NewMeeting = Omit<Meeting, 'id'>
export type NewAgendaItem = Omit<AgendaItem, 'id' | 'meetingId'>

function toMeeting(row: Selectable<MeetingTable>): Meeting {
  return {
    id: row.id,
    committeeId: row.committee_id,
    date: row.date,
    startTime: row.start_time,
    venue: row.venue,
    status: row.status,
    notice: row.notice,
  }
}

function toAgendaItem(row: Selectable<AgendaItemTable>): AgendaItem {
  return {
    id: row.id,
    meetingId: row.meeting_id,
    position: row.position,
    kind: row.kind as AgendaItemKind,
    title: row.title,
    description: row.description,
    pages: row.page_from === null || row.page_to === null ? null : { from: row.page_from, to: row.page_to },
  }
}

function parseList(json: string): string[] {
  const value: unknown = JSON.parse(json)
  return Array.isArray(value) ? value.filter((x): x is string => typeof x === 'string') : []
}

function parseSections(json: string): PublicInformationSection[] {
  const value: unknown = JSON.parse(json)
  if (!Array.isArray(value)) return []
  return value.flatMap((x: unknown) => {
    if (typeof x !== 'object' || x === null) return []
    const { heading, text } = x as Record<string, unknown>
    return typeof heading === 'string' && typeof text === 'string' ? [{ heading, text }] : []
  })
}

function toPublicInformation(row: Selectable<CommitteeTable>): PublicInformation {
  return { leadIn: row.terms_of_reference_lead_in, sections: parseSections(row.public_information) }
}

export function meetingRepository(db: Kysely<Database>) {
  /** The committee's list, each place's name and kind read from its member record. */
  async function membersOf(committeeId: number): Promise<CommitteeMember[]> {
    return db
      .selectFrom('committee_member')
      .innerJoin('member', 'member.id', 'committee_member.member_id')
      .select(['member.name', 'member.kind', 'committee_member.role'])
      .where('committee_id', '=', committeeId)
      .orderBy('position')
      .execute()
  }
  /** The committee's list as rows: each place's member found, or added, by name and kind. */
  async function placesOf(committeeId: number, members: readonly CommitteeMember[]) {
    const people = memberRepository(db)
    const places = []
    for (const [i, m] of members.entries()) {
      const memberId = await people.ensure({ slug: memberSlug(m.name, m.kind), name: m.name, kind: m.kind })
      places.push({ committee_id: committeeId, position: i + 1, member_id: memberId, role: m.role })
    }
    return places
  }
  async function contactsOf(committeeId: number): Promise<CommitteeContact[]> {
    return db
      .selectFrom('committee_contact')
      .select(['role', 'name', 'phone', 'email'])
      .where('committee_id', '=', committeeId)
      .orderBy('position')
      .execute()
  }

  return {
    async createCommittee(committee: NewCommittee): Promise<number> {
      const { id } = await db
        .insertInto('committee')
        .values({
          slug: committee.slug,
          name: committee.name,
          purpose: committee.purpose,
          terms_of_reference: JSON.stringify(committee.termsOfReference),
          quorum: committee.quorum,
          public_information: JSON.stringify(committee.publicInformation.sections),
          terms_of_reference_lead_in: committee.publicInformation.leadIn,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      if (committee.members.length > 0) {
        await db
          .insertInto('committee_member')
          .values(await placesOf(id, committee.members))
          .execute()
      }
      if (committee.contacts.length > 0) {
        await db
          .insertInto('committee_contact')
          .values(committee.contacts.map((c, i) => ({ committee_id: id, position: i + 1, ...c })))
          .execute()
      }
      return id
    },

    async findCommittees(): Promise<Committee[]> {
      const rows = await db.selectFrom('committee').selectAll().orderBy('name').execute()
      return Promise.all(
        rows.map(async (row) => ({
          id: row.id,
          slug: row.slug,
          name: row.name,
          purpose: row.purpose,
          termsOfReference: parseList(row.terms_of_reference),
          quorum: row.quorum,
          publicInformation: toPublicInformation(row),
          members: await membersOf(row.id),
          contacts: await contactsOf(row.id),
        })),
      )
    },

    async findCommittee(id: number): Promise<Committee | null> {
      const row = await db.selectFrom('committee').selectAll().where('id', '=', id).executeTakeFirst()
      if (!row) return null
      return {
        id: row.id,
        slug: row.slug,
        name: row.name,
        purpose: row.purpose,
        termsOfReference: parseList(row.terms_of_reference),
        quorum: row.quorum,
        publicInformation: toPublicInformation(row),
        members: await membersOf(row.id),
        contacts: await contactsOf(row.id),
      }
    },

    async createMeeting(meeting: NewMeeting): Promise<number> {
      const { id } = await db
        .insertInto('meeting')
        .values({
          committee_id: meeting.committeeId,
          date: meeting.date,
          start_time: meeting.startTime,
          venue: meeting.venue,
          status: meeting.status,
          notice: meeting.notice,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      return id
    },

    async updateMeeting(id: number, changes: Omit<NewMeeting, 'committeeId'>): Promise<void> {
      await db
        .updateTable('meeting')
        .set({
          date: changes.date,
          start_time: changes.startTime,
          venue: changes.venue,
          status: changes.status,
          notice: changes.notice,
        })
        .where('id', '=', id)
        .execute()
    },

    /** Meetings in date order, optionally of one committee and within dates (inclusive). */
    async findMeetings(filter: { committeeId?: number; from?: string; to?: string } = {}): Promise<Meeting[]> {
      let query = db.selectFrom('meeting').selectAll()
      if (filter.committeeId !== undefined) query = query.where('committee_id', '=', filter.committeeId)
      if (filter.from !== undefined) query = query.where('date', '>=', filter.from)
      if (filter.to !== undefined) query = query.where('date', '<=', filter.to)
      const rows = await query.orderBy('date').orderBy('start_time').orderBy('id').execute()
      return rows.map(toMeeting)
    },

    async findMeeting(id: number): Promise<Meeting | null> {
      const row = await db.selectFrom('meeting').selectAll().where('id', '=', id).executeTakeFirst()
      return row ? toMeeting(row) : null
    },

    async findAgenda(meetingId: number): Promise<AgendaItem[]> {
      const rows = await db
        .selectFrom('agenda_item')
        .selectAll()
        .where('meeting_id', '=', meetingId)
        .orderBy('position')
        .execute()
      return rows.map(toAgendaItem)
    },

    async addAgendaItem(meetingId: number, item: NewAgendaItem): Promise<number> {
      const { id } = await db
        .insertInto('agenda_item')
        .values({
          meeting_id: meetingId,
          position: item.position,
          kind: item.kind,
          title: item.title,
          description: item.description,
          page_from: item.pages?.from ?? null,
          page_to: item.pages?.to ?? null,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      return id
    },

    /**
     * Locks a committee's row until the transaction ends, so two officers changing its members at once take turns
     * rather than both replacing the list. False when there is no such committee.
     */
    /**
     * Holds, until the transaction ends, the right to create a committee: two officers naming committees at once
     * then check their names one after the other, so the second sees the first's and is told, rather than failing.
     */
    async lockCommitteeNames(): Promise<void> {
      await sql`select pg_advisory_xact_lock(${COMMITTEE_NAMES_LOCK})`.execute(db)
    },

    async lockCommittee(id: number): Promise<boolean> {
      const row = await db.selectFrom('committee').select('id').where('id', '=', id).forUpdate().executeTakeFirst()
      return row !== undefined
    },

    /** Changes a committee's name, role, terms of reference and quorum (its slug stays). */
    async updateCommittee(
      id: number,
      details: Pick<Committee, 'name' | 'purpose' | 'termsOfReference' | 'quorum'>,
    ): Promise<void> {
      await db
        .updateTable('committee')
        .set({
          name: details.name,
          purpose: details.purpose,
          terms_of_reference: JSON.stringify(details.termsOfReference),
          quorum: details.quorum,
        })
        .where('id', '=', id)
        .execute()
    },

    /** Replaces a committee's standing public information: its sections and terms-of-reference lead-in. */
    async updatePublicInformation(id: number, information: PublicInformation): Promise<void> {
      await db
        .updateTable('committee')
        .set({
          public_information: JSON.stringify(information.sections),
          terms_of_reference_lead_in: information.leadIn,
        })
        .where('id', '=', id)
        .execute()
    },

    /** Replaces a committee's members with `members`, numbered 1, 2, 3… in the order given. */
    async replaceMembers(committeeId: number, members: readonly CommitteeMember[]): Promise<void> {
      await db.deleteFrom('committee_member').where('committee_id', '=', committeeId).execute()
      if (members.length === 0) return
      await db
        .insertInto('committee_member')
        .values(await placesOf(committeeId, members))
        .execute()
    },

    /** Replaces a committee's contacts with `contacts`, numbered 1, 2, 3… in the order given. */
    async replaceContacts(committeeId: number, contacts: readonly CommitteeContact[]): Promise<void> {
      await db.deleteFrom('committee_contact').where('committee_id', '=', committeeId).execute()
      if (contacts.length === 0) return
      await db
        .insertInto('committee_contact')
        .values(
          contacts.map((c, i) => ({
            committee_id: committeeId,
            position: i + 1,
            role: c.role,
            name: c.name,
            phone: c.phone,
            email: c.email,
          })),
        )
        .execute()
    },

    async countCommittees(): Promise<number> {
      const row = await db
        .selectFrom('committee')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
      return row.n
    },
  }
}

export type MeetingRepository = ReturnType<typeof meetingRepository>

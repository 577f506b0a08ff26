/**
 * Minutes of meetings and their numbered minutes.
 */
import type { Kysely, Selectable } from 'kysely'
import type { CommitteeMember } from '../domain/scrutiny/committee.ts'
import {
  resolutionDecisions,
  type MinuteItem,
  type Minutes,
  type MinutesDetails,
  type NumberedMeeting,
} from '../domain/scrutiny/minutes.ts'
import type { RecordedDecision } from '../domain/scrutiny/decisions.ts'
import type { MemberAttendance } from '../domain/scrutiny/attendance.ts'
import type { Database, MinuteItemTable, MinutesAttendanceTable, MinutesTable } from './schema.ts'

export type NewMinuteItem = Omit<MinuteItem, 'id'>

function parseArray(json: string): unknown[] {
  const value: unknown = JSON.parse(json)
  return Array.isArray(value) ? value : []
}

function parseLines(json: string): string[] {
  return parseArray(json).filter((x): x is string => typeof x === 'string')
}

function parseMembers(json: string): CommitteeMember[] {
  return parseArray(json).filter(
    (x): x is CommitteeMember => typeof x === 'object' && x !== null && typeof (x as CommitteeMember).name === 'string',
  )
}

function toItem(row: Selectable<MinuteItemTable>): MinuteItem {
  return {
    id: row.id,
    number: row.number,
    agendaItemId: row.agenda_item_id,
    title: row.title,
    paragraphs: parseLines(row.paragraphs),
    resolved: row.resolved,
    inTheChair: row.in_the_chair,
  }
}

function toAttendance(row: Selectable<MinutesAttendanceTable>): MemberAttendance {
  return { name: row.name, kind: row.kind, role: row.role, attendance: row.attendance, substitute: row.substitute }
}

function toMinutes(row: Selectable<MinutesTable>, items: MinuteItem[], attendance: MemberAttendance[]): Minutes {
  return {
    id: row.id,
    meetingId: row.meeting_id,
    present: parseMembers(row.present),
    apologies: parseMembers(row.apologies),
    attendance,
    officers: parseLines(row.officers),
    declarations: parseLines(row.declarations),
    status: row.status,
    approvedAtMeetingId: row.approved_at_meeting_id,
    approvedOn: row.approved_on,
    items,
  }
}

function memberJson(m: CommitteeMember) {
  return m.substituteFor === undefined
    ? { name: m.name, kind: m.kind, role: m.role }
    : { name: m.name, kind: m.kind, role: m.role, substituteFor: m.substituteFor }
}

function detailColumns(details: MinutesDetails) {
  return {
    present: JSON.stringify(details.present.map(memberJson)),
    apologies: JSON.stringify(details.apologies.map(memberJson)),
    officers: JSON.stringify(details.officers),
    declarations: JSON.stringify(details.declarations),
  }
}

function itemColumns(item: Omit<NewMinuteItem, 'number'>) {
  return {
    agenda_item_id: item.agendaItemId,
    title: item.title,
    paragraphs: JSON.stringify(item.paragraphs),
    resolved: item.resolved,
    in_the_chair: item.inTheChair,
  }
}

export function minutesRepository(db: Kysely<Database>) {
  async function writeAttendance(minutesId: number, attendance: readonly MemberAttendance[]): Promise<void> {
    if (attendance.length === 0) return
    await db
      .insertInto('minutes_attendance')
      .values(
        attendance.map((a, position) => ({
          minutes_id: minutesId,
          position,
          name: a.name,
          kind: a.kind,
          role: a.role === 'substitute' ? 'member' : a.role,
          attendance: a.attendance,
          substitute: a.substitute,
        })),
      )
      .execute()
  }

  /** A minute's resolution as its numbered decisions, one row each (see the minute-decisions migration). */
  async function writeDecisions(minuteItemId: number, resolved: string | null): Promise<void> {
    const decisions = resolved === null ? [] : resolutionDecisions(resolved)
    if (decisions.length === 0) return
    await db
      .insertInto('minute_decision')
      .values(decisions.map((text, i) => ({ minute_item_id: minuteItemId, number: i + 1, text })))
      .execute()
  }

  return {
    /** Every meeting's minutes, without their text: which meeting, draft or approved, and when approved (feeds). */
    async summaries(): Promise<Array<Pick<Minutes, 'meetingId' | 'status' | 'approvedOn'>>> {
      const rows = await db.selectFrom('minutes').select(['meeting_id', 'status', 'approved_on']).execute()
      return rows.map((r) => ({ meetingId: r.meeting_id, status: r.status, approvedOn: r.approved_on }))
    },

    /** The minutes of a meeting with their minutes in number order, or null if none are written. */
    async findByMeeting(meetingId: number): Promise<Minutes | null> {
      const row = await db.selectFrom('minutes').selectAll().where('meeting_id', '=', meetingId).executeTakeFirst()
      if (!row) return null
      const items = await db
        .selectFrom('minute_item')
        .selectAll()
        .where('minutes_id', '=', row.id)
        .orderBy('number')
        .execute()
      const attendance = await db
        .selectFrom('minutes_attendance')
        .selectAll()
        .where('minutes_id', '=', row.id)
        .orderBy('position')
        .execute()
      return toMinutes(row, items.map(toItem), attendance.map(toAttendance))
    },

    async create(meetingId: number, details: MinutesDetails): Promise<number> {
      const { id } = await db
        .insertInto('minutes')
        .values({ meeting_id: meetingId, status: 'draft', ...detailColumns(details) })
        .returning('id')
        .executeTakeFirstOrThrow()
      await writeAttendance(id, details.attendance ?? [])
      return id
    },

    async update(id: number, details: MinutesDetails): Promise<void> {
      await db.updateTable('minutes').set(detailColumns(details)).where('id', '=', id).execute()
      await db.deleteFrom('minutes_attendance').where('minutes_id', '=', id).execute()
      await writeAttendance(id, details.attendance ?? [])
    },

    /**
     * Every recorded attendance of a member (by name and kind) at a committee's meetings, with the meeting's id and
     * date, in date order; minutes that kept only the printed lists are not included (see `attendanceFromLists`).
     */
    async attendanceOf(member: {
      name: string
      kind: string
    }): Promise<Array<MemberAttendance & { meetingId: number; committeeId: number; date: string }>> {
      const rows = await db
        .selectFrom('minutes_attendance')
        .innerJoin('minutes', 'minutes.id', 'minutes_attendance.minutes_id')
        .innerJoin('meeting', 'meeting.id', 'minutes.meeting_id')
        .selectAll('minutes_attendance')
        .select(['meeting.id as meeting_id', 'meeting.committee_id', 'meeting.date'])
        .where('minutes_attendance.name', '=', member.name)
        .where('minutes_attendance.kind', '=', member.kind as 'councillor' | 'appointed')
        .orderBy('meeting.date')
        .execute()
      return rows.map((r) => ({
        ...toAttendance(r),
        meetingId: r.meeting_id,
        committeeId: r.committee_id,
        date: r.date,
      }))
    },

    async approve(id: number, approval: { meetingId: number; on: string }): Promise<void> {
      await db
        .updateTable('minutes')
        .set({ status: 'approved', approved_at_meeting_id: approval.meetingId, approved_on: approval.on })
        .where('id', '=', id)
        .execute()
    },

    async addItem(minutesId: number, item: NewMinuteItem): Promise<number> {
      const { id } = await db
        .insertInto('minute_item')
        .values({ minutes_id: minutesId, number: item.number, ...itemColumns(item) })
        .returning('id')
        .executeTakeFirstOrThrow()
      await writeDecisions(id, item.resolved)
      return id
    },

    async updateItem(id: number, item: Omit<NewMinuteItem, 'number'>): Promise<void> {
      await db.updateTable('minute_item').set(itemColumns(item)).where('id', '=', id).execute()
      await db.deleteFrom('minute_decision').where('minute_item_id', '=', id).execute()
      await writeDecisions(id, item.resolved)
    },

    /** Every recorded attendance at a committee's meetings, with the meeting, in date order. */
    async committeeAttendance(
      committeeId: number,
    ): Promise<Array<MemberAttendance & { meetingId: number; date: string }>> {
      const rows = await db
        .selectFrom('minutes_attendance')
        .innerJoin('minutes', 'minutes.id', 'minutes_attendance.minutes_id')
        .innerJoin('meeting', 'meeting.id', 'minutes.meeting_id')
        .selectAll('minutes_attendance')
        .select(['meeting.id as meeting_id', 'meeting.date'])
        .where('meeting.committee_id', '=', committeeId)
        .orderBy('meeting.date')
        .orderBy('minutes_attendance.position')
        .execute()
      return rows.map((r) => ({ ...toAttendance(r), meetingId: r.meeting_id, date: r.date }))
    },

    /** Every recorded attendance where `substitute` was typed as given (any case), with the meeting. */
    async substitutionsBy(label: string): Promise<Array<{ meetingId: number; date: string; forName: string }>> {
      const rows = await db
        .selectFrom('minutes_attendance')
        .innerJoin('minutes', 'minutes.id', 'minutes_attendance.minutes_id')
        .innerJoin('meeting', 'meeting.id', 'minutes.meeting_id')
        .select(['meeting.id', 'meeting.date', 'minutes_attendance.name', 'minutes_attendance.kind'])
        .where((eb) => eb(eb.fn('lower', ['minutes_attendance.substitute']), '=', label.toLowerCase()))
        .orderBy('meeting.date')
        .execute()
      return rows.map((r) => ({
        meetingId: r.id,
        date: r.date,
        forName: r.kind === 'councillor' ? `Councillor ${r.name}` : r.name,
      }))
    },

    /** The declarations of every meeting's minutes that has any, with the meeting, in date order. */
    async allDeclarations(): Promise<Array<{ meetingId: number; date: string; declarations: string[] }>> {
      const rows = await db
        .selectFrom('minutes')
        .innerJoin('meeting', 'meeting.id', 'minutes.meeting_id')
        .select(['meeting.id', 'meeting.date', 'minutes.declarations'])
        .where('minutes.declarations', '<>', '[]')
        .orderBy('meeting.date')
        .execute()
      return rows.map((r) => ({ meetingId: r.id, date: r.date, declarations: parseLines(r.declarations) }))
    },

    /** Every numbered decision of every committee's minutes, with its minute and meeting, latest meeting first. */
    async allDecisions(): Promise<RecordedDecision[]> {
      const rows = await db
        .selectFrom('minute_decision')
        .innerJoin('minute_item', 'minute_item.id', 'minute_decision.minute_item_id')
        .innerJoin('minutes', 'minutes.id', 'minute_item.minutes_id')
        .innerJoin('meeting', 'meeting.id', 'minutes.meeting_id')
        .innerJoin('committee', 'committee.id', 'meeting.committee_id')
        .select([
          'minute_decision.number',
          'minute_decision.text',
          'minute_item.number as minute_number',
          'minute_item.title',
          'minutes.status',
          'meeting.id as meeting_id',
          'meeting.date',
          'committee.id as committee_id',
          'committee.name as committee_name',
        ])
        .orderBy('meeting.date', 'desc')
        .orderBy('minute_item.number')
        .orderBy('minute_decision.number')
        .execute()
      return rows.map((r) => ({
        committeeId: r.committee_id,
        committee: r.committee_name,
        meetingId: r.meeting_id,
        date: r.date,
        minutesStatus: r.status,
        minuteNumber: r.minute_number,
        minuteTitle: r.title,
        number: r.number,
        text: r.text,
      }))
    },

    /** The committee's other minuted meetings and how many minutes each has, for numbering. */
    async minutedMeetings(committeeId: number, exceptMeetingId: number): Promise<NumberedMeeting[]> {
      const rows = await db
        .selectFrom('minutes')
        .innerJoin('meeting', 'meeting.id', 'minutes.meeting_id')
        .leftJoin('minute_item', 'minute_item.minutes_id', 'minutes.id')
        .select([
          'meeting.date',
          (eb) => eb.fn.count<number>('minute_item.id').as('n'),
          (eb) => eb.fn.max<number | null>('minute_item.number').as('last'),
        ])
        .where('meeting.committee_id', '=', committeeId)
        .where('meeting.id', '<>', exceptMeetingId)
        .groupBy(['meeting.id', 'meeting.date'])
        .execute()
      return rows.map((row) => ({ date: row.date, minuteCount: row.n, lastNumber: row.last }))
    },
  }
}

export type MinutesRepository = ReturnType<typeof minutesRepository>

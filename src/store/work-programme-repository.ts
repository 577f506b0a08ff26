/**
 * Committees' work programmes.
 */
import type { Kysely, Selectable } from 'kysely'
import type { WorkProgrammeDetails, WorkProgrammeItem, WorkProgrammeStatus } from '../domain/scrutiny/work-programme.ts'
import type { Database, WorkProgrammeItemTable } from './schema.ts'

function toItem(row: Selectable<WorkProgrammeItemTable>): WorkProgrammeItem {
  return {
    id: row.id,
    committeeId: row.committee_id,
    title: row.title,
    purpose: row.purpose,
    leadOfficer: row.lead_officer,
    meetingId: row.meeting_id,
    plannedMonth: row.planned_month,
    status: row.status,
    agendaItemId: row.agenda_item_id,
    deferralReason: row.deferral_reason,
  }
}

export function workProgrammeRepository(db: Kysely<Database>) {
  return {
    /** A committee's items, in the order they were added. */
    async findByCommittee(committeeId: number): Promise<WorkProgrammeItem[]> {
      const rows = await db
        .selectFrom('work_programme_item')
        .selectAll()
        .where('committee_id', '=', committeeId)
        .orderBy('id')
        .execute()
      return rows.map(toItem)
    },

    async find(id: number): Promise<WorkProgrammeItem | null> {
      const row = await db.selectFrom('work_programme_item').selectAll().where('id', '=', id).executeTakeFirst()
      return row === undefined ? null : toItem(row)
    },

    async add(committeeId: number, item: WorkProgrammeDetails, status: WorkProgrammeStatus): Promise<number> {
      const { id } = await db
        .insertInto('work_programme_item')
        .values({
          committee_id: committeeId,
          title: item.title,
          purpose: item.purpose,
          lead_officer: item.leadOfficer,
          meeting_id: item.meetingId,
          planned_month: item.plannedMonth,
          status,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      return id
    },

    /** Changes an item's details, or where it stands (an item that is not deferred has no reason for it). */
    async update(
      id: number,
      changes: Partial<WorkProgrammeDetails> & {
        status?: WorkProgrammeStatus
        deferralReason?: string | null
      },
    ): Promise<void> {
      await db
        .updateTable('work_programme_item')
        .set({
          title: changes.title,
          purpose: changes.purpose,
          lead_officer: changes.leadOfficer,
          meeting_id: changes.meetingId,
          planned_month: changes.plannedMonth,
          status: changes.status,
          deferral_reason: changes.deferralReason,
        })
        .where('id', '=', id)
        .execute()
    },

    async setStatus(id: number, status: WorkProgrammeStatus, agendaItemId: number | null): Promise<void> {
      await db
        .updateTable('work_programme_item')
        .set({ status, agenda_item_id: agendaItemId })
        .where('id', '=', id)
        .execute()
    },
  }
}

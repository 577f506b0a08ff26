/**
 * The audit log: who did what, when, to which subject, with before → after. Append-only (a database trigger
 * refuses updates and deletes).
 */
import type { Kysely } from 'kysely'
import type { Database } from './schema.ts'

export interface AuditEvent {
  actor: string
  action: string
  subjectType: string
  subjectId: string
  correlationId: string | null
  details: Record<string, unknown>
}

export interface RecordedAuditEvent extends AuditEvent {
  id: number
  at: string
}

export function auditRepository(db: Kysely<Database>) {
  return {
    async record(event: AuditEvent): Promise<void> {
      await db
        .insertInto('audit_event')
        .values({
          actor: event.actor,
          action: event.action,
          subject_type: event.subjectType,
          subject_id: event.subjectId,
          correlation_id: event.correlationId,
          details: JSON.stringify(event.details),
        })
        .execute()
    },

    async list(
      filter: { subjectType?: string; subjectId?: string; limit?: number } = {},
    ): Promise<RecordedAuditEvent[]> {
      let query = db.selectFrom('audit_event').selectAll()
      if (filter.subjectType !== undefined) query = query.where('subject_type', '=', filter.subjectType)
      if (filter.subjectId !== undefined) query = query.where('subject_id', '=', filter.subjectId)
      const rows = await query
        .orderBy('id', 'desc')
        .limit(filter.limit ?? 100)
        .execute()
      return rows.map((r) => ({
        id: r.id,
        at: r.at,
        actor: r.actor,
        action: r.action,
        subjectType: r.subject_type,
        subjectId: r.subject_id,
        correlationId: r.correlation_id,
        details: r.details as Record<string, unknown>,
      }))
    },
  }
}

export type AuditRepository = ReturnType<typeof auditRepository>

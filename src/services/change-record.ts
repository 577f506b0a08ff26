/**
 * Recording a change in the audit log: every service writes its audit events through `recordChange`, so each
 * event has the one shape — who, what, which subject, the request's correlation id and the details (before →
 * after). Call it inside the change's transaction, with that transaction's audit repository.
 */
import type { AuditRepository } from '../store/audit-repository.ts'

/** Who is making a change, for the audit log, and the request it came from (none from the command line). */
export interface ChangeContext {
  actor: string
  correlationId?: string | null
}

/** What a change was made to: its kind (`meeting`, `report`, `user` …) and its id (numbers are stored as text). */
export interface ChangeSubject {
  type: string
  id: string | number
}

/**
 * Writes one audit event: the context's actor and correlation id (null when it has none), the action, the
 * subject's type and id (as text) and the details, exactly as given.
 * @example
 * await data.transaction(async (repos) => {
 *   await repos.meetings.updateMeeting(id, after)
 *   await recordChange(repos.audit, context, 'meeting.update', { type: 'meeting', id }, { before, after })
 * })
 */
export function recordChange(
  audit: Pick<AuditRepository, 'record'>,
  context: ChangeContext,
  action: string,
  subject: ChangeSubject,
  details: Record<string, unknown>,
): Promise<void> {
  return audit.record(auditEventOf(context, action, subject, details))
}

/** `recordChange`, returning the event's id, for rows linked to the event (the children a drill-down showed). */
export function recordChangeWithId(
  audit: Pick<AuditRepository, 'recordReturningId'>,
  context: ChangeContext,
  action: string,
  subject: ChangeSubject,
  details: Record<string, unknown>,
): Promise<number> {
  return audit.recordReturningId(auditEventOf(context, action, subject, details))
}

function auditEventOf(
  context: ChangeContext,
  action: string,
  subject: ChangeSubject,
  details: Record<string, unknown>,
) {
  return {
    actor: context.actor,
    action,
    subjectType: subject.type,
    subjectId: String(subject.id),
    correlationId: context.correlationId ?? null,
    details,
  }
}

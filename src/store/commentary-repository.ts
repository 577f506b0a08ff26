/**
 * Commentary and performance overviews, each row with its sign-off workflow columns. Saving writes the whole
 * record (the service decides what it becomes); the audit log keeps every earlier version as before → after.
 */
import type { Kysely, Selectable } from 'kysely'
import {
  STATUSES,
  type Commentary,
  type OverviewSection,
  type PerformanceOverview,
  type WorkflowRecord,
  type WorkflowStatus,
} from '../domain/commentary-workflow.ts'
import type { CommentaryTable, Database, PerformanceOverviewTable } from './schema.ts'

type WorkflowRow = Pick<
  Selectable<CommentaryTable>,
  | 'status'
  | 'author'
  | 'submitted_by'
  | 'submitted_at'
  | 'approved_by'
  | 'approved_at'
  | 'returned_by'
  | 'returned_at'
  | 'return_reason'
  | 'published_by'
  | 'published_at'
  | 'created_at'
  | 'updated_at'
>

function toStatus(text: string): WorkflowStatus {
  const status = STATUSES.find((s) => s === text)
  if (status === undefined) throw new Error(`Unknown workflow status "${text}" in the database.`)
  return status
}

function toWorkflow(row: WorkflowRow): WorkflowRecord {
  return {
    status: toStatus(row.status),
    author: row.author,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    submittedBy: row.submitted_by,
    submittedAt: row.submitted_at,
    approvedBy: row.approved_by,
    approvedAt: row.approved_at,
    returnedBy: row.returned_by,
    returnedAt: row.returned_at,
    returnReason: row.return_reason,
    publishedBy: row.published_by,
    publishedAt: row.published_at,
  }
}

function workflowColumns(record: WorkflowRecord) {
  return {
    status: record.status,
    author: record.author,
    created_at: record.createdAt,
    updated_at: record.updatedAt,
    submitted_by: record.submittedBy,
    submitted_at: record.submittedAt,
    approved_by: record.approvedBy,
    approved_at: record.approvedAt,
    returned_by: record.returnedBy,
    returned_at: record.returnedAt,
    return_reason: record.returnReason,
    published_by: record.publishedBy,
    published_at: record.publishedAt,
  }
}

function toSections(value: unknown): OverviewSection[] {
  if (!Array.isArray(value)) return []
  return value.flatMap((item: unknown) => {
    if (typeof item !== 'object' || item === null) return []
    const { title, text } = item as { title?: unknown; text?: unknown }
    return typeof title === 'string' && typeof text === 'string' ? [{ title, text }] : []
  })
}

function toCommentary(row: Selectable<CommentaryTable>): Commentary {
  return {
    datasetId: row.dataset_id,
    period: row.period,
    indicatorId: row.indicator_id,
    text: row.text,
    ...toWorkflow(row),
  }
}

function toOverview(row: Selectable<PerformanceOverviewTable>) {
  return {
    datasetId: row.dataset_id,
    period: row.period,
    sections: toSections(row.sections),
    ...toWorkflow(row),
  } satisfies PerformanceOverview
}

export function commentaryRepository(db: Kysely<Database>) {
  return {
    async findCommentary(datasetId: string, period: string, indicatorId: string): Promise<Commentary | null> {
      const row = await db
        .selectFrom('commentary')
        .selectAll()
        .where('dataset_id', '=', datasetId)
        .where('period', '=', period)
        .where('indicator_id', '=', indicatorId)
        .executeTakeFirst()
      return row === undefined ? null : toCommentary(row)
    },

    /** An indicator's latest approved (or published) commentary in any dataset, up to `upTo`; null when none. */
    async latestApproved(indicatorId: string, upTo: string | null): Promise<Commentary | null> {
      let query = db
        .selectFrom('commentary')
        .selectAll()
        .where('indicator_id', '=', indicatorId)
        .where('status', 'in', ['approved', 'published'])
      if (upTo !== null) query = query.where('period', '<=', upTo)
      const row = await query.orderBy('period', 'desc').orderBy('approved_at', 'desc').limit(1).executeTakeFirst()
      return row === undefined ? null : toCommentary(row)
    },

    /** Every indicator's commentary for one month, optionally only those with one status. */
    async listCommentary(datasetId: string, period: string, status?: WorkflowStatus): Promise<Commentary[]> {
      let query = db
        .selectFrom('commentary')
        .selectAll()
        .where('dataset_id', '=', datasetId)
        .where('period', '=', period)
      if (status !== undefined) query = query.where('status', '=', status)
      const rows = await query.orderBy('indicator_id').execute()
      return rows.map(toCommentary)
    },

    /** Writes the whole record, creating it or replacing what was there. */
    async saveCommentary(commentary: Commentary): Promise<void> {
      const columns = { ...workflowColumns(commentary), text: commentary.text }
      await db
        .insertInto('commentary')
        .values({
          dataset_id: commentary.datasetId,
          period: commentary.period,
          indicator_id: commentary.indicatorId,
          ...columns,
        })
        .onConflict((oc) => oc.columns(['dataset_id', 'period', 'indicator_id']).doUpdateSet(columns))
        .execute()
    },

    async findOverview(datasetId: string, period: string): Promise<PerformanceOverview | null> {
      const row = await db
        .selectFrom('performance_overview')
        .selectAll()
        .where('dataset_id', '=', datasetId)
        .where('period', '=', period)
        .executeTakeFirst()
      return row === undefined ? null : toOverview(row)
    },

    /** Writes the whole overview, creating it or replacing what was there. */
    async saveOverview(overview: PerformanceOverview): Promise<void> {
      const columns = {
        ...workflowColumns(overview),
        sections: JSON.stringify(overview.sections.map((s) => ({ title: s.title, text: s.text }))),
      }
      await db
        .insertInto('performance_overview')
        .values({ dataset_id: overview.datasetId, period: overview.period, ...columns })
        .onConflict((oc) => oc.columns(['dataset_id', 'period']).doUpdateSet(columns))
        .execute()
    },
  }
}

export type CommentaryRepository = ReturnType<typeof commentaryRepository>

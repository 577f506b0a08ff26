/**
 * Process changes on indicators' XmR charts (`spc_process_change`): one per indicator and month.
 */
import type { Kysely, Selectable } from 'kysely'
import type { Period } from '../domain/period.ts'
import type { ProcessChange } from '../domain/statistics/process-changes.ts'
import type { Database, SpcProcessChangeTable } from './schema.ts'

function toProcessChange(row: Selectable<SpcProcessChangeTable>): ProcessChange {
  return {
    indicatorId: row.indicator_id,
    period: row.period,
    reason: row.reason,
    recordedBy: row.recorded_by,
    recordedAt: row.recorded_at,
  }
}

export function processChangeRepository(db: Kysely<Database>) {
  return {
    /** An indicator's process changes, oldest month first. */
    async list(indicatorId: string): Promise<ProcessChange[]> {
      const rows = await db
        .selectFrom('spc_process_change')
        .selectAll()
        .where('indicator_id', '=', indicatorId)
        .orderBy('period')
        .execute()
      return rows.map(toProcessChange)
    },

    /** The process changes of many indicators (a dataset's summary grid), oldest month first. */
    async listFor(indicatorIds: readonly string[]): Promise<ProcessChange[]> {
      if (indicatorIds.length === 0) return []
      const rows = await db
        .selectFrom('spc_process_change')
        .selectAll()
        .where('indicator_id', 'in', [...indicatorIds])
        .orderBy('indicator_id')
        .orderBy('period')
        .execute()
      return rows.map(toProcessChange)
    },

    /** Adds a process change; false (and nothing written) when the indicator already has one for that month. */
    async insert(change: Omit<ProcessChange, 'recordedAt'> & { recordedAt: string }): Promise<boolean> {
      const result = await db
        .insertInto('spc_process_change')
        .values({
          indicator_id: change.indicatorId,
          period: change.period,
          reason: change.reason,
          recorded_by: change.recordedBy,
          recorded_at: change.recordedAt,
        })
        .onConflict((oc) => oc.columns(['indicator_id', 'period']).doNothing())
        .executeTakeFirst()
      return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1
    },

    /** Removes one; returns what it was, or null when there was none. */
    async remove(indicatorId: string, period: Period): Promise<ProcessChange | null> {
      const row = await db
        .deleteFrom('spc_process_change')
        .where('indicator_id', '=', indicatorId)
        .where('period', '=', period)
        .returningAll()
        .executeTakeFirst()
      return row === undefined ? null : toProcessChange(row)
    },
  }
}

export type ProcessChangeRepository = ReturnType<typeof processChangeRepository>

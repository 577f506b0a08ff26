/**
 * Imports: one row per file loaded, so every figure can be traced to the file it came from.
 */
import type { Kysely } from 'kysely'
import type { Database } from './schema.ts'

export interface ImportRecord {
  id: number
  kind: string
  sourceFile: string
  layout: string
  importedAt: string
  importedBy: string
  observationCount: number
  revisionCount: number
  indicatorCount: number
}

export function importRepository(db: Kysely<Database>) {
  return {
    async start(input: { kind: string; sourceFile: string; layout: string; importedBy: string }): Promise<number> {
      const row = await db
        .insertInto('import_batch')
        .values({
          kind: input.kind,
          source_file: input.sourceFile,
          layout: input.layout,
          imported_by: input.importedBy,
          observation_count: 0,
          revision_count: 0,
          indicator_count: 0,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      return row.id
    },

    async finish(id: number, counts: { observations: number; revisions: number; indicators: number }): Promise<void> {
      await db
        .updateTable('import_batch')
        .set({
          observation_count: counts.observations,
          revision_count: counts.revisions,
          indicator_count: counts.indicators,
        })
        .where('id', '=', id)
        .execute()
    },

    async list(limit = 50): Promise<ImportRecord[]> {
      const rows = await db.selectFrom('import_batch').selectAll().orderBy('id', 'desc').limit(limit).execute()
      return rows.map((r) => ({
        id: r.id,
        kind: r.kind,
        sourceFile: r.source_file,
        layout: r.layout,
        importedAt: r.imported_at,
        importedBy: r.imported_by,
        observationCount: r.observation_count,
        revisionCount: r.revision_count,
        indicatorCount: r.indicator_count,
      }))
    },

    /** The latest import that wrote any of this indicator's current figures. */
    async latestForIndicator(indicatorId: string): Promise<ImportRecord | null> {
      const row = await db
        .selectFrom('import_batch')
        .selectAll('import_batch')
        .where('id', 'in', (eb) =>
          eb
            .selectFrom('observation')
            .select('import_id')
            .where('indicator_id', '=', indicatorId)
            .where('import_id', 'is not', null)
            .$narrowType<{ import_id: number }>(),
        )
        .orderBy('id', 'desc')
        .limit(1)
        .executeTakeFirst()
      if (!row) return null
      return {
        id: row.id,
        kind: row.kind,
        sourceFile: row.source_file,
        layout: row.layout,
        importedAt: row.imported_at,
        importedBy: row.imported_by,
        observationCount: row.observation_count,
        revisionCount: row.revision_count,
        indicatorCount: row.indicator_count,
      }
    },
  }
}

export type ImportRepository = ReturnType<typeof importRepository>

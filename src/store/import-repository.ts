/**
 * Imports: one row per file loaded, so every figure can be traced to the file it came from.
 */
import { sql, type Kysely, type Selectable } from 'kysely'
import type { Database, ImportBatchTable } from './schema.ts'

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
  removedAt: string | null
  removedBy: string | null
  summary: Record<string, unknown>
}

function toRecord(r: Selectable<ImportBatchTable>): ImportRecord {
  return {
    id: r.id,
    kind: r.kind,
    sourceFile: r.source_file,
    layout: r.layout,
    importedAt: r.imported_at,
    importedBy: r.imported_by,
    observationCount: r.observation_count,
    revisionCount: r.revision_count,
    indicatorCount: r.indicator_count,
    removedAt: r.removed_at,
    removedBy: r.removed_by,
    summary: (r.summary ?? {}) as Record<string, unknown>,
  }
}

/** The advisory lock every import takes (any number: it only has to be the same one everywhere). */
const IMPORT_LOCK = 736_301

export function importRepository(db: Kysely<Database>) {
  return {
    /**
     * Waits for any other import to finish, then holds them off until this transaction ends: an import compares
     * the stored figures with what its preview was checked against, and writes, with no other import in between.
     * Call first inside the import's transaction.
     */
    async lock(): Promise<void> {
      await sql`select pg_advisory_xact_lock(${IMPORT_LOCK})`.execute(db)
    },

    /**
     * Records an import. With `loading`, it stays invisible to every reader until `finish` (its rows are stored in
     * many transactions first): call `heartbeat` as blocks are stored, and `discard` if it fails.
     */
    async start(input: {
      kind: string
      sourceFile: string
      layout: string
      importedBy: string
      loading?: boolean
    }): Promise<number> {
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
          loading_heartbeat: input.loading === true ? sql<string>`now()` : null,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      return row.id
    },

    /**
     * Records what an import wrote, and makes a loading one live. With `importedBy` (a loading import made live,
     * perhaps long after an upload's check stored it) it is recorded as imported now, by them.
     */
    async finish(
      id: number,
      counts: { observations: number; revisions: number; indicators: number; importedBy?: string },
    ): Promise<void> {
      await db
        .updateTable('import_batch')
        .set({
          observation_count: counts.observations,
          revision_count: counts.revisions,
          indicator_count: counts.indicators,
          loading_heartbeat: null,
          staged_for_upload: null,
          ...(counts.importedBy === undefined
            ? {}
            : { imported_by: counts.importedBy, imported_at: sql<string>`now()` }),
        })
        .where('id', '=', id)
        .execute()
    },

    /**
     * Says a loading import is still alive. False if it is gone (discarded as abandoned): its loader must stop.
     * Inside a transaction this also locks the row, so that nothing discards it until the transaction ends.
     */
    async heartbeat(id: number): Promise<boolean> {
      const row = await db
        .updateTable('import_batch')
        .set({ loading_heartbeat: sql<string>`now()` })
        .where('id', '=', id)
        .where('loading_heartbeat', 'is not', null)
        .returning('id')
        .executeTakeFirst()
      return row !== undefined
    },

    /** Deletes a loading import and the rows it stored (they cascade). */
    async discard(id: number): Promise<void> {
      await db.deleteFrom('import_batch').where('id', '=', id).where('loading_heartbeat', 'is not', null).execute()
    },

    /**
     * Deletes the loading imports whose heartbeat is older than `staleAfterMs` (0: every one): what a process
     * that died while storing left behind. Returns their ids. A staged import (see `stage`) is kept while its upload
     * waits to be confirmed or is confirmed: it is finished storing, not abandoned.
     */
    async discardAbandoned(staleAfterMs: number): Promise<number[]> {
      const rows = await db
        .deleteFrom('import_batch')
        .where('loading_heartbeat', '<=', sql<string>`now() - make_interval(secs => ${staleAfterMs / 1000})`)
        .where((eb) =>
          eb.or([
            eb('staged_for_upload', 'is', null),
            eb.not(
              eb.exists(
                eb
                  .selectFrom('upload')
                  .select('upload.id')
                  .whereRef('upload.id', '=', 'import_batch.staged_for_upload')
                  .where('upload.status', 'in', ['previewed', 'confirmed']),
              ),
            ),
          ]),
        )
        .returning('id')
        .execute()
      return rows.map((r) => r.id)
    },

    /**
     * Marks a loading import that has stored all its rows as staged for an upload: still invisible, kept until the
     * upload is confirmed (`finish` makes it live) or ends otherwise (`discardStaged`). False if it is gone.
     */
    async stage(id: number, uploadId: number): Promise<boolean> {
      const row = await db
        .updateTable('import_batch')
        .set({ staged_for_upload: uploadId, loading_heartbeat: sql<string>`now()` })
        .where('id', '=', id)
        .where('loading_heartbeat', 'is not', null)
        .returning('id')
        .executeTakeFirst()
      return row !== undefined
    },

    /** The import an upload's check staged and what it kept for making it live; null if there is none. */
    async findStaged(uploadId: number): Promise<{ id: number; summary: Record<string, unknown> } | null> {
      const row = await db
        .selectFrom('import_batch')
        .select(['id', 'summary'])
        .where('staged_for_upload', '=', uploadId)
        .where('loading_heartbeat', 'is not', null)
        .orderBy('id', 'desc')
        .executeTakeFirst()
      return row ? { id: row.id, summary: (row.summary ?? {}) as Record<string, unknown> } : null
    },

    /** Deletes whatever an upload's checks staged and never made live (its rows cascade). Returns their ids. */
    async discardStaged(uploadId: number): Promise<number[]> {
      const rows = await db
        .deleteFrom('import_batch')
        .where('staged_for_upload', '=', uploadId)
        .where('loading_heartbeat', 'is not', null)
        .returning('id')
        .execute()
      return rows.map((r) => r.id)
    },

    async list(options: { kind?: string; limit?: number } = {}): Promise<ImportRecord[]> {
      let query = db.selectFrom('import_batch').selectAll().where('loading_heartbeat', 'is', null)
      if (options.kind !== undefined) query = query.where('kind', '=', options.kind)
      const rows = await query
        .orderBy('id', 'desc')
        .limit(options.limit ?? 50)
        .execute()
      return rows.map(toRecord)
    },

    async find(id: number): Promise<ImportRecord | null> {
      const row = await db
        .selectFrom('import_batch')
        .selectAll()
        .where('id', '=', id)
        .where('loading_heartbeat', 'is', null)
        .executeTakeFirst()
      return row ? toRecord(row) : null
    },

    async setSummary(id: number, summary: Record<string, unknown>): Promise<void> {
      await db
        .updateTable('import_batch')
        .set({ summary: JSON.stringify(summary) })
        .where('id', '=', id)
        .execute()
    },

    async markRemoved(id: number, actor: string): Promise<void> {
      await db
        .updateTable('import_batch')
        .set({ removed_at: new Date().toISOString(), removed_by: actor })
        .where('id', '=', id)
        .execute()
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
      return row ? toRecord(row) : null
    },
  }
}

export type ImportRepository = ReturnType<typeof importRepository>

/**
 * An uploaded Annex A return is stored by its check, not read again when it is confirmed: the check stores its rows
 * as a loading import (invisible to every reader, see `2026-12-06T13-00-00-import-loading`) and, once it has
 * finished, marks it `staged_for_upload`. Confirming the upload makes that import live in one short transaction.
 * A staged import is kept (never taken for abandoned) while its upload waits to be confirmed or is being loaded,
 * and is deleted, rows and all, when the upload is abandoned, fails, is checked again, or is deleted.
 */
import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('import_batch')
    .addColumn('staged_for_upload', 'integer', (c) => c.references('upload.id').onDelete('cascade'))
    .execute()
  await sql`create index import_batch_staged_for_upload on import_batch (staged_for_upload)
    where staged_for_upload is not null`.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  // A staged import was never confirmed: without the column it could not be told from one cut off while loading.
  await sql`delete from import_batch where staged_for_upload is not null and loading_heartbeat is not null`.execute(db)
  await db.schema.alterTable('import_batch').dropColumn('staged_for_upload').execute()
}

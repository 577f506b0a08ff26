/**
 * An Annex A import stores its child-level rows in many short transactions, so that on the embedded database
 * (one connection) the web keeps answering while a million rows go in. Until its last transaction writes the
 * figures, the import is "loading": `loading_heartbeat` is when it last stored a block (null once loaded).
 * Readers ignore loading imports; one whose heartbeat stopped (its process died) is deleted, rows and all.
 */
import type { Kysely } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('import_batch').addColumn('loading_heartbeat', 'timestamptz').execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('import_batch').dropColumn('loading_heartbeat').execute()
}

/**
 * SSDA903 missing episodes (missing.csv), which Annex A has no list for, stored as "list 12" beside the Annex A
 * lists: the same shape (the file's cells as JSON text under the import they came from), deleted with the import.
 */
import type { Kysely } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('annex_a_list_12')
    .addColumn('import_id', 'integer', (c) => c.notNull().references('import_batch.id').onDelete('cascade'))
    .addColumn('row', 'integer', (c) => c.notNull())
    .addColumn('child_id', 'text', (c) => c.notNull())
    .addColumn('cells', 'jsonb', (c) => c.notNull())
    .addPrimaryKeyConstraint('annex_a_list_12_pk', ['import_id', 'row'])
    .execute()
  await db.schema
    .createIndex('annex_a_list_12_child_idx')
    .on('annex_a_list_12')
    .columns(['import_id', 'child_id'])
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('annex_a_list_12').ifExists().execute()
}

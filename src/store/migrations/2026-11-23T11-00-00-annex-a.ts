/**
 * Child-level records from Ofsted Annex A imports, one table per list, with the import they came from; the
 * problems each import found (for its data-quality page); which measure fills which indicator; council settings.
 * Removing an import deletes its child-level records but keeps the import row, so figures it wrote stay traceable.
 */
import { sql, type Kysely } from 'kysely'

export const ANNEX_A_LISTS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11] as const

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('indicator').addColumn('measure_id', 'text').execute()
  await db.schema
    .alterTable('indicator')
    .addColumn('measure_part', 'text', (c) => c.check(sql`measure_part in ('value', 'count')`))
    .execute()

  await db.schema.alterTable('import_batch').addColumn('removed_at', 'timestamptz').execute()
  await db.schema.alterTable('import_batch').addColumn('removed_by', 'text').execute()
  await db.schema
    .alterTable('import_batch')
    .addColumn('summary', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .execute()

  for (const list of ANNEX_A_LISTS) {
    await db.schema
      .createTable(`annex_a_list_${list}`)
      .addColumn('import_id', 'integer', (c) => c.notNull().references('import_batch.id').onDelete('cascade'))
      .addColumn('row', 'integer', (c) => c.notNull())
      .addColumn('child_id', 'text', (c) => c.notNull())
      .addColumn('cells', 'jsonb', (c) => c.notNull())
      .addPrimaryKeyConstraint(`annex_a_list_${list}_pk`, ['import_id', 'row'])
      .execute()
    await db.schema
      .createIndex(`annex_a_list_${list}_child_idx`)
      .on(`annex_a_list_${list}`)
      .columns(['import_id', 'child_id'])
      .execute()
  }

  await db.schema
    .createTable('import_problem')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('import_id', 'integer', (c) => c.notNull().references('import_batch.id').onDelete('cascade'))
    .addColumn('severity', 'text', (c) => c.notNull().check(sql`severity in ('error', 'warning')`))
    .addColumn('list', 'integer')
    .addColumn('row', 'integer')
    .addColumn('column_name', 'text')
    .addColumn('value', 'text')
    .addColumn('reason', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('import_problem_import_idx').on('import_problem').column('import_id').execute()

  await db.schema
    .createTable('council_setting')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'jsonb', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('bank_holiday')
    .addColumn('date', 'date', (c) => c.primaryKey())
    .addColumn('title', 'text', (c) => c.notNull())
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('bank_holiday').ifExists().execute()
  await db.schema.dropTable('council_setting').ifExists().execute()
  await db.schema.dropTable('import_problem').ifExists().execute()
  for (const list of ANNEX_A_LISTS) await db.schema.dropTable(`annex_a_list_${list}`).ifExists().execute()
  await db.schema.alterTable('import_batch').dropColumn('summary').execute()
  await db.schema.alterTable('import_batch').dropColumn('removed_by').execute()
  await db.schema.alterTable('import_batch').dropColumn('removed_at').execute()
  await db.schema.alterTable('indicator').dropColumn('measure_part').execute()
  await db.schema.alterTable('indicator').dropColumn('measure_id').execute()
}

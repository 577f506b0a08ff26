/**
 * Commentary on each indicator for each month, and the director's performance overview for each month, both with
 * the sign-off workflow's who/when columns. Every change is also in the audit log with before → after, which is
 * the history of earlier versions.
 */
import { sql, type CreateTableBuilder, type Kysely } from 'kysely'

const STATUS_CHECK = sql`status in ('draft', 'submitted', 'approved', 'published')`

type TableBuilder = CreateTableBuilder<string, string>

function withWorkflow(table: TableBuilder): TableBuilder {
  return table
    .addColumn('status', 'text', (c) => c.notNull().check(STATUS_CHECK))
    .addColumn('author', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('submitted_by', 'text')
    .addColumn('submitted_at', 'timestamptz')
    .addColumn('approved_by', 'text')
    .addColumn('approved_at', 'timestamptz')
    .addColumn('returned_by', 'text')
    .addColumn('returned_at', 'timestamptz')
    .addColumn('return_reason', 'text')
    .addColumn('published_by', 'text')
    .addColumn('published_at', 'timestamptz')
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await withWorkflow(
    db.schema
      .createTable('commentary')
      .addColumn('dataset_id', 'text', (c) => c.notNull().references('dataset.id').onDelete('cascade'))
      .addColumn('period', 'text', (c) => c.notNull())
      .addColumn('indicator_id', 'text', (c) => c.notNull().references('indicator.id').onDelete('cascade'))
      .addColumn('text', 'text', (c) => c.notNull()),
  )
    .addPrimaryKeyConstraint('commentary_pk', ['dataset_id', 'period', 'indicator_id'])
    .execute()

  await withWorkflow(
    db.schema
      .createTable('performance_overview')
      .addColumn('dataset_id', 'text', (c) => c.notNull().references('dataset.id').onDelete('cascade'))
      .addColumn('period', 'text', (c) => c.notNull())
      .addColumn('sections', 'jsonb', (c) => c.notNull()),
  )
    .addPrimaryKeyConstraint('performance_overview_pk', ['dataset_id', 'period'])
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('performance_overview').ifExists().execute()
  await db.schema.dropTable('commentary').ifExists().execute()
}

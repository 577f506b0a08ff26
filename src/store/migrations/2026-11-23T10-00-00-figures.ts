/**
 * The indicator catalogue, datasets, monthly figures with their revision history, imports and the audit log.
 * Values are double precision: the council's figures are counts and one-decimal percentages, and percentages are
 * recomputed from their numerators and denominators rather than stored rounded.
 */
import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('dataset')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .execute()

  await db.schema
    .createTable('indicator')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('service_area', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('unit', 'text', (c) =>
      c.notNull().check(sql`unit in ('count', 'percentage', 'rate per 10,000', 'days')`),
    )
    .addColumn('polarity', 'text', (c) => c.notNull().check(sql`polarity in ('higher', 'lower', 'neutral')`))
    .addColumn('owner', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('reporter', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('outcome', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('definition', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('numerator_id', 'text')
    .addColumn('denominator_id', 'text')
    .addColumn('region_name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('benchmark_sn', 'double precision')
    .addColumn('benchmark_sn_vintage', 'text')
    .addColumn('benchmark_england', 'double precision')
    .addColumn('benchmark_england_vintage', 'text')
    .addColumn('benchmark_region', 'double precision')
    .addColumn('benchmark_region_vintage', 'text')
    .addColumn('rag_tolerance_percent', 'double precision', (c) => c.notNull().defaultTo(5))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute()

  await db.schema
    .createTable('indicator_target')
    .addColumn('indicator_id', 'text', (c) => c.notNull().references('indicator.id').onDelete('cascade'))
    .addColumn('financial_year', 'text', (c) => c.notNull())
    .addColumn('value', 'double precision', (c) => c.notNull())
    .addPrimaryKeyConstraint('indicator_target_pk', ['indicator_id', 'financial_year'])
    .execute()

  await db.schema
    .createTable('dataset_indicator')
    .addColumn('dataset_id', 'text', (c) => c.notNull().references('dataset.id').onDelete('cascade'))
    .addColumn('indicator_id', 'text', (c) => c.notNull().references('indicator.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('dataset_indicator_pk', ['dataset_id', 'indicator_id'])
    .execute()

  await db.schema
    .createTable('import_batch')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('source_file', 'text', (c) => c.notNull())
    .addColumn('layout', 'text', (c) => c.notNull())
    .addColumn('imported_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('imported_by', 'text', (c) => c.notNull())
    .addColumn('observation_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('revision_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('indicator_count', 'integer', (c) => c.notNull().defaultTo(0))
    .execute()

  await db.schema
    .createTable('observation')
    .addColumn('indicator_id', 'text', (c) => c.notNull().references('indicator.id').onDelete('cascade'))
    .addColumn('period', 'text', (c) => c.notNull().check(sql`period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'`))
    .addColumn('value', 'double precision')
    .addColumn('numerator', 'double precision')
    .addColumn('denominator', 'double precision')
    .addColumn('import_id', 'integer', (c) => c.references('import_batch.id'))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('observation_pk', ['indicator_id', 'period'])
    .execute()
  await db.schema.createIndex('observation_period_idx').on('observation').column('period').execute()

  await db.schema
    .createTable('observation_revision')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('indicator_id', 'text', (c) => c.notNull().references('indicator.id').onDelete('cascade'))
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('previous_value', 'double precision')
    .addColumn('previous_numerator', 'double precision')
    .addColumn('previous_denominator', 'double precision')
    .addColumn('new_value', 'double precision')
    .addColumn('new_numerator', 'double precision')
    .addColumn('new_denominator', 'double precision')
    .addColumn('revised_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('import_id', 'integer', (c) => c.notNull().references('import_batch.id'))
    .addColumn('source_file', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('observation_revision_indicator_idx')
    .on('observation_revision')
    .columns(['indicator_id', 'period'])
    .execute()

  await db.schema
    .createTable('audit_event')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('subject_type', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('correlation_id', 'text')
    .addColumn('details', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .execute()

  // The audit log is append-only at the database level: no role can rewrite history through the application.
  await sql`
    create function audit_event_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'the audit log is append-only';
    end
    $$`.execute(db)
  await sql`
    create trigger audit_event_no_change before update or delete on audit_event
    for each row execute function audit_event_append_only()`.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop trigger if exists audit_event_no_change on audit_event`.execute(db)
  await sql`drop function if exists audit_event_append_only()`.execute(db)
  for (const table of [
    'audit_event',
    'observation_revision',
    'observation',
    'import_batch',
    'dataset_indicator',
    'indicator_target',
    'indicator',
    'dataset',
  ]) {
    await db.schema.dropTable(table).ifExists().execute()
  }
}

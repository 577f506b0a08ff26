/**
 * DfE benchmarks (LAIT, issue 13): every council's published values by item and year as the extract has them
 * (a value, or DfE's marker and its reason when not published), the items with their data-dictionary polarity,
 * each council's ten statistical neighbours in order, and the LA code list. An import replaces them all. The
 * catalogue's indicators gain `benchmark_item`, the DfE item their benchmarks come from.
 */
import type { Kysely } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  // The catalogue's `benchmark_item` column: the DfE item an indicator's benchmarks come from.
  await db.schema.alterTable('indicator').addColumn('benchmark_item', 'text').execute()
  await db.schema
    .createTable('benchmark_item')
    .addColumn('item', 'text', (c) => c.primaryKey())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('polarity', 'text')
    .execute()
  await db.schema
    .createTable('benchmark_value')
    .addColumn('item', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('la_number', 'integer', (c) => c.notNull())
    .addColumn('area', 'text', (c) => c.notNull())
    .addColumn('region', 'text', (c) => c.notNull())
    .addColumn('value', 'double precision')
    .addColumn('marker', 'text')
    .addColumn('reason', 'text')
    .addPrimaryKeyConstraint('benchmark_value_pk', ['item', 'year', 'la_number'])
    .execute()
  await db.schema
    .createTable('benchmark_neighbour')
    .addColumn('la_number', 'integer', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('neighbour', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('benchmark_neighbour_pk', ['la_number', 'position'])
    .execute()
  await db.schema
    .createTable('benchmark_council')
    .addColumn('la_number', 'integer', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('region', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['benchmark_council', 'benchmark_neighbour', 'benchmark_value', 'benchmark_item'])
    await db.schema.dropTable(table).ifExists().execute()
  await db.schema.alterTable('indicator').dropColumn('benchmark_item').execute()
}

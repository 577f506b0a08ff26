/**
 * Annex A imports stored in blocks, so that a million-row return imports in seconds on either database
 * (docs/adr/0004-annex-a-rows-in-blocks.md).
 *
 * `annex_a_row_block`: a list's data rows, a run of consecutive rows (`first_row` to `last_row`, sheet row numbers)
 * per database row, as the JSON text domain/annex-a/row-blocks.ts writes. Stored uncompressed (`storage external`):
 * compressing a hundred megabytes at import costs more than the disk it saves.
 *
 * `annex_a_rule_rows`: which rows a rule of the import looks at in which months (what `annex_a_row_month` held one
 * row each), one database row per rule: three JSON arrays of the same length, row numbers and the month ordinals
 * [from, to) each is looked at in.
 *
 * The rows of earlier imports are moved into the new tables, a list of an import at a time, and the old tables
 * (one per list, a row per row) are dropped.
 */
import { sql, type Kysely } from 'kysely'
import { RowBlocks } from '../../domain/annex-a/row-blocks.ts'

const LISTS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11] as const

/** Old rows read per query while moving them: keeps a large council's migration in bounded memory. */
const PAGE = 20_000

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('annex_a_row_block')
    .addColumn('import_id', 'integer', (c) => c.notNull().references('import_batch.id').onDelete('cascade'))
    .addColumn('list', 'smallint', (c) => c.notNull())
    .addColumn('first_row', 'integer', (c) => c.notNull())
    .addColumn('last_row', 'integer', (c) => c.notNull())
    .addColumn('row_count', 'integer', (c) => c.notNull())
    .addColumn('rows', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('annex_a_row_block_pk', ['import_id', 'list', 'first_row'])
    .execute()
  await sql`alter table annex_a_row_block alter column rows set storage external`.execute(db)

  await db.schema
    .createTable('annex_a_rule_rows')
    .addColumn('import_id', 'integer', (c) => c.notNull().references('import_batch.id').onDelete('cascade'))
    .addColumn('rule', 'smallint', (c) => c.notNull())
    .addColumn('list', 'smallint', (c) => c.notNull())
    .addColumn('row_count', 'integer', (c) => c.notNull())
    .addColumn('rows', 'text', (c) => c.notNull())
    .addColumn('from_months', 'text', (c) => c.notNull())
    .addColumn('to_months', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('annex_a_rule_rows_pk', ['import_id', 'rule'])
    .execute()
  await sql`alter table annex_a_rule_rows alter column rows set storage external`.execute(db)

  for (const list of LISTS) await moveList(db, list)
  await moveRowMonths(db)

  for (const list of LISTS) await db.schema.dropTable(`annex_a_list_${list}`).execute()
  await db.schema.dropTable('annex_a_row_month').execute()
}

/** Moves one list's rows into blocks, import by import, in row order. */
async function moveList(db: Kysely<unknown>, list: number): Promise<void> {
  const table = sql.table(`annex_a_list_${list}`)
  const imports = await sql<{ import_id: number }>`select distinct import_id from ${table} order by import_id`.execute(
    db,
  )
  for (const { import_id: importId } of imports.rows) {
    const blocks = new RowBlocks()
    let after = 0
    for (;;) {
      const page = await sql<{ row: number; cells: unknown }>`select row, cells from ${table}
        where import_id = ${importId} and row > ${after} order by row limit ${PAGE}`.execute(db)
      for (const r of page.rows) {
        const cells = Array.isArray(r.cells)
          ? r.cells.map((cell: unknown) => (typeof cell === 'string' ? cell : ''))
          : []
        blocks.add(r.row, cells)
        after = r.row
      }
      if (page.rows.length < PAGE) break
    }
    for (const block of blocks.finish()) {
      await sql`insert into annex_a_row_block (import_id, list, first_row, last_row, row_count, rows)
        values (${importId}, ${list}, ${block.firstRow}, ${block.lastRow}, ${block.rows}, ${block.text})`.execute(db)
    }
  }
}

/** Moves each import's rule rows into one row per rule. */
async function moveRowMonths(db: Kysely<unknown>): Promise<void> {
  const rules = await sql<{ import_id: number; rule: number; list: number }>`
    select distinct import_id, rule, list from annex_a_row_month order by import_id, rule`.execute(db)
  for (const { import_id: importId, rule, list } of rules.rows) {
    const found = await sql<{ row: number; from_month: number; to_month: number }>`
      select row, from_month, to_month from annex_a_row_month
      where import_id = ${importId} and rule = ${rule} and list = ${list} order by row, from_month`.execute(db)
    await sql`insert into annex_a_rule_rows (import_id, rule, list, row_count, rows, from_months, to_months)
      values (${importId}, ${rule}, ${list}, ${found.rows.length},
        ${JSON.stringify(found.rows.map((r) => r.row))}, ${JSON.stringify(found.rows.map((r) => r.from_month))},
        ${JSON.stringify(found.rows.map((r) => r.to_month))})
      on conflict (import_id, rule) do nothing`.execute(db)
  }
}

/** Recreates the old tables, empty: the rows stored in blocks are not moved back. */
export async function down(db: Kysely<unknown>): Promise<void> {
  for (const list of LISTS) {
    await db.schema
      .createTable(`annex_a_list_${list}`)
      .addColumn('import_id', 'integer', (c) => c.notNull().references('import_batch.id').onDelete('cascade'))
      .addColumn('row', 'integer', (c) => c.notNull())
      .addColumn('child_id', 'text', (c) => c.notNull())
      .addColumn('cells', 'jsonb', (c) => c.notNull())
      .addPrimaryKeyConstraint(`annex_a_list_${list}_pk`, ['import_id', 'row'])
      .execute()
  }
  await db.schema
    .createTable('annex_a_row_month')
    .addColumn('import_id', 'integer', (c) => c.notNull().references('import_batch.id').onDelete('cascade'))
    .addColumn('rule', 'smallint', (c) => c.notNull())
    .addColumn('list', 'smallint', (c) => c.notNull())
    .addColumn('row', 'integer', (c) => c.notNull())
    .addColumn('from_month', 'integer', (c) => c.notNull())
    .addColumn('to_month', 'integer', (c) => c.notNull())
    .execute()
  await db.schema.dropTable('annex_a_rule_rows').execute()
  await db.schema.dropTable('annex_a_row_block').execute()
}

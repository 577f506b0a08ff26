/**
 * Child-level rows of Annex A imports (one table per list) and the problems each import found. These rows are
 * personal data about children: only services that check the caller's role may read them.
 */
import { sql, type Kysely } from 'kysely'
import type { Database } from './schema.ts'

export const ANNEX_A_TABLES = {
  1: 'annex_a_list_1',
  2: 'annex_a_list_2',
  3: 'annex_a_list_3',
  4: 'annex_a_list_4',
  5: 'annex_a_list_5',
  6: 'annex_a_list_6',
  7: 'annex_a_list_7',
  8: 'annex_a_list_8',
  9: 'annex_a_list_9',
  10: 'annex_a_list_10',
  11: 'annex_a_list_11',
  // SSDA903 missing episodes (missing.csv as written), which Annex A has no list for.
  12: 'annex_a_list_12',
} as const

export type AnnexAListNumber = keyof typeof ANNEX_A_TABLES

export function isAnnexAList(n: number): n is AnnexAListNumber {
  return n in ANNEX_A_TABLES
}

export interface StoredProblem {
  severity: 'error' | 'warning'
  list: number | null
  row: number | null
  column: string | null
  value: string | null
  reason: string
}

/**
 * Rows per insert. Each batch travels as a few array parameters (row numbers, child ids, each row's cells as JSON
 * text) that the database unnests itself: one statement and a handful of parameters per batch, rather than a
 * VALUES list the embedded PGlite must parse and bind cell by cell, or one big JSON document it must take apart.
 * Small enough that on the embedded database a page asked for meanwhile waits only a moment (pglite-dialect.ts).
 */
const BATCH = 5000

/** Rows of `annex_a_row_month` per insert (five numbers a row). */
const MONTH_BATCH = 20_000

/** One rule's rows of `annex_a_row_month`: parallel arrays, as domain/measures/compute.ts rowMonthsOf gives. */
export interface RowMonthBlock {
  rule: number
  list: number
  rows: ArrayLike<number>
  from: ArrayLike<number>
  to: ArrayLike<number>
}

export function annexARepository(db: Kysely<Database>) {
  return {
    async insertRows(
      importId: number,
      list: AnnexAListNumber,
      rows: ReadonlyArray<{ row: number; childId: string; cells: readonly string[] }>,
    ): Promise<void> {
      const table = sql.table(ANNEX_A_TABLES[list])
      for (let i = 0; i < rows.length; i += BATCH) {
        const batch = rows.slice(i, i + BATCH)
        const numbers = batch.map((r) => r.row)
        const ids = batch.map((r) => r.childId)
        const cells = batch.map((r) => JSON.stringify(r.cells))
        await sql`insert into ${table} (import_id, row, child_id, cells)
          select ${importId}, r, c, x::jsonb
          from unnest(${numbers}::int[], ${ids}::text[], ${cells}::text[]) as u(r, c, x)`.execute(db)
      }
    },

    /** Stores which rows a rule looks at in which months (see the drill-down migration), in large batches. */
    async insertRowMonths(importId: number, block: RowMonthBlock): Promise<void> {
      const total = block.rows.length
      for (let i = 0; i < total; i += MONTH_BATCH) {
        const end = Math.min(i + MONTH_BATCH, total)
        const slice = (values: ArrayLike<number>): number[] =>
          Array.from({ length: end - i }, (_, k) => values[i + k] ?? 0)
        await sql`insert into annex_a_row_month (import_id, rule, list, row, from_month, to_month)
          select ${importId}, ${block.rule}, ${block.list}, r, f, t
          from unnest(${slice(block.rows)}::int[], ${slice(block.from)}::int[], ${slice(block.to)}::int[]) as u(r, f, t)`.execute(
          db,
        )
      }
    },

    /**
     * The rows of a list that any of `rules` looks at in the month with ordinal `month`, in row order, and with
     * `sameChildren` every other row of the same children too (a blank Child Unique ID matches no other row): what
     * explaining one measure-month needs, read through the indexes.
     */
    async rowsLookedAt(
      importId: number,
      list: AnnexAListNumber,
      rules: readonly number[],
      month: number,
      sameChildren: boolean,
    ): Promise<Array<{ row: number; childId: string; cells: string[] }>> {
      if (rules.length === 0) return []
      const table = sql.table(ANNEX_A_TABLES[list])
      const hit = sql`select m.row from annex_a_row_month m
        where m.import_id = ${importId} and m.rule = any(${[...rules]}::smallint[]) and m.from_month <= ${month}
          and m.to_month > ${month} and m.list = ${list}`
      const wanted = sameChildren
        ? sql`with hit as (${hit}),
            children as (
              select distinct c.child_id from ${table} c join hit on c.import_id = ${importId} and c.row = hit.row
              where c.child_id <> ''
            )
            select row from hit
            union
            select l.row from ${table} l join children on l.import_id = ${importId} and l.child_id = children.child_id`
        : sql`select distinct row from (${hit}) as hit`
      const result = await sql<{ row: number; child_id: string; cells: string[] }>`
        select l.row, l.child_id, l.cells from ${table} l join (${wanted}) as wanted
          on l.import_id = ${importId} and l.row = wanted.row
        order by l.row`.execute(db)
      return result.rows.map((r) => ({ row: r.row, childId: r.child_id, cells: r.cells }))
    },

    /**
     * Refreshes the planner's statistics of the lists given and of `annex_a_row_month` after an import stored
     * its rows: the embedded database never runs autovacuum, and without statistics its planner reads a
     * million-row list whole to find one month's rows. (On PostgreSQL a role that does not own the tables is only
     * warned, and autovacuum does it soon after anyway.)
     */
    async analyze(lists: readonly AnnexAListNumber[]): Promise<void> {
      const tables = [...lists.map((list) => ANNEX_A_TABLES[list]), 'annex_a_row_month']
      await sql`analyze ${sql.join(tables.map((table) => sql.table(table)))}`.execute(db)
    },

    async rows(
      importId: number,
      list: AnnexAListNumber,
    ): Promise<Array<{ row: number; childId: string; cells: string[] }>> {
      const rows = await db
        .selectFrom(ANNEX_A_TABLES[list])
        .select(['row', 'child_id', 'cells'])
        .where('import_id', '=', importId)
        .orderBy('row')
        .execute()
      return rows.map((r) => ({ row: r.row, childId: r.child_id, cells: r.cells as string[] }))
    },

    async rowCounts(importId: number): Promise<Record<number, number>> {
      const counts: Record<number, number> = {}
      for (const [list, table] of Object.entries(ANNEX_A_TABLES)) {
        const result = await db
          .selectFrom(table)
          .select(sql<number>`count(*)::int`.as('n'))
          .where('import_id', '=', importId)
          .executeTakeFirstOrThrow()
        counts[Number(list)] = result.n
      }
      return counts
    },

    async deleteRows(importId: number): Promise<number> {
      let deleted = 0
      for (const table of Object.values(ANNEX_A_TABLES)) {
        const result = await db.deleteFrom(table).where('import_id', '=', importId).executeTakeFirst()
        deleted += Number(result.numDeletedRows)
      }
      await db.deleteFrom('annex_a_row_month').where('import_id', '=', importId).execute()
      return deleted
    },

    async insertProblems(importId: number, problems: readonly StoredProblem[]): Promise<void> {
      for (let i = 0; i < problems.length; i += BATCH) {
        await db
          .insertInto('import_problem')
          .values(
            problems.slice(i, i + BATCH).map((p) => ({
              import_id: importId,
              severity: p.severity,
              list: p.list,
              row: p.row,
              column_name: p.column,
              value: p.value,
              reason: p.reason,
            })),
          )
          .execute()
      }
    },

    async problems(importId: number): Promise<StoredProblem[]> {
      const rows = await db
        .selectFrom('import_problem')
        .select(['severity', 'list', 'row', 'column_name', 'value', 'reason'])
        .where('import_id', '=', importId)
        .orderBy('id')
        .execute()
      return rows.map((r) => ({
        severity: r.severity,
        list: r.list,
        row: r.row,
        column: r.column_name,
        value: r.value,
        reason: r.reason,
      }))
    },
  }
}

export type AnnexARepository = ReturnType<typeof annexARepository>

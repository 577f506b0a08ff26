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
 * Rows per insert. Each batch travels as one JSON parameter that the database unpacks itself: on the embedded
 * PGlite that is more than twice as fast as a VALUES list of four parameters a row, which it must parse and bind
 * one by one (a million-row return is mostly this insert). Small enough that on the embedded database a page
 * asked for meanwhile waits only a moment for the statement running (pglite-dialect.ts).
 */
const BATCH = 2000

export function annexARepository(db: Kysely<Database>) {
  return {
    async insertRows(
      importId: number,
      list: AnnexAListNumber,
      rows: ReadonlyArray<{ row: number; childId: string; cells: readonly string[] }>,
    ): Promise<void> {
      const table = sql.table(ANNEX_A_TABLES[list])
      for (let i = 0; i < rows.length; i += BATCH) {
        const batch = JSON.stringify(rows.slice(i, i + BATCH).map((r) => [r.row, r.childId, r.cells]))
        await sql`insert into ${table} (import_id, row, child_id, cells)
          select ${importId}, (e->>0)::int, e->>1, e->2 from jsonb_array_elements(${batch}::jsonb) as e`.execute(db)
      }
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

/**
 * Child-level rows of Annex A imports, kept in blocks of consecutive rows (domain/annex-a/row-blocks.ts), which rows
 * each rule of a measure looks at in which months, and the problems each import found. These rows are personal data
 * about children: only services that check the caller's role may read them.
 */
import { sql, type Kysely } from 'kysely'
import {
  ANNEX_A_LISTS,
  blocksHolding,
  rowsOfBlock,
  type AnnexAListNumber,
  type RowBlock,
  type StoredRow,
} from '../domain/annex-a/row-blocks.ts'
import type { Database } from './schema.ts'

export interface StoredProblem {
  severity: 'error' | 'warning'
  list: number | null
  row: number | null
  column: string | null
  value: string | null
  reason: string
}

/** Problems per insert. */
const BATCH = 5000

/**
 * Blocks per insert: about 4 MB of text a statement, each block's text a parameter of its own (an array parameter
 * would have the database parse every quote and backslash again). Small enough that on the embedded database a
 * page asked for meanwhile waits only a moment (pglite-dialect.ts).
 */
const BLOCKS_PER_INSERT = 10

/** One rule's rows: parallel arrays, as domain/measures/compute.ts rowMonthsOf gives. */
export interface RowMonthBlock {
  rule: number
  list: number
  rows: ArrayLike<number>
  from: ArrayLike<number>
  to: ArrayLike<number>
}

export function annexARepository(db: Kysely<Database>) {
  /** The block boundaries of a list of an import, in row order. */
  async function blockIndex(importId: number, list: AnnexAListNumber) {
    const found = await db
      .selectFrom('annex_a_row_block')
      .select(['first_row', 'last_row'])
      .where('import_id', '=', importId)
      .where('list', '=', list)
      .orderBy('first_row')
      .execute()
    return found.map((b) => ({ firstRow: b.first_row, lastRow: b.last_row }))
  }

  /** The rows of the blocks starting at `firstRows` (every block when null), in row order. */
  async function blockRows(
    importId: number,
    list: AnnexAListNumber,
    firstRows: readonly number[] | null,
  ): Promise<StoredRow[]> {
    if (firstRows !== null && firstRows.length === 0) return []
    let query = db
      .selectFrom('annex_a_row_block')
      .select('rows')
      .where('import_id', '=', importId)
      .where('list', '=', list)
    if (firstRows !== null) query = query.where('first_row', '=', sql<number>`any(${[...firstRows]}::int[])`)
    const found = await query.orderBy('first_row').execute()
    return found.flatMap((b) => rowsOfBlock(b.rows))
  }

  return {
    /** Stores a list's blocks under an import, a few megabytes a statement. */
    async insertBlocks(importId: number, list: AnnexAListNumber, blocks: readonly RowBlock[]): Promise<void> {
      for (let i = 0; i < blocks.length; i += BLOCKS_PER_INSERT) {
        const batch = blocks.slice(i, i + BLOCKS_PER_INSERT)
        await db
          .insertInto('annex_a_row_block')
          .values(
            batch.map((b) => ({
              import_id: importId,
              list,
              first_row: b.firstRow,
              last_row: b.lastRow,
              row_count: b.rows,
              rows: b.text,
            })),
          )
          .execute()
      }
    },

    /** Stores which rows a rule looks at in which months (see the row-blocks migration): one row per rule. */
    async insertRowMonths(importId: number, block: RowMonthBlock): Promise<void> {
      await db
        .insertInto('annex_a_rule_rows')
        .values({
          import_id: importId,
          rule: block.rule,
          list: block.list,
          row_count: block.rows.length,
          rows: JSON.stringify(Array.from(block.rows)),
          from_months: JSON.stringify(Array.from(block.from)),
          to_months: JSON.stringify(Array.from(block.to)),
        })
        .execute()
    },

    /**
     * The rows of a list that any of `rules` looks at in the month with ordinal `month`, in row order, and with
     * `sameChildren` (the list's Child Unique ID column) every other row of the same children too (a blank Child
     * Unique ID matches no other row): what explaining one measure-month needs. Reads the rules' rows and only the
     * blocks holding the rows wanted — or, to find the same children's rows, every block of the list.
     */
    async rowsLookedAt(
      importId: number,
      list: AnnexAListNumber,
      rules: readonly number[],
      month: number,
      sameChildren: number | null,
    ): Promise<StoredRow[]> {
      if (rules.length === 0) return []
      const found = await db
        .selectFrom('annex_a_rule_rows')
        .select(['rows', 'from_months', 'to_months'])
        .where('import_id', '=', importId)
        .where('list', '=', list)
        .where('rule', 'in', [...rules])
        .execute()
      const hit = new Set<number>()
      for (const rule of found) {
        const rows = JSON.parse(rule.rows) as number[]
        const from = JSON.parse(rule.from_months) as number[]
        const to = JSON.parse(rule.to_months) as number[]
        for (let i = 0; i < rows.length; i++) {
          const row = rows[i]
          if (row !== undefined && (from[i] ?? Infinity) <= month && (to[i] ?? -Infinity) > month) hit.add(row)
        }
      }
      if (hit.size === 0) return []
      if (sameChildren === null) {
        return (await blockRows(importId, list, blocksHolding(await blockIndex(importId, list), hit))).filter((r) =>
          hit.has(r.row),
        )
      }
      const all = await blockRows(importId, list, null)
      const children = new Set<string>()
      for (const r of all) {
        const id = (r.cells[sameChildren] ?? '').trim()
        if (id !== '' && hit.has(r.row)) children.add(id)
      }
      return all.filter((r) => hit.has(r.row) || children.has((r.cells[sameChildren] ?? '').trim()))
    },

    /**
     * Refreshes the planner's statistics of the import tables after an import stored its rows: the embedded
     * database never runs autovacuum. (On PostgreSQL a role that does not own the tables is only warned, and
     * autovacuum does it soon after anyway.)
     */
    async analyze(): Promise<void> {
      await sql`analyze annex_a_row_block, annex_a_rule_rows`.execute(db)
    },

    /** Every stored row of a list of an import, in row order. */
    async rows(importId: number, list: AnnexAListNumber): Promise<StoredRow[]> {
      return blockRows(importId, list, null)
    },

    async rowCounts(importId: number): Promise<Record<number, number>> {
      const found = await db
        .selectFrom('annex_a_row_block')
        .select(['list', sql<number>`sum(row_count)::int`.as('n')])
        .where('import_id', '=', importId)
        .groupBy('list')
        .execute()
      const counts: Record<number, number> = {}
      for (const list of ANNEX_A_LISTS) counts[list] = 0
      for (const r of found) counts[r.list] = r.n
      return counts
    },

    async deleteRows(importId: number): Promise<number> {
      const deleted = await db
        .deleteFrom('annex_a_row_block')
        .where('import_id', '=', importId)
        .returning('row_count')
        .execute()
      await db.deleteFrom('annex_a_rule_rows').where('import_id', '=', importId).execute()
      return deleted.reduce((sum, b) => sum + b.row_count, 0)
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

import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { Migrator, sql } from 'kysely'
import { storeTargets } from '../../test/databases.ts'
import { annexARepository } from './annex-a-repository.ts'
import { migrateToLatest, type Store } from './connect.ts'
import { importRepository } from './import-repository.ts'
import { migrationProvider } from './migrations/index.ts'

const BLOCKS_MIGRATION = '2026-12-09T00-00-00-annex-a-row-blocks'

/** Rows of an import made before blocks: every other row number (gaps, as blank rows leave), across blocks. */
const OLD_ROWS = Array.from({ length: 2300 }, (_, i) => ({
  row: 2 + i * 2,
  childId: `C${i % 700}`,
  cells: [`C${i % 700}`, `2018-0${1 + (i % 9)}-1${i % 10}`, i % 3 === 0 ? 'Yes' : 'No'],
}))

for (const target of storeTargets()) {
  describe(`Annex A rows moved into blocks on ${target.name}`, { skip: target.skip }, () => {
    let store: Store
    let importId: number

    before(async () => {
      if (!target.open) return
      store = await target.open()
      const names = Object.keys(await migrationProvider.getMigrations()).sort()
      const previous = names[names.indexOf(BLOCKS_MIGRATION) - 1]
      assert.ok(previous)
      const { error } = await new Migrator({ db: store.db, provider: migrationProvider }).migrateTo(previous)
      assert.equal(error, undefined)
      importId = await importRepository(store.db).start({
        kind: 'annex-a',
        sourceFile: 'old.zip',
        layout: 'csv folder',
        importedBy: 'test',
        loading: false,
      })
      // Inserted out of order: the move must put them back in row order.
      for (const chunk of [OLD_ROWS.slice(1000), OLD_ROWS.slice(0, 1000)]) {
        await sql`insert into annex_a_list_3 (import_id, row, child_id, cells)
          select ${importId}, r, c, x::jsonb
          from unnest(${chunk.map((r) => r.row)}::int[], ${chunk.map((r) => r.childId)}::text[],
            ${chunk.map((r) => JSON.stringify(r.cells))}::text[]) as u(r, c, x)`.execute(store.db)
      }
      // Rule 0 looks at the first ten rows in month 5, rule 1 at row 4000 in months 3 to 6.
      for (const [rule, row, from, to] of [
        ...OLD_ROWS.slice(0, 10).map((r) => [0, r.row, 5, 6] as const),
        [1, 4000, 3, 7] as const,
      ]) {
        await sql`insert into annex_a_row_month (import_id, rule, list, row, from_month, to_month)
          values (${importId}, ${rule}, 3, ${row}, ${from}, ${to})`.execute(store.db)
      }
      await migrateToLatest(store.db)
    })
    after(async () => {
      await store.close()
    })

    it('keeps every row, in row order, with its cells', async () => {
      const rows = await annexARepository(store.db).rows(importId, 3)
      assert.deepEqual(
        rows,
        OLD_ROWS.map((r) => ({ row: r.row, cells: r.cells })),
      )
      assert.deepEqual((await annexARepository(store.db).rowCounts(importId))[3], OLD_ROWS.length)
      const blocks = await sql<{ n: number }>`select count(*)::int as n from annex_a_row_block`.execute(store.db)
      assert.equal(blocks.rows[0]?.n, 3, 'a thousand rows a block')
    })

    it('keeps which rows each rule looks at in which months', async () => {
      const repository = annexARepository(store.db)
      const inMay = await repository.rowsLookedAt(importId, 3, [0, 1], 5, null)
      assert.deepEqual(
        inMay.map((r) => r.row),
        [...OLD_ROWS.slice(0, 10).map((r) => r.row), 4000],
      )
      assert.deepEqual(
        (await repository.rowsLookedAt(importId, 3, [1], 6, null)).map((r) => r.row),
        [4000],
      )
      assert.deepEqual(await repository.rowsLookedAt(importId, 3, [1], 7, null), [])
      // With the child id column, the same child's other rows come too: row 4000 is C599's, as is every 700th.
      const sameChild = await repository.rowsLookedAt(importId, 3, [1], 6, 0)
      assert.deepEqual(
        sameChild.map((r) => r.row),
        [1200, 2600, 4000],
      )
      assert.deepEqual(
        OLD_ROWS.filter((r) => r.childId === 'C599').map((r) => r.row),
        [1200, 2600, 4000],
      )
    })

    it('drops the old tables and deletes an import’s rows with it', async () => {
      const old = await sql<{ n: number }>`select count(*)::int as n from information_schema.tables
        where table_name in ('annex_a_list_3', 'annex_a_row_month')`.execute(store.db)
      assert.equal(old.rows[0]?.n, 0)
      assert.equal(await annexARepository(store.db).deleteRows(importId), OLD_ROWS.length)
      assert.deepEqual(await annexARepository(store.db).rows(importId, 3), [])
      assert.deepEqual(await annexARepository(store.db).rowsLookedAt(importId, 3, [0], 5, null), [])
    })
  })
}

/**
 * DfE benchmarks (LAIT): the extract's values, the items, the statistical neighbours and the LA code list. An
 * import replaces them all (call `replaceAll` inside the import's transaction).
 */
import type { Kysely } from 'kysely'
import { readBenchmarkValue, type AreaFigure, type BenchmarkValue } from '../domain/statistics/benchmarks.ts'
import type { LaitData } from '../importers/dfe-lait/lait-folder.ts'
import type { Database } from './schema.ts'

/** Rows a time: 8 parameters a row stays well under PostgreSQL's 65,535 a statement. */
const BATCH = 2000

const BLANK: BenchmarkValue = { published: false, marker: '', reason: 'blank' }

export interface StoredBenchmarkItem {
  item: string
  title: string
  polarity: string | null
}

export function benchmarkRepository(db: Kysely<Database>) {
  return {
    async replaceAll(data: Pick<LaitData, 'values' | 'items' | 'neighbours' | 'councils'>): Promise<void> {
      for (const table of ['benchmark_value', 'benchmark_item', 'benchmark_neighbour', 'benchmark_council'] as const)
        await db.deleteFrom(table).execute()
      if (data.items.length > 0) await db.insertInto('benchmark_item').values(data.items).execute()
      for (let start = 0; start < data.values.length; start += BATCH) {
        const rows = data.values.slice(start, start + BATCH).map((row) => ({
          item: row.item,
          year: row.year,
          la_number: row.laNumber,
          area: row.area,
          region: row.region,
          value: row.value.published ? row.value.value : null,
          marker: row.value.published ? null : row.value.marker,
          reason: row.value.published ? null : row.value.reason,
        }))
        await db.insertInto('benchmark_value').values(rows).execute()
      }
      const neighbours = [...data.neighbours].flatMap(([la, list]) =>
        list.map((neighbour, index) => ({ la_number: la, position: index + 1, neighbour })),
      )
      for (let start = 0; start < neighbours.length; start += BATCH)
        await db
          .insertInto('benchmark_neighbour')
          .values(neighbours.slice(start, start + BATCH))
          .execute()
      const councils = data.councils.map((c) => ({
        la_number: c.laNumber,
        name: c.name,
        region: c.region,
        type: c.type,
      }))
      // The code list may name a council twice; the first row wins.
      const unique = [...new Map(councils.reverse().map((c) => [c.la_number, c])).values()]
      if (unique.length > 0) await db.insertInto('benchmark_council').values(unique).execute()
    },

    async item(item: string): Promise<StoredBenchmarkItem | null> {
      return (await db.selectFrom('benchmark_item').selectAll().where('item', '=', item).executeTakeFirst()) ?? null
    },

    async items(): Promise<StoredBenchmarkItem[]> {
      return db.selectFrom('benchmark_item').selectAll().orderBy('item').execute()
    },

    /** The latest year the extract has for an item; null when it has none. */
    async latestYear(item: string): Promise<number | null> {
      const row = await db
        .selectFrom('benchmark_value')
        .select((eb) => eb.fn.max('year').as('year'))
        .where('item', '=', item)
        .executeTakeFirst()
      return row?.year ?? null
    },

    /** Every row the extract has for one item and one year. */
    async figures(item: string, year: number): Promise<AreaFigure[]> {
      const rows = await db
        .selectFrom('benchmark_value')
        .selectAll()
        .where('item', '=', item)
        .where('year', '=', year)
        .orderBy('la_number')
        .execute()
      return rows.map((row) => ({
        laNumber: row.la_number,
        area: row.area,
        region: row.region,
        // The marker was read by readBenchmarkValue on import, so reading it again gives the same reason.
        value:
          row.value !== null
            ? { published: true as const, value: row.value }
            : (readBenchmarkValue(row.marker ?? '') ?? BLANK),
      }))
    },

    /** A council's statistical neighbours SN1–SN10 in order (empty when the workbook does not list it). */
    async neighbours(laNumber: number): Promise<number[]> {
      const rows = await db
        .selectFrom('benchmark_neighbour')
        .select('neighbour')
        .where('la_number', '=', laNumber)
        .orderBy('position')
        .execute()
      return rows.map((row) => row.neighbour)
    },

    /** Councils of the LA code list (single councils, numbered below 970) whose name is `name`, any case. */
    async councilsNamed(name: string): Promise<Array<{ laNumber: number; name: string; region: string }>> {
      const rows = await db
        .selectFrom('benchmark_council')
        .selectAll()
        .where((eb) => eb(eb.fn('lower', ['name']), '=', name.trim().toLowerCase()))
        .where('la_number', '<', 970)
        .execute()
      return rows.map((row) => ({ laNumber: row.la_number, name: row.name, region: row.region }))
    },

    async council(laNumber: number): Promise<{ laNumber: number; name: string; region: string } | null> {
      const row = await db
        .selectFrom('benchmark_council')
        .selectAll()
        .where('la_number', '=', laNumber)
        .executeTakeFirst()
      return row === undefined ? null : { laNumber: row.la_number, name: row.name, region: row.region }
    },

    async counts(): Promise<{ values: number; items: number; councils: number }> {
      const count = async (table: 'benchmark_value' | 'benchmark_item' | 'benchmark_neighbour') => {
        const row = await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow()
        return Number(row.n)
      }
      const neighbourCouncils = await db
        .selectFrom('benchmark_neighbour')
        .select((eb) => eb.fn.count<string>('la_number').distinct().as('n'))
        .executeTakeFirstOrThrow()
      return {
        values: await count('benchmark_value'),
        items: await count('benchmark_item'),
        councils: Number(neighbourCouncils.n),
      }
    },
  }
}

export type BenchmarkRepository = ReturnType<typeof benchmarkRepository>

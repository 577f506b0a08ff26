/**
 * Indicators, their targets, and datasets. Returns domain types; the row shapes stay in here.
 */
import { sql, type Kysely, type Selectable } from 'kysely'
import type { Dataset, Indicator, Polarity, Unit } from '../domain/catalogue.ts'
import { groupBy } from './group-by.ts'
import type { Database, IndicatorTable } from './schema.ts'

type Db = Kysely<Database>

function toIndicator(
  row: Selectable<IndicatorTable>,
  targets: Array<{ financial_year: string; value: number }>,
): Indicator {
  const benchmark = (value: number | null, vintage: string | null) => (value === null ? null : { value, vintage })
  return {
    id: row.id,
    code: row.code,
    title: row.title,
    serviceArea: row.service_area,
    unit: row.unit as Unit,
    polarity: row.polarity as Polarity,
    owner: row.owner,
    reporter: row.reporter,
    outcome: row.outcome,
    definition: row.definition,
    numeratorId: row.numerator_id,
    denominatorId: row.denominator_id,
    benchmarks: {
      statisticalNeighbours: benchmark(row.benchmark_sn, row.benchmark_sn_vintage),
      england: benchmark(row.benchmark_england, row.benchmark_england_vintage),
      region: benchmark(row.benchmark_region, row.benchmark_region_vintage),
    },
    regionName: row.region_name,
    targets: targets
      .map((t) => ({ financialYear: t.financial_year, value: t.value }))
      .sort((a, b) => a.financialYear.localeCompare(b.financialYear)),
    ragTolerancePercent: row.rag_tolerance_percent,
    measure: row.measure_id === null ? null : { measureId: row.measure_id, part: row.measure_part ?? 'value' },
    ...(row.benchmark_item === null ? {} : { benchmarkItem: row.benchmark_item }),
  }
}

function toRow(indicator: Indicator): Omit<IndicatorTable, 'updated_at' | 'owner_user_id'> {
  const { statisticalNeighbours, england, region } = indicator.benchmarks
  return {
    id: indicator.id,
    code: indicator.code,
    title: indicator.title,
    service_area: indicator.serviceArea,
    unit: indicator.unit,
    polarity: indicator.polarity,
    owner: indicator.owner,
    reporter: indicator.reporter,
    outcome: indicator.outcome,
    definition: indicator.definition,
    numerator_id: indicator.numeratorId,
    denominator_id: indicator.denominatorId,
    region_name: indicator.regionName,
    benchmark_sn: statisticalNeighbours?.value ?? null,
    benchmark_sn_vintage: statisticalNeighbours?.vintage ?? null,
    benchmark_england: england?.value ?? null,
    benchmark_england_vintage: england?.vintage ?? null,
    benchmark_region: region?.value ?? null,
    benchmark_region_vintage: region?.vintage ?? null,
    rag_tolerance_percent: indicator.ragTolerancePercent,
    measure_id: indicator.measure?.measureId ?? null,
    measure_part: indicator.measure?.part ?? null,
    benchmark_item: indicator.benchmarkItem ?? null,
  }
}

/** The account an indicator is linked to (its owner, who writes its commentary). */
export interface OwnerAccount {
  id: number
  name: string
  email: string
}

/** An indicator's owner: the catalogue's label and the account linked to it (null until an administrator links one). */
export interface IndicatorOwnership {
  indicatorId: string
  code: string
  title: string
  label: string
  account: OwnerAccount | null
}

export function catalogueRepository(db: Db) {
  async function findIndicators(ids?: readonly string[]): Promise<Indicator[]> {
    if (ids?.length === 0) return []
    let query = db.selectFrom('indicator').selectAll()
    if (ids) query = query.where('id', 'in', [...ids])
    const rows = await query.orderBy('id').execute()
    let targetQuery = db.selectFrom('indicator_target').select(['indicator_id', 'financial_year', 'value'])
    if (ids) targetQuery = targetQuery.where('indicator_id', 'in', [...ids])
    const targets = await targetQuery.execute()
    const byIndicator = groupBy(targets, (t) => t.indicator_id)
    return rows.map((row) => toIndicator(row, byIndicator.get(row.id) ?? []))
  }

  return {
    findIndicators,

    async findIndicator(id: string): Promise<Indicator | null> {
      const [indicator] = await findIndicators([id])
      return indicator ?? null
    },

    /** Each indicator's owner label and linked account (all indicators, or these), by indicator id. */
    async findOwnerships(ids?: readonly string[]): Promise<IndicatorOwnership[]> {
      if (ids?.length === 0) return []
      let query = db
        .selectFrom('indicator as i')
        .leftJoin('app_user as u', 'u.id', 'i.owner_user_id')
        .select([
          'i.id',
          'i.code',
          'i.title',
          'i.owner',
          'u.id as user_id',
          'u.name as user_name',
          'u.email as user_email',
        ])
      if (ids) query = query.where('i.id', 'in', [...ids])
      const rows = await query.orderBy('i.id').execute()
      return rows.map((r) => ({
        indicatorId: r.id,
        code: r.code,
        title: r.title,
        label: r.owner,
        account:
          r.user_id === null || r.user_name === null || r.user_email === null
            ? null
            : { id: r.user_id, name: r.user_name, email: r.user_email },
      }))
    },

    /** Links the indicator to an account (null: unlinks it). */
    async setOwnerAccount(indicatorId: string, userId: number | null): Promise<void> {
      await db.updateTable('indicator').set({ owner_user_id: userId }).where('id', '=', indicatorId).execute()
    },

    async indicatorIds(): Promise<string[]> {
      const rows = await db.selectFrom('indicator').select('id').execute()
      return rows.map((r) => r.id)
    },

    /** Inserts or replaces each indicator and its targets; returns how many were new. */
    async saveIndicators(indicators: readonly Indicator[]): Promise<{ added: number; updated: number }> {
      if (indicators.length === 0) return { added: 0, updated: 0 }
      const ids = indicators.map((i) => i.id)
      const existing = new Set(
        (await db.selectFrom('indicator').select('id').where('id', 'in', ids).execute()).map((r) => r.id),
      )
      // Numerator and denominator may name indicators later in the same batch: write the rows first, links after.
      const rows = indicators.map(toRow)
      await db
        .insertInto('indicator')
        .values(rows.map((r) => ({ ...r, numerator_id: null, denominator_id: null })))
        .onConflict((oc) =>
          oc.column('id').doUpdateSet((eb) => ({
            code: eb.ref('excluded.code'),
            title: eb.ref('excluded.title'),
            service_area: eb.ref('excluded.service_area'),
            unit: eb.ref('excluded.unit'),
            polarity: eb.ref('excluded.polarity'),
            owner: eb.ref('excluded.owner'),
            reporter: eb.ref('excluded.reporter'),
            outcome: eb.ref('excluded.outcome'),
            definition: eb.ref('excluded.definition'),
            region_name: eb.ref('excluded.region_name'),
            benchmark_sn: eb.ref('excluded.benchmark_sn'),
            benchmark_sn_vintage: eb.ref('excluded.benchmark_sn_vintage'),
            benchmark_england: eb.ref('excluded.benchmark_england'),
            benchmark_england_vintage: eb.ref('excluded.benchmark_england_vintage'),
            benchmark_region: eb.ref('excluded.benchmark_region'),
            benchmark_region_vintage: eb.ref('excluded.benchmark_region_vintage'),
            rag_tolerance_percent: eb.ref('excluded.rag_tolerance_percent'),
            // A file without a measure column leaves an existing link alone.
            measure_id: sql<string | null>`coalesce(excluded.measure_id, indicator.measure_id)`,
            measure_part: sql<'value' | 'count' | null>`coalesce(excluded.measure_part, indicator.measure_part)`,
            // Likewise a file without a benchmark_item column leaves an indicator's DfE item alone.
            benchmark_item: sql<string | null>`coalesce(excluded.benchmark_item, indicator.benchmark_item)`,
            // The account link stays while the catalogue names the same owner; a new owner waits to be linked.
            owner_user_id: sql<
              number | null
            >`case when excluded.owner = indicator.owner then indicator.owner_user_id end`,
            updated_at: new Date().toISOString(),
          })),
        )
        .execute()
      for (const row of rows) {
        await db
          .updateTable('indicator')
          .set({ numerator_id: row.numerator_id, denominator_id: row.denominator_id })
          .where('id', '=', row.id)
          .execute()
      }
      await db.deleteFrom('indicator_target').where('indicator_id', 'in', ids).execute()
      const targets = indicators.flatMap((i) =>
        i.targets.map((t) => ({ indicator_id: i.id, financial_year: t.financialYear, value: t.value })),
      )
      if (targets.length > 0) await db.insertInto('indicator_target').values(targets).execute()
      return { added: ids.filter((id) => !existing.has(id)).length, updated: existing.size }
    },

    async findDatasets(): Promise<Dataset[]> {
      const datasets = await db.selectFrom('dataset').selectAll().orderBy('position').orderBy('id').execute()
      const members = await db
        .selectFrom('dataset_indicator')
        .select(['dataset_id', 'indicator_id'])
        .orderBy('position')
        .execute()
      const byDataset = groupBy(members, (m) => m.dataset_id)
      return datasets.map((d) => ({
        id: d.id,
        title: d.title,
        indicatorIds: (byDataset.get(d.id) ?? []).map((m) => m.indicator_id),
      }))
    },

    /** One dataset; the pack page asks for it on every request, so only its own rows are read. */
    async findDataset(id: string): Promise<Dataset | null> {
      const dataset = await db.selectFrom('dataset').select(['id', 'title']).where('id', '=', id).executeTakeFirst()
      if (!dataset) return null
      const members = await db
        .selectFrom('dataset_indicator')
        .select('indicator_id')
        .where('dataset_id', '=', id)
        .orderBy('position')
        .execute()
      return { id: dataset.id, title: dataset.title, indicatorIds: members.map((m) => m.indicator_id) }
    },

    /** Adds a new dataset with its indicators in this order; false, writing nothing, when its ID is taken. */
    async createDataset(dataset: Dataset): Promise<boolean> {
      const position = await db
        .selectFrom('dataset')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
      const inserted = await db
        .insertInto('dataset')
        .values({ id: dataset.id, title: dataset.title, position: position.n })
        .onConflict((oc) => oc.column('id').doNothing())
        .returning('id')
        .executeTakeFirst()
      if (inserted === undefined) return false
      if (dataset.indicatorIds.length > 0) {
        await db
          .insertInto('dataset_indicator')
          .values(
            dataset.indicatorIds.map((indicator_id, i) => ({ dataset_id: dataset.id, indicator_id, position: i })),
          )
          .execute()
      }
      return true
    },

    /** Creates the dataset if new, and sets its indicators to exactly these, in this order. */
    async saveDataset(dataset: Dataset): Promise<void> {
      const position = await db
        .selectFrom('dataset')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
      await db
        .insertInto('dataset')
        .values({ id: dataset.id, title: dataset.title, position: position.n })
        .onConflict((oc) => oc.column('id').doUpdateSet({ title: dataset.title }))
        .execute()
      await db.deleteFrom('dataset_indicator').where('dataset_id', '=', dataset.id).execute()
      if (dataset.indicatorIds.length > 0) {
        await db
          .insertInto('dataset_indicator')
          .values(
            dataset.indicatorIds.map((indicator_id, i) => ({ dataset_id: dataset.id, indicator_id, position: i })),
          )
          .execute()
      }
    },
  }
}

export type CatalogueRepository = ReturnType<typeof catalogueRepository>

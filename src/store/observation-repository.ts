/**
 * Monthly figures and their revision history. Importing a month again keeps what it replaced.
 */
import { sql, type Insertable, type Kysely, type Selectable } from 'kysely'
import type { Observation, Revision } from '../domain/catalogue.ts'
import { compareFigures } from '../domain/figure-changes.ts'
import type { Period } from '../domain/period.ts'
import type { Database, ObservationRevisionTable, ObservationTable } from './schema.ts'

type Db = Kysely<Database>

/** Multi-row inserts are batched to stay well inside PostgreSQL's 65,535 bind parameters. */
const BATCH = 1000

function toObservation(
  r: Pick<Selectable<ObservationTable>, 'indicator_id' | 'period' | 'value' | 'numerator' | 'denominator'>,
): Observation {
  return {
    indicatorId: r.indicator_id,
    period: r.period,
    value: r.value,
    numerator: r.numerator,
    denominator: r.denominator,
  }
}

export interface ApplyResult {
  added: number
  revised: number
  unchanged: number
}

export function observationRepository(db: Db) {
  return {
    async findObservations(indicatorIds: readonly string[], from: Period, to: Period): Promise<Observation[]> {
      if (indicatorIds.length === 0) return []
      const rows = await db
        .selectFrom('observation')
        .select(['indicator_id', 'period', 'value', 'numerator', 'denominator'])
        .where('indicator_id', 'in', [...indicatorIds])
        .where('period', '>=', from)
        .where('period', '<=', to)
        .execute()
      return rows.map(toObservation)
    },

    async findHistory(indicatorId: string): Promise<Observation[]> {
      const rows = await db
        .selectFrom('observation')
        .select(['indicator_id', 'period', 'value', 'numerator', 'denominator'])
        .where('indicator_id', '=', indicatorId)
        .orderBy('period')
        .execute()
      return rows.map(toObservation)
    },

    /** The months in which any of these indicators has a value, oldest first. */
    async periodsWithData(indicatorIds: readonly string[]): Promise<Period[]> {
      if (indicatorIds.length === 0) return []
      const rows = await db
        .selectFrom('observation')
        .select('period')
        .distinct()
        .where('indicator_id', 'in', [...indicatorIds])
        .where('value', 'is not', null)
        .orderBy('period')
        .execute()
      return rows.map((r) => r.period)
    },

    /**
     * Every month of each indicator that has a value, with the import that last wrote it (null: typed in), in one
     * query for all of them. An indicator without values is absent from the map.
     */
    async sourcesOf(
      indicatorIds: readonly string[],
    ): Promise<Map<string, Array<{ period: Period; importId: number | null }>>> {
      const sources = new Map<string, Array<{ period: Period; importId: number | null }>>()
      if (indicatorIds.length === 0) return sources
      const rows = await db
        .selectFrom('observation')
        .select(['indicator_id', 'period', 'import_id'])
        .where('indicator_id', 'in', [...indicatorIds])
        .where('value', 'is not', null)
        .orderBy('indicator_id')
        .orderBy('period')
        .execute()
      for (const row of rows) {
        const months = sources.get(row.indicator_id) ?? []
        months.push({ period: row.period, importId: row.import_id })
        sources.set(row.indicator_id, months)
      }
      return sources
    },

    /** One month's figure of an indicator and the import that last wrote it (null: typed in, or none). */
    async findWithSource(
      indicatorId: string,
      period: Period,
    ): Promise<{ observation: Observation; importId: number | null } | null> {
      const row = await db
        .selectFrom('observation')
        .select(['indicator_id', 'period', 'value', 'numerator', 'denominator', 'import_id'])
        .where('indicator_id', '=', indicatorId)
        .where('period', '=', period)
        .executeTakeFirst()
      return row ? { observation: toObservation(row), importId: row.import_id } : null
    },

    async findRevisions(indicatorId: string): Promise<Revision[]> {
      const rows = await db
        .selectFrom('observation_revision')
        .select(['indicator_id', 'period', 'previous_value', 'new_value', 'revised_at', 'source_file'])
        .where('indicator_id', '=', indicatorId)
        .orderBy('revised_at', 'desc')
        .orderBy('id', 'desc')
        .execute()
      return rows.map((r) => ({
        indicatorId: r.indicator_id,
        period: r.period,
        previousValue: r.previous_value,
        newValue: r.new_value,
        revisedAt: r.revised_at,
        sourceFile: r.source_file,
      }))
    },

    /**
     * Writes these figures: new months are added, changed months are revised with the old figure kept in
     * `observation_revision`, identical months are left alone. Call inside a transaction.
     */
    async apply(observations: readonly Observation[], importId: number, sourceFile: string): Promise<ApplyResult> {
      if (observations.length === 0) return { added: 0, revised: 0, unchanged: 0 }
      const indicatorIds = [...new Set(observations.map((o) => o.indicatorId))]
      const periods = observations.map((o) => o.period).sort()
      const existing = await this.findObservations(indicatorIds, periods[0] ?? '', periods.at(-1) ?? '')
      // The same comparison the upload preview shows (domain/figure-changes.ts).
      const changes = compareFigures(existing, observations)
      const now = new Date().toISOString()
      const writes: Observation[] = [...changes.added, ...changes.revised.map((r) => r.after)]
      const revisions: Array<Insertable<ObservationRevisionTable>> = changes.revised.map(({ before, after: o }) => ({
        indicator_id: o.indicatorId,
        period: o.period,
        previous_value: before.value,
        previous_numerator: before.numerator,
        previous_denominator: before.denominator,
        new_value: o.value,
        new_numerator: o.numerator,
        new_denominator: o.denominator,
        revised_at: now,
        import_id: importId,
        source_file: sourceFile,
      }))
      for (let i = 0; i < writes.length; i += BATCH) {
        await db
          .insertInto('observation')
          .values(
            writes.slice(i, i + BATCH).map((o) => ({
              indicator_id: o.indicatorId,
              period: o.period,
              value: o.value,
              numerator: o.numerator,
              denominator: o.denominator,
              import_id: importId,
              updated_at: now,
            })),
          )
          .onConflict((oc) =>
            oc.columns(['indicator_id', 'period']).doUpdateSet({
              value: sql`excluded.value`,
              numerator: sql`excluded.numerator`,
              denominator: sql`excluded.denominator`,
              import_id: sql`excluded.import_id`,
              updated_at: sql`excluded.updated_at`,
            }),
          )
          .execute()
      }
      for (let i = 0; i < revisions.length; i += BATCH) {
        await db
          .insertInto('observation_revision')
          .values(revisions.slice(i, i + BATCH))
          .execute()
      }
      return { added: changes.added.length, revised: revisions.length, unchanged: changes.unchanged }
    },
  }
}

export type ObservationRepository = ReturnType<typeof observationRepository>

/**
 * Published packs: append-only versions of a month's snapshot, stored as the exact canonical JSON that was hashed.
 *
 * A snapshot is parsed and its SHA-256 checked against the stored hash the first time this process reads it; the
 * parsed, frozen snapshot is then kept by its hash (a published snapshot never changes), so later reads fetch only
 * the version's row. Text changed in the database behind the application's back is caught by that first read and by
 * `scrutineer publications verify`, which rehashes every version (docs/operations.md).
 */
import { createHash } from 'node:crypto'
import { sql, type Kysely } from 'kysely'
import type { PackSnapshot, Publication, PublicationSummary } from '../domain/publication.ts'
import { ContentCache, deepFreeze } from './content-cache.ts'
import type { Database, PublicationTable } from './schema.ts'

/** SHA-256 of a text, lower-case hex. */
export function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex')
}

function summaryOf(row: Omit<PublicationTable, 'snapshot'>): PublicationSummary {
  return {
    datasetId: row.dataset_id,
    period: row.period,
    version: row.version,
    publishedBy: row.published_by,
    publishedAt: row.published_at,
    contentHash: row.content_hash,
  }
}

/**
 * Parsed snapshots whose text hashed to their stored hash, by that hash: the same content in any database of this
 * process. About 60 MB of snapshot text (a 50-indicator month is ~100 KB).
 */
const intactSnapshots = new ContentCache<{ snapshot: PackSnapshot; length: number }>(
  60_000_000,
  (entry) => entry.length,
)

/** Forgets every parsed snapshot, for tests that change stored text behind the application's back. */
export function forgetParsedSnapshots(): void {
  intactSnapshots.clear()
}

/** One version's stored snapshot checked against its hash: what `scrutineer publications verify` reports. */
export interface PublicationCheck extends PublicationSummary {
  intact: boolean
}

/** The advisory lock a publication holds until it commits (any number: it only has to be the same everywhere). */
const PUBLICATION_LOCK = 736_302

const SUMMARY_COLUMNS = ['dataset_id', 'period', 'version', 'published_by', 'published_at', 'content_hash'] as const

export function publicationRepository(db: Kysely<Database>) {
  const repository = {
    /**
     * Waits for any other publication to commit, then holds the next off until this transaction ends, so two
     * officers publishing at once get consecutive versions rather than the same one twice. Call first inside the
     * publishing transaction.
     */
    async lock(): Promise<void> {
      await sql`select pg_advisory_xact_lock(${PUBLICATION_LOCK})`.execute(db)
    },

    /** Stores a new version; `snapshotJson` must be the canonical JSON whose hash is `contentHash`. */
    async insert(publication: PublicationSummary & { snapshotJson: string }): Promise<void> {
      await db
        .insertInto('publication')
        .values({
          dataset_id: publication.datasetId,
          period: publication.period,
          version: publication.version,
          published_by: publication.publishedBy,
          published_at: publication.publishedAt,
          snapshot: publication.snapshotJson,
          content_hash: publication.contentHash,
        })
        .execute()
    },

    /** The highest version published for the month, or 0 when it has never been published. */
    async latestVersion(datasetId: string, period: string): Promise<number> {
      const row = await db
        .selectFrom('publication')
        .select((eb) => eb.fn.max('version').as('version'))
        .where('dataset_id', '=', datasetId)
        .where('period', '=', period)
        .executeTakeFirst()
      return row?.version ?? 0
    },

    /** One version, or the latest when `version` is null; its snapshot is frozen (shared by every reader). */
    async find(datasetId: string, period: string, version: number | null = null): Promise<Publication | null> {
      const summary = await repository.findSummary(datasetId, period, version)
      if (summary === null) return null
      const cached = intactSnapshots.get(summary.contentHash)
      if (cached !== undefined) return { ...summary, snapshot: cached.snapshot, intact: true }
      const text = await repository.snapshotText(summary)
      if (text === null) return null
      const intact = sha256(text) === summary.contentHash
      const snapshot = deepFreeze(JSON.parse(text) as PackSnapshot)
      if (intact) intactSnapshots.set(summary.contentHash, { snapshot, length: text.length })
      return { ...summary, snapshot, intact }
    },

    /** One version's row without its snapshot, or the latest when `version` is null. */
    async findSummary(
      datasetId: string,
      period: string,
      version: number | null = null,
    ): Promise<PublicationSummary | null> {
      let query = db
        .selectFrom('publication')
        .select(SUMMARY_COLUMNS)
        .where('dataset_id', '=', datasetId)
        .where('period', '=', period)
      query = version === null ? query.orderBy('version', 'desc').limit(1) : query.where('version', '=', version)
      const row = await query.executeTakeFirst()
      return row === undefined ? null : summaryOf(row)
    },

    /** The stored snapshot text of one version, exactly as hashed; null when there is no such version. */
    async snapshotText(version: { datasetId: string; period: string; version: number }): Promise<string | null> {
      const row = await db
        .selectFrom('publication')
        .select('snapshot')
        .where('dataset_id', '=', version.datasetId)
        .where('period', '=', version.period)
        .where('version', '=', version.version)
        .executeTakeFirst()
      return row?.snapshot ?? null
    },

    /**
     * What decides the public pages of a month, in one query: its latest version and that version's hash, and
     * every published month of the dataset (the pages link them). Null when the month was never published.
     */
    async publicState(
      datasetId: string,
      period: string,
    ): Promise<{ version: number; contentHash: string; periods: string[] } | null> {
      const row = await db
        .selectFrom('publication')
        .select([
          'version',
          'content_hash',
          sql<string>`(select string_agg(distinct p.period, ',' order by p.period) from publication p where p.dataset_id = ${datasetId})`.as(
            'periods',
          ),
        ])
        .where('dataset_id', '=', datasetId)
        .where('period', '=', period)
        .orderBy('version', 'desc')
        .limit(1)
        .executeTakeFirst()
      if (row === undefined) return null
      return { version: row.version, contentHash: row.content_hash, periods: row.periods.split(',') }
    },

    /** Rehashes every stored version (one at a time, so memory stays that of one snapshot), oldest first. */
    async check(): Promise<PublicationCheck[]> {
      const versions = await db
        .selectFrom('publication')
        .select(SUMMARY_COLUMNS)
        .orderBy('dataset_id')
        .orderBy('period')
        .orderBy('version')
        .execute()
      const checks: PublicationCheck[] = []
      for (const row of versions) {
        const summary = summaryOf(row)
        const text = await repository.snapshotText(summary)
        checks.push({ ...summary, intact: text !== null && sha256(text) === summary.contentHash })
      }
      return checks
    },

    /** Every version of every month of a dataset (or of one month), newest month and version first. */
    async list(datasetId: string, period: string | null = null): Promise<PublicationSummary[]> {
      let query = db.selectFrom('publication').select(SUMMARY_COLUMNS).where('dataset_id', '=', datasetId)
      if (period !== null) query = query.where('period', '=', period)
      const rows = await query.orderBy('period', 'desc').orderBy('version', 'desc').execute()
      return rows.map(summaryOf)
    },

    /** Every published month of every dataset with its latest version, by dataset, then newest month first. */
    async latestVersions(): Promise<Array<{ datasetId: string; period: string; version: number }>> {
      const rows = await db
        .selectFrom('publication')
        .select(['dataset_id', 'period', (eb) => eb.fn.max('version').as('version')])
        .groupBy(['dataset_id', 'period'])
        .orderBy('dataset_id')
        .orderBy('period', 'desc')
        .execute()
      return rows.map((r) => ({ datasetId: r.dataset_id, period: r.period, version: r.version }))
    },

    /** Each of the datasets' latest published month (datasets never published are left out). */
    async latestPeriods(datasetIds: readonly string[]): Promise<Array<{ datasetId: string; period: string }>> {
      if (datasetIds.length === 0) return []
      const rows = await db
        .selectFrom('publication')
        .select(['dataset_id', (eb) => eb.fn.max('period').as('period')])
        .where('dataset_id', 'in', datasetIds)
        .groupBy('dataset_id')
        .execute()
      return rows.map((r) => ({ datasetId: r.dataset_id, period: r.period }))
    },

    /** The months of a dataset with at least one publication, oldest first. */
    async periods(datasetId: string): Promise<string[]> {
      const rows = await db
        .selectFrom('publication')
        .select('period')
        .distinct()
        .where('dataset_id', '=', datasetId)
        .orderBy('period')
        .execute()
      return rows.map((r) => r.period)
    },
  }
  return repository
}

export type PublicationRepository = ReturnType<typeof publicationRepository>

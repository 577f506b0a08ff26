/**
 * Published packs: append-only versions of a month's snapshot, stored as the exact canonical JSON that was hashed.
 * Every read recomputes the SHA-256 of the stored text and says whether it still matches the stored hash.
 */
import { createHash } from 'node:crypto'
import { sql, type Kysely } from 'kysely'
import type { PackSnapshot, Publication, PublicationSummary } from '../domain/publication.ts'
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

function publicationOf(row: PublicationTable): Publication {
  return {
    ...summaryOf(row),
    snapshot: JSON.parse(row.snapshot) as PackSnapshot,
    intact: sha256(row.snapshot) === row.content_hash,
  }
}

/** The advisory lock a publication holds until it commits (any number: it only has to be the same everywhere). */
const PUBLICATION_LOCK = 736_302

const SUMMARY_COLUMNS = ['dataset_id', 'period', 'version', 'published_by', 'published_at', 'content_hash'] as const

export function publicationRepository(db: Kysely<Database>) {
  return {
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

    /** One version, or the latest when `version` is null. */
    async find(datasetId: string, period: string, version: number | null = null): Promise<Publication | null> {
      let query = db
        .selectFrom('publication')
        .selectAll()
        .where('dataset_id', '=', datasetId)
        .where('period', '=', period)
      query = version === null ? query.orderBy('version', 'desc').limit(1) : query.where('version', '=', version)
      const row = await query.executeTakeFirst()
      return row === undefined ? null : publicationOf(row)
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
}

export type PublicationRepository = ReturnType<typeof publicationRepository>

/**
 * A report's published-pack and overview appendices name their dataset, now that any dataset's published month
 * can be an appendix. Every stored one was the monthly dataset's (the form offered no other): any without a
 * dataset gets `monthly`.
 */
import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`update report_appendix set dataset_id = 'monthly'
            where kind in ('dataset-pack', 'performance-overview') and dataset_id is null`.execute(db)
}

export async function down(): Promise<void> {
  // Nothing to undo: the monthly dataset was what these appendices meant.
}

/**
 * The search finds each numbered RESOLVED decision (migration 2026-12-11T03-10-00-minute-decisions) as a result of
 * its own, in place of the minute's whole resolution: `minute_decision` gets generated `search_words` with a GIN
 * index, and the minute's `resolution_words`, which only the search read, goes. The words are weighed as the
 * resolutions' were (no weight given: D), so decisions rank among the other results as resolutions did.
 */
import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table minute_decision add column search_words tsvector generated always as
    (to_tsvector('english'::regconfig, text)) stored`.execute(db)
  await sql`create index minute_decision_search_idx on minute_decision using gin (search_words)`.execute(db)
  await sql`drop index if exists minute_item_resolution_search_idx`.execute(db)
  await sql`alter table minute_item drop column if exists resolution_words`.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table minute_item add column resolution_words tsvector generated always as
    (to_tsvector('english'::regconfig, coalesce(resolved, ''))) stored`.execute(db)
  await sql`create index minute_item_resolution_search_idx on minute_item using gin (resolution_words)`.execute(db)
  await sql`drop index if exists minute_decision_search_idx`.execute(db)
  await sql`alter table minute_decision drop column if exists search_words`.execute(db)
}

/**
 * Indexed free-text search of the audit log (/admin/audit). The log is never pruned: reading every row's text and
 * counting every match took seconds at 100,000 events. The words of each event (actor, action, subject id and
 * details) are kept in a generated column with a GIN index, which finds the candidates; the repository then checks
 * the exact text typed among them.
 *
 * Built-in full-text search (not pg_trgm, which PGlite ships only as an extension to load) with the 'simple'
 * configuration: words are lowercased and never stemmed or dropped, so names, emails and codes are found as typed.
 * Punctuation that joins words in emails, file names and action names (. : _ - @ /) separates them here, so
 * "jo@council.gov.uk" is the words jo, council, gov, uk whether it is indexed or searched for; so do < > & and
 * quotes, which PostgreSQL's parser would otherwise read as the start of an HTML tag or entity and skip the words
 * after it (a name typed as "<script>…" hid the email after it). Only the first
 * 100,000 characters of an event are indexed: a tsvector is limited to 1 MB, and an event too large to index
 * must still be recorded.
 *
 * The generated column is PostgreSQL's to fill, from the event's own columns: the application never writes it, the
 * append-only trigger and the hash chain (2026-12-07T11-00-00-audit-chain) compare and hash the event's columns by
 * name, so neither changes; adding it rewrites the table without firing row triggers.
 */
import { sql, type Kysely } from 'kysely'

/**
 * The words of `value` (SQL), the same for an event and for what was typed. Builtins only, inlined rather than a
 * function of ours: PostgreSQL computes generated columns and indexes with only pg_catalog on the search path.
 */
const words = (value: string) =>
  `to_tsvector('simple', translate(left(${value}, 100000), '.:_-@/''\\<>&"', '            '))`

export async function up(db: Kysely<unknown>): Promise<void> {
  // Stored, not an expression index only: a search that also matches people's events (or counts) checks the words
  // of the events it reads, and computing them again for each would cost as much as the old scan.
  await sql`
    alter table audit_event add column search_words tsvector generated always as
    (${sql.raw(words("actor || ' ' || action || ' ' || subject_id || ' ' || details::text"))}) stored`.execute(db)
  // What was typed as a query for words starting with each word typed ('jo:* & council:*'); empty when it has none.
  await sql`
    create function audit_search_query(typed text) returns tsquery language sql immutable parallel safe as $$
      select to_tsquery('simple', coalesce(string_agg(quote_literal(word) || ':*', ' & '), ''))
      from unnest(tsvector_to_array(${sql.raw(words('typed'))})) as word
    $$`.execute(db)
  await sql`create index audit_event_words_idx on audit_event using gin (search_words)`.execute(db)
  // Events by the people whose name or email matches (found first in app_user, a small table).
  await db.schema.createIndex('audit_event_actor_idx').on('audit_event').columns(['actor', 'id']).execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('audit_event_actor_idx').ifExists().execute()
  await sql`drop index if exists audit_event_words_idx`.execute(db)
  await sql`drop function if exists audit_search_query(text)`.execute(db)
  await sql`alter table audit_event drop column if exists search_words`.execute(db)
}

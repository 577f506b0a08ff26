/**
 * Site search (/search, issue 15 §5): the words of every paper a person can open — agenda items, reports' cover
 * sheets, uploaded appendices (by their text), minutes, resolutions, recommendations, glossary entries and
 * indicators — in a generated `search_words` column with a GIN index on each table that holds them.
 *
 * Generated columns rather than a search table kept up to date by the services (or triggers): PostgreSQL fills
 * them whenever a row is written, so no service, command or later migration can forget to, and adding them
 * indexes every existing row (the backfill). The tables stay where the permission rules already look (a
 * Members' Room appendix, a published indicator), so the search asks the same questions the pages do.
 *
 * English configuration (stemmed, stop words dropped): people search papers for words as they read them, unlike
 * the audit log's names and codes ('simple'). Titles weigh A, the body B, lesser fields C, so a word in a title
 * ranks first. JSON lists (a report's sections, a minute's paragraphs) are read as `jsonb`, whose `to_tsvector`
 * takes only the strings, so quotes, brackets and escapes (`\n`) never become words. Only the first 200,000
 * characters of an appendix's text (about 100 pages) are indexed: a tsvector is limited to 1 MB, which a longer
 * text of numbers or codes (each a word of its own) could pass, and a longer paper must still be stored. Builtins only, inlined: PostgreSQL computes generated columns with only pg_catalog on the search path.
 *
 * `report_appendix.text_content` is the text of an uploaded PDF, taken out when it is uploaded
 * (src/importers/pdf-text.ts); appendices stored before this migration have none until `scrutineer search
 * extract-text` runs, and are found by their title until then.
 */
import { sql, type Kysely } from 'kysely'

const english = (value: string, weight: 'A' | 'B' | 'C') =>
  `setweight(to_tsvector('english'::regconfig, ${value}), '${weight}')`
const json = (column: string) => `coalesce(${column}, '[]')::jsonb`

/** Each table's words, as SQL over its own columns. */
const WORDS: Record<string, string> = {
  agenda_item: [english('title', 'A'), english('description', 'B')].join(' || '),
  report: [
    english('subject', 'A'),
    english("brief_summary || ' ' || confidentiality || ' ' || report_of || ' ' || wards_affected", 'B'),
    english('decision_maker', 'C'),
    ...[
      'recommendations',
      'reasons',
      'alternative_options',
      'detail',
      'resource_implications',
      'legal_implications',
      'risk_implications',
      'policy_framework_implications',
      'members_room_documents',
      'background_documents',
    ].map((column) => `setweight(to_tsvector('english'::regconfig, ${json(column)}), 'B')`),
    `setweight(to_tsvector('english'::regconfig, ${json('contacts')}), 'C')`,
  ].join(' || '),
  report_appendix: [english('title', 'A'), english("left(coalesce(text_content, ''), 200000)", 'B')].join(' || '),
  minute_item: [
    english('title', 'A'),
    `setweight(to_tsvector('english'::regconfig, ${json('paragraphs')}), 'B')`,
    english("coalesce(in_the_chair, '')", 'C'),
  ].join(' || '),
  recommendation: [english('title', 'A'), english('text', 'B'), english("coalesce(lead_officer, '')", 'C')].join(
    ' || ',
  ),
  glossary_entry: [
    english("term || ' ' || coalesce(acronym, '')", 'A'),
    english("definition || ' ' || coalesce(source, '')", 'B'),
  ].join(' || '),
  indicator: [
    english("title || ' ' || code", 'A'),
    english('definition', 'B'),
    english("service_area || ' ' || outcome || ' ' || owner", 'C'),
  ].join(' || '),
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('report_appendix').addColumn('text_content', 'text').execute()
  for (const [table, words] of Object.entries(WORDS)) {
    await sql`
      alter table ${sql.table(table)} add column search_words tsvector generated always as (${sql.raw(words)}) stored`.execute(
      db,
    )
    await sql`create index ${sql.id(`${table}_search_idx`)} on ${sql.table(table)} using gin (search_words)`.execute(db)
  }
  // A minute's resolution is a result of its own ("Resolutions"), so it has words of its own.
  await sql`
    alter table minute_item add column resolution_words tsvector generated always as
    (to_tsvector('english'::regconfig, coalesce(resolved, ''))) stored`.execute(db)
  await sql`create index minute_item_resolution_search_idx on minute_item using gin (resolution_words)`.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index if exists minute_item_resolution_search_idx`.execute(db)
  await sql`alter table minute_item drop column if exists resolution_words`.execute(db)
  for (const table of Object.keys(WORDS)) {
    await sql`drop index if exists ${sql.id(`${table}_search_idx`)}`.execute(db)
    await sql`alter table ${sql.table(table)} drop column if exists search_words`.execute(db)
  }
  await db.schema.alterTable('report_appendix').dropColumn('text_content').execute()
}

/**
 * The glossary: one row per term. The slug (the term's address on the glossary page) is the key; a term is unique
 * whatever its case, and so is an acronym, so that marking up an acronym always finds one entry.
 */
import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('glossary_entry')
    .addColumn('slug', 'text', (c) => c.primaryKey())
    .addColumn('term', 'text', (c) => c.notNull())
    .addColumn('acronym', 'text')
    .addColumn('definition', 'text', (c) => c.notNull().check(sql`length(trim(definition)) > 0`))
    .addColumn('source', 'text')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .execute()
  await sql`create unique index glossary_entry_term_idx on glossary_entry (lower(term))`.execute(db)
  await db.schema.createIndex('glossary_entry_acronym_idx').on('glossary_entry').column('acronym').unique().execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('glossary_entry').ifExists().execute()
}

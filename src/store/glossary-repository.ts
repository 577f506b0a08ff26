/**
 * The glossary's entries, as domain `GlossaryEntry` values. Terms are unique whatever their case, acronyms exactly.
 */
import { sql, type Kysely } from 'kysely'
import type { GlossaryEntry } from '../domain/glossary.ts'
import type { Database } from './schema.ts'

interface GlossaryRow {
  slug: string
  term: string
  acronym: string | null
  definition: string
  source: string | null
}

function toEntry(row: GlossaryRow): GlossaryEntry {
  return { term: row.term, acronym: row.acronym, definition: row.definition, source: row.source, slug: row.slug }
}

const COLUMNS = ['slug', 'term', 'acronym', 'definition', 'source'] as const

export function glossaryRepository(db: Kysely<Database>) {
  return {
    /** Every entry, A to Z by term (case ignored). */
    async list(): Promise<GlossaryEntry[]> {
      const rows = await db
        .selectFrom('glossary_entry')
        .select(COLUMNS)
        .orderBy(sql`lower(term)`)
        .orderBy('slug')
        .execute()
      return rows.map(toEntry)
    },

    /**
     * A short text that changes whenever any entry is added, edited or removed: pages that show glossary words can
     * be kept until it changes.
     */
    async stamp(): Promise<string> {
      const row = await sql<{ stamp: string | null }>`
        select md5(string_agg(slug || ' ' || updated_at::text, ',' order by slug)) as stamp from glossary_entry
      `.execute(db)
      return row.rows[0]?.stamp ?? 'empty'
    },

    async count(): Promise<number> {
      const row = await db
        .selectFrom('glossary_entry')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
      return row.n
    },

    async find(slug: string): Promise<GlossaryEntry | null> {
      const row = await db.selectFrom('glossary_entry').select(COLUMNS).where('slug', '=', slug).executeTakeFirst()
      return row === undefined ? null : toEntry(row)
    },

    /** The entry with this term (case ignored) or this slug, if any. */
    async findByTerm(term: string, slug: string): Promise<GlossaryEntry | null> {
      const row = await db
        .selectFrom('glossary_entry')
        .select(COLUMNS)
        .where((eb) => eb.or([eb(sql`lower(term)`, '=', term.toLowerCase()), eb('slug', '=', slug)]))
        .executeTakeFirst()
      return row === undefined ? null : toEntry(row)
    },

    async findByAcronym(acronym: string): Promise<GlossaryEntry | null> {
      const row = await db
        .selectFrom('glossary_entry')
        .select(COLUMNS)
        .where('acronym', '=', acronym)
        .executeTakeFirst()
      return row === undefined ? null : toEntry(row)
    },

    /** Adds an entry; false when its slug, term or acronym is already taken. */
    async insert(entry: GlossaryEntry, updatedBy: string): Promise<boolean> {
      const result = await db
        .insertInto('glossary_entry')
        .values({ ...entry, updated_by: updatedBy })
        .onConflict((oc) => oc.doNothing())
        .executeTakeFirst()
      return Number(result.numInsertedOrUpdatedRows ?? 0) > 0
    },

    /** Replaces the entry at `slug` (its slug changes with its term). */
    async update(slug: string, entry: GlossaryEntry, updatedBy: string): Promise<void> {
      await db
        .updateTable('glossary_entry')
        .set({ ...entry, updated_by: updatedBy, updated_at: sql<string>`now()` })
        .where('slug', '=', slug)
        .execute()
    },

    /** Removes an entry; returns it, or null when there was none. */
    async remove(slug: string): Promise<GlossaryEntry | null> {
      const row = await db.deleteFrom('glossary_entry').where('slug', '=', slug).returning(COLUMNS).executeTakeFirst()
      return row === undefined ? null : toEntry(row)
    },
  }
}

export type GlossaryRepository = ReturnType<typeof glossaryRepository>

/**
 * Published packs: each publication of a month of a dataset is a new version holding the frozen snapshot as JSON
 * text and the SHA-256 hash of that text. Append-only at the database level, like the audit log: a correction is
 * published as a new version, and no role can rewrite what was published through the application.
 */
import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('publication')
    .addColumn('dataset_id', 'text', (c) => c.notNull().references('dataset.id'))
    .addColumn('period', 'text', (c) => c.notNull().check(sql`period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'`))
    .addColumn('version', 'integer', (c) => c.notNull().check(sql`version >= 1`))
    .addColumn('published_by', 'text', (c) => c.notNull())
    .addColumn('published_at', 'timestamptz', (c) => c.notNull())
    // Text, not jsonb: jsonb would reorder keys and drop whitespace, and the hash is of these exact characters.
    .addColumn('snapshot', 'text', (c) => c.notNull())
    .addColumn('content_hash', 'text', (c) => c.notNull().check(sql`content_hash ~ '^[0-9a-f]{64}$'`))
    .addPrimaryKeyConstraint('publication_pk', ['dataset_id', 'period', 'version'])
    .execute()

  await sql`
    create function publication_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'a published pack cannot be changed or deleted: publish a new version instead';
    end
    $$`.execute(db)
  await sql`
    create trigger publication_no_change before update or delete on publication
    for each row execute function publication_append_only()`.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop trigger if exists publication_no_change on publication`.execute(db)
  await sql`drop function if exists publication_append_only()`.execute(db)
  await db.schema.dropTable('publication').ifExists().execute()
}

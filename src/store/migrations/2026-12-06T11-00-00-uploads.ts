/**
 * Files officers upload in the browser, kept until someone confirms or abandons them: the web processes are
 * stateless, so the file and its preview live here. The bytes are stored in parts of a few megabytes
 * (`upload_part`), so a large Annex A return is streamed in and out without being held in memory whole, and are
 * deleted once the upload is loaded, abandoned or refused (the row stays, with the file's size and SHA-256).
 */
import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('upload')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('kind', 'text', (c) =>
      c.notNull().check(sql`kind in ('figures', 'catalogue', 'annex-a', 'bank-holidays')`),
    )
    .addColumn('dataset_id', 'text')
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('byte_size', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('sha256', 'text')
    .addColumn('options', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('uploaded_by', 'text', (c) => c.notNull())
    .addColumn('uploaded_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .check(
          sql`status in ('receiving', 'checking', 'previewed', 'refused', 'confirmed', 'applied', 'abandoned', 'failed')`,
        ),
    )
    .addColumn('preview', 'jsonb')
    .addColumn('fingerprint', 'text')
    .addColumn('checked_at', 'timestamptz')
    .addColumn('confirmed_by', 'text')
    .addColumn('confirmed_at', 'timestamptz')
    .addColumn('job_id', 'integer')
    .addColumn('finished_at', 'timestamptz')
    .addColumn('failure', 'text')
    .addColumn('result_url', 'text')
    .addColumn('bytes_removed_at', 'timestamptz')
    .execute()
  await db.schema.createIndex('upload_status_index').on('upload').columns(['status', 'uploaded_at']).execute()
  await db.schema
    .createTable('upload_part')
    .addColumn('upload_id', 'integer', (c) => c.notNull().references('upload.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('bytes', 'bytea', (c) => c.notNull())
    .addPrimaryKeyConstraint('upload_part_pkey', ['upload_id', 'position'])
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('upload_part').ifExists().execute()
  await db.schema.dropTable('upload').ifExists().execute()
}

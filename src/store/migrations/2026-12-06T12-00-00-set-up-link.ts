/**
 * The one-time set-up link that creates the first administrator: `npm start` on a database with no accounts
 * prints it. Only the SHA-256 of its token is stored, with when it expires and when it was used, so a copy of the
 * database cannot be used to create an administrator, and every web process sharing the database sees the same
 * links.
 */
import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('set_up_token')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('used_at', 'timestamptz')
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('set_up_token').ifExists().execute()
}

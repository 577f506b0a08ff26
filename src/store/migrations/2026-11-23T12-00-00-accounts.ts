/**
 * Accounts: the people who sign in (`app_user`) and their sessions (`user_session`). A session's id is the SHA-256
 * of the token in the browser's cookie, so a copy of the database cannot be used to sign in as anyone.
 */
import { sql, type Kysely } from 'kysely'

/** Roles a person can hold; `public` is everyone not signed in, so it is never stored. */
const STORED_ROLES = [
  'administrator',
  'performance-officer',
  'indicator-owner',
  'director',
  'democratic-services',
  'panel-member',
]

export async function up(db: Kysely<unknown>): Promise<void> {
  const roleList = sql.join(STORED_ROLES.map((role) => sql.lit(role)))
  await db.schema
    .createTable('app_user')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('email', 'text', (c) =>
      c
        .notNull()
        .unique()
        .check(sql`email = lower(email)`),
    )
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in (${roleList})`))
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('failed_attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locked_until', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('disabled_at', 'timestamptz')
    .execute()

  await db.schema
    .createTable('user_session')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('app_user.id').onDelete('cascade'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('last_seen_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('revoked_at', 'timestamptz')
    .addColumn('user_agent', 'text')
    .execute()
  await db.schema.createIndex('user_session_user_idx').on('user_session').column('user_id').execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('user_session').ifExists().execute()
  await db.schema.dropTable('app_user').ifExists().execute()
}

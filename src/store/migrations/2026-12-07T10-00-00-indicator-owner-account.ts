/**
 * Accounts and ownership (issue 11):
 * - `indicator.owner_user_id` links an indicator to the account that writes its commentary; the catalogue's
 *   `owner` stays only as a label. Existing data is linked where exactly one enabled indicator-owner account's
 *   name is exactly the catalogue's owner label (the same characters, case and spaces): that account could write
 *   the commentary before, so linking it grants nobody anything new; any other label is left unlinked for an
 *   administrator to link at /admin/indicator-owners.
 * - `sign_in_failure` counts failed sign-ins per account *and* client address, with the lock that back-off puts
 *   on that pair, replacing the account-wide `failed_attempts` and `locked_until` (a lock anyone could keep shut).
 */
import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('indicator')
    .addColumn('owner_user_id', 'integer', (c) => c.references('app_user.id').onDelete('set null'))
    .execute()
  await db.schema.createIndex('indicator_owner_user_idx').on('indicator').column('owner_user_id').execute()
  await sql`
    update indicator set owner_user_id = named.id
    from (
      select name, min(id) as id from app_user
      where role = 'indicator-owner' and disabled_at is null
      group by name having count(*) = 1
    ) as named
    where indicator.owner <> '' and named.name = indicator.owner`.execute(db)

  await db.schema
    .createTable('sign_in_failure')
    .addColumn('user_id', 'integer', (c) => c.notNull().references('app_user.id').onDelete('cascade'))
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('last_failed_at', 'timestamptz', (c) => c.notNull())
    .addColumn('locked_until', 'timestamptz')
    .addPrimaryKeyConstraint('sign_in_failure_pk', ['user_id', 'address'])
    .execute()
  await db.schema.alterTable('app_user').dropColumn('failed_attempts').dropColumn('locked_until').execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('app_user')
    .addColumn('failed_attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locked_until', 'timestamptz')
    .execute()
  await db.schema.dropTable('sign_in_failure').ifExists().execute()
  await db.schema.dropIndex('indicator_owner_user_idx').ifExists().execute()
  await db.schema.alterTable('indicator').dropColumn('owner_user_id').execute()
}

/**
 * Members as people, not just names on a committee's list: a member (councillor or appointed member) has a page;
 * their places on committees, with the office held and the dates (`member_role`); and their register of interests
 * (`member_interest`: the Localism Act 2011 categories and the council's code, each with the date it was registered
 * and last updated, and whether the council publishes it). A member is matched to the minutes' attendance and
 * declarations by name and kind, as the minutes name them.
 */
import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('member')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('councillor', 'appointed')`))
    .addUniqueConstraint('member_name_kind_unique', ['name', 'kind'])
    .execute()
  await db.schema
    .createTable('member_role')
    .addColumn('member_id', 'integer', (c) => c.notNull().references('member.id').onDelete('cascade'))
    .addColumn('committee_id', 'integer', (c) => c.notNull().references('committee.id').onDelete('cascade'))
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('chair', 'vice-chair', 'member')`))
    .addColumn('starts_on', 'date', (c) => c.notNull())
    .addColumn('ends_on', 'date')
    .addCheckConstraint('member_role_dates_check', sql`ends_on is null or ends_on >= starts_on`)
    .execute()
  await db.schema.createIndex('member_role_member').on('member_role').column('member_id').execute()
  await db.schema
    .createTable('member_interest')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('member_id', 'integer', (c) => c.notNull().references('member.id').onDelete('cascade'))
    .addColumn('category', 'text', (c) =>
      c.notNull().check(sql`category in ('disclosable-pecuniary', 'other-registrable', 'non-registrable')`),
    )
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('registered_on', 'date', (c) => c.notNull())
    .addColumn('updated_on', 'date', (c) => c.notNull())
    .addColumn('published', 'boolean', (c) => c.notNull())
    .addCheckConstraint('member_interest_dates_check', sql`updated_on >= registered_on`)
    .execute()
  await db.schema.createIndex('member_interest_member').on('member_interest').column('member_id').execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('member_interest').ifExists().execute()
  await db.schema.dropTable('member_role').ifExists().execute()
  await db.schema.dropTable('member').ifExists().execute()
}

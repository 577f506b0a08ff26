/**
 * The scrutiny panel: committees, their members and contacts, meetings and agenda items.
 */
import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('committee')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('purpose', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('terms_of_reference', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('quorum', 'integer', (c) => c.notNull().check(sql`quorum > 0`))
    .execute()

  await db.schema
    .createTable('committee_member')
    .addColumn('committee_id', 'integer', (c) => c.notNull().references('committee.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('councillor', 'appointed')`))
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('chair', 'vice-chair', 'member', 'substitute')`))
    .addPrimaryKeyConstraint('committee_member_pk', ['committee_id', 'position'])
    .execute()

  await db.schema
    .createTable('committee_contact')
    .addColumn('committee_id', 'integer', (c) => c.notNull().references('committee.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('phone', 'text')
    .addColumn('email', 'text')
    .addPrimaryKeyConstraint('committee_contact_pk', ['committee_id', 'position'])
    .execute()

  await db.schema
    .createTable('meeting')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('committee_id', 'integer', (c) => c.notNull().references('committee.id'))
    .addColumn('date', 'date', (c) => c.notNull())
    .addColumn('start_time', 'text', (c) => c.notNull().check(sql`start_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'`))
    .addColumn('venue', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('scheduled', 'held', 'cancelled')`))
    .addColumn('notice', 'text')
    .execute()
  await db.schema.createIndex('meeting_committee_date_idx').on('meeting').columns(['committee_id', 'date']).execute()

  await db.schema
    .createTable('agenda_item')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('meeting_id', 'integer', (c) => c.notNull().references('meeting.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull().check(sql`position > 0`))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('page_from', 'integer')
    .addColumn('page_to', 'integer')
    .addUniqueConstraint('agenda_item_position_unique', ['meeting_id', 'position'])
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['agenda_item', 'meeting', 'committee_contact', 'committee_member', 'committee']) {
    await db.schema.dropTable(table).ifExists().execute()
  }
}

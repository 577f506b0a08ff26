/**
 * Each committee's work programme: the items it plans to consider, for a meeting or (before one is chosen) a month,
 * with their status, and the agenda item an item became when it was moved onto a meeting's agenda.
 */
import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('work_programme_item')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('committee_id', 'integer', (c) => c.notNull().references('committee.id').onDelete('cascade'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('lead_officer', 'text', (c) => c.notNull())
    .addColumn('meeting_id', 'integer', (c) => c.references('meeting.id').onDelete('set null'))
    .addColumn('planned_month', 'text', (c) => c.check(sql`planned_month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'`))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('planned', 'on-agenda', 'deferred', 'done')`))
    .addColumn('agenda_item_id', 'integer', (c) => c.references('agenda_item.id').onDelete('set null'))
    .execute()
  await db.schema
    .createIndex('work_programme_item_committee')
    .on('work_programme_item')
    .column('committee_id')
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('work_programme_item').ifExists().execute()
}

/**
 * The recommendations tracker: each recommendation the panel makes of the executive, and the dated updates on what
 * was done. Updates are never edited or deleted (a trigger refuses it): a correction is a new update.
 */
import { sql, type Kysely } from 'kysely'

const STATUSES = sql.join(
  ['awaiting-response', 'accepted', 'in-progress', 'completed', 'not-accepted'].map((s) => sql.lit(s)),
)

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('recommendation')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('committee_id', 'integer', (c) => c.notNull().references('committee.id'))
    .addColumn('meeting_id', 'integer', (c) => c.references('meeting.id'))
    .addColumn('made_on', 'date', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('number', 'integer', (c) => c.notNull().check(sql`number > 0`))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('lead_officer', 'text')
    .addColumn('response_due', 'date', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in (${STATUSES})`))
    .addColumn('responded_on', 'date')
    .execute()
  await db.schema.createIndex('recommendation_made_on_idx').on('recommendation').column('made_on').execute()

  await db.schema
    .createTable('recommendation_update')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('recommendation_id', 'integer', (c) => c.notNull().references('recommendation.id'))
    .addColumn('dated', 'date')
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.check(sql`status is null or status in (${STATUSES})`))
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute()
  await db.schema
    .createIndex('recommendation_update_recommendation_idx')
    .on('recommendation_update')
    .column('recommendation_id')
    .execute()

  await sql`
    create function recommendation_update_is_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'Updates on recommendations cannot be changed or deleted; record a new update instead';
    end
    $$`.execute(db)
  await sql`
    create trigger recommendation_update_append_only before update or delete on recommendation_update
    for each row execute function recommendation_update_is_append_only()`.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop trigger if exists recommendation_update_append_only on recommendation_update`.execute(db)
  await sql`drop function if exists recommendation_update_is_append_only()`.execute(db)
  await db.schema.dropTable('recommendation_update').ifExists().execute()
  await db.schema.dropTable('recommendation').ifExists().execute()
}

/**
 * A recommendation made from a minute remembers the minute's number, so the minutes and the API can link the
 * two, and a minute cannot be sent twice even if its text is corrected while the minutes are a draft. A minute
 * with several numbered decisions gives one recommendation each, numbered 1, 2, 3…, so the index is unique per
 * (meeting, minute, number). Recommendations entered by hand (or from before Scrutineer) have none.
 */
import type { Kysely } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('recommendation').addColumn('minute_number', 'integer').execute()
  await db.schema
    .createIndex('recommendation_minute_unique')
    .on('recommendation')
    .columns(['meeting_id', 'minute_number', 'number'])
    .unique()
    .where('minute_number', 'is not', null)
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('recommendation_minute_unique').execute()
  await db.schema.alterTable('recommendation').dropColumn('minute_number').execute()
}

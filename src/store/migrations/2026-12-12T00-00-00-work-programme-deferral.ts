/**
 * Why a work-programme item was deferred, when democratic services give a reason: the committee's page shows it
 * beside the item while it stays deferred.
 */
import type { Kysely } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('work_programme_item').addColumn('deferral_reason', 'text').execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('work_programme_item').dropColumn('deferral_reason').execute()
}

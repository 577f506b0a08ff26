/**
 * Indexes for searching the audit log (/admin/audit). It grows with every sign-in and change, and is never pruned:
 * filtering by action (and counting the matches) and by a range of days should not read the whole table. Free-text
 * search still reads every row's text; at a council's volume that is fast enough, and a trigram index would need an
 * extension PGlite does not ship.
 */
import type { Kysely } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('audit_event_action_idx').on('audit_event').columns(['action', 'id']).execute()
  await db.schema.createIndex('audit_event_at_idx').on('audit_event').column('at').execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('audit_event_at_idx').ifExists().execute()
  await db.schema.dropIndex('audit_event_action_idx').ifExists().execute()
}

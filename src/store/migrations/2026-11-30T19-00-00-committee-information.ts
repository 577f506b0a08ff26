/**
 * The committee's standing public information, printed in every Public Document Pack: its sections (a JSON list
 * of `{ heading, text }`, in print order, none at first) and the line printed above its terms of reference.
 */
import type { Kysely } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('committee')
    .addColumn('public_information', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('terms_of_reference_lead_in', 'text')
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('committee')
    .dropColumn('terms_of_reference_lead_in')
    .dropColumn('public_information')
    .execute()
}

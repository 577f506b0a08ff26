/**
 * The Members' Room edition of a meeting's document pack: each stored pack says who it is for. `public` (every
 * pack stored before this migration) is the Public Document Pack anyone may download; `members` is the same
 * version with the Members' Room papers included, for panel members and officers only. A version has at most
 * one of each.
 */
import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('document_pack')
    .addColumn('audience', 'text', (c) => c.notNull().defaultTo('public'))
    .execute()
  await db.schema
    .alterTable('document_pack')
    .addCheckConstraint('document_pack_audience_check', sql`audience in ('public', 'members')`)
    .execute()
  await db.schema.alterTable('document_pack').dropConstraint('document_pack_version_unique').execute()
  await db.schema
    .alterTable('document_pack')
    .addUniqueConstraint('document_pack_version_unique', ['meeting_id', 'version', 'audience'])
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`delete from document_pack where audience = 'members'`.execute(db)
  await db.schema.alterTable('document_pack').dropConstraint('document_pack_version_unique').execute()
  await db.schema
    .alterTable('document_pack')
    .addUniqueConstraint('document_pack_version_unique', ['meeting_id', 'version'])
    .execute()
  await db.schema.alterTable('document_pack').dropConstraint('document_pack_audience_check').execute()
  await db.schema.alterTable('document_pack').dropColumn('audience').execute()
}

/**
 * Reports to the panel: one per agenda item, its cover sheet's sections (lists as JSON text), and its appendices
 * in order, an uploaded file's bytes kept in the database (so the web stays stateless).
 */
import { sql, type Kysely } from 'kysely'

const TEXT_FIELDS = [
  'decision_maker',
  'subject',
  'date_of_decision',
  'report_of',
  'contacts',
  'confidentiality',
  'brief_summary',
  'recommendations',
  'reasons',
  'alternative_options',
  'detail',
  'resource_implications',
  'legal_implications',
  'risk_implications',
  'policy_framework_implications',
  'wards_affected',
  'members_room_documents',
  'background_documents',
]

export async function up(db: Kysely<unknown>): Promise<void> {
  let report = db.schema
    .createTable('report')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('agenda_item_id', 'integer', (c) =>
      c.notNull().unique().references('agenda_item.id').onDelete('cascade'),
    )
  for (const field of TEXT_FIELDS) report = report.addColumn(field, 'text', (c) => c.notNull())
  await report
    .addColumn('key_decision', 'boolean', (c) => c.notNull())
    .addColumn('equality_impact_assessment', 'boolean', (c) => c.notNull())
    .addColumn('data_protection_impact_assessment', 'boolean', (c) => c.notNull())
    .execute()
  await db.schema
    .createTable('report_appendix')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('report_id', 'integer', (c) => c.notNull().references('report.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull().check(sql`position > 0`))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('members_room_only', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('dataset_id', 'text')
    .addColumn('period', 'text')
    .addColumn('file_name', 'text')
    .addColumn('media_type', 'text')
    .addColumn('byte_size', 'integer')
    .addColumn('sha256', 'text')
    .addColumn('content', 'bytea')
    .addUniqueConstraint('report_appendix_position_unique', ['report_id', 'position'])
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('report_appendix').ifExists().execute()
  await db.schema.dropTable('report').ifExists().execute()
}

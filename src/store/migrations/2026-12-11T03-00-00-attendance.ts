/**
 * Attendance member by member: for each of the committee's members at a meeting, whether they were present, sent
 * apologies (with or without a substitute, named as typed) or were absent, so member pages can count meetings
 * attended against meetings expected. The minutes' printed lists (`minutes.present`, `minutes.apologies`) stay as
 * they were and are still written, so minutes from before this table read as before; their attendance is read from
 * those lists (`attendanceFromLists`). Rows of approved minutes are final, as the minutes' own are: the same
 * trigger function refuses changing them.
 */
import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('minutes_attendance')
    .addColumn('minutes_id', 'integer', (c) => c.notNull().references('minutes.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('councillor', 'appointed')`))
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('chair', 'vice-chair', 'member')`))
    .addColumn('attendance', 'text', (c) =>
      c.notNull().check(sql`attendance in ('present', 'apologies', 'substituted', 'absent')`),
    )
    .addColumn('substitute', 'text')
    .addPrimaryKeyConstraint('minutes_attendance_pkey', ['minutes_id', 'position'])
    .addCheckConstraint(
      'minutes_attendance_substitute_check',
      sql`(attendance = 'substituted') = (substitute is not null)`,
    )
    .execute()
  await db.schema.createIndex('minutes_attendance_name').on('minutes_attendance').columns(['name', 'kind']).execute()
  await sql`
    create trigger minutes_attendance_approved_final before insert or update or delete on minutes_attendance
    for each row execute function minute_item_of_approved_is_final()`.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop trigger if exists minutes_attendance_approved_final on minutes_attendance`.execute(db)
  await db.schema.dropTable('minutes_attendance').ifExists().execute()
}

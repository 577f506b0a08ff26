/**
 * A fast drill-down and a small audit event for it.
 *
 * `annex_a_row_month`: which stored rows each measure looks at in which months, written once when a return is
 * imported (domain/measures/compute.ts rowMonthsOf): a rule (numbered per import, the import's summary names
 * them) puts a row of a list in the months whose ordinal is in [from_month, to_month). Explaining one
 * measure-month reads those rows through the index, and the same children's other rows, instead of every row.
 * It holds row numbers and months only; it goes with its import's rows.
 *
 * `audit_event_child`: the children a `view-children` event showed, one row each, linked to the event. The event
 * itself carries their number and a SHA-256 of their ids, so the chained event vouches for the list. It is
 * append-only like the audit log (a trigger refuses UPDATE and DELETE; the application's role has neither:
 * src/store/privileges.ts).
 */
import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('annex_a_row_month')
    .addColumn('import_id', 'integer', (c) => c.notNull().references('import_batch.id').onDelete('cascade'))
    .addColumn('rule', 'smallint', (c) => c.notNull())
    .addColumn('list', 'smallint', (c) => c.notNull())
    .addColumn('row', 'integer', (c) => c.notNull())
    .addColumn('from_month', 'integer', (c) => c.notNull())
    .addColumn('to_month', 'integer', (c) => c.notNull())
    .execute()
  await sql`create index annex_a_row_month_idx on annex_a_row_month (import_id, rule, from_month)
    include (to_month, list, row)`.execute(db)

  await db.schema
    .createTable('audit_event_child')
    .addColumn('event_id', 'integer', (c) => c.notNull().references('audit_event.id'))
    .addColumn('child_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('audit_event_child_pk', ['event_id', 'child_id'])
    .execute()
  await sql`
    create function audit_event_child_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'the audit log is append-only';
    end
    $$`.execute(db)
  await sql`
    create trigger audit_event_child_append_only before update or delete on audit_event_child
    for each row execute function audit_event_child_append_only()`.execute(db)
  await sql`
    create trigger audit_event_child_no_truncate before truncate on audit_event_child
    for each statement execute function audit_event_child_append_only()`.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('audit_event_child').ifExists().execute()
  await sql`drop function if exists audit_event_child_append_only()`.execute(db)
  await db.schema.dropTable('annex_a_row_month').ifExists().execute()
}

/**
 * Minutes of meetings: one set per meeting (present, apologies, officers, declarations, draft or approved and at
 * which later meeting), and their numbered minutes. Approved minutes are never changed: a trigger refuses it.
 */
import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('minutes')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('meeting_id', 'integer', (c) => c.notNull().unique().references('meeting.id'))
    .addColumn('present', 'text', (c) => c.notNull())
    .addColumn('apologies', 'text', (c) => c.notNull())
    .addColumn('officers', 'text', (c) => c.notNull())
    .addColumn('declarations', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('draft', 'approved')`))
    .addColumn('approved_at_meeting_id', 'integer', (c) => c.references('meeting.id'))
    .addColumn('approved_on', 'date')
    .addCheckConstraint(
      'minutes_approval_check',
      sql`(status = 'draft' and approved_at_meeting_id is null and approved_on is null) or (status = 'approved' and approved_at_meeting_id is not null and approved_on is not null)`,
    )
    .execute()

  await db.schema
    .createTable('minute_item')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('minutes_id', 'integer', (c) => c.notNull().references('minutes.id'))
    .addColumn('number', 'integer', (c) => c.notNull().check(sql`number > 0`))
    .addColumn('agenda_item_id', 'integer', (c) => c.references('agenda_item.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('paragraphs', 'text', (c) => c.notNull())
    .addColumn('resolved', 'text')
    .addColumn('in_the_chair', 'text')
    .addUniqueConstraint('minute_item_number_unique', ['minutes_id', 'number'])
    .execute()

  await sql`
    create function minutes_approved_are_final() returns trigger language plpgsql as $$
    begin
      raise exception 'Approved minutes cannot be changed';
    end
    $$`.execute(db)
  await sql`
    create trigger minutes_approved_final before update or delete on minutes
    for each row when (old.status = 'approved') execute function minutes_approved_are_final()`.execute(db)
  await sql`
    create function minute_item_of_approved_is_final() returns trigger language plpgsql as $$
    begin
      if tg_op <> 'INSERT' and exists (select 1 from minutes where id = old.minutes_id and status = 'approved') then
        raise exception 'Approved minutes cannot be changed';
      end if;
      if tg_op <> 'DELETE' and exists (select 1 from minutes where id = new.minutes_id and status = 'approved') then
        raise exception 'Approved minutes cannot be changed';
      end if;
      if tg_op = 'DELETE' then
        return old;
      end if;
      return new;
    end
    $$`.execute(db)
  await sql`
    create trigger minute_item_approved_final before insert or update or delete on minute_item
    for each row execute function minute_item_of_approved_is_final()`.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop trigger if exists minute_item_approved_final on minute_item`.execute(db)
  await sql`drop function if exists minute_item_of_approved_is_final()`.execute(db)
  await sql`drop trigger if exists minutes_approved_final on minutes`.execute(db)
  await sql`drop function if exists minutes_approved_are_final()`.execute(db)
  await db.schema.dropTable('minute_item').ifExists().execute()
  await db.schema.dropTable('minutes').ifExists().execute()
}

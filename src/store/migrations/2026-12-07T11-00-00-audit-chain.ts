/**
 * The audit log becomes a hash chain: every event carries its position in the chain, the hash of the event before
 * it and its own hash, SHA-256 over a canonical text of the event (domain/audit-chain.ts spells it out; the SQL
 * function `audit_event_canonical` below builds the same text). `scrutineer audit verify` recomputes the chain.
 *
 * Events are chained when their transaction commits, by a deferred constraint trigger: it locks the one row of
 * `audit_chain_head`, so two web processes on one PostgreSQL append one after the other, in commit order, and the
 * lock is held only for the commit's last moments (taken last, it cannot deadlock with the change's own locks).
 * The trigger's functions run as the schema's owner (`security definer`): the application's role needs no UPDATE
 * on the audit log or the chain head, and has none (src/store/privileges.ts). The append-only trigger allows one
 * update only: writing the chain columns of an event that has none, changing nothing else.
 *
 * Events already in the log are chained here, in the order of their ids.
 */
import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('audit_event')
    .addColumn('chain_position', 'bigint')
    .addColumn('previous_hash', 'text')
    .addColumn('hash', 'text')
    .execute()
  await db.schema
    .createIndex('audit_event_chain_position_idx')
    .unique()
    .on('audit_event')
    .column('chain_position')
    .execute()

  await db.schema
    .createTable('audit_chain_head')
    .addColumn('singleton', 'boolean', (c) =>
      c
        .primaryKey()
        .defaultTo(true)
        .check(sql`singleton`),
    )
    .addColumn('position', 'bigint', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute()
  // Position 0 is the chain's start: the first event's previous hash is 64 zeros.
  await sql`insert into audit_chain_head (singleton, position, hash) values (true, 0, repeat('0', 64))`.execute(db)

  // One field of the canonical text: '-' for null, otherwise its length in bytes, a colon and the text, so no
  // choice of values can make two different events read alike.
  await sql`
    create function audit_chain_field(value text) returns text language sql immutable as $$
      select case when value is null then '-' else octet_length(value)::text || ':' || value end
    $$`.execute(db)
  await sql`
    create function audit_event_canonical(
      chain_position bigint, id integer, at timestamptz, actor text, action text, subject_type text,
      subject_id text, correlation_id text, details jsonb, previous_hash text
    ) returns text language sql stable as $$
      select 'scrutineer-audit-event-v1' || chr(10) || concat_ws(chr(10),
        audit_chain_field(chain_position::text),
        audit_chain_field(id::text),
        audit_chain_field(to_char(at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')),
        audit_chain_field(actor),
        audit_chain_field(action),
        audit_chain_field(subject_type),
        audit_chain_field(subject_id),
        audit_chain_field(correlation_id),
        audit_chain_field(details::text),
        audit_chain_field(previous_hash))
    $$`.execute(db)

  await sql`
    create function audit_chain_append(event_id integer) returns void
    language plpgsql security definer set search_path from current as $$
    declare
      head_position bigint;
      head_hash text;
      event audit_event%rowtype;
      event_hash text;
    begin
      select position, hash into head_position, head_hash from audit_chain_head where singleton for update;
      select * into event from audit_event where id = event_id;
      if event.chain_position is not null then
        return;
      end if;
      event_hash := encode(sha256(convert_to(audit_event_canonical(head_position + 1, event.id, event.at,
        event.actor, event.action, event.subject_type, event.subject_id, event.correlation_id, event.details,
        head_hash), 'UTF8')), 'hex');
      update audit_event set chain_position = head_position + 1, previous_hash = head_hash, hash = event_hash
        where id = event_id;
      update audit_chain_head set position = head_position + 1, hash = event_hash where singleton;
    end
    $$`.execute(db)
  await sql`revoke execute on function audit_chain_append(integer) from public`.execute(db)
  await sql`
    create function audit_event_chain() returns trigger
    language plpgsql security definer set search_path from current as $$
    begin
      perform audit_chain_append(new.id);
      return null;
    end
    $$`.execute(db)
  await sql`revoke execute on function audit_event_chain() from public`.execute(db)

  await sql`
    create or replace function audit_event_append_only() returns trigger language plpgsql as $$
    begin
      if tg_op = 'UPDATE' and old.chain_position is null and old.previous_hash is null and old.hash is null
        and new.chain_position is not null and new.previous_hash is not null and new.hash is not null
        and (new.id, new.at, new.actor, new.action, new.subject_type, new.subject_id, new.correlation_id,
             new.details)
          is not distinct from (old.id, old.at, old.actor, old.action, old.subject_type, old.subject_id,
             old.correlation_id, old.details) then
        return new;
      end if;
      raise exception 'the audit log is append-only';
    end
    $$`.execute(db)

  await sql`
    do $$
    declare
      event_id integer;
    begin
      for event_id in select id from audit_event order by id loop
        perform audit_chain_append(event_id);
      end loop;
    end
    $$`.execute(db)

  await sql`
    create constraint trigger audit_event_chain after insert on audit_event
    deferrable initially deferred for each row execute function audit_event_chain()`.execute(db)

  // The chain head is rewritten only by the trigger's function: make it as unchangeable as the log otherwise.
  await sql`
    create function audit_chain_head_guard() returns trigger language plpgsql as $$
    begin
      if tg_op = 'UPDATE' and new.position = old.position + 1 then
        return new;
      end if;
      raise exception 'the audit chain''s head only moves forward, one event at a time';
    end
    $$`.execute(db)
  await sql`
    create trigger audit_chain_head_only_forward before update or delete on audit_chain_head
    for each row execute function audit_chain_head_guard()`.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop trigger if exists audit_event_chain on audit_event`.execute(db)
  await sql`drop function if exists audit_event_chain()`.execute(db)
  await sql`drop function if exists audit_chain_append(integer)`.execute(db)
  await sql`drop function if exists audit_event_canonical(bigint, integer, timestamptz, text, text, text, text, text, jsonb, text)`.execute(
    db,
  )
  await sql`drop function if exists audit_chain_field(text)`.execute(db)
  await db.schema.dropTable('audit_chain_head').ifExists().execute()
  await sql`drop function if exists audit_chain_head_guard()`.execute(db)
  await sql`
    create or replace function audit_event_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'the audit log is append-only';
    end
    $$`.execute(db)
  await db.schema.dropIndex('audit_event_chain_position_idx').ifExists().execute()
  await db.schema
    .alterTable('audit_event')
    .dropColumn('hash')
    .dropColumn('previous_hash')
    .dropColumn('chain_position')
    .execute()
}

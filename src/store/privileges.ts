/**
 * What the application's own database role may do on PostgreSQL when the schema belongs to another role (the
 * owner, who runs the migrations): read and write the working tables, but only add to and read the audit log and
 * what was published, only read the audit chain's head and the migration history, and never TRUNCATE, ALTER or
 * DROP anything (those need ownership, which it does not have). Applied by the owner after every migration, so a
 * table a migration adds gets the right grants without anyone remembering to run SQL (docs/operations.md shows the
 * same SQL for a database administrator who prefers to run it by hand).
 */
import { sql, type Kysely } from 'kysely'
import type { Database } from './schema.ts'

/** Tables the application may only add to and read: the audit log (and the children its events name) and everything published. */
export const APPEND_ONLY_TABLES = [
  'audit_event',
  'audit_event_child',
  'publication',
  'document_pack',
  'recommendation_update',
] as const

/** Tables the application may only read: the chain's head (moved by the owner's trigger) and the migrations. */
export const READ_ONLY_TABLES = ['audit_chain_head', 'kysely_migration', 'kysely_migration_lock'] as const

/** The role a connection acts as. */
export async function currentRole(db: Kysely<Database>): Promise<string> {
  const result = await sql<{ role: string }>`select current_user as role`.execute(db)
  const role = result.rows[0]?.role
  if (role === undefined) throw new Error('The database did not say which role this connection uses.')
  return role
}

/**
 * Grants `role` exactly what the application needs on every table of the owner's current schema. Run as the
 * owner, after migrating. Does nothing when `role` is the owner itself (a single role: see auditProtection).
 */
export async function grantApplicationRole(owner: Kysely<Database>, role: string): Promise<void> {
  if ((await currentRole(owner)) === role) return
  const schemaRow = await sql<{ schema: string }>`select current_schema() as schema`.execute(owner)
  const schema = sql.id(schemaRow.rows[0]?.schema ?? 'public')
  const app = sql.id(role)
  const tables = (names: readonly string[]) => sql.join(names.map((name) => sql.id(name)))
  await owner.transaction().execute(async (trx) => {
    await sql`grant usage on schema ${schema} to ${app}`.execute(trx)
    await sql`revoke all on all tables in schema ${schema} from ${app}`.execute(trx)
    await sql`grant select, insert, update, delete on all tables in schema ${schema} to ${app}`.execute(trx)
    await sql`revoke update, delete on ${tables([...APPEND_ONLY_TABLES, ...READ_ONLY_TABLES])} from ${app}`.execute(trx)
    await sql`revoke insert on ${tables(READ_ONLY_TABLES)} from ${app}`.execute(trx)
    await sql`grant usage, select on all sequences in schema ${schema} to ${app}`.execute(trx)
  })
}

/** Whether the role a connection uses could rewrite the audit log's history, and why. */
export interface AuditProtection {
  role: string
  superuser: boolean
  /** The role owns the audit log, or is a member of the role that does. */
  owner: boolean
  /** It holds TRUNCATE, UPDATE or DELETE on the audit log. */
  canRewrite: boolean
}

export async function auditProtection(db: Kysely<Database>): Promise<AuditProtection> {
  const result = await sql<{ role: string; superuser: boolean; owner: boolean; can_rewrite: boolean }>`
    select current_user as role,
      (select rolsuper from pg_roles where rolname = current_user) as superuser,
      pg_has_role(current_user, c.relowner, 'USAGE') as owner,
      has_table_privilege(c.oid, 'TRUNCATE') or has_table_privilege(c.oid, 'UPDATE')
        or has_table_privilege(c.oid, 'DELETE') as can_rewrite
    from pg_class c where c.oid = 'audit_event'::regclass`.execute(db)
  const row = result.rows[0]
  if (row === undefined) throw new Error('The audit log table is missing.')
  return { role: row.role, superuser: row.superuser, owner: row.owner, canRewrite: row.can_rewrite }
}

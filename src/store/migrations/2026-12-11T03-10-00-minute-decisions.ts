/**
 * Every RESOLVED decision its own record: a minute's resolution is cut into its numbered decisions (the minutes
 * print "(i)", "(ii)"…; `resolutionDecisions`), one row each, numbered from 1 within the minute, so the decisions
 * register can list, filter and count them. The minute's `resolved` text stays as written and is what prints; these
 * rows are rewritten whenever it changes (minutes-repository). Minutes written before this table get their decisions
 * here, cut from their text the same way.
 */
import { sql, type Kysely } from 'kysely'
import { resolutionDecisions } from '../../domain/scrutiny/minutes.ts'

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('minute_decision')
    .addColumn('minute_item_id', 'integer', (c) => c.notNull().references('minute_item.id').onDelete('cascade'))
    .addColumn('number', 'integer', (c) => c.notNull().check(sql`number > 0`))
    .addColumn('text', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('minute_decision_pkey', ['minute_item_id', 'number'])
    .execute()
  const items = await sql<{ id: number; resolved: string }>`
    select id, resolved from minute_item where resolved is not null`.execute(db)
  for (const item of items.rows) {
    const decisions = resolutionDecisions(item.resolved)
    for (const [i, text] of decisions.entries()) {
      await sql`insert into minute_decision (minute_item_id, number, text) values (${item.id}, ${i + 1}, ${text})`.execute(
        db,
      )
    }
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('minute_decision').ifExists().execute()
}

/**
 * Jobs: long work run outside the web request that started it. Rows live in the database so any web process can
 * show a job's progress and a restarted server can mark what it was running as failed. `heartbeat_at` is renewed
 * while a job runs; a running job whose heartbeat is old belonged to a process that stopped. The partial unique
 * index is the database's own guarantee that at most one job of a queue (say one dataset's imports) runs at once,
 * whichever process claims it.
 */
import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('job')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('queue', 'text')
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('queued')
        .check(sql`status in ('queued', 'running', 'succeeded', 'failed')`),
    )
    .addColumn('percent', 'integer', (c) =>
      c
        .notNull()
        .defaultTo(0)
        .check(sql`percent between 0 and 100`),
    )
    .addColumn('step', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('started_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('started_at', 'timestamptz')
    .addColumn('finished_at', 'timestamptz')
    .addColumn('heartbeat_at', 'timestamptz')
    .addColumn('runner', 'text')
    .addColumn('payload', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('outcome', 'jsonb')
    .addColumn('result_url', 'text')
    .addColumn('result_label', 'text')
    .addColumn('error', 'text')
    .execute()
  await db.schema.createIndex('job_status_id').on('job').columns(['status', 'id']).execute()
  await sql`create unique index job_one_running_per_queue on job (queue) where status = 'running' and queue is not null`.execute(
    db,
  )
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('job').execute()
}

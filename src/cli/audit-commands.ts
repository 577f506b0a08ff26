/**
 * `scrutineer audit verify`: proves the audit log's hash chain unbroken, or says where it breaks (exit code 1).
 * `scrutineer backup --out FILE` and `scrutineer restore FILE [--force]`: the embedded database's backups.
 */
import type { Config } from '../config.ts'
import type { ChainVerification } from '../services/audit-log-service.ts'
import { backUpDatabase, restoreDatabase } from '../services/backup-service.ts'
import { cliActor, UsageError, withServices, type Values } from './shared.ts'

const count = (n: number, one: string, many: string) => `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`

/** Prints a verification: the head on stdout when the chain holds, every break on stderr. 0 or 1. */
function reportChain({ checked, head, breaks }: ChainVerification): number {
  if (breaks.length === 0) {
    process.stdout.write(
      `The audit log's hash chain is unbroken: ${count(checked, 'event', 'events')} checked, from the first to ` +
        `position ${head.position}.\nIts head is position ${head.position}, hash ${head.hash}. Keep a copy of ` +
        'this line somewhere the database cannot reach: a later check whose chain does not pass through it ' +
        'shows the log was rebuilt.\n',
    )
    return 0
  }
  process.stderr.write(
    `The audit log's hash chain is broken in ${count(breaks.length, 'place', 'places')} ` +
      `(${count(checked, 'event', 'events')} checked; the head is position ${head.position}):\n`,
  )
  for (const b of breaks) {
    const where = [
      b.position > 0 ? `position ${b.position}` : null,
      b.eventId === null ? null : `event ${b.eventId}`,
      b.at,
    ].filter((part) => part !== null)
    process.stderr.write(`  ${where.join(', ')}: ${b.message}\n`)
  }
  return 1
}

export async function auditCommand(config: Config, subcommand: string | undefined): Promise<number> {
  if (subcommand !== 'verify') throw new UsageError('Use "scrutineer audit verify".')
  return withServices(config, async (services) => reportChain(await services.auditLog.verify()))
}

export async function backupCommand(config: Config, values: Values): Promise<number> {
  if (values.out === undefined) throw new UsageError('Say where to write the backup: scrutineer backup --out FILE.')
  const { bytes } = await backUpDatabase(config.database, values.out, { actor: cliActor() })
  process.stdout.write(
    `Backed up the embedded database to ${values.out} (${(bytes / 1024 / 1024).toFixed(1)} MB). It holds ` +
      "children's records: keep it where only the people who may see them can read it.\n",
  )
  return 0
}

export async function restoreCommand(config: Config, file: string | undefined, values: Values): Promise<number> {
  if (file === undefined) throw new UsageError('Say which backup to restore: scrutineer restore FILE [--force].')
  const restored = await restoreDatabase(
    file,
    config.database,
    { force: values.force === true },
    {
      actor: cliActor(),
    },
  )
  process.stdout.write(
    `Restored ${file} (its schema went up to ${restored.newestMigration}` +
      (restored.migrationsToRun === 0
        ? ').\n'
        : `; ${count(restored.migrationsToRun, 'schema change was', 'schema changes were')} made to bring it up to date).\n`),
  )
  return reportChain(restored.chain)
}

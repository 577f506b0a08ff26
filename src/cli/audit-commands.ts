/**
 * `scrutineer audit verify`: proves the audit log's hash chain unbroken, or says where it breaks (exit code 1).
 */
import type { Config } from '../config.ts'
import { UsageError, withServices } from './shared.ts'

const count = (n: number, one: string, many: string) => `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`

export async function auditCommand(config: Config, subcommand: string | undefined): Promise<number> {
  if (subcommand !== 'verify') throw new UsageError('Use "scrutineer audit verify".')
  return withServices(config, async (services) => {
    const { checked, head, breaks } = await services.auditLog.verify()
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
  })
}

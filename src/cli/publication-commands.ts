/**
 * Commands for publishing the monthly pack: publish a month, list what has been published, and show or change
 * the disclosure control rule the public outputs apply.
 */
import type { Config } from '../config.ts'
import { isPeriod } from '../domain/period.ts'
import { cliActor, UsageError, withServices, type Values } from './shared.ts'

/**
 * `scrutineer publish --dataset monthly --period 2018-04 --as dana@council.gov.uk`: publishes as the named account,
 * which must be allowed to publish (a director, enabled), exactly as on the web's Publish page; the publication and
 * its audit event name that account. Refused (exit 1, nothing published) for anyone else.
 */
export async function publishCommand(config: Config, values: Values): Promise<number> {
  const period = values.period
  if (period === undefined || !isPeriod(period)) {
    throw new UsageError('Say which month to publish: --period YYYY-MM (and --dataset ID, default monthly).')
  }
  const as = values.as
  if (as === undefined || as.trim() === '') {
    throw new UsageError(
      "Say whose sign-off this is: --as EMAIL, the email address of a director's account. " +
        'Publishing from the command line follows the same rule as the web.',
    )
  }
  const datasetId = values.dataset ?? 'monthly'
  return withServices(config, async (services) => {
    const account = await services.accounts.actingAccount(as, 'publish-pack')
    if (!account.ok) {
      process.stderr.write(
        `Nothing was published: ${account.problems[0]?.message ?? 'that account may not publish'}.\n`,
      )
      return 1
    }
    // The same actor as the web's Publish page (the account's name), so the log reads the same either way.
    const result = await services.publications.publish(datasetId, period, account.value.name)
    if (!result.ok) {
      process.stderr.write(`Nothing was published: ${result.problem.message}\n`)
      return 1
    }
    const p = result.value
    process.stdout.write(
      `Published ${p.datasetId} ${p.period}, version ${p.version}, at ${p.publishedAt} by ${p.publishedBy}.\n` +
        `Content hash (SHA-256): ${p.contentHash}\n`,
    )
    return 0
  })
}

/** `scrutineer publications --dataset monthly [--period 2018-04]` */
export async function publicationsCommand(config: Config, values: Values): Promise<number> {
  const datasetId = values.dataset ?? 'monthly'
  const period = values.period ?? null
  if (period !== null && !isPeriod(period)) throw new UsageError('--period must be a month, YYYY-MM.')
  return withServices(config, async (services) => {
    const versions = await services.publications.history(datasetId, period)
    if (versions.length === 0) {
      process.stdout.write(`Nothing of ${datasetId} has been published yet.\n`)
      return 0
    }
    process.stdout.write('month    version  published at              by                 content hash (SHA-256)\n')
    for (const v of versions) {
      process.stdout.write(
        `${v.period}  ${String(v.version).padEnd(7)}  ${v.publishedAt.padEnd(24)}  ${v.publishedBy.padEnd(17)}  ${v.contentHash}\n`,
      )
    }
    return 0
  })
}

/**
 * `scrutineer publications verify`: rehashes every published version (pages are served from what was checked when
 * first read, so this is how text changed in the database later is found). Exit code 1 when any differs.
 */
export async function verifyPublicationsCommand(config: Config): Promise<number> {
  return withServices(config, async (services) => {
    const checks = await services.publications.verify()
    const changed = checks.filter((check) => !check.intact)
    if (changed.length === 0) {
      process.stdout.write(
        `Every published version (${checks.length}) still hashes to the hash recorded when it was published.\n`,
      )
      return 0
    }
    process.stderr.write(
      `${changed.length} of ${checks.length} published versions no longer match the hash recorded when they were ` +
        'published: their stored text was changed outside Scrutineer. Restore them from a backup:\n',
    )
    for (const c of changed) {
      process.stderr.write(`  ${c.datasetId} ${c.period} version ${c.version} (recorded hash ${c.contentHash})\n`)
    }
    return 1
  })
}

/** `scrutineer disclosure [--range 1-5]`: shows, or changes, the counts published as `c`. */
export async function disclosureCommand(config: Config, values: Values): Promise<number> {
  return withServices(config, async (services) => {
    if (values.range !== undefined) {
      const match = /^(\d+)-(\d+)$/.exec(values.range.trim())
      if (!match) throw new UsageError('--range must be two whole numbers, lowest first, e.g. --range 1-5.')
      const result = await services.publications.setDisclosureRule(
        { min: Number(match[1]), max: Number(match[2]) },
        cliActor(),
      )
      if (!result.ok) {
        process.stderr.write(`${result.problem}\n`)
        return 1
      }
    }
    const rule = await services.publications.disclosureRule()
    process.stdout.write(
      `Counts of ${rule.min} to ${rule.max} children are published as "${rule.symbol}", with the figures built on them.\n` +
        'Packs already published keep the rule they were published with.\n',
    )
    return 0
  })
}

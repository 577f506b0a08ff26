/**
 * `scrutineer benchmarks import DIR`, `scrutineer benchmarks council [LA|NAME]` (which council this is) and
 * `scrutineer benchmarks show --la N --item ITEM [--year YYYY]`.
 */
import type { Config } from '../config.ts'
import { cliActor, reportRefused, UsageError, withServices, type Values } from './shared.ts'

function wholeNumber(text: string | undefined, option: string): number | undefined {
  if (text === undefined) return undefined
  if (!/^\d+$/.test(text.trim())) throw new UsageError(`${option} must be a whole number, e.g. ${option} 852.`)
  return Number(text)
}

export async function benchmarksCommand(
  config: Config,
  action: string | undefined,
  dir: string | undefined,
  values: Values,
): Promise<number> {
  if (action === 'import') {
    if (dir === undefined) throw new UsageError('Use "scrutineer benchmarks import DIR" with the DfE LAIT files.')
    return withServices(config, async (services) => {
      const result = await services.benchmarks.importFolder(dir, { actor: cliActor() })
      if (!result.ok) return reportRefused(dir, result.problems)
      const s = result.value
      process.stdout.write(
        `Loaded ${s.values} DfE values for ${s.items} items (${s.firstYear ?? '–'} to ${s.lastYear ?? '–'}) and ` +
          `the statistical neighbours of ${s.councilsWithNeighbours} councils` +
          `${s.neighboursVintage === null ? '' : ` (${s.neighboursVintage})`} from ${dir}.\n`,
      )
      return 0
    })
  }
  if (action === 'council') {
    return withServices(config, async (services) => {
      if (dir !== undefined) {
        const chosen = await services.benchmarks.chooseCouncil(dir, { actor: cliActor() })
        if (!chosen.ok) {
          for (const problem of chosen.problems) process.stderr.write(`${problem}\n`)
          return 1
        }
      }
      const council = await services.benchmarks.council()
      process.stdout.write(
        council === null
          ? 'No council is chosen yet: "scrutineer benchmarks council 852" (or the council\'s name).\n'
          : `${JSON.stringify(council)}\n`,
      )
      return 0
    })
  }
  if (action === 'show') {
    const la = wholeNumber(values.la, '--la')
    const year = wholeNumber(values.year, '--year')
    if (la === undefined || values.item === undefined)
      throw new UsageError('Use "scrutineer benchmarks show --la 852 --item ReReferral [--year 2024] --format json".')
    const format = values.format ?? 'json'
    if (format !== 'json' && format !== 'text') throw new UsageError('--format must be json or text.')
    return withServices(config, async (services) => {
      const result = await services.benchmarks.show({
        la,
        item: values.item ?? '',
        ...(year === undefined ? {} : { year }),
      })
      if (!result.ok) {
        for (const problem of result.problems) process.stderr.write(`${problem}\n`)
        return 1
      }
      const b = result.value
      // Exactly the contract of issue 13, in this order.
      const contract = {
        la: b.la,
        item: b.item,
        year: b.year,
        value: b.value,
        sn_average: b.snAverage,
        sn_count: b.snCount,
        england: b.england,
        region: b.region,
        region_value: b.regionValue,
        rank: b.rank,
        of: b.of,
        quartile: b.quartile,
      }
      if (format === 'json') process.stdout.write(`${JSON.stringify(contract)}\n`)
      else
        process.stdout.write(
          `${b.item}, LA ${b.la}, ${b.year} (${b.vintage})\n` +
            `  value: ${b.value ?? `not published (${b.notPublished ?? 'no row'})`}\n` +
            `  statistical neighbours: ${b.snAverage ?? '–'} (mean of ${b.snCount})\n` +
            `  England: ${b.england ?? '–'}\n` +
            `  ${b.region ?? 'region'}: ${b.regionValue ?? '–'}\n` +
            `  rank: ${b.rank === null ? '–' : `${b.rank} of ${b.of}`}; quartile: ${b.quartile ?? '–'}\n`,
        )
      return 0
    })
  }
  throw new UsageError(
    'Use "scrutineer benchmarks import DIR", "scrutineer benchmarks council [LA|NAME]" or ' +
      '"scrutineer benchmarks show --la N --item ITEM".',
  )
}

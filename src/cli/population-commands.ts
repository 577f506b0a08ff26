/**
 * `scrutineer population import FILE [--area CODE]`: the child population behind rates per 10,000, from ONS
 * mid-year estimates (src/services/population-service.ts).
 */
import type { Config } from '../config.ts'
import type { PopulationSource } from '../services/population-service.ts'
import { cliActor, reportRefused, UsageError, withServices, type Values } from './shared.ts'

/** Which financial years were set from an estimate and which fall back to an earlier one, in words. */
export function populationYearsText(source: PopulationSource): string {
  const set = Object.entries(source.estimated)
    .map(([year, e]) => `  ${year}: ${e.children.toLocaleString('en-GB')} (mid-${e.midYear} estimate)\n`)
    .join('')
  const fallback = Object.entries(source.fallsBackTo)
    .map(([year, from]) => `  ${year}: ${from}'s figure (ONS has no estimate for it yet)\n`)
    .join('')
  return `${set}${fallback === '' ? '' : `Falling back to the latest earlier estimate:\n${fallback}`}`
}

export async function populationCommand(
  config: Config,
  action: string | undefined,
  file: string | undefined,
  values: Values,
): Promise<number> {
  if (action !== 'import' || file === undefined)
    throw new UsageError('Use "scrutineer population import FILE [--area E06000045]" with ONS mid-year estimates.')
  return withServices(config, async (services) => {
    const result = await services.population.importFile(file, {
      actor: cliActor(),
      ...(values.area === undefined ? {} : { area: values.area }),
    })
    if (!result.ok) return reportRefused(file, result.problems)
    const s = result.value
    process.stdout.write(
      `Set the child population aged 0–17 of ${s.areaName ?? s.area} (${s.area}) from ${s.file}:\n${populationYearsText(s)}`,
    )
    return 0
  })
}

/**
 * Commands for a children in need census file: `cin-census summary` (the counts as read). `measures --cin-census`
 * is `measuresCommand` in annex-a-commands.ts, reading the census instead of Annex A lists.
 */
import { summariseCinCensus } from '../services/cin-census-service.ts'
import { reportRefused, UsageError, type Values } from './shared.ts'

export async function cinCensusCommand(
  action: string | undefined,
  file: string | undefined,
  values: Values,
): Promise<number> {
  if (action !== 'summary' || file === undefined)
    throw new UsageError('Use "scrutineer cin-census summary FILE.xml --format json".')
  if (values.format !== undefined && values.format !== 'json')
    throw new UsageError('cin-census summary prints JSON: use --format json.')
  const result = await summariseCinCensus(file)
  if (!result.ok) return reportRefused(file, result.problems)
  process.stdout.write(`${JSON.stringify(result.value)}\n`)
  return 0
}

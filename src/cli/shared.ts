/**
 * What every command shares: the options, usage errors, opening the services, and reporting problems.
 */
import type { parseArgs } from 'node:util'
import type { Config } from '../config.ts'
import { describeProblem, type ImportProblem } from '../importers/problem.ts'
import type { Services } from '../services/index.ts'

export class UsageError extends Error {
  override name = 'UsageError'
}

export const options = {
  db: { type: 'string' },
  port: { type: 'string' },
  host: { type: 'string' },
  period: { type: 'string' },
  dataset: { type: 'string' },
  'dataset-title': { type: 'string' },
  format: { type: 'string' },
  out: { type: 'string' },
  'benchmark-vintage': { type: 'string' },
  'annex-a': { type: 'string' },
  'cin-census': { type: 'string' },
  ssda903: { type: 'string' },
  end: { type: 'string' },
  months: { type: 'string' },
  population: { type: 'string' },
  area: { type: 'string' },
  'icpc-working-days': { type: 'string' },
  'cp-visit-working-days': { type: 'string' },
  'lac-visit-days': { type: 'string' },
  'overview-sections': { type: 'string' },
  'spc-run-length': { type: 'string' },
  explain: { type: 'string' },
  month: { type: 'string' },
  holidays: { type: 'string' },
  email: { type: 'string' },
  role: { type: 'string' },
  name: { type: 'string' },
  range: { type: 'string' },
  meeting: { type: 'string' },
  publish: { type: 'boolean' },
  note: { type: 'string' },
  members: { type: 'boolean' },
  force: { type: 'boolean' },
  as: { type: 'string' },
  owner: { type: 'string' },
  la: { type: 'string' },
  item: { type: 'string' },
  year: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const

export type Values = ReturnType<typeof parseArgs<{ options: typeof options; allowPositionals: true }>>['values']

/** Who did it, for the audit log. */
export function cliActor(): string {
  return `cli:${process.env.USER ?? 'unknown'}`
}

/** Opens the database (through the running server's socket when one holds the embedded folder) for `work`. */
export async function withServices<T>(config: Config, work: (services: Services) => Promise<T>): Promise<T> {
  const { openStore } = await import('../store/connect.ts')
  const { services } = await import('../services/index.ts')
  const store = await openStore(config.database)
  const opened = services(store, config)
  try {
    return await work(opened)
  } finally {
    // A command that printed a pack leaves Chromium running for the next print: none comes, so close it.
    await opened.printer.close()
    await store.close()
  }
}

/** Writes "Nothing was imported" and each problem to stderr; returns the exit code for refused input. */
export function reportRefused(file: string, problems: readonly ImportProblem[]): number {
  process.stderr.write(
    `Nothing was imported: ${problems.length} problem${problems.length === 1 ? '' : 's'} in ${file}.\n`,
  )
  for (const problem of problems) process.stderr.write(`  ${describeProblem(problem)}\n`)
  return 1
}

/**
 * Issue 13's CIN census benchmark: a synthetic census of 20,000 children (and of 50,000, to show the time grows
 * linearly) read and measured end to end, each run in its own process so its peak memory is its own. Goals: the
 * 20k read and measure within 6 s (50× faster than the DfE-community CIN validator's ingest, about 320 s here),
 * peak RSS at most 500 MB, and 50k within 2.7× the 20k time. Storing a census is not built yet: this times reading
 * and the measures, not a database import.
 *
 * Settings: SCRUTINEER_BENCH_CIN_CHILDREN (default `20000,50000`), SCRUTINEER_BENCH_CIN_RUNS (default 3).
 * Run alone with `node --import tsx bench/cin-census.ts`; one run of one file with
 * `node --import tsx bench/cin-census.ts --measure FILE.xml`, which prints
 * `cin-census read+measure=812 children=20000 maxRssKb=143000`.
 */
import { spawnSync } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { fileURLToPath, pathToFileURL } from 'node:url'
import feed from '../reference/bank-holidays-england-and-wales.json' with { type: 'json' }
import { parseBankHolidays } from '../src/domain/calendar/bank-holidays.ts'
import { createWorkingDayCalendar } from '../src/domain/calendar/working-days.ts'
import { DEFAULT_MEASURE_SETTINGS } from '../src/domain/measures/types.ts'
import { measuresFromCinCensus } from '../src/services/cin-census-service.ts'
import { writeSyntheticCinCensus } from '../src/synthetic/cin-census.ts'
import type { BenchResult } from './run.ts'

const END = '2018-03'
const TARGET_MS = 6000
const RSS_LIMIT_KB = 500 * 1024
const SCALING_LIMIT = 2.7

/** One read and measure of `file` in this process: the time and the process's peak resident memory. */
async function measureOnce(file: string): Promise<{ ms: number; children: number; maxRssKb: number }> {
  const holidays = parseBankHolidays(feed)
  if (!holidays.ok) throw new Error('The reference bank holidays do not load')
  const started = performance.now()
  const result = await measuresFromCinCensus(file, {
    end: END,
    months: 13,
    settings: { ...DEFAULT_MEASURE_SETTINGS, population: { '2017-18': 49189 } },
    calendar: createWorkingDayCalendar(holidays.value),
  })
  const ms = performance.now() - started
  if (!result.ok) throw new Error(result.problems.map((p) => p.reason).join('\n'))
  const children = new Set(result.value.annexA.referrals.map((r) => r.childId)).size
  return { ms, children, maxRssKb: process.resourceUsage().maxRSS }
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2
}

/** Runs `--measure file` in a fresh process and reads its line. */
function runChild(file: string): { ms: number; maxRssKb: number } {
  const self = fileURLToPath(import.meta.url)
  const child = spawnSync(process.execPath, ['--import', 'tsx', self, '--measure', file], { encoding: 'utf8' })
  const line = /read\+measure=(\d+(?:\.\d+)?) children=\d+ maxRssKb=(\d+)/.exec(child.stdout)
  if (child.status !== 0 || line === null) throw new Error(`The measured run failed: ${child.stderr}`)
  return { ms: Number(line[1]), maxRssKb: Number(line[2]) }
}

export async function cinCensusBenchmark(): Promise<BenchResult> {
  const sizes = (process.env.SCRUTINEER_BENCH_CIN_CHILDREN ?? '20000,50000')
    .split(',')
    .map(Number)
    .filter((n) => Number.isInteger(n) && n > 0)
  const runs = Math.max(1, Number(process.env.SCRUTINEER_BENCH_CIN_RUNS ?? 3) || 3)
  const dir = await mkdtemp(join(tmpdir(), 'scrutineer-bench-cin-'))
  const bySize = new Map<number, { runs: number[]; peakKb: number }>()
  try {
    for (const children of sizes) {
      const file = join(dir, `cin-${children}.xml`)
      await writeSyntheticCinCensus({ children, end: END, seed: 1, out: file })
      const times: number[] = []
      let peakKb = 0
      for (let i = 0; i < runs; i++) {
        const run = runChild(file)
        times.push(run.ms)
        peakKb = Math.max(peakKb, run.maxRssKb)
      }
      bySize.set(children, { runs: times, peakKb })
    }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
  const base = bySize.get(sizes[0] ?? 0) ?? { runs: [Number.NaN], peakKb: Number.NaN }
  const goals: Array<{ goal: string; met: boolean }> = []
  const notes: string[] = []
  for (const [children, result] of bySize) {
    goals.push({
      goal: `peak RSS at ${children.toLocaleString('en-GB')} children ≤ 500 MB`,
      met: result.peakKb <= RSS_LIMIT_KB,
    })
    notes.push(
      `${children.toLocaleString('en-GB')} children: median ${median(result.runs).toFixed(0)} ms, ` +
        `worst ${Math.max(...result.runs).toFixed(0)} ms, peak RSS ${(result.peakKb / 1024).toFixed(0)} MB`,
    )
  }
  const larger = sizes[1] === undefined ? undefined : bySize.get(sizes[1])
  if (larger !== undefined) {
    const ratio = median(larger.runs) / median(base.runs)
    goals.push({
      goal: `${sizes[1]} children within ${SCALING_LIMIT}× the ${sizes[0]} time`,
      met: ratio <= SCALING_LIMIT,
    })
    notes.push(`ratio ${ratio.toFixed(2)}×`)
  }
  return {
    name: `CIN census of ${(sizes[0] ?? 0).toLocaleString('en-GB')} children read and measured (13 months)`,
    target: '≤ 6 s (50× the DfE-community validator), ≤ 500 MB, linear to 50k',
    runs: base.runs,
    targetMs: TARGET_MS,
    notes: notes.join('; '),
    goals,
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const at = process.argv.indexOf('--measure')
  if (at >= 0) {
    const file = process.argv[at + 1]
    if (file === undefined) throw new Error('Give the census with --measure FILE.xml')
    const run = await measureOnce(file)
    process.stdout.write(
      `cin-census read+measure=${run.ms.toFixed(0)} children=${run.children} maxRssKb=${run.maxRssKb}\n`,
    )
  } else {
    const result = await cinCensusBenchmark()
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`)
  }
}

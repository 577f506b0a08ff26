/**
 * Issue 13's CIN census benchmark: a synthetic census of 20,000 children (and of 50,000, to show the time grows
 * linearly) imported end to end with `scrutineer import cin-census FILE --db …` (bin/scrutineer.js, as a council
 * runs it: compiled when dist/ is up to date, `npm run build`), a process of its own per run, into
 * a fresh copy of a database holding the demo council (so the census's figures are computed and written, as a
 * council's import is). Goals: the 20k import within 6 s (50× faster than the DfE-community CIN validator's ingest,
 * about 320 s here), the command's peak RSS (from the kernel, the embedded database's worker thread included) at
 * most 500 MB at either size, and the 50k median within 2.7× the 20k median.
 *
 * One row on the embedded database and one on PostgreSQL (a throwaway cluster, skipped without its server binaries;
 * there the RSS is the command's only, never the server's).
 *
 * Settings: SCRUTINEER_BENCH_CIN_CHILDREN (default `20000,50000`), SCRUTINEER_BENCH_CIN_RUNS (default 3).
 * Run alone with `node --import tsx bench/cin-census.ts` (both rows).
 */
import { cp, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import pg from 'pg'
import { services as buildServices } from '../src/services/index.ts'
import { openStore, type DatabaseTarget } from '../src/store/connect.ts'
import { writeSyntheticCinCensus } from '../src/synthetic/cin-census.ts'
import { PostgresCluster, postgresBinaries } from '../test/postgres-cluster.ts'
import { howScrutineerRuns, runScript } from './annex-a.ts'
import { median, type BenchResult } from './result.ts'

const END = '2018-03'
const TARGET_MS = 6000
const RSS_LIMIT_MB = 500
const SCALING_LIMIT = 2.7
const TARGET = `≤ 6 s (50× the DfE-community validator), ≤ ${RSS_LIMIT_MB} MB, 50k ≤ ${SCALING_LIMIT}× 20k`

function settings(): { sizes: number[]; runs: number } {
  const sizes = (process.env.SCRUTINEER_BENCH_CIN_CHILDREN ?? '20000,50000')
    .split(',')
    .map(Number)
    .filter((n) => Number.isInteger(n) && n > 0)
  const runs = Math.max(1, Number(process.env.SCRUTINEER_BENCH_CIN_RUNS ?? 3) || 3)
  return { sizes, runs }
}

/** Where one run imports into: a fresh database holding the demo council, made by the benchmark's own setup. */
interface Databases {
  label: string
  /** A fresh database for the next run (its --db value). */
  fresh(): Promise<string>
}

/** Loads the demo council (its catalogue links indicators to the census's measures) into `target`. */
async function loadDemo(target: DatabaseTarget): Promise<void> {
  const store = await openStore(target)
  try {
    await buildServices(store, { maxImportBytes: 20 * 1024 * 1024, councilName: 'Bench council' }).demo.loadIfEmpty({
      documentPack: false,
    })
  } finally {
    await store.close()
  }
}

/** One `scrutineer import cin-census`: its wall time and peak RSS, after checking it stored the census. */
async function importOnce(file: string, db: string): Promise<{ ms: number; rssMb: number }> {
  const args = ['import', 'cin-census', file, '--end', END, '--months', '13', '--db', db]
  const run = await runScript('bin/scrutineer.js', args, { typescript: false })
  const line = /as import \d+: ([\d,]+) rows .* (\d+) indicators updated/.exec(run.stdout)
  if (line === null || Number(line[1]?.replace(/,/g, '')) === 0 || Number(line[2]) === 0)
    throw new Error(`The census import stored nothing: ${run.stdout}${run.stderr.slice(-2000)}`)
  return { ms: run.ms, rssMb: run.rssKb / 1024 }
}

async function measure(databases: Databases): Promise<BenchResult> {
  const { sizes, runs } = settings()
  const dir = await mkdtemp(join(tmpdir(), 'scrutineer-bench-cin-'))
  const bySize = new Map<number, { runs: number[]; peakMb: number }>()
  try {
    for (const children of sizes) {
      const file = join(dir, `cin-${children}.xml`)
      await writeSyntheticCinCensus({ children, end: END, seed: 1, out: file })
      const times: number[] = []
      let peakMb = 0
      for (let i = 0; i < runs; i++) {
        const run = await importOnce(file, await databases.fresh())
        times.push(run.ms)
        peakMb = Math.max(peakMb, run.rssMb)
      }
      bySize.set(children, { runs: times, peakMb })
    }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
  const smallest = sizes[0] ?? 0
  const base = bySize.get(smallest) ?? { runs: [], peakMb: Number.NaN }
  const goals: Array<{ goal: string; met: boolean }> = []
  const notes: string[] = []
  for (const [children, result] of bySize) {
    const count = children.toLocaleString('en-GB')
    goals.push({
      goal: `peak RSS ${result.peakMb.toFixed(0)} MB at ${count} children ≤ ${RSS_LIMIT_MB} MB`,
      met: result.peakMb <= RSS_LIMIT_MB,
    })
    notes.push(
      `${count} children: median ${median(result.runs).toFixed(0)} ms, worst ${Math.max(...result.runs).toFixed(0)} ms, ` +
        `peak RSS ${result.peakMb.toFixed(0)} MB`,
    )
  }
  const larger = sizes[1] === undefined ? undefined : bySize.get(sizes[1])
  if (larger !== undefined) {
    const ratio = median(larger.runs) / median(base.runs)
    goals.push({
      goal: `${(sizes[1] ?? 0).toLocaleString('en-GB')} children ${ratio.toFixed(2)}× the ${smallest.toLocaleString('en-GB')} time ≤ ${SCALING_LIMIT}×`,
      met: ratio <= SCALING_LIMIT,
    })
  }
  return {
    name: `CIN census of ${smallest.toLocaleString('en-GB')} children imported (${databases.label})`,
    target: TARGET,
    runs: base.runs,
    targetMs: TARGET_MS,
    goals,
    notes:
      `\`scrutineer import cin-census\` (bin/scrutineer.js, ${await howScrutineerRuns()}; ` +
      `13 months to ${END}) as a process of its own, ${runs} runs per size, each into ` +
      `a fresh database holding the demo council: start-up, reading the XML, computing, storing the rows and figures; ` +
      `RSS is the command's own${databases.label === 'PostgreSQL' ? ' (not the server’s)' : ', the database worker included'}; ` +
      notes.join('; '),
  }
}

export async function cinCensusEmbeddedBenchmark(): Promise<BenchResult> {
  const dir = await mkdtemp(join(tmpdir(), 'scrutineer-bench-cin-db-'))
  try {
    const template = join(dir, 'demo')
    await loadDemo({ kind: 'pglite', dataDir: template })
    let made = 0
    return await measure({
      label: 'the embedded database',
      async fresh() {
        const copy = join(dir, `run-${made++}`)
        await cp(template, copy, { recursive: true })
        return copy
      },
    })
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

export async function cinCensusPostgresBenchmark(): Promise<BenchResult> {
  const bin = postgresBinaries()
  if (bin === null) {
    return {
      name: 'CIN census of 20,000 children imported (PostgreSQL)',
      target: TARGET,
      runs: [Number.NaN],
      targetMs: TARGET_MS,
      goals: [{ goal: 'not run: PostgreSQL server binaries are not installed', met: false }],
      notes: 'apt-get install postgresql, then run again',
    }
  }
  const cluster = new PostgresCluster(bin)
  try {
    await cluster.create()
    await cluster.start()
    await cluster.createDatabase('demo')
    await loadDemo({ kind: 'postgres', url: cluster.url('demo') })
    let made = 0
    return await measure({
      label: 'PostgreSQL',
      async fresh() {
        // A copy of the demo database made by the server itself (CREATE DATABASE … TEMPLATE): fast, and fresh.
        const name = `run_${made++}`
        const admin = new pg.Client({ connectionString: cluster.url('postgres') })
        await admin.connect()
        try {
          await admin.query(`create database ${name} template demo`)
        } finally {
          await admin.end()
        }
        return cluster.url(name)
      },
    })
  } finally {
    await cluster.remove()
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const bench of [cinCensusEmbeddedBenchmark, cinCensusPostgresBenchmark]) {
    process.stdout.write(`${JSON.stringify(await bench(), null, 2)}\n`)
  }
}

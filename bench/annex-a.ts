/**
 * The measures from a million-row Ofsted Annex A, end to end: `scrutineer measures --annex-a DIR … --format json`
 * run as a child process on a synthetic CSV folder (src/synthetic/annex-a.ts), target ≤ 3 s wall time and ≤ 1 GB
 * peak memory. The floor is DuckDB loading the same files into tables (`CREATE TABLE … AS SELECT * FROM read_csv`,
 * every column as text), when @duckdb/node-api is installed; the goal is to be within 2× of it.
 *
 * Run alone with `node --import tsx bench/annex-a.ts`.
 */
import { spawn } from 'node:child_process'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { MILLION_ROW_SCALE, writeSyntheticAnnexA } from '../src/synthetic/annex-a.ts'
import type { BenchResult } from './run.ts'

/** BenchResult with the memory, the DuckDB floor and where the time goes as numbers too (also in `notes`). */
export interface AnnexABenchResult extends BenchResult {
  rows: number
  peakRssMb: number
  /** Median milliseconds for DuckDB to load all eleven files into tables; null without @duckdb/node-api. */
  duckdbMs: number | null
  /** Our median ÷ DuckDB's median; null without DuckDB. */
  ratio: number | null
  /** In-process breakdown of one run (bench/annex-a-measures.ts): reading the CSV files, computing, JSON. */
  readMs: number
  computeMs: number
}

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const TARGET_MS = 3000
const TARGET_RSS_MB = 1024
const RUNS = 3
/** How many times DuckDB's time ours may take. */
const DUCKDB_FACTOR = 2
/**
 * Prints the process's peak resident memory on exit, for any script it is preloaded into: Linux's VmHWM, its own
 * high-water mark. (getrusage's maxRSS, the fallback elsewhere, starts a spawned child at its parent's size, so a
 * small command reported the benchmark process's own few hundred megabytes.)
 */
const RSS_HOOK = `data:text/javascript,${encodeURIComponent(
  "import{readFileSync}from'node:fs';process.on('exit',()=>{let kb=process.resourceUsage().maxRSS;try{const m=/VmHWM:\\s*(\\d+) kB/.exec(readFileSync('/proc/self/status','utf8'));if(m)kb=Number(m[1])}catch{}process.stderr.write('\\nbench-max-rss-kb '+kb+'\\n')})",
)}`
const POPULATION = '2015-16=49000,2016-17=49100,2017-18=49189,2018-19=49920'

export interface ChildRun {
  ms: number
  rssKb: number
  stdout: string
  stderr: string
}

/** Whether `scrutineer` runs the compiled server (bin/compiled.js, plain JavaScript the type-checker does not see). */
export async function compiledIsFresh(): Promise<boolean> {
  const launcher = (await import(new URL('../bin/compiled.js', import.meta.url).href)) as {
    compiledIsFresh: () => boolean
  }
  return launcher.compiledIsFresh()
}

/** How `bin/scrutineer.js` runs, for a benchmark's notes: compiled, or the TypeScript through tsx. */
export async function howScrutineerRuns(): Promise<string> {
  return (await compiledIsFresh()) ? 'compiled' : 'TypeScript through tsx: dist/ is not up to date (npm run build)'
}

/**
 * Runs a TypeScript script as a child process and times it from spawn to exit. `typescript: false` runs a
 * JavaScript script as it is (bin/scrutineer.js, the command a council runs, which loads tsx only if it must).
 */
export function runScript(
  script: string,
  args: readonly string[],
  options: { typescript?: boolean } = {},
): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const started = performance.now()
    const loader = options.typescript === false ? [] : ['--import', 'tsx']
    const child = spawn(process.execPath, ['--import', RSS_HOOK, ...loader, script, ...args], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    const out: Buffer[] = []
    const err: Buffer[] = []
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk))
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk))
    child.on('error', reject)
    child.on('close', (code) => {
      const ms = performance.now() - started
      const stderr = Buffer.concat(err).toString('utf8')
      if (code !== 0) {
        reject(new Error(`${script} ${args.join(' ')} exited with ${code}:\n${stderr.slice(-2000)}`))
        return
      }
      const rss = /bench-max-rss-kb (\d+)/.exec(stderr)
      resolve({ ms, rssKb: Number(rss?.[1] ?? NaN), stdout: Buffer.concat(out).toString('utf8'), stderr })
    })
  })
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2
}

/** The parts of @duckdb/node-api used here, so that the project type-checks and runs without it. */
interface DuckDb {
  DuckDBInstance: {
    create(path: string): Promise<{
      connect(): Promise<{ runAndReadAll(sql: string): Promise<{ getRows(): unknown[][] }>; closeSync?(): void }>
      closeSync?(): void
    }>
  }
}

/**
 * Median milliseconds for DuckDB to load every list file into a table of text columns (one warm-up, then RUNS), or
 * why it was skipped. Loading, not just counting: DuckDB can count a CSV's rows without reading its cells.
 */
async function duckDbFloor(folder: string, expectedRows: number): Promise<{ ms: number } | { skipped: string }> {
  let duckdb: DuckDb
  try {
    const specifier = '@duckdb/node-api'
    duckdb = (await import(specifier)) as DuckDb
  } catch {
    return { skipped: '@duckdb/node-api is not installed (npm install -D @duckdb/node-api)' }
  }
  const instance = await duckdb.DuckDBInstance.create(':memory:')
  const connection = await instance.connect()
  const files = Array.from({ length: 11 }, (_, i) => join(folder, `list-${i + 1}.csv`).replace(/'/g, "''"))
  const times: number[] = []
  for (let run = 0; run <= RUNS; run++) {
    const started = performance.now()
    let rows = 0
    for (const [i, file] of files.entries()) {
      await connection.runAndReadAll(
        `CREATE OR REPLACE TABLE list_${i + 1} AS SELECT * FROM read_csv('${file}', header = true, all_varchar = true)`,
      )
      const reader = await connection.runAndReadAll(`SELECT count(*) FROM list_${i + 1}`)
      rows += Number(reader.getRows()[0]?.[0] ?? 0)
    }
    if (rows !== expectedRows) throw new Error(`DuckDB counted ${rows} rows, expected ${expectedRows}`)
    if (run > 0) times.push(performance.now() - started)
  }
  connection.closeSync?.()
  instance.closeSync?.()
  return { ms: median(times) }
}

/**
 * Generates about a million Annex A rows once into the temporary folder, then times the `measures` command on
 * them: one warm-up and three measured runs, each a fresh process (Node start-up included), with peak memory.
 * Uses bench/annex-a-measures.ts (the same work in one script) when the CLI has no `measures` command.
 * @example
 * const result = await annexABenchmark() // { name: 'Annex A measures, 1M rows (CSV)', runs: [2410, 2380, 2395], … }
 */
export async function annexABenchmark(): Promise<AnnexABenchResult> {
  const folder = await mkdtemp(join(tmpdir(), 'scrutineer-annex-a-bench-'))
  try {
    const generatedAt = performance.now()
    const summary = await writeSyntheticAnnexA({ outDir: folder, scale: MILLION_ROW_SCALE, end: '2018-04', seed: 1 })
    const generateMs = performance.now() - generatedAt

    const main = await readFile(join(ROOT, 'src/cli/main.ts'), 'utf8')
    const hasCli = /case\s+'measures'/.test(main)
    const args = ['--annex-a', folder, '--end', '2018-04', '--months', '13', '--population', POPULATION]
    // The command a council runs (bin/scrutineer.js: compiled when dist/ is up to date).
    const script = hasCli ? 'bin/scrutineer.js' : 'bench/annex-a-measures.ts'
    const scriptArgs = hasCli ? ['measures', ...args, '--format', 'json'] : [...args, '--format', 'json']

    const runs: number[] = []
    let peakKb = 0
    for (let run = 0; run <= RUNS; run++) {
      const result = await runScript(script, scriptArgs, { typescript: !hasCli })
      if (run === 0) {
        // The warm-up also checks that the figures are really there.
        const output = JSON.parse(result.stdout) as { measures?: Record<string, Record<string, { count: number }>> }
        const contacts = output.measures?.contacts?.['2018-04']?.count ?? 0
        if (contacts < 10_000) throw new Error(`Only ${contacts} contacts in 2018-04: the measures did not run`)
      } else {
        runs.push(result.ms)
      }
      peakKb = Math.max(peakKb, result.rssKb)
    }

    const phases = await runScript('bench/annex-a-measures.ts', [...args, '--format', 'json'])
    const timing = /read=(\d+) compute=(\d+) json=(\d+)/.exec(phases.stderr)
    const readMs = Number(timing?.[1] ?? NaN)
    const computeMs = Number(timing?.[2] ?? NaN)

    const floor = await duckDbFloor(folder, summary.total)
    const ours = median(runs)
    const duckdbMs = 'ms' in floor ? floor.ms : null
    const ratio = duckdbMs === null ? null : ours / duckdbMs
    const peakRssMb = peakKb / 1024
    const floorNote =
      duckdbMs === null || ratio === null
        ? `DuckDB floor skipped: ${'skipped' in floor ? floor.skipped : ''}`
        : `DuckDB loading the same files into tables (read_csv, all_varchar, in-process) ${duckdbMs.toFixed(0)} ms: ours/DuckDB ${ratio.toFixed(1)}× (goal ≤ ${DUCKDB_FACTOR}×)`
    return {
      name: `Annex A measures, ${(summary.total / 1e6).toFixed(2)}M rows (CSV)`,
      target: `≤ 3 s, ≤ 1 GB, ≤ ${DUCKDB_FACTOR}× DuckDB`,
      targetMs: TARGET_MS,
      goals: [
        { goal: `peak RSS ${peakRssMb.toFixed(0)} MB ≤ 1 GB`, met: peakRssMb <= TARGET_RSS_MB },
        {
          goal: ratio === null ? 'DuckDB floor not measured' : `${ratio.toFixed(1)}× DuckDB ≤ ${DUCKDB_FACTOR}×`,
          met: ratio !== null && ratio <= DUCKDB_FACTOR,
        },
      ],
      runs,
      rows: summary.total,
      peakRssMb,
      duckdbMs,
      ratio,
      readMs,
      computeMs,
      notes:
        `${hasCli ? `\`scrutineer measures --format json\` (bin/scrutineer.js, ${await howScrutineerRuns()})` : 'bench/annex-a-measures.ts'} on ${summary.total.toLocaleString('en-GB')} synthetic rows in 11 CSV files (scale ${MILLION_ROW_SCALE}, generated in ${(generateMs / 1000).toFixed(1)} s), ` +
        `a fresh process per run, Node start-up included; peak RSS ${peakRssMb.toFixed(0)} MB (${peakRssMb <= TARGET_RSS_MB ? 'within' : '**over**'} 1 GB); ` +
        `in one process: read ${readMs} ms, compute ${computeMs} ms; ${floorNote}`,
    }
  } finally {
    await rm(folder, { recursive: true, force: true })
  }
}

// `node --import tsx bench/annex-a.ts` runs this benchmark alone.
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const result = await annexABenchmark()
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`)
}

/**
 * Issue 12's benchmark: a million-row Ofsted Annex A return (src/synthetic/annex-a.ts), imported and then drilled
 * into, on the embedded database and on PostgreSQL (a throwaway cluster, skipped without its server binaries).
 *
 * - Import: `scrutineer import annex-a` into the demo council, as a process of its own; goal ≤ 2× the time of
 *   `scrutineer measures` on the same files (reading and computing, storing nothing) on PostgreSQL, ≤ 3× on the
 *   embedded database, and ≤ 600 MB peak RSS (each command's own, from the kernel).
 * - Drill-down: the children behind one month's figure (`childrenBehind`, as the page asks for it) for an event
 *   measure, a percentage, a stock and a snapshot; goal ≤ 500 ms median and ≤ 300 MB more RSS than before it.
 *
 * A drill-down's memory is this process's resident set, sampled every 20 ms: it holds the embedded database (a
 * worker thread), but not a PostgreSQL server. SCRUTINEER_BENCH_DRILL_DOWN_SCALE sets the size (default MILLION_ROW_SCALE; 0.05 for
 * a smoke run). Run alone with `node --import tsx bench/drill-down.ts`.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { pathToFileURL } from 'node:url'
import { services as buildServices } from '../src/services/index.ts'
import { openStore, type DatabaseTarget } from '../src/store/connect.ts'
import { MILLION_ROW_SCALE, writeSyntheticAnnexA } from '../src/synthetic/annex-a.ts'
import { PostgresCluster, postgresBinaries } from '../test/postgres-cluster.ts'
import { howScrutineerRuns, runScript, type ChildRun } from './annex-a.ts'
import type { BenchResult } from './run.ts'

const END = '2018-04'
/**
 * Indicators of the demo council, one per kind of measure: event count, percentage, stock, snapshot, and one that
 * compares a child's records with the same child's others (which reads every row of its list).
 */
const FIGURES = ['contacts-cin-referrals', 'icpc-in-time', 'cin-open', 'cp-visits-15wd', 'cpp-repeat'] as const
const RUNS = 3
/** Runs of `scrutineer measures` and of `scrutineer import annex-a`, each a process of its own. */
const IMPORT_RUNS = 3
const DRILL_TARGET_MS = 500
const DRILL_EXTRA_MB = 300
const IMPORT_RSS_MB = 600

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2
}

const mb = (bytes: number): number => bytes / 1024 / 1024

/** Runs `work`, timing it and sampling this process's RSS: milliseconds, and the peak RSS above the start's. */
async function measured<T>(work: () => Promise<T>): Promise<{ ms: number; extraMb: number; peakMb: number; value: T }> {
  const start = process.memoryUsage.rss()
  let peak = start
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss())
  }, 20)
  const started = performance.now()
  try {
    const value = await work()
    const ms = performance.now() - started
    peak = Math.max(peak, process.memoryUsage.rss())
    return { ms, extraMb: mb(peak - start), peakMb: mb(peak), value }
  } finally {
    clearInterval(sampler)
  }
}

async function run(database: string, target: DatabaseTarget, files: string, rows: number): Promise<BenchResult> {
  const db = target.kind === 'postgres' ? target.url : (target.dataDir ?? 'memory')
  // The demo council's catalogue links indicators to the measures; loaded, then closed for the command line.
  const setUp = await openStore(target)
  try {
    await buildServices(setUp, { maxImportBytes: 20 * 1024 * 1024, councilName: 'Bench council' }).demo.loadIfEmpty({
      documentPack: false,
    })
  } finally {
    await setUp.close()
  }
  // `scrutineer measures` and then `scrutineer import annex-a`, each a process of its own, as a council runs them.
  const window = ['--end', END, '--months', '13']
  // Three of each, alternately, through the command a council runs (bin/scrutineer.js); medians compared.
  const cli = { typescript: false }
  const measureRuns: ChildRun[] = []
  const importRuns: ChildRun[] = []
  for (let run = 0; run < IMPORT_RUNS; run++) {
    measureRuns.push(
      await runScript('bin/scrutineer.js', ['measures', '--annex-a', files, ...window, '--format', 'json'], cli),
    )
    importRuns.push(await runScript('bin/scrutineer.js', ['import', 'annex-a', files, ...window, '--db', db], cli))
  }
  const measures = { ms: median(measureRuns.map((r) => r.ms)), rssKb: Math.max(...measureRuns.map((r) => r.rssKb)) }
  const imported = { ms: median(importRuns.map((r) => r.ms)), rssKb: Math.max(...importRuns.map((r) => r.rssKb)) }
  const importWorstMs = Math.max(...importRuns.map((r) => r.ms))
  const importPeakMb = imported.rssKb / 1024

  const store = await openStore(target)
  try {
    const services = buildServices(store, { maxImportBytes: 20 * 1024 * 1024, councilName: 'Bench council' })
    const runs: number[] = []
    const seen: string[] = []
    let extraMb = 0
    for (const indicatorId of FIGURES) {
      const times: number[] = []
      let children = 0
      for (let i = 0; i < RUNS; i++) {
        const view = await measured(() =>
          services.drillDowns.childrenBehind(indicatorId, END, { actor: 'bench', format: 'page' }),
        )
        if (!view.value.ok) throw new Error(`${indicatorId}: ${view.value.problem.kind}`)
        const { numerator, denominator, excluded } = view.value.value.explanation
        children = new Set([...numerator, ...denominator, ...excluded].map((r) => r.childId)).size
        times.push(view.ms)
        extraMb = Math.max(extraMb, view.extraMb)
      }
      runs.push(...times)
      seen.push(`${indicatorId} ${median(times).toFixed(0)} ms (${children.toLocaleString('en-GB')} children)`)
    }
    const ratioGoal = database === 'PostgreSQL' ? 2 : 3
    const ratio = imported.ms / measures.ms
    return {
      name: `Drill-down of a month's figure, ${rows.toLocaleString('en-GB')}-row Annex A import (${database})`,
      target: `≤ ${DRILL_TARGET_MS} ms, ≤ ${DRILL_EXTRA_MB} MB more RSS; import ≤ ${ratioGoal}× measures, ≤ ${IMPORT_RSS_MB} MB`,
      targetMs: DRILL_TARGET_MS,
      runs,
      goals: [
        { goal: `drill-down ${extraMb.toFixed(0)} MB more RSS ≤ ${DRILL_EXTRA_MB} MB`, met: extraMb <= DRILL_EXTRA_MB },
        { goal: `import ${ratio.toFixed(2)}× measures ≤ ${ratioGoal}×`, met: ratio <= ratioGoal },
        {
          goal: `import peak RSS ${importPeakMb.toFixed(0)} MB ≤ ${IMPORT_RSS_MB} MB`,
          met: importPeakMb <= IMPORT_RSS_MB,
        },
      ],
      notes:
        `${RUNS} views each of ${seen.join(', ')}, ${END}, in process through the service; ` +
        `drill-down RSS is this process's (the embedded database's worker included, never a PostgreSQL server's); ` +
        `${IMPORT_RUNS} runs each, alternately, of bin/scrutineer.js (${await howScrutineerRuns()}): ` +
        `\`scrutineer import annex-a\` median ${(imported.ms / 1000).toFixed(1)} s (worst ${(importWorstMs / 1000).toFixed(1)} s), peak RSS ${importPeakMb.toFixed(0)} MB; ` +
        `\`scrutineer measures\` median ${(measures.ms / 1000).toFixed(1)} s, peak RSS ${(measures.rssKb / 1024).toFixed(0)} MB`,
    }
  } finally {
    await store.close()
  }
}

async function withReturn<T>(work: (files: string, rows: number, dir: string) => Promise<T>): Promise<T> {
  const scale = Number(process.env.SCRUTINEER_BENCH_DRILL_DOWN_SCALE ?? MILLION_ROW_SCALE)
  const dir = await mkdtemp(join(tmpdir(), 'scrutineer-drill-down-bench-'))
  try {
    const files = join(dir, 'return')
    const written = await writeSyntheticAnnexA({ outDir: files, scale, end: END, seed: 1 })
    return await work(files, written.total, dir)
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

export function drillDownEmbeddedBenchmark(): Promise<BenchResult> {
  return withReturn((files, rows, dir) =>
    run('the embedded database', { kind: 'pglite', dataDir: join(dir, 'data') }, files, rows),
  )
}

export async function drillDownPostgresBenchmark(): Promise<BenchResult> {
  const bin = postgresBinaries()
  if (bin === null) {
    return {
      name: 'Drill-down of a month’s figure, million-row Annex A import (PostgreSQL)',
      target: `≤ ${DRILL_TARGET_MS} ms`,
      runs: [Number.NaN],
      targetMs: DRILL_TARGET_MS,
      goals: [{ goal: 'not run: PostgreSQL server binaries are not installed', met: false }],
      notes: 'apt-get install postgresql, then run again',
    }
  }
  const cluster = new PostgresCluster(bin)
  try {
    await cluster.create()
    await cluster.start()
    await cluster.createDatabase('scrutineer')
    return await withReturn((files, rows) =>
      run('PostgreSQL', { kind: 'postgres', url: cluster.url('scrutineer') }, files, rows),
    )
  } finally {
    await cluster.remove()
  }
}

// `node --import tsx bench/drill-down.ts` runs both alone.
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const bench of [drillDownEmbeddedBenchmark, drillDownPostgresBenchmark]) {
    process.stdout.write(`${JSON.stringify(await bench(), null, 2)}\n`)
  }
}

/**
 * Issue 11's benchmark: many readers of the published pack page (`/datasets/monthly/2018-04` in the demo council)
 * at once, for a minute: 50 on PostgreSQL, 10 on the embedded database. Goal: no errors other than deliberate 429s;
 * reported: requests, 429s, median and p95 time and the server's resident memory (RSS, highest seen). The server is
 * `scrutineer serve` as its own process, as a council runs it; the PostgreSQL run starts a throwaway cluster of its
 * own (test/postgres-cluster.ts) and is skipped, saying so, without PostgreSQL's server binaries.
 *
 * All readers come from one address (127.0.0.1), and the rate limit counts per address, so the server runs with
 * SCRUTINEER_RATE_LIMIT_PER_MINUTE=1000000 (docs/operations.md): the benchmark measures serving, not the limiter.
 *
 * Settings (for a quick smoke run): SCRUTINEER_BENCH_READERS_SECONDS (default 60), SCRUTINEER_BENCH_READERS_POSTGRES
 * (50) and SCRUTINEER_BENCH_READERS_EMBEDDED (10). Run alone with `node --import tsx bench/readers.ts`.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { pathToFileURL } from 'node:url'
import { PostgresCluster, postgresBinaries } from '../test/postgres-cluster.ts'
import { startServer, stopServer, type ServerProcess } from '../test/server-process.ts'
import type { BenchResult } from './run.ts'

const PAGE = '/datasets/monthly/2018-04'

function setting(name: string, fallback: number): number {
  const value = Number(process.env[name] ?? fallback)
  return Number.isFinite(value) && value > 0 ? value : fallback
}

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN
}

/** The server process's resident memory in MiB, from /proc (Linux); NaN where it cannot be read. */
async function rssMiB(server: ServerProcess): Promise<number> {
  try {
    const status = await readFile(`/proc/${server.process.pid ?? 0}/status`, 'utf8')
    const kib = Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1])
    return kib / 1024
  } catch {
    return Number.NaN
  }
}

interface Reading {
  latencies: number[]
  errors: number
  tooMany: number
  firstError: string | null
  peakRssMiB: number
}

/** `readers` loops asking for the page one request after another, for `seconds`, sampling the server's RSS. */
async function read(server: ServerProcess, readers: number, seconds: number): Promise<Reading> {
  const reading: Reading = { latencies: [], errors: 0, tooMany: 0, firstError: null, peakRssMiB: await rssMiB(server) }
  const until = performance.now() + seconds * 1000
  const sampler = setInterval(() => {
    void rssMiB(server).then((rss) => {
      if (!(rss <= reading.peakRssMiB)) reading.peakRssMiB = rss
    })
  }, 500)
  try {
    await Promise.all(
      Array.from({ length: readers }, async () => {
        while (performance.now() < until) {
          const started = performance.now()
          try {
            const response = await fetch(`${server.base}${PAGE}`)
            await response.arrayBuffer()
            if (response.status === 200) reading.latencies.push(performance.now() - started)
            else if (response.status === 429) reading.tooMany++
            else {
              reading.errors++
              reading.firstError ??= `HTTP ${response.status}`
            }
          } catch (error) {
            reading.errors++
            reading.firstError ??= (error as Error).message
          }
        }
      }),
    )
  } finally {
    clearInterval(sampler)
  }
  return reading
}

function resultOf(database: string, readers: number, seconds: number, reading: Reading): BenchResult {
  const { latencies, errors, tooMany } = reading
  const p95 = percentile(latencies, 95)
  return {
    name: `${readers} concurrent readers of the published pack page for ${seconds} s (${database})`,
    target: '0 errors other than deliberate 429s; p95 and RSS reported',
    runs: latencies.length > 0 ? latencies : [Number.NaN],
    // The row's goal is the error count; the times are reported, not judged.
    targetMs: Number.POSITIVE_INFINITY,
    goals: [
      {
        goal: `${errors} errors${reading.firstError === null ? '' : ` (first: ${reading.firstError})`}`,
        met: errors === 0 && latencies.length > 0,
      },
    ],
    notes:
      `\`scrutineer serve\` (demo council) on ${database}, ${PAGE} asked for by ${readers} readers at once, each ` +
      `one request after another: ${latencies.length.toLocaleString('en-GB')} answered 200 ` +
      `(${(latencies.length / seconds).toFixed(0)} a second), ${tooMany} 429s, ${errors} errors; ` +
      `median ${percentile(latencies, 50).toFixed(0)} ms, p95 ${p95.toFixed(0)} ms, worst ` +
      `${Math.max(...latencies).toFixed(0)} ms; server RSS at most ${reading.peakRssMiB.toFixed(0)} MiB`,
  }
}

const SERVER_ENV = { ...process.env, NODE_ENV: 'test', SCRUTINEER_RATE_LIMIT_PER_MINUTE: '1000000' }

export async function readersPostgresBenchmark(): Promise<BenchResult> {
  const readers = setting('SCRUTINEER_BENCH_READERS_POSTGRES', 50)
  const seconds = setting('SCRUTINEER_BENCH_READERS_SECONDS', 60)
  const bin = postgresBinaries()
  if (bin === null) {
    return {
      name: `${readers} concurrent readers of the published pack page (PostgreSQL)`,
      target: '0 errors other than deliberate 429s; p95 and RSS reported',
      runs: [Number.NaN],
      targetMs: Number.POSITIVE_INFINITY,
      goals: [{ goal: 'not run: PostgreSQL server binaries are not installed', met: false }],
      notes: 'apt-get install postgresql, then run again',
    }
  }
  const cluster = new PostgresCluster(bin)
  let server: ServerProcess | null = null
  try {
    await cluster.create()
    await cluster.start()
    await cluster.createDatabase('scrutineer')
    server = await startServer(cluster.url('scrutineer'), SERVER_ENV)
    return resultOf('PostgreSQL', readers, seconds, await read(server, readers, seconds))
  } finally {
    await stopServer(server, 'SIGTERM')
    await cluster.remove()
  }
}

export async function readersEmbeddedBenchmark(): Promise<BenchResult> {
  const readers = setting('SCRUTINEER_BENCH_READERS_EMBEDDED', 10)
  const seconds = setting('SCRUTINEER_BENCH_READERS_SECONDS', 60)
  const work = await mkdtemp(join(tmpdir(), 'scrutineer-readers-bench-'))
  let server: ServerProcess | null = null
  try {
    server = await startServer(join(work, 'data'), SERVER_ENV)
    return resultOf('the embedded database', readers, seconds, await read(server, readers, seconds))
  } finally {
    await stopServer(server, 'SIGTERM')
    await rm(work, { recursive: true, force: true })
  }
}

// `node --import tsx bench/readers.ts` runs both alone.
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const bench of [readersPostgresBenchmark, readersEmbeddedBenchmark]) {
    process.stdout.write(`${JSON.stringify(await bench(), null, 2)}\n`)
  }
}

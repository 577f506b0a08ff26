/**
 * Issue 12's start-up benchmark: `npm start` on a database that already holds the demo council, as a council restarts
 * it. Measured: milliseconds from spawning `npm start` to the first answer of `/health`, and the server's resident
 * memory (RSS of node with its database worker thread, and the shell npm runs it in; not npm's own) once it has
 * idled for 5 seconds. Goals: 2.5 s to /health, 300 MB idle. Median of 3 starts, on the embedded database and, when
 * PostgreSQL's server binaries are installed, on a throwaway cluster of its own (test/postgres-cluster.ts).
 *
 * The first start of each database (loading the demo) is not measured: it makes the "existing folder".
 * Settings: SCRUTINEER_BENCH_START_RUNS (default 3). Run alone with `node --import tsx bench/start-up.ts`.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { setTimeout as sleep } from 'node:timers/promises'
import { pathToFileURL } from 'node:url'
import { PostgresCluster, postgresBinaries } from '../test/postgres-cluster.ts'
import { freePort, ROOT } from '../test/server-process.ts'
import type { BenchResult } from './run.ts'

const TARGET_MS = 2500
const TARGET_RSS_MIB = 300
const IDLE_MS = 5000

/** The children of every process, from /proc (Linux). */
async function childrenOf(): Promise<Map<number, number[]>> {
  const children = new Map<number, number[]>()
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '')
    // The parent is the second field after the command name, which is in brackets and may hold spaces.
    const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
    if (!Number.isFinite(parent)) continue
    children.set(parent, [...(children.get(parent) ?? []), Number(entry)])
  }
  return children
}

/** Resident memory of everything `pid` started (not `pid` itself: npm, which only waits), in MiB. */
async function descendantsRssMiB(pid: number): Promise<number> {
  const children = await childrenOf()
  let kib = 0
  const pending = [...(children.get(pid) ?? [])]
  while (pending.length > 0) {
    const next = pending.pop() as number
    const status = await readFile(`/proc/${next}/status`, 'utf8').catch(() => '')
    kib += Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1] ?? 0)
    pending.push(...(children.get(next) ?? []))
  }
  return kib / 1024
}

interface Start {
  child: ChildProcess
  ms: number
  log: () => string
}

/** Spawns `npm start` on `db` and waits for /health; the time includes npm's own start, as a council sees it. */
async function start(db: string): Promise<Start> {
  const port = await freePort()
  const began = performance.now()
  const child = spawn('npm', ['start', '--silent', '--', '--db', db, '--port', `${port}`], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'development', SCRUTINEER_DEMO: 'true' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true, // its own process group, so stopping it stops node too, not only npm
  })
  let log = ''
  child.stdout.on('data', (chunk: Buffer) => (log += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (log += chunk.toString()))
  for (;;) {
    if (child.exitCode !== null) throw new Error(`npm start stopped before /health answered:\n${log}`)
    const up = await fetch(`http://127.0.0.1:${port}/health`)
      .then((r) => r.ok)
      .catch(() => false)
    if (up) break
    await sleep(20)
  }
  return { child, ms: performance.now() - began, log: () => log }
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.pid === undefined) return
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  process.kill(-child.pid, 'SIGTERM')
  await Promise.race([exited, sleep(10_000).then(() => process.kill(-(child.pid as number), 'SIGKILL'))])
  await exited
}

/** One database: a first start to load the demo, then `runs` measured starts. */
async function measure(db: string, runs: number): Promise<{ ms: number[]; rss: number[] }> {
  await stop((await start(db)).child)
  const ms: number[] = []
  const rss: number[] = []
  for (let i = 0; i < runs; i++) {
    const started = await start(db)
    try {
      ms.push(started.ms)
      await sleep(IDLE_MS)
      rss.push(await descendantsRssMiB(started.child.pid as number))
    } finally {
      await stop(started.child)
    }
  }
  return { ms, rss }
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN
}

function row(database: string, measured: { ms: number[]; rss: number[] }, notes: string): BenchResult {
  const rss = median(measured.rss)
  return {
    name: `Start-up, ${database}`,
    target: `< ${TARGET_MS} ms to /health; idle RSS ≤ ${TARGET_RSS_MIB} MB`,
    targetMs: TARGET_MS,
    runs: measured.ms,
    goals: [{ goal: `idle RSS ${rss.toFixed(0)} MB ≤ ${TARGET_RSS_MIB} MB`, met: rss <= TARGET_RSS_MIB }],
    notes: `${notes}; idle RSS after ${IDLE_MS / 1000} s (node and its worker): median ${rss.toFixed(0)} MB, worst ${Math.max(...measured.rss).toFixed(0)} MB`,
  }
}

const runs = Number(process.env.SCRUTINEER_BENCH_START_RUNS ?? 3)

export async function startUpEmbeddedBenchmark(): Promise<BenchResult> {
  const dir = await mkdtemp(join(tmpdir(), 'scrutineer-bench-start-'))
  try {
    const measured = await measure(join(dir, 'data'), runs)
    return row(
      'embedded database',
      measured,
      '`npm start` on a folder already holding the demo council, to the first 200 from /health',
    )
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

export async function startUpPostgresBenchmark(): Promise<BenchResult> {
  const bin = postgresBinaries()
  if (bin === null) {
    return {
      name: 'Start-up, PostgreSQL',
      target: `< ${TARGET_MS} ms to /health; idle RSS ≤ ${TARGET_RSS_MIB} MB`,
      targetMs: TARGET_MS,
      runs: [0],
      notes: 'skipped: no PostgreSQL server binaries in /usr/lib/postgresql',
    }
  }
  const cluster = new PostgresCluster(bin)
  try {
    await cluster.create()
    await cluster.start()
    await cluster.createDatabase('bench_start')
    const measured = await measure(cluster.url('bench_start'), runs)
    return row(
      'PostgreSQL',
      measured,
      '`npm start` with a PostgreSQL database already holding the demo council (the cluster itself not counted)',
    )
  } finally {
    await cluster.remove()
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const bench of [startUpEmbeddedBenchmark, startUpPostgresBenchmark]) {
    const result = await bench()
    process.stdout.write(
      `${result.name}: runs ${result.runs.map((r) => r.toFixed(0)).join(', ')} ms; ${result.notes}\n`,
    )
  }
}

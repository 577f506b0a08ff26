/**
 * Issue 12's published pages: the public pack page `/datasets/monthly/2018-04` under 50 keep-alive connections,
 * against hello-world fastify measured by the same client in the same run (goal: ≥ 10% of its requests a second,
 * p99 ≤ 100 ms), on the embedded database and on PostgreSQL; and the public indicator page with 50 and with 800
 * indicators in the published pack (goal: its time does not grow with the number of indicators).
 *
 * Run alone with `node --import tsx bench/published-pages.ts [seconds]`.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { setTimeout as sleep } from 'node:timers/promises'
import { pathToFileURL } from 'node:url'
import { services as buildServices } from '../src/services/index.ts'
import { openStore } from '../src/store/connect.ts'
import { createApp } from '../src/web/app.ts'
import { postgresBinaries, PostgresCluster } from '../test/postgres-cluster.ts'
import { freePort, ROOT } from '../test/server-process.ts'
import { load, type LoadResult } from './load.ts'
import type { BenchResult } from './run.ts'
import { syntheticWideCsv } from './synthetic.ts'

const CONNECTIONS = 50
const SHARE_GOAL = 0.1
const P99_GOAL_MS = 100

/** Starts a process and waits until `ready` answers (or the process ends). */
async function startProcess(args: string[], env: NodeJS.ProcessEnv, ready: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] })
  let log = ''
  child.stdout.on('data', (chunk: Buffer) => (log = (log + chunk.toString()).slice(-4000)))
  child.stderr.on('data', (chunk: Buffer) => (log = (log + chunk.toString()).slice(-4000)))
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`${args.join(' ')} stopped:\n${log}`)
    if (
      await fetch(ready).then(
        (r) => r.ok,
        () => false,
      )
    )
      return child
    await sleep(100)
  }
  child.kill('SIGKILL')
  throw new Error(`${args.join(' ')} did not answer ${ready}:\n${log}`)
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return
  const exited = new Promise((resolve) => child.once('exit', resolve))
  child.kill('SIGTERM')
  await exited
}

/** The pack page of the demo council under load, the server started with `env` (the embedded database or PostgreSQL). */
async function packPageUnderLoad(env: NodeJS.ProcessEnv, args: string[], durationMs: number): Promise<LoadResult> {
  const port = await freePort()
  const base = `http://127.0.0.1:${port}`
  const server = await startProcess(
    ['--import', 'tsx', 'src/cli/run.ts', 'serve', '--port', `${port}`, ...args],
    { ...env, SCRUTINEER_RATE_LIMIT_PER_MINUTE: '100000000' },
    `${base}/health`,
  )
  try {
    return await load(`${base}/datasets/monthly/2018-04`, { connections: CONNECTIONS, durationMs })
  } finally {
    await stop(server)
  }
}

/** Median time of the public indicator page (fastify inject, warm) with `indicators` in the published pack. */
async function indicatorPage(indicators: number): Promise<number> {
  const dir = await mkdtemp(join(tmpdir(), 'scrutineer-bench-indicators-'))
  const store = await openStore({ kind: 'pglite', dataDir: null })
  try {
    const file = join(dir, 'wide.csv')
    await writeFile(file, syntheticWideCsv(indicators, '2018-04'))
    const services = buildServices(store, { maxImportBytes: 50 * 1024 * 1024, councilName: 'Bench council' })
    const imported = await services.figures.importFile(file, { mode: 'values', actor: 'bench', maxBytes: 50e6 })
    if (!imported.ok) throw new Error(JSON.stringify(imported.problems.slice(0, 3)))
    const published = await services.publications.publish('monthly', '2018-04', 'bench')
    if (!published.ok) throw new Error(published.problem.message)
    const id = (await services.publications.publishedPack('monthly', '2018-04'))?.snapshot.pack.indicators[0]?.id
    const app = await createApp(services, {
      environment: 'production',
      cookieSecret: 'bench-secret-bench-secret-bench',
      rateLimitPerMinute: 100_000_000,
    })
    await app.ready()
    const times: number[] = []
    for (let i = 0; i < 110; i++) {
      const started = performance.now()
      const response = await app.inject(`/indicators/${id ?? ''}`)
      if (response.statusCode !== 200) throw new Error(`the indicator page answered ${response.statusCode}`)
      if (i >= 10) times.push(performance.now() - started)
    }
    await app.close()
    times.sort((a, b) => a - b)
    return times[Math.floor(times.length / 2)] ?? Number.NaN
  } finally {
    await store.close()
    await rm(dir, { recursive: true, force: true })
  }
}

const describeLoad = (r: LoadResult) =>
  `${r.perSecond.toFixed(0)} req/s, p50 ${r.p50.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms, worst ${r.worst.toFixed(0)} ms${r.failures > 0 ? `, ${r.failures} failed` : ''}`

export async function publishedPagesBenchmark(durationMs = 10_000): Promise<BenchResult> {
  const work = await mkdtemp(join(tmpdir(), 'scrutineer-published-bench-'))
  const env = { ...process.env, NODE_ENV: 'production' }
  const cluster = postgresBinaries() === null ? null : new PostgresCluster(postgresBinaries() ?? '')
  try {
    const helloPort = await freePort()
    const hello = await startProcess(
      ['--import', 'tsx', 'bench/hello-world.ts', `${helloPort}`],
      env,
      `http://127.0.0.1:${helloPort}/`,
    )
    let peer: LoadResult
    try {
      peer = await load(`http://127.0.0.1:${helloPort}/`, { connections: CONNECTIONS, durationMs })
    } finally {
      await stop(hello)
    }
    // A first start makes the demo council (and prints its document pack); measure a server started on that folder.
    const first = await freePort()
    await stop(
      await startProcess(
        ['--import', 'tsx', 'src/cli/run.ts', 'serve', '--port', `${first}`, '--db', join(work, 'data')],
        env,
        `http://127.0.0.1:${first}/health`,
      ),
    )
    const embedded = await packPageUnderLoad(env, ['--db', join(work, 'data')], durationMs)
    let postgres: LoadResult | null = null
    if (cluster !== null) {
      await cluster.create()
      await cluster.start()
      await cluster.createDatabase('bench')
      const firstPg = await freePort()
      await stop(
        await startProcess(
          ['--import', 'tsx', 'src/cli/run.ts', 'serve', '--port', `${firstPg}`],
          { ...env, DATABASE_URL: cluster.url('bench') },
          `http://127.0.0.1:${firstPg}/health`,
        ),
      )
      postgres = await packPageUnderLoad({ ...env, DATABASE_URL: cluster.url('bench') }, [], durationMs)
    }
    const small = await indicatorPage(50)
    const large = await indicatorPage(800)

    const goals: Array<{ goal: string; met: boolean }> = []
    for (const [name, result] of [
      ['embedded', embedded],
      ['PostgreSQL', postgres],
    ] as const) {
      if (result === null) {
        goals.push({ goal: `${name}: not measured (no PostgreSQL binaries)`, met: false })
        continue
      }
      const share = result.perSecond / peer.perSecond
      goals.push(
        {
          goal: `${name} ${(share * 100).toFixed(1)}% of hello-world ≥ ${SHARE_GOAL * 100}%`,
          met: share >= SHARE_GOAL,
        },
        { goal: `${name} p99 ${result.p99.toFixed(0)} ms ≤ ${P99_GOAL_MS} ms`, met: result.p99 <= P99_GOAL_MS },
        { goal: `${name} answered every request`, met: result.failures === 0 },
      )
    }
    // "Does not grow": within 25% (and 1 ms) of the 50-indicator time, allowing for the noise of a shared machine.
    goals.push({
      goal: `indicator page ${small.toFixed(2)} ms at 50 indicators, ${large.toFixed(2)} ms at 800`,
      met: large <= Math.max(small * 1.25, small + 1),
    })
    return {
      name: 'Published pack page under load, and the public indicator page as the pack grows',
      target: `≥ ${SHARE_GOAL * 100}% of hello-world fastify's req/s at ${CONNECTIONS} connections, p99 ≤ ${P99_GOAL_MS} ms, embedded and PostgreSQL; indicator page flat from 50 to 800 indicators`,
      targetMs: P99_GOAL_MS,
      runs: [embedded.p99, ...(postgres === null ? [] : [postgres.p99])],
      goals,
      notes:
        `${durationMs / 1000} s each, ${CONNECTIONS} keep-alive connections from one Node client on the same machine (bench/load.ts). ` +
        `hello-world fastify: ${describeLoad(peer)}. Pack page, embedded database: ${describeLoad(embedded)}. ` +
        (postgres === null ? 'PostgreSQL: not installed. ' : `Pack page, PostgreSQL 15: ${describeLoad(postgres)}. `) +
        `Public indicator page (fastify inject, warm, median of 100): ${small.toFixed(2)} ms with 50 indicators, ${large.toFixed(2)} ms with 800. ` +
        'The time column is the p99 of each database.',
    }
  } finally {
    await cluster?.remove()
    await rm(work, { recursive: true, force: true })
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const seconds = Number(process.argv[2] ?? 10)
  const result = await publishedPagesBenchmark(seconds * 1000)
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`)
}

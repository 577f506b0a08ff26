/**
 * `npm test` as a developer runs it, on this machine: the whole suite (unit, database on PGlite and PostgreSQL,
 * HTTP, browser, commands), timed from start to the test runner's summary, with the CPU it took (Node, Chromium and
 * PostgreSQL together: the children's rusage). Goal: ≤ 6 minutes on 2 cores, so the suite is one people run often.
 * The machine should be quiet: the suite uses both cores, and anything else running is time taken from it.
 */
import { spawn } from 'node:child_process'
import { readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { BenchResult } from './result.ts'

const ROOT = new URL('..', import.meta.url)
const GOAL_MS = 6 * 60 * 1000

interface SuiteRun {
  ms: number
  cpuSeconds: number
  tests: number
  failed: number
}

/** One `npm test` (scripts/test.sh): its wall time, its CPU (user + system of every process it started) and summary. */
async function runSuite(): Promise<SuiteRun> {
  const times = join(tmpdir(), `scrutineer-test-suite-${process.pid}.txt`)
  const started = performance.now()
  let output = ''
  const code = await new Promise<number | null>((resolve, reject) => {
    // GNU time reports the CPU of the whole process tree it waited for.
    const child = spawn('/usr/bin/time', ['-o', times, '-f', '%U %S', 'bash', 'scripts/test.sh'], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.stderr.on('data', () => undefined)
    child.on('error', reject)
    child.on('close', resolve)
  })
  const ms = performance.now() - started
  const [user = 0, system = 0] = (await readFile(times, 'utf8')).trim().split(/\s+/).map(Number)
  await rm(times, { force: true })
  const count = (name: string) => Number(new RegExp(`^# ${name} (\\d+)$`, 'm').exec(output)?.[1] ?? 0)
  if (code !== 0) {
    // The runner's report names the tests that failed: keep it, and say which, so a flaky test can be found.
    const log = join(tmpdir(), `scrutineer-test-suite-${process.pid}-failed.log`)
    await writeFile(log, output)
    const failing = output.split('\n').filter((line) => /^\s*not ok /.test(line))
    throw new Error(
      `npm test failed (exit ${code}): ${count('fail')} failing of ${count('tests')} (the report is in ${log}):\n` +
        failing.join('\n'),
    )
  }
  return { ms, cpuSeconds: user + system, tests: count('tests'), failed: count('fail') }
}

export async function testSuiteBenchmark(runs = 3): Promise<BenchResult> {
  const done: SuiteRun[] = []
  for (let i = 0; i < runs; i++) done.push(await runSuite())
  return {
    name: '`npm test`, every suite',
    target: '≤ 6 minutes on 2 cores',
    targetMs: GOAL_MS,
    runs: done.map((r) => r.ms),
    notes:
      `scripts/test.sh from start to the test runner's summary (Chromium, PostgreSQL and the stylesheet already ` +
      `installed and built, dist/ fresh as after npm install), ${done[0]?.tests ?? 0} tests, none failing; ` +
      `CPU of Node, Chromium and PostgreSQL together per run: ${done.map((r) => `${Math.round(r.cpuSeconds)} s`).join(', ')} ` +
      `(on 2 cores the floor is half that)`,
  }
}

// `node --import tsx bench/test-suite.ts` runs this benchmark alone.
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.stdout.write(`${JSON.stringify(await testSuiteBenchmark(), null, 2)}\n`)
}

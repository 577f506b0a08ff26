/**
 * `npm run bench`: measures the targets the issues set and writes BENCHMARKS.md with the machine and date.
 * Benchmarks, not tests, carry speed targets: a timed test is flaky on a shared machine.
 */
import { cpus, totalmem } from 'node:os'
import { writeFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { packBenchmark } from './pack.ts'
import { importBenchmark } from './import.ts'
import { annexABenchmark } from './annex-a.ts'
import { documentPackBenchmark, largeDocumentPackBenchmark } from './document-pack.ts'
import { webUploadBenchmark } from './web-upload.ts'
import { readersEmbeddedBenchmark, readersPostgresBenchmark } from './readers.ts'
import { drillDownEmbeddedBenchmark, drillDownPostgresBenchmark } from './drill-down.ts'
import { startUpEmbeddedBenchmark, startUpPostgresBenchmark } from './start-up.ts'
import { auditSearchBenchmark } from './audit-search.ts'
import { publishedPagesBenchmark } from './published-pages.ts'

export interface BenchResult {
  name: string
  target: string
  /** Milliseconds for each measured run. */
  runs: number[]
  targetMs: number
  notes: string
  /**
   * Every goal of the row besides the median time (memory, a ratio to a floor, another request's p95…). A row is
   * met only if its median is within `targetMs` and every one of these is met.
   */
  goals?: Array<{ goal: string; met: boolean }>
}

/** Whether every goal of a row is met: its median time and each of its other goals. */
export function rowMet(result: BenchResult, medianMs: number): boolean {
  return medianMs <= result.targetMs && (result.goals ?? []).every((g) => g.met)
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2
}

const results: BenchResult[] = []
for (const bench of [
  packBenchmark,
  importBenchmark,
  annexABenchmark,
  documentPackBenchmark,
  largeDocumentPackBenchmark,
  webUploadBenchmark,
  readersPostgresBenchmark,
  readersEmbeddedBenchmark,
  drillDownPostgresBenchmark,
  drillDownEmbeddedBenchmark,
  startUpEmbeddedBenchmark,
  startUpPostgresBenchmark,
  auditSearchBenchmark,
  publishedPagesBenchmark,
]) {
  process.stderr.write(`Running ${bench.name}…\n`)
  const result = await bench()
  results.push(result)
  process.stderr.write(`  median ${median(result.runs).toFixed(1)} ms (target ${result.target})\n`)
}

const cpu = cpus()[0]?.model ?? 'unknown CPU'
const machine = `${cpu}, ${cpus().length} cores, ${Math.round(totalmem() / 1024 ** 3)} GiB, Node ${process.version}, ${process.platform}`
const date = new Date().toISOString().slice(0, 10)
const rows = results.map((r) => {
  const m = median(r.runs)
  const worst = Math.max(...r.runs)
  const missed = (r.goals ?? []).filter((g) => !g.met).map((g) => g.goal)
  const result = rowMet(r, m) ? 'met' : `**missed**${missed.length > 0 ? ` (${missed.join('; ')})` : ''}`
  return `| ${r.name} | ${r.target} | ${m.toFixed(1)} ms | ${worst.toFixed(1)} ms | ${r.runs.length} | ${result} | ${r.notes} |`
})
const markdown = `# Benchmarks

Written by \`npm run bench\` (bench/). Speed targets are checked here, never in timed tests. A row is met only if
every goal in it is: its median time and each other goal its target names.

- Machine: ${machine}
- Date: ${date}

| benchmark | target | median | worst | runs | result | what is measured |
|---|---|---|---|---|---|---|
${rows.join('\n')}
`
await writeFile(fileURLToPath(new URL('../BENCHMARKS.md', import.meta.url)), markdown)
process.stdout.write(markdown)

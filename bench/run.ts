/**
 * `npm run bench`: measures the targets the issues set and writes BENCHMARKS.md with the machine and date.
 * Benchmarks, not tests, carry speed targets: a timed test is flaky on a shared machine.
 */
import { cpus, totalmem } from 'node:os'
import { readFile, writeFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { packBenchmark } from './pack.ts'
import { importBenchmark } from './import.ts'
import { annexABenchmark } from './annex-a.ts'
import { documentPackBenchmark, largeDocumentPackBenchmark } from './document-pack.ts'
import { webUploadBenchmark } from './web-upload.ts'
import { testSuiteBenchmark } from './test-suite.ts'
import { readersEmbeddedBenchmark, readersPostgresBenchmark } from './readers.ts'
import { drillDownEmbeddedBenchmark, drillDownPostgresBenchmark } from './drill-down.ts'
import { startUpEmbeddedBenchmark, startUpPostgresBenchmark } from './start-up.ts'
import { auditSearchBenchmark } from './audit-search.ts'
import { cinCensusEmbeddedBenchmark, cinCensusPostgresBenchmark } from './cin-census.ts'
import { publishedPagesBenchmark } from './published-pages.ts'
import { searchBenchmark } from './search.ts'
import { median, resultCell, type BenchResult } from './result.ts'

export type { BenchResult } from './result.ts'

const ALL = [
  packBenchmark,
  importBenchmark,
  annexABenchmark,
  documentPackBenchmark,
  largeDocumentPackBenchmark,
  webUploadBenchmark,
  testSuiteBenchmark,
  readersPostgresBenchmark,
  readersEmbeddedBenchmark,
  drillDownPostgresBenchmark,
  drillDownEmbeddedBenchmark,
  cinCensusEmbeddedBenchmark,
  cinCensusPostgresBenchmark,
  startUpEmbeddedBenchmark,
  startUpPostgresBenchmark,
  auditSearchBenchmark,
  publishedPagesBenchmark,
  searchBenchmark,
]

/**
 * `npm run bench -- --only=searchBenchmark,auditSearchBenchmark` runs just those (by function name) and replaces their
 * rows in BENCHMARKS.md, each marked with the day it ran alone; every other row stays as the last whole run wrote it.
 */
const onlyArgument = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length)
const only = onlyArgument === undefined ? null : onlyArgument.split(',').filter((name) => name !== '')
const unknown = (only ?? []).filter((name) => !ALL.some((bench) => bench.name === name))
if (unknown.length > 0) {
  process.stderr.write(
    `No such benchmark: ${unknown.join(', ')}. The benchmarks: ${ALL.map((b) => b.name).join(', ')}\n`,
  )
  process.exit(2)
}

const results: BenchResult[] = []
for (const bench of only === null ? ALL : ALL.filter((b) => only.includes(b.name))) {
  process.stderr.write(`Running ${bench.name}…\n`)
  const result = await bench()
  results.push(result)
  process.stderr.write(`  median ${median(result.runs).toFixed(1)} ms (target ${result.target})\n`)
}

const cpu = cpus()[0]?.model ?? 'unknown CPU'
const machine = `${cpu}, ${cpus().length} cores, ${Math.round(totalmem() / 1024 ** 3)} GiB, Node ${process.version}, ${process.platform}`
const date = new Date().toISOString().slice(0, 10)
const rowOf = (r: BenchResult, note = '') => {
  const m = median(r.runs)
  const worst = Math.max(...r.runs)
  return `| ${r.name} | ${r.target} | ${m.toFixed(1)} ms | ${worst.toFixed(1)} ms | ${r.runs.length} | ${resultCell(r)} | ${note}${r.notes} |`
}
const target = fileURLToPath(new URL('../BENCHMARKS.md', import.meta.url))
if (only !== null) {
  const kept = await readFile(target, 'utf8')
  let updated = kept
  for (const r of results) {
    const row = rowOf(r, `Run alone on ${date} (\`npm run bench -- --only=…\`), on the machine above. `)
    const existing = kept.split('\n').find((line) => line.startsWith(`| ${r.name} |`))
    updated = existing === undefined ? `${updated.trimEnd()}\n${row}\n` : updated.replace(existing, () => row)
  }
  await writeFile(target, updated)
  process.stdout.write(updated)
  process.exit(0)
}
const rows = results.map((r) => rowOf(r))
const markdown = `# Benchmarks

Written by \`npm run bench\` (bench/). Speed targets are checked here, never in timed tests. A row is met only if
every goal in it is: its median time and each other goal its target names.

- Machine: ${machine}
- Date: ${date}

| benchmark | target | median | worst | runs | result | what is measured |
|---|---|---|---|---|---|---|
${rows.join('\n')}
`
await writeFile(target, markdown)
process.stdout.write(markdown)

/**
 * Summarises a log written by a run with SCRUTINEER_TEST_CPU_LOG (run/README.md): the CPU by kind of test file, and
 * the files that took the most.
 *   SCRUTINEER_TEST_CPU_LOG=/tmp/cpu.jsonl npm test; node --import tsx scripts/test-cpu-report.ts /tmp/cpu.jsonl [how many]
 */
import { readFileSync } from 'node:fs'

interface Line {
  file: string
  seconds: number
  cpu: number
  own: number
  children: number
}

const [path, top = '30'] = process.argv.slice(2)
if (path === undefined) {
  process.stderr.write('Usage: node --import tsx scripts/test-cpu-report.ts <log> [how many files]\n')
  process.exit(2)
}
const lines = readFileSync(path, 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => JSON.parse(line) as Line)

const kindOf = (file: string) => /\.(db|http|browser)\.test\.ts$/.exec(file)?.[1] ?? 'unit'
const byKind = new Map<string, number>()
for (const line of lines) byKind.set(kindOf(line.file), (byKind.get(kindOf(line.file)) ?? 0) + line.cpu)
const total = lines.reduce((sum, line) => sum + line.cpu, 0)
const out = [`${lines.length} files, ${total.toFixed(0)} s of CPU in them`]
for (const [kind, cpu] of [...byKind].sort((a, b) => b[1] - a[1])) out.push(`  ${kind.padEnd(8)} ${cpu.toFixed(0)} s`)
out.push('', '   cpu    own  child   wall  file')
for (const line of [...lines].sort((a, b) => b.cpu - a.cpu).slice(0, Number(top))) {
  const cells = [line.cpu, line.own, line.children, line.seconds].map((n) => n.toFixed(1).padStart(6))
  out.push(`${cells.join(' ')}  ${line.file}`)
}
process.stdout.write(`${out.join('\n')}\n`)

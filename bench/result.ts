/**
 * A benchmark's row and whether it is met: kept apart from run.ts (which runs every benchmark as it loads) so the
 * met/missed decision has a test of its own (result.test.ts).
 */
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

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2
}

/** Whether every goal of a row is met: its median time and each of its other goals. A row with no runs is not. */
export function rowMet(result: BenchResult, medianMs: number): boolean {
  return result.runs.length > 0 && medianMs <= result.targetMs && (result.goals ?? []).every((g) => g.met)
}

/** The result column: "met", or "**missed**" with every goal missed named (the median time's too). */
export function resultCell(result: BenchResult): string {
  const m = median(result.runs)
  if (rowMet(result, m)) return 'met'
  const missed = (result.goals ?? []).filter((g) => !g.met).map((g) => g.goal)
  if (result.runs.length === 0) missed.unshift('no runs measured')
  else if (m > result.targetMs) missed.unshift(`median ${m.toFixed(1)} ms over ${result.target}`)
  return `**missed** (${missed.join('; ')})`
}

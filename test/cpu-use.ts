/**
 * Where a test run's CPU goes, file by file (run/README.md, "Where the CPU goes"): on two cores `npm test` is busy
 * from start to end, so its time is its CPU divided by two, and a file's wall-clock time says little about its cost
 * when two other processes share the cores. Read from Linux's /proc.
 */
import { readdirSync, readFileSync } from 'node:fs'

/** Linux reports process times in clock ticks of 1/100 s (USER_HZ, the same on every architecture Node runs on). */
const TICKS_PER_SECOND = 100

export interface CpuUse {
  /** Seconds on a monotonic clock. */
  at: number
  /** CPU seconds of this process (every thread: the embedded database's workers too). */
  own: number
  /**
   * CPU seconds of its children: those that ended and were waited for, and every live descendant with the ended
   * children it waited for itself (Chromium's renderers, which its zygote reaps).
   */
  children: number
}

/** The fields of /proc/<pid>/stat after the command's name (which may hold spaces): [0] is the state. */
function statOf(pid: string): string[] {
  const text = readFileSync(`/proc/${pid}/stat`, 'utf8')
  return text.slice(text.lastIndexOf(')') + 2).split(' ')
}

const seconds = (...ticks: Array<string | undefined>) =>
  ticks.reduce((sum, value) => sum + Number(value ?? 0), 0) / TICKS_PER_SECOND

/** This process's CPU so far, and its children's. */
export function cpuUse(): CpuUse {
  const self = statOf('self')
  const childrenOf = new Map<string, string[]>()
  const time = new Map<string, number>()
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue
    try {
      const stat = statOf(pid)
      const parent = stat[1] ?? ''
      childrenOf.set(parent, [...(childrenOf.get(parent) ?? []), pid])
      time.set(pid, seconds(stat[11], stat[12], stat[13], stat[14]))
    } catch {
      // The process ended while the list was read.
    }
  }
  let live = 0
  const queue = [...(childrenOf.get(String(process.pid)) ?? [])]
  for (let pid = queue.pop(); pid !== undefined; pid = queue.pop()) {
    live += time.get(pid) ?? 0
    queue.push(...(childrenOf.get(pid) ?? []))
  }
  return {
    at: performance.now() / 1000,
    own: seconds(self[11], self[12]),
    children: seconds(self[13], self[14]) + live,
  }
}

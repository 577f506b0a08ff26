/**
 * A process and everything it started, read from /proc (Linux): the document pack's benchmark sums the memory of
 * Node and its Chromium (browser, zygotes, renderers), and the printer's tests find the Chromium to kill.
 */
import { readdirSync, readFileSync } from 'node:fs'

interface ProcessEntry {
  pid: number
  ppid: number
  /** The command's name as the kernel has it (`chromium`, `node`). */
  name: string
  rssBytes: number
  /** CPU time used, user and system, its reaped children's included, in clock ticks (100 a second on Linux). */
  cpuTicks: number
}

const PAGE_BYTES = 4096

/** Every process now running, or [] where /proc cannot be read. */
function processes(): ProcessEntry[] {
  let pids: string[]
  try {
    pids = readdirSync('/proc').filter((entry) => /^\d+$/.test(entry))
  } catch {
    return []
  }
  const found: ProcessEntry[] = []
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
      // The name is in brackets and may hold spaces: the fields after it are split from the last bracket.
      const close = stat.lastIndexOf(')')
      const name = stat.slice(stat.indexOf('(') + 1, close)
      const fields = stat.slice(close + 2).split(' ')
      const cpuTicks = [11, 12, 13, 14].reduce((sum, field) => sum + Number(fields[field]), 0)
      found.push({
        pid: Number(pid),
        ppid: Number(fields[1]),
        name,
        rssBytes: Number(fields[21]) * PAGE_BYTES,
        cpuTicks,
      })
    } catch {
      // It ended while we looked.
    }
  }
  return found
}

/** `root` and every process it started, and they started, … (root first). */
export function processTree(root: number): ProcessEntry[] {
  const all = processes()
  const tree = all.filter((p) => p.pid === root)
  for (let i = 0; i < tree.length; i++) {
    const parent = tree[i]?.pid
    tree.push(...all.filter((p) => p.ppid === parent && p.pid !== root))
  }
  return tree
}

/** The resident memory of `root` and everything it started, added up (shared pages count once per process). */
export function treeRssBytes(root: number): number {
  return processTree(root).reduce((sum, p) => sum + p.rssBytes, 0)
}

/**
 * The CPU seconds `root` and everything it started have used so far (processes that ended count once their
 * parent has reaped them): on a busy machine, work done says more than time taken.
 */
export function treeCpuSeconds(root: number): number {
  return processTree(root).reduce((sum, p) => sum + p.cpuTicks, 0) / 100
}

/** The proportional memory (PSS: shared pages divided among their sharers) of `root`'s tree, or NaN. */
export function treePssBytes(root: number): number {
  let sum = 0
  for (const p of processTree(root)) {
    try {
      const rollup = readFileSync(`/proc/${p.pid}/smaps_rollup`, 'utf8')
      sum += Number(/^Pss:\s+(\d+) kB/m.exec(rollup)?.[1] ?? 0) * 1024
    } catch {
      // It ended while we looked, or smaps_rollup is not there.
    }
  }
  return sum === 0 ? Number.NaN : sum
}

/** The Chromium browsers this process started (their main process: a child of this one), by pid. */
export function chromiumChildren(): number[] {
  return processes()
    .filter((p) => p.ppid === process.pid && /chrom/i.test(p.name))
    .map((p) => p.pid)
}

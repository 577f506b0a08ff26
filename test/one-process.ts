/**
 * Test files run together in one process, each file's tests under a suite named by its path. A file of its own
 * under `node --test` pays for a Node process, tsx compiling its imports and (for the HTTP and database suites) the
 * app's modules and PGlite's WebAssembly: about half a second of CPU for a unit file and two for the others, minutes
 * over the suites. Unit files share nothing a process would isolate; HTTP, database and browser files each build
 * their own app or database and close it, and the browser files share one Chromium (test/browser.ts). The command
 * suites (src/cli) run in one too, one suite after another: a command run in the process changes its environment only
 * while it runs (test/cli.ts), and the servers and commands they start are processes of their own, each stopped by
 * the suite that started it. The entries are in run/ (run/README.md).
 */
import { appendFileSync, readdirSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import { after, before, describe } from 'node:test'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { cpuUse, type CpuUse } from './cpu-use.ts'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const KINDS = /\.(db|http|browser)\.test\.ts$/

/** The kinds of test file that run in one process. */
export type OneProcessKind = 'unit' | 'domain' | 'http' | 'db' | 'cli' | 'browser' | 'every-page'

/**
 * The `*.test.ts` files under src, test and bench of one kind: `unit` (none of db, http, browser), `domain` (the
 * unit files of src/domain), `http`, `db` (but not the commands' in src/cli), `cli` (those), `browser` (but not
 * pages.browser.test.ts, the longest) or `every-page` (that one, run beside them in a process of its own).
 */
export function testFilesOf(kind: OneProcessKind): string[] {
  return ['src', 'test', 'bench']
    .flatMap((dir) =>
      readdirSync(join(ROOT, dir), { recursive: true, encoding: 'utf8' }).map((f) => join(ROOT, dir, f)),
    )
    .filter((file) => file.endsWith('.test.ts') && !file.includes('node_modules'))
    .filter((file) => {
      switch (kind) {
        case 'unit':
          return !KINDS.test(file)
        case 'domain':
          return !KINDS.test(file) && relative(ROOT, file).startsWith(join('src', 'domain'))
        case 'http':
          return file.endsWith('.http.test.ts')
        case 'db':
          return file.endsWith('.db.test.ts') && !relative(ROOT, file).startsWith(join('src', 'cli'))
        case 'cli':
          return file.endsWith('.db.test.ts') && relative(ROOT, file).startsWith(join('src', 'cli'))
        case 'browser':
          return file.endsWith('.browser.test.ts') && !file.endsWith('pages.browser.test.ts')
        case 'every-page':
          return file.endsWith('pages.browser.test.ts')
      }
    })
    .sort()
}

/**
 * Runs `files` in this process: the files named on the command line if any, else `kind`'s — or, given a `share`,
 * every `of`-th of them from the `part`-th on (1-based), so that two processes can run one kind side by side. Each
 * file's suite is named by its path, after `label` if given. With SCRUTINEER_TEST_CPU_LOG set to a file, each file's
 * time and CPU (this process's, and the processes it started: Chromium, commands, servers) are added to it as a line
 * of JSON (run/README.md).
 */
export function runInOneProcess(kind: OneProcessKind, share?: { part: number; of: number }, label = ''): void {
  const files =
    process.argv.length > 2
      ? process.argv.slice(2).map((file) => resolve(file))
      : testFilesOf(kind).filter((_, index) => share === undefined || index % share.of === share.part - 1)
  const cpuLog = process.env.SCRUTINEER_TEST_CPU_LOG
  for (const file of files) {
    describe(`${label}${relative(ROOT, file)}`, async () => {
      let start: CpuUse | null = null
      if (cpuLog) before(() => void (start = cpuUse()))
      await import(pathToFileURL(file).href)
      // After the file's own hooks: what it closes in them (Chromium's tabs, servers) is counted as its own.
      if (cpuLog) after(() => logCpu(cpuLog, relative(ROOT, file), start))
    })
  }
}

function logCpu(log: string, file: string, start: CpuUse | null): void {
  if (start === null) return
  const end = cpuUse()
  const round = (seconds: number) => Math.round(seconds * 100) / 100
  const line = {
    file,
    seconds: round(end.at - start.at),
    cpu: round(end.own - start.own + end.children - start.children),
    own: round(end.own - start.own),
    children: round(end.children - start.children),
  }
  appendFileSync(log, `${JSON.stringify(line)}\n`)
}

/**
 * Test files run together in one process, each file's tests under a suite named by its path. A file of its own
 * under `node --test` pays for a Node process, tsx compiling its imports and (for the HTTP suites) the app's modules
 * and PGlite's WebAssembly: about half a second of CPU for a unit file and two for an HTTP one, minutes over the
 * suites. Unit files share nothing a process would isolate; HTTP files each build their own app over their own
 * in-memory database and close it. Database and browser suites keep a process each: they start database servers,
 * browsers and commands, and some stop them on purpose.
 */
import { readdirSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import { describe } from 'node:test'
import { fileURLToPath, pathToFileURL } from 'node:url'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const KINDS = /\.(db|http|browser)\.test\.ts$/

/** The `*.test.ts` files under src, test and bench of one kind: `unit` (none of db, http, browser) or `http`. */
export function testFilesOf(kind: 'unit' | 'http'): string[] {
  return ['src', 'test', 'bench']
    .flatMap((dir) =>
      readdirSync(join(ROOT, dir), { recursive: true, encoding: 'utf8' }).map((f) => join(ROOT, dir, f)),
    )
    .filter((file) => file.endsWith('.test.ts') && !file.includes('node_modules'))
    .filter((file) => (kind === 'unit' ? !KINDS.test(file) : file.endsWith('.http.test.ts')))
    .sort()
}

/** Runs `files` in this process: the files named on the command line if any, else `kind`'s. */
export function runInOneProcess(kind: 'unit' | 'http'): void {
  const files = process.argv.length > 2 ? process.argv.slice(2).map((file) => resolve(file)) : testFilesOf(kind)
  for (const file of files) {
    describe(relative(ROOT, file), async () => {
      await import(pathToFileURL(file).href)
    })
  }
}

/**
 * The unit test files in one process: each file's tests under a suite named by its path. A file of its own under
 * `node --test` pays for a Node process and tsx compiling its imports (about half a second of CPU each, a minute
 * for the ~130 unit files); pure tests share nothing a process would isolate, so one process runs them all.
 *   node --import tsx --test test/unit-tests.ts                     every unit test file (as npm test does)
 *   node --import tsx test/unit-tests.ts src/domain/x.test.ts …    just these files
 * Unit files are the `*.test.ts` under src, test and bench that are not `.db.`, `.http.` or `.browser.` tests:
 * those start databases, servers and browsers, and keep a process each.
 */
import { readdirSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import { describe } from 'node:test'
import { fileURLToPath, pathToFileURL } from 'node:url'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const NOT_UNIT = /\.(db|http|browser)\.test\.ts$/

function unitTestFiles(): string[] {
  return ['src', 'test', 'bench']
    .flatMap((dir) =>
      readdirSync(join(ROOT, dir), { recursive: true, encoding: 'utf8' }).map((f) => join(ROOT, dir, f)),
    )
    .filter((file) => file.endsWith('.test.ts') && !NOT_UNIT.test(file) && !file.includes('node_modules'))
    .sort()
}

const files = process.argv.length > 2 ? process.argv.slice(2).map((file) => resolve(file)) : unitTestFiles()
for (const file of files) {
  describe(relative(ROOT, file), async () => {
    await import(pathToFileURL(file).href)
  })
}

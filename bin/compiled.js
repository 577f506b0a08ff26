// Where the compiled server lives and whether it is up to date with the sources: shared by the launcher
// (bin/scrutineer.js, which runs it) and the build (bin/compile.js, which writes it). Plain JavaScript, so that the
// launcher can decide before TypeScript is loaded.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'

export const ROOT = path.resolve(import.meta.dirname, '..')
export const DIST = path.join(ROOT, 'dist')
/** Written last by the build: the number of source files and when it finished. */
export const STAMP = path.join(DIST, 'built.json')
/** What the build compiles besides src/: changing these makes the compiled server stale too. */
const CONFIG_FILES = ['tsconfig.json', 'tsconfig.build.json', 'package.json'].map((file) => path.join(ROOT, file))

/** Whether a file under src/ is part of the server (tests and their data are not compiled or copied). */
export function isServerSource(file) {
  return !file.endsWith('.test.ts') && !file.split(path.sep).includes('testdata')
}

/** Every file under src/ that the server is built from, TypeScript and otherwise (views, Sass, examples). */
export function serverSources() {
  return readdirSync(path.join(ROOT, 'src'), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name))
    .filter(isServerSource)
}

/**
 * Whether dist/ holds a build of exactly today's sources: built after every source file and config file changed,
 * from the same number of files (a deleted or added file counts even when no date moved).
 */
export function compiledIsFresh() {
  if (!existsSync(STAMP)) return false
  let stamp
  try {
    stamp = JSON.parse(readFileSync(STAMP, 'utf8'))
  } catch {
    return false
  }
  const sources = serverSources()
  if (stamp.files !== sources.length) return false
  const builtAt = statSync(STAMP).mtimeMs
  return [...sources, ...CONFIG_FILES].every((file) => !existsSync(file) || statSync(file).mtimeMs <= builtAt)
}

/**
 * Builds the static front-end assets into `public/` (git-ignored): the council-branded stylesheet compiled from
 * `scss/application.scss`, GOV.UK Frontend's JavaScript and images, and a tiny module that starts its components.
 *
 * Runs as `node --import tsx src/web/assets/build.ts` (the npm `postinstall` and `build:css` scripts). It is
 * idempotent and skips every output that is already newer than its inputs, so running it again costs milliseconds.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'

const root = path.resolve(import.meta.dirname, '../../..')
const scssDir = path.join(import.meta.dirname, 'scss')
const publicDir = path.join(root, 'public')

/** Where npm put govuk-frontend: resolved, not assumed, so a hoisted or nested install both work. */
function govukFrontendDir(): string {
  const require = createRequire(import.meta.url)
  return path.dirname(require.resolve('govuk-frontend/package.json'))
}

/** Milliseconds since the epoch of the last change, or -Infinity when the file does not exist. */
function modifiedAt(file: string): number {
  return existsSync(file) ? statSync(file).mtimeMs : Number.NEGATIVE_INFINITY
}

/** Every file under `dir`, recursively. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(entry.parentPath, entry.name)
    return entry.isDirectory() ? filesUnder(full) : [full]
  })
}

function isStale(output: string, inputs: readonly string[]): boolean {
  const builtAt = modifiedAt(output)
  return inputs.some((input) => modifiedAt(input) > builtAt)
}

function copyIfStale(from: string, to: string): boolean {
  if (!isStale(to, [from])) return false
  mkdirSync(path.dirname(to), { recursive: true })
  copyFileSync(from, to)
  return true
}

function writeIfChanged(file: string, content: string): boolean {
  if (existsSync(file) && readFileSync(file, 'utf8') === content) return false
  mkdirSync(path.dirname(file), { recursive: true })
  writeFileSync(file, content)
  return true
}

function buildStylesheet(govukDir: string): boolean {
  const entry = path.join(scssDir, 'application.scss')
  const output = path.join(publicDir, 'stylesheets', 'application.css')
  // A new govuk-frontend version changes the output even when our own Sass did not change.
  const inputs = [...filesUnder(scssDir), path.join(govukDir, 'package.json')]
  if (!isStale(output, inputs)) return false
  // Sass is loaded only when the stylesheet must be compiled: `scrutineer serve` checks the assets on every start,
  // and loading the compiler (a third of a second, ~50 MB) when nothing changed would be start-up for nothing.
  const { compile } = createRequire(import.meta.url)('sass') as typeof import('sass')
  const result = compile(entry, {
    loadPaths: [path.join(root, 'node_modules'), path.dirname(govukDir)],
    style: 'compressed',
    quietDeps: true,
  })
  mkdirSync(path.dirname(output), { recursive: true })
  writeFileSync(output, result.css)
  return true
}

function copyGovukAssets(govukDir: string): string[] {
  const dist = path.join(govukDir, 'dist', 'govuk')
  const copied: string[] = []
  const script = path.join(dist, 'govuk-frontend.min.js')
  if (copyIfStale(script, path.join(publicDir, 'javascripts', 'govuk-frontend.min.js'))) copied.push(script)
  // Images and the web manifest only: the council uses Arial, so GOV.UK's fonts are never requested.
  const assets = path.join(dist, 'assets')
  const wanted = [...filesUnder(path.join(assets, 'images')), path.join(assets, 'manifest.json')]
  for (const file of wanted) {
    if (copyIfStale(file, path.join(publicDir, 'assets', path.relative(assets, file)))) copied.push(file)
  }
  return copied
}

const APPLICATION_JS = `import { initAll } from './govuk-frontend.min.js'
import { initJobProgress } from './job-progress.js'

initAll()
initJobProgress()
`

/** Our own scripts (src/web/assets/javascripts), each copied as it is: small, modern, no build step. */
const OWN_SCRIPTS_DIR = path.join(import.meta.dirname, 'javascripts')

/**
 * Builds every asset that is out of date and says what it did.
 * @example buildAssets() // { stylesheet: true, copied: 9, script: true } on a fresh checkout
 */
export function buildAssets(): { stylesheet: boolean; copied: number; script: boolean } {
  const govukDir = govukFrontendDir()
  const stylesheet = buildStylesheet(govukDir)
  const copied = copyGovukAssets(govukDir).length
  let copiedOwn = 0
  for (const file of filesUnder(OWN_SCRIPTS_DIR)) {
    if (copyIfStale(file, path.join(publicDir, 'javascripts', path.basename(file)))) copiedOwn += 1
  }
  const script = writeIfChanged(path.join(publicDir, 'javascripts', 'application.js'), APPLICATION_JS)
  return { stylesheet, copied: copied + copiedOwn, script }
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === import.meta.filename) {
  const started = performance.now()
  const { stylesheet, copied, script } = buildAssets()
  const took = Math.round(performance.now() - started)
  const did = [
    stylesheet ? 'stylesheet' : '',
    copied > 0 ? `${copied} GOV.UK files` : '',
    script ? 'application.js' : '',
  ]
    .filter((part) => part !== '')
    .join(', ')
  console.log(`Assets: ${did === '' ? 'already up to date' : `built ${did}`} (${took} ms)`)
}

// Compiles the server to JavaScript in dist/ (git-ignored), so that `npm start` runs it without compiling
// TypeScript on every start (docs/operations.md, "Start-up and memory"). Run by npm's postinstall after the assets;
// by hand: `node bin/compile.js`. Without TypeScript (an install without dev dependencies) it says so and does
// nothing: `npm start` then runs the TypeScript through tsx, as before.
import { execFileSync } from 'node:child_process'
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  rmSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { DIST, ROOT, serverSources, STAMP } from './compiled.js'

let tsc
try {
  tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc')
} catch {
  console.log('TypeScript is not installed: npm start will run the server through tsx (slower to start).')
  process.exit(0)
}

const started = performance.now()
// Always from clean: a file deleted from src/ must not live on in dist/.
rmSync(DIST, { recursive: true, force: true })
try {
  execFileSync(process.execPath, [tsc, '-p', path.join(ROOT, 'tsconfig.build.json')], { cwd: ROOT, stdio: 'inherit' })
} catch {
  // A type error must not fail `npm install`: without a build stamp, npm start runs the TypeScript through tsx.
  console.log('The server could not be compiled (see above): npm start will run it through tsx (slower to start).')
  process.exit(0)
}

// What the compiled code reads beside itself: views, the pack's template and stylesheet, Sass, examples.
const sources = serverSources()
for (const file of sources) {
  if (file.endsWith('.ts')) continue
  const to = path.join(DIST, path.relative(ROOT, file))
  mkdirSync(path.dirname(to), { recursive: true })
  copyFileSync(file, to)
  // With the source's date: the stylesheet is rebuilt only when its Sass changed, not because it was copied.
  const { atime, mtime } = statSync(file)
  utimesSync(to, atime, mtime)
}

// The code finds the data folders relative to itself (`new URL('../../fixtures/…', import.meta.url)`): from
// dist/src/… that is dist/…, so each is linked to the real one. TypeScript may already have copied a JSON file it
// imports (reference/bank-holidays…json) into a real dist/reference folder: then its entries are linked one by one.
function link(relative) {
  const from = path.join(ROOT, relative)
  const to = path.join(DIST, relative)
  if (!existsSync(to)) {
    mkdirSync(path.dirname(to), { recursive: true })
    symlinkSync(path.relative(path.dirname(to), from), to)
    return
  }
  if (statSync(to).isDirectory()) for (const entry of readdirSync(from)) link(path.join(relative, entry))
}
mkdirSync(path.join(ROOT, 'public'), { recursive: true })
for (const folder of ['fixtures', 'public', 'reference']) link(folder)

// The Annex A specification as JSON beside its compiled module, so that a command need not parse the YAML.
const spec = await import(pathToFileURL(path.join(DIST, 'src', 'importers', 'annex-a', 'spec.js')).href)
spec.writeCompiledSpec()

writeFileSync(STAMP, `${JSON.stringify({ files: sources.length, builtAt: new Date().toISOString() })}\n`)
console.log(`Compiled the server to dist/ (${Math.round(performance.now() - started)} ms)`)

/**
 * `npm start` as production runs it: npm install's build (bin/compile.js) compiles the server into dist/, the
 * launcher (bin/scrutineer.js) finds it up to date and runs it, and the compiled server (its PGlite worker, views,
 * stylesheet and data files found from dist/) serves pages. A source changed after the build makes it stale.
 */
import assert from 'node:assert/strict'
import { execFile, spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync, statSync, utimesSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { promisify } from 'node:util'
import { after, before, describe, it } from 'node:test'
import { freePort, ROOT } from '../../test/server-process.ts'

const run = promisify(execFile)

/** What bin/compiled.js says of dist/ now. */
async function compiledIsFresh(): Promise<boolean> {
  const { stdout } = await run(
    process.execPath,
    ['--input-type=module', '-e', "console.log((await import('./bin/compiled.js')).compiledIsFresh())"],
    { cwd: ROOT },
  )
  return stdout.trim() === 'true'
}

describe('the compiled server', () => {
  let server: ChildProcess | null = null
  let base = ''
  let log = ''
  const folder = mkdtempSync(join(tmpdir(), 'scrutineer-compiled-'))

  before(async () => {
    // Built only when stale (npm install has built it on a fresh checkout): rebuilding deletes dist/ first, and a
    // test running the binary meanwhile (which found it fresh a moment before) would lose its files mid-start. A
    // stale dist/ is run by nobody (the launcher runs the TypeScript), so building it then races with nothing.
    if (!(await compiledIsFresh())) {
      await run(process.execPath, ['bin/compile.js'], { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 })
    }
    const port = await freePort()
    base = `http://127.0.0.1:${port}`
    server = spawn(
      process.execPath,
      ['bin/scrutineer.js', 'serve', '--db', join(folder, 'data'), '--port', `${port}`],
      {
        cwd: ROOT,
        env: { ...process.env, SCRUTINEER_DEMO: 'false', NODE_ENV: 'development' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    )
    server.stdout?.on('data', (chunk: Buffer) => (log += chunk.toString()))
    server.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()))
    for (let tries = 0; ; tries++) {
      if (server.exitCode !== null || tries > 600) throw new Error(`The compiled server did not start:\n${log}`)
      const up = await fetch(`${base}/health`)
        .then((r) => r.ok)
        .catch(() => false)
      if (up) break
      await sleep(100)
    }
  })
  after(() => {
    server?.kill('SIGKILL')
    rmSync(folder, { recursive: true, force: true })
  })

  it('is up to date after the build, and serves pages, the stylesheet and the embedded database', async () => {
    assert.equal(await compiledIsFresh(), true)
    const health = await fetch(`${base}/health`)
    assert.match(await health.text(), /pglite/)
    const signIn = await fetch(`${base}/sign-in`)
    assert.equal(signIn.status, 200)
    assert.match(await signIn.text(), /<h1[^>]*>[^<]*Sign in/)
    const css = await fetch(`${base}/stylesheets/application.css`)
    assert.equal(css.status, 200)
    assert.ok((await css.text()).length > 1000)
    assert.match(log, /Scrutineer is serving/)
  })

  describe('edge cases', () => {
    it('is stale once a source file changes after the build, so the launcher runs the TypeScript', async () => {
      const file = join(ROOT, 'src', 'config.ts')
      const { atime, mtime } = statSync(file)
      try {
        utimesSync(file, atime, new Date(Date.now() + 60_000))
        assert.equal(await compiledIsFresh(), false)
      } finally {
        utimesSync(file, atime, mtime)
      }
      assert.equal(await compiledIsFresh(), true)
    })
  })
})

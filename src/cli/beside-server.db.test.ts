/**
 * The command line beside a running server (issue 10): `scrutineer serve` runs as its own process on an embedded
 * database folder, and `scrutineer users add` and `scrutineer import values` run in other processes at the same
 * time, as they would in a second terminal. What they write is then seen through the running server's pages.
 */
import assert from 'node:assert/strict'
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { after, before, describe, it } from 'node:test'
import { migratedPgliteDump } from '../../test/databases.ts'
import { freePort, ROOT, runScrutineer, signIn } from '../../test/server-process.ts'
import { LOCK_FILE, openStore } from '../store/connect.ts'

const PASSWORD = 'correct horse battery staple'
const ENV = { ...process.env, NODE_ENV: 'test', SCRUTINEER_DEMO: 'false', SCRUTINEER_PASSWORD: PASSWORD }

/** Runs `scrutineer ARGS` as its own process, as in a second terminal. */
const scrutineer = (...args: string[]) => runScrutineer(args, ENV)

describe('the command line beside a running server on the embedded database', () => {
  const folder = mkdtempSync(join(tmpdir(), 'scrutineer-beside-'))
  const db = join(folder, 'data')
  let server: ChildProcess | null = null
  let serverLog = ''
  let base = ''

  before(async () => {
    // A copy of the tests' migrated database, rather than initdb in the server.
    await openStore({ kind: 'pglite', dataDir: db, loadDataDir: await migratedPgliteDump() }).then((s) => s.close())
    const port = await freePort()
    base = `http://127.0.0.1:${port}`
    server = spawn(process.execPath, ['--import', 'tsx', 'src/cli/run.ts', 'serve', '--db', db, '--port', `${port}`], {
      cwd: ROOT,
      env: ENV,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    server.stdout?.on('data', (chunk: Buffer) => (serverLog += chunk.toString()))
    server.stderr?.on('data', (chunk: Buffer) => (serverLog += chunk.toString()))
    const exited = new Promise<void>((resolve) => server?.once('exit', () => resolve()))
    let up = false
    while (!up) {
      const stopped = await Promise.race([exited.then(() => true), sleep(200).then(() => false)])
      if (stopped) throw new Error(`The server stopped before it answered:\n${serverLog}`)
      up = await fetch(`${base}/health`)
        .then((r) => r.ok)
        .catch(() => false)
    }
  })

  after(() => {
    // However the tests went, the server does not outlive them.
    if (server !== null && server.exitCode === null && server.signalCode === null) server.kill('SIGKILL')
    rmSync(folder, { recursive: true, force: true })
  })

  it('says at start where it serves the database to local commands', () => {
    assert.match(
      serverLog,
      new RegExp(
        `Serving the embedded database to scrutineer commands on this machine at ${db}/socket/\\.s\\.PGSQL\\.5432`,
      ),
    )
  })

  it('creates an account and imports a month from other processes while it runs, and its pages show them', async () => {
    const added = await scrutineer(
      'users',
      'add',
      '--db',
      db,
      '--email',
      'officer@council.test',
      '--role',
      'performance-officer',
      '--name',
      'Pat Officer',
    )
    assert.equal(added.code, 0, added.stderr)
    assert.match(added.stdout, /Created performance-officer account for Pat Officer <officer@council\.test>/)

    const imported = await scrutineer('import', 'values', 'fixtures/monthly-dataset-2018-04.csv', '--db', db)
    assert.equal(imported.code, 0, imported.stderr)

    // Signing in with the new account, through the running server's own form.
    const session = await signIn(base, 'officer@council.test', PASSWORD)
    const pack = await session.get('/datasets/monthly/2018-04')
    assert.equal(pack.status, 200)
    const page = await pack.text()
    assert.match(page, /Number of new referrals of Children In Need \(CiN\)/)
  })

  it('explains a refusal from the running server as the command line always has', async () => {
    const again = await scrutineer(
      'users',
      'add',
      '--db',
      db,
      '--email',
      'officer@council.test',
      '--role',
      'performance-officer',
    )
    assert.equal(again.code, 1)
    assert.match(again.stderr, /No account was created/)
  })

  it('hands the folder back when the server stops, and the command line then opens it itself', async () => {
    const exited = new Promise<number | null>((resolve) => server?.once('exit', (code) => resolve(code)))
    server?.kill('SIGTERM')
    assert.equal(await exited, 0)
    assert.equal(existsSync(join(db, LOCK_FILE)), false)
    assert.equal(existsSync(join(db, 'socket', '.s.PGSQL.5432')), false)

    const listed = await scrutineer('users', 'list', '--db', db)
    assert.equal(listed.code, 0, listed.stderr)
    assert.match(listed.stdout, /officer@council\.test/)
    assert.equal(existsSync(join(db, LOCK_FILE)), false)
  })
})

/**
 * Issue 10: killing the server (SIGKILL) in the middle of an Annex A job and starting it again leaves no half
 * import. A performance officer uploads a return in the browser and while its check job is storing its rows (the
 * check stores the return, out of sight, so that confirming need not read it again) the server process is killed
 * outright. Started again, the server shows the job as failed with the reason and the upload as not loaded, no import
 * of the return exists (none is left half stored: on PostgreSQL the database is looked at too), and the figures are
 * exactly as they were — on the embedded database and on PostgreSQL. The return the killed process had written to a
 * temporary folder (child-level records) is removed by the server starting again.
 */
import assert from 'node:assert/strict'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { after, before, describe, it } from 'node:test'
import pg from 'pg'
import { demoStore } from '../../test/app.ts'
import { demoPostgresDatabase } from '../../test/databases.ts'
import {
  runScrutineer,
  signIn,
  startServer,
  stopServer,
  type ServerProcess,
  type Session,
} from '../../test/server-process.ts'
import { zipOf } from '../../test/zip.ts'
import { writeSyntheticAnnexA } from '../synthetic/annex-a.ts'

const PASSWORD = 'correct horse battery staple'
const EMAIL = 'officer@council.test'
// SCRUTINEER_JOB_STALE_SECONDS: a restarted PostgreSQL server fails the dead process's job after a second.
const ENV = { ...process.env, NODE_ENV: 'test', SCRUTINEER_PASSWORD: PASSWORD, SCRUTINEER_JOB_STALE_SECONDS: '1' }

interface JobJson {
  status: string
  step: string
  error: string | null
  resultUrl: string | null
}

/** The job as its page's script reads it; null when the server is too busy to answer within the time allowed. */
async function jobJson(session: Session, url: string, timeoutMs = 2000): Promise<JobJson | null> {
  try {
    const response = await fetch(`${session.base}${url}.json`, {
      headers: { cookie: session.cookie() },
      signal: AbortSignal.timeout(timeoutMs),
    })
    return (await response.json()) as JobJson
  } catch {
    return null
  }
}

async function finished(session: Session, url: string): Promise<JobJson> {
  for (;;) {
    const job = await jobJson(session, url, 60_000)
    if (job !== null && (job.status === 'succeeded' || job.status === 'failed')) return job
    await sleep(200)
  }
}

/** The Annex A imports the imports page lists, by id. */
function importIds(html: string): string[] {
  return [...html.matchAll(/href="\/imports\/(\d+)"/g)].map((m) => m[1] ?? '')
}

/** What officers see of the figures: the April 2018 pack and the imports list. */
async function figuresAndImports(session: Session): Promise<{ pack: string; imports: string }> {
  const pack = await (await session.get('/datasets/monthly/2018-04.json')).text()
  const imports = await (await session.get('/imports')).text()
  return { pack, imports }
}

const targets: Array<{
  name: string
  skip: string | false
  database: () => Promise<{ db: string; drop: () => Promise<void> }>
}> = [
  {
    name: 'the embedded database',
    skip: false,
    database: async () => {
      const folder = mkdtempSync(join(tmpdir(), 'scrutineer-kill-'))
      // A copy of the run's demo council, which the server would otherwise load itself on its first start.
      await (await demoStore(join(folder, 'data'))).close()
      return {
        db: join(folder, 'data'),
        drop: () => Promise.resolve(rmSync(folder, { recursive: true, force: true })),
      }
    },
  },
  {
    name: 'PostgreSQL',
    skip: process.env.TEST_DATABASE_URL === undefined ? 'TEST_DATABASE_URL is not set (npm test sets it)' : false,
    // A copy of the run's demo council, which the server would otherwise load itself (and print its pack) at start.
    database: async () => {
      const database = await demoPostgresDatabase()
      if (database === null) throw new Error('TEST_DATABASE_URL is not set (npm test sets it)')
      return { db: database.url, drop: database.drop }
    },
  },
]

/** A return of about 170,000 rows, zipped: storing it takes long enough to be cut off in the middle. */
async function returnToUpload(): Promise<Buffer> {
  const folder = mkdtempSync(join(tmpdir(), 'scrutineer-kill-return-'))
  try {
    await writeSyntheticAnnexA({ outDir: folder, scale: 2, end: '2018-04', seed: 3 })
    return await zipOf(Object.fromEntries(readdirSync(folder).map((name) => [name, readFileSync(join(folder, name))])))
  } finally {
    rmSync(folder, { recursive: true, force: true })
  }
}
/** Made once, for both databases. */
let killTestReturn: Promise<Buffer> | null = null

if (process.env.SCRUTINEER_TEST_POSTGRES === 'required' && targets[1]?.skip !== false) {
  throw new Error('SCRUTINEER_TEST_POSTGRES=required but TEST_DATABASE_URL is not set.')
}

for (const target of targets) {
  describe(`killing the server during an Annex A job, on ${target.name}`, { skip: target.skip }, () => {
    let database: { db: string; drop: () => Promise<void> } | null = null
    let server: ServerProcess | null = null
    let zip: Buffer = Buffer.alloc(0)

    before(async () => {
      database = await target.database()
      zip = await (killTestReturn ??= returnToUpload())
      const added = await runScrutineer(
        [
          'users',
          'add',
          '--db',
          database.db,
          '--email',
          EMAIL,
          '--role',
          'performance-officer',
          '--name',
          'Pat Officer',
        ],
        ENV,
      )
      assert.equal(added.code, 0, added.stderr)
    })

    after(async () => {
      await stopServer(server)
      await database?.drop()
    })

    it('fails the job with its reason and leaves the earlier data as it was', async () => {
      const db = database?.db ?? ''
      server = await startServer(db, ENV)
      let session = await signIn(server.base, EMAIL, PASSWORD)
      const before = await figuresAndImports(session)
      // The demo council's May and June 2018 returns.
      assert.equal(new Set(importIds(before.imports)).size, 2)

      const form = new FormData()
      form.append('kind', 'annex-a')
      form.append('end', '2018-04')
      form.append('months', '13')
      form.append('file', new Blob([zip], { type: 'application/zip' }), 'kill-test-return.zip')
      const uploaded = await session.postMultipart('/load-data', form, '/load-data')
      assert.equal(uploaded.status, 303, await uploaded.text())
      const jobUrl = String(uploaded.headers.get('location'))
      assert.match(jobUrl, /^\/jobs\/\d+$/)

      // The rows are stored while the file is checked: wait until the check has read past list 2 (so list 1's rows,
      // the most, are being stored or stored), then kill the server outright. On the embedded database the page may
      // stop answering while the database is busy.
      for (;;) {
        const job = await jobJson(session, jobUrl, 1000)
        if (job === null || /Reading list ([3-9]|1[01])|Computing|Keeping/.test(job.step)) break
        assert.ok(job.status === 'queued' || job.status === 'running', `the job ${job.status} before it was killed`)
        await sleep(20)
      }
      const stillRunning = await jobJson(session, jobUrl, 100)
      assert.notEqual(stillRunning?.status, 'succeeded', 'the job finished before the server could be killed')
      const killedPid = server.process.pid
      await stopServer(server, 'SIGKILL')
      // The return, written out of the database for the check to read, was left on disk by the killed process.
      const leftBy = (pid: number | undefined) =>
        readdirSync(tmpdir()).filter((name) => name.startsWith(`scrutineer-work-${pid}-`))
      assert.notDeepEqual(leftBy(killedPid), [], 'the killed server left its work folder')

      server = await startServer(db, ENV)
      assert.deepEqual(leftBy(killedPid), [], 'the server starting removed the work folders of the killed one')
      session = await signIn(server.base, EMAIL, PASSWORD)
      const job = await finished(session, jobUrl)
      assert.equal(job.status, 'failed')
      assert.match(job.error ?? '', /Scrutineer stopped while this job was running/)
      assert.match(job.error ?? '', /Nothing it was loading was saved/)
      const page = await (await session.get(jobUrl)).text()
      assert.match(page, /The job did not finish/)

      const afterRestart = await figuresAndImports(session)
      assert.equal(afterRestart.pack, before.pack, 'the figures are exactly as they were')
      assert.deepEqual(importIds(afterRestart.imports), importIds(before.imports), 'no import was added')
      assert.doesNotMatch(afterRestart.imports, /kill-test-return/)
      const uploads = await (await session.get('/load-data')).text()
      const uploadUrl = /href="(\/load-data\/\d+)"[^>]*>kill-test-return\.zip/.exec(uploads)?.[1]
      assert.ok(uploadUrl !== undefined, 'the upload is listed')
      assert.match(await (await session.get(uploadUrl)).text(), /Not loaded/)
      if (target.name === 'PostgreSQL') {
        // The restarted server clears what the dead process's check stored once its heartbeat is older than the
        // stale setting (a second here): look until it has.
        const client = new pg.Client({ connectionString: db })
        await client.connect()
        try {
          let left = -1
          for (let tries = 0; tries < 50 && left !== 0; tries++) {
            if (tries > 0) await sleep(200)
            const found = await client.query<{ n: number }>(
              'select count(*)::int as n from import_batch where loading_heartbeat is not null',
            )
            left = found.rows[0]?.n ?? -1
          }
          assert.equal(left, 0, 'nothing the check stored is left behind')
        } finally {
          await client.end()
        }
      }
    })
  })
}

/**
 * Issue 11's drill: PostgreSQL stopped and started again under load. `scrutineer serve` runs as its own process on a
 * PostgreSQL cluster of the test's own (the shared test cluster must not be stopped); while readers keep asking for
 * pages, the cluster is stopped with `pg_ctl -m fast stop`. The server keeps running, /health answers 503 with the
 * reason in words, pages answer the site's own error page (HTML, no database words), and once the cluster is
 * started again pages answer 200 with no restart of the server.
 *
 * Needs PostgreSQL's server binaries (/usr/lib/postgresql/N/bin); skipped without them, unless
 * SCRUTINEER_TEST_POSTGRES=required (as in npm test), when their absence fails.
 */
import assert from 'node:assert/strict'
import { setTimeout as sleep } from 'node:timers/promises'
import { after, before, describe, it } from 'node:test'
import { PostgresCluster, postgresBinaries } from '../../test/postgres-cluster.ts'
import { startServer, stopServer, type ServerProcess } from '../../test/server-process.ts'

const PG_BIN = postgresBinaries()
if (PG_BIN === null && process.env.SCRUTINEER_TEST_POSTGRES === 'required') {
  throw new Error('SCRUTINEER_TEST_POSTGRES=required but PostgreSQL server binaries are not installed.')
}
const SKIP = PG_BIN === null ? 'PostgreSQL server binaries are not installed (apt-get install postgresql)' : false

/** What a database says, which must never reach a page. */
const DATABASE_WORDS = /ECONNREFUSED|ENOENT|terminating connection|administrator command|postgres|SQLSTATE|\.s\.PGSQL/i

/** Readers asking for a page over and over until stopped; every answer's status, or 'refused' if none came. */
function readers(base: string, path: string, count: number) {
  const answers: Array<number | 'refused'> = []
  let going = true
  const loops = Array.from({ length: count }, async () => {
    while (going) {
      try {
        const response = await fetch(`${base}${path}`, { signal: AbortSignal.timeout(30_000) })
        await response.arrayBuffer()
        answers.push(response.status)
      } catch {
        answers.push('refused')
      }
    }
  })
  return {
    answers,
    stop: async () => {
      going = false
      await Promise.all(loops)
    },
  }
}

describe('PostgreSQL stopped and started again under load', { skip: SKIP }, () => {
  const cluster = new PostgresCluster(PG_BIN ?? '')
  let server: ServerProcess | null = null
  let load: ReturnType<typeof readers> | null = null

  before(async () => {
    await cluster.create()
    await cluster.start()
    await cluster.createDatabase('scrutineer')
    // SCRUTINEER_DEMO=false: no demo (and no Chromium printing its document pack); /datasets still reads the database.
    // The readers all come from one address, which the rate limit counts: raise it so every answer is the page's.
    server = await startServer(cluster.url('scrutineer'), {
      ...process.env,
      NODE_ENV: 'test',
      SCRUTINEER_DEMO: 'false',
      SCRUTINEER_RATE_LIMIT_PER_MINUTE: '1000000',
    })
  })
  after(async () => {
    // However the test went, the readers stop before the server does.
    await load?.stop()
    await stopServer(server)
    await cluster.remove()
  })

  it('keeps the server running, answers 503 in words while the database is down, and recovers without a restart', async () => {
    const base = server?.base ?? ''
    assert.equal((await fetch(`${base}/datasets`)).status, 200)

    load = readers(base, '/datasets', 8)
    await sleep(1000)
    await cluster.stop('fast')
    await sleep(1000)
    const duringOutage = load.answers.length
    await sleep(500)

    assert.equal(server?.process.exitCode, null, `the server is still running:\n${server?.log() ?? ''}`)
    assert.ok(load.answers.length > duringOutage, 'the server still answers while the database is down')

    const health = await fetch(`${base}/health`)
    assert.equal(health.status, 503)
    const body = (await health.json()) as { status: string; reason: string }
    assert.equal(body.status, 'DOWN')
    assert.match(body.reason, /The database is not answering/)
    assert.doesNotMatch(body.reason, DATABASE_WORDS)

    const page = await fetch(`${base}/datasets`)
    assert.equal(page.status, 503)
    assert.match(String(page.headers.get('content-type')), /text\/html/)
    const html = await page.text()
    assert.match(html, /Sorry, there is a problem with the service/)
    assert.match(html, /The database is not answering/)
    assert.doesNotMatch(html, DATABASE_WORDS)

    await cluster.start()
    // Pages answer again with no restart: wait (up to a minute) for the pool's next connection.
    let status = 0
    for (let attempt = 0; attempt < 120 && status !== 200; attempt++) {
      status = (await fetch(`${base}/datasets`)).status
      if (status !== 200) await sleep(500)
    }
    assert.equal(status, 200)
    await sleep(500)
    await load.stop()
    const answers = load.answers
    assert.equal((await fetch(`${base}/health`)).status, 200)
    assert.equal(server?.process.exitCode, null, 'the same server process answered throughout')

    // Every answer under load was a page: 200 before and after, 503 while the database was down; never a 500,
    // never a dropped connection.
    const unexpected = answers.filter((a) => a !== 200 && a !== 503)
    assert.deepEqual(unexpected, [], `answers under load: ${JSON.stringify(unexpected.slice(0, 10))}`)
    assert.ok(answers.includes(503) && answers.at(-1) === 200)
    assert.match(server?.log() ?? '', /The database ended a connection|The database failed/)
  })
})

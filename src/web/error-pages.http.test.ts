/**
 * The last-resort error pages: whatever a handler throws, the answer is the site's own page (JSON under /api/) with
 * words for people — a database that does not answer or whose disk is full is a 503 saying so, a fatal storage
 * error of the embedded database also tells the server to stop for its supervisor — and never a database's message.
 */
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { FastifyInstance } from 'fastify'
import { freshPglite } from '../../test/databases.ts'
import { services as buildServices, type Services } from '../services/index.ts'
import type { Store } from '../store/connect.ts'
import type { DatabaseFault } from '../store/database-faults.ts'
import { createApp } from './app.ts'

describe('error pages', () => {
  let store: Store
  let services: Services
  let app: FastifyInstance
  const broken: DatabaseFault[] = []
  /** What GET /datasets throws next. */
  let failure: Error | null = null

  before(async () => {
    store = await freshPglite()
    services = buildServices(store, { maxImportBytes: 1024 * 1024, councilName: 'Demo City Council' })
    const packs = services.packs
    const listDatasets = packs.listDatasets.bind(packs)
    packs.listDatasets = async () => {
      if (failure !== null) throw failure
      return listDatasets()
    }
    app = await createApp(services, {
      environment: 'development',
      cookieSecret: 'test-secret-test-secret-test-secret',
      onBrokenDatabase: (fault) => broken.push(fault),
    })
    await app.ready()
  })
  after(async () => {
    await app.close()
    await store.close()
  })

  const fail = async (error: Error) => {
    failure = error
    try {
      return await app.inject('/datasets')
    } finally {
      failure = null
    }
  }

  it('answers a database that stopped answering with a 503 page in words, and recovers with it', async () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), {
      code: 'ECONNREFUSED',
      syscall: 'connect',
    })
    const response = await fail(refused)
    assert.equal(response.statusCode, 503)
    assert.equal(response.headers['retry-after'], '30')
    assert.match(String(response.headers['content-type']), /text\/html/)
    assert.match(response.body, /Sorry, there is a problem with the service/)
    assert.match(response.body, /The database is not answering at the moment/)
    assert.doesNotMatch(response.body, /ECONNREFUSED|5432|Technical details/)
    assert.equal((await app.inject('/datasets')).statusCode, 200)
    assert.equal(broken.length, 0)
  })

  it('reports a full disk in words, and a fatal storage error (PGlite PANIC) also to the server', async () => {
    const full = await fail(
      Object.assign(new Error('could not extend file "base/5/16384": No space left on device'), { code: '53100' }),
    )
    assert.equal(full.statusCode, 503)
    assert.match(full.body, /The disk the database is kept on is full/)
    assert.match(full.body, /no data was lost/)
    assert.doesNotMatch(full.body, /could not extend|base\/5/)

    const panic = await fail(new Error('PANIC: cannot drop active portal "unnamed"'))
    assert.equal(panic.statusCode, 503)
    assert.match(panic.body, /The embedded database stopped after a storage error/)
    assert.doesNotMatch(panic.body, /portal/)
    assert.deepEqual(
      broken.map((f) => f.kind),
      ['broken'],
    )
  })

  it('answers any other error with the site’s page, never fastify’s JSON nor a database message (even in development)', async () => {
    const sqlError = Object.assign(new Error('duplicate key value violates unique constraint "publication_pk"'), {
      code: '23505',
      severity: 'ERROR',
    })
    const response = await fail(sqlError)
    assert.equal(response.statusCode, 500)
    assert.match(String(response.headers['content-type']), /text\/html/)
    assert.match(response.body, /Sorry, there is a problem with the service/)
    assert.doesNotMatch(response.body, /duplicate key|publication_pk|"statusCode"/)

    // A bug of our own keeps its technical details in development, where a developer reads them.
    const bug = await fail(new TypeError("Cannot read properties of undefined (reading 'Pages')"))
    assert.equal(bug.statusCode, 500)
    assert.match(bug.body, /Technical details \(development only\)/)
  })

  describe('edge cases', () => {
    it('answers a 4xx error with its own words, and the API in JSON', async () => {
      const tooLarge = await fail(Object.assign(new Error('Request body is too large'), { statusCode: 413 }))
      assert.equal(tooLarge.statusCode, 413)
      assert.match(tooLarge.body, /Request body is too large/)
      const api = await app.inject('/api/meetings/%00')
      assert.equal(api.statusCode, 404)
      assert.match(String(api.headers['content-type']), /application\/json/)
    })

    it('answers an address that is not valid percent-encoding with a 400 page, before any route runs', async () => {
      const response = await app.inject('/datasets/%FF/2018-04')
      assert.equal(response.statusCode, 400)
      assert.match(String(response.headers['content-type']), /text\/html/)
      assert.match(response.body, /The web address is not valid/)
      assert.match(response.body, /Demo City Council/)
    })
  })
})

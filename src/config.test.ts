import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { ConfigError, loadConfig } from './config.ts'

describe('loadConfig: the database', () => {
  it("reads DATABASE_OWNER_URL as the PostgreSQL schema owner's, for migrations", () => {
    const config = loadConfig({
      DATABASE_URL: 'postgres://scrutineer_app@db/scrutineer',
      DATABASE_OWNER_URL: 'postgres://scrutineer_owner@db/scrutineer',
    })
    assert.deepEqual(config.database, {
      kind: 'postgres',
      url: 'postgres://scrutineer_app@db/scrutineer',
      ownerUrl: 'postgres://scrutineer_owner@db/scrutineer',
    })
  })

  it('needs no owner: one DATABASE_URL still works, and the embedded database has none', () => {
    assert.deepEqual(loadConfig({ DATABASE_URL: 'postgres://scrutineer@db/scrutineer' }).database, {
      kind: 'postgres',
      url: 'postgres://scrutineer@db/scrutineer',
    })
    assert.deepEqual(loadConfig({}, { db: 'memory' }).database, { kind: 'pglite', dataDir: null })
  })

  it('refuses an owner URL beside the embedded database, or one that is not a PostgreSQL URL', () => {
    assert.throws(
      () => loadConfig({ DATABASE_OWNER_URL: 'postgres://owner@db/scrutineer' }, { db: 'memory' }),
      (error: Error) => error instanceof ConfigError && /needs a PostgreSQL DATABASE_URL/.test(error.message),
    )
    assert.throws(() => loadConfig({ DATABASE_URL: 'postgres://app@db/s', DATABASE_OWNER_URL: './data' }), ConfigError)
  })
})

import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { ConfigError, loadConfig, parsePublicUrl, parseTrustProxy } from './config.ts'

describe('proxies and the public address are configuration, checked at start-up', () => {
  it('trusts no proxy and writes URLs for localhost unless told otherwise', () => {
    const config = loadConfig({ PORT: '3100' })
    assert.deepEqual(config.trustProxy, { kind: 'none' })
    assert.equal(config.publicUrl, 'http://localhost:3100')
    assert.equal(config.rateLimitPerMinute, 600)
  })

  it('reads TRUST_PROXY as a hop count or a list of addresses and ranges, and PUBLIC_URL without its last slash', () => {
    assert.deepEqual(parseTrustProxy('1'), { kind: 'hops', hops: 1 })
    assert.deepEqual(parseTrustProxy(' 10.0.0.5, 192.168.0.0/16 ,::1, fd00::/8, loopback'), {
      kind: 'addresses',
      addresses: ['10.0.0.5', '192.168.0.0/16', '::1', 'fd00::/8', 'loopback'],
    })
    assert.deepEqual(parseTrustProxy('none'), { kind: 'none' })
    assert.equal(parsePublicUrl('https://scrutiny.council.gov.uk/'), 'https://scrutiny.council.gov.uk')
    const config = loadConfig({ TRUST_PROXY: '10.0.0.5', PUBLIC_URL: 'https://scrutiny.council.gov.uk/panel/' })
    assert.equal(config.publicUrl, 'https://scrutiny.council.gov.uk/panel')
    assert.equal(loadConfig({ SCRUTINEER_RATE_LIMIT_PER_MINUTE: '100000' }).rateLimitPerMinute, 100000)
  })

  describe('edge cases', () => {
    it('refuses a TRUST_PROXY that is neither, naming what is wrong', () => {
      assert.throws(() => parseTrustProxy('true'), /TRUST_PROXY .*"true" is not an address/)
      assert.throws(() => parseTrustProxy('10.0.0.5, proxy.internal'), /"proxy.internal" is not an address/)
      assert.throws(() => parseTrustProxy('10.0.0.0/33'), ConfigError)
      assert.throws(() => parseTrustProxy('10.0.0.0/8/1'), ConfigError)
      assert.throws(() => parseTrustProxy('99'), /1 to 10/)
    })

    it('refuses a PUBLIC_URL that is not an http(s) address of a site', () => {
      for (const text of [
        'scrutiny.council.gov.uk',
        'ftp://council.gov.uk',
        'https://council.gov.uk/?a=1',
        'https://u:p@council.gov.uk',
      ]) {
        assert.throws(() => parsePublicUrl(text), /PUBLIC_URL/, text)
      }
      assert.throws(() => loadConfig({ PUBLIC_URL: 'javascript:alert(1)' }), ConfigError)
    })

    it('refuses a rate limit that is not a whole number of at least 1', () => {
      for (const text of ['0', '-5', '1.5', 'lots']) {
        assert.throws(() => loadConfig({ SCRUTINEER_RATE_LIMIT_PER_MINUTE: text }), /SCRUTINEER_RATE_LIMIT_PER_MINUTE/)
      }
    })
  })
})

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

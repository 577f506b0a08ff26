/**
 * Published pages served like files: made once per state of the month, without a nonce, compressed, with an entity
 * tag; a new version, a newly published month or a glossary change makes a new page; signed-in people never get a
 * kept response.
 */
import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import { after, before, describe, it } from 'node:test'
import type { FastifyInstance } from 'fastify'
import { demoApp } from '../../test/app.ts'
import { signedInAs } from '../../test/sign-in.ts'
import type { Services } from '../services/index.ts'
import { chooseEncoding, matchesEntityTag } from './published-responses.ts'

const PAGE = '/datasets/monthly/2018-04'

describe('published responses', () => {
  let app: FastifyInstance
  let services: Services
  let close: () => Promise<void>

  before(async () => {
    ;({ app, services, close } = await demoApp({ signInRateLimitPerMinute: 1000 }))
  })
  after(async () => close())

  it('sends the public the same page each time, with no nonce, its inline script allowed by hash', async () => {
    const first = await app.inject(PAGE)
    const second = await app.inject(PAGE)
    assert.equal(first.statusCode, 200)
    assert.equal(first.body, second.body)
    assert.doesNotMatch(first.body, /nonce=/)
    const inline = /<script>([^<]+)<\/script>/.exec(first.body)?.[1]
    assert.ok(inline, "the page has GOV.UK Frontend's inline script")
    const hash = createHash('sha256').update(inline).digest('base64')
    assert.match(
      String(first.headers['content-security-policy']),
      new RegExp(`script-src[^;]*'sha256-${hash.replace(/[+/]/g, '\\$&')}'`),
    )
    assert.match(String(first.headers['content-type']), /^text\/html/)
    assert.equal(first.headers['cache-control'], 'public, no-cache')
    assert.equal(first.headers.etag, second.headers.etag)
  })

  it('sends it compressed to clients that accept Brotli or gzip, each with its own entity tag', async () => {
    const plain = await app.inject(PAGE)
    const br = await app.inject({ url: PAGE, headers: { 'accept-encoding': 'gzip, deflate, br' } })
    const gz = await app.inject({ url: PAGE, headers: { 'accept-encoding': 'gzip;q=1.0, br;q=0' } })
    assert.equal(br.headers['content-encoding'], 'br')
    assert.equal(gz.headers['content-encoding'], 'gzip')
    assert.equal(plain.headers['content-encoding'], undefined)
    assert.equal(brotliDecompressSync(br.rawPayload).toString('utf8'), plain.body)
    assert.equal(gunzipSync(gz.rawPayload).toString('utf8'), plain.body)
    assert.ok(br.rawPayload.length < plain.rawPayload.length / 5)
    assert.equal(new Set([plain.headers.etag, br.headers.etag, gz.headers.etag]).size, 3)
    assert.match(String(br.headers.vary), /Accept-Encoding/)
    const again = await app.inject({
      url: PAGE,
      headers: { 'accept-encoding': 'br', 'if-none-match': String(br.headers.etag) },
    })
    assert.equal(again.statusCode, 304)
  })

  it('answers 304 with no body when the browser already has the page', async () => {
    const page = await app.inject(PAGE)
    const etag = String(page.headers.etag)
    assert.match(etag, /^"[A-Za-z0-9_-]{32}"$/)
    const again = await app.inject({ url: PAGE, headers: { 'if-none-match': `W/"other", ${etag}` } })
    assert.equal(again.statusCode, 304)
    assert.equal(again.body, '')
    const stale = await app.inject({ url: PAGE, headers: { 'if-none-match': '"something-else"' } })
    assert.equal(stale.statusCode, 200)
  })

  it('keeps downloads with their file names and types', async () => {
    for (const [file, type, disposition] of [
      ['2018-04.csv', /^text\/csv/, /attachment; filename="monthly-2018-04\.csv"/],
      ['2018-04.xlsx', /spreadsheetml/, /attachment; filename="monthly-2018-04\.xlsx"/],
      ['2018-04.json', /^application\/json/, undefined],
    ] as const) {
      const first = await app.inject(`/datasets/monthly/${file}`)
      const second = await app.inject(`/datasets/monthly/${file}`)
      assert.equal(first.statusCode, 200, file)
      assert.match(String(first.headers['content-type']), type)
      if (disposition) assert.match(String(second.headers['content-disposition']), disposition)
      assert.deepEqual(first.rawPayload, second.rawPayload)
      assert.ok(first.headers.etag)
      assert.equal(
        (await app.inject({ url: `/datasets/monthly/${file}`, headers: { 'if-none-match': first.headers.etag } }))
          .statusCode,
        304,
      )
    }
  })

  it('makes a new page when the glossary changes, when another month is published and for a new version', async () => {
    const before = await app.inject(PAGE)
    assert.match(before.body, /href="\/glossary#early-help"/)
    assert.ok(await services.glossary.remove('early-help', { actor: 'test' }))
    const afterGlossary = await app.inject(PAGE)
    assert.notEqual(afterGlossary.headers.etag, before.headers.etag)
    assert.doesNotMatch(afterGlossary.body, /href="\/glossary#early-help"/)

    assert.doesNotMatch(afterGlossary.body, /href="\/datasets\/monthly\/2018-06"/)
    const june = await services.publications.publish('monthly', '2018-06', 'Jo Director')
    assert.ok(june.ok, june.ok ? '' : june.problem.message)
    const afterJune = await app.inject(PAGE)
    assert.notEqual(afterJune.headers.etag, afterGlossary.headers.etag)
    assert.match(afterJune.body, /href="\/datasets\/monthly\/2018-06"/)

    const csvBefore = await app.inject('/datasets/monthly/2018-04.json')
    const version = await services.publications.publish('monthly', '2018-04', 'Jo Director')
    assert.ok(version.ok)
    const csvAfter = await app.inject('/datasets/monthly/2018-04.json')
    assert.notEqual(csvAfter.headers.etag, csvBefore.headers.etag)
    assert.equal(
      (JSON.parse(csvAfter.body) as { publication: { version: number } }).publication.version,
      version.value.version,
    )
    assert.equal(
      (await app.inject({ url: PAGE, headers: { 'if-none-match': String(afterJune.headers.etag) } })).statusCode,
      200,
    )
  })

  it('keeps the public indicator page, and answers a month never published with not found', async () => {
    const indicator = (await services.publications.publishedPack('monthly', '2018-04'))?.snapshot.pack.indicators[0]
    assert.ok(indicator)
    const url = `/indicators/${encodeURIComponent(indicator.id)}`
    const first = await app.inject(url)
    assert.equal(first.statusCode, 200)
    assert.ok(first.headers.etag)
    assert.equal((await app.inject({ url, headers: { 'if-none-match': first.headers.etag } })).statusCode, 304)
    assert.equal((await app.inject('/datasets/monthly/2017-01')).statusCode, 404)
    assert.equal((await app.inject('/datasets/nonsense/2018-04.csv')).statusCode, 404)
  })

  it('never sends a signed-in person a kept response', async () => {
    const panel = await signedInAs(app, services, 'panel-member', 'Cllr Panel')
    const page = await app.inject({ url: PAGE, cookies: panel.cookies })
    assert.equal(page.statusCode, 200)
    assert.equal(page.headers.etag, undefined)
    assert.equal(page.headers['cache-control'], 'private, no-store')
    const indicator = (await services.publications.publishedPack('monthly', '2018-04'))?.snapshot.pack.indicators[0]
    const indicatorPage = await app.inject({ url: `/indicators/${indicator?.id ?? ''}`, cookies: panel.cookies })
    assert.equal(indicatorPage.headers.etag, undefined)
  })
})

describe('matchesEntityTag', () => {
  it('matches a tag in a list, weak or strong, or *', () => {
    assert.equal(matchesEntityTag('"a"', '"a"'), true)
    assert.equal(matchesEntityTag('W/"a"', '"a"'), true)
    assert.equal(matchesEntityTag('"b", "a"', '"a"'), true)
    assert.equal(matchesEntityTag('*', '"a"'), true)
    assert.equal(matchesEntityTag('"b"', '"a"'), false)
    assert.equal(matchesEntityTag(undefined, '"a"'), false)
  })
})

describe('chooseEncoding', () => {
  const all = new Set(['br', 'gzip', 'identity'] as const)
  it('prefers Brotli, then gzip, honouring q=0 and *', () => {
    assert.equal(chooseEncoding('gzip, deflate, br', all), 'br')
    assert.equal(chooseEncoding('gzip', all), 'gzip')
    assert.equal(chooseEncoding('br;q=0, gzip;q=0.5', all), 'gzip')
    assert.equal(chooseEncoding('*', all), 'br')
    assert.equal(chooseEncoding('*;q=0', all), 'identity')
    assert.equal(chooseEncoding(undefined, all), 'identity')
    assert.equal(chooseEncoding('br', new Set(['identity'] as const)), 'identity')
  })
})

import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import ExcelJS from 'exceljs'
import type { FastifyInstance } from 'fastify'
import { demoApp } from '../../test/app.ts'
import type { Pack } from '../domain/pack.ts'
import { SESSION_COOKIE } from './routes/sign-in.ts'

describe('web app', () => {
  let app: FastifyInstance
  let close: () => Promise<void>

  before(async () => {
    ;({ app, close } = await demoApp())
  })
  after(async () => {
    await close()
  })

  it('GET /health reports the embedded database', async () => {
    const response = await app.inject('/health')
    assert.equal(response.statusCode, 200)
    const body = response.json<{ status: string; database: { kind: string; status: string; version: string } }>()
    assert.equal(body.status, 'UP')
    assert.equal(body.database.kind, 'pglite')
    assert.equal(body.database.status, 'UP')
    assert.match(body.database.version, /PostgreSQL/)
  })

  it('GET /datasets lists the monthly dataset and links its latest month', async () => {
    const response = await app.inject('/datasets')
    assert.equal(response.statusCode, 200)
    assert.match(response.body, /Children and Families Monthly Dataset/)
    assert.match(response.body, /href="\/datasets\/monthly\/2018-04"/)
  })

  it('GET /datasets/monthly redirects to the latest month', async () => {
    const response = await app.inject('/datasets/monthly')
    assert.equal(response.statusCode, 303)
    // The latest month the public may see: the demo publishes April and May 2018.
    assert.equal(response.headers.location, '/datasets/monthly/2018-05')
  })

  it('GET the April 2018 pack page: every indicator, grouped, with the derived columns and a nonce on scripts', async () => {
    const response = await app.inject('/datasets/monthly/2018-04')
    assert.equal(response.statusCode, 200)
    assert.match(String(response.headers['content-type']), /text\/html/)
    const html = response.body
    assert.match(html, /<caption[^>]*>/)
    assert.match(html, /Number of Section 47 \(S47\) enquiries started/)
    assert.match(html, /href="\/indicators\/sa-in-45wd"/)
    for (const area of [
      'Front door',
      'Assessment',
      'Child protection',
      'Looked after children',
      'Care leavers',
      'Fostering',
    ]) {
      assert.ok(html.includes(area), `service area ${area}`)
    }
    // April 2018 single assessments in 45 working days: 83 of 128 = 64.8%, computed, not the published 65.0.
    assert.match(html, /64\.8/)
    // A published page is made once for everyone, so without a nonce: each script is our own file or allowed by hash.
    const csp = String(response.headers['content-security-policy'])
    assert.match(csp, /script-src[^;]*'self'/)
    const scripts = [...html.matchAll(/<script\b([^>]*)>([^<]*)<\/script>/g)]
    assert.ok(scripts.length > 0)
    for (const [tag, attributes = '', body = ''] of scripts) {
      if (/\bsrc="\//.test(attributes)) continue
      const hash = createHash('sha256').update(body).digest('base64')
      assert.ok(csp.includes(`'sha256-${hash}'`), `inline script allowed by its hash: ${tag}`)
    }
    // Every other page carries a fresh nonce on every script.
    const glossary = await app.inject('/glossary')
    const nonce = /script-src[^;]*'nonce-([^']+)'/.exec(String(glossary.headers['content-security-policy']))?.[1]
    assert.ok(nonce, 'CSP has a script nonce')
    const tags = [...glossary.body.matchAll(/<script\b[^>]*>/g)].map((m) => m[0])
    assert.ok(tags.length > 0)
    for (const tag of tags) assert.ok(tag.includes(`nonce="${nonce}"`), `script tag carries the nonce: ${tag}`)
  })

  it('GET the pack page with filters: only the matching indicators, counted, whoever asks; the downloads stay whole', async () => {
    const all = await app.inject('/datasets/monthly/2018-04')
    assert.match(all.body, /Showing 49 of 49 indicators/)
    const byArea = await app.inject('/datasets/monthly/2018-04?area=Front+door&q=referrals')
    assert.equal(byArea.statusCode, 200)
    const shown = /Showing (\d+) of 49 indicators/.exec(byArea.body)?.[1]
    assert.ok(shown !== undefined && Number(shown) >= 1 && Number(shown) < 49, `shown ${shown}`)
    assert.match(byArea.body, /Number of new referrals of Children In Need/)
    assert.doesNotMatch(byArea.body, /Number of Section 47 \(S47\) enquiries started/)
    assert.match(byArea.body, /<option value="Front door" selected>Front door<\/option>/)
    assert.match(byArea.body, /value="referrals"/)
    assert.match(byArea.body, /Clear filters/)
    // A filtered page is made for its request, never kept as the shared published page.
    assert.match((await app.inject('/datasets/monthly/2018-04')).body, /Showing 49 of 49 indicators/)
    // The changed filter keeps exactly the rows whose direction of travel moved.
    const changed = await app.inject('/datasets/monthly/2018-04?changed=10')
    const glance = changed.body.slice(
      changed.body.indexOf('id="glance-caption"'),
      changed.body.indexOf('Show monthly values'),
    )
    assert.doesNotMatch(glance, /<\/span> Similar</)
    assert.match(glance, /[▲▼]<\/span> (Increase|Decrease) –/)
    const none = await app.inject('/datasets/monthly/2018-04?q=no+such+indicator+at+all')
    assert.match(none.body, /Showing 0 of 49 indicators/)
    assert.match(none.body, /No indicators match these filters/)
    // Nonsense parameters are ignored, not refused.
    assert.equal((await app.inject('/datasets/monthly/2018-04?rag=purple&spc=maybe')).statusCode, 200)
    const csv = await app.inject('/datasets/monthly/2018-04.csv?rag=red')
    assert.match(csv.body, /sa-in-45wd/)
  })

  it('sets the security headers', async () => {
    const response = await app.inject('/')
    assert.equal(response.statusCode, 200)
    assert.equal(response.headers['x-content-type-options'], 'nosniff')
    assert.equal(response.headers['x-frame-options'], 'SAMEORIGIN')
    assert.match(String(response.headers['content-security-policy']), /frame-ancestors 'none'/)
  })

  it('links the stylesheet and scripts under a versioned path that browsers keep for a year', async () => {
    const page = await app.inject('/')
    const stylesheet = /<link rel="stylesheet" href="(\/static\/[0-9a-f]{12})\/stylesheets\/application.css">/.exec(
      page.body,
    )
    assert.ok(stylesheet?.[1] !== undefined, 'the page links the versioned stylesheet')
    const base = stylesheet[1]
    assert.match(page.body, new RegExp(`<script type="module" src="${base}/javascripts/application.js"`))

    const css = await app.inject(`${base}/stylesheets/application.css`)
    assert.equal(css.statusCode, 200)
    assert.match(String(css.headers['content-type']), /^text\/css/)
    assert.equal(css.headers['cache-control'], 'public, max-age=31536000, immutable')
    assert.equal(css.body, (await app.inject('/stylesheets/application.css')).body)
    // The module's own imports are relative, so they come from the same version.
    const module = await app.inject(`${base}/javascripts/application.js`)
    assert.match(module.body, /from '\.\/govuk-frontend\.min\.js'/)
    assert.equal(
      (await app.inject(`${base}/javascripts/govuk-frontend.min.js`)).headers['cache-control'],
      css.headers['cache-control'],
    )
    // A static file needs no session: none is looked up, so a stale session cookie is not cleared by it.
    assert.ok(
      (await app.inject({ url: '/', cookies: { [SESSION_COOKIE]: 'stale' } })).headers['set-cookie'],
      'a page clears it',
    )
    const withCookie = await app.inject({
      url: `${base}/stylesheets/application.css`,
      cookies: { [SESSION_COOKIE]: 'stale' },
    })
    assert.equal(withCookie.headers['set-cookie'], undefined)
  })

  it('serves a page made before an upgrade today’s files, without keeping them, and nothing outside the folder', async () => {
    const old = await app.inject('/static/000000000000/stylesheets/application.css')
    assert.equal(old.statusCode, 200)
    assert.equal(old.headers['cache-control'], 'public, max-age=0')
    assert.equal((await app.inject('/static/000000000000/stylesheets/none.css')).statusCode, 404)
    for (const url of [
      '/static/x/../../package.json',
      '/static/x/%2e%2e/%2e%2e/package.json',
      '/static/x/..%2f..%2fpackage.json',
    ]) {
      const response = await app.inject(url)
      assert.ok(!response.body.includes('"scrutineer"'), `${url} answered ${response.statusCode} with the package file`)
      assert.notEqual(response.statusCode, 200, url)
    }
  })

  it('GET the pack as JSON follows the contract', async () => {
    const response = await app.inject('/datasets/monthly/2018-04.json')
    assert.equal(response.statusCode, 200)
    const pack = response.json<Pack>()
    assert.equal(pack.dataset, 'monthly')
    assert.equal(pack.period, '2018-04')
    assert.equal(pack.months.length, 13)
    assert.equal(pack.months[0], '2017-04')
    assert.equal(pack.indicators.length, 49)
    const contacts = pack.indicators.find((i) => i.id === 'contacts-cin-referrals')
    assert.deepEqual(Object.keys(contacts ?? {}).sort(), [
      'average12Months',
      'benchmarks',
      'changeFromPreviousMonth',
      'changeFromSameMonthLastYear',
      'code',
      'id',
      'max12Months',
      'polarity',
      'rag',
      'serviceArea',
      'target',
      'title',
      'unit',
      'values',
    ])
    // (245 − 270) / 270 = −9.26% → −9, similar; (245 − 244) / 244 = +0.41% → 0, similar; polarity neutral.
    assert.deepEqual(contacts?.changeFromPreviousMonth, { percent: -9, direction: 'similar', judgement: 'neutral' })
    assert.deepEqual(contacts?.changeFromSameMonthLastYear, { percent: 0, direction: 'similar', judgement: 'neutral' })
  })

  it('GET the pack as CSV and XLSX downloads', async () => {
    const csv = await app.inject('/datasets/monthly/2018-04.csv')
    assert.equal(csv.statusCode, 200)
    assert.match(String(csv.headers['content-type']), /text\/csv/)
    assert.match(String(csv.headers['content-disposition']), /monthly-2018-04\.csv/)
    assert.match(csv.body, /sa-in-45wd/)
    const xlsx = await app.inject('/datasets/monthly/2018-04.xlsx')
    assert.equal(xlsx.statusCode, 200)
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer)
    assert.ok(workbook.worksheets.length >= 1)
  })

  it('GET an indicator page shows its definition, history and benchmarks', async () => {
    const response = await app.inject('/indicators/lac-count')
    assert.equal(response.statusCode, 200)
    assert.match(response.body, /Number of Looked after Children at end of period/)
    assert.match(response.body, /<svg[^>]*role="img"/)
    assert.match(response.body, /Updated Nov-17, using 2016-17 data/)
  })

  describe('edge cases', () => {
    for (const url of [
      '/datasets/monthly/2030-01',
      '/datasets/no-such-dataset/2018-04',
      '/datasets/monthly/2018-13',
      '/datasets/monthly/april',
      '/indicators/no-such-indicator',
      '/no-such-page',
    ]) {
      it(`404 for ${url}`, async () => {
        const response = await app.inject(url)
        assert.equal(response.statusCode, 404)
        assert.match(response.body, /Page not found/)
      })
    }

    it('refuses a form post without a CSRF token', async () => {
      const response = await app.inject({ method: 'POST', url: '/datasets', payload: { a: '1' } })
      assert.equal(response.statusCode, 403)
    })
  })
})

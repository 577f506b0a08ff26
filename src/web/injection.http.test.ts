/**
 * Hostile text from a spreadsheet or a form is data, never code: an indicator title carrying a script tag and an
 * SQL injection string is imported, stored exactly as typed, and shown inert on the officers' live pages and on the
 * published pack the public reads.
 */
import assert from 'node:assert/strict'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { after, before, describe, it } from 'node:test'
import type { FastifyInstance } from 'fastify'
import { demoApp } from '../../test/app.ts'
import { postSignIn, signedInAs } from '../../test/sign-in.ts'
import type { Services } from '../services/index.ts'

const FIXTURE = fileURLToPath(new URL('../../fixtures/monthly-dataset-2018-04.csv', import.meta.url))
const HOSTILE = `<script>alert(1)</script><img src=x onerror=alert(2)> Robert'); DROP TABLE indicator; --`
const ESCAPED = `&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt; Robert&#39;); DROP TABLE indicator; --`

describe('hostile text in titles is stored literally and rendered inert', () => {
  let app: FastifyInstance
  let services: Services
  let close: () => Promise<void>
  let folder = ''

  before(async () => {
    ;({ app, services, close } = await demoApp())
    folder = mkdtempSync(join(tmpdir(), 'scrutineer-injection-'))
    const lines = readFileSync(FIXTURE, 'utf8').split('\n')
    const fields = (lines[1] ?? '').split(',')
    fields[2] = HOSTILE
    lines[1] = fields.join(',')
    const file = join(folder, 'hostile.csv')
    writeFileSync(file, lines.join('\n'))
    const imported = await services.figures.importFile(file, { mode: 'values', actor: 'test', maxBytes: 1024 * 1024 })
    assert.ok(imported.ok, JSON.stringify(imported))
    // Both demo months the public sees: the public indicator page shows the latest, May 2018.
    for (const period of ['2018-04', '2018-05']) {
      const published = await services.publications.publish('monthly', period, 'test')
      assert.ok(published.ok)
    }
  })
  after(async () => {
    await close()
    rmSync(folder, { recursive: true, force: true })
  })

  it('stores the title exactly as typed', async () => {
    const view = await services.packs.getIndicator('contacts-cin-referrals')
    assert.equal(view?.indicator.title, HOSTILE)
  })

  it('shows it escaped on the officers’ live pack and indicator page, and on the published pack', async () => {
    const { cookies } = await signedInAs(app, services, 'performance-officer')
    const pages = [
      await app.inject({ url: '/datasets/monthly/2018-04', cookies }),
      await app.inject({ url: '/indicators/contacts-cin-referrals', cookies }),
      await app.inject('/datasets/monthly/2018-04'),
      await app.inject('/indicators/contacts-cin-referrals'),
    ]
    for (const page of pages) {
      assert.equal(page.statusCode, 200)
      assert.ok(page.body.includes(ESCAPED), 'the title is shown, escaped')
      assert.doesNotMatch(page.body, /<script>alert|<img src=x/)
    }
  })

  describe('edge cases', () => {
    it('an SQL injection string as an email address is just a wrong address', async () => {
      const { response } = await postSignIn(app, `' OR '1'='1' --`, `' OR '1'='1' --`)
      assert.equal(response.statusCode, 400)
      assert.match(response.body, /Enter a correct email address and password/)
    })

    it('the JSON download carries the title as a string', async () => {
      const body = (await app.inject('/datasets/monthly/2018-04.json')).json<{
        indicators: Array<{ id: string; title: string }>
      }>()
      assert.equal(body.indicators.find((i) => i.id === 'contacts-cin-referrals')?.title, HOSTILE)
    })
  })
})

import assert from 'node:assert/strict'
import { fileURLToPath } from 'node:url'
import { after, before, describe, it } from 'node:test'
import type { FastifyInstance } from 'fastify'
import { demoApp } from '../../test/app.ts'
import { postSignIn, signedInAs } from '../../test/sign-in.ts'

const SMALL = fileURLToPath(new URL('../services/testdata/annex-a-small', import.meta.url))

describe('Annex A import pages', () => {
  let app: FastifyInstance
  let close: () => Promise<void>
  let importId = 0
  let officer: Record<string, string> = {}

  before(async () => {
    const demo = await demoApp()
    ;({ app, close } = demo)
    const result = await demo.services.annexA.importFile(SMALL, { actor: 'test' })
    assert.ok(result.ok)
    importId = result.value.importId
    officer = (await signedInAs(app, demo.services, 'performance-officer')).cookies
  })
  after(async () => {
    await close()
  })

  it('lists the imports for a performance officer', async () => {
    const response = await app.inject({ url: '/imports', cookies: officer })
    assert.equal(response.statusCode, 200)
    assert.match(response.body, new RegExp(`href="/imports/${importId}"`))
    assert.match(response.body, /annex-a-small/)
  })

  it('shows the data-quality report: rows per list and each bad cell', async () => {
    const response = await app.inject({ url: `/imports/${importId}`, cookies: officer })
    assert.equal(response.statusCode, 200)
    assert.match(response.body, /Errors \(1\)/)
    assert.match(response.body, /31\/02\/2018/)
    assert.match(response.body, /List 5/)
  })

  it('the indicator page says where the figures came from', async () => {
    const response = await app.inject({ url: '/indicators/icpc-count', cookies: officer })
    assert.equal(response.statusCode, 200)
    assert.match(response.body, /Annex A import of \d{1,2} [A-Z][a-z]+ \d{4}/)
  })

  describe('edge cases', () => {
    it('404 for an import that does not exist or is not a number', async () => {
      assert.equal((await app.inject({ url: '/imports/99999', cookies: officer })).statusCode, 404)
      assert.equal((await app.inject({ url: '/imports/abc', cookies: officer })).statusCode, 404)
    })
  })
})

describe('Annex A import pages for everyone else', () => {
  const PASSWORD = 'correct horse battery staple'
  let app: FastifyInstance
  let close: () => Promise<void>

  before(async () => {
    const demo = await demoApp()
    ;({ app, close } = demo)
    for (const [email, role] of [
      ['officer@council.gov.uk', 'performance-officer'],
      ['member@council.gov.uk', 'panel-member'],
    ] as const) {
      const created = await demo.services.accounts.createUser(
        { email, name: role, role, password: PASSWORD },
        { actor: 'test' },
      )
      assert.ok(created.ok)
    }
  })
  after(async () => {
    await close()
  })

  it('sends someone not signed in to sign in, and back here afterwards, even on this machine', async () => {
    const response = await app.inject('/imports')
    assert.equal(response.statusCode, 303)
    assert.equal(response.headers.location, '/sign-in?returnTo=%2Fimports')
  })

  it('refuses a panel member: 403', async () => {
    const { cookies } = await postSignIn(app, 'member@council.gov.uk', PASSWORD)
    const response = await app.inject({ url: '/imports', cookies })
    assert.equal(response.statusCode, 403)
    assert.match(response.body, /You do not have permission to see this page/)
    assert.doesNotMatch(response.body, /annex-a-small/)
  })

  it('lets a performance officer in', async () => {
    const { cookies } = await postSignIn(app, 'officer@council.gov.uk', PASSWORD)
    const response = await app.inject({ url: '/imports', cookies })
    assert.equal(response.statusCode, 200)
    assert.match(response.body, /Annex A imports/)
  })

  describe('edge cases', () => {
    it('guards each import page as well as the list, before looking the import up', async () => {
      const anonymous = await app.inject('/imports/99999')
      assert.equal(anonymous.statusCode, 303)
      const { cookies } = await postSignIn(app, 'member@council.gov.uk', PASSWORD)
      assert.equal((await app.inject({ url: '/imports/99999', cookies })).statusCode, 403)
    })
  })
})

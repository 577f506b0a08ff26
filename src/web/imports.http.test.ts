import assert from 'node:assert/strict'
import { fileURLToPath } from 'node:url'
import { after, before, describe, it } from 'node:test'
import type { FastifyInstance } from 'fastify'
import { demoApp } from '../../test/app.ts'

const SMALL = fileURLToPath(new URL('../services/testdata/annex-a-small', import.meta.url))

describe('Annex A import pages', () => {
  let app: FastifyInstance
  let close: () => Promise<void>
  let importId = 0

  before(async () => {
    const demo = await demoApp()
    ;({ app, close } = demo)
    const result = await demo.services.annexA.importFile(SMALL, { actor: 'test' })
    assert.ok(result.ok)
    importId = result.value.importId
  })
  after(async () => {
    await close()
  })

  it('lists the imports for an officer on this machine', async () => {
    const response = await app.inject('/imports')
    assert.equal(response.statusCode, 200)
    assert.match(response.body, new RegExp(`href="/imports/${importId}"`))
    assert.match(response.body, /annex-a-small/)
  })

  it('shows the data-quality report: rows per list and each bad cell', async () => {
    const response = await app.inject(`/imports/${importId}`)
    assert.equal(response.statusCode, 200)
    assert.match(response.body, /Errors \(1\)/)
    assert.match(response.body, /31\/02\/2018/)
    assert.match(response.body, /List 5/)
  })

  it('the indicator page says where the figures came from', async () => {
    const response = await app.inject('/indicators/icpc-count')
    assert.equal(response.statusCode, 200)
    assert.match(response.body, /Annex A import of \d{4}-\d{2}-\d{2}/)
  })

  describe('edge cases', () => {
    it('404 for an import that does not exist or is not a number', async () => {
      assert.equal((await app.inject('/imports/99999')).statusCode, 404)
      assert.equal((await app.inject('/imports/abc')).statusCode, 404)
    })

    it('hides officer pages when they are off (production until sign-in exists)', async () => {
      const off = await demoApp({ officerPages: 'off' })
      try {
        assert.equal((await off.app.inject('/imports')).statusCode, 404)
        assert.equal((await off.app.inject(`/imports/1`)).statusCode, 404)
      } finally {
        await off.close()
      }
    })
  })
})

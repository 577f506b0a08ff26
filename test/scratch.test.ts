import assert from 'node:assert/strict'
import { existsSync } from 'node:fs'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { scratchFolders } from './scratch.ts'

describe('scratchFolders', () => {
  const made: string[] = []
  describe('a suite that makes folders', () => {
    const scratch = scratchFolders('scrutineer-scratch-test-')
    it('makes a new folder each time, named with the prefix', async () => {
      const one = await scratch()
      const two = await scratch()
      await writeFile(join(two, 'return.csv'), 'child,date\n')
      made.push(one, two)
      assert.notEqual(one, two)
      assert.match(one, /scrutineer-scratch-test-/)
      assert.ok(existsSync(one) && existsSync(join(two, 'return.csv')))
    })
  })
  it('removes them, and what was written in them, when that suite ends', () => {
    assert.equal(made.length, 2)
    for (const folder of made) assert.ok(!existsSync(folder), `${folder} was removed`)
  })
})

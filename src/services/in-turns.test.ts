import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { inTurns } from './in-turns.ts'

describe('inTurns', () => {
  it('lets other work run between steps, and resolves to what the steps return', async () => {
    const seen: string[] = []
    function* steps(): Generator<void, number> {
      seen.push('step 1')
      yield
      seen.push('step 2')
      yield
      seen.push('step 3')
      return 42
    }
    const running = inTurns(steps())
    // Work queued after the computation started runs before it ends, not after.
    setImmediate(() => seen.push('other work'))
    assert.equal(await running, 42)
    assert.deepEqual(seen, ['step 1', 'step 2', 'other work', 'step 3'])
  })
})

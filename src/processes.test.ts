import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { describe, it } from 'node:test'
import { isProcessRunning } from './processes.ts'

describe('isProcessRunning', () => {
  it('knows this process runs, and one that has ended does not', () => {
    assert.equal(isProcessRunning(process.pid), true)
    const ended = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' })
    assert.equal(isProcessRunning(Number(ended.stdout)), false)
  })

  describe('edge cases', () => {
    it('counts the first process (init) as running, whoever asks: EPERM for anyone but root', () => {
      assert.equal(isProcessRunning(1), true)
    })
  })
})

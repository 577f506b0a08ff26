import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { interruptedReason, isFinished, jobPercent, progressWithin } from './jobs.ts'

describe('jobs', () => {
  it('records percentages as whole numbers from 0 to 100', () => {
    assert.equal(jobPercent(33.4), 33)
    assert.equal(jobPercent(33.5), 34)
    assert.equal(jobPercent(140), 100)
    assert.equal(jobPercent(-3), 0)
    assert.equal(jobPercent(Number.NaN), 0)
  })

  it('places a step inside its band of the whole job', () => {
    assert.equal(progressWithin(50, 100, 0, 60), 30)
    assert.equal(progressWithin(1, 4, 60, 100), 70)
    assert.equal(progressWithin(9, 4, 60, 100), 100)
    assert.equal(progressWithin(0, 0, 60, 100), 60)
  })

  it('knows which states are final', () => {
    assert.deepEqual((['queued', 'running', 'succeeded', 'failed'] as const).map(isFinished), [
      false,
      false,
      true,
      true,
    ])
  })

  it('says where an interrupted job was and that nothing was saved', () => {
    assert.match(interruptedReason('Storing list 3 of 11'), /at the step "Storing list 3 of 11"/)
    assert.match(interruptedReason(''), /^Scrutineer stopped while this job was running, so/)
    assert.match(interruptedReason('x'), /Nothing it was loading was saved/)
  })
})

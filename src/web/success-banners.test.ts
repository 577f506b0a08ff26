import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { doneUrl, successMessage } from './success-banners.ts'

describe('success banners', () => {
  it('adds the key to an address, keeping its query and fragment', () => {
    assert.equal(doneUrl('/meetings/3', 'meeting-scheduled'), '/meetings/3?done=meeting-scheduled')
    assert.equal(doneUrl('/a?b=1', 'meeting-saved'), '/a?b=1&done=meeting-saved')
    assert.equal(
      doneUrl('/recommendations/4#updates', 'recommendation-updated'),
      '/recommendations/4?done=recommendation-updated#updates',
    )
  })

  it('shows only the fixed message of a known key', () => {
    assert.equal(successMessage({ done: 'commentary-approved' }), 'The commentary has been approved')
    assert.equal(successMessage({ done: 'toString' }), null)
    assert.equal(successMessage({ done: '<script>alert(1)</script>' }), null)
    assert.equal(successMessage({ done: ['commentary-approved'] }), null)
    assert.equal(successMessage({ done: 'created' }), null)
    assert.equal(successMessage(undefined), null)
  })
})

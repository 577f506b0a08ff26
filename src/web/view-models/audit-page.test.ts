import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { auditPageModel, detailLabel, detailRows, detailValue, matchingText } from './audit-page.ts'

describe('the audit log page model', () => {
  it('shows before → after field by field, then the other details', () => {
    assert.deepEqual(
      detailRows({
        email: 'jo@council.gov.uk',
        before: { failedAttempts: 5, lockedUntil: '2026-07-01T09:15:00Z' },
        after: { failedAttempts: 0, lockedUntil: null },
      }),
      [
        { key: 'Failed attempts', value: '5 → 0' },
        { key: 'Locked until', value: '1 July 2026 at 10:15 → (none)' },
        { key: 'Email', value: 'jo@council.gov.uk' },
      ],
    )
  })

  it('links newer and older events with the filters kept, and counts only so far', () => {
    const model = auditPageModel(
      { text: 'jo & co', action: 'sign-in', from: '2026-11-01', to: '', olderThan: 900 },
      { events: [], matching: { count: 1000, more: true }, older: 700, newer: 899, actions: ['sign-in'] },
      [],
    )
    assert.equal(model.pagination?.previous?.href, '/admin/audit?q=jo+%26+co&action=sign-in&from=2026-11-01&newer=899')
    assert.equal(model.pagination?.next?.href, '/admin/audit?q=jo+%26+co&action=sign-in&from=2026-11-01&older=700')
    assert.deepEqual(model.actionItems[1], { value: 'sign-in', text: 'sign-in', selected: true })
    assert.equal(matchingText({ count: 1000, more: true }), 'More than 1,000 events match this search')
    assert.equal(matchingText({ count: 1, more: false }), '1 event matches this search')
    assert.equal(matchingText({ count: 62, more: false }), '62 events match this search')
  })

  describe('edge cases', () => {
    it('shows odd values as text', () => {
      assert.equal(detailValue(null), '(none)')
      assert.equal(detailValue(''), '(none)')
      assert.equal(detailValue(false), 'false')
      assert.equal(detailValue(['a', 1]), '["a",1]')
      assert.equal(detailValue('not 2026-11-30T10:00 at the start'), 'not 2026-11-30T10:00 at the start')
      assert.equal(detailLabel('user-agent'), 'User agent')
    })

    it('a field only before or only after shows (none) on the other side; a non-object before is a plain row', () => {
      assert.deepEqual(detailRows({ after: { role: 'director' } }), [{ key: 'Role', value: '(none) → director' }])
      assert.deepEqual(detailRows({ before: 'text' }), [{ key: 'Before', value: 'text' }])
      assert.deepEqual(detailRows({}), [])
    })

    it('one page needs no pagination', () => {
      const model = auditPageModel(
        { text: '', action: '', from: '', to: '' },
        { events: [], matching: { count: 0, more: false }, older: null, newer: null, actions: [] },
        [],
      )
      assert.equal(model.pagination, null)
      assert.equal(model.status, 'No events match this search.')
    })
  })
})

import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { auditPageModel, detailLabel, detailRows, detailValue, pageNumbers } from './audit-page.ts'

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

  it('links pages with the filters kept, and ellipses for gaps', () => {
    assert.deepEqual(pageNumbers(5, 9), [1, null, 4, 5, 6, null, 9])
    assert.deepEqual(pageNumbers(1, 2), [1, 2])
    const model = auditPageModel(
      { text: 'jo & co', action: 'sign-in', from: '2026-11-01', to: '', page: 2 },
      { events: [], total: 120, page: 2, pageCount: 3, actions: ['sign-in'] },
      [],
    )
    assert.equal(model.pagination?.previous?.href, '/admin/audit?q=jo+%26+co&action=sign-in&from=2026-11-01')
    assert.equal(model.pagination?.next?.href, '/admin/audit?q=jo+%26+co&action=sign-in&from=2026-11-01&page=3')
    assert.deepEqual(model.actionItems[1], { value: 'sign-in', text: 'sign-in', selected: true })
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
        { text: '', action: '', from: '', to: '', page: 1 },
        { events: [], total: 0, page: 1, pageCount: 1, actions: [] },
        [],
      )
      assert.equal(model.pagination, null)
      assert.equal(model.status, 'No events match this search.')
    })
  })
})

import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { readStoredLists } from './stored-rows.ts'

const LIST_5 = [
  'Child Unique ID',
  'Strategy discussion initiating Section 47 Enquiry Start Date',
  'Date of Initial Child Protection Conference',
  'Did the Initial Child Protection Conference Result in a Child Protection Plan',
]

describe('readStoredLists', () => {
  it('turns stored rows into the records the importer made, keeping their sheet row numbers', () => {
    const { records, errors } = readStoredLists([
      {
        list: 3,
        headers: ['Child Unique ID', 'Date of referral', 'Referral NFA?'],
        rows: [{ row: 7, cells: ['0042', '30/04/2018', 'b) No'] }],
      },
      { list: 5, headers: LIST_5, rows: [{ row: 2, cells: ['C1', '29/03/2018', '2018-04-24', 'a) Yes'] }] },
    ])
    assert.equal(errors.length, 0)
    assert.deepEqual(
      records.referrals.map((r) => [r.row, r.childId, r.referralDate, r.nfa]),
      [[7, '0042', '2018-04-30', false]],
    )
    assert.deepEqual(
      records.section47s.map((r) => [r.childId, r.strategyDate, r.icpcDate, r.icpcResultedInPlan]),
      [['C1', '2018-03-29', '2018-04-24', true]],
    )
  })

  describe('edge cases', () => {
    it('marks an unreadable cell as the importer did: the field is null and named invalid', () => {
      const { records, errors } = readStoredLists([
        { list: 5, headers: LIST_5, rows: [{ row: 4, cells: ['C3', '31/02/2018', '2018-04-10', ''] }] },
      ])
      const [c3] = records.section47s
      assert.equal(c3?.strategyDate, null)
      assert.ok(c3?.invalid.has('strategyDate'))
      assert.deepEqual(
        errors.map((e) => [e.list, e.row, e.value]),
        [[5, 4, '31/02/2018']],
      )
    })

    it('reads a list stored without a header as having no records, and a header with no rows as empty', () => {
      const { records } = readStoredLists([
        { list: 1, headers: [], rows: [{ row: 2, cells: ['C1', '2018-04-01'] }] },
        { list: 3, headers: ['Child Unique ID', 'Date of referral'], rows: [] },
      ])
      assert.equal(records.contacts.length, 0)
      assert.equal(records.referrals.length, 0)
    })
  })
})

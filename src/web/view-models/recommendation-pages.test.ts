import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { Recommendation } from '../../domain/scrutiny/recommendations.ts'
import { recommendationPageModel, shortDate, trackerPageModel } from './recommendation-pages.ts'

const base: Recommendation = {
  id: 1,
  committeeId: 1,
  meetingId: null,
  madeOn: '2015-06-25',
  title: 'Children and Families Performance (Cllr Jeffery)',
  number: 2,
  text: 'That the Cabinet Member works with the Head of Service…',
  leadOfficer: null,
  responseDue: '2015-08-24',
  status: 'awaiting-response',
  respondedOn: null,
  updates: [],
}

describe('the recommendations pages', () => {
  it('flags a recommendation with no response after its due date, and counts open and overdue ones', () => {
    const done: Recommendation = { ...base, id: 2, status: 'completed', respondedOn: '2015-07-01' }
    const model = trackerPageModel([base, done], '2015-09-01', 'open')
    assert.deepEqual(model.counts, { all: 2, open: 1, overdue: 1 })
    assert.equal(model.rows.length, 1)
    assert.equal(model.rows[0]?.overdue, true)
    assert.equal(model.rows[0]?.date, '25/06/15')
    assert.equal(model.rows[0]?.responseDue, 'Monday 24 August 2015')
    assert.equal(trackerPageModel([base, done], '2015-09-01', 'all').rows.length, 2)
  })

  it('says when a response is awaited and not yet late, but not once it is late or has come', () => {
    const rows = trackerPageModel([base, { ...base, id: 2, status: 'accepted' }], '2015-08-24', 'all').rows
    assert.deepEqual(
      rows.map((r) => [r.overdue, r.awaitingResponse]),
      [
        [false, true],
        [false, false],
      ],
    )
    assert.equal(trackerPageModel([base], '2015-08-25', 'all').rows[0]?.awaitingResponse, false)
  })

  describe('edge cases', () => {
    it('not overdue on the due date itself; undated updates say so', () => {
      const model = recommendationPageModel(
        {
          ...base,
          updates: [
            { id: 1, dated: null, text: 'Earlier action', status: null, recordedBy: 'x', recordedAt: '2015-01-01' },
          ],
        },
        '2015-08-24',
      )
      assert.equal(model.recommendation.overdue, false)
      assert.equal(model.recommendation.updates[0]?.dated, 'Undated (recorded before Scrutineer)')
      assert.equal(shortDate('2019-01-05'), '05/01/19')
    })
  })
})

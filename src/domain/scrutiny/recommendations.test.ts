import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { inMonitoringReport, isOverdue, periodOfMonthsEnds, responseDue } from './recommendations.ts'

describe('the executive response to a scrutiny recommendation (LGA 2000 s.9FE)', () => {
  it('is due at the end of two months beginning with the day it was received', () => {
    // The panel's recommendations of 25 June 2015 (seed 004).
    assert.equal(responseDue('2015-06-25'), '2015-08-24')
    assert.equal(responseDue('2018-06-07'), '2018-08-06')
  })

  it('is overdue the day after it is due, while nobody has responded', () => {
    const due = { responseDue: '2015-08-24', respondedOn: null, status: 'awaiting-response' as const, updates: [] }
    assert.equal(isOverdue(due, '2015-08-24'), false)
    assert.equal(isOverdue(due, '2015-08-25'), true)
    assert.equal(isOverdue({ ...due, respondedOn: '2015-09-01' }, '2015-10-01'), false)
    assert.equal(isOverdue({ ...due, status: 'in-progress' }, '2015-10-01'), true)
    // An undated update recorded before Scrutineer is still a response.
    assert.equal(isOverdue({ ...due, updates: [{ dated: null }] }, '2015-10-01'), false)
  })

  describe('edge cases', () => {
    it('ends on the last day of the month when the later month has no corresponding date', () => {
      assert.equal(periodOfMonthsEnds('2017-12-31', 2), '2018-02-28')
      assert.equal(periodOfMonthsEnds('2017-12-29', 2), '2018-02-28') // 2018 has no 29 February
      assert.equal(periodOfMonthsEnds('2019-12-29', 2), '2020-02-28') // 2020 does: the day before it
      assert.equal(periodOfMonthsEnds('2018-08-31', 1), '2018-09-30')
    })

    it('crosses a year end, and a period beginning on the 1st ends on the last day of the month before', () => {
      assert.equal(periodOfMonthsEnds('2018-11-15', 2), '2019-01-14')
      assert.equal(periodOfMonthsEnds('2018-03-01', 2), '2018-04-30')
      assert.equal(periodOfMonthsEnds('2018-01-01', 2), '2018-02-28')
    })

    it('a completed or declined recommendation is never overdue', () => {
      for (const status of ['completed', 'not-accepted'] as const) {
        assert.equal(
          isOverdue({ responseDue: '2015-08-24', respondedOn: null, status, updates: [] }, '2020-01-01'),
          false,
        )
      }
    })
  })
})

describe('which recommendations a monitoring report covers', () => {
  const update = (dated: string | null, status: 'completed' | 'in-progress' | null) => ({
    id: 1,
    dated,
    text: 'Done',
    status,
    recordedBy: 'dso',
    recordedAt: '2015-01-01T00:00:00Z',
  })

  it('covers open recommendations made before the meeting, and those closed since the previous meeting', () => {
    const open = {
      madeOn: '2015-06-25',
      status: 'in-progress' as const,
      updates: [update('2015-07-10', 'in-progress')],
    }
    assert.equal(inMonitoringReport(open, '2015-09-03', '2015-07-30'), true)
    const closedSince = {
      madeOn: '2015-06-25',
      status: 'completed' as const,
      updates: [update('2015-08-10', 'completed')],
    }
    assert.equal(inMonitoringReport(closedSince, '2015-09-03', '2015-07-30'), true)
    assert.equal(inMonitoringReport(closedSince, '2015-11-05', '2015-09-03'), false)
  })

  describe('edge cases', () => {
    it('leaves out recommendations made at or after the meeting, and closed undated ones', () => {
      const open = { madeOn: '2015-09-03', status: 'awaiting-response' as const, updates: [] }
      assert.equal(inMonitoringReport(open, '2015-09-03', null), false)
      const closedUndated = { madeOn: '2015-06-25', status: 'completed' as const, updates: [update(null, 'completed')] }
      assert.equal(inMonitoringReport(closedUndated, '2015-09-03', null), false)
    })

    it('a recommendation closed after the meeting was still open at it; a first meeting has no previous one', () => {
      const later = { madeOn: '2015-06-25', status: 'completed' as const, updates: [update('2015-12-01', 'completed')] }
      assert.equal(inMonitoringReport(later, '2015-09-03', '2015-07-30'), true)
      const closedBefore = {
        madeOn: '2015-06-25',
        status: 'completed' as const,
        updates: [update('2015-07-01', 'completed')],
      }
      assert.equal(inMonitoringReport(closedBefore, '2015-09-03', null), true)
    })
  })
})

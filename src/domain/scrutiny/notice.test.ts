import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { createWorkingDayCalendar } from '../calendar/working-days.ts'
import { clearDays, givesNotice, latestPublicationDate } from './notice.ts'

// England and Wales bank holidays around the seeds' meetings: spring bank holiday Monday 28 May 2018.
const calendar = createWorkingDayCalendar(['2018-05-07', '2018-05-28', '2018-08-27', '2018-12-25', '2018-12-26'])

describe('five clear days of notice before a meeting', () => {
  it('counts the working days strictly between publication and the meeting', () => {
    // 7 June 2018 was a Thursday. Published Tuesday 29 May: 30, 31 May, 1, 4, 5, 6 June are clear.
    assert.equal(clearDays('2018-05-29', '2018-06-07', calendar), 6)
    assert.equal(clearDays('2018-05-31', '2018-06-07', calendar), 4)
    assert.equal(givesNotice('2018-05-30', '2018-06-07', calendar), true)
    assert.equal(givesNotice('2018-05-31', '2018-06-07', calendar), false)
  })

  it('gives the last day to publish', () => {
    assert.equal(latestPublicationDate('2018-06-07', calendar), '2018-05-30')
    // Across the spring bank holiday: a meeting on Monday 4 June needs papers out by Thursday 24 May.
    assert.equal(latestPublicationDate('2018-06-04', calendar), '2018-05-24')
    assert.equal(givesNotice(latestPublicationDate('2018-06-04', calendar), '2018-06-04', calendar), true)
  })

  describe('edge cases', () => {
    it('neither the day of publication nor the meeting day counts; nor do weekends and bank holidays', () => {
      assert.equal(clearDays('2018-06-06', '2018-06-07', calendar), 0)
      assert.equal(clearDays('2018-06-07', '2018-06-07', calendar), 0)
      assert.equal(clearDays('2018-06-10', '2018-06-07', calendar), 0)
      // Friday 25 May to Wednesday 30 May: only Tuesday 29 is clear (weekend and bank holiday Monday out).
      assert.equal(clearDays('2018-05-25', '2018-05-30', calendar), 1)
    })

    it('over Christmas', () => {
      // Meeting Thursday 3 January 2019: 25, 26 December and the weekends are not clear days.
      const withNewYear = createWorkingDayCalendar(['2018-12-25', '2018-12-26', '2019-01-01'])
      assert.equal(latestPublicationDate('2019-01-03', withNewYear), '2018-12-21')
    })
  })
})

import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { firstMinuteNumber } from './minutes.ts'

describe('minute numbers run through the municipal year', () => {
  it('continues from the earlier meetings of the same year', () => {
    const earlier = [
      { date: '2017-06-29', minuteCount: 6 },
      { date: '2017-09-07', minuteCount: 7 },
      { date: '2017-11-02', minuteCount: 8 },
      { date: '2018-01-25', minuteCount: 7 },
    ]
    assert.equal(firstMinuteNumber('2018-03-22', earlier), 29)
  })

  it('starts again at 1 in a new municipal year', () => {
    assert.equal(firstMinuteNumber('2019-06-06', [{ date: '2019-03-28', minuteCount: 40 }]), 1)
  })

  describe('edge cases', () => {
    it('ignores later meetings and the meeting itself; a committee with no meetings starts at 1', () => {
      const meetings = [
        { date: '2018-06-07', minuteCount: 5 },
        { date: '2018-09-06', minuteCount: 9 },
      ]
      assert.equal(firstMinuteNumber('2018-06-07', meetings), 1)
      assert.equal(firstMinuteNumber('2018-07-12', meetings), 6)
      assert.equal(firstMinuteNumber('2018-06-07', []), 1)
    })

    it('a meeting in late April belongs to the year that began the May before', () => {
      assert.equal(firstMinuteNumber('2018-04-30', [{ date: '2017-05-01', minuteCount: 3 }]), 4)
      assert.equal(firstMinuteNumber('2018-05-01', [{ date: '2018-04-30', minuteCount: 3 }]), 1)
    })
  })
})

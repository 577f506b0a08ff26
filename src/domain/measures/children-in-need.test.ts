import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { annexA, cinEpisode, figure, ids, rowsBehind } from './testing.ts'

describe('cin-open', () => {
  it('counts episodes open at each month end', () => {
    const data = annexA({
      cin: [
        cinEpisode('A', '2017-06-01', '2018-04-30'),
        cinEpisode('B', '2018-04-30', null),
        cinEpisode('C', '2017-01-01', '2017-05-31'),
      ],
    })
    assert.equal(figure(data, 'cin-open', '2017-04').count, 1) // C only
    assert.equal(figure(data, 'cin-open', '2017-05').count, 0) // C closed on 31 May: not open at 31 May
    assert.equal(figure(data, 'cin-open', '2017-06').count, 1) // A
    assert.equal(figure(data, 'cin-open', '2018-03').count, 1) // A
    assert.deepEqual(ids(rowsBehind(data, 'cin-open', '2018-04').numerator), ['B']) // A closed on E; B started on E
  })
})

describe('edge cases', () => {
  it('leaves a blank or unreadable start, or an unreadable closure, out with a reason in every month', () => {
    const data = annexA({
      cin: [
        cinEpisode('blank', null, null),
        cinEpisode('badStart', null, null, { invalid: ['startDate'] }),
        cinEpisode('badClosure', '2017-01-01', null, { invalid: ['closureDate'] }),
      ],
    })
    assert.equal(figure(data, 'cin-open').count, 0)
    assert.deepEqual(
      rowsBehind(data, 'cin-open', '2017-04').excluded.map((r) => [r.childId, r.reason]),
      [
        ['blank', 'The CIN start date is blank.'],
        ['badStart', 'The CIN start date could not be read.'],
        ['badClosure', 'The CIN closure date could not be read.'],
      ],
    )
  })

  it('counts an episode that opens and closes within one month at no month end', () => {
    const data = annexA({ cin: [cinEpisode('A', '2018-04-02', '2018-04-20')] })
    assert.equal(figure(data, 'cin-open', '2018-04').count, 0)
    assert.equal(figure(data, 'cin-open', '2018-03').count, 0)
  })

  it('counts an episode that started after the window ends in no month', () => {
    const data = annexA({ cin: [cinEpisode('A', '2018-05-01', null)] })
    assert.equal(figure(data, 'cin-open', '2018-04').count, 0)
  })
})

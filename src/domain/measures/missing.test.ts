import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { annexA, figure, ids, missingEpisode, rowsBehind } from './testing.ts'

describe('missing-episodes', () => {
  it('counts episodes missing from placement (M) by the month they started; away (A) and blank are not counted', () => {
    const data = annexA({
      missing: [
        missingEpisode('M-april', '2018-04-03', '2018-04-05', true),
        missingEpisode('M-open', '2018-04-30', null, true),
        missingEpisode('A-april', '2018-04-03', '2018-04-04', false),
        missingEpisode('blank', '2018-04-10', null, null),
        missingEpisode('M-march', '2018-03-31', '2018-04-02', true),
        missingEpisode('unreadable', '2018-04-12', null, null, { invalid: ['missing'] }),
      ],
    })
    assert.deepEqual(figure(data, 'missing-episodes'), { count: 2, denominator: null, value: 2 })
    assert.equal(figure(data, 'missing-episodes', '2018-03').count, 1)
    const behind = rowsBehind(data, 'missing-episodes')
    assert.deepEqual(ids(behind.numerator), ['M-april', 'M-open'])
    assert.deepEqual(ids(behind.excluded), ['unreadable'])
    assert.match(behind.excluded[0]?.reason ?? '', /missing or away code could not be read/)
    assert.equal(behind.numerator[0]?.list, 12)
  })

  it('leaves out an episode whose start date could not be read, in every month', () => {
    const data = annexA({ missing: [missingEpisode('bad-start', null, null, true, { invalid: ['startDate'] })] })
    assert.equal(figure(data, 'missing-episodes').count, 0)
    assert.deepEqual(ids(rowsBehind(data, 'missing-episodes').excluded), ['bad-start'])
  })
})

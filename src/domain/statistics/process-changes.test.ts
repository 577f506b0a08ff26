import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { breaksIn, processChangeFrom, processChangesByIndicator, REASON_MAX_LENGTH } from './process-changes.ts'

describe('processChangeFrom', () => {
  it('accepts a month and a reason, tidying the spaces', () => {
    assert.deepEqual(processChangeFrom({ month: ' 2018-01 ', reason: '  New   front door\nteam ' }), {
      ok: true,
      value: { period: '2018-01', reason: 'New front door team' },
    })
  })

  it('names each missing or malformed field', () => {
    assert.deepEqual(processChangeFrom({ month: '', reason: ' ' }), {
      ok: false,
      problems: [
        { field: 'month', message: 'Enter the month the new process started' },
        { field: 'reason', message: 'Enter why the process changed' },
      ],
    })
    for (const month of ['Jan-18', '2018-13', '2018-1', '2018-01-01']) {
      const checked = processChangeFrom({ month, reason: 'x' })
      assert.equal(checked.ok, false, month)
      if (!checked.ok) assert.equal(checked.problems[0]?.field, 'month')
    }
  })

  it('refuses a reason longer than the limit, and accepts one exactly at it', () => {
    assert.equal(processChangeFrom({ month: '2018-01', reason: 'a'.repeat(REASON_MAX_LENGTH) }).ok, true)
    const checked = processChangeFrom({ month: '2018-01', reason: 'a'.repeat(REASON_MAX_LENGTH + 1) })
    assert.deepEqual(checked, {
      ok: false,
      problems: [{ field: 'reason', message: 'The reason must be 500 characters or fewer' }],
    })
  })
})

describe('breaksIn', () => {
  const months = ['2018-01', '2018-02', '2018-03', '2018-04']
  it('gives each change’s position, ignoring the first month and months not shown', () => {
    assert.deepEqual(breaksIn(months, [{ period: '2018-03' }, { period: '2018-02' }]), [1, 2])
    assert.deepEqual(breaksIn(months, [{ period: '2018-01' }, { period: '2017-06' }, { period: '2019-01' }]), [])
  })
})

describe('processChangesByIndicator', () => {
  it("groups changes by indicator, keeping each indicator's order", () => {
    const change = (indicatorId: string, period: string) => ({
      indicatorId,
      period: period,
      reason: 'why',
      recordedBy: 'Pat',
      recordedAt: '2018-06-01T09:00:00Z',
    })
    const grouped = processChangesByIndicator([change('a', '2018-01'), change('b', '2018-02'), change('a', '2018-03')])
    assert.deepEqual([...grouped.keys()], ['a', 'b'])
    assert.deepEqual(
      grouped.get('a')?.map((c) => c.period),
      ['2018-01', '2018-03'],
    )
    assert.equal(processChangesByIndicator([]).size, 0)
  })
})

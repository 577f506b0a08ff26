import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { median, resultCell, rowMet, type BenchResult } from './result.ts'

const row = (over: Partial<BenchResult>): BenchResult => ({
  name: 'Annex A measures',
  target: '≤ 3 s, ≤ 1 GB, ≤ 3× DuckDB',
  runs: [2000, 2500, 2900],
  targetMs: 3000,
  notes: '',
  ...over,
})

describe('a benchmark row is met only if every goal is', () => {
  it('is met when the median is within the target and every other goal is met', () => {
    const r = row({
      goals: [
        { goal: 'peak RSS 258 MB ≤ 1 GB', met: true },
        { goal: '2.1× DuckDB ≤ 3×', met: true },
      ],
    })
    assert.equal(rowMet(r, median(r.runs)), true)
    assert.equal(resultCell(r), 'met')
  })

  it('is missed when the time is met but another goal (the DuckDB ratio) is not, and names that goal', () => {
    const r = row({
      goals: [
        { goal: 'peak RSS 258 MB ≤ 1 GB', met: true },
        { goal: '9.4× DuckDB ≤ 3×', met: false },
      ],
    })
    assert.equal(rowMet(r, median(r.runs)), false)
    assert.equal(resultCell(r), '**missed** (9.4× DuckDB ≤ 3×)')
  })

  it('is missed when the median is over the target though every other goal is met, and says so', () => {
    const r = row({ runs: [3100, 4993.8, 5155.5], goals: [{ goal: 'peak RSS 258 MB ≤ 1 GB', met: true }] })
    assert.equal(rowMet(r, median(r.runs)), false)
    assert.equal(resultCell(r), '**missed** (median 4993.8 ms over ≤ 3 s, ≤ 1 GB, ≤ 3× DuckDB)')
  })

  it('names every goal missed, the time first', () => {
    const r = row({
      runs: [4000],
      goals: [
        { goal: 'a', met: false },
        { goal: 'b', met: true },
        { goal: 'c', met: false },
      ],
    })
    assert.equal(resultCell(r), '**missed** (median 4000.0 ms over ≤ 3 s, ≤ 1 GB, ≤ 3× DuckDB; a; c)')
  })

  it('is missed with no runs measured, rather than met on a median of nothing', () => {
    const r = row({ runs: [], targetMs: Number.POSITIVE_INFINITY })
    assert.equal(rowMet(r, median(r.runs)), false)
    assert.equal(resultCell(r), '**missed** (no runs measured)')
  })

  it('takes the median of an even number of runs as the mean of the middle two', () => {
    assert.equal(median([4, 1, 3, 2]), 2.5)
    assert.equal(median([5, 1, 3]), 3)
  })
})

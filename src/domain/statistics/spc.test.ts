import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import examples from './spc.examples.json' with { type: 'json' }
import { xmrChart, type XmrSignal } from './spc.ts'

function assertClose(actual: number | null, expected: number | null, label: string): void {
  if (expected === null || actual === null) return assert.equal(actual, expected, label)
  assert.ok(Math.abs(actual - expected) < 1e-9, `${label}: expected ${actual} to be ${expected}`)
}

describe('xmrChart', () => {
  for (const example of examples.xmrChart) {
    it(example.why, () => {
      const chart = xmrChart(example.values, { floorAtZero: example.floorAtZero })
      assertClose(chart.mean, example.mean, 'mean')
      assertClose(chart.meanMovingRange, example.meanMovingRange, 'mean moving range')
      assertClose(chart.upperLimit, example.upperLimit, 'upper limit')
      assertClose(chart.lowerLimit, example.lowerLimit, 'lower limit')
      assert.equal(chart.points.length, example.values.length)
      chart.points.forEach((point, i) => {
        assert.equal(point.value, example.values[i])
        assertClose(point.movingRange, example.movingRanges[i] ?? null, `moving range ${i}`)
      })
      assert.deepEqual(chart.signals, example.signals as XmrSignal[])
    })
  }

  it('marks each point that is part of a signal', () => {
    // The run example: 7 below the mean of 7, then 7 above.
    const chart = xmrChart([5, 6, 5, 6, 5, 6, 5, 9, 8, 9, 8, 9, 8, 9])
    assert.ok(chart.points.every((p) => p.inRun && !p.inTrend && !p.outsideLimits))
    // The outside-limits example: only the 30 is outside.
    const spike = xmrChart([10, 10, 11, 10, 10, 30, 10, 10])
    assert.deepEqual(
      spike.points.map((p) => p.outsideLimits),
      [false, false, false, false, false, true, false, false],
    )
  })

  it('finds a run of more than 7 as one signal', () => {
    // Nine points: 1 ×8 then 19 (mean 27 ÷ 9 = 3). The eight 1s are one run.
    const chart = xmrChart([1, 1, 1, 1, 1, 1, 1, 1, 19])
    assert.deepEqual(
      chart.signals.filter((s) => s.kind === 'run'),
      [{ kind: 'run', from: 0, to: 7 }],
    )
  })

  it('finds a falling trend', () => {
    // 15 down to 10: six points each lower than the one before.
    const chart = xmrChart([15, 14, 13, 12, 11, 10])
    assert.deepEqual(chart.signals, [{ kind: 'trend', from: 0, to: 5 }])
  })
})

describe('edge cases', () => {
  it('handles an empty series', () => {
    const chart = xmrChart([])
    assert.deepEqual(chart, {
      points: [],
      mean: null,
      meanMovingRange: null,
      upperLimit: null,
      lowerLimit: null,
      signals: [],
    })
  })

  it('lets the lower limit go below 0 unless asked to floor it', () => {
    // [1, 5, 1, 5]: mean 3, moving ranges 4, 4, 4; limits 3 ± 10.64.
    assertClose(xmrChart([1, 5, 1, 5]).lowerLimit, -7.64, 'lower limit')
    assert.equal(xmrChart([1, 5, 1, 5], { floorAtZero: true }).lowerLimit, 0)
    assertClose(xmrChart([1, 5, 1, 5], { floorAtZero: true }).upperLimit, 13.64, 'upper limit')
  })

  it('skips missing months in trends: a gap does not break a rise', () => {
    // 10, 11, 12, (missing), 13, 14, 15: six rising points.
    const chart = xmrChart([10, 11, 12, null, 13, 14, 15])
    assert.deepEqual(chart.signals, [{ kind: 'trend', from: 0, to: 6 }])
    assert.equal(chart.points[3]?.inTrend, false)
  })

  it('does not count a point exactly on a limit as outside it', () => {
    // [0, 2]: mean 1, moving range 2, limits 1 ± 5.32 — nothing outside. All equal: limits = mean = values.
    assert.deepEqual(xmrChart([0, 2]).signals, [])
    assert.deepEqual(
      xmrChart([4, 4, 4]).points.map((p) => p.outsideLimits),
      [false, false, false],
    )
  })

  it('is not fooled by binary noise around the mean', () => {
    // The mean is 2.8 ÷ 14 = 0.2, but 0.19999999999999998 in binary: the last 0.2 would then sit above it and
    // make a run of seven with the six 0.3s. On the mean, it breaks the run.
    const values = [0.1, 0.1, 0.1, 0.2, 0.1, 0.1, 0.1, 0.3, 0.3, 0.3, 0.3, 0.3, 0.3, 0.2]
    const chart = xmrChart(values)
    assertClose(chart.mean, 0.2, 'mean')
    assert.deepEqual(
      chart.signals.filter((s) => s.kind === 'run'),
      [],
    )
  })
})

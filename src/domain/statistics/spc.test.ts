import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { readFileSync } from 'node:fs'
import type { Polarity } from '../catalogue.ts'
import examples from './spc.examples.json' with { type: 'json' }
import {
  ASSURANCE_TEXT,
  spcAssurance,
  SpcOptionError,
  spcSummary,
  VARIATION_TEXT,
  xmrChart,
  type Assurance,
  type PointCause,
  type XmrSignal,
} from './spc.ts'

interface Golden {
  limits: {
    why: string
    values: number[]
    breaks: number[]
    significantDigits: number
    periods: { mean: number; lowerLimit: number; upperLimit: number; count: number }[]
    commonCause: number
    variation: string
  }[]
  causes: { why: string; values: number[]; polarity: Polarity; lastCauses: PointCause[] }[]
  trends: { why: string; values: number[]; inTrend: boolean[] }[]
  runs: { why: string; values: number[]; inRun: boolean[] }[]
  assurance: {
    why: string
    polarity: Polarity
    target: number
    limits: [number, number][]
    expected: (Assurance | null)[]
  }[]
}

const golden = JSON.parse(
  readFileSync(new URL('../../../fixtures/spc/nhsrplotthedots-golden.json', import.meta.url), 'utf8'),
) as Golden

/** As R prints a number to `digits` significant digits. */
function significant(x: number | null, digits: number): number | null {
  return x === null ? null : Number(x.toPrecision(digits))
}

function assertClose(actual: number | null, expected: number | null, label: string): void {
  if (expected === null || actual === null) return assert.equal(actual, expected, label)
  assert.ok(Math.abs(actual - expected) < 1e-9, `${label}: expected ${actual} to be ${expected}`)
}

describe('xmrChart', () => {
  for (const example of examples.xmrChart) {
    it(example.why, () => {
      const chart = xmrChart(example.values, {
        floorAtZero: example.floorAtZero,
        ...('runLength' in example ? { runLength: example.runLength } : {}),
      })
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

  it('finds a falling trend of 7, or of 6 when the run length is set to 6', () => {
    // 16 down to 10: seven points each lower than the one before (mean 13, limits 13 ± 2.66: 16 and 10 outside).
    const seven = xmrChart([16, 15, 14, 13, 12, 11, 10])
    assert.deepEqual(
      seven.signals.filter((s) => s.kind === 'trend'),
      [{ kind: 'trend', from: 0, to: 6 }],
    )
    // 15 down to 10: six falling points are a trend only with the setting at 6.
    assert.deepEqual(
      xmrChart([15, 14, 13, 12, 11, 10]).signals.filter((s) => s.kind === 'trend'),
      [],
    )
    assert.deepEqual(
      xmrChart([15, 14, 13, 12, 11, 10], { runLength: 6 }).signals.filter((s) => s.kind === 'trend'),
      [{ kind: 'trend', from: 0, to: 5 }],
    )
  })

  it('finds a run of 6 only when the run length is set to 6', () => {
    // Six 1s then 13 (mean 19 ÷ 7 = 2.714): the six below the mean are a run of 6, not of 7.
    const values = [1, 1, 1, 1, 1, 1, 13]
    assert.deepEqual(
      xmrChart(values).signals.filter((s) => s.kind === 'run'),
      [],
    )
    assert.deepEqual(
      xmrChart(values, { runLength: 6 }).signals.filter((s) => s.kind === 'run'),
      [{ kind: 'run', from: 0, to: 5 }],
    )
  })

  it('finds two of three points beyond the two-sigma line on the same side, and marks only those two', () => {
    // 10, 11 six times, then 13.5, 11, 13.5. Mean 164 ÷ 15 = 10.9333; moving ranges 1 ×11, 2.5 ×3 (mean 18.5 ÷ 14
    // = 1.3214); upper limit 10.9333 + 3.515 = 14.448, so nothing is outside; the two-sigma line is
    // 10.9333 + 2/3 × 3.515 = 13.277, so the two 13.5s are two of three beyond it and the 11 between is not.
    const values = [10, 11, 10, 11, 10, 11, 10, 11, 10, 11, 10, 11, 13.5, 11, 13.5]
    const chart = xmrChart(values, { polarity: 'lower' })
    assertClose(chart.mean, 10.9333333333333, 'mean')
    assertClose(chart.upperLimit, 14.4483333333333, 'upper limit')
    assert.deepEqual(chart.signals, [{ kind: 'two-of-three', from: 12, to: 14 }])
    assert.deepEqual(
      chart.points.map((p) => p.inTwoOfThree),
      values.map((_, i) => i === 12 || i === 14),
    )
    // Higher is worse here: the two are special cause of concerning nature, high; the 11 between is common cause.
    assert.deepEqual(
      chart.points.slice(12).map((p) => [p.cause, p.direction]),
      [
        ['concerning', 'high'],
        ['common', null],
        ['concerning', 'high'],
      ],
    )
  })

  it('does not count two of three on opposite sides of the mean', () => {
    // 5.5 and −5.5 are each beyond a two-sigma line, but on different sides.
    const chart = xmrChart([1, -1, 1, -1, 1, -1, 1, -1, 1, -1, 1, -1, 1, -1, 5.5, -5.5])
    assert.deepEqual(
      chart.signals.filter((s) => s.kind === 'two-of-three'),
      [],
    )
  })
})

describe('edge cases', () => {
  it('handles an empty series', () => {
    const chart = xmrChart([])
    assert.deepEqual(chart, {
      points: [],
      periods: [
        {
          from: 0,
          to: -1,
          count: 0,
          mean: null,
          meanMovingRange: null,
          upperLimit: null,
          lowerLimit: null,
          trial: true,
        },
      ],
      mean: null,
      meanMovingRange: null,
      upperLimit: null,
      lowerLimit: null,
      trial: true,
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
    // 10, 11, 12, (missing), 13, 14, 15, 16: seven rising points.
    const chart = xmrChart([10, 11, 12, null, 13, 14, 15, 16])
    assert.deepEqual(
      chart.signals.filter((s) => s.kind === 'trend'),
      [{ kind: 'trend', from: 0, to: 7 }],
    )
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

// Checked on 7 December 2026 against the package's own test files and snapshots at the commits each example names
// (github.com/nhs-r-community/NHSRplotthedots, MIT): every value agreed; the run examples were added then.
describe('golden examples from NHSRplotthedots (fixtures/spc/nhsrplotthedots-golden.json)', () => {
  for (const example of golden.limits) {
    it(example.why, () => {
      const chart = xmrChart(example.values, { polarity: 'higher', breaks: example.breaks })
      assert.equal(chart.periods.length, example.periods.length)
      example.periods.forEach((expected, i) => {
        const period = chart.periods[i]
        assert.ok(period)
        const digits = example.significantDigits
        assert.equal(significant(period.mean, digits), expected.mean, `mean of period ${i}`)
        assert.equal(significant(period.lowerLimit, digits), expected.lowerLimit, `lower limit of period ${i}`)
        assert.equal(significant(period.upperLimit, digits), expected.upperLimit, `upper limit of period ${i}`)
        assert.equal(period.count, expected.count)
      })
      assert.equal(chart.points.filter((p) => p.cause === 'common').length, example.commonCause)
      assert.equal(
        spcSummary(example.values, { polarity: 'higher', breaks: example.breaks }).variation,
        example.variation,
      )
    })
  }
  for (const example of golden.causes) {
    it(example.why, () => {
      const chart = xmrChart(example.values, { polarity: example.polarity })
      const last = chart.points.slice(-example.lastCauses.length).map((p) => p.cause)
      assert.deepEqual(last, example.lastCauses)
    })
  }
  for (const example of golden.trends) {
    it(example.why, () => {
      assert.deepEqual(
        xmrChart(example.values).points.map((p) => p.inTrend),
        example.inTrend,
      )
    })
  }
  for (const example of golden.runs) {
    it(example.why, () => {
      assert.deepEqual(
        xmrChart(example.values).points.map((p) => p.inRun),
        example.inRun,
      )
    })
  }
  for (const example of golden.assurance) {
    it(example.why, () => {
      const got = example.limits.map(([lowerLimit, upperLimit]) =>
        spcAssurance({ lowerLimit, upperLimit }, example.target, example.polarity),
      )
      assert.deepEqual(got, example.expected)
    })
  }
})

describe('causes by polarity', () => {
  // Seven 1s below the mean, then 20: the 20 is outside the upper limit; the 1s are a run below the mean.
  const values = [1, 1, 1, 1, 1, 1, 1, 20]
  it('calls high improving when higher is better, concerning when lower is, neither when neutral', () => {
    const causes = (polarity: Polarity): [PointCause | null, string | null][] =>
      xmrChart(values, { polarity }).points.map((p) => [p.cause, p.direction])
    const high = causes('higher')
    assert.deepEqual(high[7], ['improving', 'high'])
    assert.deepEqual(high[0], ['concerning', 'low'])
    assert.deepEqual(causes('lower')[7], ['concerning', 'high'])
    assert.deepEqual(causes('lower')[0], ['improving', 'low'])
    assert.deepEqual(causes('neutral')[7], ['neither', 'high'])
  })

  it('colours a trend by its direction where no rule on its side of the mean says otherwise', () => {
    // Seven rising points, mean 4, limits 4 ± 2.66, two-sigma lines 4 ± 1.7733. The 3 and 4 (below and on the mean)
    // are in the rise alone, so improving. The 1 (outside) and 2 (two of three beyond the lower line) are low
    // points, concerning when higher is better; the 6 and 7 are high points, improving.
    const chart = xmrChart([1, 2, 3, 4, 5, 6, 7], { polarity: 'higher' })
    assert.deepEqual(
      chart.points.map((p) => [p.cause, p.direction]),
      [
        ['concerning', 'low'],
        ['concerning', 'low'],
        ['improving', 'high'],
        ['improving', 'high'],
        ['improving', 'high'],
        ['improving', 'high'],
        ['improving', 'high'],
      ],
    )
  })

  it('leaves missing months and months without limits without a cause', () => {
    const chart = xmrChart([null, 5, null])
    assert.deepEqual(
      chart.points.map((p) => p.cause),
      [null, null, null],
    )
  })
})

describe('process changes', () => {
  // A step from about 10 to about 30 after the sixth month.
  const values = [10, 11, 10, 11, 10, 11, 30, 31, 30, 31, 30, 31]
  it('works out each period apart, with no moving range across the break', () => {
    const chart = xmrChart(values, { breaks: [6] })
    assert.deepEqual(
      chart.periods.map((p) => [p.from, p.to, p.mean, p.meanMovingRange, p.count, p.trial]),
      [
        [0, 5, 10.5, 1, 6, true],
        [6, 11, 30.5, 1, 6, true],
      ],
    )
    assert.equal(chart.points[6]?.movingRange, null)
    assert.equal(chart.points[6]?.period, 1)
    assert.equal(chart.points[5]?.period, 0)
    assert.equal(chart.mean, 30.5)
    assertClose(chart.upperLimit, 33.16, 'upper limit')
    assert.deepEqual(chart.signals, [])
  })

  it('without the break the step is special cause', () => {
    assert.ok(xmrChart(values).signals.length > 0)
  })

  it('ignores repeated and unordered breaks', () => {
    assert.deepEqual(xmrChart(values, { breaks: [6, 6] }).periods, xmrChart(values, { breaks: [6] }).periods)
    assert.deepEqual(
      xmrChart(values, { breaks: [9, 3] }).periods.map((p) => p.from),
      [0, 3, 9],
    )
  })
})

describe('trial limits', () => {
  it('calls limits trial below 15 points and firm from 15', () => {
    const fourteen = Array.from({ length: 14 }, (_, i) => 10 + (i % 2))
    assert.equal(xmrChart(fourteen).trial, true)
    assert.equal(xmrChart([...fourteen, 10]).trial, false)
    // Missing months do not count towards the 15.
    assert.equal(xmrChart([...fourteen, null]).trial, true)
  })
})

describe('spcSummary', () => {
  it('gives the latest point’s variation and the assurance against the target, with their words', () => {
    assert.deepEqual(spcSummary([10, 12, 11, 13], { polarity: 'higher', target: 20 }), {
      variation: 'common',
      variationText: 'Common cause – no significant change',
      assurance: 'fail',
      assuranceText: 'Consistently failing target',
      trial: true,
    })
    assert.deepEqual(spcSummary([1, 1, 1, 1, 1, 1, 1, 20], { polarity: 'lower' }), {
      variation: 'concerning-high',
      variationText: 'Special cause of concerning nature – higher',
      assurance: null,
      assuranceText: null,
      trial: true,
    })
  })

  it('reads the latest month with a value when the last months are missing', () => {
    assert.equal(spcSummary([1, 1, 1, 1, 1, 1, 1, 20, null], { polarity: 'neutral' }).variation, 'neither-high')
  })

  it('has no icons without values', () => {
    assert.deepEqual(spcSummary([null, null], { polarity: 'higher', target: 3 }), {
      variation: null,
      variationText: null,
      assurance: null,
      assuranceText: null,
      trial: true,
    })
  })

  it('applies the run length setting', () => {
    // Mean 22 ÷ 9 = 2.444; the last six points are below it, a run only when the setting is 6. Moving ranges
    // 1, 1, 3, 1, 1, 1, 1, 1 (mean 1.25): limits −0.88 to 5.77, nothing outside; only the 5 is beyond a two-sigma line.
    const values = [4, 5, 4, 1, 2, 1, 2, 1, 2]
    assert.equal(spcSummary(values, { polarity: 'higher' }).variation, 'common')
    assert.equal(spcSummary(values, { polarity: 'higher', runLength: 6 }).variation, 'concerning-low')
  })

  it('has words for every icon', () => {
    assert.equal(Object.keys(VARIATION_TEXT).length, 7)
    assert.equal(ASSURANCE_TEXT['hit-and-miss'], 'Inconsistently passing target (hit and miss)')
    assert.equal(VARIATION_TEXT['improving-low'], 'Special cause of improving nature – lower')
  })
})

describe('bad options are refused with a clear error', () => {
  it('refuses a run length other than 6 or 7', () => {
    assert.throws(() => xmrChart([1, 2, 3], { runLength: 8 }), {
      name: 'SpcOptionError',
      message: 'The run length must be 6 or 7, got 8',
    })
    assert.throws(() => spcSummary([1, 2, 3], { polarity: 'higher', runLength: 6.5 }), SpcOptionError)
  })

  it('refuses a process change outside the series', () => {
    assert.throws(() => xmrChart([1, 2, 3], { breaks: [0] }), /from 1 to 2, got 0/)
    assert.throws(() => xmrChart([1, 2, 3], { breaks: [3] }), SpcOptionError)
    assert.throws(() => xmrChart([1, 2, 3], { breaks: [1.5] }), SpcOptionError)
  })

  it('refuses a value that is not a finite number', () => {
    assert.throws(() => xmrChart([1, Number.NaN, 3]), SpcOptionError)
    assert.throws(() => xmrChart([1, Number.POSITIVE_INFINITY]), SpcOptionError)
  })
})

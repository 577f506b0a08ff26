import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { Indicator, Observation } from './catalogue.ts'
import { compareFigures, compareIndicator } from './figure-changes.ts'

const figure = (
  indicatorId: string,
  period: string,
  value: number | null,
  numerator: number | null = null,
): Observation => ({
  indicatorId,
  period,
  value,
  numerator,
  denominator: numerator === null ? null : 100,
})

const LAC: Indicator = {
  id: 'lac-count',
  code: 'LAC1',
  title: 'Number of Looked after Children',
  serviceArea: 'Looked after children',
  unit: 'count',
  polarity: 'lower',
  owner: 'Jane White',
  reporter: '',
  outcome: '',
  definition: '',
  numeratorId: null,
  denominatorId: null,
  benchmarks: { statisticalNeighbours: null, england: { value: 62, vintage: 'Nov-17' }, region: null },
  regionName: 'South East',
  targets: [{ financialYear: '2018-19', value: 460 }],
  ragTolerancePercent: 5,
  measure: { measureId: 'lac-count', part: 'value' },
}

describe('what loading figures would change', () => {
  it('sorts figures into new, revised (with the stored one) and unchanged', () => {
    const stored = [figure('a', '2018-03', 1), figure('a', '2018-04', 2), figure('b', '2018-04', 64.84375, 83)]
    const incoming = [
      figure('a', '2018-04', 3),
      figure('a', '2018-05', 4),
      figure('b', '2018-04', (83 / 128) * 100, 83),
    ]
    const changes = compareFigures(stored, incoming)
    assert.deepEqual(changes.added, [figure('a', '2018-05', 4)])
    assert.deepEqual(changes.revised, [{ before: figure('a', '2018-04', 2), after: figure('a', '2018-04', 3) }])
    assert.equal(changes.unchanged, 1, '64.84375 and 83/128 × 100 are the same figure')
  })

  it('counts a changed numerator as a revision, and an empty month written over a figure', () => {
    const changes = compareFigures(
      [figure('b', '2018-04', 50, 50), figure('a', '2018-04', 7)],
      [figure('b', '2018-04', 50, 51), figure('a', '2018-04', null)],
    )
    assert.equal(changes.revised.length, 2)
    assert.equal(changes.unchanged, 0)
  })

  it('lists the indicator details a catalogue would change, in words, and leaves a missing measure link alone', () => {
    assert.deepEqual(compareIndicator(LAC, { ...LAC, measure: null }), [])
    assert.deepEqual(
      compareIndicator(LAC, {
        ...LAC,
        title: 'Children looked after',
        benchmarks: { ...LAC.benchmarks, england: { value: 62, vintage: null } },
        targets: [],
      }),
      [
        { field: 'Title', before: 'Number of Looked after Children', after: 'Children looked after' },
        { field: 'England benchmark', before: '62 (Nov-17)', after: '62' },
        { field: 'Targets', before: '2018-19: 460', after: 'none' },
      ],
    )
  })
})

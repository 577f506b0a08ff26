import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { Pack, PackIndicator } from '../../domain/pack.ts'
import { periodsEnding } from '../../domain/period.ts'
import { packSpcEntries, packSpcSlots, spcGridModel } from './spc.ts'

const MONTHS = periodsEnding('2018-04', 13)

function row(id: string, values: (number | null)[], overrides: Partial<PackIndicator> = {}): PackIndicator {
  return {
    id,
    code: id.toUpperCase(),
    title: `Title of ${id}`,
    serviceArea: '',
    unit: 'count',
    polarity: 'higher',
    values: MONTHS.map((period, i) => ({ period, value: values[i] ?? null, numerator: null, denominator: null })),
    changeFromPreviousMonth: { percent: null, direction: 'n/a', judgement: 'n/a' },
    changeFromSameMonthLastYear: { percent: null, direction: 'n/a', judgement: 'n/a' },
    average12Months: null,
    max12Months: null,
    benchmarks: { statisticalNeighbours: null, england: null, region: null },
    target: null,
    rag: null,
    ...overrides,
  }
}

// 20s and 22s with a 40 last: the 40 is outside the limits.
const SPIKE = [20, 22, 20, 22, 20, 22, 20, 22, 20, 22, 20, 22, 40]
const FLAT = [20, 22, 20, 22, 20, 22, 20, 22, 20, 22, 20, 22, 21]

describe('packSpcEntries', () => {
  it('gives each indicator its variation by polarity and its assurance against the pack’s target', () => {
    const pack: Pack = {
      dataset: 'monthly',
      period: '2018-04',
      months: MONTHS,
      indicators: [
        row('up', SPIKE),
        row('down', SPIKE, { polarity: 'lower', target: 100 }),
        row('flat', FLAT, { target: 5 }),
        row('empty', []),
      ],
    }
    assert.deepEqual(
      packSpcEntries(pack, new Map(), 7).map((e) => [e.indicator.id, e.variation, e.assurance]),
      [
        ['up', 'improving-high', null],
        ['down', 'concerning-high', 'pass'],
        ['flat', 'common', 'pass'],
        ['empty', null, null],
      ],
    )
  })

  it('works the limits out afresh from a process change', () => {
    const pack: Pack = { dataset: 'monthly', period: '2018-04', months: MONTHS, indicators: [row('up', SPIKE)] }
    const change = { indicatorId: 'up', period: '2018-03', reason: 'x', recordedBy: 'u', recordedAt: '' }
    // From March only 22 and 40: no signal in two points.
    assert.equal(packSpcEntries(pack, new Map([['up', [change]]]), 7)[0]?.variation, 'common')
  })
})

describe('packSpcSlots', () => {
  it('gives the pack page the words of each icon and the signal its filter looks at, and nothing without limits', () => {
    const pack: Pack = {
      dataset: 'monthly',
      period: '2018-04',
      months: MONTHS,
      indicators: [row('up', SPIKE), row('down', SPIKE, { polarity: 'lower', target: 100 }), row('empty', [])],
    }
    const slots = packSpcSlots(packSpcEntries(pack, new Map(), 7))
    assert.deepEqual(slots.get('up'), {
      variationText: 'Special cause of improving nature – higher',
      assuranceText: null,
      signal: 'improving',
      className: 'app-spc--improving',
    })
    assert.equal(slots.get('down')?.signal, 'concerning')
    assert.equal(slots.get('down')?.assuranceText, 'Consistently passing target')
    assert.equal(slots.has('empty'), false)
  })
})

describe('spcGridModel', () => {
  it('puts concerning rows and failing columns first, leaves out empty ones, and links each indicator', () => {
    const entry = (id: string, variation: 'common' | 'concerning-low' | null, assurance: 'fail' | 'pass' | null) => ({
      indicator: { id, code: '', title: `Title ${id}` },
      variation,
      assurance,
    })
    const model = spcGridModel({
      datasetId: 'monthly',
      datasetTitle: 'Monthly',
      period: '2018-04',
      runLength: 7,
      entries: [entry('a', 'common', 'pass'), entry('b', 'concerning-low', 'fail'), entry('c', null, null)],
    })
    assert.deepEqual(
      model.rows.map((r) => r.heading),
      [
        'Special cause of concerning nature – lower',
        'Common cause – no significant change',
        'Too few figures for process limits',
      ],
    )
    assert.deepEqual(
      model.columns.map((c) => c.heading),
      [
        'Consistently failing target',
        'Consistently passing target',
        'No assurance (no target, or neither higher nor lower is better)',
      ],
    )
    assert.deepEqual(model.rows[0]?.cells[0]?.entries, [{ text: 'Title b', href: '/indicators/b' }])
    assert.deepEqual(model.rows[0]?.cells[1]?.entries, [])
    assert.equal(model.count, '3 indicators')
    assert.equal(model.packHref, '/datasets/monthly/2018-04')
  })
})

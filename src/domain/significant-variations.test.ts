import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { blankIndicator, type Indicator, type Polarity, type Unit } from './catalogue.ts'
import type { Pack, PackIndicator, Rag } from './pack.ts'
import { periodsEnding } from './period.ts'
import { significantVariations, type SignificantVariation } from './significant-variations.ts'
import { changeBetween } from './statistics/change.ts'

const P = '2018-04'
const MONTHS = periodsEnding(P, 13)

interface Row {
  id: string
  title?: string
  serviceArea?: string
  unit?: Unit
  polarity?: Polarity
  /** 13 values, April 2017 … April 2018. */
  values: (number | null)[]
  target?: number | null
  rag?: Rag | null
}

/** A pack indicator built by hand; the change column is worked out as the real pack does. */
function row({
  id,
  title = id,
  serviceArea = 'Demand',
  unit = 'count',
  polarity = 'neutral',
  values,
  target = null,
  rag = null,
}: Row): PackIndicator {
  assert.equal(values.length, 13, `${id} needs 13 values`)
  const current = values[12] ?? null
  return {
    id,
    code: '',
    title,
    serviceArea,
    unit,
    polarity,
    values: MONTHS.map((period, i) => ({ period, value: values[i] ?? null, numerator: null, denominator: null })),
    changeFromPreviousMonth: changeBetween(current, values[11] ?? null, polarity),
    changeFromSameMonthLastYear: changeBetween(current, values[0] ?? null, polarity),
    average12Months: null,
    max12Months: null,
    benchmarks: { statisticalNeighbours: null, england: null, region: null },
    target,
    rag,
  }
}

function pack(...indicators: PackIndicator[]): Pack {
  return { dataset: 'monthly', period: P, months: MONTHS, indicators }
}

const NO_CATALOGUE: ReadonlyMap<string, Indicator> = new Map()

function only(variations: SignificantVariation[]): SignificantVariation {
  assert.equal(variations.length, 1, JSON.stringify(variations))
  const [first] = variations
  assert.ok(first)
  return first
}

/** Twelve months of the same value then April 2018's. */
const steady = (value: number | null, april: number | null): (number | null)[] => [
  ...Array.from({ length: 12 }, () => value),
  april,
]

const s47 = row({
  id: 's47-started',
  title: 'Number of Section 47 (S47) enquiries started',
  serviceArea: 'Timescales',
  values: [110, 95, 120, 101, 99, 130, 88, 105, 97, 112, 118, 103, 142],
})

const careLeavers = row({
  id: 'care-leavers-suitable',
  title: 'Percentage of Care Leavers in contact and in suitable accommodation',
  serviceArea: 'Corporate parenting',
  unit: 'percentage',
  polarity: 'higher',
  values: [92, 91.5, 93.1, 89.9, 92.2, 90.1, 91, 94, 92.5, 91.8, 90.7, 91.2, 90.4],
  target: 93,
  rag: 'amber',
})

describe('significantVariations', () => {
  it('writes a change of 10% or more that is also the 12-month high', () => {
    assert.deepEqual(significantVariations(pack(s47), NO_CATALOGUE), [
      {
        indicatorId: 's47-started',
        title: 'Number of Section 47 (S47) enquiries started',
        reasons: ['change', 'maximum'],
        sentence:
          'Number of Section 47 (S47) enquiries started rose by 38% from 103 in March 2018 to 142 in April 2018, the highest in the last 12 months.',
      },
    ])
  })

  it('writes a missed target with its RAG status', () => {
    const variation = only(significantVariations(pack(careLeavers), NO_CATALOGUE))
    assert.deepEqual(variation.reasons, ['target'])
    assert.equal(
      variation.sentence,
      'Percentage of Care Leavers in contact and in suitable accommodation was 90.4% in April 2018, below the target of 93.0% (amber).',
    )
  })

  it('says "above the target" where lower is better, and judges the change', () => {
    const variation = only(
      significantVariations(
        pack(
          row({
            id: 'cp-plans',
            title: 'Number of children on a child protection plan',
            polarity: 'lower',
            values: [400, 410, 420, 430, 440, 445, 450, 452, 455, 430, 420, 430, 521],
            target: 460,
            rag: 'red',
          }),
        ),
        NO_CATALOGUE,
      ),
    )
    assert.deepEqual(variation.reasons, ['change', 'target', 'maximum'])
    assert.equal(
      variation.sentence,
      'Number of children on a child protection plan rose by 21% from 430 in March 2018 to 521 in April 2018, a deterioration, the highest in the last 12 months, above the target of 460 (red).',
    )
  })

  it('calls a fall an improvement where lower is better, and notes the 12-month low', () => {
    const variation = only(
      significantVariations(
        pack(
          row({ id: 're-referrals', polarity: 'lower', values: [30, 28, 29, 31, 27, 26, 30, 29, 28, 27, 26, 30, 20] }),
        ),
        NO_CATALOGUE,
      ),
    )
    assert.deepEqual(variation.reasons, ['change', 'minimum'])
    assert.equal(
      variation.sentence,
      're-referrals fell by 33% from 30 in March 2018 to 20 in April 2018, an improvement, the lowest in the last 12 months.',
    )
  })

  it("gives a percentage's change in percentage points", () => {
    const variation = only(
      significantVariations(
        pack(row({ id: 'visits', unit: 'percentage', polarity: 'higher', values: steady(60, 67.04).with(11, 55.5) })),
        NO_CATALOGUE,
      ),
    )
    assert.equal(
      variation.sentence,
      'visits rose by 11.5 percentage points from 55.5% in March 2018 to 67.0% in April 2018, an improvement, the highest in the last 12 months.',
    )
  })

  it('writes rates "per 10,000" and counts with thousands separators', () => {
    const variations = significantVariations(
      pack(
        row({ id: 'lac-rate', unit: 'rate per 10,000', values: steady(90, 104.45) }),
        row({ id: 'contacts', values: steady(1000, 1337).with(11, 1861) }),
      ),
      NO_CATALOGUE,
    )
    assert.deepEqual(
      variations.map((v) => v.sentence),
      [
        'lac-rate rose by 16% from 90 per 10,000 in March 2018 to 104 per 10,000 in April 2018, the highest in the last 12 months.',
        'contacts fell by 28% from 1,861 in March 2018 to 1,337 in April 2018.',
      ],
    )
  })

  it('orders by service area (as first met in the dataset), then dataset order', () => {
    const variations = significantVariations(
      pack(
        row({ id: 'a1', serviceArea: 'Demand', values: steady(10, 20) }),
        row({ id: 'b1', serviceArea: 'Timescales', values: steady(10, 20) }),
        row({ id: 'a2', serviceArea: 'Demand', values: steady(10, 20) }),
        row({ id: 'quiet', serviceArea: 'Demand', values: steady(10, 10) }),
        row({ id: 'b2', serviceArea: 'Timescales', values: steady(10, 20) }),
      ),
      NO_CATALOGUE,
    )
    assert.deepEqual(
      variations.map((v) => v.indicatorId),
      ['a1', 'a2', 'b1', 'b2'],
    )
  })

  it("uses the catalogue's title where it has the indicator", () => {
    const catalogue = new Map([['s47-started', blankIndicator('s47-started', { title: 'Section 47 enquiries' })]])
    const variation = only(significantVariations(pack(s47), catalogue))
    assert.equal(variation.title, 'Section 47 enquiries')
    assert.match(variation.sentence, /^Section 47 enquiries rose by 38%/)
  })

  it('leaves out an indicator with nothing to say', () => {
    assert.deepEqual(
      significantVariations(pack(row({ id: 'calm', values: [5, 9, 7, 8, 6, 7, 8, 7, 6, 8, 7, 7, 7] })), NO_CATALOGUE),
      [],
    )
  })
})

describe('edge cases', () => {
  it('has no change without a previous month, but can still be the 12-month high', () => {
    const variation = only(
      significantVariations(pack(row({ id: 'x', values: steady(10, 30).with(11, null) })), NO_CATALOGUE),
    )
    assert.deepEqual(variation.reasons, ['maximum'])
    assert.equal(variation.sentence, 'x was 30 in April 2018, the highest in the last 12 months.')
  })

  it('says "rose from 0" with no percentage when the previous month was 0', () => {
    const variation = only(
      significantVariations(pack(row({ id: 'x', values: steady(5, 4).with(11, 0) })), NO_CATALOGUE),
    )
    assert.deepEqual(variation.reasons, ['change'])
    assert.equal(variation.sentence, 'x rose from 0 in March 2018 to 4 in April 2018.')
  })

  it('says nothing about 0 staying 0', () => {
    assert.deepEqual(
      significantVariations(pack(row({ id: 'x', values: [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0] })), NO_CATALOGUE),
      [],
    )
  })

  it('shows a negative figure with a real minus sign', () => {
    const variation = only(
      significantVariations(pack(row({ id: 'net', values: steady(-10, -20).with(11, -10) })), NO_CATALOGUE),
    )
    assert.equal(
      variation.sentence,
      'net fell by 100% from \u221210 in March 2018 to \u221220 in April 2018, the lowest in the last 12 months.',
    )
  })

  it('makes no judgement where polarity is neutral', () => {
    const variation = only(significantVariations(pack(row({ id: 'x', values: steady(10, 20) })), NO_CATALOGUE))
    assert.doesNotMatch(variation.sentence, /improvement|deterioration/)
  })

  it('calls a tie with an earlier month the joint highest', () => {
    const variation = only(
      significantVariations(pack(row({ id: 'x', values: steady(8, 12).with(4, 12) })), NO_CATALOGUE),
    )
    assert.deepEqual(variation.reasons, ['change', 'maximum'])
    assert.match(variation.sentence, /, the joint highest in the last 12 months\.$/)
  })

  it('compares the 12-month high as displayed (90.44 ties with 90.41)', () => {
    const variation = only(
      significantVariations(
        pack(row({ id: 'x', unit: 'percentage', values: steady(85, 90.44).with(6, 90.41) })),
        NO_CATALOGUE,
      ),
    )
    assert.deepEqual(variation.reasons, ['maximum'])
    assert.equal(variation.sentence, 'x was 90.4% in April 2018, the joint highest in the last 12 months.')
  })

  it('looks back over P−11 … P only: a higher April 2017 does not count', () => {
    const variation = only(
      significantVariations(pack(row({ id: 'x', values: steady(8, 9).with(0, 50) })), NO_CATALOGUE),
    )
    assert.deepEqual(variation.reasons, ['change', 'maximum'])
  })

  it('finds no high or low in a flat series or a single month', () => {
    assert.deepEqual(significantVariations(pack(row({ id: 'flat', values: steady(7, 7) })), NO_CATALOGUE), [])
    assert.deepEqual(significantVariations(pack(row({ id: 'one', values: steady(null, 7) })), NO_CATALOGUE), [])
  })

  it('says nothing about an indicator with no values at all', () => {
    assert.deepEqual(significantVariations(pack(row({ id: 'empty', values: steady(null, null) })), NO_CATALOGUE), [])
  })

  it('says nothing about a percentage with no value this month, even with a target', () => {
    assert.deepEqual(
      significantVariations(
        pack(row({ id: 'pct', unit: 'percentage', polarity: 'higher', values: steady(80, null), target: 93 })),
        NO_CATALOGUE,
      ),
      [],
    )
  })

  it('treats a 9.x% change as no change (the threshold is on unrounded values)', () => {
    // 245 from 270 is −9.26%, shown as −9%: similar.
    assert.deepEqual(
      significantVariations(pack(row({ id: 'x', values: steady(240, 245).with(11, 270) })), NO_CATALOGUE),
      [],
    )
  })

  it('writes "1 day" but "45 days"', () => {
    const [one, many] = significantVariations(
      pack(
        row({ id: 'one', unit: 'days', values: steady(5, 1) }),
        row({ id: 'many', unit: 'days', values: steady(30, 45) }),
      ),
      NO_CATALOGUE,
    )
    assert.equal(
      one?.sentence,
      'one fell by 80% from 5 days in March 2018 to 1 day in April 2018, the lowest in the last 12 months.',
    )
    assert.equal(
      many?.sentence,
      'many rose by 50% from 30 days in March 2018 to 45 days in April 2018, the highest in the last 12 months.',
    )
  })

  it('returns nothing for a pack with no indicators', () => {
    assert.deepEqual(significantVariations(pack(), NO_CATALOGUE), [])
  })
})

import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { buildPack } from './build-pack.ts'
import { blankIndicator, type Indicator, type Observation } from './catalogue.ts'
import type { Pack } from './pack.ts'
import { addMonths, type Period } from './period.ts'
import {
  canonicalJson,
  disclosePack,
  indicatorSums,
  ratioLinks,
  revisedSincePublication,
  SnapshotError,
  withheldKey,
} from './publication.ts'

/** Observations for one indicator, the 13 months ending April 2018, oldest first. */
function series(indicatorId: string, values: (number | null)[]): Observation[] {
  return values.map((value, i) => ({
    indicatorId,
    period: addMonths('2018-04', i - values.length + 1),
    value,
    numerator: null,
    denominator: null,
  }))
}

// The demo council's adoptions (a count) and adoptions-pct (adoptions of children ceasing care), May 2017 …
// April 2018 plus one month before; April 2018 has 2 adoptions.
const INDICATORS: Indicator[] = [
  blankIndicator('lac-count', {
    title: 'Looked after children',
    unit: 'count',
    targets: [{ financialYear: '2018-19', value: 500 }],
  }),
  blankIndicator('adoptions', { title: 'Adoptions', unit: 'count' }),
  blankIndicator('lac-ceased', { title: 'Children ceasing care', unit: 'count' }),
  blankIndicator('adoptions-pct', {
    title: 'Percentage of adoptions',
    unit: 'percentage',
    numeratorId: 'adoptions',
    denominatorId: 'lac-ceased',
  }),
  blankIndicator('timeliness', { title: 'Average days', unit: 'days' }),
]
const CATALOGUE = new Map(INDICATORS.map((i) => [i.id, i]))

function pack(overrides: Record<string, (number | null)[]> = {}): Pack {
  const base: Record<string, (number | null)[]> = {
    'lac-count': [546, 536, 526, 515, 514, 523, 517, 528, 519, 517, 518, 522, 521],
    adoptions: [12, 8, 10, 9, 8, 7, 9, 10, 12, 6, 8, 9, 2],
    'lac-ceased': [30, 19, 15, 26, 14, 27, 16, 7, 28, 16, 19, 12, 11],
    'adoptions-pct': [null, null, null, null, null, null, null, null, null, null, null, null, null],
    timeliness: [3, 4, 2, 5, 3, 1, 2, 4, 3, 2, 5, 4, 3],
    ...overrides,
  }
  return buildPack({
    dataset: { id: 'monthly', title: 'Monthly', indicatorIds: INDICATORS.map((i) => i.id) },
    indicators: INDICATORS,
    observations: Object.entries(base).flatMap(([id, values]) => series(id, values)),
    period: '2018-04',
  })
}

function row(p: Pack, id: string) {
  const found = p.indicators.find((r) => r.id === id)
  assert.ok(found, id)
  return found
}
const APRIL: Period = '2018-04'

describe('canonicalJson', () => {
  it('orders keys at every level, so the same value always gives the same text', () => {
    assert.equal(
      canonicalJson({ b: 1, a: [true, null, 'x', { d: 2, c: 1 }] }),
      '{"a":[true,null,"x",{"c":1,"d":2}],"b":1}',
    )
    assert.equal(canonicalJson({ z: { y: 1, x: 2 }, a: 0 }), canonicalJson({ a: 0, z: { x: 2, y: 1 } }))
  })

  it('round-trips a built pack: parsing and re-serialising gives the same text', () => {
    const text = canonicalJson(pack())
    assert.equal(canonicalJson(JSON.parse(text)), text)
  })

  describe('edge cases', () => {
    it('writes −0 as 0, leaves undefined properties out and refuses NaN, Infinity and undefined in lists', () => {
      assert.equal(canonicalJson({ a: -0, b: undefined }), '{"a":0}')
      assert.equal(canonicalJson('Séverine "quoted"'), '"Séverine \\"quoted\\""')
      assert.throws(() => canonicalJson({ a: Number.NaN }), SnapshotError)
      assert.throws(() => canonicalJson([Infinity]), SnapshotError)
      assert.throws(() => canonicalJson([undefined]), SnapshotError)
      assert.throws(() => canonicalJson({ f: () => 1 }), SnapshotError)
    })
  })
})

describe('disclosePack', () => {
  it('shows a count of 2 as c, and withholds the percentage built on it and the columns that would reveal it', () => {
    const disclosed = disclosePack(pack(), CATALOGUE)
    const adoptions = row(disclosed.pack, 'adoptions')
    assert.equal(adoptions.values.at(-1)?.value, null)
    assert.ok(disclosed.withheld.has(withheldKey('adoptions', APRIL)))
    // P is suppressed: both changes, the average and maximum (a total over the months) and the RAG go.
    for (const column of [
      'changeFromPreviousMonth',
      'changeFromSameMonthLastYear',
      'average12Months',
      'max12Months',
      'rag',
    ]) {
      assert.ok(disclosed.withheld.has(withheldKey('adoptions', column)), column)
    }
    assert.equal(adoptions.average12Months, null)
    assert.equal(adoptions.changeFromPreviousMonth.percent, null)
    // The percentage of adoptions in April is built on 2 children: withheld, with its numerator.
    const pct = row(disclosed.pack, 'adoptions-pct')
    assert.ok(disclosed.withheld.has(withheldKey('adoptions-pct', APRIL)))
    assert.equal(pct.values.at(-1)?.value, null)
    assert.equal(pct.values.at(-1)?.numerator, null)
    // March's percentage (8 of 19) is shown.
    assert.ok(!disclosed.withheld.has(withheldKey('adoptions-pct', '2018-03')))
    assert.notEqual(pct.values.at(-2)?.value, null)
  })

  it('leaves large counts and everything derived from them alone', () => {
    const live = pack()
    const disclosed = disclosePack(live, CATALOGUE)
    assert.deepEqual(row(disclosed.pack, 'lac-count'), row(live, 'lac-count'))
    assert.ok(![...disclosed.withheld].some((key) => key.startsWith('lac-count|')))
  })

  it('withholds only the year-on-year change when only P−12 is small, and applies a stricter rule', () => {
    const disclosed = disclosePack(
      pack({ 'lac-count': [4, 536, 526, 515, 514, 523, 517, 528, 519, 517, 518, 522, 521] }),
      CATALOGUE,
    )
    const keys = [...disclosed.withheld].filter((key) => key.startsWith('lac-count|')).sort()
    assert.deepEqual(keys, ['lac-count|2017-04', 'lac-count|changeFromSameMonthLastYear'])
    const strict = disclosePack(pack(), CATALOGUE, { min: 1, max: 9, symbol: 'c' })
    assert.ok(strict.withheld.has(withheldKey('lac-ceased', '2017-11')))
    assert.ok(!disclosePack(pack(), CATALOGUE).withheld.has(withheldKey('lac-ceased', '2017-11')))
  })

  describe('edge cases', () => {
    it('shows 0 and missing months, never suppresses days or fractional values, and does not change its input', () => {
      const live = pack({ adoptions: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, null] })
      const before = canonicalJson(live)
      const disclosed = disclosePack(live, CATALOGUE)
      assert.ok(![...disclosed.withheld].some((key) => key.startsWith('adoptions|')))
      assert.ok(![...disclosed.withheld].some((key) => key.startsWith('timeliness|')))
      assert.equal(canonicalJson(live), before)
    })

    it('withholds a percentage whose own denominator is small even when its numerator is 0', () => {
      const live = pack({
        adoptions: [12, 8, 10, 9, 8, 7, 9, 10, 12, 6, 8, 9, 0],
        'lac-ceased': [30, 19, 15, 26, 14, 27, 16, 7, 28, 16, 19, 12, 3],
      })
      const disclosed = disclosePack(live, CATALOGUE)
      assert.ok(disclosed.withheld.has(withheldKey('adoptions-pct', APRIL)))
      assert.ok(!disclosed.withheld.has(withheldKey('adoptions', APRIL)))
    })
  })
})

describe('disclosePack: secondary suppression across indicators (issue 11)', () => {
  /** A one-dataset pack over the given indicators, 13 months of each series. */
  function packOf(indicators: Indicator[], values: Record<string, (number | null)[]>): Pack {
    return buildPack({
      dataset: { id: 'monthly', title: 'Monthly', indicatorIds: indicators.map((i) => i.id) },
      indicators,
      observations: Object.entries(values).flatMap(([id, v]) => series(id, v)),
      period: APRIL,
    })
  }
  const months = (last: number | null, rest: number | null = 20) => [...Array<number | null>(12).fill(rest), last]

  it('withholds transfer-ins becoming a plan (75.0%) when the transfer-ins it is a percentage of are c', () => {
    const indicators = [
      blankIndicator('transfer-ins', { unit: 'count' }),
      blankIndicator('transfer-ins-to-cpp', { unit: 'percentage', denominatorId: 'transfer-ins' }),
    ]
    const disclosed = disclosePack(
      packOf(indicators, { 'transfer-ins': months(4), 'transfer-ins-to-cpp': months(75, 50) }),
      new Map(indicators.map((i) => [i.id, i])),
    )
    assert.ok(disclosed.withheld.has(withheldKey('transfer-ins-to-cpp', APRIL)))
    assert.equal(row(disclosed.pack, 'transfer-ins-to-cpp').values.at(-1)?.value, null)
    // 50% of 20 transfer-ins is 10 children: shown.
    assert.ok(!disclosed.withheld.has(withheldKey('transfer-ins-to-cpp', '2018-03')))
  })

  it('withholds a percentage that stands for 1 to 5 children of a published denominator (2.3% of 130 is 3)', () => {
    const indicators = [
      blankIndicator('completed', { unit: 'count' }),
      blankIndicator('band', { unit: 'percentage', denominatorId: 'completed' }),
    ]
    const disclosed = disclosePack(
      packOf(indicators, { completed: months(130, 130), band: months((3 / 130) * 100, 50) }),
      new Map(indicators.map((i) => [i.id, i])),
    )
    assert.ok(disclosed.withheld.has(withheldKey('band', APRIL)))
    assert.ok(!disclosed.withheld.has(withheldKey('band', '2018-03')))
  })

  it('withholds the repeat-plan percentage (8.7%) when its count, linked through the Annex A measure, is c', () => {
    const indicators = [
      blankIndicator('cpp-repeat-count', { unit: 'count', measure: { measureId: 'cpp-repeat', part: 'count' } }),
      blankIndicator('cpp-repeat', { unit: 'percentage', measure: { measureId: 'cpp-repeat', part: 'value' } }),
    ]
    const catalogue = new Map(indicators.map((i) => [i.id, i]))
    assert.deepEqual(ratioLinks(catalogue.get('cpp-repeat'), catalogue), {
      numerator: 'cpp-repeat-count',
      denominator: null,
    })
    const disclosed = disclosePack(
      packOf(indicators, { 'cpp-repeat-count': months(2), 'cpp-repeat': months(8.7) }),
      catalogue,
    )
    assert.ok(disclosed.withheld.has(withheldKey('cpp-repeat', APRIL)))
    assert.ok(disclosed.withheld.has(withheldKey('cpp-repeat', 'changeFromPreviousMonth')))
  })

  it('finds the assessment duration bands adding up to 100% through their measure links', () => {
    const bands = ['0-10', '11-25', '26-35', '36-45', 'over-45'].map((suffix) =>
      blankIndicator(`band-${suffix}`, {
        unit: 'percentage',
        measure: { measureId: `assessment-duration-${suffix}`, part: 'value' },
      }),
    )
    const sums = indicatorSums(new Map(bands.map((i) => [i.id, i])))
    assert.deepEqual(sums, [{ total: null, parts: bands.map((b) => b.id) }])
    // Without one band's indicator, the sum is not known and none is returned.
    assert.deepEqual(indicatorSums(new Map(bands.slice(1).map((i) => [i.id, i]))), [])
  })
})

describe('revisedSincePublication', () => {
  it('lists the month figures whose live value differs from the published one', () => {
    const published = pack()
    const live = pack({ 'lac-count': [546, 536, 526, 515, 514, 523, 517, 528, 519, 517, 518, 522, 530] })
    const revised = revisedSincePublication(live, published)
    assert.deepEqual([...revised.keys()], ['lac-count|2018-04'])
    assert.deepEqual(revised.get('lac-count|2018-04'), {
      indicatorId: 'lac-count',
      period: APRIL,
      published: 521,
      live: 530,
    })
  })

  describe('edge cases', () => {
    it('finds nothing revised in an identical pack, and ignores indicators the snapshot never held', () => {
      assert.equal(revisedSincePublication(pack(), pack()).size, 0)
      const published = { ...pack(), indicators: pack().indicators.filter((r) => r.id !== 'lac-count') }
      const live = pack({ 'lac-count': [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1] })
      assert.equal(revisedSincePublication(live, published).size, 0)
      const cleared = pack({ timeliness: [3, 4, 2, 5, 3, 1, 2, 4, 3, 2, 5, 4, null] })
      assert.deepEqual(revisedSincePublication(cleared, pack()).get('timeliness|2018-04')?.live, null)
    })
  })
})

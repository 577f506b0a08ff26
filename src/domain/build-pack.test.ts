import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { describe, it } from 'node:test'
import Papa from 'papaparse'
import { buildPack, PackBuildError } from './build-pack.ts'
import {
  blankIndicator,
  isPolarity,
  isUnit,
  type Benchmark,
  type Dataset,
  type Indicator,
  type Observation,
  type Target,
} from './catalogue.ts'
import type { Pack, PackIndicator } from './pack.ts'
import { addMonths, type Period } from './period.ts'

function assertClose(actual: number | null | undefined, expected: number | null, label = ''): void {
  if (expected === null || actual === null || actual === undefined) return assert.equal(actual, expected, label)
  assert.ok(Math.abs(actual - expected) < 1e-9, `${label}: expected ${actual} to be ${expected}`)
}

/** Observations for one indicator, oldest first, ending at `end`; undefined means no observation that month. */
function series(indicatorId: string, end: Period, values: (number | null | undefined)[]): Observation[] {
  return values.flatMap((value, i) =>
    value === undefined
      ? []
      : [{ indicatorId, period: addMonths(end, i - values.length + 1), value, numerator: null, denominator: null }],
  )
}

/** The pack's only indicator. */
function only(pack: Pack): PackIndicator {
  assert.equal(pack.indicators.length, 1)
  const [row] = pack.indicators
  assert.ok(row)
  return row
}

function find(indicators: PackIndicator[], id: string): PackIndicator {
  const found = indicators.find((indicator) => indicator.id === id)
  assert.ok(found, `the pack should have ${id}`)
  return found
}

const P = '2018-04'
const thirteen = (value: number): number[] => Array.from({ length: 13 }, () => value)

describe('buildPack', () => {
  it('covers the 13 months P−12 … P, oldest first, across a year end', () => {
    const pack = buildPack({
      dataset: { id: 'monthly', title: 'Monthly dataset', indicatorIds: [] },
      indicators: [],
      observations: [],
      period: '2018-02',
    })
    assert.deepEqual(pack, {
      dataset: 'monthly',
      period: '2018-02',
      months: [
        '2017-02',
        '2017-03',
        '2017-04',
        '2017-05',
        '2017-06',
        '2017-07',
        '2017-08',
        '2017-09',
        '2017-10',
        '2017-11',
        '2017-12',
        '2018-01',
        '2018-02',
      ],
      indicators: [],
    })
  })

  it("lists the dataset's indicators in the dataset's order, not the catalogue's", () => {
    const indicators = ['a', 'b', 'c'].map((id) => blankIndicator(id))
    const pack = buildPack({
      dataset: { id: 'd', title: 'D', indicatorIds: ['c', 'a'] },
      indicators,
      observations: [],
      period: P,
    })
    assert.deepEqual(
      pack.indicators.map((i) => i.id),
      ['c', 'a'],
    )
  })

  it('carries the catalogue fields the table shows', () => {
    const indicator = blankIndicator('lac-count', {
      code: 'LAC1',
      title: 'Number of Looked after Children at end of period',
      serviceArea: 'Looked after children',
      unit: 'count',
      polarity: 'lower',
      owner: 'Jane White',
    })
    const row = only(
      buildPack({
        dataset: { id: 'd', title: 'D', indicatorIds: ['lac-count'] },
        indicators: [indicator],
        observations: [],
        period: P,
      }),
    )
    assert.ok(row)
    assert.equal(row.code, 'LAC1')
    assert.equal(row.title, 'Number of Looked after Children at end of period')
    assert.equal(row.serviceArea, 'Looked after children')
    assert.equal(row.unit, 'count')
    assert.equal(row.polarity, 'lower')
  })

  it('has exactly 13 values, with nulls for missing months and months outside the window ignored', () => {
    const indicator = blankIndicator('x', { unit: 'count' })
    const observations = [
      ...series('x', P, [1, undefined, 3, 4, 5, 6, 7, 8, 9, 10, 11, null, 13]),
      { indicatorId: 'x', period: '2017-03', value: 999, numerator: null, denominator: null },
      { indicatorId: 'x', period: '2018-05', value: 999, numerator: null, denominator: null },
    ]
    const row = only(
      buildPack({
        dataset: { id: 'd', title: 'D', indicatorIds: ['x'] },
        indicators: [indicator],
        observations,
        period: P,
      }),
    )
    assert.ok(row)
    assert.equal(row.values.length, 13)
    assert.deepEqual(row.values[0], { period: '2017-04', value: 1, numerator: null, denominator: null })
    assert.deepEqual(row.values[1], { period: '2017-05', value: null, numerator: null, denominator: null })
    assert.deepEqual(row.values[11], { period: '2018-03', value: null, numerator: null, denominator: null })
    assert.deepEqual(row.values[12], { period: '2018-04', value: 13, numerator: null, denominator: null })
    // April 2018 against April 2017: (13 − 1) ÷ 1 = +1,200 %. March 2018 is missing: no change.
    assert.deepEqual(row.changeFromSameMonthLastYear, { percent: 1200, direction: 'increase', judgement: 'neutral' })
    assert.deepEqual(row.changeFromPreviousMonth, { percent: null, direction: 'n/a', judgement: 'n/a' })
    // 12 months May 2017 – April 2018 with values 3 … 11 and 13: 76 ÷ 10 = 7.6, shown as 8; maximum 13.
    assert.equal(row.average12Months, 8)
    assert.equal(row.max12Months, 13)
  })

  it('computes percentages from their numerator and denominator indicators, carrying both', () => {
    const indicators = [
      blankIndicator('done', { unit: 'count' }),
      blankIndicator('all', { unit: 'count' }),
      blankIndicator('pct', { unit: 'percentage', polarity: 'higher', numeratorId: 'done', denominatorId: 'all' }),
    ]
    const observations = [
      ...series('done', P, [...thirteen(1).slice(0, 11), 3, 83]),
      ...series('all', P, [...thirteen(4).slice(0, 11), 4, 128]),
      ...series('pct', P, thirteen(65)),
    ]
    const pack = buildPack({
      dataset: { id: 'd', title: 'D', indicatorIds: ['pct', 'done'] },
      indicators,
      observations,
      period: P,
    })
    const pct = find(pack.indicators, 'pct')
    // 83 ÷ 128 × 100 = 64.84375 (the stored 65 is not used); March 3 ÷ 4 = 75.
    assert.deepEqual(pct.values[12], { period: P, value: 64.84375, numerator: 83, denominator: 128 })
    assert.deepEqual(pct.values[11], { period: '2018-03', value: 75, numerator: 3, denominator: 4 })
    // (64.84375 − 75) ÷ 75 × 100 = −13.54 → −14, a decrease; higher is better, so negative.
    assert.deepEqual(pct.changeFromPreviousMonth, { percent: -14, direction: 'decrease', judgement: 'negative' })
    // 12 months: 25 ×10, 75, 64.84375 → 389.84375 ÷ 12 = 32.487 → 32.5; maximum 75.0.
    assert.equal(pct.average12Months, 32.5)
    assert.equal(pct.max12Months, 75)
    // A count shows no numerator or denominator.
    assert.deepEqual(find(pack.indicators, 'done').values[12], {
      period: P,
      value: 83,
      numerator: null,
      denominator: null,
    })
  })

  it('takes the benchmarks as plain numbers', () => {
    const indicator = blankIndicator('x', {
      benchmarks: {
        statisticalNeighbours: { value: 340, vintage: 'Updated Nov-17, using 2016-17 data' },
        england: { value: 354, vintage: null },
        region: null,
      },
    })
    const row = only(
      buildPack({
        dataset: { id: 'd', title: 'D', indicatorIds: ['x'] },
        indicators: [indicator],
        observations: [],
        period: P,
      }),
    )
    assert.deepEqual(row.benchmarks, { statisticalNeighbours: 340, england: 354, region: null })
  })

  it("uses the target of P's financial year and compares the unrounded value", () => {
    const indicator = blankIndicator('x', {
      unit: 'percentage',
      polarity: 'higher',
      targets: [
        { financialYear: '2017-18', value: 90 },
        { financialYear: '2018-19', value: 93 },
      ],
    })
    const observations = series('x', P, [...thirteen(80).slice(0, 12), 92.96])
    const row = only(
      buildPack({
        dataset: { id: 'd', title: 'D', indicatorIds: ['x'] },
        indicators: [indicator],
        observations,
        period: P,
      }),
    )
    assert.equal(row.target, 93)
    // 92.96 shows as 93.0 but is below 93: amber, not green.
    assert.equal(row.rag, 'amber')
  })

  it('throws a PackBuildError when the dataset lists an indicator the catalogue lacks', () => {
    assert.throws(
      () =>
        buildPack({
          dataset: { id: 'monthly', title: 'Monthly dataset', indicatorIds: ['lac-count', 'no-such-thing'] },
          indicators: [blankIndicator('lac-count')],
          observations: [],
          period: P,
        }),
      (error: unknown) =>
        error instanceof PackBuildError &&
        error.name === 'PackBuildError' &&
        error.message.includes('"no-such-thing"') &&
        error.message.includes('Monthly dataset'),
    )
  })

  it('throws a PackBuildError when an indicator has two figures for one month', () => {
    const observations = [...series('x', P, [1]), ...series('x', P, [2])]
    assert.throws(
      () =>
        buildPack({
          dataset: { id: 'd', title: 'D', indicatorIds: ['x'] },
          indicators: [blankIndicator('x')],
          observations,
          period: P,
        }),
      PackBuildError,
    )
  })
})

describe('edge cases', () => {
  it('an indicator with no figures at all: 13 empty months, no changes, no average, no RAG', () => {
    const indicator = blankIndicator('x', { polarity: 'lower', targets: [{ financialYear: '2018-19', value: 10 }] })
    const row = only(
      buildPack({
        dataset: { id: 'd', title: 'D', indicatorIds: ['x'] },
        indicators: [indicator],
        observations: [],
        period: P,
      }),
    )
    assert.ok(row)
    assert.equal(row.values.length, 13)
    assert.ok(row.values.every((v) => v.value === null && v.numerator === null && v.denominator === null))
    assert.deepEqual(row.changeFromPreviousMonth, { percent: null, direction: 'n/a', judgement: 'n/a' })
    assert.deepEqual(row.changeFromSameMonthLastYear, { percent: null, direction: 'n/a', judgement: 'n/a' })
    assert.equal(row.average12Months, null)
    assert.equal(row.max12Months, null)
    assert.equal(row.target, 10)
    assert.equal(row.rag, null)
  })

  it('all 12 recent months null but P−12 present: no average, no maximum', () => {
    const observations = series('x', P, [5, ...Array.from({ length: 12 }, () => null)])
    const row = only(
      buildPack({
        dataset: { id: 'd', title: 'D', indicatorIds: ['x'] },
        indicators: [blankIndicator('x')],
        observations,
        period: P,
      }),
    )
    assert.equal(row.average12Months, null)
    assert.equal(row.max12Months, null)
    assert.equal(row.changeFromSameMonthLastYear.direction, 'n/a')
  })

  it('a zero previous month gives no change', () => {
    const observations = series('x', P, [0, ...thirteen(0).slice(0, 11), 5])
    const row = only(
      buildPack({
        dataset: { id: 'd', title: 'D', indicatorIds: ['x'] },
        indicators: [blankIndicator('x')],
        observations,
        period: P,
      }),
    )
    assert.deepEqual(row.changeFromPreviousMonth, { percent: null, direction: 'n/a', judgement: 'n/a' })
    assert.deepEqual(row.changeFromSameMonthLastYear, { percent: null, direction: 'n/a', judgement: 'n/a' })
  })

  it('a percentage with a zero denominator has no value but keeps its figures', () => {
    const indicators = [
      blankIndicator('n', { unit: 'count' }),
      blankIndicator('d', { unit: 'count' }),
      blankIndicator('pct', { unit: 'percentage', polarity: 'higher', numeratorId: 'n', denominatorId: 'd' }),
    ]
    const observations = [...series('n', P, [1, 0]), ...series('d', P, [2, 0])]
    const row = only(
      buildPack({
        dataset: { id: 'ds', title: 'DS', indicatorIds: ['pct'] },
        indicators,
        observations,
        period: P,
      }),
    )
    assert.deepEqual(row.values[12], { period: P, value: null, numerator: 0, denominator: 0 })
    assert.deepEqual(row.values[11], { period: '2018-03', value: 50, numerator: 1, denominator: 2 })
    assert.deepEqual(row.changeFromPreviousMonth, { percent: null, direction: 'n/a', judgement: 'n/a' })
    assert.equal(row.average12Months, 50)
  })

  it('neutral polarity: judgement neutral and no RAG even with a target', () => {
    const indicator = blankIndicator('x', { polarity: 'neutral', targets: [{ financialYear: '2018-19', value: 100 }] })
    const observations = series('x', P, [...thirteen(100).slice(0, 12), 150])
    const row = only(
      buildPack({
        dataset: { id: 'd', title: 'D', indicatorIds: ['x'] },
        indicators: [indicator],
        observations,
        period: P,
      }),
    )
    assert.deepEqual(row.changeFromPreviousMonth, { percent: 50, direction: 'increase', judgement: 'neutral' })
    assert.equal(row.target, 100)
    assert.equal(row.rag, null)
  })

  it('a month with no value in P: no RAG, no change, but an average of the other months', () => {
    const indicator = blankIndicator('x', { polarity: 'higher', targets: [{ financialYear: '2018-19', value: 100 }] })
    const observations = series('x', P, [...thirteen(100).slice(0, 12), null])
    const row = only(
      buildPack({
        dataset: { id: 'd', title: 'D', indicatorIds: ['x'] },
        indicators: [indicator],
        observations,
        period: P,
      }),
    )
    assert.equal(row.rag, null)
    assert.equal(row.changeFromPreviousMonth.direction, 'n/a')
    assert.equal(row.average12Months, 100)
  })

  it('half-way changes round away from zero and a tiny fall is 0, not −0', () => {
    const indicators = [blankIndicator('down'), blankIndicator('up'), blankIndicator('flat')]
    const observations = [
      // 200 → 195: −2.5 % → −3. 200 → 205: +2.5 % → +3. 522 → 521: −0.19 % → 0.
      ...series('down', P, [200, ...thirteen(200).slice(0, 11), 195]),
      ...series('up', P, [200, ...thirteen(200).slice(0, 11), 205]),
      ...series('flat', P, [522, ...thirteen(522).slice(0, 11), 521]),
    ]
    const pack = buildPack({
      dataset: { id: 'd', title: 'D', indicatorIds: ['down', 'up', 'flat'] },
      indicators,
      observations,
      period: P,
    })
    assert.equal(find(pack.indicators, 'down').changeFromPreviousMonth.percent, -3)
    assert.equal(find(pack.indicators, 'up').changeFromPreviousMonth.percent, 3)
    assert.ok(Object.is(find(pack.indicators, 'flat').changeFromPreviousMonth.percent, 0))
  })

  it('uses the 2017-18 target for March 2018 and the 2018-19 target for April 2018', () => {
    const indicator = blankIndicator('x', {
      polarity: 'lower',
      targets: [
        { financialYear: '2017-18', value: 515 },
        { financialYear: '2018-19', value: 460 },
      ],
    })
    const observations = series('x', P, [...thirteen(500).slice(0, 11), 522, 521])
    const input = { dataset: { id: 'd', title: 'D', indicatorIds: ['x'] }, indicators: [indicator], observations }
    const march = only(buildPack({ ...input, period: '2018-03' }))
    const april = only(buildPack({ ...input, period: '2018-04' }))
    assert.equal(march.target, 515)
    assert.equal(april.target, 460)
  })

  it('survives a JSON round trip unchanged (no undefined, no −0, no NaN)', () => {
    const indicators = [
      blankIndicator('n', { unit: 'count', polarity: 'higher' }),
      blankIndicator('d', { unit: 'count' }),
      blankIndicator('pct', { unit: 'percentage', polarity: 'higher', numeratorId: 'n', denominatorId: 'd' }),
    ]
    const observations = [
      ...series('n', P, [1, 2, 3, 0, null, 5, 6, 7, 8, 9, 10, 11, 12]),
      ...series('d', P, [2, 4, 6, 0, 8, undefined, 12, 14, 16, 18, 20, 22, 25]),
    ]
    const pack = buildPack({
      dataset: { id: 'ds', title: 'DS', indicatorIds: ['pct', 'n', 'd'] },
      indicators,
      observations,
      period: P,
    })
    assert.deepStrictEqual(JSON.parse(JSON.stringify(pack)), pack)
  })
})

/** The council's April 2018 dataset as published, read the simplest way a test can. */
function councilDataset(): { dataset: Dataset; indicators: Indicator[]; observations: Observation[] } {
  const text = readFileSync(new URL('../../fixtures/monthly-dataset-2018-04.csv', import.meta.url), 'utf8')
  const { data, meta } = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true })
  const months = (meta.fields ?? []).filter((field) => /^\d{4}-\d{2}$/.test(field))
  const number = (text: string | undefined): number | null =>
    text === undefined || text.trim() === '' ? null : Number(text)
  const benchmark = (text: string | undefined): Benchmark | null => {
    const value = number(text)
    return value === null ? null : { value, vintage: null }
  }
  const indicators = data.map((row) => {
    const unit = row.unit ?? ''
    const polarity = row.polarity ?? ''
    assert.ok(isUnit(unit) && isPolarity(polarity), `row ${row.id ?? ''}`)
    const targets: Target[] = Object.entries(row).flatMap(([field, value]) => {
      const year = /^target_(\d{4})_(\d{2})$/.exec(field)
      const target = number(value)
      return year && target !== null ? [{ financialYear: `${year[1] ?? ''}-${year[2] ?? ''}`, value: target }] : []
    })
    return blankIndicator(row.id ?? '', {
      code: row.code ?? '',
      title: row.title ?? '',
      serviceArea: row.service_area ?? '',
      unit,
      polarity,
      numeratorId: row.numerator || null,
      denominatorId: row.denominator || null,
      benchmarks: {
        statisticalNeighbours: benchmark(row.benchmark_stat_neighbours),
        england: benchmark(row.benchmark_england),
        region: benchmark(row.benchmark_south_east),
      },
      targets,
    })
  })
  const observations = data.flatMap((row) =>
    months.map((period) => ({
      indicatorId: row.id ?? '',
      period,
      value: number(row[period]),
      numerator: null,
      denominator: null,
    })),
  )
  return {
    dataset: { id: 'monthly', title: 'Monthly dataset', indicatorIds: indicators.map((i) => i.id) },
    indicators,
    observations,
  }
}

describe('the council’s April 2018 dataset', () => {
  const council = councilDataset()
  const pack = buildPack({ ...council, period: '2018-04' })
  const row = (id: string): PackIndicator => find(pack.indicators, id)

  it('has every indicator in the file’s order, each with 13 months', () => {
    assert.equal(pack.indicators.length, 49)
    assert.equal(pack.indicators[0]?.id, 'contacts-cin-referrals')
    assert.equal(pack.indicators.at(-1)?.id, 'foster-carers')
    assert.deepEqual(
      pack.months,
      council.observations.slice(0, 13).map((o) => o.period),
    )
    assert.ok(pack.indicators.every((i) => i.values.length === 13))
  })

  it('sa-in-45wd: 83 of 128 = 64.84375 from its numerator and denominator indicators', () => {
    // sa-in-45wd-count April 2018 = 83, sa-completed = 128; 83 ÷ 128 × 100 = 64.84375 (the council printed 65.0).
    assert.deepEqual(row('sa-in-45wd').values[12], {
      period: '2018-04',
      value: 64.84375,
      numerator: 83,
      denominator: 128,
    })
    // April 2017: 98 ÷ 137 × 100 = 71.532846…
    assertClose(row('sa-in-45wd').values[0]?.value, (98 / 137) * 100, 'April 2017')
    assert.equal(row('sa-in-45wd').values[0]?.numerator, 98)
  })

  it('contacts-cin-referrals: 270 → 245 is −9 %, similar, neutral; benchmarks as numbers', () => {
    const referrals = row('contacts-cin-referrals')
    // (245 − 270) ÷ 270 × 100 = −9.26 → −9; not −10 or less, so similar; polarity neutral.
    assert.deepEqual(referrals.changeFromPreviousMonth, { percent: -9, direction: 'similar', judgement: 'neutral' })
    // (245 − 244) ÷ 244 × 100 = +0.41 → 0.
    assert.deepEqual(referrals.changeFromSameMonthLastYear, { percent: 0, direction: 'similar', judgement: 'neutral' })
    // May 2017 – April 2018 add up to 3,272: ÷ 12 = 272.67 → 273. The largest is 333 (May 2017).
    assert.equal(referrals.average12Months, 273)
    assert.equal(referrals.max12Months, 333)
    assert.deepEqual(referrals.benchmarks, { statisticalNeighbours: 340, england: 354, region: 470 })
    assert.equal(referrals.rag, null)
  })

  it('lac-count: 521 against the 2018-19 target of 460, lower is better: red', () => {
    const lac = row('lac-count')
    assert.equal(lac.values[12]?.value, 521)
    assert.equal(lac.target, 460)
    // Amber only up to 460 + 5 % of 460 = 483.
    assert.equal(lac.rag, 'red')
    // (521 − 522) ÷ 522 = −0.19 % → 0 (not −0). (521 − 546) ÷ 546 = −4.58 % → −5.
    assert.deepEqual(lac.changeFromPreviousMonth, { percent: 0, direction: 'similar', judgement: 'similar' })
    assert.ok(Object.is(lac.changeFromPreviousMonth.percent, 0))
    assert.deepEqual(lac.changeFromSameMonthLastYear, { percent: -5, direction: 'similar', judgement: 'similar' })
    // May 2017 – April 2018 add up to 6,256: ÷ 12 = 521.33 → 521; the largest is 536.
    assert.equal(lac.average12Months, 521)
    assert.equal(lac.max12Months, 536)
  })

  it('adoptions-pct: 2 of 11 against 4 of 12 is −45 %, a decrease, negative', () => {
    const adoptions = row('adoptions-pct')
    // 2 ÷ 11 × 100 = 18.18…; March 4 ÷ 12 × 100 = 33.33…; (2/11 − 1/3) ÷ (1/3) = −5/11 = −45.45 % → −45.
    const april = adoptions.values[12]
    assert.ok(april)
    assertClose(april.value, 200 / 11, 'April 2018')
    assert.deepEqual([april.numerator, april.denominator], [2, 11])
    assert.deepEqual(adoptions.changeFromPreviousMonth, { percent: -45, direction: 'decrease', judgement: 'negative' })
  })

  it('sgos-pct: 0 of 3 a year ago is a zero base, so no change from the same month last year', () => {
    // April 2017: 0 sgos of 3 children leaving care = 0 %. April 2018: 0 of 11 = 0 %. March 2018: 1 of 12.
    const sgos = row('sgos-pct')
    assert.deepEqual(sgos.values[0], { period: '2017-04', value: 0, numerator: 0, denominator: 3 })
    assert.deepEqual(sgos.changeFromSameMonthLastYear, { percent: null, direction: 'n/a', judgement: 'n/a' })
    // 8.33 % → 0 % is −100 %.
    assert.deepEqual(sgos.changeFromPreviousMonth, { percent: -100, direction: 'decrease', judgement: 'negative' })
  })

  it('care-leavers-suitable: 90.4 against 93.0 is amber', () => {
    const leavers = row('care-leavers-suitable')
    // Amber from 93 − 4.65 = 88.35. (90.4 − 86.8) ÷ 86.8 = +4.15 % → 4, similar.
    assert.equal(leavers.target, 93)
    assert.equal(leavers.rag, 'amber')
    assert.deepEqual(leavers.changeFromPreviousMonth, { percent: 4, direction: 'similar', judgement: 'similar' })
  })

  it('foster-carers: no April 2017 figure, so no change from the same month last year', () => {
    const carers = row('foster-carers')
    assert.deepEqual(carers.values[0], { period: '2017-04', value: null, numerator: null, denominator: null })
    assert.deepEqual(carers.changeFromSameMonthLastYear, { percent: null, direction: 'n/a', judgement: 'n/a' })
    // Only a 2017-18 target (190): none for 2018-19, so no RAG.
    assert.equal(carers.target, null)
    assert.equal(carers.rag, null)
    // May 2017 – April 2018 add up to 2,075: ÷ 12 = 172.92 → 173.
    assert.equal(carers.average12Months, 173)
  })

  it('transfer-ins-to-cpp: blank recent months are left out of the average', () => {
    const transfers = row('transfer-ins-to-cpp')
    assert.equal(transfers.values[12]?.value, null)
    assert.deepEqual(transfers.changeFromPreviousMonth, { percent: null, direction: 'n/a', judgement: 'n/a' })
    // May – December 2017: 0, 100, 100, 100, 50, 100, 75, 100 = 625 ÷ 8 = 78.125 → 78.1.
    assert.equal(transfers.average12Months, 78.1)
    assert.equal(transfers.max12Months, 100)
  })

  it('a March 2018 pack uses the 2017-18 targets', () => {
    const march = buildPack({ ...council, period: '2018-03' })
    const lac = find(march.indicators, 'lac-count')
    // 522 against 515, lower is better: amber up to 515 + 25.75 = 540.75.
    assert.equal(lac.target, 515)
    assert.equal(lac.rag, 'amber')
    // adoptions: 4 against 50, higher is better: red.
    assert.equal(find(march.indicators, 'adoptions').rag, 'red')
    // March 2017 is not in the file: no change from the same month last year for anyone.
    assert.ok(march.indicators.every((i) => i.changeFromSameMonthLastYear.direction === 'n/a'))
  })
})

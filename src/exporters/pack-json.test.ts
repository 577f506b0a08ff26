// node:test runs describe/it itself; their returned promises are not ours to await.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { Pack, PackIndicator } from '../domain/pack.ts'
import { periodsEnding } from '../domain/period.ts'
import { packToJson } from './pack-json.ts'
import { PackExportError } from './pack-table.ts'

const MONTHS = periodsEnding('2018-04', 13)

function packIndicator(id: string, overrides: Partial<PackIndicator> = {}): PackIndicator {
  return {
    id,
    code: '',
    title: id,
    serviceArea: 'Front door',
    unit: 'count',
    polarity: 'neutral',
    values: MONTHS.map((period, i) => ({ period, value: 100 + i, numerator: null, denominator: null })),
    changeFromPreviousMonth: { percent: 1, direction: 'similar', judgement: 'neutral' },
    changeFromSameMonthLastYear: { percent: 12, direction: 'increase', judgement: 'neutral' },
    average12Months: 106.5,
    max12Months: 112,
    benchmarks: { statisticalNeighbours: 340, england: 354, region: 470 },
    target: null,
    rag: null,
    ...overrides,
  }
}

function samplePack(): Pack {
  return {
    dataset: 'monthly',
    period: '2018-04',
    months: MONTHS,
    indicators: [
      packIndicator('referrals'),
      packIndicator('mash-24h', {
        code: 'FD2',
        unit: 'percentage',
        polarity: 'higher',
        values: MONTHS.map((period, i) => ({
          period,
          value: i === 2 ? null : (200 + i) / 3, // 2017-06 has no value
          numerator: i === 2 ? null : 200 + i,
          denominator: i === 2 ? null : 3,
        })),
        changeFromPreviousMonth: { percent: -3, direction: 'similar', judgement: 'similar' },
        benchmarks: { statisticalNeighbours: null, england: null, region: null },
        target: 80,
        rag: 'red',
      }),
      packIndicator('cp-plans', { code: 'CP1', serviceArea: 'Child protection', polarity: 'lower', rag: 'green' }),
    ],
  }
}

const PACK_KEYS = ['dataset', 'period', 'months', 'indicators']
const INDICATOR_KEYS = [
  'id',
  'code',
  'title',
  'serviceArea',
  'unit',
  'polarity',
  'values',
  'changeFromPreviousMonth',
  'changeFromSameMonthLastYear',
  'average12Months',
  'max12Months',
  'benchmarks',
  'target',
  'rag',
]
const VALUE_KEYS = ['period', 'value', 'numerator', 'denominator']
const CHANGE_KEYS = ['percent', 'direction', 'judgement']
const BENCHMARK_KEYS = ['statisticalNeighbours', 'england', 'region']

function assertContractKeys(parsed: unknown): void {
  const pack = parsed as Record<string, unknown>
  assert.deepEqual(Object.keys(pack), PACK_KEYS)
  for (const indicator of pack['indicators'] as Record<string, unknown>[]) {
    assert.deepEqual(Object.keys(indicator), INDICATOR_KEYS)
    for (const value of indicator['values'] as object[]) assert.deepEqual(Object.keys(value), VALUE_KEYS)
    assert.deepEqual(Object.keys(indicator['changeFromPreviousMonth'] as object), CHANGE_KEYS)
    assert.deepEqual(Object.keys(indicator['changeFromSameMonthLastYear'] as object), CHANGE_KEYS)
    assert.deepEqual(Object.keys(indicator['benchmarks'] as object), BENCHMARK_KEYS)
  }
}

describe('packToJson', () => {
  it('round-trips the pack', () => {
    const pack = samplePack()
    assert.deepEqual(JSON.parse(packToJson(pack)), pack)
  })

  it('has exactly the contract keys, in the contract order', () => {
    assertContractKeys(JSON.parse(packToJson(samplePack())))
  })

  it('is pretty-printed with a 2-space indent and ends with a newline', () => {
    const json = packToJson(samplePack())
    assert.ok(json.startsWith('{\n  "dataset": "monthly",\n  "period": "2018-04",\n  "months": [\n    "2017-04",'))
    assert.ok(json.endsWith('}\n'))
  })

  it('keeps the 13 months and each indicator in pack order', () => {
    const parsed = JSON.parse(packToJson(samplePack())) as Pack
    assert.equal(parsed.months.length, 13)
    assert.deepEqual(
      parsed.indicators.map((indicator) => indicator.id),
      ['referrals', 'mash-24h', 'cp-plans'],
    )
  })
})

describe('packToJson edge cases', () => {
  it('drops keys the contract does not have and puts keys in contract order', () => {
    const { rag, ...rest } = packIndicator('referrals')
    const shuffled = { rag, extra: 'internal', ...rest, hash: 'abc' }
    const pack = { hash: 'x', indicators: [shuffled], months: MONTHS, period: '2018-04', dataset: 'monthly' }
    const parsed: unknown = JSON.parse(packToJson(pack))
    assertContractKeys(parsed)
    assert.equal(JSON.stringify(parsed).includes('internal'), false)
  })

  it('writes missing values, no target, no benchmarks and no RAG as null, never leaving the key out', () => {
    const parsed = JSON.parse(packToJson(samplePack())) as Pack
    const mash = parsed.indicators[1]
    assert.ok(mash)
    assert.deepEqual(mash.values[2], { period: '2017-06', value: null, numerator: null, denominator: null })
    assert.deepEqual(mash.benchmarks, { statisticalNeighbours: null, england: null, region: null })
    const referrals = parsed.indicators[0]
    assert.ok(referrals)
    assert.equal(referrals.target, null)
    assert.equal(referrals.rag, null)
  })

  it('keeps a negative change and an unrounded monthly value exactly', () => {
    const parsed = JSON.parse(packToJson(samplePack())) as Pack
    const mash = parsed.indicators[1]
    assert.ok(mash)
    assert.equal(mash.changeFromPreviousMonth.percent, -3)
    assert.equal(mash.values[0]?.value, 200 / 3)
  })

  it('keeps a title with commas, quotes, newlines and a leading "=" unchanged', () => {
    const title = '=HYPERLINK("x"), a\nb'
    const parsed = JSON.parse(packToJson({ ...samplePack(), indicators: [packIndicator('odd', { title })] })) as Pack
    assert.equal(parsed.indicators[0]?.title, title)
  })

  it('writes −0 as 0', () => {
    const pack = { ...samplePack(), indicators: [packIndicator('zero', { target: -0 })] }
    assert.ok(packToJson(pack).includes('"target": 0,'))
  })

  it('writes a pack with no indicators', () => {
    assert.deepEqual(JSON.parse(packToJson({ ...samplePack(), indicators: [] })), { ...samplePack(), indicators: [] })
  })

  it('refuses NaN rather than letting JSON turn it into null', () => {
    const pack = { ...samplePack(), indicators: [packIndicator('broken', { max12Months: Number.NaN })] }
    assert.throws(() => packToJson(pack), PackExportError)
  })
})

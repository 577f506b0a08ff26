import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { blankIndicator } from '../catalogue.ts'
import {
  benchmarkFor,
  quartileOf,
  readBenchmarkPolarity,
  readBenchmarkValue,
  regionKey,
  withDfeBenchmarks,
  comparedCouncils,
  type AreaFigure,
  type BenchmarkPolarity,
} from './benchmarks.ts'

function figure(laNumber: number, area: string, region: string, text: string): AreaFigure {
  const value = readBenchmarkValue(text)
  if (value === null) throw new Error(`bad test value ${text}`)
  return { laNumber, area, region, value }
}

/*
 * A small country. Council 852 (South East) has neighbours 801, 802, 803 and 999 (a number with no row).
 * Single councils with a value: 852 = 20, 801 = 10, 802 = 30, 804 = 20, 301 = 5, 302 = 40 → six ranked.
 * 803 published "c" and 805 "-", so they are neither averaged nor ranked.
 */
const figures: AreaFigure[] = [
  figure(852, 'Southampton', 'South East', '20'),
  figure(801, 'Bristol', 'South West', '10'),
  figure(802, 'North Somerset', 'South West', '30'),
  figure(803, 'South Gloucestershire', 'South West', 'c'),
  figure(804, 'Somewhere', 'South East', '20'),
  figure(805, 'Elsewhere', 'South East', '-'),
  figure(301, 'Barking and Dagenham', 'Outer London', '5'),
  figure(302, 'Barnet', 'Outer London', '40'),
  figure(970, 'England', 'NA', '21.5'),
  figure(988, 'London (Outer)', 'NA', '22.5'),
  figure(989, 'South East', 'NA', '19.25'),
]

function ask(laNumber: number, polarity: BenchmarkPolarity, neighbours = [801, 802, 803, 999]) {
  return benchmarkFor({ figures, laNumber, neighbours, polarity })
}

describe('readBenchmarkValue', () => {
  it('reads numbers, including the extract’s binary noise', () => {
    assert.deepEqual(readBenchmarkValue('18.100000000000001'), { published: true, value: 18.1 })
    assert.deepEqual(readBenchmarkValue('0'), { published: true, value: 0 })
    assert.deepEqual(readBenchmarkValue('-3.5'), { published: true, value: -3.5 })
  })

  it('keeps each DfE marker as not published with its reason, never 0', () => {
    const cases: [string, string][] = [
      ['-', 'not available'],
      ['c', 'suppressed'],
      ['x', 'not applicable'],
      ['z', 'not collected'],
      ['..', 'not available (..)'],
      ['low', 'low number'],
      ['', 'blank'],
      ['  ', 'blank'],
      ['LOW', 'low number'],
    ]
    for (const [text, reason] of cases) {
      const value = readBenchmarkValue(text)
      assert.equal(value?.published, false, text)
      assert.equal(value.published ? null : value.reason, reason, text)
    }
  })

  it('refuses anything else rather than guessing', () => {
    assert.equal(readBenchmarkValue('12%'), null)
    assert.equal(readBenchmarkValue('n/a'), null)
    assert.equal(readBenchmarkValue('1,200'), null)
  })
})

describe('readBenchmarkPolarity', () => {
  it('orders only High and Low', () => {
    assert.equal(readBenchmarkPolarity('High'), 'High')
    assert.equal(readBenchmarkPolarity('low'), 'Low')
    assert.equal(readBenchmarkPolarity('-'), null)
    assert.equal(readBenchmarkPolarity('NA'), null)
  })
})

describe('regionKey', () => {
  it('matches the region column to the region rows', () => {
    assert.equal(regionKey('Yorkshire and The Humber'), regionKey('Yorkshire and the Humber'))
    assert.equal(regionKey('Inner London'), regionKey('London (Inner)'))
    assert.equal(regionKey('Outer London'), regionKey('london (outer)'))
    assert.notEqual(regionKey('London'), regionKey('London (Inner)'))
  })
})

describe('benchmarkFor', () => {
  it('averages only the neighbours that published a value, and says how many', () => {
    // 801 = 10, 802 = 30; 803 is suppressed and 999 has no row: (10 + 30) / 2 = 20 from 2.
    const answer = ask(852, 'Low')
    assert.equal(answer.snAverage, 20)
    assert.equal(answer.snCount, 2)
  })

  it('has no SN average when no neighbour published', () => {
    const answer = ask(852, 'Low', [803, 805])
    assert.equal(answer.snAverage, null)
    assert.equal(answer.snCount, 0)
  })

  it('takes England and the council’s region from their rows', () => {
    const answer = ask(852, 'Low')
    assert.equal(answer.value, 20)
    assert.equal(answer.england, 21.5)
    assert.equal(answer.region, 'South East')
    assert.equal(answer.regionValue, 19.25)
  })

  it('matches Outer London to the London (Outer) row', () => {
    const answer = ask(301, 'Low', [])
    assert.equal(answer.region, 'Outer London')
    assert.equal(answer.regionValue, 22.5)
  })

  it('ranks lower-is-better with ties sharing a rank', () => {
    // Ranked values 5, 10, 20, 20, 30, 40. Lower is better: 5 and 10 are strictly better than 20 → rank 3,
    // and 804 (also 20) shares it.
    assert.equal(ask(852, 'Low').rank, 3)
    assert.equal(ask(804, 'Low').rank, 3)
    assert.equal(ask(802, 'Low').rank, 5)
    assert.equal(ask(852, 'Low').of, 6)
  })

  it('ranks higher-is-better the other way', () => {
    // Higher is better: 40 and 30 are strictly better than 20 → rank 3; 5 is last of six.
    assert.equal(ask(852, 'High').rank, 3)
    assert.equal(ask(301, 'High').rank, 6)
    assert.equal(ask(302, 'High').rank, 1)
  })

  it('bands the rank into quartiles, A the best', () => {
    // Six ranked: band floor((rank − 1) × 4 / 6): rank 1–2 A, 3 B, 4–5 C, 6 D.
    assert.equal(ask(302, 'High').quartile, 'A')
    assert.equal(ask(852, 'High').quartile, 'B')
    assert.equal(ask(801, 'High').quartile, 'C')
    assert.equal(ask(301, 'High').quartile, 'D')
  })

  it('does not rank England, the regions, or councils that did not publish', () => {
    const answer = ask(805, 'Low')
    assert.equal(answer.value, null)
    assert.equal(answer.notPublished, 'not available')
    assert.equal(answer.rank, null)
    assert.equal(answer.quartile, null)
    assert.equal(answer.of, 6)
  })

  it('has no rank and no quartile without a High or Low polarity', () => {
    const answer = ask(852, null)
    assert.equal(answer.rank, null)
    assert.equal(answer.quartile, null)
    assert.equal(answer.value, 20)
  })

  it('says when the council has no row at all', () => {
    const answer = ask(123, 'Low')
    assert.equal(answer.value, null)
    assert.equal(answer.notPublished, 'no row')
    assert.equal(answer.region, null)
    assert.equal(answer.regionValue, null)
    assert.equal(answer.england, 21.5)
  })

  it('averages without binary noise', () => {
    // 0.1 + 0.2 is 0.30000000000000004 in binary; the mean of 0.1 and 0.2 is 0.15.
    const answer = benchmarkFor({
      figures: [figure(1, 'A', 'X', '0.1'), figure(2, 'B', 'X', '0.2')],
      laNumber: 3,
      neighbours: [1, 2],
      polarity: 'High',
    })
    assert.equal(answer.snAverage, 0.15)
  })
})

describe('quartileOf', () => {
  it('splits 150 ranks into 38, 37, 38, 37', () => {
    assert.equal(quartileOf(38, 150), 'A')
    assert.equal(quartileOf(39, 150), 'B')
    assert.equal(quartileOf(75, 150), 'B')
    assert.equal(quartileOf(76, 150), 'C')
    assert.equal(quartileOf(113, 150), 'C')
    assert.equal(quartileOf(114, 150), 'D')
    assert.equal(quartileOf(150, 150), 'D')
    assert.equal(quartileOf(1, 1), 'A')
  })
})

describe('comparedCouncils', () => {
  it('lists the council then its neighbours in SN order, with DfE’s names, values and reasons', () => {
    assert.deepEqual(comparedCouncils(figures, 852, [801, 803, 999]), [
      { laNumber: 852, name: 'Southampton', value: 20, notPublished: null, own: true },
      { laNumber: 801, name: 'Bristol', value: 10, notPublished: null, own: false },
      { laNumber: 803, name: 'South Gloucestershire', value: null, notPublished: 'suppressed', own: false },
      { laNumber: 999, name: 'LA 999', value: null, notPublished: 'no row', own: false },
    ])
  })
})

describe('withDfeBenchmarks', () => {
  const handTyped = { value: 17.9, vintage: 'Updated Nov-17' }
  const local = blankIndicator('re-referrals', {
    benchmarks: { statisticalNeighbours: handTyped, england: handTyped, region: null },
    regionName: 'South East',
  })
  const dfe = new Map([['ReReferral', { answer: ask(852, 'Low'), vintage: 'DfE 2024-25 data' }]])

  it('replaces the benchmark columns with DfE’s where the indicator names an item', () => {
    const linked = withDfeBenchmarks({ ...local, benchmarkItem: 'ReReferral' }, dfe)
    assert.deepEqual(linked.benchmarks, {
      statisticalNeighbours: { value: 20, vintage: 'DfE 2024-25 data' },
      england: { value: 21.5, vintage: 'DfE 2024-25 data' },
      region: { value: 19.25, vintage: 'DfE 2024-25 data' },
    })
    // 852 has 20: lower is better, so 10 and 5 are better (rank 3 of 6, band floor(2 × 4 ∕ 6) = B).
    assert.deepEqual(linked.dfeStanding, {
      value: 20,
      notPublished: null,
      rank: 3,
      of: 6,
      quartile: 'B',
      vintage: 'DfE 2024-25 data',
    })
  })

  it('says why the council has no standing when DfE did not publish its own value', () => {
    const suppressed = new Map([['ReReferral', { answer: ask(803, 'Low'), vintage: 'DfE 2024-25 data' }]])
    const linked = withDfeBenchmarks({ ...local, benchmarkItem: 'ReReferral' }, suppressed)
    assert.equal(linked.dfeStanding?.value, null)
    assert.equal(linked.dfeStanding?.notPublished, 'suppressed')
    assert.equal(linked.dfeStanding?.rank, null)
    assert.equal(linked.dfeStanding?.quartile, null)
  })

  it('keeps the hand-typed benchmarks without an item, or when DfE has none for it', () => {
    assert.equal(withDfeBenchmarks(local, dfe), local)
    const unknown = { ...local, benchmarkItem: 'NotAnItem' }
    assert.equal(withDfeBenchmarks(unknown, dfe), unknown)
    assert.equal(withDfeBenchmarks(local, dfe).dfeStanding, undefined)
  })
})

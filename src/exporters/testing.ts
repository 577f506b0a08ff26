/**
 * A small hand-made pack and catalogue shared by the exporters' tests: 3 indicators in 2 service areas, with
 * nulls, a negative change and a title that needs quoting.
 */
import { blankIndicator, type Indicator } from '../domain/catalogue.ts'
import type { Pack, PackIndicator } from '../domain/pack.ts'
import { periodsEnding } from '../domain/period.ts'

export const MONTHS = periodsEnding('2018-04', 13)
export const VINTAGE = 'Updated Nov-17, using 2016-17 data'

export function packIndicator(id: string, overrides: Partial<PackIndicator> = {}): PackIndicator {
  return {
    id,
    code: '',
    title: id,
    serviceArea: 'Front door',
    unit: 'count',
    polarity: 'neutral',
    values: MONTHS.map((period) => ({ period, value: null, numerator: null, denominator: null })),
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

export function values(list: (number | null)[]): PackIndicator['values'] {
  return MONTHS.map((period, i) => ({ period, value: list[i] ?? null, numerator: null, denominator: null }))
}

// Three indicators in two service areas, the areas interleaved in pack order to prove the grouping.
export function samplePack(): Pack {
  return {
    dataset: 'monthly',
    period: '2018-04',
    months: MONTHS,
    indicators: [
      packIndicator('referrals', {
        title: 'Number of new referrals',
        // 2017-06 has no value
        values: values([244, 333, null, 299, 246, 281, 309, 257, 194, 302, 229, 270, 375]),
        changeFromPreviousMonth: { percent: 39, direction: 'increase', judgement: 'neutral' },
        changeFromSameMonthLastYear: { percent: 54, direction: 'increase', judgement: 'neutral' },
        average12Months: 280,
        max12Months: 375,
        benchmarks: { statisticalNeighbours: 340, england: 1354, region: 470 },
      }),
      packIndicator('cp-plans', {
        code: 'CP1',
        title: 'Children subject to a child protection plan',
        serviceArea: 'Child protection',
        polarity: 'lower',
        values: values([340, 335, 330, 325, 320, 318, 316, 314, 312, 310, 308, 306, 269]),
        changeFromPreviousMonth: { percent: -12, direction: 'decrease', judgement: 'positive' },
        changeFromSameMonthLastYear: { percent: -21, direction: 'decrease', judgement: 'positive' },
        average12Months: 309,
        max12Months: 335,
        benchmarks: { statisticalNeighbours: 96, england: 102, region: 135 },
        target: 300,
        rag: 'green',
      }),
      packIndicator('mash-24h', {
        code: 'FD2',
        title: 'Referrals completed by MASH within 24 hours',
        unit: 'percentage',
        polarity: 'higher',
        values: values([81, 83, 81, 75, 79, 66, 57, 77, 77, 75, 76, 68.75, 200 / 3]),
        changeFromPreviousMonth: { percent: -3, direction: 'similar', judgement: 'similar' },
        changeFromSameMonthLastYear: { percent: -18, direction: 'decrease', judgement: 'negative' },
        average12Months: 74.2,
        max12Months: 83,
        target: 80,
        rag: 'red',
      }),
    ],
  }
}

export function sampleCatalogue(region: number | null = 3): Map<string, Indicator> {
  const benchmark = (value: number) => ({ value, vintage: VINTAGE })
  return new Map(
    ['referrals', 'cp-plans', 'mash-24h'].map((id) => [
      id,
      blankIndicator(id, {
        owner: 'Jane White',
        reporter: 'Performance team',
        outcome: `Outcome for ${id}`,
        regionName: 'South East',
        benchmarks: {
          statisticalNeighbours: benchmark(1),
          england: benchmark(2),
          region: region === null ? null : benchmark(region),
        },
      }),
    ]),
  )
}

/**
 * Synthetic figures files of any size for the benchmarks, in the council's own layouts.
 */
import { addMonths, periodsEnding } from '../src/domain/period.ts'
import { WIDE_REQUIRED } from '../src/importers/figures.ts'

/** A wide dataset file: `count` indicators (every fifth a percentage of the two counts before it), 13 months. */
export function syntheticWideCsv(count: number, end: string): string {
  const months = periodsEnding(end, 13)
  const header = [
    ...WIDE_REQUIRED,
    ...months,
    'benchmark_stat_neighbours',
    'benchmark_england',
    'benchmark_south_east',
    'target_2017_18',
    'target_2018_19',
  ]
  const lines = [header.join(',')]
  for (let i = 0; i < count; i++) {
    const percentage = i % 5 === 4
    const values = months.map((_, m) => (percentage ? '' : String(100 + ((i * 37 + m * 11) % 90))))
    lines.push(
      [
        `indicator-${i}`,
        `IND${i}`,
        `"Synthetic indicator ${i}, for benchmarking"`,
        `Area ${Math.floor(i / 8)}`,
        percentage ? 'percentage' : 'count',
        ['higher', 'lower', 'neutral'][i % 3] ?? 'neutral',
        'Owner',
        'Outcome',
        percentage ? `indicator-${i - 1}` : '',
        percentage ? `indicator-${i - 2}` : '',
        ...values,
        '120',
        '110',
        '100',
        '105',
        '104',
      ].join(','),
    )
  }
  return `${lines.join('\n')}\n`
}

/** A long figures file of `rows` values spread over `indicators` indicators of the wide file above. */
export function syntheticLongCsv(rows: number, indicators: number, end: string): string {
  const lines = ['indicator_id,period,value']
  const months = Math.ceil(rows / indicators)
  for (let r = 0; r < rows; r++) {
    const indicator = r % indicators
    const month = Math.floor(r / indicators)
    lines.push(`indicator-${indicator},${addMonths(end, month - months + 1)},${(r * 7) % 500}`)
  }
  return `${lines.join('\n')}\n`
}

// node:test runs describe/it itself; their returned promises are not ours to await.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import Papa from 'papaparse'
import { blankIndicator } from '../domain/catalogue.ts'
import { csvField, neutraliseFormula, packToCsv } from './pack-csv.ts'
import { PackExportError } from './pack-table.ts'
import { MONTHS, VINTAGE, packIndicator, samplePack, sampleCatalogue } from './testing.ts'

const BOM = '\uFEFF'

function parse(csv: string): { fields: string[]; rows: Record<string, string>[] } {
  assert.ok(csv.startsWith(BOM), 'starts with a byte order mark')
  const result = Papa.parse<Record<string, string>>(csv.slice(BOM.length), { header: true, skipEmptyLines: true })
  assert.deepEqual(result.errors, [])
  return { fields: result.meta.fields ?? [], rows: result.data }
}

function rowOf(rows: Record<string, string>[], id: string): Record<string, string> {
  const row = rows.find((candidate) => candidate['id'] === id)
  assert.ok(row, `row ${id} exists`)
  return row
}

const HEADER = [
  'service_area',
  'id',
  'code',
  'title',
  'unit',
  'polarity',
  'owner',
  'reporter',
  'outcome',
  ...MONTHS,
  'change_from_previous_month_percent',
  'change_from_previous_month_direction',
  'change_from_previous_month_judgement',
  'change_from_same_month_last_year_percent',
  'change_from_same_month_last_year_direction',
  'change_from_same_month_last_year_judgement',
  'average_12_months',
  'max_12_months',
  'benchmark_stat_neighbours',
  'benchmark_stat_neighbours_vintage',
  'benchmark_england',
  'benchmark_england_vintage',
  'benchmark_region',
  'benchmark_region_vintage',
  'region_name',
  'target',
  'target_financial_year',
  'rag',
  'benchmark_council_value',
  'benchmark_rank',
  'benchmark_ranked_councils',
  'benchmark_quartile',
  'benchmark_dfe_vintage',
]

describe('packToCsv', () => {
  it('starts with a byte order mark and ends every line with CRLF', () => {
    const csv = packToCsv(samplePack(), sampleCatalogue(null))
    assert.ok(csv.startsWith(BOM))
    assert.ok(csv.endsWith('\r\n'))
    assert.equal(csv.split('\r\n').length, 1 + 3 + 1) // header, 3 indicators, nothing after the last CRLF
    assert.doesNotMatch(csv.replaceAll('\r\n', ''), /[\r\n]/)
  })

  it('has one header row with the service area as a column and the months headed YYYY-MM', () => {
    const { fields } = parse(packToCsv(samplePack(), sampleCatalogue(null)))
    assert.deepEqual(fields, HEADER)
    assert.equal(fields[9], '2017-04')
  })

  it('has one row per indicator, no group rows, in service-area order', () => {
    const { rows } = parse(packToCsv(samplePack(), sampleCatalogue(null)))
    assert.deepEqual(
      rows.map((row) => [row['service_area'], row['id']]),
      [
        ['Front door', 'referrals'],
        ['Front door', 'mash-24h'],
        ['Child protection', 'cp-plans'],
      ],
    )
  })

  it('writes the monthly values unrounded, as in the JSON', () => {
    const mash = rowOf(parse(packToCsv(samplePack(), sampleCatalogue(null))).rows, 'mash-24h')
    assert.equal(mash['2018-04'], String(200 / 3))
    assert.equal(Number(mash['2018-04']), 200 / 3)
    assert.equal(mash['2018-03'], '68.75')
    assert.equal(mash['2017-04'], '81')
  })

  it('writes changes as whole percents, negatives as plain numbers, with direction and judgement as words', () => {
    const { rows } = parse(packToCsv(samplePack(), sampleCatalogue(null)))
    const mash = rowOf(rows, 'mash-24h')
    assert.equal(mash['change_from_previous_month_percent'], '-3')
    assert.equal(mash['change_from_previous_month_direction'], 'similar')
    assert.equal(mash['change_from_previous_month_judgement'], 'similar')
    assert.equal(mash['change_from_same_month_last_year_percent'], '-18')
    assert.equal(mash['change_from_same_month_last_year_direction'], 'decrease')
    assert.equal(mash['change_from_same_month_last_year_judgement'], 'negative')
    assert.equal(rowOf(rows, 'cp-plans')['change_from_previous_month_judgement'], 'positive')
  })

  it('writes averages, maxima, benchmarks with vintages, target and RAG', () => {
    const { rows } = parse(packToCsv(samplePack(), sampleCatalogue(null)))
    const cp = rowOf(rows, 'cp-plans')
    assert.equal(cp['average_12_months'], '309')
    assert.equal(cp['max_12_months'], '335')
    assert.equal(cp['benchmark_stat_neighbours'], '96')
    assert.equal(cp['benchmark_stat_neighbours_vintage'], VINTAGE)
    assert.equal(cp['benchmark_england'], '102')
    assert.equal(cp['benchmark_region'], '135')
    assert.equal(cp['benchmark_region_vintage'], '')
    assert.equal(cp['region_name'], 'South East')
    assert.equal(cp['target'], '300')
    assert.equal(cp['target_financial_year'], '2018-19')
    assert.equal(cp['rag'], 'green')
    assert.equal(rowOf(rows, 'mash-24h')['average_12_months'], '74.2')
  })

  it("writes the council's own DfE value, rank, quartile and vintage, blank where the benchmarks are hand-typed", () => {
    const catalogue = sampleCatalogue(null)
    const cp = catalogue.get('cp-plans')
    assert.ok(cp)
    const vintage = 'DfE 2024-25 data, statistical neighbours May 2025'
    catalogue.set('cp-plans', {
      ...cp,
      dfeStanding: { value: 41.5, notPublished: null, rank: 12, of: 152, quartile: 'A', vintage },
    })
    const { rows } = parse(packToCsv(samplePack(), catalogue))
    const dfe = rowOf(rows, 'cp-plans')
    assert.equal(dfe['benchmark_council_value'], '41.5')
    assert.equal(dfe['benchmark_rank'], '12')
    assert.equal(dfe['benchmark_ranked_councils'], '152')
    assert.equal(dfe['benchmark_quartile'], 'A')
    assert.equal(dfe['benchmark_dfe_vintage'], vintage)
    const local = rowOf(rows, 'referrals')
    for (const column of HEADER.slice(-5)) assert.equal(local[column], '', column)
  })

  it('writes owner, reporter and outcome from the catalogue', () => {
    const cp = rowOf(parse(packToCsv(samplePack(), sampleCatalogue(null))).rows, 'cp-plans')
    assert.equal(cp['owner'], 'Jane White')
    assert.equal(cp['reporter'], 'Performance team')
    assert.equal(cp['outcome'], 'Outcome for cp-plans')
  })

  it('neutralises text that a spreadsheet would run as a formula', () => {
    const catalogue = new Map([
      ['referrals', blankIndicator('referrals', { owner: '=cmd|" /C calc"!A0', reporter: '@SUM(A1)', outcome: '+1' })],
    ])
    const pack = { ...samplePack(), indicators: [packIndicator('referrals', { title: '-5 children' })] }
    const row = rowOf(parse(packToCsv(pack, catalogue)).rows, 'referrals')
    assert.equal(row['owner'], `'=cmd|" /C calc"!A0`)
    assert.equal(row['reporter'], "'@SUM(A1)")
    assert.equal(row['outcome'], "'+1")
    assert.equal(row['title'], "'-5 children")
  })
})

describe('packToCsv edge cases', () => {
  it('leaves fields empty for null values, no target and no benchmarks', () => {
    const pack = { ...samplePack(), indicators: [packIndicator('empty')] }
    const row = rowOf(parse(packToCsv(pack, new Map())).rows, 'empty')
    for (const heading of [...MONTHS, 'change_from_previous_month_percent', 'average_12_months', 'max_12_months']) {
      assert.equal(row[heading], '', heading)
    }
    for (const heading of ['benchmark_stat_neighbours', 'benchmark_england', 'benchmark_region', 'target', 'rag']) {
      assert.equal(row[heading], '', heading)
    }
    assert.equal(row['change_from_previous_month_direction'], 'n/a')
    assert.equal(row['owner'], '') // not in the catalogue
    assert.equal(row['target_financial_year'], '2018-19')
  })

  it('keeps a June with no value empty between its neighbours', () => {
    const referrals = rowOf(parse(packToCsv(samplePack(), sampleCatalogue(null))).rows, 'referrals')
    assert.deepEqual([referrals['2017-05'], referrals['2017-06'], referrals['2017-07']], ['333', '', '299'])
  })

  it('quotes a title with commas, quotes and a newline, and neutralises its leading "="', () => {
    const title = '=HYPERLINK("http://evil", "click"), and\nmore'
    const pack = { ...samplePack(), indicators: [packIndicator('odd', { title })] }
    const csv = packToCsv(pack, new Map())
    assert.ok(csv.includes('"\'=HYPERLINK(""http://evil"", ""click""), and\nmore"'))
    assert.equal(rowOf(parse(csv).rows, 'odd')['title'], `'${title}`)
  })

  it('neutralises text starting with a tab or a carriage return', () => {
    assert.equal(neutraliseFormula('\t=1+1'), "'\t=1+1")
    assert.equal(csvField('\r=1+1'), '"\'\r=1+1"')
    assert.equal(neutraliseFormula('n/a'), 'n/a')
    assert.equal(neutraliseFormula(' =1'), ' =1') // Excel does not run a formula after a space
  })

  it('writes numbers as numbers: a negative is never prefixed and −0 is 0', () => {
    assert.equal(csvField(-3), '-3')
    assert.equal(csvField(-0), '0')
    assert.equal(csvField(null), '')
    assert.equal(csvField('-3'), "'-3") // the same characters as text are neutralised
  })

  it('writes only the header for a pack with no indicators', () => {
    const csv = packToCsv({ ...samplePack(), indicators: [] }, new Map())
    assert.equal(csv, `${BOM}${HEADER.join(',')}\r\n`)
  })

  it('refuses a pack holding Infinity, naming the indicator and column', () => {
    const pack = { ...samplePack(), indicators: [packIndicator('broken', { average12Months: Infinity })] }
    assert.throws(
      () => packToCsv(pack, new Map()),
      (error: unknown) => {
        assert.ok(error instanceof PackExportError)
        assert.match(error.message, /broken: average_12_months is Infinity/)
        return true
      },
    )
  })
})

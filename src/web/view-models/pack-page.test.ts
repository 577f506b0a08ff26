import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { describe, it } from 'node:test'
import { blankIndicator, type Indicator, type Unit } from '../../domain/catalogue.ts'
import type { Change, Pack, PackIndicator } from '../../domain/pack.ts'
import { periodsEnding } from '../../domain/period.ts'
import {
  directionKey,
  directionModel,
  formatNumber,
  formatPercentChange,
  formatValue,
  formatValueWithUnit,
  packPageModel,
  ragKey,
  ragModel,
  safeId,
} from './pack-page.ts'

const MONTHS = periodsEnding('2018-04', 13)
const SIMILAR: Change = { percent: 2, direction: 'similar', judgement: 'similar' }

function packIndicator(id: string, overrides: Partial<PackIndicator> = {}): PackIndicator {
  return {
    id,
    code: '',
    title: `Title of ${id}`,
    serviceArea: 'Front door',
    unit: 'count',
    polarity: 'neutral',
    values: MONTHS.map((period, i) => ({ period, value: 100 + i, numerator: null, denominator: null })),
    changeFromPreviousMonth: SIMILAR,
    changeFromSameMonthLastYear: SIMILAR,
    average12Months: 106.5,
    max12Months: 112,
    benchmarks: { statisticalNeighbours: null, england: null, region: null },
    target: null,
    rag: null,
    ...overrides,
  }
}

function pack(indicators: PackIndicator[]): Pack {
  return { dataset: 'monthly', period: '2018-04', months: MONTHS, indicators }
}

function catalogueOf(p: Pack, overrides: Partial<Indicator> = {}): Map<string, Indicator> {
  return new Map(
    p.indicators.map((row) => [row.id, blankIndicator(row.id, { regionName: 'South East', ...overrides })]),
  )
}

const OPTIONS = {
  datasetTitle: 'Children and Families Monthly Dataset',
  availablePeriods: ['2018-02', '2018-03', '2018-04'],
  publicView: true,
}

describe('drill-down links', () => {
  it('link only the months with children behind them, and only for a viewer given them', () => {
    const p = pack([packIndicator('a'), packIndicator('b')])
    const hrefs = (options: Parameters<typeof packPageModel>[2]) =>
      packPageModel(p, catalogueOf(p), options).groups[0]?.rows.map((r) => r.values.flatMap((v) => v.childrenHref ?? []))
    assert.deepEqual(hrefs({ ...OPTIONS, publicView: false, drillDowns: new Map([['a', new Set(['2018-03'])]]) }), [
      ['/indicators/a/children?month=2018-03'],
      [],
    ])
    assert.deepEqual(hrefs({ ...OPTIONS, publicView: false }), [[], []])
  })
})

describe('formatValue', () => {
  // The other engineer's domain formatter is the published contract; this private helper must agree with it.
  const examples = JSON.parse(
    readFileSync(new URL('../../domain/statistics/format.examples.json', import.meta.url), 'utf8'),
  ) as { formatValue: Array<{ unit: Unit; value: number | null; expected: string; why: string }> }

  for (const example of examples.formatValue) {
    it(`${example.unit} ${String(example.value)} → "${example.expected}" (${example.why})`, () => {
      assert.equal(formatValue(example.value, example.unit), example.expected)
    })
  }

  it('shows counts, rates and days whole, percentages to 1 decimal place', () => {
    assert.equal(formatValue(1234.4, 'count'), '1,234')
    assert.equal(formatValue(45.5, 'rate per 10,000'), '46')
    assert.equal(formatValue(12.49, 'days'), '12')
    assert.equal(formatValue(66.25, 'percentage'), '66.3')
  })

  describe('edge cases', () => {
    it('rounds a written half away from zero despite binary noise', () => {
      assert.equal(formatNumber(1.005, 2), '1.01')
      assert.equal(formatValue(-2.5, 'count'), '\u22123')
    })

    it('never shows minus zero', () => {
      assert.equal(formatValue(-0.04, 'percentage'), '0.0')
      assert.equal(formatValue(-0, 'count'), '0')
    })

    it('shows NaN and Infinity as blank rather than as words', () => {
      assert.equal(formatValue(Number.NaN, 'count'), '')
      assert.equal(formatValue(Number.POSITIVE_INFINITY, 'count'), '')
    })

    it('adds a % sign only where asked, and only to percentages', () => {
      assert.equal(formatValueWithUnit(64.84375, 'percentage'), '64.8%')
      assert.equal(formatValueWithUnit(1158, 'count'), '1,158')
      assert.equal(formatValueWithUnit(null, 'percentage'), '')
    })
  })
})

describe('formatPercentChange', () => {
  const examples = JSON.parse(
    readFileSync(new URL('../../domain/statistics/format.examples.json', import.meta.url), 'utf8'),
  ) as { formatChange: Array<{ percent: number | null; expected: string; why: string }> }

  for (const example of examples.formatChange) {
    it(`${String(example.percent)} → "${example.expected}" (${example.why})`, () => {
      assert.equal(formatPercentChange(example.percent), example.expected)
    })
  }

  describe('edge cases', () => {
    it('uses a real minus sign, not a hyphen', () => {
      assert.equal(formatPercentChange(-12), '\u221212%')
      assert.ok(!formatPercentChange(-12).includes('-'))
    })

    it('says n/a for a change that is not a number', () => {
      assert.equal(formatPercentChange(Number.NaN), 'n/a')
    })
  })
})

describe('directionModel', () => {
  it('names the direction and the judgement in words, with an arrow', () => {
    assert.deepEqual(directionModel({ direction: 'increase', judgement: 'positive' }), {
      symbol: '▲',
      text: 'Increase – positive',
      className: 'app-dot app-dot--positive',
    })
    assert.equal(directionModel({ direction: 'decrease', judgement: 'negative' }).text, 'Decrease – negative')
    assert.equal(directionModel({ direction: 'decrease', judgement: 'negative' }).symbol, '▼')
    assert.equal(directionModel({ direction: 'increase', judgement: 'neutral' }).text, 'Increase – neutral')
  })

  describe('edge cases', () => {
    it('says "Similar" without a judgement, which would add nothing', () => {
      const model = directionModel({ direction: 'similar', judgement: 'similar' })
      assert.equal(model.text, 'Similar')
      assert.equal(model.symbol, '►')
    })

    it('says "Not available" when there is nothing to compare', () => {
      assert.equal(directionModel({ direction: 'n/a', judgement: 'n/a' }).text, 'Not available')
    })

    it('colours an unjudged change as neutral', () => {
      assert.equal(directionModel({ direction: 'increase', judgement: 'n/a' }).className, 'app-dot app-dot--neutral')
    })
  })
})

describe('ragModel', () => {
  it('writes RAG as a word with a matching tag colour', () => {
    assert.deepEqual(ragModel('green', 10), { text: 'Green', tagClass: 'govuk-tag--green' })
    assert.deepEqual(ragModel('amber', 10), { text: 'Amber', tagClass: 'govuk-tag--orange' })
    assert.deepEqual(ragModel('red', 10), { text: 'Red', tagClass: 'govuk-tag--red' })
  })

  describe('edge cases', () => {
    it('tells "no target" apart from "a target but no rating"', () => {
      assert.equal(ragModel(null, null).text, 'No target')
      assert.equal(ragModel(null, 0).text, 'Not rated')
    })
  })
})

describe('packPageModel', () => {
  it('titles the page with the dataset and the month in words', () => {
    const model = packPageModel(pack([packIndicator('a')]), new Map(), OPTIONS)
    assert.equal(model.heading, 'Children and Families Monthly Dataset – April 2018')
    assert.equal(model.pageTitle, model.heading)
    assert.equal(model.caption, 'Children and Families Monthly Dataset: 1 indicator, April 2017 to April 2018')
  })

  it('groups rows by service area, in the order the areas first appear', () => {
    const p = pack([
      packIndicator('a', { serviceArea: 'Front door' }),
      packIndicator('b', { serviceArea: 'Children in need' }),
      packIndicator('c', { serviceArea: 'Front door' }),
    ])
    const model = packPageModel(p, catalogueOf(p), OPTIONS)
    assert.deepEqual(
      model.groups.map((g) => [g.heading, g.rows.map((r) => r.id)]),
      [
        ['Front door', ['a', 'c']],
        ['Children in need', ['b']],
      ],
    )
    assert.equal(new Set(model.groups.map((g) => g.id)).size, 2)
  })

  it('formats the 13 months, the changes, DoT, the figures and RAG for each row', () => {
    const values = MONTHS.map((period, i) => ({
      period,
      value: i === 3 ? null : 60 + i * 1.25,
      numerator: null,
      denominator: null,
    }))
    const p = pack([
      packIndicator('sa', {
        code: 'SA1',
        unit: 'percentage',
        polarity: 'higher',
        values,
        changeFromPreviousMonth: { percent: 12, direction: 'increase', judgement: 'positive' },
        changeFromSameMonthLastYear: { percent: -3, direction: 'similar', judgement: 'similar' },
        average12Months: 67.9,
        max12Months: 75,
        benchmarks: { statisticalNeighbours: 70.05, england: null, region: 71 },
        target: 80,
        rag: 'red',
      }),
    ])
    const row = packPageModel(p, catalogueOf(p), OPTIONS).groups[0]?.rows[0]
    assert.ok(row)
    assert.equal(row.values.length, 13)
    assert.deepEqual(row.values[0], { text: '60.0', missing: false })
    assert.deepEqual(row.values[3], { text: '', missing: true })
    assert.deepEqual(row.values[12], { text: '75.0', missing: false })
    assert.equal(row.changeFromPreviousMonth.text, '+12%')
    assert.equal(row.changeFromSameMonthLastYear.text, '\u22123%')
    assert.equal(row.direction.text, 'Increase – positive')
    assert.deepEqual(
      row.figures.map((f) => f.text),
      ['67.9', '75.0', '70.1', '', '71.0', '80.0'],
    )
    assert.equal(row.rag.text, 'Red')
    assert.equal(row.href, '/indicators/sa')
    assert.equal(row.code, 'SA1')
    assert.equal(row.unitText, 'Percentage')
    assert.match(row.sparkline, /^<svg /)
    assert.match(row.sparkline, /Latest 75.0 in April 2018/)
  })

  it('heads the columns with the months, the region and the target year', () => {
    const p = pack([packIndicator('a')])
    const model = packPageModel(p, catalogueOf(p), OPTIONS)
    assert.deepEqual(model.monthHeadings[0], { text: 'Apr-17', label: 'April 2017' })
    assert.deepEqual(model.monthHeadings[12], { text: 'Apr-18', label: 'April 2018' })
    assert.deepEqual(model.figureHeadings, [
      '12-month average',
      '12-month maximum',
      'Statistical neighbours',
      'England',
      'South East region',
      'Target 2018-19',
    ])
    assert.equal(model.columnCount, 1 + 13 + 1 + 2 + 1 + 6 + 1)
    assert.equal(model.trailingColumnCount, model.columnCount - 1 - 13)
    assert.equal(model.dfeNote, null)
  })

  it('notes which rates per 10,000 use an earlier year’s child population, for the years the pack shows', () => {
    const p = pack([
      packIndicator('a', { title: 'Referral rate' }),
      packIndicator('b'),
      packIndicator('c', { title: 'CPP rate' }),
    ])
    const catalogue = catalogueOf(p)
    const fallbacks = [
      { financialYear: '2018-19', from: '2017-18', midYear: 2017 },
      { financialYear: '2019-20', from: '2017-18', midYear: 2017 }, // after the pack's months
    ]
    for (const id of ['a', 'c']) {
      const entry = catalogue.get(id)
      assert.ok(entry)
      catalogue.set(id, { ...entry, populationFallbacks: fallbacks })
    }
    assert.deepEqual(packPageModel(p, catalogue, OPTIONS).populationNotes, [
      'Referral rate; CPP rate: ONS has published no population estimate for 2018-19 yet, so their rates per 10,000 ' +
        'for 2018-19 use the latest earlier one: the mid-2017 estimate (2017-18).',
    ])
    assert.deepEqual(packPageModel(p, catalogueOf(p), OPTIONS).populationNotes, [])
  })

  it("adds the council's own DfE value, rank and quartile when an indicator has DfE benchmarks", () => {
    const p = pack([packIndicator('a'), packIndicator('b')])
    const catalogue = catalogueOf(p)
    const a = catalogue.get('a')
    assert.ok(a)
    const vintage = 'DfE 2024-25 data, statistical neighbours May 2025'
    catalogue.set('a', {
      ...a,
      dfeStanding: { value: 41.5, notPublished: null, rank: 12, of: 152, quartile: 'A', vintage },
    })
    const model = packPageModel(p, catalogue, OPTIONS)
    assert.deepEqual(model.figureHeadings.slice(4), [
      'South East region',
      'Our value (DfE)',
      'Rank (DfE)',
      'Quartile (DfE)',
      'Target 2018-19',
    ])
    assert.equal(model.columnCount, 1 + 13 + 1 + 2 + 1 + 6 + 3 + 1)
    assert.equal(model.trailingColumnCount, model.columnCount - 1 - 13)
    const [withDfe, local] = model.groups[0]?.rows ?? []
    assert.deepEqual(
      withDfe?.figures.slice(5, 8).map((cell) => cell.text),
      ['42', '12 of 152', 'A'], // a count shows whole, like its other benchmarks
    )
    assert.deepEqual(
      local?.figures.slice(5, 8).map((cell) => cell.missing),
      [true, true, true],
    )
    assert.equal(withDfe?.figures.length, model.figureHeadings.length)
    assert.equal(model.dfeNote?.vintages, vintage)
  })

  it('links to the previous and next months that have figures, and lists every month newest first', () => {
    const model = packPageModel(pack([packIndicator('a')]), new Map(), {
      ...OPTIONS,
      availablePeriods: ['2018-05', '2017-12', '2018-04', '2018-03'],
    })
    assert.deepEqual(model.previous, { text: 'March 2018', href: '/datasets/monthly/2018-03' })
    assert.deepEqual(model.next, { text: 'May 2018', href: '/datasets/monthly/2018-05' })
    assert.deepEqual(
      model.months.map((m) => [m.text, m.current]),
      [
        ['May 2018', false],
        ['April 2018', true],
        ['March 2018', false],
        ['December 2017', false],
      ],
    )
  })

  it('offers CSV, XLSX and JSON downloads of the same month', () => {
    const model = packPageModel(pack([packIndicator('a')]), new Map(), OPTIONS)
    assert.deepEqual(
      model.downloads.map((d) => d.href),
      ['/datasets/monthly/2018-04.csv', '/datasets/monthly/2018-04.xlsx', '/datasets/monthly/2018-04.json'],
    )
  })

  it('shows owners in the officer view only', () => {
    const p = pack([packIndicator('a')])
    const catalogue = catalogueOf(p, { owner: 'Jane White' })
    assert.equal(packPageModel(p, catalogue, { ...OPTIONS, publicView: false }).groups[0]?.rows[0]?.owner, 'Jane White')
    assert.equal(packPageModel(p, catalogue, OPTIONS).groups[0]?.rows[0]?.owner, null)
  })

  it('keys direction of travel to the previous month and the threshold', () => {
    const key = directionKey('2018-03', '2018-04')
    assert.match(key.intro, /compares April 2018 with March 2018/)
    assert.deepEqual(
      key.directions.map((d) => `${d.symbol} ${d.term}`),
      ['▲ Increase', '► Similar', '▼ Decrease', '– Not available'],
    )
    assert.match(key.directions[0]?.meaning ?? '', /10% or more/)
    assert.equal(ragKey('2018-04').intro, 'RAG compares April 2018 with the 2018-19 target.')
  })

  describe('edge cases', () => {
    it('copes with a dataset that has no indicators', () => {
      const model = packPageModel(pack([]), new Map(), OPTIONS)
      assert.equal(model.indicatorCount, 0)
      assert.deepEqual(model.groups, [])
      assert.match(model.caption, /0 indicators/)
    })

    it('has no previous link on the first month and no next link on the latest', () => {
      const first = packPageModel(pack([]), new Map(), { ...OPTIONS, availablePeriods: ['2018-04', '2018-05'] })
      assert.equal(first.previous, null)
      const latest = packPageModel(pack([]), new Map(), { ...OPTIONS, availablePeriods: ['2018-03', '2018-04'] })
      assert.equal(latest.next, null)
    })

    it('includes the month shown even when the caller left it out of the available months', () => {
      const model = packPageModel(pack([]), new Map(), { ...OPTIONS, availablePeriods: [] })
      assert.deepEqual(
        model.months.map((m) => m.text),
        ['April 2018'],
      )
      assert.equal(model.previous, null)
      assert.equal(model.next, null)
    })

    it('puts indicators without a service area under "Other indicators"', () => {
      const model = packPageModel(pack([packIndicator('a', { serviceArea: '  ' })]), new Map(), OPTIONS)
      assert.equal(model.groups[0]?.heading, 'Other indicators')
    })

    it('encodes ids and dataset names in links', () => {
      const p: Pack = { ...pack([packIndicator('a b/c')]), dataset: 'early help' }
      const model = packPageModel(p, new Map(), OPTIONS)
      assert.equal(model.groups[0]?.rows[0]?.href, '/indicators/a%20b%2Fc')
      assert.equal(model.downloads[0]?.href, '/datasets/early%20help/2018-04.csv')
    })

    it('says "Region" when indicators name different regions, or none', () => {
      const p = pack([packIndicator('a'), packIndicator('b')])
      const mixed = new Map([
        ['a', blankIndicator('a', { regionName: 'South East' })],
        ['b', blankIndicator('b', { regionName: 'London' })],
      ])
      assert.equal(packPageModel(p, mixed, OPTIONS).figureHeadings[4], 'Region')
      assert.equal(packPageModel(p, new Map(), OPTIONS).figureHeadings[4], 'Region')
    })

    it('fills a month missing from an indicator’s values with a blank', () => {
      const row = packPageModel(pack([packIndicator('a', { values: [] })]), new Map(), OPTIONS).groups[0]?.rows[0]
      assert.ok(row)
      assert.equal(row.values.length, 13)
      assert.ok(row.values.every((v) => v.missing))
      assert.match(row.sparkline, /no values/)
    })

    it('gives every sparkline on the page its own id', () => {
      const model = packPageModel(pack([packIndicator('a'), packIndicator('b')]), new Map(), OPTIONS)
      const ids = model.groups.flatMap((g) => g.rows.map((r) => /aria-labelledby="([^ ]+)/.exec(r.sparkline)?.[1]))
      assert.equal(new Set(ids).size, 2)
    })
  })
})

describe('safeId', () => {
  it('keeps lower-case letters, digits and single hyphens', () => {
    assert.equal(safeId('Front door / MASH'), 'front-door-mash')
  })

  describe('edge cases', () => {
    it('never returns an empty id', () => {
      assert.equal(safeId('—'), 'x')
    })
  })
})

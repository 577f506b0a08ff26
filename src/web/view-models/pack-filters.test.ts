import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { Change, Pack, PackIndicator } from '../../domain/pack.ts'
import { periodsEnding } from '../../domain/period.ts'
import { withheldKey } from '../../domain/publication.ts'
import { isFiltered, NO_PACK_FILTERS, parsePackFilters, rowMatches, type PackFilters } from './pack-filters.ts'
import { packPageModel, type SpcSlotModel } from './pack-page.ts'

const MONTHS = periodsEnding('2018-04', 13)
const SIMILAR: Change = { percent: 2, direction: 'similar', judgement: 'similar' }
const UP: Change = { percent: 10, direction: 'increase', judgement: 'negative' }
const DOWN: Change = { percent: -25, direction: 'decrease', judgement: 'positive' }

function indicator(id: string, overrides: Partial<PackIndicator> = {}): PackIndicator {
  return {
    id,
    code: '',
    title: `Title of ${id}`,
    serviceArea: 'Front door',
    unit: 'count',
    polarity: 'lower',
    values: MONTHS.map((period, i) => ({ period, value: 100 + i, numerator: null, denominator: null })),
    changeFromPreviousMonth: SIMILAR,
    changeFromSameMonthLastYear: SIMILAR,
    average12Months: 106.5,
    max12Months: 112,
    benchmarks: { statisticalNeighbours: 90, england: null, region: 95 },
    target: 100,
    rag: 'green',
    ...overrides,
  }
}

const ROWS: PackIndicator[] = [
  indicator('contacts', { title: 'Number of contacts', code: 'FD1', changeFromPreviousMonth: UP, rag: 'red' }),
  indicator('referrals', { title: 'Re-referrals within 12 months', changeFromPreviousMonth: DOWN, rag: 'amber' }),
  indicator('plans', { title: 'Child protection plans', serviceArea: 'Child protection', rag: null, target: null }),
  indicator('other', { title: 'Care leavers in touch', serviceArea: ' ' }),
]

const PACK: Pack = { dataset: 'monthly', period: '2018-04', months: MONTHS, indicators: ROWS }

const OPTIONS = { datasetTitle: 'Monthly', availablePeriods: ['2018-04'], publicView: true }

const none = (): boolean => false

function matching(filters: Partial<PackFilters>, isWithheld: (column: string) => boolean = none): string[] {
  return ROWS.filter((row) => rowMatches({ row, isWithheld }, { ...NO_PACK_FILTERS, ...filters })).map((r) => r.id)
}

describe('parsePackFilters', () => {
  it('reads the service area, RAG, "changed", the search words and the SPC signal', () => {
    assert.deepEqual(
      parsePackFilters({
        area: 'Front door',
        rag: 'red',
        changed: '10',
        q: '  Re-referrals   within ',
        spc: 'improving',
      }),
      { area: 'Front door', rag: 'red', changed: true, q: 'Re-referrals within', spc: 'improving' },
    )
  })

  it('reads an empty query as no filters', () => {
    assert.deepEqual(parsePackFilters({}), NO_PACK_FILTERS)
    assert.equal(isFiltered(parsePackFilters({})), false)
    assert.equal(isFiltered(parsePackFilters({ q: 'care' })), true)
  })

  describe('edge cases', () => {
    it('forgives what it does not know rather than refusing the page', () => {
      assert.deepEqual(parsePackFilters({ rag: 'purple', spc: 'maybe', changed: '0', area: '   ' }), NO_PACK_FILTERS)
      assert.deepEqual(parsePackFilters(undefined), NO_PACK_FILTERS)
      assert.deepEqual(parsePackFilters({ q: 42 }), NO_PACK_FILTERS)
    })

    it('takes the first of a repeated parameter and cuts a very long search', () => {
      assert.equal(parsePackFilters({ rag: ['amber', 'red'] }).rag, 'amber')
      assert.equal(parsePackFilters({ q: 'x'.repeat(1000) }).q.length, 200)
    })

    it('reads "none" as the RAG of indicators with no target or no rating', () => {
      assert.equal(parsePackFilters({ rag: 'none' }).rag, 'none')
    })
  })
})

describe('rowMatches', () => {
  it('filters by service area, "Other indicators" standing for rows without one', () => {
    assert.deepEqual(matching({ area: 'Front door' }), ['contacts', 'referrals'])
    assert.deepEqual(matching({ area: 'Other indicators' }), ['other'])
  })

  it('filters by RAG, and by "none" for no target or not rated', () => {
    assert.deepEqual(matching({ rag: 'red' }), ['contacts'])
    assert.deepEqual(matching({ rag: 'none' }), ['plans'])
  })

  it('keeps the indicators whose direction of travel moved: a change of 10% or more either way', () => {
    assert.deepEqual(matching({ changed: true }), ['contacts', 'referrals'])
  })

  it('finds every search word in the title or the code, in any case', () => {
    assert.deepEqual(matching({ q: 'CONTACTS' }), ['contacts'])
    assert.deepEqual(matching({ q: 'fd1' }), ['contacts'])
    assert.deepEqual(matching({ q: 'within referrals' }), ['referrals'])
    assert.deepEqual(matching({ q: 'plans care' }), [])
  })

  it('combines filters: every one must match', () => {
    assert.deepEqual(matching({ area: 'Front door', changed: true, rag: 'amber' }), ['referrals'])
  })

  describe('edge cases', () => {
    it('never matches on a figure withheld by disclosure control', () => {
      const withheld = (column: string) => column === 'rag' || column === 'changeFromPreviousMonth'
      assert.deepEqual(matching({ rag: 'red' }, withheld), [])
      assert.deepEqual(matching({ rag: 'none' }, withheld), [])
      assert.deepEqual(matching({ changed: true }, withheld), [])
    })

    it('matches an SPC signal only on a row whose summary shows it', () => {
      const row = ROWS[0] as PackIndicator
      const spc = { ...NO_PACK_FILTERS, spc: 'concerning' as const }
      assert.equal(rowMatches({ row, isWithheld: none, spcSignal: 'concerning' }, spc), true)
      assert.equal(rowMatches({ row, isWithheld: none, spcSignal: 'improving' }, spc), false)
      assert.equal(rowMatches({ row, isWithheld: none }, spc), false)
    })
  })
})

describe('packPageModel with filters', () => {
  it('shows only the matching rows, counts them and echoes the filters in the form', () => {
    const model = packPageModel(PACK, new Map(), { ...OPTIONS, filters: parsePackFilters({ rag: 'amber' }) })
    assert.deepEqual(
      model.groups.flatMap((g) => g.rows.map((r) => r.id)),
      ['referrals'],
    )
    assert.equal(model.shownCount, 1)
    assert.equal(model.indicatorCount, 4)
    assert.equal(model.countText, 'Showing 1 of 4 indicators')
    assert.equal(model.caption, 'Monthly: 1 of 4 indicators, April 2017 to April 2018')
    assert.equal(model.filters.active, true)
    assert.equal(model.filters.rags.find((o) => o.selected)?.value, 'amber')
    assert.equal(model.filters.action, '/datasets/monthly/2018-04')
  })

  it('offers every service area of the pack, whatever is filtered, "All service areas" first', () => {
    const model = packPageModel(PACK, new Map(), { ...OPTIONS, filters: parsePackFilters({ q: 'contacts' }) })
    assert.deepEqual(
      model.filters.areas.map((o) => o.text),
      ['All service areas', 'Front door', 'Child protection', 'Other indicators'],
    )
    assert.equal(model.filters.areas[0]?.selected, true)
  })

  it('leads each row with the latest value, the average, the target and the benchmarks that have a value', () => {
    const row = packPageModel(PACK, new Map(), OPTIONS).groups[0]?.rows[0]
    assert.ok(row)
    assert.deepEqual(row.latest, { text: '112', missing: false })
    assert.equal(row.average.text, '107')
    assert.equal(row.target.text, '100')
    assert.deepEqual(
      row.benchmarks.map((b) => `${b.label}: ${b.cell.text}`),
      ['Statistical neighbours: 90', 'Region: 95'],
    )
    assert.equal(row.spc, undefined)
  })

  describe('edge cases', () => {
    it('without filters shows everything and no "Clear filters"', () => {
      const model = packPageModel(PACK, new Map(), OPTIONS)
      assert.equal(model.shownCount, 4)
      assert.equal(model.countText, 'Showing 4 of 4 indicators')
      assert.equal(model.caption, 'Monthly: 4 indicators, April 2017 to April 2018')
      assert.equal(model.filters.active, false)
    })

    it('drops the SPC filter and its select while no indicator has an SPC summary', () => {
      const model = packPageModel(PACK, new Map(), { ...OPTIONS, filters: parsePackFilters({ spc: 'concerning' }) })
      assert.equal(model.shownCount, 4)
      assert.equal(model.filters.spcs, null)
      assert.equal(model.spcShown, false)
      assert.equal(model.glanceColumnCount, 10)
    })

    it('shows the SPC slot, its column and its filter once summaries are given', () => {
      const concerning: SpcSlotModel = {
        variationText: 'Special cause of concerning nature – higher',
        assuranceText: null,
        signal: 'concerning',
        className: 'app-spc--concerning',
      }
      const spc = new Map([['contacts', concerning]])
      const model = packPageModel(PACK, new Map(), {
        ...OPTIONS,
        spc,
        filters: parsePackFilters({ spc: 'concerning' }),
      })
      assert.deepEqual(
        model.groups.flatMap((g) => g.rows.map((r) => r.id)),
        ['contacts'],
      )
      assert.equal(model.spcShown, true)
      // The SPC words sit in the direction of travel's column: no column of their own.
      assert.equal(model.glanceColumnCount, 10)
      assert.equal(model.groups[0]?.rows[0]?.spc, concerning)
      assert.equal(model.filters.spcs?.find((o) => o.selected)?.value, 'concerning')
    })

    it('does not let the public filter on a figure it sees as c', () => {
      const withheld = new Set([withheldKey('contacts', 'rag')])
      const model = packPageModel(PACK, new Map(), {
        ...OPTIONS,
        marks: { withheld },
        filters: parsePackFilters({ rag: 'red' }),
      })
      assert.equal(model.shownCount, 0)
    })
  })
})

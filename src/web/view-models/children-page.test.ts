import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { blankIndicator } from '../../domain/catalogue.ts'
import { MEASURES } from '../../domain/measures/catalogue.ts'
import type { Explanation, MeasureRow } from '../../domain/measures/types.ts'
import type { ChildrenBehindFigure } from '../../services/drill-down-service.ts'
import {
  childrenCsv,
  childrenPageModel,
  childrenUnavailableModel,
  dateLabel,
  formatDay,
  splitDefinition,
} from './children-page.ts'

const MEASURE = MEASURES.find((m) => m.id === 'icpcs-in-15wd')
if (MEASURE === undefined) throw new Error('icpcs-in-15wd is missing from the catalogue')

function row(childId: string, r: number, icpcDate: string, workingDays: number): MeasureRow {
  return { list: 5, childId, row: r, dates: { strategyDate: '2018-03-29', icpcDate }, workingDays }
}

const C1 = row('C1', 2, '2018-04-24', 16)
const C2 = row('C2', 3, '2018-04-23', 15)

function result(
  overrides: Partial<ChildrenBehindFigure> = {},
  explanation: Partial<Explanation> = {},
): ChildrenBehindFigure {
  const indicator = { ...blankIndicator('icpc-in-time'), title: 'ICPCs in time', unit: 'percentage' as const }
  const figure = { indicatorId: 'icpc-in-time', period: '2018-04', value: 50, numerator: 1, denominator: 2 }
  return {
    indicator: { ...indicator, measure: { measureId: 'icpcs-in-15wd', part: 'value' } },
    measure: MEASURE as NonNullable<typeof MEASURE>,
    part: 'value',
    month: '2018-04',
    figure,
    recomputed: figure,
    addsUp: true,
    importRecord: {
      id: 7,
      kind: 'annex-a',
      sourceFile: 'Annex_A.xlsx',
      layout: 'xlsx workbook',
      importedAt: '2018-05-03T09:00:00Z',
      importedBy: 'pat@council.test',
      observationCount: 0,
      revisionCount: 0,
      indicatorCount: 0,
      removedAt: null,
      removedBy: null,
      summary: {},
    },
    explanation: {
      measure: MEASURE as NonNullable<typeof MEASURE>,
      month: '2018-04',
      value: { count: 1, denominator: 2, value: 50 },
      numerator: [C2],
      denominator: [C1, C2],
      excluded: [],
      ...explanation,
    },
    ...overrides,
  }
}

describe('childrenPageModel', () => {
  it('lists the counted and the not-counted with the dates that decided them, adding up to the figure', () => {
    const m = childrenPageModel(result())
    assert.equal(m.heading, 'ICPCs in time: April 2018')
    assert.equal(m.figureText, 'Figure on the indicator page: 50.0% (1 of 2)')
    assert.deepEqual(
      m.tables.map((t) => [t.id, t.rows.map((r) => r.childId)]),
      [
        ['counted', ['C2']],
        ['not-counted', ['C1']],
        ['left-out', []],
      ],
    )
    assert.deepEqual(m.tables[1]?.rows[0]?.facts, [
      'Strategy discussion date: 29 March 2018',
      'ICPC date: 24 April 2018',
      '16 working days',
    ])
    assert.deepEqual(m.totals.at(-1), '1 ÷ 2 = 50.0%.')
    assert.equal(m.csvHref, '/indicators/icpc-in-time/children.csv?month=2018-04')
    assert.equal(m.mismatch, null)
  })

  it('shows only the counted for an indicator that publishes a percentage’s count', () => {
    const m = childrenPageModel(result({ part: 'count' }))
    assert.deepEqual(
      m.tables.map((t) => t.id),
      ['counted', 'left-out'],
    )
    assert.equal(m.totals[0], '1 record counted: the figure is 1.')
  })

  it('says when a rate’s financial year uses an earlier year’s ONS estimate', () => {
    const rate = MEASURES.find((m) => m.id === 'referral-rate')
    if (rate === undefined) throw new Error('referral-rate is missing from the catalogue')
    const figure = { indicatorId: 'referral-rate', period: '2023-05', value: 0.2, numerator: null, denominator: null }
    const base = result(
      { measure: rate, month: '2023-05', figure, recomputed: figure },
      { measure: rate, month: '2023-05', value: { count: 1, denominator: null, value: 0.2 }, denominator: [] },
    )
    const fallback = { financialYear: '2023-24', from: '2021-22', midYear: 2021 }
    assert.equal(
      childrenPageModel({ ...base, populationFallsBackTo: fallback }).totals.at(-1),
      'ONS has published no population estimate for 2023-24 yet, so it uses the latest earlier one: the mid-2021 estimate (2021-22).',
    )
    assert.doesNotMatch(childrenPageModel(base).totals.join(' '), /ONS/)
  })

  describe('edge cases', () => {
    it('says so when the records no longer give the stored figure', () => {
      const recomputed = { indicatorId: 'icpc-in-time', period: '2018-04', value: 100, numerator: 2, denominator: 2 }
      const m = childrenPageModel(result({ recomputed, addsUp: false }))
      assert.match(m.mismatch ?? '', /now give 100\.0% \(2 of 2\), not the 50\.0% \(1 of 2\)/)
    })

    it('names a blank child ID and an unreadable date rather than printing nothing', () => {
      const blank: MeasureRow = { list: 5, childId: ' ', row: 9, dates: { strategyDate: null } }
      const m = childrenPageModel(
        result({}, { excluded: [{ ...blank, reason: 'The strategy discussion date is blank.' }] }),
      )
      const left = m.tables.find((t) => t.id === 'left-out')?.rows[0]
      assert.equal(left?.childId, '(blank ID)')
      assert.deepEqual(left?.facts, ['Strategy discussion date: blank or unreadable'])
      assert.equal(left?.verdict, 'Left out: The strategy discussion date is blank.')
    })
  })
})

describe('childrenCsv', () => {
  it('writes one line per record with its verdict and ISO dates', () => {
    const lines = childrenCsv(result())
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n')
    assert.deepEqual(lines, [
      'indicator_id,month,verdict,child_id,list,row,strategy discussion date,icpc date,working_days,note,reason_left_out',
      'icpc-in-time,2018-04,counted,C2,5,3,2018-03-29,2018-04-23,15,,',
      'icpc-in-time,2018-04,denominator only,C1,5,2,2018-03-29,2018-04-24,16,,',
    ])
  })

  describe('edge cases', () => {
    it('neutralises a child ID that a spreadsheet would run as a formula', () => {
      const evil = { ...C2, childId: '=HYPERLINK("http://x")' }
      const csv = childrenCsv(result({}, { numerator: [evil], denominator: [evil] }))
      assert.match(csv, /,"'=HYPERLINK\(""http:\/\/x""\)",/)
    })
  })
})

describe('wording', () => {
  it('formats dates, names fields and splits definitions', () => {
    assert.equal(formatDay('2018-04-09'), '9 April 2018')
    assert.equal(dateLabel(5, 'icpcDate'), 'ICPC date')
    assert.equal(dateLabel(3, 'previousReferralDate'), 'Previous referral date')
    assert.deepEqual(splitDefinition('Counts X. Y is left out.'), {
      definition: 'Counts X.',
      definitionMore: 'Y is left out.',
    })
  })

  describe('edge cases', () => {
    it('leaves what it cannot format as it is', () => {
      assert.equal(formatDay('not a date'), 'not a date')
      assert.equal(formatDay('2018-13-01'), '2018-13-01')
      assert.equal(dateLabel(99, 'someField'), 'SomeField')
      assert.deepEqual(splitDefinition('One sentence only.'), {
        definition: 'One sentence only.',
        definitionMore: null,
      })
      // "e.g. the" has no capital after the full stop: not a sentence end.
      assert.equal(splitDefinition('Counts e.g. the rows. More.').definition, 'Counts e.g. the rows.')
    })

    it('explains a bad month in words', () => {
      const m = childrenUnavailableModel({ kind: 'bad-month', indicatorId: 'x', month: '' })
      assert.match(m.paragraphs[0] ?? '', /does not say which month/)
    })
  })
})

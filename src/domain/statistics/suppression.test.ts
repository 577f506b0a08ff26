import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import examples from './suppression.examples.json' with { type: 'json' }
import {
  DFE_RULE,
  DisclosureError,
  discloseCount,
  disclosePercentage,
  discloseSeries,
  suppressTable,
  withheldColumns,
  type Disclosed,
  type DisclosedTable,
  type DisclosureRule,
  type SuppressionReason,
  protectRelations,
  type RelatedFigure,
} from './suppression.ts'

type Published = number | string | null

function ruleOf(rule?: { min: number; max: number }): DisclosureRule {
  return rule ? { min: rule.min, max: rule.max, symbol: 'c' } : DFE_RULE
}

/** A disclosed figure as the examples write it: a number, "c", or null for missing. */
function published(value: Disclosed): Published {
  if (value.kind === 'shown') return value.value
  return value.kind === 'suppressed' ? value.symbol : null
}

function publishedWithReason(value: Disclosed, reason: SuppressionReason | null): Published {
  return value.kind === 'suppressed' ? `${value.symbol} (${reason ?? 'no reason'})` : published(value)
}

function publishedTable(table: DisclosedTable): Record<string, Published> {
  return {
    ...Object.fromEntries(table.cells.map((cell) => [cell.id, publishedWithReason(cell.value, cell.reason)])),
    total: publishedWithReason(table.total.value, table.total.reason),
  }
}

interface TableExample {
  why: string
  rule?: { min: number; max: number }
  cells: { id: string; value: number | null }[]
  total: number | null
  expected: Record<string, Published>
}

function checkTable(example: TableExample): void {
  it(example.why, () => {
    assert.deepEqual(
      publishedTable(suppressTable(example.cells, example.total, ruleOf(example.rule))),
      example.expected,
    )
  })
}

describe('discloseCount', () => {
  for (const example of examples.discloseCount) {
    it(`${example.value} is published as ${example.expected}: ${example.why}`, () => {
      assert.equal(published(discloseCount(example.value, ruleOf(example.rule))), example.expected)
    })
  }

  it('uses the DfE rule, 1 to 5 shown as c, when no rule is given', () => {
    assert.deepEqual(DFE_RULE, { min: 1, max: 5, symbol: 'c' })
    assert.deepEqual(discloseCount(3), { kind: 'suppressed', symbol: 'c' })
    assert.deepEqual(discloseCount(6), { kind: 'shown', value: 6 })
  })
})

describe('disclosePercentage', () => {
  for (const example of examples.disclosePercentage) {
    it(`${example.numerator} of ${example.denominator} is published as ${example.expected}: ${example.why}`, () => {
      const actual = disclosePercentage(example.numerator, example.denominator, example.value)
      assert.equal(published(actual), example.expected)
    })
  }

  it('applies the given rule to the numerator and denominator', () => {
    const strict = ruleOf({ min: 1, max: 9 })
    assert.deepEqual(disclosePercentage(8, 40, 20, strict), { kind: 'suppressed', symbol: 'c' })
    assert.deepEqual(disclosePercentage(8, 40, 20), { kind: 'shown', value: 20 })
  })
})

describe('suppressTable', () => {
  for (const example of examples.suppressTable) checkTable(example)

  it('keeps the cells in the order given, each with its reason', () => {
    const table = suppressTable(
      [
        { id: 'neglect', value: 120 },
        { id: 'sexual', value: 3 },
        { id: 'multiple', value: 9 },
      ],
      132,
    )
    assert.deepEqual(table, {
      cells: [
        { id: 'neglect', value: { kind: 'shown', value: 120 }, reason: null },
        { id: 'sexual', value: { kind: 'suppressed', symbol: 'c' }, reason: 'primary' },
        { id: 'multiple', value: { kind: 'suppressed', symbol: 'c' }, reason: 'secondary' },
      ],
      total: { value: { kind: 'shown', value: 132 }, reason: null },
    })
  })

  it('does not change the cells it is given', () => {
    const cells = [
      { id: 'a', value: 3 },
      { id: 'b', value: 8 },
    ]
    suppressTable(cells, 11)
    assert.deepEqual(cells, [
      { id: 'a', value: 3 },
      { id: 'b', value: 8 },
    ])
  })
})

describe('discloseSeries and withheldColumns', () => {
  for (const example of examples.discloseSeries) {
    it(example.why, () => {
      const series = discloseSeries(example.values)
      assert.deepEqual(series.values.map(published), example.expected)
      assert.equal(series.anySuppressed, example.anySuppressed)
      assert.deepEqual(withheldColumns(series.values), example.withheld)
    })
  }

  it('applies only primary suppression: a lone small month does not hide its neighbours', () => {
    const series = discloseSeries([40, 3, 41])
    assert.deepEqual(series.values.map(published), [40, 'c', 41])
  })
})

describe('protectRelations', () => {
  const figures = (entries: Record<string, [number | null, boolean]>) =>
    new Map<string, RelatedFigure>(
      Object.entries(entries).map(([key, [value, primary]]) => [key, { value, withheld: primary ? 'primary' : null }]),
    )
  const withheld = (result: Map<string, RelatedFigure>) =>
    [...result].filter(([, f]) => f.withheld !== null).map(([key, f]) => `${key}:${f.withheld}`)

  it('withholds a percentage whose numerator is withheld, even when its denominator is not published here', () => {
    const result = protectRelations(figures({ n: [2, true], p: [8.7, false] }), [
      { kind: 'ratio', ratio: 'p', numerator: 'n', denominator: null },
    ])
    assert.deepEqual(withheld(result), ['n:primary', 'p:secondary'])
  })

  it('withholds a percentage whose denominator is withheld (75% of c is 3 of 4)', () => {
    const result = protectRelations(figures({ d: [4, true], p: [75, false] }), [
      { kind: 'ratio', ratio: 'p', numerator: null, denominator: 'd' },
    ])
    assert.deepEqual(withheld(result), ['d:primary', 'p:secondary'])
  })

  it('withholds the numerator of a withheld percentage, which would otherwise give it away', () => {
    const result = protectRelations(figures({ n: [9, false], d: [40, false], p: [22.5, true] }), [
      { kind: 'ratio', ratio: 'p', numerator: 'n', denominator: 'd' },
    ])
    assert.deepEqual(withheld(result), ['n:secondary', 'p:primary'])
  })

  it('withholds a second part of a sum, the smallest above 0, so the total minus the others gives nothing', () => {
    const result = protectRelations(
      figures({ t: [60, false], a: [3, true], b: [40, false], c: [17, false], z: [0, false] }),
      [{ kind: 'sum', total: 't', parts: ['a', 'b', 'c', 'z'] }],
    )
    assert.deepEqual(withheld(result), ['a:primary', 'c:secondary'])
  })

  it('follows one relation into the next until nothing changes (band → 100% → its count)', () => {
    const result = protectRelations(
      figures({ b1: [2.3, true], b2: [40, false], b3: [57.7, false], n3: [75, false], d: [130, false] }),
      [
        { kind: 'sum', total: null, parts: ['b1', 'b2', 'b3'] },
        { kind: 'ratio', ratio: 'b2', numerator: null, denominator: 'd' },
        { kind: 'ratio', ratio: 'b3', numerator: 'n3', denominator: 'd' },
      ],
    )
    assert.deepEqual(withheld(result), ['b1:primary', 'b2:secondary'])
  })

  it('does not change the map it is given', () => {
    const given = figures({ n: [2, true], p: [8.7, false] })
    protectRelations(given, [{ kind: 'ratio', ratio: 'p', numerator: 'n', denominator: null }])
    assert.equal(given.get('p')?.withheld, null)
  })
})

describe('edge cases', () => {
  const edge = examples['edge cases']

  for (const example of edge.discloseCount) {
    it(`${example.value} is published as ${example.expected}: ${example.why}`, () => {
      assert.equal(published(discloseCount(example.value)), example.expected)
    })
  }

  for (const example of edge.throws) {
    it(`throws a RangeError for ${example.value}: ${example.why}`, () => {
      assert.throws(() => discloseCount(example.value), RangeError)
      assert.throws(() => discloseCount(example.value), DisclosureError)
      assert.throws(() => suppressTable([{ id: 'a', value: example.value }], 10), RangeError)
      assert.throws(() => suppressTable([], example.value), RangeError)
      assert.throws(() => disclosePercentage(example.value, 10, 10), RangeError)
      assert.throws(() => discloseSeries([10, example.value]), RangeError)
    })
  }

  for (const example of edge.suppressTable) checkTable(example)

  it('breaks a tie the same way whatever order the cells come in', () => {
    const cells = [
      { id: 'physical', value: 7 },
      { id: 'sexual', value: 2 },
      { id: 'emotional', value: 7 },
    ]
    const forwards = publishedTable(suppressTable(cells, 16))
    const backwards = publishedTable(suppressTable([...cells].reverse(), 16))
    assert.deepEqual(forwards, backwards)
    assert.equal(forwards.emotional, 'c (secondary)')
    assert.equal(forwards.physical, 7)
  })

  it('names the part in the message for a bad count, so an officer can find it', () => {
    assert.throws(() => suppressTable([{ id: 'n2-disability', value: -3 }], 10), /"n2-disability".*-3/)
  })

  it('throws for repeated ids, which would make the secondary choice ambiguous', () => {
    const cells = [
      { id: 'a', value: 3 },
      { id: 'a', value: 8 },
    ]
    assert.throws(() => suppressTable(cells, 11), DisclosureError)
  })

  it('throws for NaN and infinite counts and percentages', () => {
    assert.throws(() => discloseCount(Number.NaN), RangeError)
    assert.throws(() => discloseCount(Number.POSITIVE_INFINITY), RangeError)
    assert.throws(() => disclosePercentage(40, 80, Number.NaN), RangeError)
  })

  it('throws for a malformed rule', () => {
    assert.throws(() => discloseCount(3, { min: 6, max: 5, symbol: 'c' }), RangeError)
    assert.throws(() => discloseCount(3, { min: -1, max: 5, symbol: 'c' }), RangeError)
  })

  it('publishes −0 as 0, never "-0"', () => {
    const disclosed = discloseCount(-0)
    assert.equal(disclosed.kind, 'shown')
    assert.ok(disclosed.kind === 'shown' && Object.is(disclosed.value, 0))
  })

  it('suppresses 0 too when a rule starts at 0', () => {
    assert.equal(published(discloseCount(0, { min: 0, max: 5, symbol: 'c' })), 'c')
  })

  it('withholds the percentage when only the denominator is small, even if the numerator is 0', () => {
    assert.equal(published(disclosePercentage(0, 5, 0)), 'c')
  })

  it('a sum with a part that has no figure cannot be worked back, so nothing more is withheld', () => {
    const result = protectRelations(
      new Map<string, RelatedFigure>([
        ['t', { value: 50, withheld: null }],
        ['a', { value: 3, withheld: 'primary' }],
        ['b', { value: null, withheld: null }],
        ['c', { value: 47, withheld: null }],
      ]),
      [{ kind: 'sum', total: 't', parts: ['a', 'b', 'c'] }],
    )
    assert.equal(result.get('c')?.withheld, null)
    assert.equal(result.get('t')?.withheld, null)
  })

  it('treats an empty series as having nothing suppressed and nothing withheld', () => {
    assert.deepEqual(discloseSeries([]), { values: [], anySuppressed: false })
    assert.deepEqual(withheldColumns([]), {
      changeFromPreviousMonth: false,
      changeFromSameMonthLastYear: false,
      average12Months: false,
      max12Months: false,
      rag: false,
    })
  })

  it('does not withhold a column because of a missing month: missing is not suppressed', () => {
    const series = discloseSeries([null, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, null, 30])
    assert.equal(series.anySuppressed, false)
    assert.equal(withheldColumns(series.values).changeFromPreviousMonth, false)
  })

  it('looks only at the last twelve months for the average and maximum', () => {
    // P−12 is suppressed but is not one of the twelve months P−11 … P
    const withheld = withheldColumns(discloseSeries([2, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31]).values)
    assert.equal(withheld.average12Months, false)
    assert.equal(withheld.max12Months, false)
    assert.equal(withheld.changeFromSameMonthLastYear, true)
  })
})

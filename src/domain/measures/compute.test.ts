import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { monthEnd, monthOrdinal } from '../calendar/days.ts'
import type { AnnexA } from '../annex-a/records.ts'
import { LIST_NUMBER } from './fields.ts'
import { MEASURES, measureDefinition } from './catalogue.ts'
import { computeMeasures, explainMeasure, measureSteps, rowMonthsOf, rowMonthSteps } from './compute.ts'
import { annexA, contact, options, plan, randomAnnexA, seededRandom, shuffled } from './testing.ts'

const population = { '2016-17': 41000, '2017-18': 42000, '2018-19': 43000 }
const opts = options('2018-04', 13, { population })

describe('computeMeasures', () => {
  it('returns the CLI JSON contract: months, measures for every month, snapshot for the latest month', () => {
    const result = computeMeasures(annexA({ contacts: [contact('A', '2018-04-01')] }), opts)
    assert.equal(result.months.length, 13)
    assert.equal(result.months[0], '2017-04')
    assert.equal(result.months[12], '2018-04')
    const snapshotIds = MEASURES.filter((m) => m.kind === 'snapshot').map((m) => m.id)
    assert.deepEqual(Object.keys(result.snapshot), snapshotIds)
    assert.deepEqual(
      Object.keys(result.measures),
      MEASURES.filter((m) => m.kind !== 'snapshot').map((m) => m.id),
    )
    for (const id of snapshotIds) assert.deepEqual(Object.keys(result.snapshot[id] ?? {}), ['2018-04'])
    for (const values of Object.values(result.measures)) assert.deepEqual(Object.keys(values), result.months)
    assert.deepEqual(result.measures.contacts?.['2018-04'], { count: 1, denominator: null, value: 1 })
    assert.deepEqual(JSON.parse(JSON.stringify(result)), result)
  })
})

describe('properties', () => {
  const data = randomAnnexA(seededRandom(20180430), 400)
  const result = computeMeasures(data, opts)

  it('gives the same figures whatever the order of the rows', () => {
    for (const seed of [1, 2, 3]) {
      assert.deepEqual(computeMeasures(shuffled(data, seededRandom(seed)), opts), result)
    }
  })

  it('has a drill-down that adds up to every figure, for every measure and month', () => {
    for (const measure of MEASURES) {
      const months = measure.kind === 'snapshot' ? ['2018-04'] : result.months
      for (const month of months) {
        const figure = (measure.kind === 'snapshot' ? result.snapshot : result.measures)[measure.id]?.[month]
        const behind = explainMeasure(data, measure.id, month, opts)
        assert.deepEqual(behind.value, figure, `${measure.id} ${month}`)
        assert.equal(behind.numerator.length, figure?.count, `${measure.id} ${month} numerator`)
        if (measure.unit === 'percentage') {
          assert.equal(behind.denominator.length, figure?.denominator, `${measure.id} ${month} denominator`)
        } else {
          assert.equal(behind.denominator.length, 0)
        }
        if (measure.unit === 'percentage' && measure.id !== 'contacts-to-referrals') {
          const denominatorRows = new Set(behind.denominator.map((r) => r.row))
          assert.ok(
            behind.numerator.every((r) => denominatorRows.has(r.row)),
            `${measure.id} numerator ⊆ denominator`,
          )
        }
      }
    }
  })

  // The same rows among five times as many children, so that a month's children are a small part of each list.
  const spread = Object.fromEntries(
    Object.entries(data).map(([name, rows]: [string, ReadonlyArray<{ row: number; childId: string }>]) => [
      name,
      rows.map((r) => (r.childId.trim() === '' ? r : { ...r, childId: `${r.childId}-${r.row % 5}` })),
    ]),
  ) as unknown as AnnexA
  for (const [name, returned] of [
    ['the return', data],
    ['more children', spread],
  ] as const)
    it(`explains every measure-month alike from only the rows its rules say it looks at, and their children (${name})`, () => {
      const data = returned
      const result = computeMeasures(data, opts)
      const rowMonths = rowMonthsOf(data, opts)
      const steps = rowMonthSteps(data, opts)
      let step = steps.next()
      let turns = 0
      for (; step.done !== true; step = steps.next()) turns++
      assert.deepEqual(step.value, rowMonths, 'in steps, the same rules')
      assert.equal(turns, MEASURES.length, 'one measure a step')
      const rules = new Map(rowMonths.rules.map((rule) => [rule.key, rule]))
      let smaller = 0
      for (const measure of MEASURES) {
        const months = measure.kind === 'snapshot' ? ['2018-04'] : result.months
        for (const month of months) {
          const ordinal = monthOrdinal(month)
          // What the drill-down reads: the rows looked at in the month, and, for a measure that compares a child's
          // records, every row of the same (named) children.
          const lookedAt = new Map<number, Set<number>>()
          for (const key of rowMonths.measures[measure.id] ?? []) {
            const rule = rules.get(key)
            assert.ok(rule, key)
            const rows = lookedAt.get(rule.list) ?? new Set<number>()
            lookedAt.set(rule.list, rows)
            rule.rows.forEach((row, i) => {
              if ((rule.from[i] ?? 0) <= ordinal && ordinal < (rule.to[i] ?? 0)) rows.add(row)
            })
          }
          const subset = { ...data }
          for (const [name, list] of Object.entries(LIST_NUMBER) as Array<[keyof AnnexA, number]>) {
            const rows = lookedAt.get(list) ?? new Set<number>()
            const all: ReadonlyArray<{ row: number; childId: string }> = data[name]
            const children = new Set(
              measureDefinition(measure.id)?.comparesChildRecords === true
                ? all.filter((r) => rows.has(r.row) && r.childId.trim() !== '').map((r) => r.childId)
                : [],
            )
            const kept = all.filter((r) => rows.has(r.row) || children.has(r.childId))
            if (kept.length < all.length) smaller++
            Object.assign(subset, { [name]: kept })
          }
          assert.deepEqual(
            explainMeasure(subset, measure.id, month, opts),
            explainMeasure(data, measure.id, month, opts),
            `${measure.id} ${month}`,
          )
        }
      }
      assert.ok(smaller > 0, 'the rules leave rows out')
    })

  it('agrees with a naive month-by-month count of the stocks', () => {
    for (const month of result.months) {
      const e = monthEnd(month)
      const cin = data.cin.filter(
        (r) =>
          !r.invalid.has('startDate') &&
          !r.invalid.has('closureDate') &&
          r.startDate !== null &&
          r.startDate <= e &&
          (r.closureDate === null || r.closureDate > e),
      )
      const lac = data.lookedAfter.filter(
        (r) =>
          !r.invalid.has('startDate') &&
          !r.invalid.has('ceasedDate') &&
          r.startDate !== null &&
          r.startDate <= e &&
          (r.ceasedDate === null || r.ceasedDate > e),
      )
      assert.equal(result.measures['cin-open']?.[month]?.count, cin.length, month)
      assert.equal(result.measures['lac-open']?.[month]?.count, lac.length, month)
      assert.ok(cin.length > 0 && lac.length > 0)
    }
  })

  it('agrees with a naive month-by-month count of the events', () => {
    for (const month of result.months) {
      const naive = data.contacts.filter((r) => r.contactDate?.startsWith(month)).length
      assert.equal(result.measures.contacts?.[month]?.count, naive)
    }
  })

  it('gives rates of count × 10,000 ÷ population', () => {
    const referrals = result.measures.referrals?.['2018-03']?.count ?? NaN
    assert.equal(result.measures['referral-rate']?.['2018-03']?.value, (referrals * 10000) / 42000)
  })
})

describe('edge cases', () => {
  it('works on an empty return', () => {
    const result = computeMeasures(annexA(), opts)
    assert.deepEqual(result.measures['assessments-in-45wd']?.['2018-04'], { count: 0, denominator: 0, value: null })
    assert.deepEqual(result.snapshot['cp-visits-in-time']?.['2018-04'], { count: 0, denominator: 0, value: null })
  })

  it('computes a one-month window', () => {
    const result = computeMeasures(annexA({ plans: [plan('A', '2018-04-30', null)] }), options('2018-04', 1))
    assert.deepEqual(result.months, ['2018-04'])
    assert.equal(result.measures['cpp-open']?.['2018-04']?.count, 1)
  })

  it('refuses a malformed end month or number of months', () => {
    assert.throws(() => computeMeasures(annexA(), options('2018-4')), RangeError)
    assert.throws(() => computeMeasures(annexA(), options('2018-04', 0)), RangeError)
    assert.throws(() => computeMeasures(annexA(), options('2018-04', 1.5)), RangeError)
  })

  it('refuses to explain an unknown measure or a month outside the window', () => {
    assert.throws(() => explainMeasure(annexA(), 'no-such-measure', '2018-04', opts), /no measure called/)
    assert.throws(() => explainMeasure(annexA(), 'contacts', '2016-04', opts), /not one of the months/)
  })

  it('leaves the input untouched', () => {
    const data = randomAnnexA(seededRandom(7), 30)
    const before = JSON.stringify(data, (_, v: unknown) => (v instanceof Set ? [...(v as Set<string>)] : v))
    computeMeasures(data, opts)
    explainMeasure(data, 'cpp-repeat', '2018-04', opts)
    assert.equal(
      JSON.stringify(data, (_, v: unknown) => (v instanceof Set ? [...(v as Set<string>)] : v)),
      before,
    )
  })
})

describe('measureSteps', () => {
  it('computes exactly what computeMeasures does, one measure a step', () => {
    const records = randomAnnexA(seededRandom(7), 300)
    const steps = measureSteps(records, options())
    let count = 0
    let step = steps.next()
    while (step.done !== true) {
      count += 1
      step = steps.next()
    }
    assert.deepEqual(step.value, computeMeasures(records, options()))
    assert.equal(count, MEASURES.length)
  })
})

/**
 * Property test of disclosure control (issue 11, item 14): random datasets of related indicators — counts, sums of
 * counts, percentages with their numerator and denominator, percentages of a denominator that add up to 100, rates
 * of a public population — are built into packs and disclosed; then an attacker who sees everything the public
 * sees (and knows every relation and population) tries to recover each withheld small number of children: ratio ×
 * denominator, numerator ÷ ratio, total minus parts, 100% minus the other bands, the 12-month average × months
 * minus the months shown, and the month from a shown change (from the previous month or the same month last year),
 * repeating while anything new is learned. The test fails if any count of 1 to 5 children is shown, or recovered
 * exactly (or to within rounding, when only one whole number fits).
 *
 * Seeded (seededRandom, mulberry32), so a failure names its seed and can be replayed.
 */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { buildPack } from './build-pack.ts'
import { blankIndicator, type Indicator, type Observation, type Unit } from './catalogue.ts'
import type { Pack } from './pack.ts'
import { addMonths, type Period } from './period.ts'
import { disclosePack, type IndicatorSum } from './publication.ts'
import { seededRandom } from './measures/testing.ts'
import { DFE_RULE } from './statistics/suppression.ts'

const PERIOD: Period = '2018-04'
const MONTHS: Period[] = Array.from({ length: 13 }, (_, i) => addMonths(PERIOD, i - 12))
const TOLERANCE = 1e-6

/** What the attacker must never learn: a number of children, 1 to 5, withheld from the public. */
interface Secret {
  key: string
  value: number
}

/** How figures relate, as the attacker knows them. */
type Relation =
  | { kind: 'ratio'; ratio: string; numerator: string; denominator: string; scale: number }
  | { kind: 'sum'; total: string | null; parts: string[] }

interface Dataset {
  indicators: Indicator[]
  observations: Observation[]
  sums: IndicatorSum[]
  /** Per month: the relations among that month's figures (keys `id|YYYY-MM`, or `pop:…`, `hidden:…` for outside figures). */
  relations: Relation[]
  /** Figures the attacker knows from elsewhere (a population). */
  outside: Map<string, number>
  /** Small counts that are not published as figures of their own (a percentage's numerator). */
  hiddenCounts: Map<string, number>
}

function randomDataset(random: () => number): Dataset {
  const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1))
  // Mostly small numbers, so that suppression has plenty to do; sometimes no figure at all.
  const count = () => (random() < 0.05 ? null : random() < 0.45 ? int(0, 8) : int(6, 60))
  const indicators: Indicator[] = []
  const observations: Observation[] = []
  const sums: IndicatorSum[] = []
  const relations: Relation[] = []
  const outside = new Map<string, number>()
  const hiddenCounts = new Map<string, number>()
  const add = (indicator: Indicator, values: (number | null)[]) => {
    indicators.push(indicator)
    values.forEach((value, i) => {
      observations.push({
        indicatorId: indicator.id,
        period: MONTHS[i] ?? PERIOD,
        value,
        numerator: null,
        denominator: null,
      })
    })
  }
  const series = (make: () => number | null) => MONTHS.map(() => make())
  const indicator = (id: string, unit: Unit, overrides: Partial<Indicator> = {}) =>
    blankIndicator(id, { title: id, unit, serviceArea: 'Area', ...overrides })

  for (let i = 0; i < int(0, 2); i += 1) add(indicator(`count-${i}`, 'count'), series(count))

  // Counts and their total.
  for (let s = 0; s < int(0, 2); s += 1) {
    const parts = Array.from({ length: int(2, 4) }, (_, j) => ({ id: `sum-${s}-part-${j}`, values: series(count) }))
    for (const part of parts) add(indicator(part.id, 'count'), part.values)
    const total = MONTHS.map((_, m) =>
      parts.some((p) => p.values[m] === null) ? null : parts.reduce((sum, p) => sum + (p.values[m] ?? 0), 0),
    )
    add(indicator(`sum-${s}-total`, 'count'), total)
    sums.push({ total: `sum-${s}-total`, parts: parts.map((p) => p.id) })
    for (const period of MONTHS) {
      relations.push({ kind: 'sum', total: `sum-${s}-total|${period}`, parts: parts.map((p) => `${p.id}|${period}`) })
    }
  }

  // Percentages of two linked counts (built from them, as the council's catalogue links them).
  for (let r = 0; r < int(0, 2); r += 1) {
    const denominators = series(count)
    const numerators = denominators.map((d) => (d === null ? null : int(0, d)))
    add(indicator(`ratio-${r}-n`, 'count'), numerators)
    add(indicator(`ratio-${r}-d`, 'count'), denominators)
    add(
      indicator(`ratio-${r}`, 'percentage', { numeratorId: `ratio-${r}-n`, denominatorId: `ratio-${r}-d` }),
      series(() => null),
    )
    for (const period of MONTHS) {
      relations.push({
        kind: 'ratio',
        ratio: `ratio-${r}|${period}`,
        numerator: `ratio-${r}-n|${period}`,
        denominator: `ratio-${r}-d|${period}`,
        scale: 100,
      })
    }
  }

  // Rates per 10,000 of a public population, linked to their count.
  for (let r = 0; r < int(0, 1); r += 1) {
    const counts = series(count)
    const population = int(20_000, 60_000)
    add(indicator(`rate-${r}-n`, 'count'), counts)
    add(
      indicator(`rate-${r}`, 'rate per 10,000', { numeratorId: `rate-${r}-n` }),
      counts.map((n) => (n === null ? null : (n / population) * 10_000)),
    )
    for (const period of MONTHS) {
      outside.set(`pop:${r}|${period}`, population)
      relations.push({
        kind: 'ratio',
        ratio: `rate-${r}|${period}`,
        numerator: `rate-${r}-n|${period}`,
        denominator: `pop:${r}|${period}`,
        scale: 10_000,
      })
    }
  }

  // Percentages of one denominator that add up to 100 (the assessment duration bands), numerators unpublished.
  for (let b = 0; b < int(0, 2); b += 1) {
    const denominators = series(count)
    const bands = int(2, 5)
    const split = denominators.map((d) => {
      if (d === null) return null
      const parts = Array.from({ length: bands }, () => 0)
      for (let k = 0; k < d; k += 1) parts[int(0, bands - 1)] = (parts[int(0, bands - 1)] ?? 0) + 1
      return parts
    })
    add(indicator(`bands-${b}-d`, 'count'), denominators)
    const ids = Array.from({ length: bands }, (_, j) => `bands-${b}-${j}`)
    // Half the time each band's count is published too (as an Annex A measure's count is, beside its percentage).
    const countsPublished = random() < 0.5
    ids.forEach((id, j) => {
      const values = split.map((parts, m) => {
        const d = denominators[m] ?? null
        return parts === null || d === null || d === 0 ? null : ((parts[j] ?? 0) / d) * 100
      })
      if (countsPublished) {
        add(
          indicator(`${id}-n`, 'count'),
          split.map((parts) => (parts === null ? null : (parts[j] ?? 0))),
        )
        add(
          indicator(id, 'percentage', { numeratorId: `${id}-n`, denominatorId: `bands-${b}-d` }),
          series(() => null),
        )
      } else {
        add(indicator(id, 'percentage', { denominatorId: `bands-${b}-d` }), values)
      }
      split.forEach((parts, m) => {
        const period = MONTHS[m] ?? PERIOD
        const d = denominators[m] ?? null
        if (parts === null || d === null || d === 0) return
        const numerator = countsPublished ? `${id}-n|${period}` : `hidden:${id}|${period}`
        if (!countsPublished) hiddenCounts.set(numerator, parts[j] ?? 0)
        relations.push({
          kind: 'ratio',
          ratio: `${id}|${period}`,
          numerator,
          denominator: `bands-${b}-d|${period}`,
          scale: 100,
        })
      })
    })
    sums.push({ total: null, parts: ids })
    for (const period of MONTHS) relations.push({ kind: 'sum', total: null, parts: ids.map((id) => `${id}|${period}`) })
  }
  return { indicators, observations, sums, relations, outside, hiddenCounts }
}

/**
 * Every month figure the public sees, by key, with the numerators and denominators published beside a
 * percentage (the JSON's `numerator` and `denominator`), which are the linked counts' figures.
 */
function publicFigures(
  pack: Pack,
  withheld: ReadonlySet<string>,
  catalogue: ReadonlyMap<string, Indicator>,
): Map<string, number> {
  const known = new Map<string, number>()
  for (const row of pack.indicators) {
    const entry = catalogue.get(row.id)
    for (const v of row.values) {
      if (withheld.has(`${row.id}|${v.period}`)) continue
      if (v.value !== null) known.set(`${row.id}|${v.period}`, v.value)
      if (v.numerator !== null && entry?.numeratorId) known.set(`${entry.numeratorId}|${v.period}`, v.numerator)
      if (v.denominator !== null && entry?.denominatorId) known.set(`${entry.denominatorId}|${v.period}`, v.denominator)
    }
  }
  return known
}

/** Keeps learning figures from the relations and the derived columns until nothing new is learned. */
function attack(pack: Pack, dataset: Dataset, known: Map<string, number>): Map<string, number> {
  for (const [key, value] of dataset.outside) known.set(key, value)
  const learn = (key: string, value: number): boolean => {
    if (known.has(key) || !Number.isFinite(value)) return false
    known.set(key, value)
    return true
  }
  const units = new Map(pack.indicators.map((row) => [row.id, row.unit]))
  let changed = true
  while (changed) {
    changed = false
    for (const relation of dataset.relations) {
      if (relation.kind === 'ratio') {
        const { ratio, numerator, denominator, scale } = relation
        const r = known.get(ratio)
        const n = known.get(numerator)
        const d = known.get(denominator)
        if (r !== undefined && d !== undefined) changed = learn(numerator, (r * d) / scale) || changed
        if (r !== undefined && n !== undefined && r !== 0) changed = learn(denominator, (n * scale) / r) || changed
        if (n !== undefined && d !== undefined && d !== 0) changed = learn(ratio, (n / d) * scale) || changed
      } else {
        const keys = relation.total === null ? relation.parts : [relation.total, ...relation.parts]
        const unknown = keys.filter((key) => !known.has(key))
        if (unknown.length !== 1 || unknown[0] === undefined) continue
        const total = relation.total === null ? 100 : known.get(relation.total)
        const partsSum = relation.parts.reduce((sum, key) => sum + (known.get(key) ?? 0), 0)
        const value = unknown[0] === relation.total ? partsSum : (total ?? 0) - partsSum
        changed = learn(unknown[0], value) || changed
      }
    }
    for (const row of pack.indicators) {
      const key = (period: Period | undefined) => `${row.id}|${period ?? ''}`
      const count = units.get(row.id) === 'count'
      // The 12-month average (rounded as shown) × months with a figure, minus the months shown.
      const lastTwelve = MONTHS.slice(-12)
      if (row.average12Months !== null) {
        const months = lastTwelve.filter((period) => row.values.find((v) => v.period === period)?.value !== null)
        const missing = months.filter((period) => !known.has(key(period)))
        const only = missing[0]
        if (missing.length === 1 && only !== undefined && count) {
          const others = months.reduce((sum, period) => sum + (known.get(key(period)) ?? 0), 0)
          const low = (row.average12Months - 0.5) * months.length - others
          const high = (row.average12Months + 0.5) * months.length - others
          if (Math.floor(high) - Math.ceil(low) === 0) changed = learn(key(only), Math.ceil(low)) || changed
        }
      }
      // A month from a shown whole-percent change and the month it is compared with.
      const changes = [
        { change: row.changeFromPreviousMonth.percent, base: MONTHS.at(-2) },
        { change: row.changeFromSameMonthLastYear.percent, base: MONTHS.at(-13) },
      ]
      for (const { change, base } of changes) {
        if (change === null || !count) continue
        const latest = known.get(key(PERIOD))
        const before = known.get(key(base))
        if (before !== undefined && latest === undefined) {
          const low = before * (1 + (change - 0.5) / 100)
          const high = before * (1 + (change + 0.5) / 100)
          if (Math.floor(high) - Math.ceil(low) === 0) changed = learn(key(PERIOD), Math.ceil(low)) || changed
        }
        if (latest !== undefined && before === undefined) {
          const low = latest / (1 + (change + 0.5) / 100)
          const high = change - 0.5 <= -100 ? Infinity : latest / (1 + (change - 0.5) / 100)
          if (Math.floor(high) - Math.ceil(low) === 0) changed = learn(key(base), Math.ceil(low)) || changed
        }
      }
    }
  }
  return known
}

/** The dataset's pack for April 2018, built as the council's is. */
function packOf(dataset: Dataset): Pack {
  return buildPack({
    dataset: { id: 'random', title: 'Random', indicatorIds: dataset.indicators.map((i) => i.id) },
    indicators: dataset.indicators,
    observations: dataset.observations,
    period: PERIOD,
  })
}

/** The small numbers of children in a dataset: counts of 1 to 5, and unpublished numerators of 1 to 5. */
function secrets(pack: Pack, dataset: Dataset): Secret[] {
  const found: Secret[] = []
  for (const row of pack.indicators) {
    if (row.unit !== 'count') continue
    for (const v of row.values) {
      if (v.value !== null && v.value >= 1 && v.value <= 5) found.push({ key: `${row.id}|${v.period}`, value: v.value })
    }
  }
  for (const [key, value] of dataset.hiddenCounts) if (value >= 1 && value <= 5) found.push({ key, value })
  return found
}

describe('disclosure control against an attacker who sees everything public (property)', () => {
  it('never shows or lets anyone recover a count of 1 to 5 children, over 400 random datasets', () => {
    let secretsChecked = 0
    let figuresWithheld = 0
    for (let seed = 1; seed <= 400; seed += 1) {
      const dataset = randomDataset(seededRandom(seed))
      if (dataset.indicators.length === 0) continue
      const pack = packOf(dataset)
      const catalogue = new Map(dataset.indicators.map((i) => [i.id, i]))
      const disclosed = disclosePack(pack, catalogue, DFE_RULE, dataset.sums)
      figuresWithheld += disclosed.withheld.size
      const known = attack(disclosed.pack, dataset, publicFigures(disclosed.pack, disclosed.withheld, catalogue))
      for (const secret of secrets(pack, dataset)) {
        secretsChecked += 1
        const learned = known.get(secret.key)
        assert.ok(
          learned === undefined || Math.abs(learned - secret.value) > TOLERANCE,
          `seed ${seed}: ${secret.key} (${secret.value} children) can be worked out from what is published`,
        )
      }
    }
    // The generator really makes small numbers, and suppression really has work to do.
    assert.ok(secretsChecked > 2000, `checked ${secretsChecked} small numbers`)
    assert.ok(figuresWithheld > 2000, `withheld ${figuresWithheld} figures`)
  })

  describe('edge cases', () => {
    it('the attacker is not a straw man: without secondary suppression it recovers small counts', () => {
      let recovered = 0
      for (let seed = 1; seed <= 100; seed += 1) {
        const dataset = randomDataset(seededRandom(seed))
        if (dataset.indicators.length === 0) continue
        const pack = packOf(dataset)
        // Primary suppression only: every count of 1 to 5 hidden, nothing else.
        const primary = new Set(
          pack.indicators.flatMap((row) =>
            row.unit !== 'count'
              ? []
              : row.values
                  .filter((v) => v.value !== null && v.value >= 1 && v.value <= 5)
                  .map((v) => `${row.id}|${v.period}`),
          ),
        )
        const catalogue = new Map(dataset.indicators.map((i) => [i.id, i]))
        const known = attack(pack, dataset, publicFigures(pack, primary, catalogue))
        for (const secret of secrets(pack, dataset)) {
          const learned = known.get(secret.key)
          if (learned !== undefined && Math.abs(learned - secret.value) <= TOLERANCE) recovered += 1
        }
      }
      assert.ok(recovered > 100, `recovered ${recovered} small numbers with primary suppression alone`)
    })
  })
})

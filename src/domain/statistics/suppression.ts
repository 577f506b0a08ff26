/**
 * Statistical disclosure control for public outputs: public pages and exports of the monthly pack must never
 * reveal small numbers of children.
 *
 * Source: Department for Education, "Statistics: guidance on data suppression" (DfE statistical disclosure
 * control policy), which follows the Government Statistical Service "Disclosure control guidance for tables
 * produced from administrative sources". DfE's convention, the default here: a count of 1 to 5 children is
 * published as `c`; 0 is published as 0 (a zero reveals nothing about an individual); secondary suppression
 * stops a suppressed figure being recovered by subtraction from a published total; a rate or percentage built
 * on a suppressed count is withheld as well.
 */

/** What may be published for one figure: the number, the suppression symbol, or nothing (no data). */
export type Disclosed = { kind: 'shown'; value: number } | { kind: 'suppressed'; symbol: 'c' } | { kind: 'missing' }

/** Counts from `min` to `max` inclusive are replaced by `symbol` before publication. */
export interface DisclosureRule {
  min: number
  max: number
  symbol: 'c'
}

/** Why a figure is suppressed: it is small itself ('primary'), or it would let a small one be worked out ('secondary'). */
export type SuppressionReason = 'primary' | 'secondary'

/** DfE's convention: 1 to 5 children are shown as `c`. */
export const DFE_RULE: DisclosureRule = Object.freeze({ min: 1, max: 5, symbol: 'c' })

/** A programmer error: a negative, fractional or non-numeric count, a malformed rule, or repeated cell ids. */
export class DisclosureError extends RangeError {
  override name = 'DisclosureError'
}

const SUPPRESSED: Disclosed = Object.freeze({ kind: 'suppressed', symbol: 'c' })
const MISSING: Disclosed = Object.freeze({ kind: 'missing' })

function checkRule(rule: DisclosureRule): void {
  if (!Number.isInteger(rule.min) || !Number.isInteger(rule.max) || rule.min < 0 || rule.min > rule.max) {
    throw new DisclosureError(
      `The suppression rule must be a range of whole numbers from 0 upwards (got ${rule.min} to ${rule.max}).`,
    )
  }
}

function checkCount(value: number, what: string): void {
  if (!Number.isFinite(value) || !Number.isInteger(value) || value < 0) {
    throw new DisclosureError(`${what} must be a whole number of children, 0 or more (got ${value}).`)
  }
}

function isSmall(value: number, rule: DisclosureRule): boolean {
  return value >= rule.min && value <= rule.max
}

/**
 * Primary suppression of one count of children: a count inside the rule's range (1 to 5 by default) is shown as
 * `c`; 0 and larger counts are shown; null (no data) is missing. Throws a RangeError (DisclosureError) for a
 * negative, fractional or non-finite count, which is a programming error, not a data problem.
 * @example discloseCount(3) // { kind: 'suppressed', symbol: 'c' }
 * @example discloseCount(0) // { kind: 'shown', value: 0 }
 * @example discloseCount(null) // { kind: 'missing' }
 */
export function discloseCount(value: number | null, rule: DisclosureRule = DFE_RULE): Disclosed {
  checkRule(rule)
  if (value === null) return MISSING
  checkCount(value, 'A count')
  // + 0 turns −0 into 0, so a published zero never prints as "-0".
  return isSmall(value, rule) ? SUPPRESSED : { kind: 'shown', value: value + 0 }
}

/**
 * A percentage (or rate) for publication: withheld as `c` when its numerator or its denominator would itself
 * be suppressed, because the percentage and the other figure would reveal the small count; otherwise the
 * percentage as given, or missing when it is null. A null numerator or denominator means "not known here":
 * the caller must pass the counts whenever the percentage was built from them.
 * @example disclosePercentage(3, 40, 7.5) // { kind: 'suppressed', symbol: 'c' } (3 children)
 * @example disclosePercentage(83, 128, 64.84375) // { kind: 'shown', value: 64.84375 }
 * @example disclosePercentage(0, 0, null) // { kind: 'missing' } (a percentage of nothing)
 */
export function disclosePercentage(
  numerator: number | null,
  denominator: number | null,
  value: number | null,
  rule: DisclosureRule = DFE_RULE,
): Disclosed {
  if (discloseCount(numerator, rule).kind === 'suppressed') return SUPPRESSED
  if (discloseCount(denominator, rule).kind === 'suppressed') return SUPPRESSED
  if (value === null) return MISSING
  if (!Number.isFinite(value)) throw new DisclosureError(`A percentage must be a number (got ${value}).`)
  return { kind: 'shown', value }
}

/** One part of a table row, as given to {@link suppressTable}. */
export interface TableCell {
  id: string
  value: number | null
}

/** One published figure of a table row, with why it is suppressed (null when it is not). */
export interface DisclosedCell {
  id: string
  value: Disclosed
  reason: SuppressionReason | null
}

/** A table row ready to publish: its parts in the order given, and its total. */
export interface DisclosedTable {
  cells: DisclosedCell[]
  total: { value: Disclosed; reason: SuppressionReason | null }
}

/**
 * Primary and secondary suppression for a row of parts that add up to a published total (for example children
 * in need by category of need, with the total of children in need).
 *
 * Algorithm (DfE "Statistics: guidance on data suppression"; GSS disclosure control for tables):
 * 1. Primary: every part, and the total, inside the rule's range is suppressed (`c`).
 * 2. If the total is suppressed, or not published (null), nothing more is needed: no sum can be subtracted from.
 * 3. If two or more parts are suppressed, nothing more is needed: the total gives only their sum.
 * 4. If exactly one part is suppressed it could be recovered as total − the other parts, so one more part is
 *    suppressed ('secondary'): the smallest shown part that is not 0 (0s are never used, as suppressing a 0
 *    protects nothing); ties go to the lowest id (compared character by character) so the result does not
 *    depend on the order of the cells.
 * 5. If there is no such part (the others are all 0 or missing), the total is suppressed ('secondary') instead.
 * The parts are assumed to add up to the total; this function does not check that.
 * Throws a RangeError (DisclosureError) for a negative or fractional count or a repeated id.
 * @example
 * suppressTable([{ id: 'abuse', value: 40 }, { id: 'disability', value: 3 }, { id: 'family', value: 12 }], 55)
 * // disability: c (primary), family: c (secondary, the next smallest), abuse: 40, total: 55
 */
export function suppressTable(
  cells: readonly TableCell[],
  total: number | null,
  rule: DisclosureRule = DFE_RULE,
): DisclosedTable {
  const seen = new Set<string>()
  for (const cell of cells) {
    if (seen.has(cell.id)) throw new DisclosureError(`The table has two parts called "${cell.id}".`)
    seen.add(cell.id)
    if (cell.value !== null) checkCount(cell.value, `The count for "${cell.id}"`)
  }
  if (total !== null) checkCount(total, 'The total')

  const disclosed: DisclosedCell[] = cells.map((cell) => {
    const value = discloseCount(cell.value, rule)
    return { id: cell.id, value, reason: value.kind === 'suppressed' ? 'primary' : null }
  })
  const totalValue = discloseCount(total, rule)
  const result: DisclosedTable = {
    cells: disclosed,
    total: { value: totalValue, reason: totalValue.kind === 'suppressed' ? 'primary' : null },
  }

  if (totalValue.kind !== 'shown') return result
  if (disclosed.filter((cell) => cell.reason !== null).length !== 1) return result

  const candidates = disclosed.flatMap((cell) =>
    cell.value.kind === 'shown' && cell.value.value > 0 ? [{ cell, value: cell.value.value }] : [],
  )
  candidates.sort((a, b) => a.value - b.value || compareIds(a.cell.id, b.cell.id))
  const next = candidates[0]?.cell

  if (next === undefined) {
    result.total = { value: SUPPRESSED, reason: 'secondary' }
  } else {
    next.value = SUPPRESSED
    next.reason = 'secondary'
  }
  return result
}

/** Character-by-character order, so the choice does not depend on the machine's locale. */
function compareIds(a: string, b: string): number {
  if (a === b) return 0
  return a < b ? -1 : 1
}

/** A monthly series ready to publish, and whether any month in it is suppressed. */
export interface DisclosedSeries {
  values: Disclosed[]
  anySuppressed: boolean
}

/**
 * Primary suppression of a series of monthly counts (the pack's 13 months, P−12 … P, oldest first). The months
 * are not parts of a total, so there is no secondary suppression between them: each month stands alone.
 *
 * The caller must also withhold every derived column computed from a suppressed month (see
 * {@link withheldColumns}): change from the previous month when P or P−1 is suppressed; change from the same
 * month last year when P or P−12 is suppressed; the 12-month average and maximum when any of P−11 … P is
 * suppressed; the RAG rating when P is suppressed. For a percentage series use {@link disclosePercentage} for
 * each month instead, then the same rules.
 * @example
 * discloseSeries([12, 4, null, 0]).anySuppressed // true
 * discloseSeries([12, 4, null, 0]).values
 * // [{ kind: 'shown', value: 12 }, { kind: 'suppressed', symbol: 'c' }, { kind: 'missing' }, { kind: 'shown', value: 0 }]
 */
export function discloseSeries(values: readonly (number | null)[], rule: DisclosureRule = DFE_RULE): DisclosedSeries {
  const disclosed = values.map((value) => discloseCount(value, rule))
  return { values: disclosed, anySuppressed: disclosed.some((value) => value.kind === 'suppressed') }
}

/** The pack's derived columns that must be withheld (true) because a month they are computed from is suppressed. */
export interface WithheldColumns {
  changeFromPreviousMonth: boolean
  changeFromSameMonthLastYear: boolean
  average12Months: boolean
  max12Months: boolean
  rag: boolean
}

/**
 * Which derived columns of a pack row to withhold, given its disclosed months P−12 … P (oldest first), matching
 * how build-pack computes them: changes use P with P−1 and P−12; the 12-month average and maximum use the last
 * twelve months P−11 … P; the RAG rating uses P. A missing month withholds nothing (the column is already n/a).
 * @example
 * // 13 months with only P−12 suppressed: the year-on-year change goes, the rest can be published
 * withheldColumns(discloseSeries([3, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21]).values)
 * // { changeFromPreviousMonth: false, changeFromSameMonthLastYear: true, average12Months: false, max12Months: false, rag: false }
 */
export function withheldColumns(values: readonly Disclosed[]): WithheldColumns {
  const isSuppressed = (value: Disclosed | undefined): boolean => value?.kind === 'suppressed'
  const latest = isSuppressed(values.at(-1))
  const lastTwelve = values.slice(-12).some(isSuppressed)
  return {
    changeFromPreviousMonth: latest || isSuppressed(values.at(-2)),
    changeFromSameMonthLastYear: latest || isSuppressed(values.at(-13)),
    average12Months: lastTwelve,
    max12Months: lastTwelve,
    rag: latest,
  }
}

/**
 * Figures that can be worked out from one another, so that withholding one of them alone protects nothing:
 * - `ratio`: a percentage or rate and the two counts it is built on (ratio = numerator ÷ denominator). Any one of
 *   the three follows from the other two, and the numerator or denominator may be public elsewhere (a rate's
 *   population, a count in another table), so the ratio is withheld whenever either count is, and when the ratio
 *   is withheld while its numerator is shown (and its denominator is not withheld), the numerator is withheld too;
 * - `sum`: parts that add up to a total (`total` null: a known constant, such as percentages adding up to 100).
 *   When every figure but one is shown, the last is the total minus the others, so a second is withheld.
 * Figures are named by key (see withheldKey in src/domain/publication.ts); a key that is not published at all
 * (`numerator: null`) cannot be used to work anything out.
 */
export type FigureRelation =
  | { kind: 'ratio'; ratio: string; numerator: string | null; denominator: string | null }
  | { kind: 'sum'; total: string | null; parts: readonly string[] }

/** One figure for {@link protectRelations}: its value (null: no figure) and why it is withheld (null: shown). */
export interface RelatedFigure {
  value: number | null
  withheld: SuppressionReason | null
}

/**
 * Secondary suppression across related figures: starting from the figures already withheld (primary), withholds
 * whatever else is needed so that no withheld figure can be worked out from one relation and the figures shown,
 * repeating until nothing changes (a figure withheld for one relation can make another need protecting).
 * - ratio: a ratio whose numerator or denominator is withheld is withheld; a withheld ratio whose numerator is
 *   shown, and whose denominator is not withheld, gets its numerator withheld;
 * - sum: when exactly one figure is withheld and all the others are shown, one more is withheld: the smallest
 *   part above 0 (ties to the lowest key, character by character), else the total, else a part that is 0.
 * Returns a new map; the one given is not changed. A key a relation names that is not in the map is "not
 * published": it neither needs protecting nor helps anyone work anything out.
 * @example
 * // 3 of 40: the count is small, so the percentage is withheld with it
 * protectRelations(new Map([['n', { value: 3, withheld: 'primary' }], ['d', { value: 40, withheld: null }],
 *   ['p', { value: 7.5, withheld: null }]]), [{ kind: 'ratio', ratio: 'p', numerator: 'n', denominator: 'd' }])
 *   .get('p') // { value: 7.5, withheld: 'secondary' }
 */
export function protectRelations(
  figures: ReadonlyMap<string, RelatedFigure>,
  relations: readonly FigureRelation[],
): Map<string, RelatedFigure> {
  const result = new Map([...figures].map(([key, figure]) => [key, { ...figure }]))
  const shown = (key: string | null): boolean => {
    const figure = key === null ? undefined : result.get(key)
    return figure !== undefined && figure.value !== null && figure.withheld === null
  }
  const withheld = (key: string | null): boolean => {
    const figure = key === null ? undefined : result.get(key)
    return figure !== undefined && figure.value !== null && figure.withheld !== null
  }
  const withhold = (key: string): void => {
    const figure = result.get(key)
    if (figure) figure.withheld = 'secondary'
  }

  let changed = true
  while (changed) {
    changed = false
    for (const relation of relations) {
      const next = relation.kind === 'ratio' ? ratioNext(relation, shown, withheld) : sumNext(relation, result)
      if (next !== null) {
        withhold(next)
        changed = true
      }
    }
  }
  return result
}

/** The figure of a ratio relation that must be withheld next, or null when it is safe. */
function ratioNext(
  relation: Extract<FigureRelation, { kind: 'ratio' }>,
  shown: (key: string | null) => boolean,
  withheld: (key: string | null) => boolean,
): string | null {
  const { ratio, numerator, denominator } = relation
  if (shown(ratio) && (withheld(numerator) || withheld(denominator))) return ratio
  // The denominator may be public elsewhere (a population), so a shown numerator gives the ratio away unless the
  // denominator is withheld here too.
  if (withheld(ratio) && shown(numerator) && !withheld(denominator)) return numerator
  return null
}

/** The figure of a sum relation that must be withheld next, or null when it is safe. */
function sumNext(
  relation: Extract<FigureRelation, { kind: 'sum' }>,
  figures: ReadonlyMap<string, RelatedFigure>,
): string | null {
  const keys = relation.total === null ? relation.parts : [relation.total, ...relation.parts]
  const members = keys.map((key) => ({ key, figure: figures.get(key) }))
  // A part or total that is not published, or has no figure, leaves more than one unknown: nothing to recover.
  if (members.some(({ figure }) => figure === undefined || figure.value === null)) return null
  if (members.filter(({ figure }) => figure?.withheld !== null).length !== 1) return null
  const shownParts = relation.parts.flatMap((key) => {
    const figure = figures.get(key)
    return figure && figure.withheld === null && figure.value !== null ? [{ key, value: figure.value }] : []
  })
  shownParts.sort((a, b) => a.value - b.value || compareIds(a.key, b.key))
  const positive = shownParts.find((part) => part.value > 0)
  if (positive) return positive.key
  if (relation.total !== null && figures.get(relation.total)?.withheld === null) return relation.total
  return shownParts[0]?.key ?? null
}

/**
 * The target that applies to a month: targets are set per financial year (April–March).
 */
import type { Target } from '../catalogue.ts'
import { financialYearOf, type Period } from '../period.ts'

/**
 * The target for the financial year that contains `period`, or null when that year has none.
 * March belongs to the year that started the April before; April starts a new year.
 * @example targetFor(lacCount.targets, '2018-03') // 515 (the 2017-18 target)
 * @example targetFor(lacCount.targets, '2018-04') // 460 (the 2018-19 target)
 */
export function targetFor(targets: readonly Target[], period: Period): number | null {
  const year = financialYearOf(period)
  return targets.find((target) => target.financialYear === year)?.value ?? null
}

/**
 * The public shapes of the measures computed from Ofsted Annex A records (docs/spec/measures.md).
 */
import type { IsoDate } from '../calendar/days.ts'
import type { FinancialYear, Period } from '../period.ts'

/** The council's choices where definitions differ (measures.md: "a setting, never a fork of the code"). */
export interface MeasureSettings {
  /** Child population aged 0–17 (ONS mid-year estimate) per financial year, for rates per 10,000. */
  population: Record<FinancialYear, number>
  /** An initial child protection conference is in time within this many working days of the strategy discussion. */
  icpcWorkingDays: number
  /** A child protection visit is in time within this many working days before the reference date (10, 15 or 20). */
  cpVisitWorkingDays: number
  /** A looked-after child's social work visit is in time within this many calendar days before the reference date. */
  lacVisitDays: number
}

/** The defaults: 15 working days for ICPCs and child protection visits, 42 days (six weeks) for LAC visits. */
export const DEFAULT_MEASURE_SETTINGS: MeasureSettings = {
  population: {},
  icpcWorkingDays: 15,
  cpVisitWorkingDays: 15,
  lacVisitDays: 42,
}

export type MeasureKind = 'event' | 'stock' | 'snapshot'
export type MeasureUnit = 'count' | 'percentage' | 'rate per 10,000'

/** One measure's figure for one month. */
export interface MeasureValue {
  /** The numerator of a percentage, or the plain count (of a count or a rate). */
  count: number
  /** The denominator of a percentage; null for counts and rates (a rate's population is a setting). */
  denominator: number | null
  /**
   * The count; or the unrounded percentage (null when the denominator is 0); or the unrounded rate per 10,000
   * (null when the settings have no population for the month's financial year).
   */
  value: number | null
}

/** What a measure is, for the catalogue, the docs and the CLI. */
export interface MeasureInfo {
  id: string
  title: string
  kind: MeasureKind
  unit: MeasureUnit
  /** The Annex A list numbers it reads. */
  lists: number[]
  /** Plain-English definition. */
  definition: string
  /** Where the definition comes from. */
  source: string
}

/** One row behind a figure, with the dates that decided it (the drill-down). Personal data about a child. */
export interface MeasureRow {
  /** Annex A list number. */
  list: number
  childId: string
  /** The row number as the officer sees it in the sheet. */
  row: number
  dates: Record<string, IsoDate | null>
  workingDays?: number
  note?: string
}

/** A row the measure would have looked at but left out, and why. */
export interface ExcludedRow extends MeasureRow {
  reason: string
}

/** The rows behind one measure in one month. */
export interface Explanation {
  measure: MeasureInfo
  month: Period
  value: MeasureValue
  /** The rows counted (for a count or a rate, the rows counted; for a percentage, its numerator). */
  numerator: MeasureRow[]
  /** For a percentage, every row of its denominator (numerator rows included); empty for counts and rates. */
  denominator: MeasureRow[]
  /** Rows left out because a date or answer the measure needs is unreadable, blank or out of order. */
  excluded: ExcludedRow[]
}

/**
 * The monthly pack: one dataset's indicators for a month P, with the 13 months P−12 … P and every derived
 * column the council publishes. This is the `pack --format json` contract (issue 2, point 7).
 */
import type { Polarity, Unit } from './catalogue.ts'
import type { Period } from './period.ts'

export type Direction = 'increase' | 'decrease' | 'similar' | 'n/a'
export type Judgement = 'positive' | 'negative' | 'similar' | 'neutral' | 'n/a'
export type Rag = 'green' | 'amber' | 'red'

export interface Change {
  /** Whole percent, rounded half away from zero; null when either value is missing or the base is 0. */
  percent: number | null
  direction: Direction
  judgement: Judgement
}

export interface PackValue {
  period: Period
  value: number | null
  numerator: number | null
  denominator: number | null
}

export interface PackIndicator {
  id: string
  code: string
  title: string
  serviceArea: string
  unit: Unit
  polarity: Polarity
  values: PackValue[]
  changeFromPreviousMonth: Change
  changeFromSameMonthLastYear: Change
  average12Months: number | null
  max12Months: number | null
  benchmarks: { statisticalNeighbours: number | null; england: number | null; region: number | null }
  target: number | null
  rag: Rag | null
}

export interface Pack {
  dataset: string
  period: Period
  months: Period[]
  indicators: PackIndicator[]
}

/**
 * The decisions register: every RESOLVED decision of every committee's minutes, each its own record, numbered
 * within its minute as the minutes print them ("(i)", "(ii)"…), with what became of it: a recommendation in the
 * tracker and its progress, or nothing further. Draft minutes are public (see docs/minutes.md), so their decisions
 * are listed too, marked as subject to approval.
 */
import type { IsoDate } from '../calendar/days.ts'
import { municipalYearOf } from '../calendar/municipal-year.ts'
import type { MinutesStatus } from './minutes.ts'
import { PROGRESS_STATUS_TEXT, type ProgressStatus } from './recommendations.ts'

/** One decision as stored, with its minute, meeting and committee. */
export interface RecordedDecision {
  committeeId: number
  committee: string
  meetingId: number
  date: IsoDate
  minutesStatus: MinutesStatus
  minuteNumber: number
  minuteTitle: string
  /** 1, 2, 3… within the minute. */
  number: number
  text: string
}

/** A decision with what became of it: the recommendation made from it, if one was. */
export interface RegisteredDecision extends RecordedDecision {
  recommendation: { id: number; status: ProgressStatus } | null
}

export const DECISION_OUTCOMES = ['recommendation', 'no-recommendation'] as const
export type DecisionOutcome = (typeof DECISION_OUTCOMES)[number]

/** What the register's filter form sends; every part optional (empty text for none). */
export interface DecisionFilter {
  committee: string
  /** A municipal year, "2019-20". */
  year: string
  outcome: string
  /** Words the decision or its minute's title contains. */
  words: string
}

/**
 * A decision's number as the minutes print it.
 * @example romanNumeral(4) // 'iv'
 * @example romanNumeral(9) // 'ix'
 */
export function romanNumeral(n: number): string {
  const numerals: Array<[number, string]> = [
    [1000, 'm'],
    [900, 'cm'],
    [500, 'd'],
    [400, 'cd'],
    [100, 'c'],
    [90, 'xc'],
    [50, 'l'],
    [40, 'xl'],
    [10, 'x'],
    [9, 'ix'],
    [5, 'v'],
    [4, 'iv'],
    [1, 'i'],
  ]
  let rest = n
  let text = ''
  for (const [value, numeral] of numerals) {
    while (rest >= value) {
      text += numeral
      rest -= value
    }
  }
  return text
}

/**
 * A decision's outcome in words: the recommendation's progress, or that the decision stands as recorded.
 * @example outcomeText(null) // 'Decided: no recommendation'
 */
export function outcomeText(recommendation: RegisteredDecision['recommendation']): string {
  return recommendation === null
    ? 'Decided: no recommendation'
    : `Recommendation: ${PROGRESS_STATUS_TEXT[recommendation.status]}`
}

/**
 * The decisions that match the filter; a part left empty (or not understood) does not filter.
 * @example filterDecisions(decisions, { committee: '1', year: '2019-20', outcome: '', words: 'overview' })
 */
export function filterDecisions<D extends RegisteredDecision>(decisions: readonly D[], filter: DecisionFilter): D[] {
  const words = filter.words
    .trim()
    .toLowerCase()
    .split(/\s+/)
    .filter((w) => w !== '')
  return decisions.filter((d) => {
    if (filter.committee !== '' && String(d.committeeId) !== filter.committee) return false
    if (filter.year !== '' && municipalYearOf(d.date) !== filter.year) return false
    if (filter.outcome === 'recommendation' && d.recommendation === null) return false
    if (filter.outcome === 'no-recommendation' && d.recommendation !== null) return false
    const haystack = `${d.minuteTitle} ${d.text}`.toLowerCase()
    return words.every((w) => haystack.includes(w))
  })
}

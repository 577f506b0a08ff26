/**
 * Process changes on an XmR chart: an officer says that from a month on the work is done differently (a new team,
 * a new definition), so the limits are worked out afresh from that month. This module checks what the form sends
 * and turns the recorded changes into the break positions `xmrChart` takes.
 */
import { failed, ok, type Result } from '../result.ts'
import { isPeriod, type Period } from '../period.ts'

/** A recorded process change. */
export interface ProcessChange {
  indicatorId: string
  /** The first month of the new process. */
  period: Period
  reason: string
  recordedBy: string
  /** ISO 8601 timestamp, UTC. */
  recordedAt: string
}

/** What the form sends, as typed. */
export interface ProcessChangeInput {
  month: string
  reason: string
}

export interface ProcessChangeProblem {
  field: 'month' | 'reason'
  message: string
}

/** A reason is a sentence or two, not an essay: the chart shows it beside the break. */
export const REASON_MAX_LENGTH = 500

/**
 * Checks a process change as typed: a month written YYYY-MM and a reason of 1 to 500 characters (trimmed).
 * @example processChangeFrom({ month: '2018-01', reason: 'New front door' }) // ok: { period: '2018-01', reason: 'New front door' }
 */
export function processChangeFrom(
  input: ProcessChangeInput,
): Result<{ period: Period; reason: string }, ProcessChangeProblem> {
  const problems: ProcessChangeProblem[] = []
  const month = input.month.trim()
  const reason = input.reason.trim().replace(/\s+/g, ' ')
  if (month === '') problems.push({ field: 'month', message: 'Enter the month the new process started' })
  else if (!isPeriod(month))
    problems.push({ field: 'month', message: 'Enter the month as a year and month, like 2018-01' })
  if (reason === '') problems.push({ field: 'reason', message: 'Enter why the process changed' })
  else if (reason.length > REASON_MAX_LENGTH)
    problems.push({ field: 'reason', message: `The reason must be ${REASON_MAX_LENGTH} characters or fewer` })
  if (problems.length > 0) return failed(problems)
  return ok({ period: month, reason })
}

/**
 * Where each process change starts a new period in a run of consecutive months: its position in `months`. A
 * change at or before the first month shown, or after the last, cuts nothing shown.
 * @example breaksIn(['2018-01', '2018-02', '2018-03'], [{ period: '2018-02' }]) // [1]
 */
export function breaksIn(months: readonly Period[], changes: ReadonlyArray<Pick<ProcessChange, 'period'>>): number[] {
  const position = new Map(months.map((month, i) => [month, i]))
  const breaks = new Set<number>()
  for (const change of changes) {
    const at = position.get(change.period)
    if (at !== undefined && at > 0) breaks.add(at)
  }
  return [...breaks].sort((a, b) => a - b)
}

/** Process changes by indicator, each indicator's in the order given. */
export function processChangesByIndicator(changes: readonly ProcessChange[]): Map<string, ProcessChange[]> {
  const byIndicator = new Map<string, ProcessChange[]>()
  for (const change of changes) {
    const list = byIndicator.get(change.indicatorId) ?? []
    list.push(change)
    byIndicator.set(change.indicatorId, list)
  }
  return byIndicator
}

/**
 * The recommendations tracker (/recommendations), one recommendation (/recommendations/{id}) and a meeting's
 * "Monitoring Scrutiny Recommendations" report (/meetings/{id}/monitoring-report), whose columns follow the
 * council's report: Date, Title, Recommendation, Action Taken, Progress Status.
 */
import type { IsoDate } from '../../domain/calendar/days.ts'
import {
  isOverdue,
  PROGRESS_STATUS_TEXT,
  PROGRESS_STATUSES,
  type ProgressStatus,
  type Recommendation,
} from '../../domain/scrutiny/recommendations.ts'
import { printedDate } from '../../domain/scrutiny/minutes.ts'
import type { MonitoringReport } from '../../services/recommendation-service.ts'
import { longDate } from '../../domain/calendar/days.ts'

const STATUS_CLASSES: Record<ProgressStatus, string> = {
  'awaiting-response': 'govuk-tag--yellow',
  accepted: 'govuk-tag--blue',
  'in-progress': 'govuk-tag--light-blue',
  completed: 'govuk-tag--green',
  'not-accepted': 'govuk-tag--grey',
}

/**
 * A date as the monitoring report prints it.
 * @example shortDate('2015-06-25') // '25/06/15'
 */
export function shortDate(date: IsoDate): string {
  const [y, m, d] = date.split('-')
  return `${d ?? ''}/${m ?? ''}/${(y ?? '').slice(2)}`
}

function row(r: Recommendation, asOf: IsoDate) {
  const overdue = isOverdue(r, asOf)
  return {
    href: `/recommendations/${r.id}`,
    id: r.id,
    date: shortDate(r.madeOn),
    dateLong: longDate(r.madeOn),
    title: r.title,
    number: r.number,
    text: r.text,
    leadOfficer: r.leadOfficer,
    responseDue: longDate(r.responseDue),
    status: { text: PROGRESS_STATUS_TEXT[r.status], classes: STATUS_CLASSES[r.status] },
    overdue,
    // Still waiting for the executive's response, and not yet late: the report says when it is due.
    awaitingResponse: !overdue && r.status === 'awaiting-response',
    updates: r.updates.map((u) => ({
      dated: u.dated === null ? 'Undated (recorded before Scrutineer)' : longDate(u.dated),
      text: u.text,
      status: u.status === null ? null : PROGRESS_STATUS_TEXT[u.status],
    })),
  }
}

/** "Open" (the default: not completed, not declined), every recommendation, or one progress status. */
export type StatusFilter = 'open' | 'all' | ProgressStatus

/**
 * The tracker's filters (`/recommendations?status=…&overdue=yes&officer=…&meeting=YYYY-MM-DD`), read from a GET
 * form so they work without JavaScript; the CSV download (`/recommendations.csv`) takes the same parameters.
 */
export interface RecommendationFilters {
  status: StatusFilter
  overdue: boolean
  /** A lead officer exactly as recorded. */
  officer: string | null
  /** The date of the meeting that made the recommendation. */
  meeting: IsoDate | null
}

export const DEFAULT_RECOMMENDATION_FILTERS: RecommendationFilters = Object.freeze({
  status: 'open',
  overdue: false,
  officer: null,
  meeting: null,
})

function parameter(query: unknown, name: string): string {
  const value = (query as Record<string, unknown> | null | undefined)?.[name]
  const first = Array.isArray(value) ? (value[0] as unknown) : value
  return typeof first === 'string' ? first.trim() : ''
}

/**
 * The filters a query string asks for; anything unknown reads as the default. `show=all`, the tracker's older
 * link, still means every status.
 * @example parseRecommendationFilters({ status: 'accepted', overdue: 'yes' }).status // 'accepted'
 */
export function parseRecommendationFilters(query: unknown): RecommendationFilters {
  const status = parameter(query, 'status')
  const known: readonly string[] = ['open', 'all', ...PROGRESS_STATUSES]
  const officer = parameter(query, 'officer')
  const meeting = parameter(query, 'meeting')
  return {
    status: known.includes(status) ? (status as StatusFilter) : parameter(query, 'show') === 'all' ? 'all' : 'open',
    overdue: parameter(query, 'overdue') === 'yes',
    officer: officer === '' ? null : officer,
    meeting: /^\d{4}-\d{2}-\d{2}$/.test(meeting) ? meeting : null,
  }
}

const isOpen = (r: Recommendation): boolean => r.status !== 'completed' && r.status !== 'not-accepted'

/** The recommendations the filters keep, in the order given (the tracker's: oldest first). */
export function filterRecommendations(
  recommendations: readonly Recommendation[],
  filters: RecommendationFilters,
  asOf: IsoDate,
): Recommendation[] {
  return recommendations.filter(
    (r) =>
      (filters.status === 'all' || (filters.status === 'open' ? isOpen(r) : r.status === filters.status)) &&
      (!filters.overdue || isOverdue(r, asOf)) &&
      (filters.officer === null || r.leadOfficer === filters.officer) &&
      (filters.meeting === null || r.madeOn === filters.meeting),
  )
}

/**
 * The query string of the filters, defaults left out, for the CSV link: `?status=all&overdue=yes`, or '' for none.
 */
export function recommendationsQuery(filters: RecommendationFilters): string {
  const params = new URLSearchParams()
  if (filters.status !== 'open') params.set('status', filters.status)
  if (filters.overdue) params.set('overdue', 'yes')
  if (filters.officer !== null) params.set('officer', filters.officer)
  if (filters.meeting !== null) params.set('meeting', filters.meeting)
  const text = params.toString()
  return text === '' ? '' : `?${text}`
}

function sameFilters(a: RecommendationFilters, b: RecommendationFilters): boolean {
  return a.status === b.status && a.overdue === b.overdue && a.officer === b.officer && a.meeting === b.meeting
}

export function trackerPageModel(
  recommendations: readonly Recommendation[],
  asOf: IsoDate,
  filters: RecommendationFilters = DEFAULT_RECOMMENDATION_FILTERS,
) {
  const shown = filterRecommendations(recommendations, filters, asOf)
  const officers = [...new Set(recommendations.flatMap((r) => (r.leadOfficer === null ? [] : [r.leadOfficer])))].sort(
    (a, b) => a.localeCompare(b, 'en-GB'),
  )
  const meetings = [...new Set(recommendations.map((r) => r.madeOn))].sort().reverse()
  const option = (value: string, text: string, chosen: string | null) => ({ value, text, selected: value === chosen })
  const total = recommendations.length
  return {
    pageTitle: 'Scrutiny recommendations',
    counts: {
      all: total,
      open: recommendations.filter(isOpen).length,
      overdue: recommendations.filter((r) => isOverdue(r, asOf)).length,
    },
    filters: {
      statuses: [
        option('open', 'Open (not completed or declined)', filters.status),
        option('all', 'Any status', filters.status),
        ...PROGRESS_STATUSES.map((s) => option(s, PROGRESS_STATUS_TEXT[s], filters.status)),
      ],
      officers: [
        option('', 'Any lead officer', filters.officer ?? ''),
        ...officers.map((o) => option(o, o, filters.officer)),
      ],
      meetings: [
        option('', 'Any meeting', filters.meeting ?? ''),
        ...meetings.map((d) => option(d, longDate(d), filters.meeting)),
      ],
      overdue: filters.overdue,
      active: !sameFilters(filters, DEFAULT_RECOMMENDATION_FILTERS),
    },
    shownCount: shown.length,
    countText: `Showing ${shown.length} of ${total} ${total === 1 ? 'recommendation' : 'recommendations'}`,
    csvHref: `/recommendations.csv${recommendationsQuery(filters)}`,
    rows: shown.map((r) => row(r, asOf)),
  }
}

export function recommendationPageModel(recommendation: Recommendation, asOf: IsoDate) {
  return {
    pageTitle: `Recommendation ${recommendation.number}: ${recommendation.title}`,
    recommendation: row(recommendation, asOf),
    statuses: PROGRESS_STATUSES.map((s) => ({ value: s, text: PROGRESS_STATUS_TEXT[s] })),
  }
}

/**
 * A meeting's monitoring report judges "overdue" as at the meeting's date, past or future: it reads as it did (or
 * will) on the day the panel receives it.
 */
export function monitoringReportModel(report: MonitoringReport) {
  return {
    pageTitle: `Monitoring scrutiny recommendations, ${longDate(report.meeting.date)}`,
    committee: report.committee.name,
    meetingDate: longDate(report.meeting.date),
    asAt: printedDate(report.meeting.date),
    meetingHref: `/meetings/${report.meeting.id}`,
    rows: report.recommendations.map((r) => row(r, report.meeting.date)),
  }
}

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

export function trackerPageModel(recommendations: readonly Recommendation[], asOf: IsoDate, show: 'open' | 'all') {
  const open = (r: Recommendation) => r.status !== 'completed' && r.status !== 'not-accepted'
  const shown = show === 'all' ? recommendations : recommendations.filter(open)
  return {
    pageTitle: 'Scrutiny recommendations',
    show,
    counts: {
      all: recommendations.length,
      open: recommendations.filter(open).length,
      overdue: recommendations.filter((r) => isOverdue(r, asOf)).length,
    },
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

/**
 * The "Monitoring Scrutiny Recommendations" report as the Public Document Pack prints it (seed 004): a table with
 * the council's columns Date, Title, Recommendation, Action Taken, Progress Status, one row per recommendation of
 * the meeting's monitoring report (the same rows as /meetings/{id}/monitoring-report). An HTML fragment with every
 * piece of text escaped.
 */
import type { IsoDate } from '../domain/calendar/days.ts'
import { printedDate } from '../domain/scrutiny/minutes.ts'
import { PROGRESS_STATUS_TEXT, type Recommendation } from '../domain/scrutiny/recommendations.ts'
import { escapeMarkup } from '../domain/markup-text.ts'

/**
 * A date as the monitoring report prints it.
 * @example reportDate('2015-06-25') // '25/06/15'
 */
function reportDate(date: IsoDate): string {
  const [y, m, d] = date.split('-')
  return `${d ?? ''}/${m ?? ''}/${(y ?? '').slice(2)}`
}

function row(r: Recommendation): string {
  const officer =
    r.leadOfficer === null || r.leadOfficer.trim() === ''
      ? ''
      : `<p class="govuk-body-s">Lead officer: ${escapeMarkup(r.leadOfficer)}</p>`
  const updates =
    r.updates.length === 0
      ? '<p class="govuk-body-s">None reported.</p>'
      : r.updates
          .map((u) => {
            const dated = u.dated === null ? '' : `<strong>${escapeMarkup(printedDate(u.dated))}:</strong> `
            return `<p class="govuk-body-s">${dated}${escapeMarkup(u.text)}</p>`
          })
          .join('')
  // The pack is printed before the meeting: it says when a response is due rather than whether it is late.
  const due =
    r.status === 'awaiting-response'
      ? `<br><span class="govuk-body-s">Response due ${escapeMarkup(printedDate(r.responseDue))}</span>`
      : ''
  return (
    '<tr>' +
    `<td>${reportDate(r.madeOn)}</td>` +
    `<td>${escapeMarkup(r.title)}</td>` +
    `<td><p class="govuk-body-s">${r.number}) ${escapeMarkup(r.text)}</p>${officer}</td>` +
    `<td>${updates}</td>` +
    `<td>${escapeMarkup(PROGRESS_STATUS_TEXT[r.status])}${due}</td>` +
    '</tr>'
  )
}

/**
 * The monitoring report's table for the pack, or a sentence when there is nothing to report.
 * @example monitoringReportHtml([]) // '<p class="govuk-body">There are no recommendations to report.</p>'
 */
export function monitoringReportHtml(recommendations: readonly Recommendation[]): string {
  const intro =
    '<p class="govuk-body">The recommendations made at previous meetings of the Panel that were still open, and those completed or declined since the Panel last met.</p>'
  if (recommendations.length === 0) {
    return `${intro}<p class="govuk-body">There are no recommendations to report.</p>`
  }
  return (
    intro +
    '<table class="app-doc-monitoring">' +
    '<thead><tr><th scope="col">Date</th><th scope="col">Title</th><th scope="col">Recommendation</th>' +
    '<th scope="col">Action Taken</th><th scope="col">Progress Status</th></tr></thead>' +
    `<tbody>${recommendations.map(row).join('')}</tbody>` +
    '</table>'
  )
}

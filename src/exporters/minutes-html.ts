/**
 * Minutes as the council prints them, for the Public Document Pack's "minutes of the previous meeting" paper: the
 * committee and date, who was present, apologies, officers, declarations, then each numbered minute with its text
 * and RESOLVED decision. An HTML fragment (h2–h4 headings) with every piece of text escaped.
 */
import { attendanceLine, printedDate, type MeetingMinutes } from '../domain/scrutiny/minutes.ts'
import { escapeHtml } from './document-pack/papers.ts'

function paragraph(text: string, className = 'govuk-body'): string {
  return `<p class="${className}">${escapeHtml(text)}</p>`
}

/**
 * The minutes as an escaped HTML fragment, headed "<committee> – minutes of the meeting held on <date>".
 * @example minutesHtml(demo) // '<h2 class="govuk-heading-l">Children and Families Scrutiny Panel</h2>…<h3 …>29. Apologies…</h3>…'
 */
export function minutesHtml(minutes: MeetingMinutes): string {
  const { committee, meeting, approvedAt } = minutes
  const record = minutes.minutes
  const parts: string[] = [
    `<h2 class="govuk-heading-l">${escapeHtml(committee.name)}</h2>`,
    `<h3 class="govuk-heading-m">Minutes of the meeting held on ${escapeHtml(printedDate(meeting.date))}</h3>`,
  ]
  if (record.status === 'draft') {
    parts.push(paragraph('Draft, subject to approval at the next meeting.', 'govuk-body govuk-!-font-weight-bold'))
  } else if (record.approvedOn !== null) {
    const at = approvedAt === null ? record.approvedOn : approvedAt.date
    parts.push(paragraph(`Approved as a correct record at the meeting held on ${printedDate(at)}.`, 'govuk-body-s'))
  }
  parts.push(`<p class="govuk-body"><strong>Present:</strong> ${escapeHtml(attendanceLine(record.present))}</p>`)
  if (record.apologies.length > 0) {
    parts.push(`<p class="govuk-body"><strong>Apologies:</strong> ${escapeHtml(attendanceLine(record.apologies))}</p>`)
  }
  if (record.officers.length > 0) {
    parts.push('<h4 class="govuk-heading-s">Officers in attendance</h4>')
    parts.push(`<ul class="govuk-list">${record.officers.map((o) => `<li>${escapeHtml(o)}</li>`).join('')}</ul>`)
  }
  if (record.declarations.length > 0) {
    parts.push('<h4 class="govuk-heading-s">Declarations</h4>')
    parts.push(record.declarations.map((d) => paragraph(d)).join(''))
  }
  for (const item of record.items) {
    if (item.inTheChair !== null)
      parts.push(paragraph(item.inTheChair.toUpperCase(), 'govuk-body govuk-!-font-weight-bold'))
    parts.push(`<h3 class="govuk-heading-m">${item.number}. ${escapeHtml(item.title)}</h3>`)
    parts.push(item.paragraphs.map((p) => paragraph(p)).join(''))
    if (item.resolved !== null) {
      const [first = '', ...rest] = item.resolved
        .split(/\r?\n/)
        .map((l) => l.trim())
        .filter((l) => l !== '')
      parts.push(`<p class="govuk-body"><strong>RESOLVED</strong> ${escapeHtml(first)}</p>`)
      parts.push(rest.map((l) => paragraph(l)).join(''))
    }
  }
  return parts.filter((p) => p !== '').join('\n')
}

/**
 * Minutes as the council prints them, for the Public Document Pack's "minutes of the previous meeting" paper: the
 * committee and date, who was present, apologies, officers, declarations, then each numbered minute with its text
 * and RESOLVED decision. An HTML fragment (h2–h4 headings) with every piece of text escaped. Acronyms in each
 * minute's text and decision are marked up to their glossary entry as `<abbr>` (first use in each minute).
 */
import type { GlossaryEntry } from '../domain/glossary.ts'
import { attendanceLine, printedDate, printedResolutionLines, type MeetingMinutes } from '../domain/scrutiny/minutes.ts'
import { escapeMarkup } from '../domain/markup-text.ts'
import { sectionHtml } from './marked-up-html.ts'

function paragraph(text: string, className = 'govuk-body'): string {
  return `<p class="${className}">${escapeMarkup(text)}</p>`
}

/**
 * The minutes as an escaped HTML fragment, headed "<committee> – minutes of the meeting held on <date>", with the
 * acronyms of `glossary` marked up in each minute's text and RESOLVED decision.
 * @example minutesHtml(demo) // '<h2 class="govuk-heading-l">Children and Families Scrutiny Panel</h2>…<h3 …>29. Apologies…</h3>…'
 */
export function minutesHtml(minutes: MeetingMinutes, glossary: readonly GlossaryEntry[] = []): string {
  const { committee, meeting, approvedAt } = minutes
  const record = minutes.minutes
  const parts: string[] = [
    `<h2 class="govuk-heading-l">${escapeMarkup(committee.name)}</h2>`,
    `<h3 class="govuk-heading-m">Minutes of the meeting held on ${escapeMarkup(printedDate(meeting.date))}</h3>`,
  ]
  if (record.status === 'draft') {
    parts.push(paragraph('Draft, subject to approval at the next meeting.', 'govuk-body govuk-!-font-weight-bold'))
  } else if (record.approvedOn !== null) {
    const at = approvedAt === null ? record.approvedOn : approvedAt.date
    parts.push(paragraph(`Approved as a correct record at the meeting held on ${printedDate(at)}.`, 'govuk-body-s'))
  }
  parts.push(`<p class="govuk-body"><strong>Present:</strong> ${escapeMarkup(attendanceLine(record.present))}</p>`)
  if (record.apologies.length > 0) {
    parts.push(
      `<p class="govuk-body"><strong>Apologies:</strong> ${escapeMarkup(attendanceLine(record.apologies))}</p>`,
    )
  }
  if (record.officers.length > 0) {
    parts.push('<h4 class="govuk-heading-s">Officers in attendance</h4>')
    parts.push(`<ul class="govuk-list">${record.officers.map((o) => `<li>${escapeMarkup(o)}</li>`).join('')}</ul>`)
  }
  if (record.declarations.length > 0) {
    parts.push('<h4 class="govuk-heading-s">Declarations</h4>')
    parts.push(record.declarations.map((d) => paragraph(d)).join(''))
  }
  for (const item of record.items) {
    if (item.inTheChair !== null)
      parts.push(paragraph(item.inTheChair.toUpperCase(), 'govuk-body govuk-!-font-weight-bold'))
    parts.push(`<h3 class="govuk-heading-m">${item.number}. ${escapeMarkup(item.title)}</h3>`)
    const resolved = item.resolved === null ? [] : printedResolutionLines(item.resolved)
    // One minute is one section: an acronym is marked at its first use in the minute's text or decision.
    const html = sectionHtml([...item.paragraphs, ...resolved], glossary)
    parts.push(
      html
        .slice(0, item.paragraphs.length)
        .map((p) => `<p class="govuk-body">${p}</p>`)
        .join(''),
    )
    if (item.resolved !== null) {
      const [first = '', ...rest] = html.slice(item.paragraphs.length)
      parts.push(`<p class="govuk-body"><strong>RESOLVED</strong> ${first}</p>`)
      parts.push(rest.map((l) => `<p class="govuk-body">${l}</p>`).join(''))
    }
  }
  return parts.filter((p) => p !== '').join('\n')
}

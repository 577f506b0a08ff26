/**
 * A report's papers for the Public Document Pack: its cover sheet as one HTML paper (every section in the
 * template's order, every text escaped), then one paper per appendix in order. Uploaded PDFs are placed as they
 * are; Word and Excel files cannot be printed into the pack, so they are listed by name; the published pack, the
 * performance overview and the glossary are written from the content the caller hands over. Acronyms in the cover
 * sheet's text are marked up as `<abbr>` to their glossary entry, at their first use in each section.
 */
import type { GlossaryEntry } from '../domain/glossary.ts'
import type { SnapshotOverview } from '../domain/publication.ts'
import {
  appendixLabels,
  EQUALITY_IMPACT_QUESTION,
  impactAssessmentTemplate,
  numberedParagraphs,
  recommendationNumber,
  typedMembersRoomDocuments,
  type Appendix,
  type Report,
} from '../domain/scrutiny/report.ts'
import type { Paper } from './document-pack/document-pack.ts'
import { escapeMarkup } from '../domain/markup-text.ts'
import { sectionHtml } from './marked-up-html.ts'
import { displayDate, isIsoDate } from '../domain/calendar/days.ts'

/** What the pack prints for one appendix, read by the caller from the store. */
export type AppendixContent =
  /** An uploaded file's bytes (printed when a PDF, listed by name otherwise). */
  | { appendix: Appendix; kind: 'file'; bytes: Uint8Array }
  /** The published performance overview. */
  | { appendix: Appendix; kind: 'overview'; overview: SnapshotOverview }
  /** The glossary's entries. */
  | { appendix: Appendix; kind: 'glossary'; entries: readonly GlossaryEntry[] }
  /** HTML the caller has already written with every text escaped (say, the published pack's tables). */
  | { appendix: Appendix; kind: 'html'; html: string; landscape?: boolean }
  /** Nothing to print: the paper names the appendix and where to find it. */
  | { appendix: Appendix; kind: 'none'; where?: string }

const p = (text: string) => `<p class="govuk-body">${escapeMarkup(text)}</p>`
const yesNo = (value: boolean) => (value ? 'Yes' : 'No')

function numberedList(items: readonly string[]): string {
  if (items.length === 0) return p('None')
  return `<ol>${items.map((text) => `<li>${escapeMarkup(text)}</li>`).join('')}</ol>`
}

/**
 * "Documents in Members' Rooms": the uploaded Members' Room papers by their numbers, then the documents typed on the
 * form that no uploaded paper already lists.
 */
function membersRoomList(report: Report, appendices: readonly Appendix[]): string {
  const uploaded = appendixLabels(appendices)
    .filter(({ appendix }) => appendix.membersRoomOnly)
    .map(({ appendix, label }) => `${label}: ${appendix.title}`)
  const items = [...uploaded, ...typedMembersRoomDocuments(report.membersRoomDocuments, appendices)]
  if (items.length === 0) return p('None')
  return `<ul>${items.map((text) => `<li>${escapeMarkup(text)}</li>`).join('')}</ul>`
}

/** The site's one way of writing a date ("7 June 2018"); an ISO text that is not a date is shown as it is. */
function longDate(iso: string): string {
  return isIsoDate(iso) ? displayDate(iso) : iso
}

/**
 * The contact block as the template prints it (seed 000): each contact's role, then "Title", "Name" with "Tel:" and
 * "E-mail" on lines of their own; a line with nothing to print is left out.
 */
function contactsHtml(contacts: Report['contacts']): string {
  if (contacts.length === 0) return p('None')
  const rows = contacts.flatMap((c) => {
    const lines: Array<[string, string]> = [
      ...(c.title === null ? [] : [['Title', c.title] as [string, string]]),
      ['Name:', c.phone === null ? c.name : `${c.name}    Tel: ${c.phone}`],
      ...(c.email === null ? [] : [['E-mail', c.email] as [string, string]]),
    ]
    return lines.map(
      ([key, value], i) =>
        `<tr>${i === 0 ? `<th scope="rowgroup" rowspan="${lines.length}">${escapeMarkup(c.role)}</th>` : ''}` +
        `<td>${escapeMarkup(key)}</td><td>${escapeMarkup(value)}</td></tr>`,
    )
  })
  return `<table><tbody>${rows.join('')}</tbody></table>`
}

/**
 * The cover sheet as an HTML fragment, sections in the template's order. The acronyms of `glossary` are marked up
 * in the statement of confidentiality, the brief summary, the recommendations and each numbered section (first
 * use in each). The impact assessment questions are those of the template in force on `meetingDate` (the date of
 * decision when not given).
 * @example coverSheetHtml(report, appendices).includes('<th scope="row">Decision-maker</th>') // true
 */
export function coverSheetHtml(
  report: Report,
  appendices: readonly Appendix[],
  glossary: readonly GlossaryEntry[] = [],
  meetingDate: string = report.dateOfDecision,
): string {
  const template = impactAssessmentTemplate(meetingDate)
  /** One section's paragraphs, escaped with their acronyms marked up, each with its prefix ("(i) ", "3. "). */
  const section = (paragraphs: ReadonlyArray<{ prefix: string; text: string }>): string =>
    paragraphs.length === 0
      ? p('None')
      : sectionHtml(
          paragraphs.map((x) => x.text),
          glossary,
        )
          .map((html, i) => `<p class="govuk-body">${escapeMarkup(paragraphs[i]?.prefix ?? '')}${html}</p>`)
          .join('')
  const rows: Array<[string, string]> = [
    ['Decision-maker', report.decisionMaker],
    ['Subject', report.subject],
    ['Date of decision', longDate(report.dateOfDecision)],
    ['Report of', report.reportOf],
  ]
  const parts: string[] = [
    `<table><tbody>${rows.map(([k, v]) => `<tr><th scope="row">${escapeMarkup(k)}</th><td>${escapeMarkup(v)}</td></tr>`).join('')}</tbody></table>`,
    '<h3>Contact details</h3>',
    contactsHtml(report.contacts),
    '<h3>Statement of confidentiality</h3>',
    section([{ prefix: '', text: report.confidentiality }]),
    '<h3>Brief summary</h3>',
    section(report.briefSummary === '' ? [] : [{ prefix: '', text: report.briefSummary }]),
    '<h3>Recommendations</h3>',
    section(report.recommendations.map((text, i) => ({ prefix: `${recommendationNumber(i + 1)} `, text }))),
  ]
  for (const numbered of numberedParagraphs(report)) {
    parts.push(`<h3>${escapeMarkup(numbered.heading)}</h3>`)
    parts.push(section(numbered.paragraphs.map((x) => ({ prefix: `${x.number}. `, text: x.text }))))
  }
  parts.push(
    `<table><tbody><tr><th scope="row">Key decision?</th><td>${yesNo(report.keyDecision)}</td></tr>` +
      `<tr><th scope="row">Wards/communities affected</th><td>${escapeMarkup(report.wardsAffected)}</td></tr></tbody></table>`,
    '<h3>Supporting documentation</h3>',
    '<h4>Appendices</h4>',
    numberedList(appendices.filter((a) => !a.membersRoomOnly).map((a) => a.title)),
    "<h4>Documents in Members' Rooms</h4>",
    membersRoomList(report, appendices),
    '<h4>Equality Impact Assessment</h4>',
    p(`${EQUALITY_IMPACT_QUESTION} ${yesNo(report.equalityImpactAssessment)}`),
    `<h4>${escapeMarkup(template.heading)}</h4>`,
    p(`${template.question} ${yesNo(report.dataProtectionImpactAssessment)}`),
    '<h4>Other background documents</h4>',
    p(template.backgroundDocumentsLine),
    numberedList(report.backgroundDocuments),
  )
  return parts.join('\n')
}

function appendixPaper(
  agendaItemId: number,
  label: string,
  content: AppendixContent,
  glossary: readonly GlossaryEntry[],
): Paper {
  const { appendix } = content
  const title = `${label}: ${appendix.title}`
  const base = { agendaItemId, title, ...(appendix.membersRoomOnly ? { membersRoomOnly: true } : {}) }
  switch (content.kind) {
    case 'file':
      if (appendix.kind === 'upload' && appendix.file.mediaType === 'application/pdf') {
        return { ...base, pdf: content.bytes }
      }
      return {
        ...base,
        html: p(
          `${appendix.kind === 'upload' ? appendix.file.fileName : appendix.title} cannot be printed in this pack: it is available with the report on the council's website.`,
        ),
      }
    case 'overview':
      return {
        ...base,
        // Each section is one block for the first-use rule, as on the overview's web page.
        html: content.overview.sections
          .map(
            (s) =>
              `<h3>${escapeMarkup(s.title)}</h3><p class="govuk-body">${sectionHtml([s.text], glossary).join('')}</p>`,
          )
          .join('\n'),
      }
    case 'glossary':
      return {
        ...base,
        html: `<dl>${content.entries
          .map(
            (e) =>
              `<dt>${escapeMarkup(e.acronym === null ? e.term : `${e.term} (${e.acronym})`)}</dt><dd>${escapeMarkup(e.definition)}</dd>`,
          )
          .join('')}</dl>`,
      }
    case 'html':
      return { ...base, html: content.html, ...(content.landscape === true ? { landscape: true } : {}) }
    case 'none':
      return { ...base, html: p(content.where ?? `${appendix.title}: available on the council's website.`) }
  }
}

/**
 * A report's papers in order: the cover sheet (titled with the report's subject), then each appendix, numbered
 * in order among the public appendices ("Appendix 1") and, separately, among the Members' Room ones ("Members' Room
 * document 1"). `contents` is matched to
 * the report's appendices by id; an appendix without content is named with where to find it. `glossary` marks up
 * the cover sheet's acronyms; `meetingDate` chooses the cover sheet's template.
 * @example reportPapers(report, appendices, contents).map((paper) => paper.title) // ['Children and Families - Performance', 'Appendix 1: Children and Families Monthly Dataset – April 2018', …]
 */
export function reportPapers(
  report: Report,
  appendices: readonly Appendix[],
  contents: readonly AppendixContent[],
  glossary: readonly GlossaryEntry[] = [],
  meetingDate: string = report.dateOfDecision,
): Paper[] {
  const byId = new Map(contents.map((c) => [c.appendix.id, c]))
  const papers: Paper[] = [
    {
      agendaItemId: report.agendaItemId,
      title: report.subject,
      html: coverSheetHtml(report, appendices, glossary, meetingDate),
    },
  ]
  for (const { appendix, label } of appendixLabels(appendices)) {
    papers.push(
      appendixPaper(report.agendaItemId, label, byId.get(appendix.id) ?? { appendix, kind: 'none' }, glossary),
    )
  }
  return papers
}

/**
 * A report to the panel as JSON, the public API's contract for `/api/reports/{id}` (docs/api.md): its agenda item,
 * every section of the cover sheet in the template's order, and its appendices. Members' Room appendices are listed
 * only for those who may read them, as on the report's page. Field names are stable; new fields may be added, none
 * removed or renamed without a new version.
 */
import type { AgendaItem, Committee, Meeting } from '../domain/scrutiny/committee.ts'
import {
  NUMBERED_SECTIONS,
  numberedParagraphs,
  recommendationNumber,
  type Appendix,
  type Report,
} from '../domain/scrutiny/report.ts'

/** A report with where it sits: its meeting, committee and agenda item, and its appendices. */
export interface ReportInContext {
  meeting: Meeting
  committee: Pick<Committee, 'id' | 'name'>
  item: AgendaItem
  report: Report
  appendices: readonly Appendix[]
}

/** Where an appendix opens (a path on the site), as the report's page links it. */
export function appendixPath(appendix: Appendix): string {
  switch (appendix.kind) {
    case 'dataset-pack':
      return `/datasets/${appendix.datasetId}/${appendix.period}`
    case 'performance-overview':
      return `/datasets/${appendix.datasetId}/${appendix.period}#overview`
    case 'glossary':
      return '/glossary'
    case 'upload':
      return `/reports/appendices/${appendix.id}`
  }
}

function appendixToJson(appendix: Appendix, number: number, baseUrl: string) {
  const file = appendix.kind === 'upload' ? appendix.file : null
  return {
    id: appendix.id,
    number,
    title: appendix.title,
    kind: appendix.kind,
    membersRoomOnly: appendix.membersRoomOnly,
    url: baseUrl + appendixPath(appendix),
    fileName: file?.fileName ?? null,
    mediaType: file?.mediaType ?? null,
    byteSize: file?.byteSize ?? null,
    period: appendix.kind === 'dataset-pack' || appendix.kind === 'performance-overview' ? appendix.period : null,
  }
}

/** The path of an agenda item's page, where its cover sheet is shown. */
export function itemPagePath(meetingId: number, position: number): string {
  return `/meetings/${meetingId}/items/${position}`
}

/**
 * A report as the API gives it. Appendices are numbered as the report's page numbers them: the public ones 1, 2,
 * 3…, the Members' Room ones 1, 2, 3… on their own; `canSeeMembersRoom` false leaves the Members' Room list empty.
 */
export function reportToJson(view: ReportInContext, options: { canSeeMembersRoom: boolean; baseUrl: string }) {
  const { report, item, meeting, committee } = view
  const { baseUrl } = options
  // numberedParagraphs gives the sections in NUMBERED_SECTIONS' order, numbering running on across them.
  const numbered = numberedParagraphs(report)
  const sections = Object.fromEntries(
    NUMBERED_SECTIONS.map(([field], i) => [
      field,
      (numbered[i]?.paragraphs ?? []).map((p) => ({ number: p.number, text: p.text })),
    ]),
  ) as Record<(typeof NUMBERED_SECTIONS)[number][0], Array<{ number: number; text: string }>>
  const publicAppendices = view.appendices.filter((a) => !a.membersRoomOnly)
  const membersRoom = options.canSeeMembersRoom ? view.appendices.filter((a) => a.membersRoomOnly) : []
  return {
    id: report.id,
    meeting: {
      id: meeting.id,
      date: meeting.date,
      committee: { id: committee.id, name: committee.name },
      url: `${baseUrl}/meetings/${meeting.id}`,
    },
    agendaItem: {
      id: item.id,
      number: item.position,
      title: item.title,
      pages: item.pages === null ? null : { from: item.pages.from, to: item.pages.to },
    },
    decisionMaker: report.decisionMaker,
    subject: report.subject,
    dateOfDecision: report.dateOfDecision,
    reportOf: report.reportOf,
    contacts: report.contacts.map((c) => ({
      role: c.role,
      title: c.title,
      name: c.name,
      phone: c.phone,
      email: c.email,
    })),
    confidentiality: report.confidentiality,
    briefSummary: report.briefSummary,
    recommendations: report.recommendations.map((text, i) => ({ number: recommendationNumber(i + 1), text })),
    reasons: sections.reasons,
    alternativeOptions: sections.alternativeOptions,
    detail: sections.detail,
    resourceImplications: sections.resourceImplications,
    legalImplications: sections.legalImplications,
    riskImplications: sections.riskImplications,
    policyFrameworkImplications: sections.policyFrameworkImplications,
    keyDecision: report.keyDecision,
    wardsAffected: report.wardsAffected,
    appendices: publicAppendices.map((a, i) => appendixToJson(a, i + 1, baseUrl)),
    membersRoomAppendices: membersRoom.map((a, i) => appendixToJson(a, i + 1, baseUrl)),
    membersRoomDocuments: [...report.membersRoomDocuments],
    equalityImpactAssessment: report.equalityImpactAssessment,
    dataProtectionImpactAssessment: report.dataProtectionImpactAssessment,
    backgroundDocuments: [...report.backgroundDocuments],
    url: baseUrl + itemPagePath(meeting.id, item.position),
  }
}

/**
 * What the report pages show: an agenda item's cover sheet in the template's order with its appendices, the
 * cover sheet form, and democratic services' agenda editor.
 */
import { markUpAcronyms, markUpSection, type GlossaryEntry } from '../../domain/glossary.ts'
import { pageReference, type AgendaItem } from '../../domain/scrutiny/committee.ts'
import {
  appendixLabels,
  MEMBERS_ROOM_READERS,
  NUMBERED_SECTIONS,
  numberedParagraphs,
  recommendationNumber,
  typedMembersRoomDocuments,
  EQUALITY_IMPACT_QUESTION,
  impactAssessmentTemplate,
  type Appendix,
  type CoverSheetInput,
  type ReportProblem,
} from '../../domain/scrutiny/report.ts'
import { formatPeriodLong, isPeriod, type Period } from '../../domain/period.ts'
import type { PublishedMonth } from '../../services/publication-service.ts'
import type { ItemReport } from '../../services/report-service.ts'
import { fileSize } from '../../domain/scrutiny/document-pack.ts'
import { displayDate, isIsoDate } from '../../domain/calendar/days.ts'
import { formDateItems } from './date-input.ts'

/** The site's one way of writing a date ("7 June 2018"); an ISO text that is not a date is shown as it is. */
function longDate(iso: string): string {
  return isIsoDate(iso) ? displayDate(iso) : iso
}

const FILE_KINDS: Record<string, string> = {
  'application/pdf': 'PDF',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'Word document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'Excel workbook',
}

/** Where an appendix opens, and how to describe it. */
function appendixLink(appendix: Appendix): { href: string; details: string } {
  switch (appendix.kind) {
    case 'dataset-pack':
      return { href: `/datasets/${appendix.datasetId}/${appendix.period}`, details: 'published pack' }
    case 'performance-overview':
      return { href: `/datasets/${appendix.datasetId}/${appendix.period}#overview`, details: 'published pack' }
    case 'glossary':
      return { href: '/glossary', details: 'glossary' }
    case 'upload':
      return {
        href: `/reports/appendices/${appendix.id}`,
        details: `${FILE_KINDS[appendix.file.mediaType] ?? 'file'}, ${fileSize(appendix.file.byteSize)}`,
      }
  }
}

export function itemPath(view: Pick<ItemReport, 'meeting' | 'item'>): string {
  return `/meetings/${view.meeting.id}/items/${view.item.position}`
}

/**
 * The cover sheet page; Members' Room appendices only for those who may read them. `glossary` marks up the
 * acronyms in the statement of confidentiality, the brief summary, the recommendations and each numbered section
 * (each a section of its own: an acronym is marked at its first use in it).
 */
export function reportPageModel(
  view: ItemReport,
  options: { canEdit: boolean; canSeeMembersRoom: boolean; glossary?: readonly GlossaryEntry[] },
) {
  const { report, item, meeting, committee } = view
  const glossary = options.glossary ?? []
  const markedUp = (text: string) => markUpAcronyms(text, glossary)
  const visible = view.appendices.filter((a) => options.canSeeMembersRoom || !a.membersRoomOnly)
  const numbered = appendixLabels(visible).map(({ appendix: a, label }) => ({
    a,
    appendix: { label, title: a.title, ...appendixLink(a) },
  }))
  return {
    pageTitle: `${item.position}. ${item.title} – ${committee.name}, ${longDate(meeting.date)}`,
    caption: `${committee.name}, ${longDate(meeting.date)}: item ${item.position}`,
    title: item.title,
    description: item.description,
    pages: pageReference(item.pages),
    meetingHref: `/meetings/${meeting.id}`,
    editHref: options.canEdit ? `${itemPath(view)}/report` : null,
    report:
      report === null
        ? null
        : {
            summary: [
              { key: { text: 'Decision-maker' }, value: { text: report.decisionMaker } },
              { key: { text: 'Subject' }, value: { text: report.subject } },
              { key: { text: 'Date of decision' }, value: { text: longDate(report.dateOfDecision) } },
              { key: { text: 'Report of' }, value: { text: report.reportOf } },
            ],
            contacts: report.contacts,
            confidentiality: markedUp(report.confidentiality),
            briefSummary: markedUp(report.briefSummary),
            recommendations: markUpSection(report.recommendations, glossary).map((segments, i) => ({
              number: recommendationNumber(i + 1),
              segments,
            })),
            sections: numberedParagraphs(report).map((section) => {
              const segments = markUpSection(
                section.paragraphs.map((x) => x.text),
                glossary,
              )
              return {
                heading: section.heading,
                paragraphs: section.paragraphs.map((x, i) => ({ number: x.number, segments: segments[i] ?? [] })),
              }
            }),
            decision: [
              { key: { text: 'Key decision?' }, value: { text: report.keyDecision ? 'Yes' : 'No' } },
              { key: { text: 'Wards/communities affected' }, value: { text: report.wardsAffected } },
            ],
            appendices: numbered.filter(({ a }) => !a.membersRoomOnly).map(({ appendix }) => appendix),
            membersRoomAppendices: numbered.filter(({ a }) => a.membersRoomOnly).map(({ appendix }) => appendix),
            // A typed document an uploaded Members' Room paper on this page already lists is not listed twice.
            membersRoomDocuments: typedMembersRoomDocuments(report.membersRoomDocuments, visible),
            equalityImpactAssessment: report.equalityImpactAssessment ? 'Yes' : 'No',
            equalityImpactQuestion: EQUALITY_IMPACT_QUESTION,
            dataProtectionImpactAssessment: report.dataProtectionImpactAssessment ? 'Yes' : 'No',
            // The template in force on the meeting's date: a Privacy Impact Assessment in 2018, a DPIA by 2020.
            impactAssessment: impactAssessmentTemplate(meeting.date),
            backgroundDocuments: report.backgroundDocuments,
          },
  }
}

/** The form's fields, in the template's order: name, label, hint, and whether it is a long text. */
export const COVER_SHEET_FIELDS: ReadonlyArray<{
  name: keyof CoverSheetInput
  label: string
  hint?: string
  kind: 'input' | 'textarea' | 'yes-no' | 'date'
}> = [
  { name: 'decisionMaker', label: 'Decision-maker', kind: 'input' },
  { name: 'subject', label: 'Subject', kind: 'input' },
  { name: 'dateOfDecision', label: 'Date of decision', hint: 'For example, 7 6 2018', kind: 'date' },
  { name: 'reportOf', label: 'Report of', hint: 'For example Service Director – Legal and Governance', kind: 'input' },
  {
    name: 'contacts',
    label: 'Contact details',
    hint: 'One contact a line: role | name | telephone | email | job title, for example Author | Mark Pirnie | 023 8083 3886 | mark.pirnie@example.gov.uk | Scrutiny Manager',
    kind: 'textarea',
  },
  {
    name: 'confidentiality',
    label: 'Statement of confidentiality',
    hint: 'None, unless the report is exempt',
    kind: 'textarea',
  },
  { name: 'briefSummary', label: 'Brief summary', kind: 'textarea' },
  {
    name: 'recommendations',
    label: 'Recommendations',
    hint: 'One a line: they are numbered (i), (ii), (iii)…',
    kind: 'textarea',
  },
  ...NUMBERED_SECTIONS.map(([name, label]) => ({
    name,
    label,
    hint: 'One paragraph a line: paragraphs are numbered on from the section before',
    kind: 'textarea' as const,
  })),
  { name: 'keyDecision', label: 'Key decision?', kind: 'yes-no' },
  { name: 'wardsAffected', label: 'Wards/communities affected', kind: 'input' },
  {
    name: 'membersRoomDocuments',
    label: "Documents in Members' Rooms",
    hint: "One a line. Members' Room files uploaded below are listed automatically: do not type them here",
    kind: 'textarea',
  },
  {
    name: 'equalityImpactAssessment',
    label: 'Does the report require an Equality and Safety Impact Assessment (ESIA)?',
    kind: 'yes-no',
  },
  {
    name: 'dataProtectionImpactAssessment',
    label: 'Does the report require a Data Protection Impact Assessment (DPIA)?',
    kind: 'yes-no',
  },
  { name: 'backgroundDocuments', label: 'Other background documents', hint: 'One a line', kind: 'textarea' },
]

/** What the upload form sent, shown again when the upload is refused. */
export interface UploadValues {
  title: string
  membersRoomOnly: boolean
}

/** What the form to add a published month, the overview or the glossary sent, shown again when it is refused. */
export interface AppendixValues {
  kind: string
  /** The chosen published month, as `appendixMonthValue` writes it. */
  month: string
}

/**
 * A published month as the appendix form's select sends it: the dataset's ID and the month.
 * @example appendixMonthValue('early-help', '2018-04') // 'early-help/2018-04'
 */
export function appendixMonthValue(datasetId: string, period: Period): string {
  return `${datasetId}/${period}`
}

/**
 * Reads the appendix form's month back into a dataset and month; null when it is not one.
 * @example readAppendixMonth('early-help/2018-04') // { datasetId: 'early-help', period: '2018-04' }
 * @example readAppendixMonth('2018-04') // null
 */
export function readAppendixMonth(text: string): { datasetId: string; period: Period } | null {
  const cut = text.lastIndexOf('/')
  const datasetId = text.slice(0, cut)
  const period = text.slice(cut + 1)
  return cut > 0 && isPeriod(period) ? { datasetId, period } : null
}

const APPENDIX_KINDS = [
  { value: 'dataset-pack', text: "A published month of a dataset: its pack's table" },
  { value: 'performance-overview', text: 'The performance overview published with a month' },
  { value: 'glossary', text: 'The glossary of terms' },
]

/**
 * The form to add a published month, its overview or the glossary: every published month of every dataset to
 * choose from, labelled with the dataset's title, the month and its latest version.
 */
export function appendixFormModel(
  months: readonly PublishedMonth[],
  values: AppendixValues,
  problems: readonly ReportProblem[],
) {
  const error = (field: string) => {
    const messages = problems.filter((p) => p.field === field).map((p) => p.message)
    return messages.length === 0 ? null : { text: messages.join('. ') }
  }
  return {
    kindItems: APPENDIX_KINDS.map((kind) => ({ ...kind, checked: kind.value === values.kind })),
    monthItems: [
      { value: '', text: months.length === 0 ? 'No month has been published yet' : 'Choose a month' },
      ...months.map((m) => {
        const value = appendixMonthValue(m.datasetId, m.period)
        return {
          value,
          text: `${m.datasetTitle} – ${formatPeriodLong(m.period)} (version ${m.version})`,
          selected: value === values.month,
        }
      }),
    ],
    kindError: error('kind'),
    monthError: error('month'),
  }
}

/** The cover sheet form, with the report's appendices and the forms to add and remove them once it exists. */
export function reportFormModel(
  view: ItemReport,
  values: CoverSheetInput,
  problems: readonly ReportProblem[],
  maxUploadBytes: number,
  upload: UploadValues = { title: '', membersRoomOnly: false },
  appendix: { months: readonly PublishedMonth[]; values: AppendixValues } = {
    months: [],
    values: { kind: '', month: '' },
  },
) {
  const base = itemPath(view)
  return {
    pageTitle: `${problems.length > 0 ? 'Error: ' : ''}Cover sheet: ${view.item.title}`,
    heading:
      view.report === null
        ? `Write the report for item ${view.item.position}`
        : `Edit the report for item ${view.item.position}`,
    title: view.item.title,
    action: `${base}/report`,
    backHref: base,
    fields: COVER_SHEET_FIELDS.map((field) => ({
      ...field,
      // The question the template in force on the meeting's date asks (a Privacy Impact Assessment before 2020).
      ...(field.name === 'dataProtectionImpactAssessment'
        ? { label: impactAssessmentTemplate(view.meeting.date).label }
        : {}),
      value: values[field.name],
      // A date's three boxes: what was typed (kept beside the values by the route), or the stored date.
      dateItems:
        field.kind === 'date'
          ? formDateItems(
              values as unknown as Record<string, string | undefined>,
              field.name,
              problems.some((p) => p.field === field.name) ? { part: null } : null,
            )
          : null,
      // Every problem with the field (the contacts can have one a line).
      error:
        problems
          .filter((p) => p.field === field.name)
          .map((p) => p.message)
          .join('. ') || null,
    })),
    errorList: problems.map((p) => ({
      text: p.message,
      href: `#${COVER_SHEET_FIELDS.some((f) => f.name === p.field && f.kind === 'date') ? `${p.field}-day` : p.field}`,
    })),
    appendices:
      view.report === null
        ? null
        : appendixLabels(view.appendices).map(({ appendix: a, label }) => ({
            label,
            title: a.title,
            membersRoomOnly: a.membersRoomOnly,
            ...appendixLink(a),
            removeAction: `/reports/appendices/${a.id}/remove`,
          })),
    addAction: `${base}/appendices`,
    uploadAction: `${base}/appendices/upload`,
    maxUpload: fileSize(maxUploadBytes),
    upload,
    uploadError:
      problems
        .filter((p) => p.field === 'file')
        .map((p) => p.message)
        .join('. ') || null,
    membersRoomHint: `Exempt or confidential: only ${MEMBERS_ROOM_READERS} may open it`,
    addForm: appendixFormModel(appendix.months, appendix.values, problems),
  }
}

/** Democratic services' agenda editor. */
export function agendaEditorModel(
  meetingId: number,
  title: string,
  agenda: readonly AgendaItem[],
  withReports: ReadonlySet<number>,
  values: { title: string; description: string },
  problems: readonly ReportProblem[],
) {
  return {
    pageTitle: `${problems.length > 0 ? 'Error: ' : ''}Edit the agenda: ${title}`,
    heading: 'Edit the agenda',
    caption: title,
    meetingHref: `/meetings/${meetingId}`,
    addAction: `/meetings/${meetingId}/agenda/items`,
    values,
    errorList: problems.map((p) => ({ text: p.message, href: `#${p.field}` })),
    errors: Object.fromEntries(problems.map((p) => [p.field, { text: p.message }])),
    items: agenda.map((item, i) => ({
      number: item.position,
      title: item.title,
      reportHref: `/meetings/${meetingId}/items/${item.position}`,
      hasReport: withReports.has(item.id),
      moveAction: `/meetings/${meetingId}/agenda/items/${item.id}/move`,
      canMoveUp: i > 0,
      canMoveDown: i < agenda.length - 1,
      removeAction: withReports.has(item.id) ? null : `/meetings/${meetingId}/agenda/items/${item.id}/remove`,
    })),
  }
}

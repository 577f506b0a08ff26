/**
 * A report to the panel and its cover sheet, section by section as the council's template prints them (seeds 000,
 * 001, 004): decision-maker, subject, date of decision, report of, contact details, statement of confidentiality,
 * brief summary, recommendations (i), (ii)…, then numbered paragraphs running on through the reasons, alternative
 * options, detail and the resource, legal, risk and policy framework implications; key decision, wards affected,
 * the supporting documentation (appendices, documents in Members' Rooms, impact assessments, background papers).
 *
 * Also the check an uploaded appendix must pass: its content, not its name, must be a PDF, a Word document or an
 * Excel workbook, within the size limit.
 */
import { isIsoDate, type IsoDate } from '../calendar/days.ts'
import { failed, ok, type Result } from '../result.ts'
import { contact } from './committee-rules.ts'
import { controlCharacterIndex, visibleControlCharacters } from '../control-characters.ts'

export interface ReportContact {
  /** "Author", "Director", "Executive Director". */
  role: string
  /** The contact's job title as the contact block prints it ("Title: Deputy Chief Executive", seed 000). */
  title: string | null
  name: string
  phone: string | null
  email: string | null
}

/**
 * The wording of the cover sheet's second impact assessment: the council's template changed it from a Privacy
 * Impact Assessment (the cover sheets of 7 June 2018, seed 001) to a Data Protection Impact Assessment (1 October
 * 2020, seed 000), after the GDPR replaced the PIA with the DPIA. No cover sheet between the two is in the seeds,
 * so the changeover is taken as the first date known to print the new wording: a meeting before
 * `DPIA_TEMPLATE_FROM` prints the 2018 template. Change the date here if an earlier DPIA cover sheet turns up.
 */
export const DPIA_TEMPLATE_FROM: IsoDate = '2020-10-01'

export interface ImpactAssessmentTemplate {
  /** The heading: "Privacy Impact Assessment" or "Data Protection Impact Assessment". */
  heading: string
  /** The question, exactly as the template words it (without the answer). */
  question: string
  /** The form's label. */
  label: string
  /** The line above the background papers: the 2018 template named the Equality Impact Assessment there too. */
  backgroundDocumentsLine: string
}

/**
 * The assessment questions of the template in force on the meeting's date.
 * @example impactAssessmentTemplate('2018-06-07').heading // 'Privacy Impact Assessment'
 * @example impactAssessmentTemplate('2020-10-01').heading // 'Data Protection Impact Assessment'
 */
export function impactAssessmentTemplate(meetingDate: IsoDate): ImpactAssessmentTemplate {
  if (meetingDate < DPIA_TEMPLATE_FROM) {
    return {
      heading: 'Privacy Impact Assessment',
      question:
        'Do the implications/subject of the report require a Privacy Impact Assessment (PIA) to be carried out.',
      label: 'Does the report require a Privacy Impact Assessment (PIA)?',
      backgroundDocumentsLine: 'Equality Impact Assessment and Other Background documents available for inspection at:',
    }
  }
  return {
    heading: 'Data Protection Impact Assessment',
    question:
      'Do the implications/subject of the report require a Data Protection Impact Assessment (DPIA) to be carried out.',
    label: 'Does the report require a Data Protection Impact Assessment (DPIA)?',
    backgroundDocumentsLine: 'Other Background documents available for inspection at:',
  }
}

/** The Equality Impact Assessment question, the same in both templates (seeds 000 and 001). */
export const EQUALITY_IMPACT_QUESTION =
  'Do the implications/subject of the report require an Equality and Safety Impact Assessment (ESIA) to be carried out.'

/** The cover sheet's sections, in the template's order. Lists are the template's numbered entries. */
export interface CoverSheet {
  decisionMaker: string
  subject: string
  dateOfDecision: IsoDate
  reportOf: string
  contacts: ReportContact[]
  confidentiality: string
  briefSummary: string
  /** Printed (i), (ii), (iii)… */
  recommendations: string[]
  /** From here to the policy framework implications, paragraphs are numbered 1, 2, 3… across sections. */
  reasons: string[]
  alternativeOptions: string[]
  detail: string[]
  resourceImplications: string[]
  legalImplications: string[]
  riskImplications: string[]
  policyFrameworkImplications: string[]
  keyDecision: boolean
  wardsAffected: string
  membersRoomDocuments: string[]
  equalityImpactAssessment: boolean
  dataProtectionImpactAssessment: boolean
  backgroundDocuments: string[]
}

export interface Report extends CoverSheet {
  id: number
  agendaItemId: number
}

export const APPENDIX_KINDS = ['dataset-pack', 'performance-overview', 'glossary', 'upload'] as const
export type AppendixKind = (typeof APPENDIX_KINDS)[number]

/** An uploaded file as the appendix list knows it (the bytes are read only to download or print). */
export interface UploadedFile {
  fileName: string
  mediaType: UploadMediaType
  byteSize: number
  sha256: string
}

/** An appendix: a published pack or overview, the glossary, or a file someone uploaded. `position` is 1, 2, 3… */
export type Appendix = { id: number; reportId: number; position: number; title: string; membersRoomOnly: boolean } & (
  | { kind: 'dataset-pack'; datasetId: string; period: string }
  | { kind: 'performance-overview'; datasetId: string; period: string }
  | { kind: 'glossary' }
  | { kind: 'upload'; file: UploadedFile }
)

/**
 * Who may read a Members' Room paper, in words: the roles given `view-members-room-papers` in
 * src/domain/permissions.ts (a test keeps the two in step).
 */
export const MEMBERS_ROOM_READERS = 'panel members, democratic services and administrators'

/**
 * Each appendix with what it is called: public appendices "Appendix 1", "Appendix 2"…, Members' Room papers
 * separately "Members' Room document 1", "Members' Room document 2"…, each in order, so the two never clash.
 * @example appendixLabels(appendices).map((x) => x.label) // ['Appendix 1', "Members' Room document 1", 'Appendix 2']
 */
export function appendixLabels<A extends Pick<Appendix, 'membersRoomOnly'>>(
  appendices: readonly A[],
): Array<{ appendix: A; label: string }> {
  let publicNumber = 0
  let membersNumber = 0
  return appendices.map((appendix) => ({
    appendix,
    label: appendix.membersRoomOnly ? `Members' Room document ${++membersNumber}` : `Appendix ${++publicNumber}`,
  }))
}

/**
 * The typed "Documents in Members' Rooms" less those an uploaded Members' Room paper already lists (the same title,
 * ignoring case and spaces), so no document is listed twice.
 * @example typedMembersRoomDocuments(['Case summary', 'Site plan'], [{ title: 'case  SUMMARY', membersRoomOnly: true }]) // ['Site plan']
 */
export function typedMembersRoomDocuments(
  typed: readonly string[],
  appendices: ReadonlyArray<Pick<Appendix, 'title' | 'membersRoomOnly'>>,
): string[] {
  const key = (title: string) => title.replace(/\s+/g, ' ').trim().toLowerCase()
  const uploaded = new Set(appendices.filter((a) => a.membersRoomOnly).map((a) => key(a.title)))
  return typed.filter((title) => !uploaded.has(key(title)))
}

/** The numbered paragraph sections, in order, with their headings. */
export const NUMBERED_SECTIONS = [
  ['reasons', 'Reasons for report recommendations'],
  ['alternativeOptions', 'Alternative options considered and rejected'],
  ['detail', 'Detail (including consultation carried out)'],
  ['resourceImplications', 'Resource implications'],
  ['legalImplications', 'Legal implications'],
  ['riskImplications', 'Risk management implications'],
  ['policyFrameworkImplications', 'Policy framework implications'],
] as const satisfies ReadonlyArray<readonly [keyof CoverSheet, string]>

/**
 * The numbered sections with each paragraph's number: numbering runs on from one section to the next, as printed.
 * @example numberedParagraphs({ ...sheet, reasons: ['a'], alternativeOptions: ['b'], detail: ['c', 'd'] })[2] // { heading: 'Detail (including consultation carried out)', paragraphs: [{ number: 3, text: 'c' }, { number: 4, text: 'd' }] }
 */
export function numberedParagraphs(
  sheet: CoverSheet,
): Array<{ heading: string; paragraphs: Array<{ number: number; text: string }> }> {
  let next = 1
  return NUMBERED_SECTIONS.map(([field, heading]) => ({
    heading,
    paragraphs: sheet[field].map((text) => ({ number: next++, text })),
  }))
}

/**
 * A recommendation's number as printed: (i), (ii), (iii)…
 * @example recommendationNumber(4) // '(iv)'
 */
export function recommendationNumber(index: number): string {
  const numerals: Array<[number, string]> = [
    [10, 'x'],
    [9, 'ix'],
    [5, 'v'],
    [4, 'iv'],
    [1, 'i'],
  ]
  let rest = index
  let text = ''
  for (const [value, numeral] of numerals) {
    while (rest >= value) {
      text += numeral
      rest -= value
    }
  }
  return `(${text})`
}

/** A problem with what someone entered on the cover sheet form, tied to its field. */
export interface ReportProblem {
  field: string
  message: string
}

/** What the edit form sends: every field as text; lists one entry a line; yes/no as 'yes' or 'no'. */
export type CoverSheetInput = Record<keyof CoverSheet, string>

const LIST_FIELDS = [
  'recommendations',
  'reasons',
  'alternativeOptions',
  'detail',
  'resourceImplications',
  'legalImplications',
  'riskImplications',
  'policyFrameworkImplications',
  'membersRoomDocuments',
  'backgroundDocuments',
] as const

const MAX_FIELD = 20_000

/** Lines of a textarea, trimmed, blank lines dropped. */
function lines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '')
}

/**
 * Contacts as the form takes them, one a line: `Role | Name | Phone | Email | Job title` (phone, email and job title
 * may be left empty). The job title comes last so that lines typed before it existed still read the same.
 * @example parseContacts('Author | Mark Pirnie | 023 8083 3886 | mark.pirnie@example.gov.uk | Scrutiny Manager')[0]?.title // 'Scrutiny Manager'
 */
export function parseContacts(text: string): ReportContact[] {
  return lines(text).map((line) => {
    const [role = '', name = '', phone = '', email = '', title = ''] = line.split('|').map((part) => part.trim())
    return {
      role,
      title: title === '' ? null : title,
      name,
      phone: phone === '' ? null : phone,
      email: email === '' ? null : email,
    }
  })
}

/** The longest job title a contact may have, as for a name. */
const MAX_TITLE = 120

/**
 * What is wrong with each typed contact line, naming the line as typed (blank lines count) and checked as the
 * committee's contact form checks a contact: role and name needed, telephone and email optional but well formed.
 * @example contactProblems('Author | Mark Pirnie | 023 8083 3886 | not-an-email')[0]?.message // "Line 1: 'not-an-email' is not an email address"
 */
export function contactProblems(text: string): ReportProblem[] {
  const problems: ReportProblem[] = []
  for (const [index, line] of text.split(/\r?\n/).entries()) {
    if (line.trim() === '') continue
    const [role = '', name = '', phone = '', email = '', title = '', ...extra] = line
      .split('|')
      .map((part) => part.trim())
    if (title.length > MAX_TITLE) {
      problems.push({
        field: 'contacts',
        message: `Line ${index + 1}: the job title must be ${MAX_TITLE} characters or fewer`,
      })
    }
    if (extra.length > 0) {
      problems.push({
        field: 'contacts',
        message: `Line ${index + 1}: a contact has at most five parts: role | name | telephone | email | job title`,
      })
    }
    const checked = contact({ role, name, phone, email })
    if (checked.ok) continue
    for (const problem of checked.problems) {
      const message =
        problem.field === 'phone'
          ? `'${phone}' is not a telephone number`
          : problem.field === 'email'
            ? `'${email}' is not an email address`
            : problem.field === 'role' && role === ''
              ? "enter the contact's role, for example Author"
              : problem.field === 'name' && name === ''
                ? "enter the contact's name"
                : problem.message.charAt(0).toLowerCase() + problem.message.slice(1)
      problems.push({ field: 'contacts', message: `Line ${index + 1}: ${message}` })
    }
  }
  return problems
}

/** The contacts as the form shows them again. */
export function contactsText(contacts: readonly ReportContact[]): string {
  return contacts
    .map((c) => [c.role, c.name, c.phone ?? '', c.email ?? '', ...(c.title === null ? [] : [c.title])].join(' | '))
    .join('\n')
}

/** The cover sheet as the form shows it: lists one entry a line, yes/no as 'yes' or 'no'. */
export function coverSheetInput(sheet: CoverSheet): CoverSheetInput {
  const input = {} as CoverSheetInput
  for (const [key, value] of Object.entries(sheet) as Array<[keyof CoverSheet, CoverSheet[keyof CoverSheet]]>) {
    if (key === 'contacts') input[key] = contactsText(sheet.contacts)
    else if (typeof value === 'boolean') input[key] = value ? 'yes' : 'no'
    else if (Array.isArray(value)) input[key] = (value as string[]).join('\n')
    else if (typeof value === 'string') input[key] = value
  }
  return input
}

/**
 * Reads the cover sheet form: the sheet, or what is wrong with it in words for the form.
 * @example readCoverSheet({ ...input, subject: '' }) // { ok: false, problems: [{ field: 'subject', message: 'Enter the subject of the report' }] }
 */
export function readCoverSheet(input: CoverSheetInput): Result<CoverSheet, ReportProblem> {
  const problems: ReportProblem[] = []
  const required: Array<[keyof CoverSheet, string]> = [
    ['decisionMaker', 'Enter the decision-maker, for example the name of the panel'],
    ['subject', 'Enter the subject of the report'],
    ['reportOf', 'Enter whose report it is, for example the Service Director'],
  ]
  for (const [field, message] of required) if (input[field].trim() === '') problems.push({ field, message })
  if (!isIsoDate(input.dateOfDecision.trim())) {
    problems.push({ field: 'dateOfDecision', message: 'Enter the date of decision as a real date, like 2018-06-07' })
  }
  for (const [field, value] of Object.entries(input)) {
    if (value.length > MAX_FIELD) {
      problems.push({ field, message: `This section must be ${MAX_FIELD.toLocaleString('en-GB')} characters or fewer` })
    }
  }
  const contacts = parseContacts(input.contacts)
  problems.push(...contactProblems(input.contacts))
  for (const field of ['keyDecision', 'equalityImpactAssessment', 'dataProtectionImpactAssessment'] as const) {
    if (input[field] !== 'yes' && input[field] !== 'no') problems.push({ field, message: 'Choose yes or no' })
  }
  if (problems.length > 0) return failed(problems)
  const list = Object.fromEntries(LIST_FIELDS.map((field) => [field, lines(input[field])])) as Record<
    (typeof LIST_FIELDS)[number],
    string[]
  >
  return ok({
    decisionMaker: input.decisionMaker.trim(),
    subject: input.subject.trim(),
    dateOfDecision: input.dateOfDecision.trim(),
    reportOf: input.reportOf.trim(),
    contacts,
    confidentiality: input.confidentiality.trim() === '' ? 'None' : input.confidentiality.trim(),
    briefSummary: input.briefSummary.trim(),
    ...list,
    keyDecision: input.keyDecision === 'yes',
    wardsAffected: input.wardsAffected.trim() === '' ? 'None' : input.wardsAffected.trim(),
    equalityImpactAssessment: input.equalityImpactAssessment === 'yes',
    dataProtectionImpactAssessment: input.dataProtectionImpactAssessment === 'yes',
  })
}

/** A blank cover sheet for a new report on an agenda item. */
export function blankCoverSheet(subject: string, dateOfDecision: IsoDate, decisionMaker: string): CoverSheet {
  return {
    decisionMaker,
    subject,
    dateOfDecision,
    reportOf: '',
    contacts: [],
    confidentiality: 'None',
    briefSummary: '',
    recommendations: [],
    reasons: [],
    alternativeOptions: [],
    detail: [],
    resourceImplications: [],
    legalImplications: [],
    riskImplications: [],
    policyFrameworkImplications: [],
    keyDecision: false,
    wardsAffected: 'None',
    membersRoomDocuments: [],
    equalityImpactAssessment: false,
    dataProtectionImpactAssessment: false,
    backgroundDocuments: [],
  }
}

export const UPLOAD_MEDIA_TYPES = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const
export type UploadMediaType = (typeof UPLOAD_MEDIA_TYPES)[keyof typeof UPLOAD_MEDIA_TYPES]

/** Why an upload was refused, naming the file: what it is and why it cannot be taken. */
export interface UploadProblem {
  field: 'file'
  message: string
}

/** The names of the files in a ZIP archive, read from its central directory; null when it is not a readable ZIP. */
export function zipEntryNames(bytes: Uint8Array): string[] | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  // The end of central directory record is 22 bytes plus a comment of at most 65535.
  const earliest = Math.max(0, bytes.length - 22 - 65535)
  let end = -1
  for (let i = bytes.length - 22; i >= earliest; i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      end = i
      break
    }
  }
  if (end < 0) return null
  const count = view.getUint16(end + 10, true)
  let offset = view.getUint32(end + 16, true)
  const names: string[] = []
  const decoder = new TextDecoder()
  for (let n = 0; n < count; n++) {
    if (offset + 46 > bytes.length || view.getUint32(offset, true) !== 0x02014b50) return null
    const nameLength = view.getUint16(offset + 28, true)
    const extraLength = view.getUint16(offset + 30, true)
    const commentLength = view.getUint16(offset + 32, true)
    if (offset + 46 + nameLength > bytes.length) return null
    names.push(decoder.decode(bytes.subarray(offset + 46, offset + 46 + nameLength)))
    offset += 46 + nameLength + extraLength + commentLength
  }
  return names
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((byte, i) => bytes[i] === byte)
}

/** What the content of a file is, whatever its name says. */
function contentKind(bytes: Uint8Array): 'pdf' | 'docx' | 'xlsx' | 'zip' | 'other' {
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'pdf'
  if (!startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return 'other'
  const names = zipEntryNames(bytes)
  if (names === null) return 'other'
  if (names.includes('word/document.xml')) return 'docx'
  if (names.includes('xl/workbook.xml')) return 'xlsx'
  return 'zip'
}

const DESCRIPTIONS = {
  pdf: 'a PDF',
  docx: 'a Word document',
  xlsx: 'an Excel workbook',
  zip: 'a ZIP archive that is neither a Word document nor an Excel workbook',
  other: 'not a PDF, Word document or Excel workbook',
} as const

/**
 * Checks an uploaded file by its content: a PDF (starts `%PDF-`), a Word document (.docx) or an Excel workbook
 * (.xlsx) whose content matches its name's extension, no larger than `maxBytes`. Returns its media type.
 * @example checkUpload({ fileName: 'notes.pdf', bytes: new TextEncoder().encode('hello'), maxBytes: 100 }).ok // false
 */
export function checkUpload(file: {
  fileName: string
  bytes: Uint8Array
  maxBytes: number
}): Result<UploadMediaType, UploadProblem> {
  const name = file.fileName.trim() === '' ? 'The file' : `"${file.fileName}"`
  const refuse = (message: string) => failed<UploadProblem>([{ field: 'file', message }])
  if (file.fileName.trim() === '' && file.bytes.length === 0) return refuse('Choose a file to upload')
  if (controlCharacterIndex(file.fileName) >= 0) {
    return refuse(
      `The file’s name "${visibleControlCharacters(file.fileName)}" contains a control character (an invisible ` +
        'character such as NUL): rename the file and upload it again',
    )
  }
  if (file.bytes.length === 0) return refuse(`${name} is empty`)
  if (file.bytes.length > file.maxBytes) {
    const mb = (bytes: number) => `${(bytes / (1024 * 1024)).toFixed(1)} MB`
    return refuse(`${name} is larger than ${mb(file.maxBytes)}: make it smaller or split it before uploading it`)
  }
  const extension = /\.([a-z0-9]+)$/i.exec(file.fileName)?.[1]?.toLowerCase() ?? ''
  const kind = contentKind(file.bytes)
  if (kind === 'zip' || kind === 'other') {
    return refuse(
      `${name} is ${DESCRIPTIONS[kind]}: upload a PDF, a Word document (.docx) or an Excel workbook (.xlsx)`,
    )
  }
  if (extension !== kind) {
    return refuse(
      `${name} is ${DESCRIPTIONS[kind]} but its name ends ".${extension}": rename it to end ".${kind}" and upload it again`,
    )
  }
  return ok(UPLOAD_MEDIA_TYPES[kind])
}

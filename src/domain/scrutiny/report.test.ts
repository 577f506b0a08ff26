import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import ExcelJS from 'exceljs'
import JSZip from 'jszip'
import { PDFDocument } from 'pdf-lib'
import { PERMISSIONS } from '../permissions.ts'
import {
  appendixLabels,
  blankCoverSheet,
  checkUpload,
  contactProblems,
  coverSheetInput,
  MEMBERS_ROOM_READERS,
  numberedParagraphs,
  parseContacts,
  contactsText,
  impactAssessmentTemplate,
  DPIA_TEMPLATE_FROM,
  readCoverSheet,
  recommendationNumber,
  typedMembersRoomDocuments,
  UPLOAD_MEDIA_TYPES,
  zipEntryNames,
} from './report.ts'

async function tinyPdf(): Promise<Uint8Array> {
  const pdf = await PDFDocument.create()
  pdf.addPage([200, 200])
  return pdf.save()
}

async function tinyXlsx(): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook()
  workbook.addWorksheet('Figures').addRow(['Referrals', 212])
  return new Uint8Array(await workbook.xlsx.writeBuffer())
}

async function zipWith(names: string[]): Promise<Uint8Array> {
  const zip = new JSZip()
  for (const name of names) zip.file(name, '<x/>')
  return zip.generateAsync({ type: 'uint8array' })
}

const MB = 1024 * 1024

const input = coverSheetInput({
  ...blankCoverSheet('Children and Families - Performance', '2018-06-07', 'Children and Families Scrutiny Panel'),
  reportOf: 'Service Director – Legal and Governance',
})

describe('checkUpload', () => {
  it('takes a real PDF named .pdf', async () => {
    assert.deepEqual(checkUpload({ fileName: 'Appendix 1.pdf', bytes: await tinyPdf(), maxBytes: MB }), {
      ok: true,
      value: UPLOAD_MEDIA_TYPES.pdf,
    })
  })

  it('takes a real Excel workbook named .xlsx, recognised by its workbook part', async () => {
    const bytes = await tinyXlsx()
    assert.ok(zipEntryNames(bytes)?.includes('xl/workbook.xml'))
    assert.deepEqual(checkUpload({ fileName: 'dataset.XLSX', bytes, maxBytes: MB }), {
      ok: true,
      value: UPLOAD_MEDIA_TYPES.xlsx,
    })
  })

  it('takes a Word document named .docx', async () => {
    const bytes = await zipWith(['[Content_Types].xml', 'word/document.xml'])
    const result = checkUpload({ fileName: 'report.docx', bytes, maxBytes: MB })
    assert.deepEqual(result, { ok: true, value: UPLOAD_MEDIA_TYPES.docx })
  })

  it('refuses text pretending to be a PDF, naming the file and saying what it is', () => {
    const result = checkUpload({ fileName: 'minutes.pdf', bytes: new TextEncoder().encode('just text'), maxBytes: MB })
    assert.equal(result.ok, false)
    if (!result.ok) {
      assert.match(result.problems[0]?.message ?? '', /"minutes\.pdf" is not a PDF, Word document or Excel workbook/)
    }
  })

  it('refuses a file over the limit, saying the limit', async () => {
    const bytes = await tinyPdf()
    const result = checkUpload({ fileName: 'big.pdf', bytes, maxBytes: bytes.length - 1 })
    assert.equal(result.ok, false)
    if (!result.ok) assert.match(result.problems[0]?.message ?? '', /"big\.pdf" is larger than/)
  })

  it('refuses a real PDF whose name says it is a spreadsheet', async () => {
    const result = checkUpload({ fileName: 'figures.xlsx', bytes: await tinyPdf(), maxBytes: MB })
    assert.equal(result.ok, false)
    if (!result.ok) assert.match(result.problems[0]?.message ?? '', /is a PDF but its name ends "\.xlsx"/)
  })
})

describe('the cover sheet', () => {
  it('reads lists one entry a line and yes/no answers', () => {
    const result = readCoverSheet({
      ...input,
      recommendations: 'That the Panel consider.\n\n  That the Panel note.  ',
      keyDecision: 'yes',
    })
    assert.ok(result.ok)
    if (result.ok) {
      assert.deepEqual(result.value.recommendations, ['That the Panel consider.', 'That the Panel note.'])
      assert.equal(result.value.keyDecision, true)
      assert.equal(result.value.dataProtectionImpactAssessment, false)
    }
  })

  it('numbers paragraphs on from one section to the next, as the template prints them', () => {
    const sheet = blankCoverSheet('S', '2018-06-07', 'Panel')
    const sections = numberedParagraphs({
      ...sheet,
      reasons: ['a'],
      alternativeOptions: ['b'],
      detail: ['c', 'd'],
      riskImplications: ['e'],
    })
    assert.deepEqual(
      sections.flatMap((s) => s.paragraphs.map((p) => `${p.number}${p.text}`)),
      ['1a', '2b', '3c', '4d', '5e'],
    )
    assert.equal(sections[5]?.heading, 'Risk management implications')
  })

  it('prints recommendations (i), (ii)…', () => {
    assert.deepEqual([1, 2, 3, 4, 9, 14].map(recommendationNumber), ['(i)', '(ii)', '(iii)', '(iv)', '(ix)', '(xiv)'])
  })

  it('reads contacts as role | name | telephone | email, with the job title last and optional', () => {
    assert.deepEqual(parseContacts('Author | Mark Pirnie | | mark@example.gov.uk'), [
      { role: 'Author', title: null, name: 'Mark Pirnie', phone: null, email: 'mark@example.gov.uk' },
    ])
    assert.deepEqual(parseContacts('Executive Director | Mike Harris | 023 8083 2882 | | Deputy Chief Executive'), [
      {
        role: 'Executive Director',
        title: 'Deputy Chief Executive',
        name: 'Mike Harris',
        phone: '023 8083 2882',
        email: null,
      },
    ])
  })

  it('writes contacts back as the form reads them, the job title only when there is one', () => {
    const typed =
      'Executive Director | Mike Harris | 023 8083 2882 | mike@example.gov.uk | Deputy Chief Executive\nAuthor | Mark Pirnie |  |  '
    const contacts = parseContacts(typed)
    assert.equal(
      contactsText(contacts),
      'Executive Director | Mike Harris | 023 8083 2882 | mike@example.gov.uk | Deputy Chief Executive\nAuthor | Mark Pirnie |  | ',
    )
    assert.deepEqual(parseContacts(contactsText(contacts)), contacts)
  })

  it('refuses a job title that is too long, or a sixth part', () => {
    assert.deepEqual(
      contactProblems(`Author | Mark Pirnie | | | ${'x'.repeat(121)}\nAuthor | Ann | | | Manager | extra`).map(
        (p) => p.message,
      ),
      [
        'Line 1: the job title must be 120 characters or fewer',
        'Line 2: a contact has at most five parts: role | name | telephone | email | job title',
      ],
    )
  })

  it('asks the impact assessment questions of the template in force on the meeting date', () => {
    // 7 June 2018 (seed 001) printed a Privacy Impact Assessment; 1 October 2020 (seed 000) a DPIA.
    const before = impactAssessmentTemplate('2018-06-07')
    assert.equal(before.heading, 'Privacy Impact Assessment')
    assert.equal(
      before.question,
      'Do the implications/subject of the report require a Privacy Impact Assessment (PIA) to be carried out.',
    )
    assert.equal(impactAssessmentTemplate('2020-09-30').heading, 'Privacy Impact Assessment')
    const after = impactAssessmentTemplate(DPIA_TEMPLATE_FROM)
    assert.equal(after.heading, 'Data Protection Impact Assessment')
    assert.equal(
      after.question,
      'Do the implications/subject of the report require a Data Protection Impact Assessment (DPIA) to be carried out.',
    )
    assert.equal(after.backgroundDocumentsLine, 'Other Background documents available for inspection at:')
  })
})

describe("Members' Room papers", () => {
  it('names who may read them as the permission table does', () => {
    assert.deepEqual(PERMISSIONS['view-members-room-papers'], ['panel-member', 'democratic-services', 'administrator'])
    assert.equal(MEMBERS_ROOM_READERS, 'panel members, democratic services and administrators')
  })

  it("numbers appendices and Members' Room documents each in their own order", () => {
    const labels = appendixLabels([
      { membersRoomOnly: false },
      { membersRoomOnly: true },
      { membersRoomOnly: false },
      { membersRoomOnly: true },
    ]).map((x) => x.label)
    assert.deepEqual(labels, ['Appendix 1', "Members' Room document 1", 'Appendix 2', "Members' Room document 2"])
  })

  it("leaves out a typed document an uploaded Members' Room paper lists, ignoring case and spaces", () => {
    const appendices = [
      { title: 'Confidential  CASE summary', membersRoomOnly: true },
      { title: 'Site plan', membersRoomOnly: false },
    ]
    assert.deepEqual(
      typedMembersRoomDocuments([' confidential case summary', 'Site plan', 'Legal advice'], appendices),
      ['Site plan', 'Legal advice'],
    )
  })
})

describe('contact lines', () => {
  it('says which line is wrong and what is wrong with it', () => {
    assert.deepEqual(
      contactProblems('Author | Mark Pirnie | phone-abc | not-an-email\nDirector').map((p) => p.message),
      [
        "Line 1: 'phone-abc' is not a telephone number",
        "Line 1: 'not-an-email' is not an email address",
        "Line 2: enter the contact's name",
      ],
    )
    assert.deepEqual(contactProblems('Author | Mark Pirnie | 023 8083 3886 | mark.pirnie@example.gov.uk'), [])
  })
})

describe('edge cases', () => {
  it('counts blank lines when naming a contact line, and accepts a contact without phone or email', () => {
    assert.deepEqual(
      contactProblems('Author | Mark Pirnie\r\n\r\n | Ann Other').map((p) => [p.field, p.message]),
      [['contacts', "Line 3: enter the contact's role, for example Author"]],
    )
  })

  it('refuses a ZIP that is neither Word nor Excel', async () => {
    const result = checkUpload({ fileName: 'bundle.docx', bytes: await zipWith(['readme.txt']), maxBytes: MB })
    assert.equal(result.ok, false)
    if (!result.ok) assert.match(result.problems[0]?.message ?? '', /ZIP archive that is neither/)
  })

  it('refuses a file that starts like a ZIP but has no central directory', () => {
    const bytes = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4])
    assert.equal(zipEntryNames(bytes), null)
    assert.equal(checkUpload({ fileName: 'x.xlsx', bytes, maxBytes: MB }).ok, false)
  })

  it('asks for a file when none was chosen, and refuses an empty one', () => {
    const none = checkUpload({ fileName: '', bytes: new Uint8Array(), maxBytes: MB })
    assert.ok(!none.ok && none.problems[0]?.message === 'Choose a file to upload')
    const empty = checkUpload({ fileName: 'a.pdf', bytes: new Uint8Array(), maxBytes: MB })
    assert.ok(!empty.ok && /"a\.pdf" is empty/.test(empty.problems[0]?.message ?? ''))
  })

  it('refuses a file name holding a NUL or another control character, quoting it written out', async () => {
    const result = checkUpload({ fileName: 'a\u0000.pdf', bytes: await tinyPdf(), maxBytes: MB })
    assert.ok(!result.ok)
    assert.match(result.problems[0]?.message ?? '', /^The file’s name "a\[U\+0000\]\.pdf" contains a control character/)
  })

  it('refuses a cover sheet without subject, with an impossible date or a contact without a name', () => {
    const result = readCoverSheet({ ...input, subject: ' ', dateOfDecision: '2018-06-31', contacts: 'Author |' })
    assert.equal(result.ok, false)
    if (!result.ok)
      assert.deepEqual(
        result.problems.map((p) => p.field),
        ['subject', 'dateOfDecision', 'contacts'],
      )
  })

  it('refuses a yes/no answer that is neither', () => {
    const result = readCoverSheet({ ...input, keyDecision: 'maybe' })
    assert.ok(!result.ok && result.problems[0]?.field === 'keyDecision')
  })
})

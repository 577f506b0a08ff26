import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { GlossaryEntry } from '../domain/glossary.ts'
import { blankCoverSheet, type Appendix, type Report } from '../domain/scrutiny/report.ts'
import { coverSheetHtml, reportPapers } from './report-papers.ts'

const report: Report = {
  ...blankCoverSheet('Children and Families - Performance', '2018-06-07', 'Children and Families Scrutiny Panel'),
  id: 1,
  agendaItemId: 42,
  reportOf: 'Service Director – Legal and Governance',
  recommendations: ['That the Panel consider and challenge the performance', 'That the Panel note'],
  reasons: ['To enable effective scrutiny.'],
  alternativeOptions: ['None.'],
  detail: ['Performance information up to 30 April 2018 is attached.'],
}

const base = { reportId: 1, membersRoomOnly: false }
const pack: Appendix = {
  ...base,
  id: 10,
  position: 1,
  title: 'Children and Families Monthly Dataset – April 2018',
  kind: 'dataset-pack',
  datasetId: 'monthly',
  period: '2018-04',
}
const pdf: Appendix = {
  ...base,
  id: 11,
  position: 2,
  title: 'Early help',
  kind: 'upload',
  file: { fileName: 'early-help.pdf', mediaType: 'application/pdf', byteSize: 4, sha256: 'x' },
}
const xlsx: Appendix = {
  ...base,
  id: 12,
  position: 3,
  title: 'Figures',
  membersRoomOnly: true,
  kind: 'upload',
  file: {
    fileName: 'figures.xlsx',
    mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    byteSize: 4,
    sha256: 'x',
  },
}
const glossary: Appendix = { ...base, id: 13, position: 4, title: 'Glossary of terms', kind: 'glossary' }

describe('reportPapers', () => {
  it('gives the cover sheet, then one paper per appendix in order, uploaded PDFs as PDFs', () => {
    const bytes = new Uint8Array([37, 80, 68, 70])
    const papers = reportPapers(
      report,
      [pack, pdf, xlsx, glossary],
      [
        { appendix: pdf, kind: 'file', bytes },
        { appendix: xlsx, kind: 'file', bytes },
        {
          appendix: glossary,
          kind: 'glossary',
          entries: [
            { term: 'Looked After Child', acronym: 'LAC', definition: 'A child in care.', source: null, slug: 'lac' },
          ],
        },
      ],
    )
    assert.deepEqual(
      papers.map((p) => p.title),
      [
        'Children and Families - Performance',
        'Appendix 1: Children and Families Monthly Dataset – April 2018',
        'Appendix 2: Early help',
        "Members' Room document 1: Figures",
        'Appendix 3: Glossary of terms',
      ],
    )
    assert.ok(papers.every((p) => p.agendaItemId === 42))
    assert.ok(papers[2] !== undefined && 'pdf' in papers[2] && papers[2].pdf === bytes)
    assert.ok(
      papers[3] !== undefined && 'html' in papers[3] && papers[3].html.includes('figures.xlsx cannot be printed'),
    )
    assert.equal(papers[3]?.membersRoomOnly, true)
    assert.ok(
      papers[4] !== undefined && 'html' in papers[4] && papers[4].html.includes('<dt>Looked After Child (LAC)</dt>'),
    )
  })

  it('prints the cover sheet in the template order with recommendations (i), (ii) and running paragraph numbers', () => {
    const html = coverSheetHtml(report, [pack])
    const order = [
      'Decision-maker',
      'Report of',
      'Contact details',
      'Brief summary',
      '(ii) That the Panel note',
      '1. To enable',
      '2. None.',
      '3. Performance',
      'Key decision?',
      'Appendices',
      'Other background documents',
    ]
    let from = -1
    for (const text of order) {
      const at = html.indexOf(text, from + 1)
      assert.ok(at > from, `"${text}" is missing or out of order`)
      from = at
    }
    assert.match(html, /<td>7 June 2018<\/td>/)
  })
})

const entriesForEdge: GlossaryEntry[] = [
  { term: 'Looked After Child', acronym: 'LAC', definition: 'x', source: null, slug: 'looked-after-child' },
]

describe("Members' Room papers on the printed cover sheet", () => {
  it("numbers the uploaded ones as Members' Room documents and lists a typed duplicate once", () => {
    const html = coverSheetHtml({ ...report, membersRoomDocuments: ['  figures ', 'Site visit notes'] }, [pack, xlsx])
    const section = html.slice(html.indexOf("Documents in Members' Rooms"), html.indexOf('Equality Impact Assessment'))
    assert.match(section, /<li>Members&#39; Room document 1: Figures<\/li><li>Site visit notes<\/li>/)
    assert.doesNotMatch(section, /figures /)
    assert.doesNotMatch(html, /<li>Figures<\/li>/)
  })
})

describe('acronyms on the printed cover sheet', () => {
  const entries: GlossaryEntry[] = [
    { term: 'Looked After Child', acronym: 'LAC', definition: 'x', source: null, slug: 'looked-after-child' },
    { term: 'Child Protection', acronym: 'CP', definition: 'x', source: null, slug: 'child-protection' },
  ]
  const lac = '<abbr title="Looked After Child">LAC</abbr>'

  it('marks each acronym as <abbr>, without a link, at its first use in each section', () => {
    const sheet: Report = {
      ...report,
      briefSummary: 'LAC numbers and LAC placements.',
      recommendations: ['That the Panel note LAC numbers', 'That the Panel note CP and LAC visits'],
      reasons: ['LAC rose.'],
      detail: ['LAC fell.', 'CP and LAC.'],
    }
    const html = coverSheetHtml(sheet, [pack], entries)
    assert.ok(html.includes(`<h3>Brief summary</h3>\n<p class="govuk-body">${lac} numbers and LAC placements.</p>`))
    assert.ok(
      html.includes(
        `<p class="govuk-body">(i) That the Panel note ${lac} numbers</p>` +
          '<p class="govuk-body">(ii) That the Panel note <abbr title="Child Protection">CP</abbr> and LAC visits</p>',
      ),
    )
    assert.ok(html.includes(`<p class="govuk-body">1. ${lac} rose.</p>`))
    assert.ok(
      html.includes(
        `<p class="govuk-body">3. ${lac} fell.</p><p class="govuk-body">4. <abbr title="Child Protection">CP</abbr> and LAC.</p>`,
      ),
    )
    assert.doesNotMatch(html, /href=/)
    // reportPapers hands the glossary to the cover sheet.
    const papers = reportPapers(sheet, [], [], entries)
    assert.ok(papers[0] !== undefined && 'html' in papers[0] && papers[0].html.includes(lac))
  })

  it('marks up the performance overview appendix too, first use in each of its sections', () => {
    const overview: Appendix = {
      ...base,
      id: 14,
      position: 5,
      title: 'Performance overview',
      kind: 'performance-overview',
      datasetId: 'monthly',
      period: '2018-04',
    }
    const papers = reportPapers(
      report,
      [overview],
      [
        {
          appendix: overview,
          kind: 'overview',
          overview: {
            sections: [
              { title: 'Looked after children', text: 'LAC rose; LAC placements held. <b>' },
              { title: 'Child protection', text: 'CP and LAC fell.' },
            ],
            author: 'a',
            approvedBy: 'b',
            approvedAt: '2018-05-20T10:00:00Z',
          },
        },
      ],
      entries,
    )
    const paper = papers[1]
    assert.ok(paper !== undefined && 'html' in paper)
    assert.equal(
      paper.html,
      `<h3>Looked after children</h3><p class="govuk-body">${lac} rose; LAC placements held. &lt;b&gt;</p>\n` +
        `<h3>Child protection</h3><p class="govuk-body"><abbr title="Child Protection">CP</abbr> and ${lac} fell.</p>`,
    )
  })
})

describe('edge cases', () => {
  it("prints None for Members' Rooms when there is nothing typed or uploaded", () => {
    const html = coverSheetHtml(report, [pack])
    const section = html.slice(html.indexOf("Documents in Members' Rooms"), html.indexOf('Equality Impact Assessment'))
    assert.match(section, /<p class="govuk-body">None<\/p>/)
  })

  it('leaves the cover sheet plain without a glossary, and an unknown uppercase word alone', () => {
    const html = coverSheetHtml({ ...report, briefSummary: 'LAC and ZZQ' }, [], [])
    assert.match(html, /<p class="govuk-body">LAC and ZZQ<\/p>/)
    assert.doesNotMatch(coverSheetHtml({ ...report, briefSummary: 'ZZQ' }, [], entriesForEdge), /<abbr/)
  })

  it('keeps a script in the cover sheet inert next to an acronym', () => {
    const html = coverSheetHtml(
      { ...report, briefSummary: '<script>LAC</script>', detail: ['"><img src=x> LAC'] },
      [],
      entriesForEdge,
    )
    assert.doesNotMatch(html, /<script>|<img/)
    assert.match(html, /&lt;script&gt;<abbr title="Looked After Child">LAC<\/abbr>&lt;\/script&gt;/)
  })

  it('escapes every text of the cover sheet and the appendices', () => {
    const hostile = { ...report, subject: '<script>x</script>', briefSummary: '"><img src=x>' }
    const papers = reportPapers(hostile, [{ ...glossary, title: '<b>g</b>' }], [])
    const html = papers.map((p) => ('html' in p ? p.html : '')).join('')
    assert.doesNotMatch(html, /<script>|<img|<b>g/)
    assert.match(html, /&lt;script&gt;x&lt;\/script&gt;/)
  })

  it('keeps written HTML as given and prints it landscape only when asked (a published dataset pack table)', () => {
    const wide = reportPapers(
      report,
      [pack],
      [{ appendix: pack, kind: 'html', html: '<table></table>', landscape: true }],
    )
    assert.deepEqual(wide[1], {
      agendaItemId: report.agendaItemId,
      title: `Appendix 1: ${pack.title}`,
      html: '<table></table>',
      landscape: true,
    })
    const narrow = reportPapers(report, [pack], [{ appendix: pack, kind: 'html', html: '<p>x</p>' }])
    assert.ok(narrow[1] !== undefined && !('landscape' in narrow[1]))
  })

  it('names an appendix whose content was not handed over, and lists none as "None"', () => {
    const papers = reportPapers(report, [pack], [])
    assert.ok(papers[1] !== undefined && 'html' in papers[1] && papers[1].html.includes('available on the council'))
    assert.match(
      coverSheetHtml({ ...report, backgroundDocuments: [] }, []),
      /Other background documents<\/h4>\n<p class="govuk-body">[^<]*available for inspection at:<\/p>\n<p class="govuk-body">None<\/p>/,
    )
  })
})

describe('the contact block and the impact assessments as the template in force printed them', () => {
  const withContacts: Report = {
    ...report,
    contacts: [
      {
        role: 'Executive Director',
        title: 'Deputy Chief Executive',
        name: 'Mike Harris',
        phone: '023 8083 2882',
        email: 'Mike.harris@example.gov.uk',
      },
      { role: 'Author', title: null, name: 'Mark <Pirnie>', phone: null, email: null },
    ],
  }

  it('prints each contact with its title, name and telephone, and e-mail (seed 000)', () => {
    const html = coverSheetHtml(withContacts, [])
    assert.match(
      html,
      /<th scope="rowgroup" rowspan="3">Executive Director<\/th><td>Title<\/td><td>Deputy Chief Executive<\/td><\/tr><tr><td>Name:<\/td><td>Mike Harris {4}Tel: 023 8083 2882<\/td><\/tr><tr><td>E-mail<\/td><td>Mike.harris@example.gov.uk<\/td>/,
    )
    // No title line for a contact without one; names are escaped.
    assert.match(html, /<th scope="rowgroup" rowspan="1">Author<\/th><td>Name:<\/td><td>Mark &lt;Pirnie&gt;<\/td>/)
  })

  it('asks for a Privacy Impact Assessment at a 2018 meeting and a DPIA at a 2020 one', () => {
    const june2018 = coverSheetHtml(report, [], [], '2018-06-07')
    assert.match(june2018, /<h4>Privacy Impact Assessment<\/h4>/)
    assert.match(june2018, /require a Privacy Impact Assessment \(PIA\) to be carried out\. No/)
    assert.match(june2018, /Equality Impact Assessment and Other Background documents available for inspection at:/)
    assert.doesNotMatch(june2018, /Data Protection/)
    const october2020 = coverSheetHtml({ ...report, dataProtectionImpactAssessment: true }, [], [], '2020-10-01')
    assert.match(october2020, /<h4>Data Protection Impact Assessment<\/h4>/)
    assert.match(october2020, /require a Data Protection Impact Assessment \(DPIA\) to be carried out\. Yes/)
    assert.doesNotMatch(october2020, /Privacy Impact/)
  })

  it('follows the meeting date given to reportPapers, not the date of decision', () => {
    const [cover] = reportPapers({ ...report, dateOfDecision: '2018-06-07' }, [], [], [], '2020-10-01')
    assert.ok(cover !== undefined && 'html' in cover)
    assert.match(cover.html, /Data Protection Impact Assessment/)
  })
})

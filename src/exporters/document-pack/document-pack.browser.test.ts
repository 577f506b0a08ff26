/**
 * The document pack built by Debian's Chromium: page numbers, the agenda's page references, bookmarks, tagging,
 * the version stamp, uploaded PDFs and Members' Room papers. Text is read back per page with poppler's
 * `pdftotext` (pages are separated by form feeds), bookmarks with pdf-lib.
 */
import assert from 'node:assert/strict'
import { before, describe, it } from 'node:test'
import { pdfToText } from '../../../test/pdf.ts'
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFNumber, PDFRef, StandardFonts } from 'pdf-lib'
import type { AgendaItem, Committee, Meeting } from '../../domain/scrutiny/committee.ts'
import { ChromiumMissingError, chromiumPrinter } from './chromium-printer.ts'
import {
  bookmarkMatches,
  buildDocumentPack,
  DocumentPackError,
  headingTexts,
  membersRoomDate,
  retitleFromHeadings,
  type BuiltDocumentPack,
  type DocumentPackInput,
  type Paper,
} from './document-pack.ts'
import { outlineOf } from './outline.ts'
import { escapeMarkup } from '../../domain/markup-text.ts'
import { publishedPackTableHtml } from '../published-pack-paper.ts'
import { publishedPackSpcHtml } from '../published-pack-spc.ts'
import { blankIndicator } from '../../domain/catalogue.ts'
import { packIndicator, sampleCatalogue, samplePack, values } from '../testing.ts'
import { DFE_RULE } from '../../domain/statistics/suppression.ts'

/**
 * A published snapshot of 60 indicators (enough to run over pages), one with a withheld small count: its table, then
 * its statistical process control charts (one with a process change frozen with the version).
 */
function publishedTable(): string {
  const pack = samplePack()
  for (let i = 1; i <= 57; i++) {
    pack.indicators.push(
      packIndicator(`extra-${i}`, {
        title: `Extra indicator ${i}`,
        serviceArea: i <= 30 ? 'Early help' : 'Permanence',
        values: values([
          1200 + i,
          1300,
          1250,
          1290,
          1210,
          1190,
          1230,
          1260,
          1280,
          1300,
          1310,
          1320,
          i === 57 ? 3 : 1330,
        ]),
        changeFromPreviousMonth: { percent: 1, direction: 'similar', judgement: 'similar' },
      }),
    )
  }
  const catalogue = [
    ...sampleCatalogue().values(),
    ...pack.indicators
      .filter((row) => row.id.startsWith('extra-'))
      .map((row) => blankIndicator(row.id, { title: row.title, serviceArea: row.serviceArea, polarity: 'higher' })),
  ]
  const publication = {
    version: 1,
    snapshot: {
      format: 1 as const,
      datasetId: 'monthly',
      datasetTitle: 'Children and Families Monthly Dataset',
      period: pack.period,
      publishedBy: 'Jo Director',
      publishedAt: '2018-05-15T10:00:00.000Z',
      pack,
      catalogue,
      commentary: [],
      overview: null,
      disclosureRule: DFE_RULE,
      spc: {
        runLength: 7 as const,
        processChanges: [
          {
            indicatorId: 'extra-2',
            period: '2017-10',
            reason: 'New front door',
            recordedBy: 'Pat Officer',
            recordedAt: '2018-05-01T09:00:00.000Z',
          },
        ],
      },
    },
  }
  return `${publishedPackTableHtml(publication)}\n${publishedPackSpcHtml(publication)}`
}

const committee: Committee = {
  id: 1,
  slug: 'children-and-families-scrutiny-panel',
  name: 'Children and Families Scrutiny Panel',
  purpose: 'To undertake the scrutiny of Children and Families Services in the City.',
  termsOfReference: ['Regular scrutiny of the performance of early help.'],
  quorum: 3,
  publicInformation: { leadIn: null, sections: [] },
  members: [
    { name: 'Taggart', kind: 'councillor', role: 'chair' },
    { name: 'Rob Sanders', kind: 'appointed', role: 'member' },
  ],
  contacts: [{ role: 'Democratic Support Officer', name: 'Emily Goodwin', phone: '023 8083 2302', email: null }],
}
const meeting: Meeting = {
  id: 2,
  committeeId: 1,
  date: '2018-06-07',
  startTime: '17:30',
  venue: 'Conference Room 3 - Civic Centre',
  status: 'scheduled',
  notice: null,
}
function item(id: number, position: number, kind: AgendaItem['kind'], title: string): AgendaItem {
  return { id, meetingId: 2, position, kind, title, description: `About ${title}.`, pages: null }
}
// Given out of order: the pack follows `position`.
const agenda = [
  item(19, 9, 'report', 'Children and Families - Performance'),
  item(11, 1, 'apologies', 'Apologies'),
  item(17, 7, 'previous-minutes', 'Minutes of the previous meeting'),
  item(18, 8, 'report', 'Children and Families Services'),
]

/** A table long enough to run over several pages, with its header repeated. */
function longTable(rows: number, label: string): string {
  const body = Array.from(
    { length: rows },
    (_, i) => `<tr><td>${escapeMarkup(label)} ${i + 1}</td><td>${i * 3}</td><td>${(i * 1.5).toFixed(1)}%</td></tr>`,
  ).join('')
  return `<table class="govuk-table"><thead><tr><th>Indicator</th><th>Value</th><th>Change</th></tr></thead><tbody>${body}</tbody></table>`
}

async function uploadedPdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create()
  const font = await doc.embedFont(StandardFonts.Helvetica)
  doc.addPage([842, 595]).drawText('UPLOADED LANDSCAPE PAGE', { x: 60, y: 300, size: 28, font })
  doc.addPage([595, 842]).drawText('UPLOADED PORTRAIT PAGE', { x: 60, y: 600, size: 24, font })
  return doc.save()
}

function input(papers: Paper[], overrides: Partial<DocumentPackInput> = {}): DocumentPackInput {
  return {
    committee,
    meeting,
    agenda,
    meetingDates: ['2018-07-26', '2018-06-07'],
    papers,
    version: { number: 1, publishedAt: '2018-05-30T09:00:00.000Z', note: null },
    ...overrides,
  }
}

/** Each page's text, from pdftotext (pages end with a form feed). */
function pageTexts(pdf: Uint8Array): string[] {
  return pdfToText(pdf, ['-layout']).split('\f').slice(0, -1)
}

/** A page's last line: where the page number is printed. */
function footer(text: string): string {
  return text.trimEnd().split('\n').at(-1)?.trim() ?? ''
}

describe('the Public Document Pack', () => {
  let papers: Paper[]
  let built: BuiltDocumentPack
  let members: BuiltDocumentPack
  let empty: BuiltDocumentPack
  let dataset: BuiltDocumentPack
  let texts: string[]
  const printed: string[] = []

  before(async () => {
    papers = [
      { agendaItemId: 17, title: 'Minutes of the previous meeting', html: longTable(70, 'Resolution') },
      { agendaItemId: 19, title: 'Children and Families - Performance', html: longTable(120, 'Indicator') },
      { agendaItemId: 19, title: 'Appendix 1: Performance scorecard', pdf: await uploadedPdf() },
      { agendaItemId: 19, title: 'Appendix 2: Named children', html: '<p>EXEMPT TEXT</p>', membersRoomOnly: true },
      { agendaItemId: 18, title: 'Children and Families Services', html: '<p class="govuk-body">Overview.</p>' },
    ]
    // One browser for the whole file, as for a server's whole life.
    const printer = chromiumPrinter()
    try {
      built = await printer.withPage((page) =>
        buildDocumentPack(
          input(papers, { version: { number: 2, publishedAt: '2018-05-31T13:05:00.000Z', note: 'supplement' } }),
          {
            print(html, options) {
              printed.push(headingTexts(html)[0] ?? '')
              return page.print(html, options)
            },
          },
        ),
      )
      members = await buildDocumentPack(input(papers, { audience: 'members' }), printer)
      empty = await buildDocumentPack(input([]), printer)
      dataset = await buildDocumentPack(
        input([
          { agendaItemId: 19, title: 'Children and Families - Performance', html: '<p>Cover sheet.</p>' },
          {
            agendaItemId: 19,
            title: 'Appendix 1: Monthly Dataset – April 2018',
            html: publishedTable(),
            landscape: true,
          },
          { agendaItemId: 19, title: 'Appendix 2: Glossary', html: '<p>Glossary.</p>' },
        ]),
        printer,
      )
    } finally {
      await printer.close()
    }
    texts = pageTexts(built.pdf)
  })

  it('gives each item with papers a page range in agenda order, starting at Page 1', () => {
    assert.equal(built.pages.length, 3)
    assert.deepEqual(
      built.pages.map((p) => p.agendaItemId),
      [17, 18, 19],
    )
    assert.equal(built.pages[0]?.from, 1)
    for (const [i, range] of built.pages.entries()) {
      assert.ok(range.to >= range.from, JSON.stringify(range))
      const next = built.pages[i + 1]
      if (next !== undefined) assert.equal(next.from, range.to + 1)
    }
    assert.ok((built.pages[0]?.to ?? 0) >= 2, 'the minutes run over two pages')
    assert.equal(texts.length, built.pageCount)
  })

  it('prints the same page references in the agenda as the pages the papers are on', () => {
    const agendaPage = (texts.find((t) => /^\s*Agenda\s*$/m.test(t)) ?? '').replace(/\s+/g, ' ')
    for (const range of built.pages) {
      const reference = range.from === range.to ? `(Page ${range.from})` : `(Pages ${range.from} - ${range.to})`
      const position = agenda.find((a) => a.id === range.agendaItemId)?.position
      assert.match(agendaPage, new RegExp(`${position} .*${reference.replace(/[()]/g, '\\$&')}`), reference)
    }
    assert.doesNotMatch(agendaPage, /1 APOLOGIES \(Page/, 'items without papers have no reference')
  })

  it('heads every page of an item "Agenda Item N" and numbers it as the agenda says', () => {
    const firstPaper = texts.findIndex((t) => /Agenda Item 7:/.test(t))
    assert.ok(firstPaper > 0)
    for (const [index, text] of texts.entries()) {
      if (index < firstPaper) {
        assert.doesNotMatch(footer(text), /^Page \d+$/, `front sheet and agenda page ${index + 1} are not numbered`)
        continue
      }
      const printed = Number(/^Page (\d+)$/.exec(footer(text))?.[1])
      assert.equal(printed, index - firstPaper + 1, `page ${index + 1} of the file`)
      const range = built.pages.find((r) => printed >= r.from && printed <= r.to)
      const position = agenda.find((a) => a.id === range?.agendaItemId)?.position
      assert.match(text, new RegExp(`Agenda Item ${position}\\b`), `printed page ${printed}`)
      if (printed === range?.from) assert.match(text, new RegExp(`Agenda Item ${position}:`), 'the heading starts it')
    }
  })

  it('has bookmarks for the front sheet, the agenda and each item, opening the right pages', async () => {
    const doc = await PDFDocument.load(built.pdf)
    const outline = outlineOf(doc)
    const top = outline.filter((e) => e.depth === 0)
    const firstPaper = texts.findIndex((t) => /Agenda Item 7:/.test(t))
    assert.deepEqual(
      top.map((e) => e.title),
      [
        'Children and Families Scrutiny Panel',
        'Agenda',
        'Agenda Item 7: Minutes of the previous meeting',
        'Agenda Item 8: Children and Families Services',
        'Agenda Item 9: Children and Families - Performance',
      ],
    )
    assert.equal(top[0]?.pageIndex, 0)
    for (const [i, range] of built.pages.entries()) assert.equal(top[i + 2]?.pageIndex, firstPaper + range.from - 1)
    const appendix = outline.find((e) => e.title === 'Appendix 1: Performance scorecard')
    assert.equal(appendix?.depth, 1)
    // Every bookmark reads as its heading does: not doubled after a page break, a space before the page reference.
    const titles = outline.map((e) => e.title)
    assert.ok(titles.includes('Public information'), titles.join(' | '))
    assert.ok(!titles.some((t) => /Public informationPublic information/i.test(t)), titles.join(' | '))
    assert.ok(
      titles.some((t) => /^7 Minutes of the previous meeting \(Pages 1 - \d+\)$/.test(t)),
      titles.join(' | '),
    )
    assert.ok(!titles.some((t) => /\S\(Pages? \d/.test(t)), titles.join(' | '))
  })

  it('prints each paper once, then the front sheet and agenda, and merges their structure over every page', async () => {
    assert.deepEqual(printed, [
      'Agenda Item 7: Minutes of the previous meeting',
      'Agenda Item 8: Children and Families Services',
      'Agenda Item 9: Children and Families - Performance',
      'Appendix 1: Performance scorecard',
      'Children and Families Scrutiny Panel',
    ])
    const doc = await PDFDocument.load(built.pdf)
    const root = doc.catalog.lookup(PDFName.of('StructTreeRoot'), PDFDict)
    const nums = root.lookup(PDFName.of('ParentTree'), PDFDict).lookup(PDFName.of('Nums'), PDFArray)
    const keys = new Set(
      nums.asArray().flatMap((k, i) => (i % 2 === 0 && k instanceof PDFNumber ? [k.asNumber()] : [])),
    )
    const pageKeys = doc.getPages().map((page) => page.node.lookupMaybe(PDFName.of('StructParents'), PDFNumber))
    // Every page's marked content is in the parent tree, under its own key; only a page that is all uploaded PDF
    // (nothing of ours on it to tag but the header and number) has none, as Chromium prints it.
    const untagged = pageKeys.flatMap((key, i) => (key === undefined ? [i] : []))
    for (const i of untagged) assert.match(texts[i] ?? '', /UPLOADED PORTRAIT PAGE/)
    const numbers = pageKeys.flatMap((key) => (key === undefined ? [] : [key.asNumber()]))
    assert.equal(new Set(numbers).size, numbers.length)
    for (const key of numbers) assert.ok(keys.has(key), `page key ${key} is in the parent tree`)
    // Reading order follows the pages: the Document's first element is on the front sheet, its last on the last
    // page with anything tagged.
    const pageIndex = new Map(doc.getPages().map((page, i) => [page.ref.toString(), i]))
    const pageOf = (element: unknown, last: boolean): number | null => {
      const dict = element instanceof PDFRef ? doc.context.lookup(element) : element
      if (!(dict instanceof PDFDict)) return null
      const own = dict.get(PDFName.of('Pg'))
      if (own instanceof PDFRef && !dict.has(PDFName.of('K'))) return pageIndex.get(own.toString()) ?? null
      const k = dict.get(PDFName.of('K'))
      const kids = k instanceof PDFArray ? k.asArray() : k === undefined ? [] : [k]
      for (const kid of last ? kids.reverse() : kids) {
        const found = pageOf(kid, last)
        if (found !== null) return found
      }
      return own instanceof PDFRef ? (pageIndex.get(own.toString()) ?? null) : null
    }
    const documentElement = root.lookup(PDFName.of('K'), PDFDict)
    assert.equal(documentElement.get(PDFName.of('S')), PDFName.of('Document'))
    assert.equal(pageOf(documentElement, false), 0)
    assert.equal(
      pageOf(documentElement, true),
      pageKeys.findLastIndex((key) => key !== undefined),
    )
  })

  it('is tagged PDF with a title', async () => {
    const doc = await PDFDocument.load(built.pdf)
    assert.ok(doc.catalog.get(PDFName.of('StructTreeRoot')), 'has a structure tree')
    assert.match(String(doc.catalog.get(PDFName.of('MarkInfo'))), /Marked true/)
    assert.match(doc.getTitle() ?? '', /Children and Families Scrutiny Panel, Thursday 7 June 2018/)
  })

  it('stamps a republished pack with its version, time (London) and why', () => {
    assert.match(texts[0] ?? '', /Version 2, published 31 May 2018 at 2.05 pm — supplement/)
    assert.doesNotMatch(pageTexts(members.pdf)[0] ?? '', /Version/)
  })

  it('places an uploaded PDF on numbered pages of its item', () => {
    const landscape = texts.findIndex((t) => t.includes('UPLOADED LANDSCAPE PAGE'))
    const portrait = texts.findIndex((t) => t.includes('UPLOADED PORTRAIT PAGE'))
    assert.ok(landscape > 0)
    assert.equal(portrait, landscape + 1)
    assert.match(texts[landscape] ?? '', /Appendix 1: Performance scorecard/)
    assert.match(texts[portrait] ?? '', /Agenda Item 9/)
    assert.match(texts[portrait] ?? '', /Page \d+/)
  })

  it("leaves Members' Room papers out of the public pack and puts them, alone, in the Members' Room edition", () => {
    assert.ok(!texts.some((t) => t.includes('EXEMPT TEXT')))
    const memberTexts = pageTexts(members.pdf)
    // The front sheet and index, then the one Members' Room paper, numbered from Page 1 (seed 002).
    assert.equal(members.pageCount, 2)
    assert.deepEqual(members.pages, [{ agendaItemId: 19, from: 1, to: 1 }])
    assert.match(memberTexts[1] ?? '', /Agenda Item 9/)
    assert.match(memberTexts[1] ?? '', /EXEMPT TEXT/)
    assert.equal(footer(memberTexts[1] ?? ''), 'Page 1')
    for (const publicText of ['Resolution 1', 'Overview.', 'UPLOADED', 'Agenda Item 7', 'Public information']) {
      assert.ok(!memberTexts.some((t) => t.includes(publicText)), publicText)
    }
  })

  it("heads the Members' Room edition as the council's Documents for the Members Room, with its index", () => {
    const front = (pageTexts(members.pdf)[0] ?? '').replace(/\s+/g, ' ')
    const order = [
      'Children and Families Scrutiny Panel',
      'DOCUMENTS FOR THE MEMBERS ROOM',
      'Thursday, 7th June, 2018 at 5.30 pm',
      'MEMBERS ROOM DOCUMENTS ATTACHED TO THE LISTED REPORTS',
      'Contacts',
      'Democratic Support Officer Emily Goodwin Tel: 023 8083 2302',
      'MEMBERS ROOM DOCUMENTS',
      '9 CHILDREN AND FAMILIES - PERFORMANCE (Page 1)',
    ]
    let from = 0
    for (const text of order) {
      const at = front.indexOf(text, from)
      assert.ok(at >= from, `"${text}" is missing or out of order in: ${front}`)
      from = at + text.length
    }
    // Items without Members' Room papers are not listed; the front sheet is not numbered.
    assert.doesNotMatch(front, /CHILDREN AND FAMILIES SERVICES|MINUTES OF THE PREVIOUS/)
    assert.doesNotMatch(footer(pageTexts(members.pdf)[0] ?? ''), /^Page/)
    assert.equal(membersRoomDate('2019-09-26'), 'Thursday, 26th September, 2019')
    assert.equal(membersRoomDate('2018-03-22'), 'Thursday, 22nd March, 2018')
    assert.equal(membersRoomDate('2018-07-11'), 'Wednesday, 11th July, 2018')
  })

  it("says on the members' pack's front sheet, and only there, that it is not for publication", () => {
    const notice = /Members' Room edition: contains exempt or confidential\s+papers\.\s+Not\s+for\s+publication\./
    assert.match(pageTexts(members.pdf)[0] ?? '', notice)
    assert.ok(!texts.some((t) => /Members' Room edition/.test(t)))
  })

  it("prints a published dataset pack's table on landscape pages, its headers on each, 13 months across", async () => {
    const all = pageTexts(dataset.pdf)
    const doc = await PDFDocument.load(dataset.pdf)
    const landscape = doc.getPages().flatMap((page, i) => (page.getWidth() > page.getHeight() ? [i] : []))
    // The charts' appendix follows the table on the same landscape paper, from a page of its own.
    const spcStart = all.findIndex((t) => t.includes('Statistical process control charts'))
    const tablePages = landscape.filter((i) => i < spcStart)
    const pages = tablePages.map((i) => all[i] ?? '')
    assert.ok(pages.length >= 2, `the table runs over landscape pages (${pages.length})`)
    // Front sheet, agenda, cover sheet before; the glossary after: portrait.
    assert.equal(landscape[0], all.findIndex((t) => t.includes('Cover sheet.')) + 1)
    assert.equal(landscape.at(-1), all.findIndex((t) => t.includes('Glossary.')) - 1)
    for (const page of landscape.map((i) => all[i] ?? '')) {
      assert.match(page, /Agenda Item 9/)
      assert.match(page, /Page \d+/)
    }
    for (const page of pages) {
      assert.match(page, /Monthly values/)
      assert.match(page, /Apr-17.*Apr-18/)
      assert.match(page, /RAG/)
    }
    const text = pages.join('\n')
    assert.match(text, /Extra indicator 1\b/)
    assert.match(text, /Extra indicator 60|Extra indicator 57/)
    // Every month of a row is on its line: the first and last months' figures of the first extra indicator.
    const row = text.split('\n').find((line) => /Extra indicator 1\s/.test(line)) ?? ''
    assert.match(row, /1,201.*1,330/)
  })

  it('prints the statistical process control charts after the table, a few whole charts to a landscape page', async () => {
    const all = pageTexts(dataset.pdf)
    const doc = await PDFDocument.load(dataset.pdf)
    const spcStart = all.findIndex((t) => t.includes('Statistical process control charts'))
    const glossary = all.findIndex((t) => t.includes('Glossary.'))
    assert.ok(spcStart > 0, 'the appendix is printed')
    const pages = all.slice(spcStart, glossary)
    // Landscape, after the last page holding the table's rows.
    for (let i = spcStart; i < glossary; i++) {
      const page = doc.getPage(i)
      assert.ok(page.getWidth() > page.getHeight(), `page ${i + 1} is landscape`)
    }
    assert.doesNotMatch(pages[0] ?? '', /Monthly values/)
    // One chart per indicator, each whole on one page (break-inside: avoid): on every page as many charts begin
    // (their captions) as end (their variation words and description), two to four of them.
    const captions = /Extra indicator \d+|Number of new referrals|CP1 – Children subject|FD2 – Referrals/g
    const flat = pages.map((p) => p.replace(/\s+/g, ' '))
    const variationWords = /Common cause – no significant change|Special cause of [a-z ]+ nature – (higher|lower)/g
    let charts = 0
    for (const [i, page] of flat.entries()) {
      const descriptions = (page.match(/XmR chart of monthly values from April 2017 to April 2018\./g) ?? []).length
      const words = (page.match(variationWords) ?? []).length
      assert.ok(descriptions >= 2 && descriptions <= 4, `page ${spcStart + i + 1} holds ${descriptions} charts`)
      // Each description repeats the variation words, so a whole chart prints them twice.
      assert.equal(words, 2 * descriptions, `page ${spcStart + i + 1}: every chart with its words`)
      assert.equal((page.match(captions) ?? []).length, descriptions, `page ${spcStart + i + 1}: every chart whole`)
      charts += descriptions
    }
    assert.equal(charts, 60, 'one chart per indicator')
    for (const caption of ['Number of new referrals', 'CP1 – Children subject to a child protection plan'])
      assert.ok(
        flat.some((p) => p.includes(caption)),
        caption,
      )
    for (let n = 1; n <= 57; n++)
      assert.ok(
        flat.some((p) => new RegExp(`Extra indicator ${n}\\b`).test(p)),
        `a chart for Extra indicator ${n}`,
      )
    const text = flat.join(' ')
    assert.match(text, /Process change from October 2017: New front door/)
    assert.match(text, /Withheld \(c\), left out of the chart: April 2018\./)
  })

  describe('edge cases', () => {
    it('builds a pack with no papers: front sheet and agenda only, no references', () => {
      assert.deepEqual(empty.pages, [])
      assert.ok(empty.pageCount >= 2)
      assert.ok(!pageTexts(empty.pdf).some((t) => /^Page \d+$/.test(footer(t))))
    })

    it('refuses a paper for an item not on the agenda, and an uploaded file that is not a PDF', async () => {
      const printer = { print: () => Promise.reject(new Error('should not print')) }
      await assert.rejects(
        buildDocumentPack(input([{ agendaItemId: 99, title: 'Stray', html: '' }]), printer),
        (error: unknown) => error instanceof DocumentPackError && /not on this agenda/.test(error.message),
      )
      await assert.rejects(
        buildDocumentPack(input([{ agendaItemId: 18, title: 'Scan', pdf: new Uint8Array([1, 2, 3]) }]), printer),
        (error: unknown) =>
          error instanceof DocumentPackError && /"Scan" is not a PDF that can be read/.test(error.message),
      )
      // A file that only starts like a PDF, stored before uploads were parsed: refused in words, not a TypeError.
      const polyglot = new TextEncoder().encode('%PDF-1.4\n<html><body>not a pdf</body></html>\n')
      await assert.rejects(
        buildDocumentPack(input([{ agendaItemId: 18, title: 'Scan', pdf: polyglot }]), printer),
        (error: unknown) =>
          error instanceof DocumentPackError && /"Scan" is not a PDF that can be read/.test(error.message),
      )
    })

    it("says to install Debian's chromium package when it is missing", async () => {
      await assert.rejects(
        chromiumPrinter({ executablePath: '/nonexistent/chromium' }).print('<h1>Agenda</h1>', { tagged: true }),
        (error: unknown) =>
          error instanceof ChromiumMissingError &&
          /Chromium was not found at \/nonexistent\/chromium\. Install Debian's chromium package/.test(error.message),
      )
    })

    it("matches Chromium's bookmark titles despite lost spaces at line wraps and a repeated first line", () => {
      assert.ok(bookmarkMatches('Children and FamiliesScrutiny Panel', 'Children and Families Scrutiny Panel'))
      assert.ok(bookmarkMatches('AgendaAgenda', 'Agenda'))
      assert.ok(
        bookmarkMatches(
          'Agenda Item 7: Minutes of theAgenda Item 7: Minutes of theprevious meeting',
          'Agenda Item 7: Minutes of the previous meeting',
        ),
      )
      assert.ok(!bookmarkMatches('Agenda Item 17: Other', 'Agenda Item 7: Other'))
      assert.ok(!bookmarkMatches('Members', 'Agenda'))
      assert.ok(!bookmarkMatches('', ''))
    })

    it('reads heading texts from the printed HTML, and gives bookmarks their heading’s words', async () => {
      assert.deepEqual(
        headingTexts(
          '<h2 class="x"><span>7 Minutes of the previous meeting (including matters arising)</span> (Page 1)</h2>' +
            '<p>not a heading</p><h3>Tom &amp; Jerry&#39;s\n  report</h3><h4> </h4>',
        ),
        ['7 Minutes of the previous meeting (including matters arising) (Page 1)', "Tom & Jerry's report"],
      )
      const doc = await PDFDocument.create()
      const entry = (title: string) => ({ title, depth: 0, pageIndex: 0, dict: doc.context.obj({}) })
      const outline = [
        entry('Public informationPublic information'),
        entry('7 MINUTES OF THE PREVIOUS MEETING (INCLUDING MATTERS ARISING)(Page 1)'),
        entry('Something else'),
      ]
      retitleFromHeadings(outline, [
        'Members',
        'Public information',
        '7 Minutes of the previous meeting (including matters arising) (Page 1)',
      ])
      assert.deepEqual(
        outline.map((e) => e.dict.get(PDFName.of('Title'))?.toString()),
        [
          PDFHexString.fromText('Public information').toString(),
          PDFHexString.fromText('7 Minutes of the previous meeting (including matters arising) (Page 1)').toString(),
          undefined,
        ],
      )
    })
  })
})

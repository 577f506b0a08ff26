/**
 * Builds a meeting's Public Document Pack as one PDF: front sheet and public information, agenda, then each
 * agenda item's papers in agenda order, with page numbers that match the agenda's "(Pages x - y)" references,
 * bookmarks for the front sheet, the agenda and every item, and tagged text.
 *
 * The pack is printed in parts, one HTML document each, so that Chromium never lays out (and Node never holds) the
 * whole pack at once: each paper in agenda order, numbered from where the one before it ended (CSS named pages:
 * `@page :first` starts the count, and each paper starts a new page), then the front sheet and agenda, which are
 * not numbered, with the page references the papers' parts gave. Each part is merged into the pack as it is
 * printed (merged-pdf.ts keeps its tagged structure, bookmarks and links) and let go. An uploaded PDF is given
 * blank, numbered pages of its own in its part, and its pages are drawn onto them with pdf-lib, which keeps the
 * header, page number and bookmark on each.
 */
import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import nunjucks from 'nunjucks'
import { ParseSpeeds, PDFDocument, type PDFPage } from 'pdf-lib'
import { readPdf } from '../../importers/pdf-file.ts'
import { municipalYearOf } from '../../domain/calendar/municipal-year.ts'
import { weekday, type IsoDate } from '../../domain/calendar/days.ts'
import {
  meetingTime,
  memberLabel,
  pageReference,
  type AgendaItem,
  type Committee,
  type Meeting,
} from '../../domain/scrutiny/committee.ts'
import { packLayout, textBlocks, type PublicInformationSection } from '../../domain/scrutiny/public-information.ts'
import {
  itemPageRanges,
  versionStamp,
  type ItemPages,
  type PackVersion,
  type SectionStart,
} from '../../domain/scrutiny/document-pack.ts'
import { MergedPdf } from './merged-pdf.ts'
import { outlineOf, retitle, type OutlineEntry } from './outline.ts'
import type { Printer } from './chromium-printer.ts'
import { MONTH_NAMES } from '../../domain/period.ts'
import { londonDate } from '../../domain/calendar/london-time.ts'

/** What every paper has: the agenda item it belongs to and its title ("Appendix 1: Performance scorecard"). */
interface PaperBase {
  agendaItemId: number
  title: string
  /**
   * A Members' Room paper (exempt or confidential information): left out of the public pack, included only when
   * the pack is built for `audience: 'members'`.
   */
  membersRoomOnly?: boolean
}

/**
 * A paper Scrutineer writes: an HTML fragment using `<h2>`–`<h4>` (the builder supplies the paper's heading),
 * with every text already escaped. Tables repeat their header on each page.
 */
export interface HtmlPaper extends PaperBase {
  html: string
  /** Printed on A4 landscape pages (a wide table, such as a published dataset pack); portrait otherwise. */
  landscape?: boolean
}

/** A paper someone uploaded as a PDF: its pages are placed on the pack's numbered A4 pages, scaled to fit. */
export interface PdfPaper extends PaperBase {
  pdf: Uint8Array
}

export type Paper = HtmlPaper | PdfPaper

export interface DocumentPackInput {
  committee: Committee
  meeting: Meeting
  /** Every agenda item, in any order: the pack follows `position`. */
  agenda: readonly AgendaItem[]
  /** The committee's meeting dates in the municipal year, for "Dates of meetings". */
  meetingDates: readonly IsoDate[]
  /**
   * The papers. An item's papers go in the order given (its report first, then the appendices); items follow the
   * agenda. Papers for items not on the agenda are refused.
   */
  papers: readonly Paper[]
  version: PackVersion
  /**
   * `public` (the default) leaves Members' Room papers out; `members` builds the Members' Room edition: a front
   * sheet and index, then the Members' Room papers alone.
   */
  audience?: 'public' | 'members'
}

export interface BuiltDocumentPack {
  pdf: Uint8Array
  pageCount: number
  /** The printed pages of each item that has papers, in agenda order ("Page 1" is the first paper's first page). */
  pages: ItemPages[]
}

/** A pack that cannot be built from what it was given (a programmer's or a paper's fault, not the officer's). */
export class DocumentPackError extends Error {
  override name = 'DocumentPackError'
}

/** What the Members' Room edition is called, in its document title. */
export const MEMBERS_EDITION_TITLE = "Members' Room edition"

/**
 * What each edition is headed. The Members' Room edition is the council's "Documents for the Members Room" (seed
 * 002): a short front sheet and index, then only the Members' Room papers, never the public papers again.
 */
export const PACK_TITLES = { public: 'Public Document Pack', members: 'Documents for the Members Room' } as const

/** The Members' Room front sheet's lines, in the seed's words (002). */
export const MEMBERS_ROOM_FRONT = {
  attached: 'Members Room documents attached to the listed reports',
  index: 'Members Room documents',
} as const

/** The line on the Members' Room edition's front sheet. */
export const MEMBERS_EDITION_NOTICE = `${MEMBERS_EDITION_TITLE}: contains exempt or confidential papers. Not for publication.`

/** The page grid in millimetres: the same numbers are written into the CSS and used to place uploaded pages. */
export const PAGE = { width: 210, height: 297, top: 22, right: 18, bottom: 20, left: 18, uploadTitle: 16 } as const
const MM = 72 / 25.4
/** A little under the content height, so rounding never spills a placeholder onto a second page. */
const CONTENT_HEIGHT = PAGE.height - PAGE.top - PAGE.bottom - 1

const TEMPLATE_DIR = fileURLToPath(new URL('.', import.meta.url))
const APPLICATION_CSS = fileURLToPath(new URL('../../../public/stylesheets/application.css', import.meta.url))
const environment = new nunjucks.Environment(new nunjucks.FileSystemLoader(TEMPLATE_DIR), {
  autoescape: true,
  throwOnUndefined: false,
})

let stylesheet: string | null = null

/** The council's GOV.UK-based stylesheet (built if this checkout has not built it yet) and the pack's own rules. */
async function packStylesheet(): Promise<string> {
  if (stylesheet === null) {
    if (!existsSync(APPLICATION_CSS)) (await import('../../web/assets/build.ts')).buildAssets()
    stylesheet = `${readFileSync(APPLICATION_CSS, 'utf8')}\n${readFileSync(new URL('./pack.css', import.meta.url), 'utf8')}`
  }
  return stylesheet
}

const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday']
function longDate(date: IsoDate, withDay: boolean): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number]
  const day = DAYS[weekday(date) - 1] ?? ''
  return `${withDay ? `${day} ` : ''}${d} ${MONTH_NAMES[m - 1] ?? ''} ${y}`
}

/** One section of the pack as the template prints it and the builder later finds it. */
interface Section {
  agendaItemId: number | null
  heading: string
  headingTag: 'h1' | 'h2'
  pageName: string
  html: string
  /** Placeholder heights (mm) for an uploaded PDF's pages; null for HTML. */
  upload: number[] | null
  pdf: PDFDocument | null
}

/**
 * Whether a bookmark Chromium wrote is this heading. Chromium builds bookmark titles from the laid-out lines: it
 * drops the space where a heading wraps and, for a heading at the top of a page after a forced break, can repeat
 * the first line. So compare without whitespace or case, allowing a repeated opening.
 */
export function bookmarkMatches(bookmark: string, heading: string): boolean {
  const clean = (s: string) => s.replace(/\s+/g, '').toLowerCase()
  const t = clean(bookmark)
  const e = clean(heading)
  return e.length > 0 && (t === e || (t.endsWith(e) && e.startsWith(t.slice(0, t.length - e.length))))
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", nbsp: ' ' }

/**
 * The text of every heading of the printed HTML, in document order, as a reader sees it (tags dropped, entities
 * decoded, spaces collapsed).
 * @example headingTexts('<h2><span>7 Minutes</span> (Page 1)</h2>') // ['7 Minutes (Page 1)']
 */
export function headingTexts(html: string): string[] {
  return [...html.matchAll(/<h([1-6])\b[^>]*>([\s\S]*?)<\/h\1>/g)]
    .map((m) =>
      (m[2] ?? '')
        .replace(/<[^>]*>/g, '')
        .replace(/&(amp|lt|gt|quot|#39|nbsp);/g, (_, name: string) => ENTITIES[name] ?? '')
        .replace(/\s+/g, ' ')
        .trim(),
    )
    .filter((t) => t !== '')
}

/**
 * Gives each bookmark the text of the heading it was made from: Chromium's own titles can lose the space between
 * a heading's parts ("…ARISING)(Page 1)") or repeat a heading after a page break ("Public informationPublic
 * information"). Bookmarks and headings are matched in document order; a bookmark with no heading keeps its title.
 */
export function retitleFromHeadings(outline: readonly OutlineEntry[], headings: readonly string[]): void {
  let cursor = 0
  for (const entry of outline) {
    const index = headings.findIndex((h, i) => i >= cursor && bookmarkMatches(entry.title, h))
    if (index === -1) continue
    retitle(entry, headings[index] ?? entry.title)
    cursor = index + 1
  }
}

/** The bookmark of each section, found in document order. */
function sectionBookmarks(outline: readonly OutlineEntry[], expected: ReadonlyArray<{ heading: string }>) {
  const found: Array<OutlineEntry & { pageIndex: number }> = []
  let cursor = 0
  for (const section of expected) {
    while (cursor < outline.length && !bookmarkMatches(outline[cursor]?.title ?? '', section.heading)) cursor += 1
    const entry = outline[cursor]
    if (entry === undefined || entry.pageIndex === null) {
      throw new DocumentPackError(`Could not find where "${section.heading}" starts in the printed pack.`)
    }
    found.push({ ...entry, pageIndex: entry.pageIndex })
    cursor += 1
  }
  return found
}

async function sectionsFor(input: DocumentPackInput, agenda: readonly AgendaItem[]): Promise<Section[]> {
  const audience = input.audience ?? 'public'
  const onAgenda = new Map(agenda.map((item) => [item.id, item]))
  for (const paper of input.papers) {
    if (!onAgenda.has(paper.agendaItemId)) {
      throw new DocumentPackError(
        `The paper "${paper.title}" is for agenda item ${paper.agendaItemId}, not on this agenda.`,
      )
    }
  }
  const sections: Section[] = []
  for (const item of agenda) {
    // The public pack leaves the Members' Room papers out; the Members' Room edition holds only them.
    const papers = input.papers.filter(
      (p) => p.agendaItemId === item.id && (audience === 'members') === (p.membersRoomOnly === true),
    )
    for (const [i, paper] of papers.entries()) {
      const heading = i === 0 ? `Agenda Item ${item.position}: ${paper.title}` : paper.title
      const base = {
        agendaItemId: item.id,
        heading,
        headingTag: i === 0 ? ('h1' as const) : ('h2' as const),
        pageName: `item-${item.position}`,
      }
      if ('pdf' in paper) {
        // Checked at upload too; a file stored before that check is refused here in words, never a crash.
        const read = await readPdf(paper.pdf, `The uploaded paper "${paper.title}"`)
        if (!read.ok) throw new DocumentPackError(read.problems.join(' '))
        const pdf = read.value
        const count = pdf.getPageCount()
        const upload = Array.from({ length: count }, (_, p) =>
          p === 0 ? CONTENT_HEIGHT - PAGE.uploadTitle : CONTENT_HEIGHT,
        )
        sections.push({ ...base, html: '', upload, pdf })
      } else {
        const pageName = paper.landscape === true ? `${base.pageName}-landscape` : base.pageName
        sections.push({ ...base, pageName, html: paper.html, upload: null, pdf: null })
      }
    }
  }
  return sections
}

/** The committee's standing public information, laid out as the pack prints it (public-information.ts). */
function printedPublicInformation(committee: Committee) {
  const printed = (sections: readonly PublicInformationSection[]) =>
    sections.map((s) => ({ heading: s.heading, blocks: textBlocks(s.text) }))
  const layout = packLayout(committee.publicInformation.sections)
  return {
    leadIn: committee.publicInformation.leadIn,
    any: committee.publicInformation.sections.length > 0,
    beforeQuorum: printed(layout.beforeQuorum),
    afterQuorum: printed(layout.afterQuorum),
    interests: printed(layout.interests),
  }
}

/** What every part's template needs: the title, the stylesheet and the page grid. */
function partContext(input: DocumentPackInput, css: string) {
  const edition = input.audience === 'members' ? 'members' : 'public'
  return {
    title: `${input.committee.name}, ${longDate(input.meeting.date, true)}: ${PACK_TITLES[edition]}`,
    stylesheet: css,
    page: PAGE,
  }
}

/** The front sheet and agenda, with each item's page references. */
function renderFront(
  input: DocumentPackInput,
  agenda: readonly AgendaItem[],
  pages: ReadonlyMap<number, { from: number; to: number }>,
  css: string,
): string {
  const { committee, meeting } = input
  const membersEdition = input.audience === 'members'
  return environment.render('pack.njk', {
    ...partContext(input, css),
    front: true,
    kicker: PACK_TITLES[membersEdition ? 'members' : 'public'],
    membersNotice: membersEdition ? MEMBERS_EDITION_NOTICE : null,
    itemPages: [],
    stamp: versionStamp(input.version),
    committee,
    publicInformation: printedPublicInformation(committee),
    meeting,
    members: committee.members.map(memberLabel),
    date: longDate(meeting.date, true),
    time: meetingTime(meeting.startTime),
    municipalYear: municipalYearOf(meeting.date).replace('-', '/'),
    meetingDates: [...input.meetingDates].sort().map((d) => longDate(d, false)),
    agenda: agenda.map((item) => ({
      position: item.position,
      title: item.title,
      description: item.description,
      reference: pageReference(pages.get(item.id) ?? null),
    })),
    publishedOn:
      input.version.draft === true
        ? 'Draft, not published'
        : `Published ${longDate(londonDate(input.version.publishedAt), true)}`,
  })
}

/**
 * A date as the council's Members' Room front sheet prints it (seed 002).
 * @example membersRoomDate('2019-09-26') // 'Thursday, 26th September, 2019'
 */
export function membersRoomDate(date: IsoDate): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number]
  const suffix =
    d % 10 === 1 && d !== 11 ? 'st' : d % 10 === 2 && d !== 12 ? 'nd' : d % 10 === 3 && d !== 13 ? 'rd' : 'th'
  return `${DAYS[weekday(date) - 1] ?? ''}, ${d}${suffix} ${MONTH_NAMES[m - 1] ?? ''}, ${y}`
}

/**
 * The Members' Room edition's front sheet as the council prints it (seed 002): the committee, "Documents for the
 * Members Room", the date and time, "Members Room documents attached to the listed reports", the contacts, and
 * the index of the reports with Members' Room papers, each with its item number, title and pages. Only items that
 * have pages here are listed: the edition holds no other papers.
 */
function renderMembersFront(
  input: DocumentPackInput,
  agenda: readonly AgendaItem[],
  pages: ReadonlyMap<number, { from: number; to: number }>,
  css: string,
): string {
  const { committee, meeting } = input
  return environment.render('pack.njk', {
    ...partContext(input, css),
    membersFront: true,
    kicker: PACK_TITLES.members,
    membersNotice: MEMBERS_EDITION_NOTICE,
    lines: MEMBERS_ROOM_FRONT,
    itemPages: [],
    stamp: versionStamp(input.version),
    committee,
    meeting,
    date: membersRoomDate(meeting.date),
    time: meetingTime(meeting.startTime),
    index: agenda.flatMap((item) => {
      const range = pages.get(item.id)
      return range === undefined
        ? []
        : [{ position: item.position, title: item.title, reference: pageReference(range) }]
    }),
    publishedOn:
      input.version.draft === true
        ? 'Draft, not published'
        : `Published ${longDate(londonDate(input.version.publishedAt), true)}`,
  })
}

/** One paper, its pages numbered from `firstPage`. */
function renderPaper(input: DocumentPackInput, section: Section, firstPage: number, css: string): string {
  return environment.render('pack.njk', {
    ...partContext(input, css),
    front: false,
    firstPage,
    itemPages: [
      {
        name: section.pageName,
        header: `Agenda Item ${section.pageName.replace('item-', '').replace('-landscape', '')}`,
        landscape: section.pageName.endsWith('-landscape'),
      },
    ],
    section,
  })
}

/**
 * Prints one part, tagged and with bookmarks, and gives its bookmarks their headings' words; the bookmark of each
 * of `expected` (the part's own headings: the paper's, or the front sheet's and the agenda's) takes that heading
 * exactly.
 */
async function printPart(printer: Printer, html: string, expected: ReadonlyArray<{ heading: string }>) {
  const doc = await PDFDocument.load(await printer.print(html, { tagged: true }), {
    updateMetadata: false,
    parseSpeed: ParseSpeeds.Fastest,
  })
  retitleFromHeadings(outlineOf(doc), headingTexts(html))
  const bookmarks = sectionBookmarks(outlineOf(doc), expected)
  for (const [i, bookmark] of bookmarks.entries()) retitle(bookmark, expected[i]?.heading ?? bookmark.title)
  return doc
}

/** Draws an uploaded PDF's pages onto the blank pages its part kept for them, scaled to fit. */
async function placeUpload(merged: MergedPdf, section: Section, pages: readonly PDFPage[]): Promise<void> {
  if (section.pdf === null || section.upload === null) return
  if (pages.length !== section.upload.length) {
    throw new DocumentPackError(`The uploaded paper "${section.heading}" did not fit its pages in the pack.`)
  }
  const embedded = await merged.doc.embedPdf(section.pdf, section.pdf.getPageIndices())
  for (const [p, source] of embedded.entries()) {
    const target = pages[p]
    if (target === undefined) continue
    const { height } = target.getSize()
    const boxWidth = (PAGE.width - PAGE.left - PAGE.right) * MM
    const boxHeight = (section.upload[p] ?? CONTENT_HEIGHT) * MM
    const top = height - (PAGE.top + (p === 0 ? PAGE.uploadTitle : 0)) * MM
    const scale = Math.min(boxWidth / source.width, boxHeight / source.height, 1)
    const w = source.width * scale
    const h = source.height * scale
    target.drawPage(source, { x: PAGE.left * MM + (boxWidth - w) / 2, y: top - h, width: w, height: h })
  }
  // Into the merged PDF's objects now: they are written out with the part's pages.
  for (const source of embedded) await source.embed()
}

/** How far a build has got: `done` of `total` parts printed, and the one being printed now, in words. */
export interface PackProgress {
  done: number
  total: number
  step: string
}

/**
 * Builds the pack with `printer`. Returns the PDF, its page count and each item's printed pages, which are exactly
 * what the agenda inside it says. `onProgress` is told before each part is printed.
 */
export async function buildDocumentPack(
  input: DocumentPackInput,
  printer: Printer,
  onProgress?: (progress: PackProgress) => void,
): Promise<BuiltDocumentPack> {
  const agenda = [...input.agenda].sort((a, b) => a.position - b.position)
  const sections = await sectionsFor(input, agenda)
  const css = await packStylesheet()
  const merged = await MergedPdf.create()
  const total = sections.length + 1
  const starts: SectionStart[] = []
  const printPaper = (i: number, firstPage: number) => {
    const section = sections[i] as Section
    onProgress?.({ done: i, total, step: section.heading })
    return printPart(printer, renderPaper(input, section, firstPage, css), [section])
  }
  let pages = 0
  let printing = sections.length > 0 ? printPaper(0, 1) : null
  for (const [i, section] of sections.entries()) {
    const part = await (printing as Promise<PDFDocument>)
    const startIndex = pages
    pages += part.getPageCount()
    // The next paper's first page is known now: Chromium prints it while this one is merged.
    printing = i + 1 < sections.length ? printPaper(i + 1, pages + 1) : null
    // Seen by the next turn of the loop; if merging this part fails first, the build fails with that error.
    printing?.catch(() => undefined)
    // An appendix's bookmarks go under its report's, as its heading (h2) goes under the report's (h1).
    await merged.add(part, {
      nest: section.headingTag === 'h2',
      beforeWriting: (placed) => placeUpload(merged, section, placed),
    })
    starts.push({ agendaItemId: section.agendaItemId, startIndex })
  }
  const ranges = itemPageRanges(starts, merged.pageCount)

  onProgress?.({
    done: sections.length,
    total,
    step: input.audience === 'members' ? 'Front sheet and index' : 'Front sheet and agenda',
  })
  const references = new Map(ranges.map((r) => [r.agendaItemId, r]))
  const front =
    input.audience === 'members'
      ? await printPart(printer, renderMembersFront(input, agenda, references, css), [
          { heading: input.committee.name },
          { heading: MEMBERS_ROOM_FRONT.index },
        ])
      : await printPart(printer, renderFront(input, agenda, references, css), [
          { heading: input.committee.name },
          { heading: 'Agenda' },
        ])
  await merged.add(front, { atStart: true })
  const pdf = await merged.save({ title: partContext(input, css).title, lang: 'en-GB' })
  return { pdf, pageCount: merged.pageCount, pages: ranges }
}

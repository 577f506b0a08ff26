/**
 * The Public Document Pack: the one PDF a council publishes for a meeting — front sheet, agenda, then each agenda
 * item's papers in agenda order. As in the council's own packs (seed 001), the front sheet and agenda are not
 * numbered and "Page 1" is the first page of the first paper, so the agenda's "(Pages 7 - 18)" references count
 * from there.
 */
import type { IsoDate } from '../calendar/days.ts'
import { londonDateTime } from '../calendar/london-time.ts'

/** Where one section of the pack starts, as found in the printed PDF (0-based page index). */
export interface SectionStart {
  /** The agenda item the section belongs to; null for the front sheet and agenda. */
  agendaItemId: number | null
  startIndex: number
}

/** The printed pages of one agenda item's papers. */
export interface ItemPages {
  agendaItemId: number
  from: number
  to: number
}

/**
 * The page range of each agenda item's papers, numbered from the first paper (page index `firstPaperIndex` is
 * "Page 1"). Sections are in document order; an item with several sections (a report and its appendices) runs
 * from its first section's first page to its last section's last page.
 * @example
 * itemPageRanges([{ agendaItemId: null, startIndex: 0 }, { agendaItemId: 7, startIndex: 2 }, { agendaItemId: 8, startIndex: 6 }], 8)
 * // [{ agendaItemId: 7, from: 1, to: 4 }, { agendaItemId: 8, from: 5, to: 6 }]
 */
export function itemPageRanges(sections: readonly SectionStart[], pageCount: number): ItemPages[] {
  const firstPaper = sections.find((s) => s.agendaItemId !== null)
  if (firstPaper === undefined) return []
  const offset = firstPaper.startIndex
  const ranges: ItemPages[] = []
  sections.forEach((section, i) => {
    if (section.agendaItemId === null) return
    const next = sections[i + 1]
    const end = (next?.startIndex ?? pageCount) - 1
    const last = ranges.at(-1)
    if (last !== undefined && last.agendaItemId === section.agendaItemId) {
      last.to = end - offset + 1
    } else {
      ranges.push({ agendaItemId: section.agendaItemId, from: section.startIndex - offset + 1, to: end - offset + 1 })
    }
  })
  return ranges
}

/** Which version of a meeting's pack this is, when and why it was published. */
export interface PackVersion {
  number: number
  /** ISO 8601 UTC. */
  publishedAt: string
  /** Why it was published again, e.g. "supplement"; null for the first version. */
  note: string | null
  /** A draft built to check (`scrutineer document-pack` without `--publish`): `publishedAt` is when it was built. */
  draft?: boolean
}

/**
 * The stamp printed on the front sheet of a republished pack or of a draft; none on the first published version.
 * @example versionStamp({ number: 1, publishedAt: '2018-05-30T09:00:00.000Z', note: null, draft: true }) // 'Draft, not published: built 30 May 2018 at 10.00 am'
 * @example versionStamp({ number: 2, publishedAt: '2018-05-31T13:05:00.000Z', note: 'supplement' }) // 'Version 2, published 31 May 2018 at 2.05 pm — supplement'
 * @example versionStamp({ number: 1, publishedAt: '2018-05-30T09:00:00.000Z', note: null }) // null
 */
export function versionStamp(version: PackVersion): string | null {
  if (version.draft === true) return `Draft, not published: built ${londonDateTime(version.publishedAt)}`
  if (version.number <= 1) return null
  const note = version.note === null || version.note.trim() === '' ? '' : ` — ${version.note.trim()}`
  return `Version ${version.number}, published ${londonDateTime(version.publishedAt)}${note}`
}

/**
 * The file name a downloaded pack is saved as.
 * @example packFileName('children-and-families-scrutiny-panel', '2018-06-07', 2) // 'children-and-families-scrutiny-panel-2018-06-07-public-document-pack-v2.pdf'
 * @example packFileName('children-and-families-scrutiny-panel', '2018-06-07', 2, 'members') // '…-2018-06-07-members-room-document-pack-v2.pdf'
 */
export function packFileName(
  committeeSlug: string,
  meetingDate: IsoDate,
  version: number,
  audience: 'public' | 'members' = 'public',
): string {
  const slug = committeeSlug.replace(/[^a-z0-9-]+/gi, '-').toLowerCase()
  const kind = audience === 'members' ? 'members-room-document-pack' : 'public-document-pack'
  return `${slug}-${meetingDate}-${kind}-v${version}.pdf`
}

/**
 * A file size as people read it.
 * @example fileSize(532_480) // '520 KB'
 * @example fileSize(2_400_000) // '2.3 MB'
 */
export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`
}

/**
 * Public Document Packs: builds a meeting's pack as one PDF from its committee, agenda and papers, and publishes
 * it as a new version (stored in the database with its page references). Publishing counts the clear days'
 * notice the papers give (src/domain/scrutiny/notice.ts, with the council's bank holidays) and warns when it is
 * fewer than five.
 */
import { municipalYearEnd, municipalYearOf, municipalYearStart } from '../domain/calendar/municipal-year.ts'
import { failed, ok, type Result } from '../domain/result.ts'
import { londonDate } from '../domain/calendar/london-time.ts'
import type { ItemPages } from '../domain/scrutiny/document-pack.ts'
import { clearDays, latestPublicationDate, REQUIRED_CLEAR_DAYS } from '../domain/scrutiny/notice.ts'
import { ChromiumMissingError, withChromiumPrinter } from '../exporters/document-pack/chromium-printer.ts'
import {
  buildDocumentPack,
  DocumentPackError,
  type BuiltDocumentPack,
  type DocumentPackInput,
  type Paper,
} from '../exporters/document-pack/document-pack.ts'
import { generatedPaper, itemHasPaper } from '../exporters/document-pack/papers.ts'
import type { DataAccess } from '../store/data-access.ts'
import type { PublishedPack } from '../store/document-pack-repository.ts'
import type { CalendarService } from './calendar-service.ts'
import type { MeetingView } from './meeting-service.ts'

export type { PublishedPack } from '../store/document-pack-repository.ts'

/** Something that stops a pack being built or published, in words for democratic services. */
export interface DocumentPackProblem {
  field: 'meeting' | 'note' | 'printer' | 'paper'
  message: string
}

export interface PublishContext {
  actor: string
  correlationId?: string | null
  /** When it is published, ISO 8601; the clock is the caller's. */
  now: string
}

/** How a pack is built from its input: by default with one Chromium per build, closed afterwards. */
export type PackBuilder = (input: DocumentPackInput) => Promise<BuiltDocumentPack>

/** Builds with Debian's Chromium (src/exporters/document-pack/chromium-printer.ts). */
export const chromiumPackBuilder: PackBuilder = (input) =>
  withChromiumPrinter((printer) => buildDocumentPack(input, printer))

/** The latest published pack of a meeting, with the notice warning democratic services sees. */
export interface PackStatus {
  pack: PublishedPack
  warning: string | null
}

/**
 * The warning when papers give fewer than five clear days' notice, or null.
 * @example noticeWarning(4, '2018-05-30') // 'Published with 4 clear days' notice, fewer than the 5 the law requires: …'
 */
export function noticeWarning(days: number, latestDate: string): string | null {
  if (days >= REQUIRED_CLEAR_DAYS) return null
  return (
    `Published with ${days} clear day${days === 1 ? '' : 's'}' notice, fewer than the ${REQUIRED_CLEAR_DAYS} the law ` +
    `requires (Local Government Act 1972, s.100B). To give notice the papers had to be published by ${latestDate}; ` +
    'the Chair must agree to take any late item as urgent, with the reasons recorded in the minutes.'
  )
}

export function documentPackService(
  data: DataAccess,
  calendar: CalendarService,
  options: { buildPack?: PackBuilder; papers?: (view: MeetingView) => Promise<Paper[]> } = {},
) {
  const buildPack = options.buildPack ?? chromiumPackBuilder

  async function meetingView(id: number): Promise<MeetingView | null> {
    const meeting = await data.meetings.findMeeting(id)
    if (meeting === null) return null
    const [committee, agenda] = await Promise.all([
      data.meetings.findCommittee(meeting.committeeId),
      data.meetings.findAgenda(id),
    ])
    return committee === null ? null : { meeting, committee, agenda }
  }

  /** Today's papers: a generated paper for each report and the previous minutes (real papers replace these). */
  /** The real papers when the service is given them (services/meeting-papers.ts); placeholders otherwise. */
  async function papersFor(view: MeetingView): Promise<Paper[]> {
    if (options.papers !== undefined) return options.papers(view)
    return view.agenda.filter(itemHasPaper).map(generatedPaper)
  }

  async function build(
    view: MeetingView,
    version: { number: number; publishedAt: string; note: string | null },
  ): Promise<Result<BuiltDocumentPack, DocumentPackProblem>> {
    const year = municipalYearOf(view.meeting.date)
    const sameYear = await data.meetings.findMeetings({
      committeeId: view.committee.id,
      from: municipalYearStart(year),
      to: municipalYearEnd(year),
    })
    try {
      const built = await buildPack({
        committee: view.committee,
        meeting: view.meeting,
        agenda: view.agenda,
        meetingDates: sameYear.filter((m) => m.status !== 'cancelled').map((m) => m.date),
        papers: await papersFor(view),
        version,
      })
      return ok(built)
    } catch (error) {
      if (error instanceof ChromiumMissingError) return failed([{ field: 'printer', message: error.message }])
      // A paper the builder cannot use (an uploaded file that is not a readable PDF): the officer replaces it.
      if (error instanceof DocumentPackError) return failed([{ field: 'paper', message: error.message }])
      throw error
    }
  }

  return {
    /** The latest published version of a meeting's pack and its notice warning, or null if none is published. */
    async latest(meetingId: number): Promise<PackStatus | null> {
      const pack = await data.documentPacks.latest(meetingId)
      if (pack === null) return null
      const meeting = await data.meetings.findMeeting(meetingId)
      const latestDate = meeting === null ? '' : latestPublicationDate(meeting.date, await calendar.calendar())
      return { pack, warning: noticeWarning(pack.clearDays, latestDate) }
    },

    /** The latest published PDF with its details, or null. */
    async latestPdf(meetingId: number): Promise<{ pack: PublishedPack; pdf: Uint8Array } | null> {
      const pack = await data.documentPacks.latest(meetingId)
      if (pack === null) return null
      const pdf = await data.documentPacks.content(pack.id)
      return pdf === null ? null : { pack, pdf }
    },

    /** Builds the pack without publishing it (the CLI's `document-pack` without `--publish`). */
    async preview(meetingId: number, now: string): Promise<Result<BuiltDocumentPack, DocumentPackProblem>> {
      const view = await meetingView(meetingId)
      if (view === null) return failed([{ field: 'meeting', message: `There is no meeting ${meetingId}.` }])
      const versions = await data.documentPacks.versions(meetingId)
      return build(view, { number: (versions[0] ?? 0) + 1, publishedAt: now, note: 'draft, not published' })
    },

    /**
     * Builds and publishes a new version of a meeting's pack: stored with its bytes and page references, the
     * agenda items' "(Pages x - y)" updated, an audit event written, all in one transaction.
     */
    async publish(
      meetingId: number,
      input: { note?: string | null },
      context: PublishContext,
    ): Promise<Result<PackStatus, DocumentPackProblem>> {
      const note = input.note?.trim() ?? ''
      if (note.length > 200) return failed([{ field: 'note', message: 'Say what changed in 200 characters or fewer' }])
      const view = await meetingView(meetingId)
      if (view === null) return failed([{ field: 'meeting', message: 'There is no such meeting.' }])
      if (view.meeting.status === 'cancelled') {
        return failed([{ field: 'meeting', message: 'This meeting has been cancelled: there is no pack to publish.' }])
      }
      const previous = await data.documentPacks.latest(meetingId)
      const number = (previous?.version ?? 0) + 1
      const versionNote = number > 1 ? (note === '' ? 'supplement' : note) : note === '' ? null : note
      const built = await build(view, { number, publishedAt: context.now, note: versionNote })
      if (!built.ok) return built
      const workingDays = await calendar.calendar()
      const days = clearDays(londonDate(context.now), view.meeting.date, workingDays)
      const pack = await data.transaction(async (repos) => {
        const stored = await repos.documentPacks.publish({
          meetingId,
          publishedAt: context.now,
          publishedBy: context.actor,
          note: versionNote,
          clearDays: days,
          pageCount: built.value.pageCount,
          pages: built.value.pages,
          byteSize: built.value.pdf.byteLength,
          content: built.value.pdf,
        })
        await repos.audit.record({
          actor: context.actor,
          action: 'document-pack.publish',
          subjectType: 'meeting',
          subjectId: String(meetingId),
          correlationId: context.correlationId ?? null,
          details: {
            before: previous === null ? null : { version: previous.version, pages: previous.pages },
            after: {
              version: stored.version,
              note: versionNote,
              clearDays: days,
              pageCount: stored.pageCount,
              pages: stored.pages satisfies ItemPages[],
              byteSize: stored.byteSize,
            },
          },
        })
        return stored
      })
      return ok({ pack, warning: noticeWarning(days, latestPublicationDate(view.meeting.date, workingDays)) })
    },
  }
}

export type DocumentPackService = ReturnType<typeof documentPackService>

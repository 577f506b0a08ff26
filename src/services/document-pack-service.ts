/**
 * Public Document Packs: builds a meeting's pack as one PDF from its committee, agenda and papers, and publishes
 * it as a new version (stored in the database with its page references). Publishing counts the clear days'
 * notice the papers give (src/domain/scrutiny/notice.ts, with the council's bank holidays) and warns when it is
 * fewer than five.
 */
import { municipalYearEnd, municipalYearOf, municipalYearStart } from '../domain/calendar/municipal-year.ts'
import { failed, ok, type Result } from '../domain/result.ts'
import { londonDate } from '../domain/calendar/london-time.ts'
import { longDate, type IsoDate } from '../domain/calendar/days.ts'
import type { ItemPages } from '../domain/scrutiny/document-pack.ts'
import { clearDays, latestPublicationDate, REQUIRED_CLEAR_DAYS } from '../domain/scrutiny/notice.ts'
import { existsSync } from 'node:fs'
import {
  chromiumPath,
  ChromiumMissingError,
  ChromiumUnavailableError,
  type ChromiumPrinter,
} from '../exporters/document-pack/chromium-printer.ts'
import type {
  BuiltDocumentPack,
  DocumentPackInput,
  PackProgress,
  Paper,
} from '../exporters/document-pack/document-pack.ts'
import { generatedPaper, itemHasPaper } from '../exporters/document-pack/papers.ts'
import type { DataAccess } from '../store/data-access.ts'
import type { PublishedPack } from '../store/document-pack-repository.ts'
import type { CalendarService } from './calendar-service.ts'
import type { MeetingView } from './meeting-service.ts'
import { recordChange, type ChangeContext } from './change-record.ts'
import type { JobHandler } from './job-service.ts'
import { progressWithin } from '../domain/jobs.ts'

export type { PackAudience, PublishedPack } from '../store/document-pack-repository.ts'

/** Something that stops a pack being built or published, in words for democratic services. */
export interface DocumentPackProblem {
  field: 'meeting' | 'note' | 'printer' | 'paper'
  message: string
}

export interface PublishContext extends ChangeContext {
  /** When it is published, ISO 8601; the clock is the caller's. */
  now: string
}

// The builder (pdf-lib) loads when a pack is first built or checked, not when the server starts: most processes
// never print. (playwright-core loads inside the printer, when it first launches Chromium.)
const builderModule = () => import('../exporters/document-pack/document-pack.ts')

/** How a pack is built from its input, saying how far it has got. */
export type PackBuilder = (
  input: DocumentPackInput,
  onProgress?: (progress: PackProgress) => void,
) => Promise<BuiltDocumentPack>

/** Builds with the process's warm Chromium (src/exporters/document-pack/chromium-printer.ts), a page per pack. */
export function printerPackBuilder(chromium: Pick<ChromiumPrinter, 'withPage'>): PackBuilder {
  return async (input, onProgress) => {
    const { buildDocumentPack } = await builderModule()
    return chromium.withPage((printer) => buildDocumentPack(input, printer, onProgress))
  }
}

/** The latest published pack of a meeting, with the notice warning democratic services sees. */
export interface PackStatus {
  pack: PublishedPack
  warning: string | null
}

/**
 * The warning when papers give fewer than five clear days' notice, or null.
 * @example noticeWarning(4, '2018-05-30') // 'Published with 4 clear days' notice, fewer than the 5 the law requires: …'
 */
export function noticeWarning(days: number, latestDate: IsoDate): string | null {
  if (days >= REQUIRED_CLEAR_DAYS) return null
  return (
    `Published with ${days} clear day${days === 1 ? '' : 's'}' notice, fewer than the ${REQUIRED_CLEAR_DAYS} the law ` +
    `requires (Local Government Act 1972, s.100B). To give notice the papers had to be published by ${longDate(latestDate)}; ` +
    'the Chair must agree to take any late item as urgent, with the reasons recorded in the minutes.'
  )
}

export function documentPackService(
  data: DataAccess,
  calendar: CalendarService,
  options: { buildPack: PackBuilder; printsWithChromium: boolean; papers?: (view: MeetingView) => Promise<Paper[]> },
) {
  const { buildPack } = options

  /** What stops a pack being published before anything is printed: the note, the meeting. */
  async function publishable(
    meetingId: number,
    input: { note?: string | null },
  ): Promise<Result<{ view: MeetingView; note: string }, DocumentPackProblem>> {
    const note = input.note?.trim() ?? ''
    if (note.length > 200) return failed([{ field: 'note', message: 'Say what changed in 200 characters or fewer' }])
    const view = await meetingView(meetingId)
    if (view === null) return failed([{ field: 'meeting', message: 'There is no such meeting.' }])
    if (view.meeting.status === 'cancelled') {
      return failed([{ field: 'meeting', message: 'This meeting has been cancelled: there is no pack to publish.' }])
    }
    return ok({ view, note })
  }

  async function meetingView(id: number): Promise<MeetingView | null> {
    const meeting = await data.meetings.findMeeting(id)
    if (meeting === null) return null
    const [committee, agenda] = await Promise.all([
      data.meetings.findCommittee(meeting.committeeId),
      data.meetings.findAgenda(id),
    ])
    return committee === null ? null : { meeting, committee, agenda }
  }

  /** The real papers when the service is given them (services/meeting-papers.ts); placeholders otherwise. */
  async function papersFor(view: MeetingView): Promise<Paper[]> {
    if (options.papers !== undefined) return options.papers(view)
    return view.agenda.filter(itemHasPaper).map(generatedPaper)
  }

  async function build(
    view: MeetingView,
    version: { number: number; publishedAt: string; note: string | null },
    papers: readonly Paper[],
    audience: 'public' | 'members' = 'public',
    onProgress?: (progress: PackProgress) => void,
  ): Promise<Result<BuiltDocumentPack, DocumentPackProblem>> {
    const year = municipalYearOf(view.meeting.date)
    const sameYear = await data.meetings.findMeetings({
      committeeId: view.committee.id,
      from: municipalYearStart(year),
      to: municipalYearEnd(year),
    })
    try {
      const built = await buildPack(
        {
          committee: view.committee,
          meeting: view.meeting,
          agenda: view.agenda,
          meetingDates: sameYear.filter((m) => m.status !== 'cancelled').map((m) => m.date),
          papers,
          version,
          ...(audience === 'members' ? { audience } : {}),
        },
        onProgress,
      )
      return ok(built)
    } catch (error) {
      const { DocumentPackError } = await builderModule()
      if (error instanceof ChromiumUnavailableError) return failed([{ field: 'printer', message: error.message }])
      // A paper the builder cannot use (an uploaded file that is not a readable PDF): the officer replaces it.
      if (error instanceof DocumentPackError) return failed([{ field: 'paper', message: error.message }])
      throw error
    }
  }

  /** The latest published version's Members' Room edition, or null when that version has none. */
  async function membersEdition(meetingId: number): Promise<PublishedPack | null> {
    const latest = await data.documentPacks.latest(meetingId)
    return latest === null ? null : data.documentPacks.edition(meetingId, latest.version, 'members')
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

    /**
     * The Members' Room edition of the latest published version, or null when there is none (no version is
     * published, or the latest has no Members' Room papers: an older version's edition is never served as current).
     * Its exempt papers are confidential, so each time it is handed over an audit event
     * (`document-pack.members-edition.view`) records who opened which meeting's version, as views of children's
     * records are.
     */
    async latestMembersPdf(
      meetingId: number,
      seenBy: { actor: string; correlationId?: string | null },
    ): Promise<{ pack: PublishedPack; pdf: Uint8Array } | null> {
      const pack = await membersEdition(meetingId)
      if (pack === null) return null
      const pdf = await data.documentPacks.content(pack.id)
      if (pdf === null) return null
      await recordChange(
        data.audit,
        seenBy,
        'document-pack.members-edition.view',
        { type: 'meeting', id: meetingId },
        { version: pack.version, packId: pack.id, pageCount: pack.pageCount },
      )
      return { pack, pdf }
    },

    /** The latest published version's Members' Room edition without its bytes (for the meeting page), or null. */
    latestMembersEdition: membersEdition,

    /**
     * Builds the pack without publishing it (the CLI's `document-pack` without `--publish`). With `members`, builds
     * the Members' Room edition instead (`--members`): refused when the meeting has no Members' Room paper, and,
     * since its exempt papers are confidential, recorded in the audit log as `document-pack.members-edition.draft`
     * (who built which meeting's draft). Nothing is stored either way.
     */
    async preview(
      meetingId: number,
      now: string,
      members?: { actor: string; correlationId?: string | null },
    ): Promise<Result<BuiltDocumentPack, DocumentPackProblem>> {
      const view = await meetingView(meetingId)
      if (view === null) return failed([{ field: 'meeting', message: `There is no meeting ${meetingId}.` }])
      const versions = await data.documentPacks.versions(meetingId)
      const version = { number: (versions[0] ?? 0) + 1, publishedAt: now, note: null, draft: true }
      const papers = await papersFor(view)
      if (members === undefined) return build(view, version, papers)
      if (!papers.some((p) => p.membersRoomOnly === true)) {
        return failed([
          {
            field: 'paper',
            message:
              `Meeting ${meetingId} has no Members' Room papers, so it has no Members' Room edition: ` +
              'build the public pack instead (without --members).',
          },
        ])
      }
      const built = await build(view, version, papers, 'members')
      if (!built.ok) return built
      await recordChange(
        data.audit,
        members,
        'document-pack.members-edition.draft',
        { type: 'meeting', id: meetingId },
        { version: version.number, note: version.note, pageCount: built.value.pageCount },
      )
      return built
    },

    /**
     * Builds and publishes a new version of a meeting's pack: stored with its bytes and page references, the
     * agenda items' "(Pages x - y)" updated, an audit event written, all in one transaction. When any paper is a
     * Members' Room paper, the Members' Room edition (the same pack with those papers, its own page numbers) is
     * built too and stored as the same version; the public pack never holds them.
     */
    async publish(
      meetingId: number,
      input: { note?: string | null },
      context: PublishContext,
      onStep?: (percent: number, step: string) => void,
    ): Promise<Result<PackStatus, DocumentPackProblem>> {
      const step = onStep ?? (() => undefined)
      const checked = await publishable(meetingId, input)
      if (!checked.ok) return checked
      const { view, note } = checked.value
      const previous = await data.documentPacks.latest(meetingId)
      const number = (previous?.version ?? 0) + 1
      const versionNote = number > 1 ? (note === '' ? 'supplement' : note) : note === '' ? null : note
      const version = { number, publishedAt: context.now, note: versionNote }
      step(5, 'Gathering the papers')
      const papers = await papersFor(view)
      const hasMembersEdition = papers.some((p) => p.membersRoomOnly === true)
      // Printing is most of the work: the public pack, then any Members' Room edition, part by part.
      const printing = (edition: string, from: number, to: number) => (progress: PackProgress) =>
        step(
          progressWithin(progress.done, progress.total, from, to),
          `Printing the ${edition}: ${progress.step} (part ${progress.done + 1} of ${progress.total})`,
        )
      const publicBand = hasMembersEdition ? 50 : 85
      const built = await build(view, version, papers, 'public', printing('Public Document Pack', 10, publicBand))
      if (!built.ok) return built
      const members = hasMembersEdition
        ? await build(view, version, papers, 'members', printing("Members' Room edition", publicBand, 85))
        : null
      if (members !== null && !members.ok) return members
      const membersEdition = members?.value ?? null
      const workingDays = await calendar.calendar()
      const days = clearDays(londonDate(context.now), view.meeting.date, workingDays)
      step(90, 'Saving the pack')
      const pack = await data.transaction(async (repos) => {
        const { pack: stored, membersEdition: storedMembers } = await repos.documentPacks.publish(
          {
            meetingId,
            publishedAt: context.now,
            publishedBy: context.actor,
            note: versionNote,
            clearDays: days,
            pageCount: built.value.pageCount,
            pages: built.value.pages,
            byteSize: built.value.pdf.byteLength,
            content: built.value.pdf,
          },
          membersEdition === null
            ? null
            : {
                pageCount: membersEdition.pageCount,
                pages: membersEdition.pages,
                byteSize: membersEdition.pdf.byteLength,
                content: membersEdition.pdf,
              },
        )
        await recordChange(
          repos.audit,
          context,
          'document-pack.publish',
          { type: 'meeting', id: meetingId },
          {
            before: previous === null ? null : { version: previous.version, pages: previous.pages },
            after: {
              version: stored.version,
              note: versionNote,
              clearDays: days,
              pageCount: stored.pageCount,
              pages: stored.pages satisfies ItemPages[],
              byteSize: stored.byteSize,
              membersEdition:
                storedMembers === null
                  ? null
                  : {
                      pageCount: storedMembers.pageCount,
                      pages: storedMembers.pages satisfies ItemPages[],
                      byteSize: storedMembers.byteSize,
                    },
            },
          },
        )
        return stored
      })
      return ok({ pack, warning: noticeWarning(days, latestPublicationDate(view.meeting.date, workingDays)) })
    },

    /**
     * Whether a pack could be published now, before queueing the job that prints it: the note, the meeting, and a
     * Chromium to print with (when printing with Chromium), so the officer is told at once rather than on a job page.
     */
    async checkPublish(
      meetingId: number,
      input: { note?: string | null },
    ): Promise<Result<{ title: string }, DocumentPackProblem>> {
      const checked = await publishable(meetingId, input)
      if (!checked.ok) return checked
      if (options.printsWithChromium && !existsSync(chromiumPath())) {
        return failed([{ field: 'printer', message: new ChromiumMissingError(chromiumPath()).message }])
      }
      const { committee, meeting } = checked.value.view
      return ok({ title: `Publish the document pack: ${committee.name}, ${longDate(meeting.date)}` })
    },
  }
}

export type DocumentPackService = ReturnType<typeof documentPackService>

/** The job that publishes a meeting's pack (`document-pack.publish`), payload `{ meetingId, note }`. */
export function publishDocumentPackJob(packs: Pick<DocumentPackService, 'publish'>, now: () => Date): JobHandler {
  return async (payload, progress) => {
    const meetingId = Number(payload.meetingId)
    const note = typeof payload.note === 'string' ? payload.note : null
    const result = await packs.publish(
      meetingId,
      { note },
      { actor: progress.actor, now: now().toISOString() },
      (percent, step) => progress.report(percent, step),
    )
    if (!result.ok) return failed(result.problems.map((p) => p.message))
    return ok({
      outcome: {
        version: result.value.pack.version,
        pages: result.value.pack.pageCount,
        ...(result.value.warning === null ? {} : { notice: result.value.warning }),
      },
      resultUrl: `/meetings/${meetingId}#document-pack`,
      resultLabel: 'Open the meeting and its published pack',
    })
  }
}

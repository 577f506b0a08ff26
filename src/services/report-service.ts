/**
 * Reports to the panel and their appendices, and democratic services' edits to a meeting's agenda (adding a
 * report item, moving items, removing an item without a report). Every change is checked, then written with its
 * audit event in one transaction.
 */
import { createHash } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { formatPeriodLong, isPeriod } from '../domain/period.ts'
import { failed, ok, type Result } from '../domain/result.ts'
import type { AgendaItem, Committee, Meeting } from '../domain/scrutiny/committee.ts'
import {
  blankCoverSheet,
  checkUpload,
  coverSheetInput,
  readCoverSheet,
  type Appendix,
  type CoverSheet,
  type CoverSheetInput,
  type Report,
  type ReportProblem,
  type UploadProblem,
  UPLOAD_MEDIA_TYPES,
} from '../domain/scrutiny/report.ts'
import { textPdf } from '../exporters/text-pdf.ts'
import { readPdf } from '../importers/pdf-file.ts'
import { pdfText } from '../importers/pdf-text.ts'
import type { DataAccess, Repositories } from '../store/data-access.ts'
import type { AppendixFile, NewAppendix } from '../store/report-repository.ts'
import { recordChange, type ChangeContext } from './change-record.ts'

export const DEMO_REPORTS_FILE = fileURLToPath(new URL('../../fixtures/scrutiny/reports.json', import.meta.url))

/** The largest file an appendix may be, unless the council configures another: 10 MB. */
export const DEFAULT_MAX_UPLOAD_BYTES = 10 * 1024 * 1024

export type ReportContext = ChangeContext

/** An agenda item with its meeting and, if written, its report and appendices. */
export interface ItemReport {
  meeting: Meeting
  committee: Committee
  item: AgendaItem
  report: Report | null
  appendices: Appendix[]
}

/** A problem with an agenda edit or an appendix, in words for the page. */
export interface AgendaProblem {
  field: string
  message: string
}

/** An appendix as the form asks for one (uploads go through `uploadAppendix`). */
export type AppendixRequest =
  { kind: 'dataset-pack' | 'performance-overview'; datasetId: string; period: string } | { kind: 'glossary' }

interface DemoReports {
  reports: Array<{
    meetingDate: string
    itemTitle: string
    coverSheet: CoverSheet
    appendices: AppendixRequest[]
    /** Papers for the Members' Room only, each a text in fixtures/ stored as the PDF an officer would upload. */
    membersRoomPapers?: Array<{ title: string; file: string }>
  }>
}

function withoutContent(appendix: NewAppendix): Record<string, unknown> {
  if (appendix.kind !== 'upload') return { ...appendix }
  const { content, ...rest } = appendix
  return { ...rest, byteSize: content.length }
}

/**
 * Adds a report item at the end of a meeting's agenda inside the caller's transaction, before "Monitoring scrutiny
 * recommendations" if that is last (seed 001 takes it after the reports), and audits it. Returns the item's id. Also
 * used by the work programme, whose "move onto the agenda" is one transaction with the item's new status.
 */
export async function appendReportItem(
  repos: Repositories,
  meetingId: number,
  item: { title: string; description: string },
  context: ReportContext,
): Promise<number> {
  const { title, description } = item
  const agenda = await repos.meetings.findAgenda(meetingId)
  const last = agenda.at(-1)
  let position = agenda.length + 1
  const id = await repos.meetings.addAgendaItem(meetingId, {
    position,
    kind: 'report',
    title,
    description,
    pages: null,
  })
  // Monitoring scrutiny recommendations is taken after the reports (seed 001): a new report goes before it.
  if (last?.kind === 'monitoring-recommendations') {
    await repos.reports.swapAgendaItems({ id, position }, last)
    position = last.position
  }
  await recordChange(
    repos.audit,
    context,
    'agenda.item.add',
    { type: 'meeting', id: meetingId },
    { after: { id, position, kind: 'report', title, description } },
  )
  return id
}

export function reportService(data: DataAccess, options: { maxUploadBytes?: number } = {}) {
  const maxUploadBytes = options.maxUploadBytes ?? DEFAULT_MAX_UPLOAD_BYTES

  async function titleFor(request: AppendixRequest): Promise<Result<string, AgendaProblem>> {
    if (request.kind === 'glossary') return ok('Glossary of terms')
    if (!isPeriod(request.period) || request.datasetId === '') {
      return failed([{ field: 'month', message: 'Choose a published month' }])
    }
    const published = await data.publications.find(request.datasetId, request.period)
    if (published === null) {
      return failed([
        {
          field: 'month',
          message: `The ${request.datasetId} pack for ${formatPeriodLong(request.period)} has not been published`,
        },
      ])
    }
    if (request.kind === 'performance-overview') {
      if (published.snapshot.overview === null) {
        return failed([
          {
            field: 'month',
            message: `The published ${published.snapshot.datasetTitle} for ${formatPeriodLong(request.period)} has no performance overview`,
          },
        ])
      }
      return ok('Performance overview')
    }
    return ok(`${published.snapshot.datasetTitle} – ${formatPeriodLong(request.period)}`)
  }

  async function addChecked(
    reportId: number,
    appendix: NewAppendix,
    context: ReportContext,
  ): Promise<Result<number, AgendaProblem>> {
    return data.transaction(async (repos) => {
      if ((await repos.reports.find(reportId)) === null) {
        return failed([{ field: 'report', message: 'That report does not exist' }])
      }
      const id = await repos.reports.addAppendix(reportId, appendix)
      await recordChange(
        repos.audit,
        context,
        'report.appendix.add',
        { type: 'report', id: reportId },
        { after: { appendixId: id, ...withoutContent(appendix) } },
      )
      return ok(id)
    })
  }

  return {
    maxUploadBytes,

    /** The item at `position` of a meeting's agenda with its report, or null when there is no such item. */
    async itemReport(meetingId: number, position: number): Promise<ItemReport | null> {
      const meeting = await data.meetings.findMeeting(meetingId)
      if (meeting === null) return null
      const [committee, agenda] = await Promise.all([
        data.meetings.findCommittee(meeting.committeeId),
        data.meetings.findAgenda(meetingId),
      ])
      const item = agenda.find((i) => i.position === position)
      if (committee === null || item === undefined) return null
      const report = await data.reports.findByAgendaItem(item.id)
      const appendices = report === null ? [] : await data.reports.appendices(report.id)
      return { meeting, committee, item, report, appendices }
    },

    /** The path of the page of a report's agenda item (`/meetings/{id}/items/{position}`), or null. */
    async reportLocation(reportId: number): Promise<string | null> {
      const report = await data.reports.find(reportId)
      if (report === null) return null
      const item = await data.reports.agendaItemOf(report.agendaItemId)
      return item === null ? null : `/meetings/${item.meetingId}/items/${item.position}`
    },

    /** A report by its id, with its meeting, committee, agenda item and appendices; null when there is none. */
    async reportById(reportId: number): Promise<(ItemReport & { report: Report }) | null> {
      const report = await data.reports.find(reportId)
      const place = report === null ? null : await data.reports.agendaItemOf(report.agendaItemId)
      if (report === null || place === null) return null
      const meeting = await data.meetings.findMeeting(place.meetingId)
      if (meeting === null) return null
      const [committee, agenda, appendices] = await Promise.all([
        data.meetings.findCommittee(meeting.committeeId),
        data.meetings.findAgenda(meeting.id),
        data.reports.appendices(report.id),
      ])
      const item = agenda.find((i) => i.id === report.agendaItemId)
      if (committee === null || item === undefined) return null
      return { meeting, committee, item, report, appendices }
    },

    /** The ids of a meeting's reports, keyed by the id of the agenda item each is on. */
    async reportIdsByItem(meetingId: number): Promise<Map<number, number>> {
      const ids = new Map<number, number>()
      for (const itemId of await data.reports.agendaItemsWithReports(meetingId)) {
        const report = await data.reports.findByAgendaItem(itemId)
        if (report !== null) ids.set(itemId, report.id)
      }
      return ids
    },

    /** The agenda items of a meeting that have a report, by id. */
    async itemsWithReports(meetingId: number): Promise<Set<number>> {
      return new Set(await data.reports.agendaItemsWithReports(meetingId))
    },

    /** The cover sheet form's values: the report's, or a blank sheet for the item. */
    formValues(view: ItemReport): CoverSheetInput {
      return coverSheetInput(view.report ?? blankCoverSheet(view.item.title, view.meeting.date, view.committee.name))
    },

    /** Writes an agenda item's cover sheet, creating the report the first time. */
    async saveCoverSheet(
      agendaItemId: number,
      input: CoverSheetInput,
      context: ReportContext,
    ): Promise<Result<number, ReportProblem>> {
      const read = readCoverSheet(input)
      if (!read.ok) return read
      return data.transaction(async (repos) => {
        const before = await repos.reports.findByAgendaItem(agendaItemId)
        let id: number
        if (before === null) id = await repos.reports.create(agendaItemId, read.value)
        else {
          id = before.id
          await repos.reports.update(id, read.value)
        }
        await recordChange(
          repos.audit,
          context,
          before === null ? 'report.create' : 'report.update',
          { type: 'report', id },
          { before, after: { id, agendaItemId, ...read.value } },
        )
        return ok(id)
      })
    },

    /** Adds a published pack, the performance overview or the glossary as the report's next appendix. */
    async addAppendix(
      reportId: number,
      request: AppendixRequest,
      context: ReportContext,
    ): Promise<Result<number, AgendaProblem>> {
      const title = await titleFor(request)
      if (!title.ok) return title
      const appendix: NewAppendix =
        request.kind === 'glossary'
          ? { kind: 'glossary', title: title.value }
          : { kind: request.kind, title: title.value, datasetId: request.datasetId, period: request.period }
      return addChecked(reportId, appendix, context)
    },

    /**
     * Checks an uploaded file (by content, and its size) and adds it as the report's next appendix; nothing is
     * stored when it is refused.
     */
    async uploadAppendix(
      reportId: number,
      upload: { fileName: string; bytes: Uint8Array; title: string; membersRoomOnly: boolean },
      context: ReportContext,
    ): Promise<Result<number, UploadProblem | AgendaProblem>> {
      const checked = checkUpload({ fileName: upload.fileName, bytes: upload.bytes, maxBytes: maxUploadBytes })
      if (!checked.ok) return checked
      // A PDF is read as the document pack will read it: one that only starts like a PDF is refused now.
      if (checked.value === UPLOAD_MEDIA_TYPES.pdf) {
        const pdf = await readPdf(upload.bytes, `"${upload.fileName}"`)
        if (!pdf.ok) return failed(pdf.problems.map((message) => ({ field: 'file' as const, message })))
      }
      // Its text, for search, taken out now (a child process, time-limited) so the stored appendix is findable.
      // Empty when it has none (or pdftotext is missing): null is left for appendices never read.
      const textContent = checked.value === UPLOAD_MEDIA_TYPES.pdf ? ((await pdfText(upload.bytes)) ?? '') : null
      const title = upload.title.trim() === '' ? upload.fileName.replace(/\.[a-z0-9]+$/i, '') : upload.title.trim()
      if (title.length > 300) return failed([{ field: 'title', message: 'The title must be 300 characters or fewer' }])
      return addChecked(
        reportId,
        {
          kind: 'upload',
          title,
          membersRoomOnly: upload.membersRoomOnly,
          fileName: upload.fileName,
          mediaType: checked.value,
          sha256: createHash('sha256').update(upload.bytes).digest('hex'),
          content: upload.bytes,
          textContent,
        },
        context,
      )
    },

    /** Removes an appendix; the later ones move up. Returns the removed appendix, or null. */
    async removeAppendix(appendixId: number, context: ReportContext): Promise<Appendix | null> {
      return data.transaction(async (repos) => {
        const before = await repos.reports.findAppendix(appendixId)
        if (before === null) return null
        await repos.reports.removeAppendix(appendixId)
        await recordChange(
          repos.audit,
          context,
          'report.appendix.remove',
          { type: 'report', id: before.reportId },
          { before },
        )
        return before
      })
    },

    async appendix(appendixId: number): Promise<Appendix | null> {
      return data.reports.findAppendix(appendixId)
    },

    /** An uploaded appendix's file with its bytes, or null. */
    async appendixFile(appendixId: number): Promise<AppendixFile | null> {
      return data.reports.appendixFile(appendixId)
    },

    /**
     * Records that a Members' Room appendix (an exempt paper) is being handed over, as the members' edition of a
     * pack and views of children's records are: `report-appendix.members-room.download`, who and which file.
     */
    async recordMembersRoomDownload(file: AppendixFile, seenBy: ChangeContext): Promise<void> {
      await recordChange(
        data.audit,
        seenBy,
        'report-appendix.members-room.download',
        { type: 'report-appendix', id: file.appendixId },
        { reportId: file.reportId, fileName: file.fileName, bytes: file.content.byteLength },
      )
    },

    /** Adds a report item at the end of a meeting's agenda. */
    async addReportItem(
      meetingId: number,
      input: { title: string; description: string },
      context: ReportContext,
    ): Promise<Result<number, AgendaProblem>> {
      const title = input.title.trim()
      const description = input.description.trim()
      const problems: AgendaProblem[] = []
      if (title === '') problems.push({ field: 'title', message: 'Enter the title of the item' })
      if (title.length > 300) problems.push({ field: 'title', message: 'The title must be 300 characters or fewer' })
      if (description.length > 5000) {
        problems.push({ field: 'description', message: 'The description must be 5,000 characters or fewer' })
      }
      if (problems.length > 0) return failed(problems)
      return data.transaction(async (repos) => {
        const meeting = await repos.meetings.findMeeting(meetingId)
        if (meeting === null) return failed([{ field: 'title', message: 'That meeting does not exist' }])
        const id = await appendReportItem(repos, meetingId, { title, description }, context)
        return ok(id)
      })
    },

    /** Moves an agenda item one place up or down; false when there is no such item or nowhere to move. */
    async moveItem(meetingId: number, itemId: number, direction: 'up' | 'down', context: ReportContext) {
      return data.transaction(async (repos) => {
        const agenda = await repos.meetings.findAgenda(meetingId)
        const index = agenda.findIndex((i) => i.id === itemId)
        const other = agenda[direction === 'up' ? index - 1 : index + 1]
        const item = agenda[index]
        if (item === undefined || other === undefined) return false
        await repos.reports.swapAgendaItems(item, other)
        await recordChange(
          repos.audit,
          context,
          'agenda.item.move',
          { type: 'meeting', id: meetingId },
          {
            before: { id: item.id, title: item.title, position: item.position },
            after: { id: item.id, title: item.title, position: other.position },
          },
        )
        return true
      })
    },

    /** Removes an agenda item that has no report; later items move up. */
    async removeItem(meetingId: number, itemId: number, context: ReportContext): Promise<Result<true, AgendaProblem>> {
      return data.transaction(async (repos) => {
        const item = (await repos.meetings.findAgenda(meetingId)).find((i) => i.id === itemId)
        if (item === undefined) return failed([{ field: 'item', message: 'That item is not on this agenda' }])
        if ((await repos.reports.findByAgendaItem(itemId)) !== null) {
          return failed([
            { field: 'item', message: `"${item.title}" has a report: it cannot be removed from the agenda` },
          ])
        }
        await repos.reports.removeAgendaItem(item)
        await recordChange(
          repos.audit,
          context,
          'agenda.item.remove',
          { type: 'meeting', id: meetingId },
          { before: item },
        )
        return ok(true)
      })
    },

    /**
     * Loads the demo reports (seed 001's cover sheet for "Children and Families - Performance", 7 June 2018) onto
     * the demo meetings' items that have none yet. Returns how many it loaded.
     */
    async loadDemoIfEmpty(file: string = DEMO_REPORTS_FILE): Promise<number> {
      const demo = JSON.parse(await readFile(file, 'utf8')) as DemoReports
      let loaded = 0
      for (const entry of demo.reports) {
        const meeting = (await data.meetings.findMeetings({ from: entry.meetingDate, to: entry.meetingDate }))[0]
        if (meeting === undefined) continue
        const item = (await data.meetings.findAgenda(meeting.id)).find((i) => i.title === entry.itemTitle)
        if (item === undefined || (await data.reports.findByAgendaItem(item.id)) !== null) continue
        const papers = await Promise.all(
          (entry.membersRoomPapers ?? []).map(async (paper) => {
            const text = await readFile(new URL(`../../fixtures/${paper.file}`, import.meta.url), 'utf8')
            const content = await textPdf(paper.title, text)
            return {
              kind: 'upload' as const,
              title: paper.title,
              membersRoomOnly: true,
              fileName: paper.file.replace(/\.txt$/, '.pdf'),
              mediaType: UPLOAD_MEDIA_TYPES.pdf,
              sha256: createHash('sha256').update(content).digest('hex'),
              content,
              textContent: text,
            }
          }),
        )
        await data.transaction(async (repos) => {
          const id = await repos.reports.create(item.id, entry.coverSheet)
          // The fixture names packs the demo publishes afterwards: their titles are given here, not looked up.
          for (const appendix of entry.appendices) {
            await repos.reports.addAppendix(
              id,
              appendix.kind === 'glossary'
                ? { kind: 'glossary', title: 'Glossary of terms' }
                : {
                    ...appendix,
                    title:
                      appendix.kind === 'performance-overview'
                        ? 'Performance overview'
                        : `Children and Families Monthly Dataset – ${formatPeriodLong(appendix.period)}`,
                  },
            )
          }
          for (const paper of papers) await repos.reports.addAppendix(id, paper)
          await recordChange(
            repos.audit,
            { actor: 'system (demo council)' },
            'report.create',
            { type: 'report', id },
            { after: { agendaItemId: item.id, subject: entry.coverSheet.subject } },
          )
        })
        loaded++
      }
      return loaded
    },
  }
}

export type ReportService = ReturnType<typeof reportService>

/**
 * The papers of a meeting's Public Document Pack, in agenda order: for the "minutes of the previous meeting" item,
 * the committee's previous meeting's minutes; for "monitoring scrutiny recommendations", the meeting's monitoring
 * report; for each report item, its cover sheet and appendices (uploaded PDFs printed, the published performance
 * overview, the glossary, and the published dataset pack's table and its SPC charts written out); for an item titled
 * "Forward plan / work programme" with no report, the committee's work programme. An item whose paper
 * is not written yet gets a placeholder with its description, so the agenda's page references still work.
 */
import type { GlossaryEntry } from '../domain/glossary.ts'
import { previousMeeting, type AgendaItem } from '../domain/scrutiny/committee.ts'
import type { Appendix } from '../domain/scrutiny/report.ts'
import type { Paper } from '../exporters/document-pack/document-pack.ts'
import { generatedPaper } from '../exporters/document-pack/papers.ts'
import { minutesHtml } from '../exporters/minutes-html.ts'
import { monitoringReportHtml } from '../exporters/monitoring-report-html.ts'
import { publishedPackTableHtml } from '../exporters/published-pack-paper.ts'
import { publishedPackSpcHtml } from '../exporters/published-pack-spc.ts'
import { reportPapers, type AppendixContent } from '../exporters/report-papers.ts'
import { asksForWorkProgramme, workProgrammeHtml } from '../exporters/work-programme-html.ts'
import type { DataAccess } from '../store/data-access.ts'
import type { GlossaryService } from './glossary-service.ts'
import type { MeetingView } from './meeting-service.ts'
import type { MinutesService } from './minutes-service.ts'
import type { PublicationService } from './publication-service.ts'
import type { RecommendationService } from './recommendation-service.ts'
import type { ReportService } from './report-service.ts'

export interface PaperSources {
  minutes: Pick<MinutesService, 'get'>
  reports: Pick<ReportService, 'itemReport' | 'appendixFile'>
  publications: Pick<PublicationService, 'publishedPack'>
  glossary: Pick<GlossaryService, 'list'>
  recommendations: Pick<RecommendationService, 'monitoringReport'>
}

/** Builds `papersFor(view)` over the services that hold minutes, reports and their appendices. */
export function meetingPapers(data: DataAccess, sources: PaperSources) {
  async function contentOf(appendix: Appendix): Promise<AppendixContent> {
    switch (appendix.kind) {
      case 'upload': {
        const file = await sources.reports.appendixFile(appendix.id)
        return file === null ? { appendix, kind: 'none' } : { appendix, kind: 'file', bytes: file.content }
      }
      case 'performance-overview': {
        const overview = (await sources.publications.publishedPack(appendix.datasetId, appendix.period))?.snapshot
          .overview
        return overview == null ? { appendix, kind: 'none' } : { appendix, kind: 'overview', overview }
      }
      case 'glossary':
        return { appendix, kind: 'glossary', entries: await sources.glossary.list() }
      case 'dataset-pack': {
        // The published snapshot's table, as published (disclosure control applied), then its statistical process
        // control charts from the same snapshot; if the month is not published, the paper says where it will be.
        const publication = await sources.publications.publishedPack(appendix.datasetId, appendix.period)
        return publication === null
          ? { appendix, kind: 'none', where: `/datasets/${appendix.datasetId}/${appendix.period}` }
          : {
              appendix,
              kind: 'html',
              html: `${publishedPackTableHtml(publication)}\n${publishedPackSpcHtml(publication)}`,
              landscape: true,
            }
      }
    }
  }

  async function previousMinutes(
    view: MeetingView,
    item: AgendaItem,
    glossary: readonly GlossaryEntry[],
  ): Promise<Paper | null> {
    const previous = previousMeeting(
      await data.meetings.findMeetings({ committeeId: view.committee.id }),
      view.meeting.date,
    )
    const minutes = previous === undefined ? null : await sources.minutes.get(previous.id)
    return minutes === null ? null : { agendaItemId: item.id, title: item.title, html: minutesHtml(minutes, glossary) }
  }

  async function workProgrammePaper(view: MeetingView, item: AgendaItem): Promise<Paper> {
    const [items, meetings] = await Promise.all([
      data.workProgramme.findByCommittee(view.committee.id),
      data.meetings.findMeetings({ committeeId: view.committee.id }),
    ])
    return { agendaItemId: item.id, title: item.title, html: workProgrammeHtml(items, meetings) }
  }

  return async function papersFor(view: MeetingView): Promise<Paper[]> {
    const papers: Paper[] = []
    // Read once for the whole pack: the minutes' and cover sheets' acronyms are marked up to it.
    const glossary = await sources.glossary.list()
    for (const item of view.agenda) {
      if (item.kind === 'previous-minutes') {
        papers.push((await previousMinutes(view, item, glossary)) ?? generatedPaper(item))
      } else if (item.kind === 'monitoring-recommendations') {
        // The same rows as /meetings/{id}/monitoring-report.
        const report = await sources.recommendations.monitoringReport(view.meeting.id)
        papers.push({
          agendaItemId: item.id,
          title: item.title,
          html: monitoringReportHtml(report?.recommendations ?? []),
          landscape: true,
        })
      } else if (item.kind === 'other' && asksForWorkProgramme(item.title)) {
        // "Forward plan / work programme" prints the committee's work programme.
        papers.push(await workProgrammePaper(view, item))
      } else if (item.kind === 'report') {
        const found = await sources.reports.itemReport(view.meeting.id, item.position)
        if (found?.report == null) {
          // A report item of that title with no report written prints the work programme too.
          papers.push(asksForWorkProgramme(item.title) ? await workProgrammePaper(view, item) : generatedPaper(item))
          continue
        }
        const contents = await Promise.all(found.appendices.map(contentOf))
        papers.push(...reportPapers(found.report, found.appendices, contents, glossary, view.meeting.date))
      }
    }
    return papers
  }
}

/**
 * The meeting's page (`/meetings/{id}`): its front sheet and agenda, the Public Document Pack block and the
 * minutes link. One renderer for the page as it is read and as it comes back after a refused publication, so the
 * two never drift apart.
 */
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Services } from '../../services/index.ts'
import type { MeetingView } from '../../services/meeting-service.ts'
import { requestCan } from '../access.ts'
import { documentPackModel, type PackFormState } from '../view-models/document-pack.ts'
import { feedLinks, meetingPageModel } from '../view-models/meeting-pages.ts'
import { minutesLinkModel } from '../view-models/minutes-pages.ts'

/** Renders the meeting's page; `packForm` carries what was sent and why it was refused, if it was. */
export async function renderMeetingPage(
  services: Services,
  request: FastifyRequest,
  reply: FastifyReply,
  view: MeetingView,
  packForm?: PackFormState,
): Promise<FastifyReply> {
  const id = view.meeting.id
  const pack = await services.documentPacks.latest(id)
  const withReports = await services.reports.itemsWithReports(id)
  const minutes = (await services.minutes.get(id))?.minutes ?? null
  const model = meetingPageModel(view)
  const refused = (packForm?.problems.length ?? 0) > 0
  return reply.view('pages/meeting.njk', {
    model: refused ? { ...model, pageTitle: `Error: ${model.pageTitle}` } : model,
    feeds: feedLinks(view.committee),
    // Agenda items with a report link to their cover sheet (src/web/routes/reports.ts).
    itemsHref: `/meetings/${id}/items/`,
    reportPositions: view.agenda.filter((item) => withReports.has(item.id)).map((item) => item.position),
    agendaEditHref: requestCan(request, 'manage-agendas') ? `/meetings/${id}/agenda` : null,
    meetingEditHref: requestCan(request, 'manage-meetings') ? `/meetings/${id}/edit` : null,
    pack: documentPackModel(
      id,
      pack,
      requestCan(request, 'publish-document-packs'),
      packForm,
      requestCan(request, 'view-members-room-papers') ? await services.documentPacks.latestMembersEdition(id) : null,
      { meetingDate: view.meeting.date, today: services.clock.today() },
    ),
    minutes: minutesLinkModel(id, minutes, requestCan(request, 'manage-minutes')),
    // As the minutes record them (each also listed on the member's page it names).
    declarations: minutes?.declarations ?? [],
  })
}

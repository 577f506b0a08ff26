/**
 * Reports and agendas: `/meetings/{id}/items/{position}` (an item's cover sheet and appendices, for everyone),
 * `/reports/appendices/{id}` (an uploaded appendix; Members' Room files only for those who may read them), and for
 * democratic services the cover sheet form (`…/report`), adding, uploading and removing appendices, and the agenda
 * editor (`/meetings/{id}/agenda`). Uploads are multipart, accepted on that one route, within the size limit.
 */
import fastifyMultipart from '@fastify/multipart'
import type { FastifyPluginCallback, FastifyReply, FastifyRequest } from 'fastify'
import { MEMBERS_ROOM_READERS, type CoverSheetInput, type ReportProblem } from '../../domain/scrutiny/report.ts'
import type { Services } from '../../services/index.ts'
import type { ItemReport } from '../../services/report-service.ts'
import { actorOf, forbidden, requestCan } from '../access.ts'
import { formField, positiveId, readFormDate, withDateProblem } from '../request-input.ts'
import { longDate } from '../../domain/calendar/days.ts'
import {
  agendaEditorModel,
  COVER_SHEET_FIELDS,
  readAppendixMonth,
  reportFormModel,
  reportPageModel,
  type AppendixValues,
  type UploadValues,
} from '../view-models/report-pages.ts'

type ItemParams = { Params: { id: string; position: string } }

/** A file part of a multipart form, as the upload route reads it. */
interface UploadedPart {
  fileName: string
  bytes: Buffer
}

function isUploadedPart(value: unknown): value is UploadedPart {
  return typeof value === 'object' && value !== null && 'bytes' in value && Buffer.isBuffer(value.bytes)
}

/** A name safe for a Content-Disposition header, with the real name in `filename*`. */
function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\]/g, '_')
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`
}

export function reportRoutes(services: Services): FastifyPluginCallback {
  const papers = { access: 'view-published-papers' } as const
  const agendas = { access: 'manage-agendas' } as const
  const context = (request: FastifyRequest) => ({ actor: actorOf(request), correlationId: request.id })

  async function itemOf(request: FastifyRequest<ItemParams>): Promise<ItemReport | null> {
    const meetingId = positiveId(request.params.id)
    const position = positiveId(request.params.position)
    if (meetingId === null || position === null) return null
    return services.reports.itemReport(meetingId, position)
  }

  async function renderForm(
    reply: FastifyReply,
    view: ItemReport,
    values: CoverSheetInput,
    problems: readonly ReportProblem[],
    upload?: UploadValues,
    appendix: AppendixValues = { kind: '', month: '' },
  ): Promise<FastifyReply> {
    // Every published month of every dataset, to choose an appendix from (only once the report exists).
    const months = view.report === null ? [] : await services.publications.publishedMonths()
    return reply.view('pages/report-form.njk', {
      model: reportFormModel(view, values, problems, services.reports.maxUploadBytes, upload, {
        months,
        values: appendix,
      }),
    })
  }

  /** Re-shows the form with the report's saved values and an appendix problem (and what the forms sent). */
  function renderAppendixProblem(
    reply: FastifyReply,
    view: ItemReport,
    problems: readonly ReportProblem[],
    upload?: UploadValues,
    appendix?: AppendixValues,
  ) {
    return renderForm(reply.code(400), view, services.reports.formValues(view), problems, upload, appendix)
  }

  async function renderAgenda(
    reply: FastifyReply,
    meetingId: number,
    values: { title: string; description: string },
    problems: readonly ReportProblem[],
  ): Promise<FastifyReply> {
    const view = await services.meetings.getMeeting(meetingId)
    if (view === null) {
      reply.callNotFound()
      return reply
    }
    const withReports = await services.reports.itemsWithReports(meetingId)
    const title = `${view.committee.name}, ${longDate(view.meeting.date)}`
    return reply.view('pages/agenda-editor.njk', {
      model: agendaEditorModel(meetingId, title, view.agenda, withReports, values, problems),
    })
  }

  return (app, _options, done) => {
    app.get<ItemParams>('/meetings/:id/items/:position', { config: papers }, async (request, reply) => {
      const view = await itemOf(request)
      if (view === null) return reply.callNotFound()
      return reply.view('pages/report.njk', {
        model: reportPageModel(view, {
          canEdit: requestCan(request, 'manage-agendas'),
          canSeeMembersRoom: requestCan(request, 'view-members-room-papers'),
          glossary: await services.glossary.list(),
        }),
      })
    })

    app.get<{ Params: { id: string } }>('/reports/appendices/:id', { config: papers }, async (request, reply) => {
      const id = positiveId(request.params.id)
      const file = id === null ? null : await services.reports.appendixFile(id)
      if (file === null) return reply.callNotFound()
      if (file.membersRoomOnly && !requestCan(request, 'view-members-room-papers')) {
        // As the access hook does: someone not signed in signs in and comes back; anyone else is refused.
        if (request.user === null) {
          return reply.redirect(`/sign-in?returnTo=${encodeURIComponent(request.url)}`, 303)
        }
        const report = await services.reports.reportById(file.reportId)
        return forbidden(
          reply,
          `This appendix is a Members' Room document: only ${MEMBERS_ROOM_READERS} may read it.`,
          report === null ? undefined : { href: `/meetings/${report.meeting.id}`, text: 'go back to the meeting' },
        )
      }
      if (file.membersRoomOnly) {
        await services.reports.recordMembersRoomDownload(file, context(request))
      }
      return reply
        .type(file.mediaType)
        .header('content-disposition', contentDisposition(file.fileName))
        .header('cache-control', 'private, no-store')
        .send(Buffer.from(file.content))
    })

    app.get<ItemParams>('/meetings/:id/items/:position/report', { config: agendas }, async (request, reply) => {
      const view = await itemOf(request)
      if (view === null) return reply.callNotFound()
      return renderForm(reply, view, services.reports.formValues(view), [])
    })

    app.post<ItemParams>('/meetings/:id/items/:position/report', { config: agendas }, async (request, reply) => {
      const view = await itemOf(request)
      if (view === null) return reply.callNotFound()
      // The date of decision comes as a date input's three boxes; the typed boxes stay beside the values to show again.
      const date = readFormDate(request.body, 'dateOfDecision', 'Date of decision')
      const values = {
        ...Object.fromEntries(COVER_SHEET_FIELDS.map((field) => [field.name, formField(request.body, field.name)])),
        ...date.values,
      } as CoverSheetInput
      const result = await services.reports.saveCoverSheet(view.item.id, values, context(request))
      if (!result.ok) {
        return renderForm(
          reply.code(400),
          view,
          values,
          withDateProblem(result.problems, 'dateOfDecision', date.problem),
        )
      }
      return reply.redirect(`/meetings/${view.meeting.id}/items/${view.item.position}/report#appendices`, 303)
    })

    app.post<ItemParams>('/meetings/:id/items/:position/appendices', { config: agendas }, async (request, reply) => {
      const view = await itemOf(request)
      if (view === null) return reply.callNotFound()
      if (view.report === null) {
        return renderAppendixProblem(reply, view, [
          { field: 'kind', message: 'Save the cover sheet before adding appendices' },
        ])
      }
      const sent: AppendixValues = { kind: formField(request.body, 'kind'), month: formField(request.body, 'month') }
      const { kind } = sent
      if (kind !== 'dataset-pack' && kind !== 'performance-overview' && kind !== 'glossary') {
        return renderAppendixProblem(
          reply,
          view,
          [{ field: 'kind', message: 'Choose what to add as an appendix' }],
          undefined,
          sent,
        )
      }
      const month = readAppendixMonth(sent.month)
      if (kind !== 'glossary' && month === null) {
        return renderAppendixProblem(
          reply,
          view,
          [{ field: 'month', message: 'Choose a published month' }],
          undefined,
          sent,
        )
      }
      const result = await services.reports.addAppendix(
        view.report.id,
        kind === 'glossary' || month === null ? { kind: 'glossary' } : { kind, ...month },
        context(request),
      )
      if (!result.ok) return renderAppendixProblem(reply, view, result.problems, undefined, sent)
      return reply.redirect(`/meetings/${view.meeting.id}/items/${view.item.position}/report#appendices`, 303)
    })

    // Multipart is accepted on the upload route only, within the size limit (one byte over, so an oversize file is
    // seen, refused by the check and nothing stored).
    app.register(async (scope) => {
      // Refused before the body is read, so nobody who may not upload can make the server hold a file. The same
      // answer the access hook would give a POST (src/web/access.ts), only earlier.
      scope.addHook('onRequest', async (request, reply) => {
        if (!requestCan(request, 'manage-agendas')) {
          return forbidden(reply, request.user === null ? 'Sign in to do this.' : undefined)
        }
        return undefined
      })
      await scope.register(fastifyMultipart, {
        attachFieldsToBody: 'keyValues',
        throwFileSizeLimit: false,
        limits: { fileSize: services.reports.maxUploadBytes + 1, files: 1, fields: 10, fieldSize: 10_000 },
        async onFile(part) {
          const chunks: Buffer[] = []
          for await (const chunk of part.file) chunks.push(chunk as Buffer)
          ;(part as unknown as { value: UploadedPart }).value = {
            fileName: part.filename,
            bytes: Buffer.concat(chunks),
          }
        },
      })
      scope.post<ItemParams>(
        '/meetings/:id/items/:position/appendices/upload',
        { config: agendas },
        async (request, reply) => {
          const view = await itemOf(request)
          if (view === null) return reply.callNotFound()
          if (view.report === null) {
            return renderAppendixProblem(reply, view, [
              { field: 'file', message: 'Save the cover sheet before adding appendices' },
            ])
          }
          const file = (request.body as Record<string, unknown> | undefined)?.file
          // What was typed and ticked comes back with any problem, so nobody types it twice.
          const sent: UploadValues = {
            title: formField(request.body, 'title'),
            membersRoomOnly: formField(request.body, 'membersRoomOnly') === 'yes',
          }
          if (!request.isMultipart() || !isUploadedPart(file)) {
            return renderAppendixProblem(reply, view, [{ field: 'file', message: 'Choose a file to upload' }], sent)
          }
          const result = await services.reports.uploadAppendix(
            view.report.id,
            { fileName: file.fileName, bytes: new Uint8Array(file.bytes), ...sent },
            context(request),
          )
          if (!result.ok) return renderAppendixProblem(reply, view, result.problems, sent)
          return reply.redirect(`/meetings/${view.meeting.id}/items/${view.item.position}/report#appendices`, 303)
        },
      )
    })

    app.post<{ Params: { id: string } }>(
      '/reports/appendices/:id/remove',
      { config: agendas },
      async (request, reply) => {
        const id = positiveId(request.params.id)
        const appendix = id === null ? null : await services.reports.appendix(id)
        if (appendix === null || id === null) return reply.callNotFound()
        await services.reports.removeAppendix(id, context(request))
        const report = await services.reports.reportLocation(appendix.reportId)
        return reply.redirect(report === null ? '/meetings' : `${report}/report#appendices`, 303)
      },
    )

    app.get<{ Params: { id: string } }>('/meetings/:id/agenda', { config: agendas }, async (request, reply) => {
      const id = positiveId(request.params.id)
      if (id === null) return reply.callNotFound()
      return renderAgenda(reply, id, { title: '', description: '' }, [])
    })

    app.post<{ Params: { id: string } }>('/meetings/:id/agenda/items', { config: agendas }, async (request, reply) => {
      const id = positiveId(request.params.id)
      if (id === null || (await services.meetings.getMeeting(id)) === null) return reply.callNotFound()
      const values = { title: formField(request.body, 'title'), description: formField(request.body, 'description') }
      const result = await services.reports.addReportItem(id, values, context(request))
      if (!result.ok) return renderAgenda(reply.code(400), id, values, result.problems)
      return reply.redirect(`/meetings/${id}/agenda`, 303)
    })

    type AgendaItemParams = { Params: { id: string; item: string } }
    app.post<AgendaItemParams>('/meetings/:id/agenda/items/:item/move', { config: agendas }, async (request, reply) => {
      const id = positiveId(request.params.id)
      const item = positiveId(request.params.item)
      if (id === null || item === null) return reply.callNotFound()
      const direction = formField(request.body, 'direction')
      if (direction !== 'up' && direction !== 'down') {
        return renderAgenda(reply.code(400), id, { title: '', description: '' }, [
          { field: 'title', message: 'Choose whether to move the item up or down' },
        ])
      }
      const moved = await services.reports.moveItem(id, item, direction, context(request))
      if (!moved) {
        return renderAgenda(reply.code(400), id, { title: '', description: '' }, [
          { field: 'title', message: `That item cannot move ${direction}` },
        ])
      }
      return reply.redirect(`/meetings/${id}/agenda`, 303)
    })

    app.post<AgendaItemParams>(
      '/meetings/:id/agenda/items/:item/remove',
      { config: agendas },
      async (request, reply) => {
        const id = positiveId(request.params.id)
        const item = positiveId(request.params.item)
        if (id === null || item === null) return reply.callNotFound()
        const result = await services.reports.removeItem(id, item, context(request))
        if (!result.ok) return renderAgenda(reply.code(400), id, { title: '', description: '' }, result.problems)
        return reply.redirect(`/meetings/${id}/agenda`, 303)
      },
    )
    done()
  }
}

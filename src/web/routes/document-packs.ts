/**
 * The Public Document Pack of a meeting: `POST /meetings/{id}/pack` queues a job that builds and publishes a new
 * version (democratic services; they follow it at /jobs/{id}), `GET /meetings/{id}/pack.pdf` serves the latest published version to anyone, and
 * `GET /meetings/{id}/members-pack.pdf` its Members' Room edition to those who may see Members' Room papers.
 */
import type { FastifyPluginCallback, FastifyReply, FastifyRequest } from 'fastify'
import { packFileName } from '../../domain/scrutiny/document-pack.ts'
import type { DocumentPackProblem } from '../../services/document-pack-service.ts'
import type { Services } from '../../services/index.ts'
import { actorOf } from '../access.ts'
import { renderMeetingPage } from './meeting-page.ts'
import { formField, positiveId } from '../request-input.ts'

export function documentPackRoutes(services: Services): FastifyPluginCallback {
  /** The meeting page with the pack block; with problems when publishing was refused. */
  async function renderMeeting(
    request: FastifyRequest,
    reply: FastifyReply,
    id: number,
    note: string,
    problems: readonly DocumentPackProblem[],
  ): Promise<FastifyReply> {
    const view = await services.meetings.getMeeting(id)
    if (view === null) {
      reply.callNotFound()
      return reply
    }
    return renderMeetingPage(services, request, reply, view, { note, problems })
  }

  return (app, _options, done) => {
    app.post<{ Params: { id: string } }>(
      '/meetings/:id/pack',
      { config: { access: 'publish-document-packs' } },
      async (request, reply) => {
        const id = positiveId(request.params.id)
        if (id === null) return reply.callNotFound()
        const note = formField(request.body, 'note')
        // Printing a long pack takes a while: check what can be checked now, then print it as a job.
        const result = await services.documentPacks.checkPublish(id, { note })
        if (!result.ok) {
          if (result.problems.some((p) => p.field === 'meeting') && (await services.meetings.getMeeting(id)) === null) {
            return reply.callNotFound()
          }
          // No printer is the server's problem, not the officer's: 503, and the log says what to install.
          const printer = result.problems.find((p) => p.field === 'printer')
          if (printer !== undefined) request.log.error({ meetingId: id }, printer.message)
          return renderMeeting(request, reply.code(printer === undefined ? 400 : 503), id, note, result.problems)
        }
        const job = await services.jobs.enqueue(
          {
            kind: 'document-pack.publish',
            title: result.value.title,
            // One version at a time per meeting: two officers pressing at once get versions n and n + 1, in order.
            queue: `meeting:${id}`,
            payload: { meetingId: id, note },
          },
          { actor: actorOf(request), correlationId: request.id },
        )
        return reply.redirect(`/jobs/${job.id}`, 303)
      },
    )

    app.get<{ Params: { id: string } }>(
      '/meetings/:id/pack.pdf',
      { config: { access: 'view-published-papers' } },
      async (request, reply) => {
        const id = positiveId(request.params.id)
        const view = id === null ? null : await services.meetings.getMeeting(id)
        const latest = view === null ? null : await services.documentPacks.latestPdf(view.meeting.id)
        if (view === null || latest === null) return reply.callNotFound()
        const name = packFileName(view.committee.slug, view.meeting.date, latest.pack.version)
        return reply
          .type('application/pdf')
          .header('content-disposition', `inline; filename="${name}"`)
          .header('cache-control', 'no-cache')
          .send(Buffer.from(latest.pdf.buffer, latest.pdf.byteOffset, latest.pdf.byteLength))
      },
    )

    app.get<{ Params: { id: string } }>(
      '/meetings/:id/members-pack.pdf',
      { config: { access: 'view-members-room-papers' } },
      async (request, reply) => {
        const id = positiveId(request.params.id)
        const view = id === null ? null : await services.meetings.getMeeting(id)
        const latest =
          view === null
            ? null
            : await services.documentPacks.latestMembersPdf(view.meeting.id, {
                actor: actorOf(request),
                correlationId: request.id,
              })
        if (view === null || latest === null) return reply.callNotFound()
        const name = packFileName(view.committee.slug, view.meeting.date, latest.pack.version, 'members')
        return reply
          .type('application/pdf')
          .header('content-disposition', `inline; filename="${name}"`)
          .header('cache-control', 'private, no-store')
          .send(Buffer.from(latest.pdf.buffer, latest.pdf.byteOffset, latest.pdf.byteLength))
      },
    )
    done()
  }
}

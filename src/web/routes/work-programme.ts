/**
 * Committees' work programmes: `/committees/{id}/work-programme` (everyone), and for democratic services
 * `/committees/{id}/work-programme/new` and `/committees/{id}/work-programme/{item}/agenda` (move an item onto its
 * meeting's agenda).
 */
import type { FastifyPluginCallback, FastifyReply, FastifyRequest } from 'fastify'
import type { Committee } from '../../domain/scrutiny/committee.ts'
import type { WorkProgrammeProblem } from '../../domain/scrutiny/work-programme.ts'
import type { Services } from '../../services/index.ts'
import { actorOf, requestCan } from '../access.ts'
import { formField, positiveId } from '../request-input.ts'
import { workProgrammeFormModel, workProgrammePageModel } from '../view-models/work-programme-pages.ts'

type WithId = { Params: { id: string } }
type WithItem = { Params: { id: string; item: string } }
const FIELDS = ['title', 'purpose', 'leadOfficer', 'meeting', 'month'] as const

export function workProgrammeRoutes(services: Services): FastifyPluginCallback {
  const papers = { access: 'view-published-papers' } as const
  const agendas = { access: 'manage-agendas' } as const
  const contextOf = (request: FastifyRequest) => ({ actor: actorOf(request), correlationId: request.id })

  async function committeeOf(id: string): Promise<Committee | null> {
    const committeeId = positiveId(id)
    return committeeId === null ? null : services.committees.get(committeeId)
  }

  async function renderPage(
    request: FastifyRequest,
    reply: FastifyReply,
    committee: Committee,
    options: { problems?: WorkProgrammeProblem[]; refusedItem?: number } = {},
  ) {
    const [items, meetings] = await Promise.all([
      services.workProgramme.list(committee.id),
      services.meetings.allMeetings(),
    ])
    const own = meetings.filter((e) => e.committee.id === committee.id).map((e) => e.meeting)
    return reply.view('pages/work-programme.njk', {
      model: workProgrammePageModel(committee, items, own, {
        canManage: requestCan(request, 'manage-agendas'),
        ...options,
      }),
    })
  }

  async function renderForm(
    reply: FastifyReply,
    committee: Committee,
    values: Record<string, string>,
    problems: WorkProgrammeProblem[],
  ) {
    const meetings = await services.workProgramme.plannableMeetings(committee.id)
    return reply.view('pages/work-programme-form.njk', {
      model: workProgrammeFormModel(committee, meetings, values, problems),
    })
  }

  return (app, _options, done) => {
    app.get<WithId>('/committees/:id/work-programme', { config: papers }, async (request, reply) => {
      const committee = await committeeOf(request.params.id)
      if (committee === null) return reply.callNotFound()
      return renderPage(request, reply, committee)
    })

    app.get<WithId>('/committees/:id/work-programme/new', { config: agendas }, async (request, reply) => {
      const committee = await committeeOf(request.params.id)
      if (committee === null) return reply.callNotFound()
      return renderForm(reply, committee, {}, [])
    })

    app.post<WithId>('/committees/:id/work-programme/new', { config: agendas }, async (request, reply) => {
      const committee = await committeeOf(request.params.id)
      if (committee === null) return reply.callNotFound()
      const values = Object.fromEntries(FIELDS.map((f) => [f, formField(request.body, f)])) as Record<
        (typeof FIELDS)[number],
        string
      >
      const result = await services.workProgramme.add(committee.id, values, contextOf(request))
      if (!result.ok) return renderForm(reply.code(400), committee, values, result.problems)
      return reply.redirect(`/committees/${committee.id}/work-programme#item-${result.value}`, 303)
    })

    app.post<WithItem>('/committees/:id/work-programme/:item/agenda', { config: agendas }, async (request, reply) => {
      const committee = await committeeOf(request.params.id)
      const itemId = positiveId(request.params.item)
      if (committee === null || itemId === null) return reply.callNotFound()
      const item = (await services.workProgramme.list(committee.id)).find((i) => i.id === itemId)
      if (item === undefined) return reply.callNotFound()
      const result = await services.workProgramme.moveOntoAgenda(itemId, contextOf(request))
      if (!result.ok) {
        return renderPage(request, reply.code(400), committee, { problems: result.problems, refusedItem: itemId })
      }
      return reply.redirect(`/meetings/${result.value}/agenda`, 303)
    })
    done()
  }
}

/**
 * Committees' work programmes: `/committees/{id}/work-programme` (everyone), and for democratic services
 * `/committees/{id}/work-programme/new`, and for an item `…/{item}/edit`, `…/{item}/defer`, `…/{item}/done`,
 * `…/{item}/planned` (a deferred item back to planned) and `…/{item}/agenda` (move it onto its meeting's agenda).
 * Each change redirects to the programme with a success banner.
 */
import type { FastifyPluginCallback, FastifyReply, FastifyRequest } from 'fastify'
import type { Committee } from '../../domain/scrutiny/committee.ts'
import type { WorkProgrammeItem, WorkProgrammeProblem } from '../../domain/scrutiny/work-programme.ts'
import type { Services } from '../../services/index.ts'
import { actorOf, requestCan } from '../access.ts'
import { formField, positiveId } from '../request-input.ts'
import { doneUrl, type Done } from '../success-banners.ts'
import {
  plannedText,
  workProgrammeDeferModel,
  workProgrammeFormModel,
  workProgrammePageModel,
} from '../view-models/work-programme-pages.ts'

type WithId = { Params: { id: string } }
type WithItem = { Params: { id: string; item: string } }
const FIELDS = ['title', 'purpose', 'leadOfficer', 'meeting', 'month'] as const
const DEFER_FIELDS = ['meeting', 'month', 'reason'] as const

function fieldsOf<F extends string>(body: unknown, fields: readonly F[]): Record<F, string> {
  return Object.fromEntries(fields.map((f) => [f, formField(body, f)])) as Record<F, string>
}

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

  /** The committee's meetings: those to come, and (when changing an item) the item's own even if it has passed. */
  async function meetingsFor(committee: Committee, item?: WorkProgrammeItem) {
    const plannable = await services.workProgramme.plannableMeetings(committee.id)
    if (item?.meetingId == null || plannable.some((m) => m.id === item.meetingId)) return plannable
    const own = (await services.meetings.allMeetings()).find((e) => e.meeting.id === item.meetingId)?.meeting
    return own === undefined ? plannable : [own, ...plannable]
  }

  async function renderForm(
    reply: FastifyReply,
    committee: Committee,
    values: Record<string, string>,
    problems: WorkProgrammeProblem[],
    item?: WorkProgrammeItem,
  ) {
    return reply.view('pages/work-programme-form.njk', {
      model: workProgrammeFormModel(committee, await meetingsFor(committee, item), values, problems, item),
    })
  }

  async function renderDefer(
    reply: FastifyReply,
    committee: Committee,
    item: WorkProgrammeItem,
    values: Record<string, string>,
    problems: WorkProgrammeProblem[],
  ) {
    const all = (await services.meetings.allMeetings()).map((e) => e.meeting)
    const when = plannedText(item, all)
    return reply.view('pages/work-programme-defer.njk', {
      model: workProgrammeDeferModel(
        committee,
        { ...item, when },
        await services.workProgramme.plannableMeetings(committee.id),
        values,
        problems,
      ),
    })
  }

  /** The committee and its item named in the address, or null (a 404) when either is not there. */
  async function itemOf(params: WithItem['Params']) {
    const committee = await committeeOf(params.id)
    const itemId = positiveId(params.item)
    if (committee === null || itemId === null) return null
    const item = await services.workProgramme.item(committee.id, itemId)
    return item === null ? null : { committee, item }
  }

  const afterChange = (reply: FastifyReply, committee: Committee, itemId: number, done: Done) =>
    reply.redirect(doneUrl(`/committees/${committee.id}/work-programme#item-${itemId}`, done), 303)

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
      const values = fieldsOf(request.body, FIELDS)
      const result = await services.workProgramme.add(committee.id, values, contextOf(request))
      if (!result.ok) return renderForm(reply.code(400), committee, values, result.problems)
      return afterChange(reply, committee, result.value, 'work-programme-added')
    })

    app.get<WithItem>('/committees/:id/work-programme/:item/edit', { config: agendas }, async (request, reply) => {
      const found = await itemOf(request.params)
      if (found === null) return reply.callNotFound()
      const { committee, item } = found
      const values = {
        title: item.title,
        purpose: item.purpose,
        leadOfficer: item.leadOfficer,
        meeting: item.meetingId === null ? '' : String(item.meetingId),
        month: item.plannedMonth ?? '',
      }
      return renderForm(reply, committee, values, [], item)
    })

    app.post<WithItem>('/committees/:id/work-programme/:item/edit', { config: agendas }, async (request, reply) => {
      const found = await itemOf(request.params)
      if (found === null) return reply.callNotFound()
      const { committee, item } = found
      const values = fieldsOf(request.body, FIELDS)
      const result = await services.workProgramme.edit(committee.id, item.id, values, contextOf(request))
      if (!result.ok) return renderForm(reply.code(400), committee, values, result.problems, item)
      return afterChange(reply, committee, item.id, 'work-programme-saved')
    })

    app.get<WithItem>('/committees/:id/work-programme/:item/defer', { config: agendas }, async (request, reply) => {
      const found = await itemOf(request.params)
      if (found === null) return reply.callNotFound()
      return renderDefer(reply, found.committee, found.item, { meeting: '', month: '', reason: '' }, [])
    })

    app.post<WithItem>('/committees/:id/work-programme/:item/defer', { config: agendas }, async (request, reply) => {
      const found = await itemOf(request.params)
      if (found === null) return reply.callNotFound()
      const { committee, item } = found
      const values = fieldsOf(request.body, DEFER_FIELDS)
      const result = await services.workProgramme.defer(committee.id, item.id, values, contextOf(request))
      if (!result.ok) return renderDefer(reply.code(400), committee, item, values, result.problems)
      return afterChange(reply, committee, item.id, 'work-programme-deferred')
    })

    for (const [step, done] of [
      ['done', 'work-programme-done'],
      ['planned', 'work-programme-replanned'],
    ] as const) {
      app.post<WithItem>(
        `/committees/:id/work-programme/:item/${step}`,
        { config: agendas },
        async (request, reply) => {
          const found = await itemOf(request.params)
          if (found === null) return reply.callNotFound()
          const { committee, item } = found
          const result =
            step === 'done'
              ? await services.workProgramme.markDone(committee.id, item.id, contextOf(request))
              : await services.workProgramme.replan(committee.id, item.id, contextOf(request))
          if (!result.ok) {
            return renderPage(request, reply.code(400), committee, { problems: result.problems, refusedItem: item.id })
          }
          return afterChange(reply, committee, item.id, done)
        },
      )
    }

    app.post<WithItem>('/committees/:id/work-programme/:item/agenda', { config: agendas }, async (request, reply) => {
      const found = await itemOf(request.params)
      if (found === null) return reply.callNotFound()
      const { committee, item } = found
      const result = await services.workProgramme.moveOntoAgenda(item.id, contextOf(request))
      if (!result.ok) {
        return renderPage(request, reply.code(400), committee, { problems: result.problems, refusedItem: item.id })
      }
      return reply.redirect(`/meetings/${result.value}/agenda`, 303)
    })
    done()
  }
}

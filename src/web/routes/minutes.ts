/**
 * Minutes of meetings: `/meetings/{id}/minutes` (everyone), and for democratic services `/meetings/{id}/minutes/edit`
 * (who was present, apologies, officers, declarations), `/meetings/{id}/minutes/items/new` and
 * `/meetings/{id}/minutes/items/{number}/edit` (the numbered minutes), `/meetings/{id}/minutes/approve` and
 * `/meetings/{id}/minutes/items/{number}/recommendation` (a resolution into the recommendations tracker).
 */
import type { FastifyPluginCallback, FastifyReply, FastifyRequest } from 'fastify'
import type { MinuteItemInput, MinutesProblem } from '../../domain/scrutiny/minutes.ts'
import type { Services } from '../../services/index.ts'
import { actorOf, requestCan } from '../access.ts'
import {
  minuteItemFormModel,
  minuteItemFormValues,
  minutesFormModel,
  minutesFormValues,
  minutesPageModel,
} from '../view-models/minutes-pages.ts'
import { formField, positiveId } from '../request-input.ts'

type WithId = { Params: { id: string } }
type WithNumber = { Params: { id: string; number: string } }

const ITEM_FIELDS = ['title', 'text', 'resolved', 'inTheChair', 'agendaItem'] as const

function itemInput(body: unknown): MinuteItemInput {
  return {
    title: formField(body, 'title'),
    text: formField(body, 'text'),
    resolved: formField(body, 'resolved'),
    inTheChair: formField(body, 'inTheChair'),
    agendaItem: formField(body, 'agendaItem').trim(),
  }
}

export function minutesRoutes(services: Services): FastifyPluginCallback {
  const papers = { access: 'view-published-papers' } as const
  const manage = { access: 'manage-minutes' } as const
  const contextOf = (request: FastifyRequest) => ({ actor: actorOf(request), correlationId: request.id })

  async function renderMinutes(
    request: FastifyRequest,
    reply: FastifyReply,
    meetingId: number,
    options: {
      chosenMeeting?: string
      problems?: MinutesProblem[]
      recommendationMinute?: number
      leadOfficer?: string
    } = {},
  ) {
    const view = await services.minutes.get(meetingId)
    if (view === null) return reply.callNotFound()
    const canManage = requestCan(request, 'manage-minutes')
    const approvingMeetings = canManage
      ? await services.minutes.approvingMeetings(meetingId, services.clock.today())
      : []
    const glossary = await services.glossary.list()
    const recommendations = (await services.recommendations.list()).filter((r) => r.meetingId === meetingId)
    return reply.view('pages/minutes.njk', {
      model: minutesPageModel(view, { canManage, approvingMeetings, glossary, recommendations, ...options }),
    })
  }

  async function renderForm(
    reply: FastifyReply,
    meetingId: number,
    values: Record<string, string> | null,
    problems: MinutesProblem[],
  ) {
    const meeting = await services.meetings.getMeeting(meetingId)
    if (meeting === null) return reply.callNotFound()
    const minutes = (await services.minutes.get(meetingId))?.minutes ?? null
    return reply.view('pages/minutes-form.njk', {
      model: minutesFormModel(meeting.meeting, meeting.committee, {
        isNew: minutes === null,
        approved: minutes?.status === 'approved',
        values: values ?? minutesFormValues(minutes, meeting.committee),
        problems,
      }),
    })
  }

  async function renderItemForm(
    reply: FastifyReply,
    meetingId: number,
    number: number | null,
    values: Record<string, string> | null,
    problems: MinutesProblem[],
  ) {
    const meeting = await services.meetings.getMeeting(meetingId)
    if (meeting === null) return reply.callNotFound()
    const minutes = (await services.minutes.get(meetingId))?.minutes ?? null
    if (minutes === null) return reply.redirect(`/meetings/${meetingId}/minutes/edit`, 303)
    const item = number === null ? null : minutes.items.find((i) => i.number === number)
    if (item === undefined) return reply.callNotFound()
    return reply.view('pages/minute-item-form.njk', {
      model: minuteItemFormModel(meeting.meeting, meeting.committee, meeting.agenda, {
        number,
        approved: minutes.status === 'approved',
        values: values ?? minuteItemFormValues(item),
        problems,
      }),
    })
  }

  function itemValues(body: unknown): Record<string, string> {
    return Object.fromEntries(ITEM_FIELDS.map((name) => [name, formField(body, name)]))
  }

  function minuteNumber(text: string): number | null {
    return positiveId(text)
  }

  return (app, _options, done) => {
    app.get<WithId>('/meetings/:id/minutes', { config: papers }, async (request, reply) => {
      const id = positiveId(request.params.id)
      if (id === null) return reply.callNotFound()
      return renderMinutes(request, reply, id)
    })

    app.get<WithId>('/meetings/:id/minutes/edit', { config: manage }, async (request, reply) => {
      const id = positiveId(request.params.id)
      if (id === null) return reply.callNotFound()
      return renderForm(reply, id, null, [])
    })

    app.post<WithId>('/meetings/:id/minutes/edit', { config: manage }, async (request, reply) => {
      const id = positiveId(request.params.id)
      if (id === null || (await services.meetings.getMeeting(id)) === null) return reply.callNotFound()
      const values = Object.fromEntries(
        ['present', 'apologies', 'officers', 'declarations'].map((n) => [n, formField(request.body, n)]),
      ) as { present: string; apologies: string; officers: string; declarations: string }
      // The form sends each of the committee's members' choice; a form without them (older clients) only the lists.
      const memberCount = formField(request.body, 'memberCount')
      const count = /^\d{1,3}$/.test(memberCount) ? Number(memberCount) : null
      const members =
        count === null
          ? undefined
          : Array.from({ length: count }, (_, i) => ({
              attendance: formField(request.body, `attendance-${i}`),
              substitute: formField(request.body, `substitute-${i}`),
            }))
      for (let i = 0; i < (count ?? 0); i++) {
        Object.assign(values, {
          [`attendance-${i}`]: formField(request.body, `attendance-${i}`),
          [`substitute-${i}`]: formField(request.body, `substitute-${i}`),
        })
      }
      const result = await services.minutes.saveDraft(
        id,
        { ...values, ...(members === undefined ? {} : { members }) },
        contextOf(request),
      )
      if (!result.ok) return renderForm(reply.code(400), id, { ...values, memberCount }, result.problems)
      return reply.redirect(`/meetings/${id}/minutes`, 303)
    })

    app.get<WithId>('/meetings/:id/minutes/items/new', { config: manage }, async (request, reply) => {
      const id = positiveId(request.params.id)
      if (id === null) return reply.callNotFound()
      return renderItemForm(reply, id, null, null, [])
    })

    app.post<WithId>('/meetings/:id/minutes/items/new', { config: manage }, async (request, reply) => {
      const id = positiveId(request.params.id)
      if (id === null || (await services.meetings.getMeeting(id)) === null) return reply.callNotFound()
      const result = await services.minutes.addItem(id, itemInput(request.body), contextOf(request))
      if (!result.ok) return renderItemForm(reply.code(400), id, null, itemValues(request.body), result.problems)
      return reply.redirect(`/meetings/${id}/minutes#minute-${result.value}`, 303)
    })

    app.get<WithNumber>('/meetings/:id/minutes/items/:number/edit', { config: manage }, async (request, reply) => {
      const id = positiveId(request.params.id)
      const number = minuteNumber(request.params.number)
      if (id === null || number === null) return reply.callNotFound()
      return renderItemForm(reply, id, number, null, [])
    })

    app.post<WithNumber>('/meetings/:id/minutes/items/:number/edit', { config: manage }, async (request, reply) => {
      const id = positiveId(request.params.id)
      const number = minuteNumber(request.params.number)
      if (id === null || number === null) return reply.callNotFound()
      const item = (await services.minutes.get(id))?.minutes.items.find((i) => i.number === number)
      if (item === undefined) return reply.callNotFound()
      const result = await services.minutes.editItem(id, number, itemInput(request.body), contextOf(request))
      if (!result.ok) return renderItemForm(reply.code(400), id, number, itemValues(request.body), result.problems)
      return reply.redirect(`/meetings/${id}/minutes#minute-${number}`, 303)
    })

    app.post<WithId>('/meetings/:id/minutes/approve', { config: manage }, async (request, reply) => {
      const id = positiveId(request.params.id)
      if (id === null || (await services.minutes.get(id)) === null) return reply.callNotFound()
      const chosen = formField(request.body, 'approvingMeeting').trim()
      const approvingId = positiveId(chosen)
      const result =
        approvingId === null
          ? {
              ok: false as const,
              problems: [
                { field: 'approvingMeeting' as const, message: 'Choose the meeting that approved the minutes' },
              ],
            }
          : await services.minutes.approve(id, approvingId, contextOf(request), services.clock.today())
      if (!result.ok) {
        return renderMinutes(request, reply.code(400), id, { chosenMeeting: chosen, problems: result.problems })
      }
      return reply.redirect(`/meetings/${id}/minutes`, 303)
    })

    app.post<WithNumber>(
      '/meetings/:id/minutes/items/:number/recommendation',
      { config: manage },
      async (request, reply) => {
        const id = positiveId(request.params.id)
        const number = minuteNumber(request.params.number)
        if (id === null || number === null) return reply.callNotFound()
        const item = (await services.minutes.get(id))?.minutes.items.find((i) => i.number === number)
        if (item === undefined) return reply.callNotFound()
        const leadOfficer = formField(request.body, 'leadOfficer').trim()
        const result = await services.minutes.makeRecommendation(id, number, contextOf(request), { leadOfficer })
        if (!result.ok) {
          return renderMinutes(request, reply.code(400), id, {
            problems: result.problems,
            recommendationMinute: number,
            leadOfficer,
          })
        }
        // To the first of the recommendations made; the minutes page links each of them.
        return reply.redirect(`/recommendations/${String(result.value[0])}`, 303)
      },
    )
    done()
  }
}

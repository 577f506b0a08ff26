/**
 * Members' pages: `/members` and `/members/{slug}` (everyone: the register shows what the council publishes), a
 * committee's attendance table `/committees/{id}/attendance?year=2019-20` (everyone), and
 * for democratic services `/members/{slug}/interests/new`, which adds an entry to the register of interests.
 */
import type { FastifyPluginCallback, FastifyReply, FastifyRequest } from 'fastify'
import type { InterestProblem } from '../../domain/scrutiny/members.ts'
import type { Services } from '../../services/index.ts'
import { actorOf, requestCan } from '../access.ts'
import { formField, positiveId, readFormDate, withDateProblem } from '../request-input.ts'
import { municipalYearOf } from '../../domain/calendar/municipal-year.ts'
import { attendanceTable } from '../../domain/scrutiny/attendance.ts'
import {
  committeeAttendanceModel,
  interestFormModel,
  memberPageModel,
  type InterestDateProblems,
  membersPageModel,
} from '../view-models/member-pages.ts'

type WithSlug = { Params: { slug: string } }
const FIELDS = ['category', 'description', 'published'] as const

export function memberRoutes(services: Services): FastifyPluginCallback {
  const papers = { access: 'view-published-papers' } as const
  // Democratic services keep the register, as they keep the committees' membership.
  const manage = { access: 'manage-meetings' } as const

  async function renderForm(
    reply: FastifyReply,
    slug: string,
    values: Record<string, string>,
    problems: InterestProblem[],
    dateProblems: InterestDateProblems = {},
    interestId: number | null = null,
  ) {
    const member = (await services.members.list()).find((m) => m.slug === slug)
    if (member === undefined) return reply.callNotFound()
    return reply.view('pages/member-interest-form.njk', {
      model: interestFormModel(member, values, problems, dateProblems, interestId),
    })
  }

  return (app, _options, done) => {
    app.get('/members', { config: papers }, async (_request, reply) => {
      return reply.view('pages/members.njk', { model: membersPageModel(await services.members.list()) })
    })

    app.get<WithSlug>('/members/:slug', { config: papers }, async (request: FastifyRequest<WithSlug>, reply) => {
      const canManage = requestCan(request, 'manage-meetings')
      const page = await services.members.page(request.params.slug, { allInterests: canManage })
      if (page === null) return reply.callNotFound()
      return reply.view('pages/member.njk', { model: memberPageModel(page, { canManage }) })
    })

    app.get<{ Params: { id: string } }>('/committees/:id/attendance', { config: papers }, async (request, reply) => {
      const id = positiveId(request.params.id)
      const committee = id === null ? null : await services.committees.get(id)
      if (committee === null) return reply.callNotFound()
      const records = await services.minutes.committeeAttendance(committee.id)
      const years = [...new Set(records.map((r) => municipalYearOf(r.date)))].sort().reverse()
      const asked = formField(request.query, 'year')
      const year = years.includes(asked) ? asked : (years[0] ?? services.members.currentMunicipalYear())
      return reply.view('pages/committee-attendance.njk', {
        model: committeeAttendanceModel(committee, attendanceTable(records, year), years),
      })
    })

    app.get<WithSlug>('/members/:slug/interests/new', { config: manage }, async (request, reply) => {
      return renderForm(reply, request.params.slug, { published: 'yes' }, [])
    })

    /** The form as posted: its fields, and each date box's own problem. */
    function postedInterest(body: unknown) {
      // Dates as GOV.UK date inputs (day, month, year): each read with its own problem naming the box.
      const registered = readFormDate(body, 'registeredOn', 'Date registered')
      const updated = readFormDate(body, 'updatedOn', 'Date last updated')
      const values: Record<string, string> = {
        ...Object.fromEntries(FIELDS.map((f) => [f, formField(body, f).trim()])),
        ...registered.values,
        ...updated.values,
      }
      const input = {
        category: values.category ?? '',
        description: values.description ?? '',
        published: values.published ?? '',
        registeredOn: registered.values.registeredOn ?? '',
        updatedOn: updated.values.updatedOn ?? '',
      }
      const withDates = (problems: InterestProblem[]) =>
        withDateProblem(withDateProblem(problems, 'registeredOn', registered.problem), 'updatedOn', updated.problem)
      return {
        values,
        input,
        withDates,
        dateProblems: { registeredOn: registered.problem, updatedOn: updated.problem },
      }
    }

    app.post<WithSlug>('/members/:slug/interests/new', { config: manage }, async (request, reply) => {
      const posted = postedInterest(request.body)
      const result = await services.members.addInterest(request.params.slug, posted.input, {
        actor: actorOf(request),
        correlationId: request.id,
      })
      if (!result.ok)
        return renderForm(
          reply.code(400),
          request.params.slug,
          posted.values,
          posted.withDates(result.problems),
          posted.dateProblems,
        )
      return reply.redirect(`/members/${request.params.slug}#interests`, 303)
    })

    type WithInterest = { Params: { slug: string; id: string } }
    app.get<WithInterest>('/members/:slug/interests/:id', { config: manage }, async (request, reply) => {
      const id = positiveId(request.params.id)
      const interest = id === null ? null : await services.members.interest(request.params.slug, id)
      if (id === null || interest === null) return reply.callNotFound()
      const values = {
        category: interest.category,
        description: interest.description,
        registeredOn: interest.registeredOn,
        updatedOn: interest.updatedOn,
        published: interest.published ? 'yes' : 'no',
      }
      return renderForm(reply, request.params.slug, values, [], {}, id)
    })

    app.post<WithInterest>('/members/:slug/interests/:id', { config: manage }, async (request, reply) => {
      const id = positiveId(request.params.id)
      if (id === null) return reply.callNotFound()
      const posted = postedInterest(request.body)
      const result = await services.members.updateInterest(request.params.slug, id, posted.input, {
        actor: actorOf(request),
        correlationId: request.id,
      })
      if (result === null) return reply.callNotFound()
      if (!result.ok)
        return renderForm(
          reply.code(400),
          request.params.slug,
          posted.values,
          posted.withDates(result.problems),
          posted.dateProblems,
          id,
        )
      return reply.redirect(`/members/${request.params.slug}#interests`, 303)
    })

    app.post<WithInterest>('/members/:slug/interests/:id/remove', { config: manage }, async (request, reply) => {
      const id = positiveId(request.params.id)
      const context = { actor: actorOf(request), correlationId: request.id }
      if (id === null || !(await services.members.removeInterest(request.params.slug, id, context)))
        return reply.callNotFound()
      return reply.redirect(`/members/${request.params.slug}#interests`, 303)
    })
    done()
  }
}

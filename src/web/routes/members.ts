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
import { londonDate } from '../../domain/calendar/london-time.ts'
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
  ) {
    const member = (await services.members.list()).find((m) => m.slug === slug)
    if (member === undefined) return reply.callNotFound()
    return reply.view('pages/member-interest-form.njk', {
      model: interestFormModel(member, values, problems, dateProblems),
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
      const year = years.includes(asked) ? asked : (years[0] ?? municipalYearOf(londonDate(new Date().toISOString())))
      return reply.view('pages/committee-attendance.njk', {
        model: committeeAttendanceModel(committee, attendanceTable(records, year), years),
      })
    })

    app.get<WithSlug>('/members/:slug/interests/new', { config: manage }, async (request, reply) => {
      return renderForm(reply, request.params.slug, { published: 'yes' }, [])
    })

    app.post<WithSlug>('/members/:slug/interests/new', { config: manage }, async (request, reply) => {
      // Dates as GOV.UK date inputs (day, month, year): each read with its own problem naming the box.
      const registered = readFormDate(request.body, 'registeredOn', 'Date registered')
      const updated = readFormDate(request.body, 'updatedOn', 'Date last updated')
      const values = {
        ...(Object.fromEntries(FIELDS.map((f) => [f, formField(request.body, f).trim()])) as Record<
          (typeof FIELDS)[number],
          string
        >),
        ...registered.values,
        ...updated.values,
      }
      const result = await services.members.addInterest(
        request.params.slug,
        { ...values, registeredOn: registered.values.registeredOn ?? '', updatedOn: updated.values.updatedOn ?? '' },
        { actor: actorOf(request), correlationId: request.id },
      )
      if (!result.ok) {
        const problems = withDateProblem(
          withDateProblem(result.problems, 'registeredOn', registered.problem),
          'updatedOn',
          updated.problem,
        )
        return renderForm(reply.code(400), request.params.slug, values, problems, {
          registeredOn: registered.problem,
          updatedOn: updated.problem,
        })
      }
      return reply.redirect(`/members/${request.params.slug}#interests`, 303)
    })
    done()
  }
}

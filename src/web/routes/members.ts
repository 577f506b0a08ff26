/**
 * Members' pages: `/members` and `/members/{slug}` (everyone: the register shows what the council publishes), and
 * for democratic services `/members/{slug}/interests/new`, which adds an entry to the register of interests.
 */
import type { FastifyPluginCallback, FastifyReply, FastifyRequest } from 'fastify'
import type { InterestProblem } from '../../domain/scrutiny/members.ts'
import type { Services } from '../../services/index.ts'
import { actorOf, requestCan } from '../access.ts'
import { formField } from '../request-input.ts'
import { interestFormModel, memberPageModel, membersPageModel } from '../view-models/member-pages.ts'

type WithSlug = { Params: { slug: string } }
const FIELDS = ['category', 'description', 'registeredOn', 'updatedOn', 'published'] as const

export function memberRoutes(services: Services): FastifyPluginCallback {
  const papers = { access: 'view-published-papers' } as const
  // Democratic services keep the register, as they keep the committees' membership.
  const manage = { access: 'manage-meetings' } as const

  async function renderForm(
    reply: FastifyReply,
    slug: string,
    values: Record<string, string>,
    problems: InterestProblem[],
  ) {
    const member = (await services.members.list()).find((m) => m.slug === slug)
    if (member === undefined) return reply.callNotFound()
    return reply.view('pages/member-interest-form.njk', { model: interestFormModel(member, values, problems) })
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

    app.get<WithSlug>('/members/:slug/interests/new', { config: manage }, async (request, reply) => {
      return renderForm(reply, request.params.slug, { published: 'yes' }, [])
    })

    app.post<WithSlug>('/members/:slug/interests/new', { config: manage }, async (request, reply) => {
      const values = Object.fromEntries(FIELDS.map((f) => [f, formField(request.body, f).trim()])) as Record<
        (typeof FIELDS)[number],
        string
      >
      const result = await services.members.addInterest(request.params.slug, values, {
        actor: actorOf(request),
        correlationId: request.id,
      })
      if (!result.ok) return renderForm(reply.code(400), request.params.slug, values, result.problems)
      return reply.redirect(`/members/${request.params.slug}#interests`, 303)
    })
    done()
  }
}

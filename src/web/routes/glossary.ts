/**
 * `/glossary` (public, with its JSON at `/glossary.json`) and, for people who may manage the glossary, the forms
 * to add (`/glossary/new`), edit (`/glossary/{slug}/edit`) and remove (`/glossary/{slug}/remove`) a term.
 */
import type { FastifyPluginCallback, FastifyReply, FastifyRequest } from 'fastify'
import type { GlossaryProblem } from '../../domain/glossary.ts'
import type { GlossaryInput } from '../../services/glossary-service.ts'
import type { Services } from '../../services/index.ts'
import { actorOf, requestCan } from '../access.ts'
import { glossaryFormModel, glossaryJson, glossaryPageModel } from '../view-models/glossary-page.ts'

/** The form's fields as typed; anything missing or not text (an empty body, a repeated field) is empty. */
function formInput(body: unknown): GlossaryInput {
  const fields = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {}
  const text = (name: string) => {
    const value = fields[name]
    return typeof value === 'string' ? value : ''
  }
  return { term: text('term'), acronym: text('acronym'), definition: text('definition'), source: text('source') }
}

function context(request: FastifyRequest) {
  return { actor: actorOf(request), correlationId: request.id }
}

function renderForm(
  reply: FastifyReply,
  slug: string | null,
  values: GlossaryInput,
  problems: readonly GlossaryProblem[],
  currentTerm: string | null = null,
) {
  return reply.view('pages/glossary-form.njk', { model: glossaryFormModel(slug, values, problems, currentTerm) })
}

export function glossaryRoutes(services: Services): FastifyPluginCallback {
  return (app, _options, done) => {
    const view = { access: 'view-glossary' } as const
    const manage = { access: 'manage-glossary' } as const

    app.get('/glossary', { config: view }, async (request, reply) =>
      reply.view('pages/glossary.njk', {
        model: glossaryPageModel(await services.glossary.list(), {
          canManage: requestCan(request, 'manage-glossary'),
        }),
      }),
    )

    app.get('/glossary.json', { config: view }, async (request, reply) =>
      reply.type('application/json; charset=utf-8').send(glossaryJson(await services.glossary.list())),
    )

    app.get('/glossary/new', { config: manage }, async (request, reply) =>
      renderForm(reply, null, { term: '', acronym: '', definition: '', source: '' }, []),
    )

    app.post('/glossary/new', { config: manage }, async (request, reply) => {
      const input = formInput(request.body)
      const result = await services.glossary.add(input, context(request))
      if (!result.ok) return renderForm(reply.code(400), null, input, result.problems)
      return reply.redirect(`/glossary#${encodeURIComponent(result.value.slug)}`, 303)
    })

    app.get<{ Params: { slug: string } }>('/glossary/:slug/edit', { config: manage }, async (request, reply) => {
      const entry = await services.glossary.find(request.params.slug)
      if (entry === null) return reply.callNotFound()
      const values = {
        term: entry.term,
        acronym: entry.acronym ?? '',
        definition: entry.definition,
        source: entry.source ?? '',
      }
      return renderForm(reply, entry.slug, values, [], entry.term)
    })

    app.post<{ Params: { slug: string } }>('/glossary/:slug/edit', { config: manage }, async (request, reply) => {
      const input = formInput(request.body)
      const { slug } = request.params
      const result = await services.glossary.edit(slug, input, context(request))
      if (result === null) return reply.callNotFound()
      if (!result.ok) {
        const current = await services.glossary.find(slug)
        return renderForm(reply.code(400), slug, input, result.problems, current?.term ?? null)
      }
      return reply.redirect(`/glossary#${encodeURIComponent(result.value.slug)}`, 303)
    })

    app.post<{ Params: { slug: string } }>('/glossary/:slug/remove', { config: manage }, async (request, reply) => {
      const removed = await services.glossary.remove(request.params.slug, context(request))
      if (removed === null) return reply.callNotFound()
      return reply.redirect('/glossary', 303)
    })
    done()
  }
}

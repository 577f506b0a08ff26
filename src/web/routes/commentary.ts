/**
 * Commentary and the performance overview for one month of one dataset:
 * - `/datasets/{dataset}/{period}/commentary`: every indicator with its commentary's status (preparers);
 * - `…/commentary/{indicator}`: the figures and the commentary, with save, submit, approve and return;
 * - `…/overview`: the director's performance overview, with save, draft the significant variations, submit,
 *   approve and return.
 * The route says who may do each thing at all; the service checks ownership (own indicators only).
 */
import type { FastifyPluginCallback, FastifyReply, FastifyRequest } from 'fastify'
import type { OverviewSection, WorkflowProblem } from '../../domain/commentary-workflow.ts'
import { isPeriod } from '../../domain/period.ts'
import type { CommentaryProblem, Person } from '../../services/commentary-service.ts'
import type { Services } from '../../services/index.ts'
import { forbidden } from '../access.ts'
import {
  commentaryListModel,
  commentaryPageModel,
  overviewPageModel,
  type CommentaryForm,
  type OverviewForm,
} from '../view-models/commentary-pages.ts'
import { commentaryStory } from '../view-models/commentary-story.ts'
import { doneUrl } from '../success-banners.ts'

interface MonthParams {
  dataset: string
  period: string
}
interface IndicatorParams extends MonthParams {
  indicator: string
}
type Body = Record<string, unknown> | undefined

function field(body: Body, name: string): string | undefined {
  const value = body?.[name]
  return typeof value === 'string' ? value : undefined
}

function person(request: FastifyRequest): Person {
  // Every route here needs a signed-in role, so the access hook has already turned away anyone without one.
  const user = request.user
  if (user === null) throw new Error('A commentary route ran without a signed-in user.')
  return { id: user.id, name: user.name, role: user.role }
}

/** The sections as the overview form posts them: `title-0`, `text-0`, `title-1`, … in order. */
function sectionsFrom(body: Body): OverviewSection[] {
  const sections: OverviewSection[] = []
  for (let i = 0; i < 50; i++) {
    const title = field(body, `title-${i}`)
    if (title === undefined) break
    sections.push({ title, text: field(body, `text-${i}`) ?? '' })
  }
  return sections
}

const FORM_INCOMPLETE: WorkflowProblem = {
  kind: 'invalid',
  field: null,
  message: 'The form was not complete. Go back to the page, refresh it and try again.',
}

export function commentaryRoutes(services: Services): FastifyPluginCallback {
  return (app, _options, done) => {
    const month = '/datasets/:dataset/:period'
    const one = `${month}/commentary/:indicator`

    async function renderCommentary(
      request: FastifyRequest<{ Params: IndicatorParams }>,
      reply: FastifyReply,
      form: CommentaryForm = {},
    ) {
      const { dataset, period, indicator } = request.params
      if (!isPeriod(period)) return reply.callNotFound()
      const page = await services.commentary.forIndicator(dataset, period, indicator)
      if (!page.ok) return reply.callNotFound()
      const glossary = await services.glossary.list()
      return reply.view('pages/commentary.njk', {
        model: commentaryPageModel(page.value, person(request), form, glossary),
        story: commentaryStory(page.value, glossary),
      })
    }

    async function renderOverview(
      request: FastifyRequest<{ Params: MonthParams }>,
      reply: FastifyReply,
      form: OverviewForm = {},
    ) {
      const { dataset, period } = request.params
      if (!isPeriod(period)) return reply.callNotFound()
      const page = await services.commentary.overview(dataset, period)
      if (!page.ok) return reply.callNotFound()
      const glossary = await services.glossary.list()
      return reply.view('pages/overview.njk', { model: overviewPageModel(page.value, person(request), form, glossary) })
    }

    /** Answers a service's refusal: 404, 403, or the page again with the problems (400). */
    function refused(problems: readonly CommentaryProblem[], reply: FastifyReply, rerender: () => Promise<unknown>) {
      const first = problems[0]
      if (first?.kind === 'not-found') return reply.callNotFound()
      if (first?.kind === 'not-owner' || first?.kind === 'not-permitted') return forbidden(reply, first.message)
      reply.code(400)
      return rerender()
    }

    app.get<{ Params: MonthParams }>(
      `${month}/commentary`,
      { config: { access: 'view-draft-packs' } },
      async (request, reply) => {
        const { dataset, period } = request.params
        if (!isPeriod(period)) return reply.callNotFound()
        const list = await services.commentary.list(dataset, period)
        if (!list.ok) return reply.callNotFound()
        return reply.view('pages/commentary-list.njk', { model: commentaryListModel(list.value, person(request)) })
      },
    )

    app.get<{ Params: IndicatorParams }>(one, { config: { access: 'view-draft-packs' } }, (request, reply) =>
      renderCommentary(request, reply),
    )

    app.post<{ Params: IndicatorParams; Body: Body }>(
      one,
      { config: { access: 'write-commentary' } },
      async (request, reply) => {
        const { dataset, period, indicator } = request.params
        if (!isPeriod(period)) return reply.callNotFound()
        const text = field(request.body, 'text')
        if (text === undefined) {
          return renderCommentary(request, reply.code(400), { problems: [{ ...FORM_INCOMPLETE, field: 'text' }] })
        }
        const result = await services.commentary.saveCommentary(dataset, period, indicator, text, person(request), {
          correlationId: request.id,
        })
        if (!result.ok) {
          return refused(result.problems, reply, () =>
            renderCommentary(request, reply, { text, problems: result.problems }),
          )
        }
        return reply.redirect(doneUrl(request.url.split('?')[0] ?? '', 'commentary-saved'), 303)
      },
    )

    const steps = [
      {
        path: 'submit',
        access: 'write-commentary',
        take: services.commentary.submitCommentary,
        done: 'commentary-submitted',
      },
      {
        path: 'approve',
        access: 'sign-off-pack',
        take: services.commentary.approveCommentary,
        done: 'commentary-approved',
      },
    ] as const
    for (const step of steps) {
      app.post<{ Params: IndicatorParams; Body: Body }>(
        `${one}/${step.path}`,
        { config: { access: step.access } },
        async (request, reply) => {
          const { dataset, period, indicator } = request.params
          if (!isPeriod(period)) return reply.callNotFound()
          const result = await step.take(dataset, period, indicator, person(request), { correlationId: request.id })
          if (!result.ok) {
            return refused(result.problems, reply, () =>
              renderCommentary(request, reply, { problems: result.problems }),
            )
          }
          return reply.redirect(
            doneUrl(`/datasets/${encodeURIComponent(dataset)}/${period}/commentary`, step.done),
            303,
          )
        },
      )
    }

    app.post<{ Params: IndicatorParams; Body: Body }>(
      `${one}/return`,
      { config: { access: 'sign-off-pack' } },
      async (request, reply) => {
        const { dataset, period, indicator } = request.params
        if (!isPeriod(period)) return reply.callNotFound()
        const reason = field(request.body, 'reason') ?? ''
        const result = await services.commentary.returnCommentary(dataset, period, indicator, reason, person(request), {
          correlationId: request.id,
        })
        if (!result.ok) {
          return refused(result.problems, reply, () =>
            renderCommentary(request, reply, { reason, problems: result.problems }),
          )
        }
        return reply.redirect(
          doneUrl(`/datasets/${encodeURIComponent(dataset)}/${period}/commentary`, 'commentary-returned'),
          303,
        )
      },
    )

    const overview = `${month}/overview`
    app.get<{ Params: MonthParams }>(overview, { config: { access: 'view-draft-packs' } }, (request, reply) =>
      renderOverview(request, reply),
    )

    app.post<{ Params: MonthParams; Body: Body }>(
      overview,
      { config: { access: 'write-performance-overview' } },
      async (request, reply) => {
        const { dataset, period } = request.params
        if (!isPeriod(period)) return reply.callNotFound()
        const sections = sectionsFrom(request.body)
        if (sections.length === 0) return renderOverview(request, reply.code(400), { problems: [FORM_INCOMPLETE] })
        const result = await services.commentary.saveOverview(dataset, period, sections, person(request), {
          correlationId: request.id,
        })
        if (!result.ok) {
          return refused(result.problems, reply, () =>
            renderOverview(request, reply, { sections, problems: result.problems }),
          )
        }
        return reply.redirect(doneUrl(request.url.split('?')[0] ?? '', 'overview-saved'), 303)
      },
    )

    app.post<{ Params: MonthParams; Body: Body }>(
      `${overview}/draft-variations`,
      { config: { access: 'write-performance-overview' } },
      async (request, reply) => {
        const { dataset, period } = request.params
        if (!isPeriod(period)) return reply.callNotFound()
        const replace = field(request.body, 'replace') === 'yes'
        const result = await services.commentary.draftVariations(dataset, period, replace, person(request), {
          correlationId: request.id,
        })
        if (!result.ok) {
          // Text already there: ask before replacing it (not an error, a question).
          if (result.problems[0]?.kind === 'has-text') return renderOverview(request, reply, { confirmReplace: true })
          return refused(result.problems, reply, () => renderOverview(request, reply, { problems: result.problems }))
        }
        return reply.redirect(
          doneUrl(`/datasets/${encodeURIComponent(dataset)}/${period}/overview`, 'overview-drafted'),
          303,
        )
      },
    )

    const overviewSteps = [
      {
        path: 'submit',
        access: 'write-performance-overview',
        take: services.commentary.submitOverview,
        done: 'overview-submitted',
      },
      {
        path: 'approve',
        access: 'sign-off-pack',
        take: services.commentary.approveOverview,
        done: 'overview-approved',
      },
    ] as const
    for (const step of overviewSteps) {
      app.post<{ Params: MonthParams; Body: Body }>(
        `${overview}/${step.path}`,
        { config: { access: step.access } },
        async (request, reply) => {
          const { dataset, period } = request.params
          if (!isPeriod(period)) return reply.callNotFound()
          const result = await step.take(dataset, period, person(request), { correlationId: request.id })
          if (!result.ok) {
            return refused(result.problems, reply, () => renderOverview(request, reply, { problems: result.problems }))
          }
          return reply.redirect(doneUrl(`/datasets/${encodeURIComponent(dataset)}/${period}/overview`, step.done), 303)
        },
      )
    }

    app.post<{ Params: MonthParams; Body: Body }>(
      `${overview}/return`,
      { config: { access: 'sign-off-pack' } },
      async (request, reply) => {
        const { dataset, period } = request.params
        if (!isPeriod(period)) return reply.callNotFound()
        const reason = field(request.body, 'reason') ?? ''
        const result = await services.commentary.returnOverview(dataset, period, reason, person(request), {
          correlationId: request.id,
        })
        if (!result.ok) {
          return refused(result.problems, reply, () =>
            renderOverview(request, reply, { reason, problems: result.problems }),
          )
        }
        return reply.redirect(
          doneUrl(`/datasets/${encodeURIComponent(dataset)}/${period}/overview`, 'overview-returned'),
          303,
        )
      },
    )
    done()
  }
}

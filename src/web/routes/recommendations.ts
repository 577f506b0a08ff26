/**
 * The recommendations tracker: `/recommendations` (public), `/recommendations/{id}` (public; democratic services add
 * dated updates there), `/recommendations/new`, a meeting's `/meetings/{id}/monitoring-report`, and
 * `/api/recommendations` (docs/api.md).
 */
import type { FastifyPluginCallback, FastifyReply } from 'fastify'
import { isOverdue, type RecommendationProblem } from '../../domain/scrutiny/recommendations.ts'
import { londonDate } from '../../domain/calendar/london-time.ts'
import type { Services } from '../../services/index.ts'
import { actorOf, requestCan } from '../access.ts'
import { recommendationsToCsv } from '../../exporters/recommendations-csv.ts'
import {
  filterRecommendations,
  monitoringReportModel,
  parseRecommendationFilters,
  recommendationPageModel,
  trackerPageModel,
} from '../view-models/recommendation-pages.ts'
import { formField, positiveId } from '../request-input.ts'

function errorsOf(problems: readonly RecommendationProblem[]) {
  return {
    errorList: problems.map((p) => ({ text: p.message, href: `#${p.field}` })),
    errors: Object.fromEntries(problems.map((p) => [p.field, { text: p.message }])),
  }
}

export function recommendationRoutes(services: Services): FastifyPluginCallback {
  const papers = { access: 'view-published-papers' } as const
  const manage = { access: 'manage-recommendations' } as const
  const today = () => londonDate(new Date().toISOString())

  async function renderNew(reply: FastifyReply, values: Record<string, string>, problems: RecommendationProblem[]) {
    const committees = await services.meetings.listCommittees()
    return reply.view('pages/recommendation-new.njk', {
      model: {
        pageTitle: problems.length > 0 ? 'Error: Record a recommendation' : 'Record a recommendation',
        committees: committees.map((c) => ({
          value: String(c.id),
          text: c.name,
          selected: values.committee === String(c.id),
        })),
        values,
        ...errorsOf(problems),
      },
    })
  }

  async function renderOne(
    reply: FastifyReply,
    id: number,
    canManage: boolean,
    values: Record<string, string>,
    problems: RecommendationProblem[],
  ) {
    const recommendation = await services.recommendations.get(id)
    if (recommendation === null) return reply.callNotFound()
    const page = recommendationPageModel(recommendation, today())
    return reply.view('pages/recommendation.njk', {
      model: {
        ...page,
        statusItems: [
          { value: '', text: 'Leave as it is', selected: (values.status ?? '') === '' },
          ...page.statuses.map((s) => ({ ...s, selected: values.status === s.value })),
        ],
        canManage,
        values,
        ...errorsOf(problems),
      },
    })
  }

  return (app, _options, done) => {
    app.get('/recommendations', { config: papers }, async (request, reply) => {
      const filters = parseRecommendationFilters(request.query)
      const model = trackerPageModel(await services.recommendations.list(), today(), filters)
      return reply.view('pages/recommendations.njk', {
        model: { ...model, canManage: requestCan(request, 'manage-recommendations') },
      })
    })

    // Exactly what the tracker shows for the same filters.
    app.get('/recommendations.csv', { config: papers }, async (request, reply) => {
      const asOf = today()
      const shown = filterRecommendations(
        await services.recommendations.list(),
        parseRecommendationFilters(request.query),
        asOf,
      )
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="recommendations-${asOf}.csv"`)
        .send(recommendationsToCsv(shown, asOf))
    })

    app.get('/recommendations/new', { config: manage }, async (request, reply) =>
      renderNew(reply, { madeOn: today(), number: '1' }, []),
    )

    app.post('/recommendations/new', { config: manage }, async (request, reply) => {
      const values = Object.fromEntries(
        ['committee', 'madeOn', 'title', 'number', 'text', 'leadOfficer'].map((n) => [
          n,
          formField(request.body, n).trim(),
        ]),
      )
      const committeeId = positiveId(values.committee ?? '')
      if (committeeId === null) {
        return renderNew(reply.code(400), values, [{ field: 'title', message: 'Choose the committee' }])
      }
      const result = await services.recommendations.create(
        {
          committeeId,
          meetingId: null,
          madeOn: values.madeOn ?? '',
          title: values.title ?? '',
          number: /^\d+$/.test(values.number ?? '') ? Number(values.number) : NaN,
          text: values.text ?? '',
          leadOfficer: values.leadOfficer ?? '',
        },
        { actor: actorOf(request), correlationId: request.id },
      )
      if (!result.ok) return renderNew(reply.code(400), values, result.problems)
      return reply.redirect(`/recommendations/${result.value}`, 303)
    })

    app.get<{ Params: { id: string } }>('/recommendations/:id', { config: papers }, async (request, reply) => {
      const id = positiveId(request.params.id)
      if (id === null) return reply.callNotFound()
      return renderOne(reply, id, requestCan(request, 'manage-recommendations'), { dated: today(), status: '' }, [])
    })

    app.post<{ Params: { id: string } }>('/recommendations/:id/updates', { config: manage }, async (request, reply) => {
      const id = positiveId(request.params.id)
      if (id === null) return reply.callNotFound()
      const values = Object.fromEntries(['dated', 'text', 'status'].map((n) => [n, formField(request.body, n).trim()]))
      const result = await services.recommendations.addUpdate(
        id,
        { dated: values.dated ?? '', text: values.text ?? '', status: values.status ?? '' },
        { actor: actorOf(request), correlationId: request.id },
      )
      if (!result.ok) {
        if (result.problems.some((p) => p.message === 'That recommendation does not exist')) return reply.callNotFound()
        return renderOne(reply.code(400), id, true, values, result.problems)
      }
      return reply.redirect(`/recommendations/${id}#updates`, 303)
    })

    app.get<{ Params: { id: string } }>(
      '/meetings/:id/monitoring-report',
      { config: papers },
      async (request, reply) => {
        const id = positiveId(request.params.id)
        const report = id === null ? null : await services.recommendations.monitoringReport(id)
        if (report === null) return reply.callNotFound()
        return reply.view('pages/monitoring-report.njk', { model: monitoringReportModel(report) })
      },
    )

    app.get('/api/recommendations', { config: papers }, async () => {
      const asOf = today()
      const recommendations = await services.recommendations.list()
      return {
        version: 1,
        recommendations: recommendations.map((r) => ({
          id: r.id,
          committeeId: r.committeeId,
          madeOn: r.madeOn,
          title: r.title,
          number: r.number,
          text: r.text,
          leadOfficer: r.leadOfficer,
          responseDue: r.responseDue,
          respondedOn: r.respondedOn,
          status: r.status,
          overdue: isOverdue(r, asOf),
          updates: r.updates.map((u) => ({ dated: u.dated, text: u.text, status: u.status })),
        })),
      }
    })
    done()
  }
}

/**
 * The recommendations tracker: `/recommendations` (public), `/recommendations/{id}` (public; democratic services add
 * dated updates there), `/recommendations/new`, a meeting's `/meetings/{id}/monitoring-report`, and
 * `/api/recommendations` (docs/api.md).
 */
import type { FastifyPluginCallback, FastifyReply } from 'fastify'
import { isOverdue, type RecommendationProblem } from '../../domain/scrutiny/recommendations.ts'
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
import { formField, positiveId, readFormDate, withDateProblem } from '../request-input.ts'
import { doneUrl } from '../success-banners.ts'
import type { DateInputProblem } from '../../domain/calendar/date-input.ts'
import { formDateItems } from '../view-models/date-input.ts'

function errorsOf(problems: readonly RecommendationProblem[]) {
  return {
    // A date input's first box is the one to jump to.
    errorList: problems.map((p) => ({
      text: p.message,
      href: `#${p.field === 'madeOn' || p.field === 'dated' ? `${p.field}-day` : p.field}`,
    })),
    errors: Object.fromEntries(problems.map((p) => [p.field, { text: p.message }])),
  }
}

export function recommendationRoutes(services: Services): FastifyPluginCallback {
  const papers = { access: 'view-published-papers' } as const
  const manage = { access: 'manage-recommendations' } as const

  /** Which boxes of a date input to mark: the part the date's problem names, or all when the service refused it. */
  function datePart(problems: readonly RecommendationProblem[], field: string, date: DateInputProblem | null) {
    return date ?? (problems.some((p) => p.field === field) ? { part: null } : null)
  }

  async function renderNew(
    reply: FastifyReply,
    values: Record<string, string>,
    problems: RecommendationProblem[],
    dateProblem: DateInputProblem | null = null,
  ) {
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
        madeOnItems: formDateItems(values, 'madeOn', datePart(problems, 'madeOn', dateProblem)),
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
    dateProblem: DateInputProblem | null = null,
  ) {
    const recommendation = await services.recommendations.get(id)
    if (recommendation === null) return reply.callNotFound()
    const page = recommendationPageModel(recommendation, services.clock.today())
    return reply.view('pages/recommendation.njk', {
      model: {
        ...page,
        statusItems: [
          { value: '', text: 'Leave as it is', selected: (values.status ?? '') === '' },
          ...page.statuses.map((s) => ({ ...s, selected: values.status === s.value })),
        ],
        canManage,
        values,
        datedItems: formDateItems(values, 'dated', datePart(problems, 'dated', dateProblem)),
        ...errorsOf(problems),
      },
    })
  }

  return (app, _options, done) => {
    app.get('/recommendations', { config: papers }, async (request, reply) => {
      const filters = parseRecommendationFilters(request.query)
      const model = trackerPageModel(await services.recommendations.list(), services.clock.today(), filters)
      return reply.view('pages/recommendations.njk', {
        model: { ...model, canManage: requestCan(request, 'manage-recommendations') },
      })
    })

    // Exactly what the tracker shows for the same filters.
    app.get('/recommendations.csv', { config: papers }, async (request, reply) => {
      const asOf = services.clock.today()
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
      renderNew(reply, { madeOn: services.clock.today(), number: '1' }, []),
    )

    app.post('/recommendations/new', { config: manage }, async (request, reply) => {
      const madeOn = readFormDate(request.body, 'madeOn', 'Date the panel made it')
      const values = {
        ...Object.fromEntries(
          ['committee', 'title', 'number', 'text', 'leadOfficer'].map((n) => [n, formField(request.body, n).trim()]),
        ),
        ...madeOn.values,
      }
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
      if (!result.ok) {
        return renderNew(
          reply.code(400),
          values,
          withDateProblem(result.problems, 'madeOn', madeOn.problem),
          madeOn.problem,
        )
      }
      return reply.redirect(doneUrl(`/recommendations/${result.value}`, 'recommendation-recorded'), 303)
    })

    app.get<{ Params: { id: string } }>('/recommendations/:id', { config: papers }, async (request, reply) => {
      const id = positiveId(request.params.id)
      if (id === null) return reply.callNotFound()
      return renderOne(
        reply,
        id,
        requestCan(request, 'manage-recommendations'),
        { dated: services.clock.today(), status: '' },
        [],
      )
    })

    app.post<{ Params: { id: string } }>('/recommendations/:id/updates', { config: manage }, async (request, reply) => {
      const id = positiveId(request.params.id)
      if (id === null) return reply.callNotFound()
      const dated = readFormDate(request.body, 'dated', 'Date of the action')
      const values = {
        ...Object.fromEntries(['text', 'status'].map((n) => [n, formField(request.body, n).trim()])),
        ...dated.values,
      }
      const result = await services.recommendations.addUpdate(
        id,
        { dated: values.dated ?? '', text: values.text ?? '', status: values.status ?? '' },
        { actor: actorOf(request), correlationId: request.id },
      )
      if (!result.ok) {
        if (result.problems.some((p) => p.message === 'That recommendation does not exist')) return reply.callNotFound()
        return renderOne(
          reply.code(400),
          id,
          true,
          values,
          withDateProblem(result.problems, 'dated', dated.problem),
          dated.problem,
        )
      }
      return reply.redirect(doneUrl(`/recommendations/${id}#updates`, 'recommendation-updated'), 303)
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
      const asOf = services.clock.today()
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

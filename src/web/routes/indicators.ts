/**
 * `/indicators/{id}`: one indicator's whole history, definition, benchmarks, targets and revisions.
 *
 * The people who prepare the pack see the live history and every revision. Everyone else sees only what the
 * latest published pack holding the indicator shows (its 13 months and the catalogue details frozen with it); an
 * indicator in no published pack does not exist for them. Disclosure control applies to people not signed in;
 * signed-in people see the figures unsuppressed, marked not for publication.
 *
 * The page leads with the story: the latest value and its change, the XmR chart (statistical process control) with
 * its targets and benchmarks, and the latest approved commentary; the details follow. Officers who keep the
 * catalogue record process changes on the chart here (`POST /indicators/{id}/process-changes`, and `…/remove`).
 */
import type { FastifyPluginCallback, FastifyReply, FastifyRequest } from 'fastify'
import type { Indicator, Observation } from '../../domain/catalogue.ts'
import { isPeriod } from '../../domain/period.ts'
import { disclosePack, withheldKey, type Publication } from '../../domain/publication.ts'
import type { ProcessChangeProblem } from '../../domain/statistics/process-changes.ts'
import type { Services } from '../../services/index.ts'
import { actorOf, requestCan } from '../access.ts'
import type { PublishedResponses } from '../published-responses.ts'
import { indicatorPageModel } from '../view-models/indicator-page.ts'

/** What the process change form sends, as typed (anything missing or not text is empty). */
function formFields(body: unknown): { month: string; reason: string } {
  const fields = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {}
  const text = (name: string) => (typeof fields[name] === 'string' ? fields[name] : '')
  return { month: text('month'), reason: text('reason') }
}

export function indicatorRoutes(services: Services, responses: PublishedResponses): FastifyPluginCallback {
  /** The indicator as the published version shows it: to the public with disclosure control, or unsuppressed. */
  async function publishedIndicatorPage(publication: Publication, indicator: Indicator, entitled: boolean) {
    const { snapshot } = publication
    const catalogue = new Map(snapshot.catalogue.map((i) => [i.id, i]))
    const disclosed = services.publications.disclosed(snapshot)
    const hiddenPeriods = new Set(
      snapshot.pack.months.filter((period) => disclosed.withheld.has(withheldKey(indicator.id, period))),
    )
    const row = (entitled ? snapshot.pack : disclosed.pack).indicators.find((r) => r.id === indicator.id)
    const story = snapshot.commentary.find((c) => c.indicatorId === indicator.id)
    // The chart as the version was published (and printed), whatever process changes were recorded since.
    const spc = await services.spc.publishedSettings(snapshot, [indicator.id])
    const processChanges = spc.processChanges.get(indicator.id) ?? []
    const runLength = spc.runLength
    const history: Observation[] = (row?.values ?? []).map((v) => ({ indicatorId: indicator.id, ...v }))
    // The dataset as it was published, not as the catalogue has it now: the page is the publication's.
    const dataset = {
      id: snapshot.datasetId,
      title: snapshot.datasetTitle,
      indicatorIds: snapshot.pack.indicators.map((r) => r.id),
    }
    return {
      model: indicatorPageModel({
        indicator,
        history,
        revisions: [],
        datasets: [dataset],
        sourceNote: `Published pack for ${snapshot.period}, version ${publication.version}`,
        asOf: snapshot.period,
        catalogue,
        ...(entitled ? { restrictedPeriods: hiddenPeriods } : { withheldPeriods: hiddenPeriods }),
        glossary: await services.glossary.list(),
        processChanges,
        runLength,
        commentary:
          story === undefined
            ? null
            : {
                period: snapshot.period,
                text: story.text,
                author: story.author,
                approvedBy: story.approvedBy,
                approvedAt: story.approvedAt,
              },
      }),
    }
  }

  /** The live page for the people who prepare the pack, with the process change form for those who keep the catalogue. */
  async function livePage(
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    form: { month: string; reason: string; problems: readonly ProcessChangeProblem[] } = {
      month: '',
      reason: '',
      problems: [],
    },
  ) {
    const view = await services.packs.getIndicator(id)
    if (!view) return reply.callNotFound()
    const [glossary, processChanges, runLength, commentary, childrenMonths] = await Promise.all([
      services.glossary.list(),
      services.spc.processChanges(view.indicator.id),
      services.spc.runLength(),
      services.commentary.latestApproved(view.indicator.id, view.latestPeriod),
      requestCan(request, 'view-drill-downs') ? services.drillDowns.monthsWithChildren(view.indicator.id) : undefined,
    ])
    // The live figures are unsuppressed: mark the months the public would see as c, as the live pack does.
    reply.header('cache-control', 'private, no-store')
    const restrictedPeriods = new Set<string>()
    const datasetId = view.datasets[0]?.id
    if (datasetId !== undefined && view.latestPeriod !== null) {
      const live = await services.packs.getPack(datasetId, view.latestPeriod)
      if (live.ok) {
        const { pack, catalogue } = live.value
        const disclosed = disclosePack(pack, catalogue, await services.publications.disclosureRule())
        for (const period of pack.months)
          if (disclosed.withheld.has(withheldKey(view.indicator.id, period))) restrictedPeriods.add(period)
      }
    }
    return reply.view('pages/indicator.njk', {
      model: indicatorPageModel({
        indicator: view.indicator,
        history: view.history,
        revisions: view.revisions,
        datasets: view.datasets,
        sourceNote: view.sourceNote,
        asOf: view.latestPeriod,
        catalogue: view.related,
        glossary,
        ...(childrenMonths === undefined ? {} : { childrenMonths }),
        restrictedPeriods,
        processChanges,
        runLength,
        commentary,
        ...(requestCan(request, 'manage-catalogue') ? { processChangeForm: form } : {}),
      }),
    })
  }

  return (app, _options, done) => {
    app.get<{ Params: { id: string } }>(
      '/indicators/:id',
      { config: { access: 'view-published-packs' } },
      async (request, reply) => {
        if (!requestCan(request, 'view-draft-packs')) {
          const shown = await services.publications.publicIndicator(request.params.id)
          const publication = shown?.publication
          const indicator = publication?.snapshot.catalogue.find((i) => i.id === request.params.id)
          if (!shown || !publication || !indicator) return reply.callNotFound()
          // Signed-in people are entitled to the council's own figures: unsuppressed, marked not for publication.
          const entitled = requestCan(request, 'view-unsuppressed-figures')
          reply.header('vary', 'Cookie')
          if (entitled) {
            reply.header('cache-control', 'private, no-store')
            return reply.view('pages/indicator.njk', await publishedIndicatorPage(publication, indicator, true))
          }
          // What the public sees depends on the published version and the glossary alone: made once, then kept.
          // The chart uses the SPC settings frozen with the version; for a version published before they were kept,
          // today's, and a process change recorded in this process redraws it (services.spc.stamp).
          const key = [
            'indicator',
            indicator.id,
            publication.contentHash,
            shown.glossaryStamp,
            services.spc.stamp(),
          ].join('|')
          return responses.send(request, reply, key, async () => {
            const body = await reply.viewAsync(
              'pages/indicator.njk',
              await publishedIndicatorPage(publication, indicator, false),
            )
            return { type: 'text/html; charset=utf-8', body }
          })
        }
        return livePage(request, reply, request.params.id)
      },
    )

    const manage = { config: { access: 'manage-catalogue' as const } }
    app.post<{ Params: { id: string } }>('/indicators/:id/process-changes', manage, async (request, reply) => {
      const fields = formFields(request.body)
      const result = await services.spc.addProcessChange(
        request.params.id,
        fields,
        { actor: actorOf(request), correlationId: request.id },
        request.user?.name ?? actorOf(request),
      )
      if (!result.ok) {
        if (result.problems.some((p) => p.field === 'indicator')) return reply.callNotFound()
        const problems = result.problems.filter(
          (p): p is ProcessChangeProblem => p.field === 'month' || p.field === 'reason',
        )
        return livePage(request, reply.code(400), request.params.id, { ...fields, problems })
      }
      return reply.redirect(`/indicators/${encodeURIComponent(request.params.id)}#spc`, 303)
    })

    app.post<{ Params: { id: string } }>('/indicators/:id/process-changes/remove', manage, async (request, reply) => {
      const { month } = formFields(request.body)
      if (!isPeriod(month))
        return livePage(request, reply.code(400), request.params.id, {
          month: '',
          reason: '',
          problems: [{ field: 'month', message: 'Choose a process change to remove' }],
        })
      const removed = await services.spc.removeProcessChange(request.params.id, month, {
        actor: actorOf(request),
        correlationId: request.id,
      })
      if (removed === null) return reply.callNotFound()
      return reply.redirect(`/indicators/${encodeURIComponent(request.params.id)}#spc`, 303)
    })
    done()
  }
}

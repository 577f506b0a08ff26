/**
 * `/indicators/{id}`: one indicator's whole history, definition, benchmarks, targets and revisions.
 *
 * The people who prepare the pack see the live history and every revision. Everyone else sees only what the
 * latest published pack holding the indicator shows (its 13 months and the catalogue details frozen with it); an
 * indicator in no published pack does not exist for them. Disclosure control applies to people not signed in;
 * signed-in people see the figures unsuppressed, marked not for publication.
 */
import type { FastifyPluginCallback } from 'fastify'
import type { Observation } from '../../domain/catalogue.ts'
import { disclosePack, withheldKey } from '../../domain/publication.ts'
import type { Services } from '../../services/index.ts'
import { requestCan } from '../access.ts'
import { indicatorPageModel } from '../view-models/indicator-page.ts'

export function indicatorRoutes(services: Services): FastifyPluginCallback {
  return (app, _options, done) => {
    app.get<{ Params: { id: string } }>(
      '/indicators/:id',
      { config: { access: 'view-published-packs' } },
      async (request, reply) => {
        if (!requestCan(request, 'view-draft-packs')) {
          const publication = await services.publications.latestPublicationOf(request.params.id)
          const { snapshot } = publication ?? {}
          const indicator = snapshot?.catalogue.find((i) => i.id === request.params.id)
          if (!snapshot || !indicator) return reply.callNotFound()
          const catalogue = new Map(snapshot.catalogue.map((i) => [i.id, i]))
          const disclosed = disclosePack(snapshot.pack, catalogue, snapshot.disclosureRule)
          const hiddenPeriods = new Set(
            snapshot.pack.months.filter((period) => disclosed.withheld.has(withheldKey(indicator.id, period))),
          )
          // Signed-in people are entitled to the council's own figures: unsuppressed, marked not for publication.
          const entitled = requestCan(request, 'view-unsuppressed-figures')
          reply.header('vary', 'Cookie')
          if (entitled) reply.header('cache-control', 'private, no-store')
          const row = (entitled ? snapshot.pack : disclosed.pack).indicators.find((r) => r.id === indicator.id)
          const history: Observation[] = (row?.values ?? []).map((v) => ({ indicatorId: indicator.id, ...v }))
          const datasets = (await services.packs.listDatasets())
            .map((d) => d.dataset)
            .filter((d) => d.id === snapshot.datasetId)
          return reply.view('pages/indicator.njk', {
            model: indicatorPageModel({
              indicator,
              history,
              revisions: [],
              datasets,
              sourceNote: `Published pack for ${snapshot.period}, version ${publication?.version ?? 1}`,
              asOf: snapshot.period,
              catalogue,
              ...(entitled ? { restrictedPeriods: hiddenPeriods } : { withheldPeriods: hiddenPeriods }),
              glossary: await services.glossary.list(),
            }),
          })
        }
        const view = await services.packs.getIndicator(request.params.id)
        if (!view) return reply.callNotFound()
        const glossary = await services.glossary.list()
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
            drillDowns: requestCan(request, 'view-drill-downs'),
            restrictedPeriods,
          }),
        })
      },
    )
    done()
  }
}

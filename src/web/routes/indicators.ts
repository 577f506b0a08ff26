/**
 * `/indicators/{id}`: one indicator's whole history, definition, benchmarks, targets and revisions.
 *
 * The people who prepare the pack see the live history and every revision. Everyone else sees only what the
 * latest published pack holding the indicator shows (its 13 months and the catalogue details frozen with it); an
 * indicator in no published pack does not exist for them. Disclosure control applies to people not signed in;
 * signed-in people see the figures unsuppressed, marked not for publication.
 */
import type { FastifyPluginCallback } from 'fastify'
import type { Indicator, Observation } from '../../domain/catalogue.ts'
import { disclosePack, withheldKey, type Publication } from '../../domain/publication.ts'
import type { Services } from '../../services/index.ts'
import { requestCan } from '../access.ts'
import type { PublishedResponses } from '../published-responses.ts'
import { indicatorPageModel } from '../view-models/indicator-page.ts'

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
      }),
    }
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
          const key = ['indicator', indicator.id, publication.contentHash, shown.glossaryStamp].join('|')
          return responses.send(request, reply, key, async () => {
            const body = await reply.viewAsync(
              'pages/indicator.njk',
              await publishedIndicatorPage(publication, indicator, false),
            )
            return { type: 'text/html; charset=utf-8', body }
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

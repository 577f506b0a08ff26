/**
 * `/datasets/{id}/{month}/spc`: the dataset's statistical process control summary grid (variation against
 * assurance), the page a director reads first. The same access as the pack page: the public sees published months
 * (disclosure control applied: withheld months are left out of the charts), signed-in people the published figures
 * unsuppressed, and the people who prepare the pack the live figures of every month.
 */
import type { FastifyPluginCallback } from 'fastify'
import { isPeriod } from '../../domain/period.ts'
import type { Services } from '../../services/index.ts'
import { requestCan } from '../access.ts'
import type { Pack } from '../../domain/pack.ts'
import { packSpcEntries, spcGridModel, type SpcGridIndicator } from '../view-models/spc.ts'

/** Each indicator of a pack with its SPC icons, from the council's process changes and run length. */
export async function spcEntriesOf(services: Services, pack: Pack): Promise<SpcGridIndicator[]> {
  const [processChanges, runLength] = await Promise.all([
    services.spc.processChangesFor(pack.indicators.map((row) => row.id)),
    services.spc.runLength(),
  ])
  return packSpcEntries(pack, processChanges, runLength)
}

export function spcGridRoutes(services: Services): FastifyPluginCallback {
  return (app, _options, done) => {
    app.get<{ Params: { dataset: string; period: string } }>(
      '/datasets/:dataset/:period/spc',
      { config: { access: 'view-published-packs' } },
      async (request, reply) => {
        const { dataset, period } = request.params
        if (!isPeriod(period)) return reply.callNotFound()
        let shown: { pack: Pack; title: string } | null = null
        reply.header('vary', 'Cookie')
        if (requestCan(request, 'view-draft-packs')) {
          const live = await services.packs.getPack(dataset, period)
          if (live.ok) shown = { pack: live.value.pack, title: live.value.dataset.title }
        } else {
          const publication = await services.publications.publishedPack(dataset, period)
          if (publication !== null) {
            const { snapshot } = publication
            const entitled = requestCan(request, 'view-unsuppressed-figures')
            shown = {
              pack: entitled ? snapshot.pack : services.publications.disclosed(snapshot).pack,
              title: snapshot.datasetTitle,
            }
          }
        }
        if (shown === null) return reply.callNotFound()
        if (request.user !== null) reply.header('cache-control', 'private, no-store')
        return reply.view('pages/spc-grid.njk', {
          model: spcGridModel({
            datasetId: dataset,
            datasetTitle: shown.title,
            period,
            entries: await spcEntriesOf(services, shown.pack),
            runLength: await services.spc.runLength(),
          }),
        })
      },
    )
    done()
  }
}

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
import type { PackSnapshot } from '../../domain/publication.ts'
import type { RunLength } from '../../domain/statistics/spc.ts'
import { packSpcEntries, spcGridModel, type SpcGridIndicator } from '../view-models/spc.ts'

/**
 * Each indicator of a pack with its SPC icons: a published version's from the settings frozen with it
 * (services.spc.publishedSettings), the live pack's from the council's process changes and run length now.
 */
export async function spcEntriesOf(
  services: Services,
  pack: Pack,
  published?: PackSnapshot,
): Promise<{ entries: SpcGridIndicator[]; runLength: RunLength }> {
  const ids = pack.indicators.map((row) => row.id)
  const { processChanges, runLength } =
    published === undefined ? await services.spc.settingsNow(ids) : await services.spc.publishedSettings(published, ids)
  return { entries: packSpcEntries(pack, processChanges, runLength), runLength }
}

export function spcGridRoutes(services: Services): FastifyPluginCallback {
  return (app, _options, done) => {
    app.get<{ Params: { dataset: string; period: string } }>(
      '/datasets/:dataset/:period/spc',
      { config: { access: 'view-published-packs' } },
      async (request, reply) => {
        const { dataset, period } = request.params
        if (!isPeriod(period)) return reply.callNotFound()
        let shown: { pack: Pack; title: string; published?: PackSnapshot } | null = null
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
              published: snapshot,
            }
          }
        }
        if (shown === null) return reply.callNotFound()
        if (request.user !== null) reply.header('cache-control', 'private, no-store')
        const { entries, runLength } = await spcEntriesOf(services, shown.pack, shown.published)
        return reply.view('pages/spc-grid.njk', {
          model: spcGridModel({ datasetId: dataset, datasetTitle: shown.title, period, entries, runLength }),
        })
      },
    )
    done()
  }
}

/**
 * `/datasets`, and the monthly pack `/datasets/{dataset}/{YYYY-MM}` as a page or as `.csv`, `.xlsx`, `.json`.
 */
import type { FastifyPluginCallback } from 'fastify'
import { isPeriod } from '../../domain/period.ts'
import { packToCsv } from '../../exporters/pack-csv.ts'
import { packToJson } from '../../exporters/pack-json.ts'
import { packToXlsx } from '../../exporters/pack-xlsx.ts'
import type { Services } from '../../services/index.ts'
import { datasetsPageModel } from '../view-models/datasets-page.ts'
import { packPageModel } from '../view-models/pack-page.ts'

const PACK_FILE = /^(\d{4}-\d{2})(?:\.(csv|xlsx|json))?$/

export function datasetRoutes(services: Services): FastifyPluginCallback {
  return (app, _options, done) => {
    app.get('/datasets', { config: { access: 'view-published-packs' } }, async (request, reply) => {
      const datasets = await services.packs.listDatasets()
      return reply.view('pages/datasets.njk', { model: datasetsPageModel(datasets) })
    })

    app.get<{ Params: { dataset: string } }>(
      '/datasets/:dataset',
      { config: { access: 'view-published-packs' } },
      async (request, reply) => {
        const datasets = await services.packs.listDatasets()
        const found = datasets.find((d) => d.dataset.id === request.params.dataset)
        const latest = found?.periods.at(-1)
        if (!found || latest === undefined) return reply.callNotFound()
        return reply.redirect(`/datasets/${encodeURIComponent(found.dataset.id)}/${latest}`, 303)
      },
    )

    app.get<{ Params: { dataset: string; file: string } }>(
      '/datasets/:dataset/:file',
      { config: { access: 'view-published-packs' } },
      async (request, reply) => {
        const match = PACK_FILE.exec(request.params.file)
        const period = match?.[1]
        if (period === undefined || !isPeriod(period)) return reply.callNotFound()
        const format = match?.[2] ?? 'html'
        const result = await services.packs.getPack(request.params.dataset, period)
        if (!result.ok) return reply.callNotFound()
        const { pack, catalogue, dataset, availablePeriods } = result.value
        const fileName = `${dataset.id}-${period}`
        switch (format) {
          case 'json':
            return reply.type('application/json; charset=utf-8').send(packToJson(pack))
          case 'csv':
            return reply
              .type('text/csv; charset=utf-8')
              .header('content-disposition', `attachment; filename="${fileName}.csv"`)
              .send(packToCsv(pack, catalogue))
          case 'xlsx':
            return reply
              .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
              .header('content-disposition', `attachment; filename="${fileName}.xlsx"`)
              .send(await packToXlsx(pack, catalogue, { datasetTitle: dataset.title }))
          default:
            return reply.view('pages/pack.njk', {
              model: packPageModel(pack, catalogue, {
                datasetTitle: dataset.title,
                availablePeriods,
                publicView: true,
              }),
            })
        }
      },
    )
    done()
  }
}

/**
 * `/datasets`, and the monthly pack `/datasets/{dataset}/{YYYY-MM}` as a page or as `.csv`, `.xlsx`, `.json`.
 *
 * Who sees what: the people who prepare the pack (`view-draft-packs`) see the live figures, marked where they were
 * revised since publication; everyone else sees only the latest published version, and a month that has not been
 * published does not exist for them. Disclosure control (disclosePack) applies to everyone who is not signed in;
 * signed-in people (`view-unsuppressed-figures`) see the figures unsuppressed, marked not for publication.
 * Directors publish a month through `/datasets/{dataset}/{YYYY-MM}/publish`. Performance officers and
 * administrators create a dataset at `/datasets/new`.
 */
import type { FastifyPluginCallback, FastifyReply, FastifyRequest } from 'fastify'
import { isPeriod, type Period } from '../../domain/period.ts'
import type { Pack } from '../../domain/pack.ts'
import {
  disclosePack,
  revisedSincePublication,
  type DisclosedPack,
  type PackSnapshot,
  type Publication,
} from '../../domain/publication.ts'
import { packToCsv } from '../../exporters/pack-csv.ts'
import { packToJson, publishedPackToJson } from '../../exporters/pack-json.ts'
import { NOT_FOR_PUBLICATION_MARK } from '../../exporters/pack-table.ts'
import { packToXlsx } from '../../exporters/pack-xlsx.ts'
import type { Services } from '../../services/index.ts'
import type { DatasetProblem } from '../../services/dataset-service.ts'
import { actorOf, requestCan } from '../access.ts'
import { formField, formFields, positiveId } from '../request-input.ts'
import { newDatasetModel, type NewDatasetInput } from '../view-models/dataset-form.ts'
import { datasetsPageModel } from '../view-models/datasets-page.ts'
import { packPageModel } from '../view-models/pack-page.ts'
import { packSpcSlots } from '../view-models/spc.ts'
import { spcEntriesOf } from './spc-grid.ts'
import { isFiltered, parsePackFilters, type PackFilters } from '../view-models/pack-filters.ts'
import type { MadeResponse, PublishedResponses } from '../published-responses.ts'
import {
  liveNotice,
  publicationsPageModel,
  publishedNotice,
  publishedWords,
  publishPageModel,
  suppressionText,
} from '../view-models/publication-pages.ts'
import { doneUrl } from '../success-banners.ts'

const PACK_FILE = /^(\d{4}-\d{2})(?:\.(csv|xlsx|json))?$/

type PackFormat = 'html' | 'csv' | 'xlsx' | 'json'

/** `?version=2`, for officers opening an earlier published version; null when absent or not a whole number. */
function versionQuery(query: unknown): number | null {
  const text = (query as { version?: unknown } | undefined)?.version
  if (typeof text !== 'string' || !/^[1-9]\d{0,5}$/.test(text)) return null
  return Number(text)
}

/** What one person is shown of a pack: the public version, or the council's own figures marked not for publication. */
interface ShownPack {
  pack: Pack
  /** Figures shown as `c`. */
  withheld: ReadonlySet<string>
  /** Figures shown with their value that the public sees as `c`. */
  restricted: ReadonlySet<string>
  notForPublication: boolean
  exportOptions: { withheld?: ReadonlySet<string>; notForPublication?: string }
}

/**
 * The public version of a pack for anyone not signed in; for a signed-in person (entitled to the council's own
 * figures, `view-unsuppressed-figures`) the unsuppressed pack, marked not for publication where it differs from
 * the public one, and never kept by a shared cache.
 */
function unsuppressedFor(
  request: FastifyRequest,
  reply: FastifyReply,
  unsuppressed: Pack,
  disclosed: DisclosedPack,
): ShownPack {
  reply.header('vary', 'Cookie')
  if (!requestCan(request, 'view-unsuppressed-figures')) {
    return {
      pack: disclosed.pack,
      withheld: disclosed.withheld,
      restricted: new Set(),
      notForPublication: false,
      exportOptions: { withheld: disclosed.withheld },
    }
  }
  reply.header('cache-control', 'private, no-store')
  const differs = disclosed.withheld.size > 0
  return {
    pack: unsuppressed,
    withheld: new Set(),
    restricted: disclosed.withheld,
    notForPublication: differs,
    exportOptions: differs ? { notForPublication: NOT_FOR_PUBLICATION_MARK } : {},
  }
}

export function datasetRoutes(services: Services, responses: PublishedResponses): FastifyPluginCallback {
  /** The months each dataset shows this person: every month with figures for preparers, published ones for others. */
  async function visibleDatasets(request: FastifyRequest) {
    const datasets = await services.packs.listDatasets()
    if (requestCan(request, 'view-draft-packs')) return datasets
    return Promise.all(
      datasets.map(async ({ dataset }) => ({
        dataset,
        periods: await services.publications.publishedPeriods(dataset.id),
      })),
    )
  }

  /**
   * Each indicator's SPC words for the pack page, from the figures it shows (withheld months are skipped): a
   * published version's with the settings frozen with it.
   */
  async function spcSlotsOf(pack: Pack, published?: PackSnapshot) {
    return packSpcSlots((await spcEntriesOf(services, pack, published)).entries)
  }

  /** What one published version is, in the asked format, as this person may see it. */
  async function renderPublished(
    request: FastifyRequest,
    reply: FastifyReply,
    publication: Publication,
    format: PackFormat,
    surroundings: { latestVersion: number; availablePeriods: Period[]; filters: PackFilters },
  ): Promise<MadeResponse> {
    const officer = requestCan(request, 'view-draft-packs')
    const { snapshot } = publication
    const catalogue = new Map(snapshot.catalogue.map((indicator) => [indicator.id, indicator]))
    // Signed-in people are entitled to the council's own figures: unsuppressed, marked not for publication.
    const shown = unsuppressedFor(request, reply, snapshot.pack, services.publications.disclosed(snapshot))
    const fileName = `${snapshot.datasetId}-${snapshot.period}${shown.notForPublication ? '-not-for-publication' : ''}`
    switch (format) {
      case 'json':
        return {
          type: 'application/json; charset=utf-8',
          body: publishedPackToJson(
            shown.pack,
            shown.withheld,
            {
              version: publication.version,
              publishedAt: snapshot.publishedAt,
              publishedBy: snapshot.publishedBy,
              contentHash: publication.contentHash,
              disclosure: suppressionText(snapshot.disclosureRule),
              ...(shown.notForPublication ? { notForPublication: NOT_FOR_PUBLICATION_MARK } : {}),
            },
            catalogue,
          ),
        }
      case 'csv':
        return {
          type: 'text/csv; charset=utf-8',
          disposition: `attachment; filename="${fileName}.csv"`,
          body: packToCsv(shown.pack, catalogue, shown.exportOptions),
        }
      case 'xlsx':
        return {
          type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          disposition: `attachment; filename="${fileName}.xlsx"`,
          body: await packToXlsx(shown.pack, catalogue, {
            datasetTitle: snapshot.datasetTitle,
            ...shown.exportOptions,
          }),
        }
      default: {
        const isLatest = publication.version === surroundings.latestVersion
        return {
          type: 'text/html; charset=utf-8',
          body: await reply.viewAsync('pages/pack.njk', {
            model: packPageModel(shown.pack, catalogue, {
              datasetTitle: snapshot.datasetTitle,
              availablePeriods: surroundings.availablePeriods,
              publicView: true,
              marks: { withheld: shown.withheld, restricted: shown.restricted },
              downloadQuery: isLatest ? '' : `?version=${publication.version}`,
              notForPublication: shown.notForPublication,
              filters: surroundings.filters,
              spc: await spcSlotsOf(shown.pack, snapshot),
            }),
            notice: publishedNotice(publication, { officer, latestVersion: surroundings.latestVersion }),
            words: publishedWords(snapshot, await services.glossary.list()),
          }),
        }
      }
    }
  }

  function send(reply: FastifyReply, made: MadeResponse): FastifyReply {
    reply.type(made.type)
    if (made.disposition !== undefined) reply.header('content-disposition', made.disposition)
    return reply.send(made.body)
  }

  /**
   * The latest published version of a month for someone not signed in: made once per state of the month (its
   * content hash, the dataset's published months, the glossary) and kept, so most requests cost two small reads.
   */
  async function sendPublic(
    request: FastifyRequest,
    reply: FastifyReply,
    datasetId: string,
    period: Period,
    format: PackFormat,
  ): Promise<FastifyReply> {
    const state = await services.publications.publicState(datasetId, period)
    if (state === null) {
      reply.callNotFound()
      return reply
    }
    const filters = parsePackFilters(request.query)
    if (format === 'html' && isFiltered(filters)) {
      // A filtered page is made for its request and not kept: the filters' text is the asker's, and unbounded.
      const publication = await services.publications.publishedPack(datasetId, period, state.version)
      if (publication === null) {
        reply.callNotFound()
        return reply
      }
      reply.header('cache-control', 'public, no-cache')
      const made = await renderPublished(request, reply, publication, format, {
        latestVersion: state.version,
        availablePeriods: state.periods,
        filters,
      })
      return send(reply, made)
    }
    const path = request.url.split('?')[0] ?? ''
    // Downloads depend on the version alone; the page also lists the published months, links glossary terms and
    // gives each indicator's SPC words: from the settings frozen with the version, or, for a version published before
    // they were kept, today's (a process change recorded in this process redraws those: services.spc.stamp).
    const key =
      format === 'html'
        ? [
            format,
            path,
            state.version,
            state.contentHash,
            state.periods.join(','),
            state.glossaryStamp,
            services.spc.stamp(),
          ].join('|')
        : [format, path, state.version, state.contentHash].join('|')
    return responses.send(request, reply, key, async () => {
      const publication = await services.publications.publishedPack(datasetId, period, state.version)
      if (publication === null) throw new Error(`Version ${state.version} of ${datasetId} ${period} has gone.`)
      return renderPublished(request, reply, publication, format, {
        latestVersion: state.version,
        availablePeriods: state.periods,
        filters,
      })
    })
  }

  return (app, _options, done) => {
    app.get<{ Querystring: { created?: string } }>(
      '/datasets',
      { config: { access: 'view-published-packs' } },
      async (request, reply) => {
        const datasets = await visibleDatasets(request)
        const officer = requestCan(request, 'view-draft-packs')
        const canCreate = requestCan(request, 'manage-catalogue')
        const created = canCreate ? datasets.find((d) => d.dataset.id === request.query.created) : undefined
        return reply.view('pages/datasets.njk', {
          model: datasetsPageModel(datasets, { cycleLinks: officer }),
          publishedOnly: !officer,
          canCreate,
          created: created === undefined ? null : created.dataset.title,
        })
      },
    )

    const renderNewDataset = async (reply: FastifyReply, input: NewDatasetInput, problems: readonly DatasetProblem[]) =>
      reply.view('pages/dataset-new.njk', {
        model: newDatasetModel(input, await services.datasets.indicatorChoices(), problems),
      })

    app.get('/datasets/new', { config: { access: 'manage-catalogue' } }, async (_request, reply) =>
      renderNewDataset(reply, { id: '', title: '', indicatorIds: [] }, []),
    )

    app.post('/datasets/new', { config: { access: 'manage-catalogue' } }, async (request, reply) => {
      const input = {
        id: formField(request.body, 'id'),
        title: formField(request.body, 'title'),
        indicatorIds: formFields(request.body, 'indicators'),
      }
      const result = await services.datasets.create(input, { actor: actorOf(request), correlationId: request.id })
      if (!result.ok) return renderNewDataset(reply.code(400), input, result.problems)
      return reply.redirect(`/datasets?created=${encodeURIComponent(result.value.id)}`, 303)
    })

    app.get<{ Params: { dataset: string } }>(
      '/datasets/:dataset',
      { config: { access: 'view-published-packs' } },
      async (request, reply) => {
        const datasets = await visibleDatasets(request)
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
        const format = (match?.[2] ?? 'html') as PackFormat
        const officer = requestCan(request, 'view-draft-packs')
        const version = officer ? versionQuery(request.query) : null

        // The public, and officers asking for a published version, get the snapshot, never the live figures.
        if (request.user === null) return sendPublic(request, reply, request.params.dataset, period, format)
        if (!officer || version !== null) {
          const publication = await services.publications.publishedPack(request.params.dataset, period, version)
          if (publication === null) return reply.callNotFound()
          const latestVersion =
            (await services.publications.history(publication.datasetId, publication.period))[0]?.version ??
            publication.version
          return send(
            reply,
            await renderPublished(request, reply, publication, format, {
              latestVersion,
              availablePeriods: await services.publications.publishedPeriods(publication.datasetId),
              filters: parsePackFilters(request.query),
            }),
          )
        }

        const result = await services.packs.getPack(request.params.dataset, period)
        if (!result.ok) return reply.callNotFound()
        const { pack, catalogue, dataset, availablePeriods } = result.value
        const live = unsuppressedFor(
          request,
          reply,
          pack,
          disclosePack(pack, catalogue, await services.publications.disclosureRule()),
        )
        const fileName = `${dataset.id}-${period}${live.notForPublication ? '-not-for-publication' : ''}`
        switch (format) {
          case 'json':
            return reply.type('application/json; charset=utf-8').send(packToJson(pack))
          case 'csv':
            return reply
              .type('text/csv; charset=utf-8')
              .header('content-disposition', `attachment; filename="${fileName}.csv"`)
              .send(packToCsv(pack, catalogue, live.exportOptions))
          case 'xlsx':
            return reply
              .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
              .header('content-disposition', `attachment; filename="${fileName}.xlsx"`)
              .send(await packToXlsx(pack, catalogue, { datasetTitle: dataset.title, ...live.exportOptions }))
          default: {
            const latest = await services.publications.publishedPack(dataset.id, period)
            const revised = latest === null ? new Map() : revisedSincePublication(pack, latest.snapshot.pack)
            return reply.view('pages/pack.njk', {
              model: packPageModel(pack, catalogue, {
                datasetTitle: dataset.title,
                availablePeriods,
                publicView: false,
                marks: { revised, restricted: live.restricted },
                ...(requestCan(request, 'view-drill-downs')
                  ? { drillDowns: await services.drillDowns.monthsWithChildrenOf(pack.indicators.map((row) => row.id)) }
                  : {}),
                spc: await spcSlotsOf(pack),
                notForPublication: live.notForPublication,
                filters: parsePackFilters(request.query),
              }),
              notice: liveNotice(dataset.id, period, latest, {
                revisedCount: revised.size,
                canPublish: requestCan(request, 'publish-pack'),
              }),
              words: null,
            })
          }
        }
      },
    )

    app.get<{ Params: { dataset: string; period: string } }>(
      '/datasets/:dataset/:period/publications',
      { config: { access: 'view-draft-packs' } },
      async (request, reply) => {
        const { dataset: datasetId, period } = request.params
        if (!isPeriod(period)) return reply.callNotFound()
        const datasets = await services.packs.listDatasets()
        const found = datasets.find((d) => d.dataset.id === datasetId)
        if (!found) return reply.callNotFound()
        const versions = await services.publications.history(datasetId, period)
        return reply.view('pages/publications.njk', {
          model: publicationsPageModel(found.dataset.title, datasetId, period, versions),
        })
      },
    )

    const showPublishPage = async (
      reply: FastifyReply,
      datasetId: string,
      period: Period,
      status = 200,
      error: string | null = null,
    ): Promise<FastifyReply> => {
      const preview = await services.publications.preview(datasetId, period)
      if (!preview.ok) {
        reply.callNotFound()
        return reply
      }
      return reply.code(status).view('pages/publish.njk', {
        model: publishPageModel({ datasetId, ...preview.value }),
        error,
      })
    }

    app.get<{ Params: { dataset: string; period: string } }>(
      '/datasets/:dataset/:period/publish',
      { config: { access: 'publish-pack' } },
      async (request, reply) => {
        if (!isPeriod(request.params.period)) return reply.callNotFound()
        return showPublishPage(reply, request.params.dataset, request.params.period)
      },
    )

    app.post<{ Params: { dataset: string; period: string } }>(
      '/datasets/:dataset/:period/publish',
      { config: { access: 'publish-pack' } },
      async (request, reply) => {
        const { dataset: datasetId, period } = request.params
        const user = request.user
        if (!isPeriod(period) || user === null) return reply.callNotFound()
        // The version the confirmation page offered: a publication made meanwhile is reported, not repeated.
        const expectedVersion = positiveId(formField(request.body, 'version'))
        const result = await services.publications.publish(datasetId, period, user.name, {
          correlationId: request.id,
          ...(expectedVersion === null ? {} : { expectedVersion }),
        })
        if (!result.ok) {
          if (result.problem.kind === 'no-such-dataset') return reply.callNotFound()
          const status = result.problem.kind === 'already-published' ? 409 : 400
          return showPublishPage(reply, datasetId, period, status, result.problem.message)
        }
        return reply.redirect(doneUrl(`/datasets/${encodeURIComponent(datasetId)}/${period}`, 'pack-published'), 303)
      },
    )
    done()
  }
}

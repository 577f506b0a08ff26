/**
 * Reading the monthly pack and the indicator pages: gathers catalogue and figures from the store and hands them
 * to the pure pack builder.
 */
import { buildPack } from '../domain/build-pack.ts'
import type { Dataset, Indicator, Observation, Revision } from '../domain/catalogue.ts'
import type { Pack } from '../domain/pack.ts'
import { addMonths, type Period } from '../domain/period.ts'
import { withDfeBenchmarks } from '../domain/statistics/benchmarks.ts'
import type { Repositories } from '../store/data-access.ts'
import { DEFAULT_MEASURE_SETTINGS, type MeasureSettings } from '../domain/measures/types.ts'
import { MEASURE_SETTINGS_KEY } from './annex-a-service.ts'
import { dfeBenchmarksFor } from './benchmark-service.ts'
import { POPULATION_SOURCE_SETTING, standingFallbacks, type PopulationSource } from './population-service.ts'
import { displayDate } from '../domain/calendar/days.ts'
import { londonDate } from '../domain/calendar/london-time.ts'

export interface PackView {
  pack: Pack
  dataset: Dataset
  catalogue: ReadonlyMap<string, Indicator>
  availablePeriods: Period[]
}

export interface IndicatorView {
  indicator: Indicator
  history: Observation[]
  revisions: Revision[]
  datasets: Dataset[]
  sourceNote: string | null
  latestPeriod: Period | null
  /** The indicators this one is built from, by id, for their titles. */
  related: ReadonlyMap<string, Indicator>
}

export type PackProblem =
  { kind: 'no-such-dataset'; datasetId: string } | { kind: 'no-figures'; datasetId: string; period: Period }

function withLinkedIndicators(dataset: Dataset, indicators: readonly Indicator[]): string[] {
  const ids = new Set(dataset.indicatorIds)
  for (const indicator of indicators) {
    if (indicator.numeratorId !== null) ids.add(indicator.numeratorId)
    if (indicator.denominatorId !== null) ids.add(indicator.denominatorId)
  }
  return [...ids]
}

/**
 * Rates per 10,000 computed from Annex A with the years whose child population falls back to an earlier year's
 * ONS estimate (the pack and indicator pages footnote them); other indicators, or none falling back, unchanged.
 */
async function withPopulationFallbacks(data: Repositories, indicators: Indicator[]): Promise<Indicator[]> {
  if (!indicators.some(usesPopulation)) return indicators
  const source = (await data.settings.get(POPULATION_SOURCE_SETTING)) as PopulationSource | null
  if (source === null) return indicators
  const stored = (await data.settings.get(MEASURE_SETTINGS_KEY)) as Partial<MeasureSettings> | null
  const fallbacks = standingFallbacks(source, { ...DEFAULT_MEASURE_SETTINGS.population, ...(stored?.population ?? {}) })
  if (fallbacks.length === 0) return indicators
  return indicators.map((indicator) =>
    usesPopulation(indicator) ? { ...indicator, populationFallbacks: fallbacks } : indicator,
  )
}

function usesPopulation(indicator: Indicator): boolean {
  return indicator.unit === 'rate per 10,000' && indicator.measure !== null
}

/** Takes the repositories (the database's, or a transaction's: publishing builds the pack inside its transaction). */
export function packService(data: Repositories) {
  return {
    async listDatasets(): Promise<Array<{ dataset: Dataset; periods: Period[] }>> {
      const datasets = await data.catalogue.findDatasets()
      return Promise.all(
        datasets.map(async (dataset) => ({
          dataset,
          periods: await data.observations.periodsWithData(dataset.indicatorIds),
        })),
      )
    },

    async getPack(
      datasetId: string,
      period: Period,
    ): Promise<{ ok: true; value: PackView } | { ok: false; problem: PackProblem }> {
      const dataset = await data.catalogue.findDataset(datasetId)
      if (!dataset) return { ok: false, problem: { kind: 'no-such-dataset', datasetId } }
      const members = await data.catalogue.findIndicators(dataset.indicatorIds)
      const ids = withLinkedIndicators(dataset, members)
      const extra = ids.filter((id) => !dataset.indicatorIds.includes(id))
      const listed = extra.length === 0 ? members : [...members, ...(await data.catalogue.findIndicators(extra))]
      // Indicators naming a DfE item take their benchmark columns from DfE's figures for the chosen council.
      const items = listed.flatMap((indicator) =>
        indicator.benchmarkItem === undefined ? [] : [indicator.benchmarkItem],
      )
      const dfe = await dfeBenchmarksFor(data, items)
      const indicators = await withPopulationFallbacks(
        data,
        dfe.size === 0 ? listed : listed.map((indicator) => withDfeBenchmarks(indicator, dfe)),
      )
      const availablePeriods = await data.observations.periodsWithData(dataset.indicatorIds)
      if (!availablePeriods.includes(period)) return { ok: false, problem: { kind: 'no-figures', datasetId, period } }
      const observations = await data.observations.findObservations(ids, addMonths(period, -12), period)
      const pack = buildPack({ dataset, indicators, observations, period })
      return {
        ok: true,
        value: { pack, dataset, catalogue: new Map(indicators.map((i) => [i.id, i])), availablePeriods },
      }
    },

    async getIndicator(id: string): Promise<IndicatorView | null> {
      const stored = await data.catalogue.findIndicator(id)
      if (!stored) return null
      // The page shows the benchmarks the pack shows: DfE's where the indicator names a DfE item.
      const dfe = await dfeBenchmarksFor(data, stored.benchmarkItem === undefined ? [] : [stored.benchmarkItem])
      const [indicator = stored] = await withPopulationFallbacks(data, [withDfeBenchmarks(stored, dfe)])
      const [history, revisions, datasets, latestImport] = await Promise.all([
        data.observations.findHistory(id),
        data.observations.findRevisions(id),
        data.catalogue.findDatasets(),
        data.imports.latestForIndicator(id),
      ])
      const withValues = history.filter((o) => o.value !== null)
      const relatedIds = [indicator.numeratorId, indicator.denominatorId].filter((x): x is string => x !== null)
      const related = await data.catalogue.findIndicators(relatedIds)
      return {
        indicator,
        history,
        revisions,
        datasets: datasets.filter((d) => d.indicatorIds.includes(id)),
        sourceNote:
          latestImport === null
            ? null
            : `${latestImport.kind === 'annex-a' ? 'Annex A import' : 'Figures import'} of ${displayDate(londonDate(latestImport.importedAt))} (${latestImport.sourceFile})`,
        latestPeriod: withValues.at(-1)?.period ?? null,
        related: new Map(related.map((i) => [i.id, i])),
      }
    },
  }
}

export type PackService = ReturnType<typeof packService>

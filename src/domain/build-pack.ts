/**
 * Builds the monthly pack: every indicator of a dataset for month P, with the 13 months P−12 … P and the
 * derived columns the council publishes (docs/methodology.md).
 */
import type { Dataset, Indicator, Observation } from './catalogue.ts'
import type { Pack, PackIndicator, PackValue } from './pack.ts'
import { periodsEnding, type Period } from './period.ts'
import { changeBetween } from './statistics/change.ts'
import { resolveMonthValue, type ObservationLookup } from './statistics/percentage.ts'
import { ragStatus } from './statistics/rag.ts'
import { roundForDisplay } from './statistics/rounding.ts'
import { targetFor } from './statistics/target.ts'
import { averageOfAvailable, maximumOfAvailable } from './statistics/twelve-months.ts'

/** A pack asked for with inputs that the rest of the system should never have produced. */
export class PackBuildError extends Error {
  override name = 'PackBuildError'
}

/** Months in a pack: the month itself and the 12 before it. */
export const PACK_MONTHS = 13

export interface BuildPackInput {
  dataset: Dataset
  indicators: Indicator[]
  observations: Observation[]
  period: Period
}

/**
 * The pack for `period`: the dataset's indicators in the dataset's order, each with 13 monthly values
 * (P−12 … P; a month with no observation has nulls), the change from the previous month and from the same
 * month last year, the 12-month average and maximum (P−11 … P, rounded as displayed), the benchmarks, the
 * target for P's financial year and its RAG status. Percentages are computed from their numerator and
 * denominator where known. Throws PackBuildError when the dataset names an indicator the catalogue does not
 * have, or when an indicator has two observations for the same month.
 * @example
 * buildPack({ dataset, indicators, observations, period: '2018-04' }).months
 * // ['2017-04', '2017-05', …, '2018-04']
 */
export function buildPack(input: BuildPackInput): Pack {
  const { dataset, indicators, observations, period } = input
  const months = periodsEnding(period, PACK_MONTHS)
  const catalogue = new Map(indicators.map((indicator) => [indicator.id, indicator]))
  const lookup = observationLookup(observations)

  return {
    dataset: dataset.id,
    period,
    months,
    indicators: dataset.indicatorIds.map((id) => {
      const indicator = catalogue.get(id)
      if (!indicator) {
        throw new PackBuildError(
          `The dataset "${dataset.title}" lists indicator "${id}", which is not in the catalogue.`,
        )
      }
      return packIndicator(indicator, period, months, lookup)
    }),
  }
}

function packIndicator(
  indicator: Indicator,
  period: Period,
  months: Period[],
  lookup: ObservationLookup,
): PackIndicator {
  const values: PackValue[] = months.map((month) => ({ period: month, ...resolveMonthValue(indicator, month, lookup) }))
  const series = values.map((v) => v.value)
  const current = series[PACK_MONTHS - 1] ?? null
  const lastTwelve = series.slice(-12)
  const target = targetFor(indicator.targets, period)
  const { statisticalNeighbours, england, region } = indicator.benchmarks

  return {
    id: indicator.id,
    code: indicator.code,
    title: indicator.title,
    serviceArea: indicator.serviceArea,
    unit: indicator.unit,
    polarity: indicator.polarity,
    values,
    changeFromPreviousMonth: changeBetween(current, series[PACK_MONTHS - 2] ?? null, indicator.polarity),
    changeFromSameMonthLastYear: changeBetween(current, series[0] ?? null, indicator.polarity),
    average12Months: roundForDisplay(indicator.unit, averageOfAvailable(lastTwelve)),
    max12Months: roundForDisplay(indicator.unit, maximumOfAvailable(lastTwelve)),
    benchmarks: {
      statisticalNeighbours: statisticalNeighbours?.value ?? null,
      england: england?.value ?? null,
      region: region?.value ?? null,
    },
    target,
    rag: ragStatus(indicator.polarity, current, target, indicator.ragTolerancePercent),
  }
}

function observationLookup(observations: readonly Observation[]): ObservationLookup {
  const byKey = new Map<string, Observation>()
  for (const observation of observations) {
    const key = `${observation.indicatorId} ${observation.period}`
    if (byKey.has(key)) {
      throw new PackBuildError(
        `Indicator "${observation.indicatorId}" has more than one figure for ${observation.period}; there should be one.`,
      )
    }
    byKey.set(key, observation)
  }
  return (indicatorId, month) => byKey.get(`${indicatorId} ${month}`)
}

/**
 * The datasets page (/datasets): each dataset with the months that have figures, newest first, the latest month
 * given prominence.
 */
import type { Dataset } from '../../domain/catalogue.ts'
import { formatPeriodLong, isPeriod, type Period } from '../../domain/period.ts'
import { safeId, type LinkModel } from './pack-page.ts'

export interface YearOfMonthsModel {
  year: string
  months: LinkModel[]
}

export interface DatasetSummaryModel {
  id: string
  /** For the heading's id, so other pages can link to `/datasets#…`. */
  anchor: string
  title: string
  indicatorCountText: string
  latest: LinkModel | null
  /** Every month with figures, newest first, grouped by calendar year (newest year first). */
  years: YearOfMonthsModel[]
  monthCountText: string
}

export interface DatasetsPageModel {
  pageTitle: string
  datasets: DatasetSummaryModel[]
}

function plural(count: number, one: string, many: string): string {
  return `${count.toLocaleString('en-GB')} ${count === 1 ? one : many}`
}

/**
 * Builds the datasets page: datasets in the order given, each with its latest month and every month by year.
 * Months that are not `YYYY-MM` or repeat are ignored.
 * @example
 * datasetsPageModel([{ dataset: { id: 'monthly', title: 'Monthly dataset', indicatorIds: ['a'] }, periods: ['2018-03', '2018-04'] }])
 *   .datasets[0]?.latest // { text: 'April 2018', href: '/datasets/monthly/2018-04' }
 */
export function datasetsPageModel(datasets: Array<{ dataset: Dataset; periods: Period[] }>): DatasetsPageModel {
  const anchors = new Set<string>()
  return {
    pageTitle: 'Datasets',
    datasets: datasets.map(({ dataset, periods }) => {
      const newestFirst = [...new Set(periods.filter(isPeriod))].sort().reverse()
      const link = (period: Period): LinkModel => ({
        text: formatPeriodLong(period),
        href: `/datasets/${encodeURIComponent(dataset.id)}/${period}`,
      })
      const years: YearOfMonthsModel[] = []
      for (const period of newestFirst) {
        const year = period.slice(0, 4)
        const last = years[years.length - 1]
        if (last?.year === year) last.months.push(link(period))
        else years.push({ year, months: [link(period)] })
      }
      let anchor = `dataset-${safeId(dataset.id)}`
      for (let n = 2; anchors.has(anchor); n += 1) anchor = `dataset-${safeId(dataset.id)}-${n}`
      anchors.add(anchor)
      const latest = newestFirst[0]
      return {
        id: dataset.id,
        anchor,
        title: dataset.title,
        indicatorCountText: plural(dataset.indicatorIds.length, 'indicator', 'indicators'),
        latest: latest === undefined ? null : link(latest),
        years,
        monthCountText: plural(newestFirst.length, 'month', 'months'),
      }
    }),
  }
}

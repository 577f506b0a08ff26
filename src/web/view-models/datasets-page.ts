/**
 * The datasets page (/datasets): each dataset with the months that have figures, newest first, the latest month
 * given prominence.
 */
import type { Dataset } from '../../domain/catalogue.ts'
import { formatPeriodLong, isPeriod, type Period } from '../../domain/period.ts'
import { safeId, type LinkModel } from './pack-page.ts'

/** A month of figures; `cycleHref` is its cycle page, for the officers who prepare the pack (null for others). */
export interface MonthLinkModel extends LinkModel {
  cycleHref: string | null
}

export interface YearOfMonthsModel {
  year: string
  months: MonthLinkModel[]
}

export interface DatasetSummaryModel {
  id: string
  /** For the heading's id, so other pages can link to `/datasets#…`. */
  anchor: string
  title: string
  indicatorCountText: string
  latest: LinkModel | null
  /** The latest month's cycle page, for officers; null otherwise. */
  latestCycleHref: string | null
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
 * Months that are not `YYYY-MM` or repeat are ignored. `cycleLinks` adds each month's cycle page (for officers).
 * @example
 * datasetsPageModel([{ dataset: { id: 'monthly', title: 'Monthly dataset', indicatorIds: ['a'] }, periods: ['2018-03', '2018-04'] }])
 *   .datasets[0]?.latest // { text: 'April 2018', href: '/datasets/monthly/2018-04' }
 */
export function datasetsPageModel(
  datasets: Array<{ dataset: Dataset; periods: Period[] }>,
  options: { cycleLinks?: boolean } = {},
): DatasetsPageModel {
  const anchors = new Set<string>()
  return {
    pageTitle: 'Datasets',
    datasets: datasets.map(({ dataset, periods }) => {
      const newestFirst = [...new Set(periods.filter(isPeriod))].sort().reverse()
      const link = (period: Period): LinkModel => ({
        text: formatPeriodLong(period),
        href: `/datasets/${encodeURIComponent(dataset.id)}/${period}`,
      })
      const cycleHref = (period: Period): string | null =>
        options.cycleLinks === true ? `${link(period).href}/cycle` : null
      const years: YearOfMonthsModel[] = []
      for (const period of newestFirst) {
        const year = period.slice(0, 4)
        const month = { ...link(period), cycleHref: cycleHref(period) }
        const last = years[years.length - 1]
        if (last?.year === year) last.months.push(month)
        else years.push({ year, months: [month] })
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
        latestCycleHref: latest === undefined ? null : cycleHref(latest),
        years,
        monthCountText: plural(newestFirst.length, 'month', 'months'),
      }
    }),
  }
}

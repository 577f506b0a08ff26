/**
 * The monthly pack as JSON: the `pack --format json` contract (src/domain/pack.ts), nothing more.
 */
import type { DfeStanding, Indicator } from '../domain/catalogue.ts'
import type { Change, Pack, PackIndicator, PackValue } from '../domain/pack.ts'
import { withheldKey } from '../domain/publication.ts'
import { finiteOrNull, WITHHELD_SYMBOL } from './pack-table.ts'

// Each object is rebuilt key by key, so the output has the contract's keys in the contract's order whatever
// extra properties or key order the in-memory pack happens to have.

function valueJson(value: PackValue, id: string): PackValue {
  return {
    period: value.period,
    value: finiteOrNull(value.value, id, `value for ${value.period}`),
    numerator: finiteOrNull(value.numerator, id, `numerator for ${value.period}`),
    denominator: finiteOrNull(value.denominator, id, `denominator for ${value.period}`),
  }
}

function changeJson(change: Change, id: string, name: string): Change {
  return { percent: finiteOrNull(change.percent, id, name), direction: change.direction, judgement: change.judgement }
}

function indicatorJson(indicator: PackIndicator): PackIndicator {
  const id = indicator.id
  return {
    id,
    code: indicator.code,
    title: indicator.title,
    serviceArea: indicator.serviceArea,
    unit: indicator.unit,
    polarity: indicator.polarity,
    values: indicator.values.map((value) => valueJson(value, id)),
    changeFromPreviousMonth: changeJson(indicator.changeFromPreviousMonth, id, 'change from previous month'),
    changeFromSameMonthLastYear: changeJson(indicator.changeFromSameMonthLastYear, id, 'change from same month'),
    average12Months: finiteOrNull(indicator.average12Months, id, '12 month average'),
    max12Months: finiteOrNull(indicator.max12Months, id, '12 month maximum'),
    benchmarks: {
      statisticalNeighbours: finiteOrNull(indicator.benchmarks.statisticalNeighbours, id, 'statistical neighbours'),
      england: finiteOrNull(indicator.benchmarks.england, id, 'England benchmark'),
      region: finiteOrNull(indicator.benchmarks.region, id, 'region benchmark'),
    },
    target: finiteOrNull(indicator.target, id, 'target'),
    rag: indicator.rag,
  }
}

/**
 * The pack as pretty-printed JSON (2-space indent, ending in a newline) with exactly the contract's keys in
 * the contract's order. Throws PackExportError for a number that is not finite, which JSON would otherwise
 * silently turn into null.
 * @example
 * JSON.parse(packToJson(pack)).months // ['2017-04', …, '2018-04']
 */
export function packToJson(pack: Pack): string {
  const contract: Pack = {
    dataset: pack.dataset,
    period: pack.period,
    months: [...pack.months],
    indicators: pack.indicators.map(indicatorJson),
  }
  return `${JSON.stringify(contract, null, 2)}\n`
}

/** Who published a pack, when, and the hash of its snapshot, for the published JSON. */
export interface PublishedJsonMeta {
  version: number
  publishedAt: string
  publishedBy: string
  contentHash: string
  /** What the withheld symbol means. */
  disclosure: string
  /** Set for unsuppressed figures (a signed-in person's copy): the warning that they are not for publication. */
  notForPublication?: string
}

/** The council's own DfE figure, rank and quartile as the published JSON writes them (DfE's published figures). */
function dfeJson(standing: DfeStanding, id: string) {
  return {
    value: finiteOrNull(standing.value, id, 'DfE value'),
    notPublished: standing.notPublished,
    rank: standing.rank,
    of: standing.of,
    quartile: standing.quartile,
    vintage: standing.vintage,
  }
}

/**
 * A published pack as JSON for the public: the pack contract with every figure withheld by disclosure control
 * written as `"c"` instead of a number (its numerator and denominator as null), and a `publication` object
 * saying which published version this is. `pack` must already have its withheld figures set to null (disclosePack).
 * Given the snapshot's `catalogue`, an indicator with DfE benchmarks also has `dfeBenchmark` after its benchmarks:
 * the council's own DfE value, rank, quartile and vintage (DfE's figures, never withheld).
 * @example
 * JSON.parse(publishedPackToJson(disclosed.pack, disclosed.withheld, meta)).indicators[35].values[12].value // 'c'
 */
export function publishedPackToJson(
  pack: Pack,
  withheld: ReadonlySet<string>,
  meta: PublishedJsonMeta,
  catalogue: ReadonlyMap<string, Indicator> = new Map(),
): string {
  const c = (id: string, column: string, value: number | null): number | null | 'c' =>
    withheld.has(withheldKey(id, column)) ? WITHHELD_SYMBOL : value
  const indicators = pack.indicators.map((indicator) => {
    const json = indicatorJson(indicator)
    const id = json.id
    const standing = catalogue.get(id)?.dfeStanding
    const { target, rag, ...before } = json
    return {
      ...before,
      // After the benchmarks, so that an indicator without DfE benchmarks has the contract's keys in their order.
      ...(standing === undefined ? {} : { dfeBenchmark: dfeJson(standing, id) }),
      target,
      values: json.values.map((v) => ({ ...v, value: c(id, v.period, v.value) })),
      changeFromPreviousMonth: {
        ...json.changeFromPreviousMonth,
        percent: c(id, 'changeFromPreviousMonth', json.changeFromPreviousMonth.percent),
      },
      changeFromSameMonthLastYear: {
        ...json.changeFromSameMonthLastYear,
        percent: c(id, 'changeFromSameMonthLastYear', json.changeFromSameMonthLastYear.percent),
      },
      average12Months: c(id, 'average12Months', json.average12Months),
      max12Months: c(id, 'max12Months', json.max12Months),
      rag: withheld.has(withheldKey(id, 'rag')) ? WITHHELD_SYMBOL : rag,
    }
  })
  const published = {
    ...(meta.notForPublication === undefined ? {} : { notForPublication: meta.notForPublication }),
    dataset: pack.dataset,
    period: pack.period,
    months: [...pack.months],
    publication: { ...meta },
    indicators,
  }
  return `${JSON.stringify(published, null, 2)}\n`
}

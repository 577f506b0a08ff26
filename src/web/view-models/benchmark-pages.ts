/**
 * The yearly loads page (`/load-data/benchmarks`): DfE's LAIT benchmarks (a .zip of the folder), which council this
 * is, and the child population from ONS mid-year estimates, with what is loaded now. Every string is made here.
 */
import { fileSize } from '../../domain/upload.ts'
import { describeProblem, type ImportProblem } from '../../importers/problem.ts'
import type { BenchmarkCouncil, BenchmarkSource } from '../../services/benchmark-service.ts'
import type { PopulationSource } from '../../services/population-service.ts'
import { formatTimestamp } from './indicator-page.ts'

/** The three forms of the page; a problem or a success names one. */
export type YearlyLoad = 'dfe' | 'council' | 'population'

export function isYearlyLoad(text: unknown): text is YearlyLoad {
  return text === 'dfe' || text === 'council' || text === 'population'
}

/** The fields of the forms, as sent, to put back after a problem. */
export interface YearlyLoadValues {
  council: string
  area: string
}

export interface BenchmarksPageModel {
  pageTitle: string
  /** The GOV.UK error summary's links to the fields. */
  errorList: Array<{ text: string; href: string }>
  errors: Partial<Record<'file' | 'council' | 'populationFile' | 'area', string>>
  /** The file's problems (file, row, column, value, why) when it was refused; nothing was changed. */
  refused: { load: YearlyLoad; heading: string; problems: string[] } | null
  /** What was just done, for the success banner. */
  done: string | null
  benchmarks: Array<{ key: string; value: string }>
  population: Array<{ key: string; value: string }>
  values: YearlyLoadValues
  limit: string
}

/** Longest problem line shown: a file whose header is one 20 MB line would otherwise be quoted whole. */
const LONGEST_PROBLEM = 600

function clipped(text: string): string {
  return text.length <= LONGEST_PROBLEM ? text : `${text.slice(0, LONGEST_PROBLEM)}… (cut short)`
}

const WHAT: Record<YearlyLoad, string> = {
  dfe: 'The DfE benchmarks were not loaded',
  council: 'The council was not chosen',
  population: 'The population was not loaded',
}

/** The years and fallbacks of a population import, one line each. */
function populationRows(source: PopulationSource | null): Array<{ key: string; value: string }> {
  if (source === null) return [{ key: 'Child population', value: 'Not loaded from ONS yet' }]
  const rows = [
    { key: 'Area', value: `${source.areaName ?? source.area} (${source.area})` },
    { key: 'From', value: `${source.file}, loaded ${formatTimestamp(source.importedAt)}` },
  ]
  for (const [year, estimate] of Object.entries(source.estimated))
    rows.push({ key: year, value: `${estimate.children.toLocaleString('en-GB')} (mid-${estimate.midYear} estimate)` })
  for (const [year, from] of Object.entries(source.fallsBackTo))
    rows.push({ key: year, value: `${from}'s figure: ONS has published no estimate for ${year} yet` })
  return rows
}

function benchmarkRows(
  source: BenchmarkSource | null,
  council: BenchmarkCouncil | null,
): Array<{ key: string; value: string }> {
  const rows = [
    {
      key: 'DfE benchmarks',
      value:
        source === null
          ? 'Not loaded yet'
          : `${source.firstYear ?? '–'} to ${source.lastYear ?? '–'}, loaded ${formatTimestamp(source.importedAt)} from ${source.files['extract'] ?? 'the LAIT files'}`,
    },
  ]
  if (source !== null)
    rows.push({ key: 'Statistical neighbours', value: source.neighboursVintage ?? 'The workbook names no month' })
  rows.push({
    key: 'This council',
    value: council === null ? 'Not chosen yet' : `${council.name} (LA ${council.laNumber}, ${council.region})`,
  })
  return rows
}

/**
 * Builds the page. `problems` are a refused file's (each line names its file, row, column, value and why) or a
 * field's; `done` says which load just succeeded.
 * @example benchmarksPageModel({ source: null, council: null, population: null, limitBytes: 20971520 }).limit // '20 MB'
 */
export function benchmarksPageModel(input: {
  source: BenchmarkSource | null
  council: BenchmarkCouncil | null
  population: PopulationSource | null
  limitBytes: number
  values?: Partial<YearlyLoadValues>
  fieldErrors?: BenchmarksPageModel['errors']
  refused?: { load: YearlyLoad; problems: readonly ImportProblem[] }
  done?: YearlyLoad | null
}): BenchmarksPageModel {
  const errors = input.fieldErrors ?? {}
  const refused =
    input.refused === undefined
      ? null
      : {
          load: input.refused.load,
          heading: WHAT[input.refused.load],
          problems: input.refused.problems.map((problem) => clipped(describeProblem(problem))),
        }
  const errorList = Object.entries(errors).map(([id, text]) => ({ text, href: `#${id}` }))
  const doneText: Record<YearlyLoad, string> = {
    dfe: 'The DfE benchmarks are loaded. Indicators that name a DfE item take their benchmarks from them.',
    council: `The council is ${input.council?.name ?? 'chosen'}: its DfE figures, rank and neighbours are shown.`,
    population:
      'The child population is loaded. Rates per 10,000 computed from an Annex A return use it when the return is ' +
      'next imported; figures already computed keep theirs until then.',
  }
  return {
    pageTitle:
      errorList.length > 0 || refused !== null
        ? 'Error: DfE benchmarks and population'
        : 'DfE benchmarks and population',
    errorList,
    errors,
    refused,
    done: input.done === undefined || input.done === null ? null : doneText[input.done],
    benchmarks: benchmarkRows(input.source, input.council),
    population: populationRows(input.population),
    values: {
      council: input.values?.council ?? (input.council === null ? '' : String(input.council.laNumber)),
      area: input.values?.area ?? input.population?.area ?? '',
    },
    limit: fileSize(input.limitBytes),
  }
}

/**
 * DfE benchmarks (LAIT): importing a folder of DfE files (replacing what was there, in one transaction with an
 * audit event) and answering where a council stands for one item and year (src/domain/statistics/benchmarks.ts).
 */
import { mkdir, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { failed, ok, type Result } from '../domain/result.ts'
import {
  benchmarkFor,
  comparedCouncils,
  readBenchmarkPolarity,
  type AreaFigure,
  type BenchmarkAnswer,
  type DfeBenchmark,
} from '../domain/statistics/benchmarks.ts'
import { unpackCsvZip, type ZipContents } from '../importers/annex-a/zip.ts'
import { readLaitFolder } from '../importers/dfe-lait/lait-folder.ts'
import type { ImportProblem } from '../importers/problem.ts'
import type { DataAccess, Repositories } from '../store/data-access.ts'
import type { StoredBenchmarkItem } from '../store/benchmark-repository.ts'
import { recordChange, type ChangeContext } from './change-record.ts'
import { makeWorkFolder } from '../importers/work-folder.ts'

/** DfE's files as shipped (reference/SOURCES.md): what the demo council loads. */
export const DFE_REFERENCE_DIR = fileURLToPath(new URL('../../reference/dfe-lait', import.meta.url))

/** The demo council: Southampton, LA 852. */
export const DEMO_LA_NUMBER = 852

/**
 * The demo catalogue's indicators that have a DfE item measuring the same thing in the same unit (rates per 10,000
 * children and percentages; counts are left out, as a council's count is not comparable with its neighbours').
 */
export const DEMO_BENCHMARK_ITEMS: Readonly<Record<string, string>> = {
  's47-rate': 'Section_47',
  'cpp-rate': 'CPP_rate',
  'icpc-rate': 'ISCP_Conf',
  'icpc-in-time': 'CP_conf_15days',
  'cpp-repeat': 'PrevRegCPR',
  'lac-rate': 'LAC',
  'adoptions-pct': '%_of LAC Adopted',
  'care-leavers-suitable': 'CareLeaverAcc',
}

/** The setting that records where the stored benchmarks came from. */
export const BENCHMARK_SOURCE_SETTING = 'benchmarks.source'

/** The setting that says which council this is, by its DfE LA number. */
export const BENCHMARK_COUNCIL_SETTING = 'benchmarks.council'

/** The council this Scrutineer serves, as DfE numbers and names it. */
export interface BenchmarkCouncil {
  laNumber: number
  name: string
  region: string
}

export interface BenchmarkSource {
  files: Record<string, string>
  neighboursVintage: string | null
  firstYear: number | null
  lastYear: number | null
  importedAt: string
}

export interface BenchmarkImportSummary {
  values: number
  items: number
  councilsWithNeighbours: number
  firstYear: number | null
  lastYear: number | null
  neighboursVintage: string | null
}

export interface BenchmarkShown extends BenchmarkAnswer {
  la: number
  item: string
  year: number
  polarity: string | null
  /** E.g. "DfE 2024-25 data, statistical neighbours May 2025". */
  vintage: string
}

/**
 * The vintage a pack prints for a year of the extract: its `years` value is the year the collection ended
 * (2025 for 2024-25), as DfE's LAIT labels it.
 * @example benchmarkVintage(2025, 'May 2025') // 'DfE 2024-25 data, statistical neighbours May 2025'
 */
export function benchmarkVintage(year: number, neighboursVintage: string | null): string {
  const data = `DfE ${year - 1}-${String(year % 100).padStart(2, '0')} data`
  return neighboursVintage === null ? data : `${data}, statistical neighbours ${neighboursVintage}`
}

type BenchmarkReading = Pick<Repositories, 'benchmarks' | 'settings'>

/** A DfE LAIT folder as a .zip: its CSV files and Excel workbooks. */
const LAIT_ZIP: ZipContents = {
  extensions: ['.csv', '.xlsx'],
  needs:
    'The zip file holds no CSV or Excel files. Zip the DfE LAIT files together: csc_benchmarks_extract.csv, ' +
    'csc_benchmarks_items.csv, lait_data_dictionary.csv, the statistical neighbours workbook (sn_….xlsx) and ' +
    'la_code_list.xlsx.',
}

/** Most a LAIT zip may unpack to: about twenty-five times DfE's 2025 folder (4 MB), so never a zip bomb's worth. */
const LAIT_MAX_UNPACKED = 100 * 1024 * 1024

/** Council `la`'s answer for a stored item in `year`; null when the extract has no rows for it that year. */
async function answerFor(
  repos: BenchmarkReading,
  la: number,
  item: StoredBenchmarkItem,
  year: number,
): Promise<{ answer: BenchmarkAnswer; neighbours: number[]; vintage: string; figures: AreaFigure[] } | null> {
  const figures = await repos.benchmarks.figures(item.item, year)
  if (figures.length === 0) return null
  const neighbours = await repos.benchmarks.neighbours(la)
  const source = (await repos.settings.get(BENCHMARK_SOURCE_SETTING)) as BenchmarkSource | null
  const polarity = readBenchmarkPolarity(item.polarity ?? '')
  const answer = benchmarkFor({ figures, laNumber: la, neighbours, polarity })
  if (!figures.some((figure) => figure.laNumber === la) && neighbours.length === 0) return null
  return { answer, neighbours, vintage: benchmarkVintage(year, source?.neighboursVintage ?? null), figures }
}

/**
 * The chosen council's DfE benchmarks for each of `items` in the latest year the extract has for it (for the pack's
 * benchmark columns, src/services/pack-service.ts). Empty when no council is chosen; an item DfE has no figures
 * for is left out, so its indicator keeps its hand-typed benchmarks.
 */
export async function dfeBenchmarksFor(
  repos: BenchmarkReading,
  items: readonly string[],
): Promise<Map<string, DfeBenchmark>> {
  const found = new Map<string, DfeBenchmark>()
  if (items.length === 0) return found
  const council = (await repos.settings.get(BENCHMARK_COUNCIL_SETTING)) as BenchmarkCouncil | null
  if (council === null) return found
  for (const name of new Set(items)) {
    const item = await repos.benchmarks.item(name)
    const year = item === null ? null : await repos.benchmarks.latestYear(item.item)
    if (item === null || year === null) continue
    const answered = await answerFor(repos, council.laNumber, item, year)
    if (answered !== null)
      found.set(name, {
        answer: answered.answer,
        vintage: answered.vintage,
        councils: comparedCouncils(answered.figures, council.laNumber, answered.neighbours),
      })
  }
  return found
}

export function benchmarkService(data: DataAccess, options: { now: () => Date }) {
  return {
    /** Reads the DfE folder and replaces the stored benchmarks; nothing is stored when any problem is found. */
    async importFolder(dir: string, context: ChangeContext): Promise<Result<BenchmarkImportSummary, ImportProblem>> {
      const read = await readLaitFolder(dir)
      if (!read.ok) return read
      const lait = read.value
      const years = lait.values.map((value) => value.year)
      const summary: BenchmarkImportSummary = {
        values: lait.values.length,
        items: lait.items.length,
        councilsWithNeighbours: lait.neighbours.size,
        firstYear: years.length === 0 ? null : Math.min(...years),
        lastYear: years.length === 0 ? null : Math.max(...years),
        neighboursVintage: lait.neighboursVintage,
      }
      const source: BenchmarkSource = {
        files: lait.files,
        neighboursVintage: lait.neighboursVintage,
        firstYear: summary.firstYear,
        lastYear: summary.lastYear,
        importedAt: options.now().toISOString(),
      }
      await data.transaction(async (repos) => {
        await repos.benchmarks.replaceAll(lait)
        await repos.settings.set(BENCHMARK_SOURCE_SETTING, source, context.actor)
        await recordChange(
          repos.audit,
          context,
          'benchmarks.import',
          { type: 'benchmarks', id: lait.files.extract },
          { ...summary, files: lait.files },
        )
      })
      return ok(summary)
    },

    /**
     * As `importFolder`, for the LAIT folder uploaded as a .zip (`bytes`, already held to the upload limit): unpacked
     * safely into a folder of its own (src/importers/annex-a/zip.ts), read, and the folder removed. Problems name the
     * zip rather than the folder it was unpacked into.
     */
    async importZip(
      bytes: Uint8Array,
      displayName: string,
      context: ChangeContext,
    ): Promise<Result<BenchmarkImportSummary, ImportProblem>> {
      const work = await makeWorkFolder('lait')
      try {
        const zip = join(work, 'lait.zip')
        const folder = join(work, 'lait')
        await writeFile(zip, bytes)
        await mkdir(folder)
        const unpacked = await unpackCsvZip(zip, folder, displayName, { maxUnpackedBytes: LAIT_MAX_UNPACKED }, LAIT_ZIP)
        if (!unpacked.ok) return unpacked
        const imported = await this.importFolder(folder, context)
        if (imported.ok) return imported
        return failed(
          imported.problems.map((problem) => (problem.file === folder ? { ...problem, file: displayName } : problem)),
        )
      } finally {
        await rm(work, { recursive: true, force: true })
      }
    },

    /**
     * Chooses the council by its LA number (`852`) or its name in DfE's LA code list (`Southampton`, any case).
     * Refused, with a sentence, when the code list (loaded with the benchmarks) does not know it.
     */
    async chooseCouncil(text: string, context: ChangeContext): Promise<Result<BenchmarkCouncil, string>> {
      const trimmed = text.trim()
      const found = /^\d+$/.test(trimmed)
        ? // England and the regions (970 and above) are not councils.
          [await data.benchmarks.council(Number(trimmed))].filter(
            (c): c is BenchmarkCouncil => c !== null && c.laNumber < 970,
          )
        : await data.benchmarks.councilsNamed(trimmed)
      const [council] = found
      if (council === undefined || found.length > 1)
        return failed([
          found.length > 1
            ? `More than one council is named "${trimmed}": give its LA number instead.`
            : `DfE's LA code list has no council "${trimmed}". Load the DfE benchmarks first (Load data, DfE ` +
              'benchmarks and population; or "scrutineer benchmarks import DIR"), then give the LA number (e.g. 852) ' +
              'or the name as DfE writes it.',
        ])
      const before = await this.council()
      await data.transaction(async (repos) => {
        await repos.settings.set(BENCHMARK_COUNCIL_SETTING, council, context.actor)
        await recordChange(
          repos.audit,
          context,
          'benchmarks.council',
          { type: 'setting', id: BENCHMARK_COUNCIL_SETTING },
          { before, after: council },
        )
      })
      return ok(council)
    },

    /**
     * The demo council's DfE benchmarks: loads reference/dfe-lait, chooses Southampton (852) and names the DfE item
     * of each demo indicator that has one (DEMO_BENCHMARK_ITEMS). Throws if the shipped files do not load.
     */
    async loadDemo(context: ChangeContext): Promise<void> {
      const imported = await this.importFolder(DFE_REFERENCE_DIR, context)
      if (!imported.ok)
        throw new Error(`The DfE benchmarks did not load: ${imported.problems.map((p) => p.reason).join('; ')}`)
      const chosen = await this.chooseCouncil(String(DEMO_LA_NUMBER), context)
      if (!chosen.ok) throw new Error(chosen.problems.join(' '))
      const indicators = await data.catalogue.findIndicators(Object.keys(DEMO_BENCHMARK_ITEMS))
      await data.catalogue.saveIndicators(
        indicators.map((indicator) => ({ ...indicator, benchmarkItem: DEMO_BENCHMARK_ITEMS[indicator.id] ?? '' })),
      )
    },

    /** The council chosen with `chooseCouncil`; null when none has been. */
    async council(): Promise<BenchmarkCouncil | null> {
      return (await data.settings.get(BENCHMARK_COUNCIL_SETTING)) as BenchmarkCouncil | null
    },

    /** Where the stored benchmarks came from; null before the first import. */
    async source(): Promise<BenchmarkSource | null> {
      return (await data.settings.get(BENCHMARK_SOURCE_SETTING)) as BenchmarkSource | null
    },

    /**
     * Where council `la` stands for `item` in `year` (by default the latest year the extract has for the item).
     * Refused, with a sentence, when the item, the year or the council is not in the stored benchmarks.
     */
    async show(question: { la: number; item: string; year?: number }): Promise<Result<BenchmarkShown, string>> {
      const item = await data.benchmarks.item(question.item)
      if (item === null)
        return failed([
          `The DfE benchmarks have no item "${question.item}". Load them with "scrutineer benchmarks import DIR", ` +
            'and use the item’s short name (short_desc), e.g. ReReferral.',
        ])
      const year = question.year ?? (await data.benchmarks.latestYear(item.item))
      if (year === null) return failed([`The DfE benchmarks have no values for ${item.item}.`])
      if ((await data.benchmarks.figures(item.item, year)).length === 0)
        return failed([`The DfE benchmarks have no values for ${item.item} in ${year}.`])
      const answered = await answerFor(data, question.la, item, year)
      if (answered === null) return failed([`LA number ${question.la} is not in the DfE benchmarks.`])
      return ok({
        la: question.la,
        item: item.item,
        year,
        polarity: item.polarity,
        vintage: answered.vintage,
        ...answered.answer,
      })
    },
  }
}

export type BenchmarkService = ReturnType<typeof benchmarkService>

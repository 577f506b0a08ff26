/**
 * ONS mid-year population estimates in their published long CSV shape (one row per area, age, sex and year), read
 * down to what rates per 10,000 need: the children aged 0–17 of one area in each mid-year. Headers are matched
 * loosely (`ladcode`/`Area code`, `mid_year`/`Year`, `count`/`Population` …) because ONS has used several. Only the
 * council's own rows are checked and counted; other areas' rows are skipped unread.
 */
import { failed, ok, type Result } from '../domain/result.ts'
import { CsvTokenizer } from './csv-tokenizer.ts'
import type { ImportProblem } from './problem.ts'
import { decodeText, TextFileProblem } from './text-file.ts'

/** The children aged 0–17 of one area in one mid-year (30 June of `year`). */
export interface ChildPopulation {
  year: number
  children: number
}

export interface OnsPopulationFile {
  area: string
  areaName: string | null
  /** Rows of the area read, for the import's summary. */
  rows: number
  years: ChildPopulation[]
}

type Field = 'code' | 'name' | 'age' | 'sex' | 'year' | 'population'

/** Header names as ONS has published them, lower case with spaces, underscores and hyphens removed. */
const HEADERS: Record<Field, readonly string[]> = {
  code: ['areacode', 'ladcode', 'lacode', 'code', 'geographycode', 'geogcode', 'ladcd', 'lad2021code', 'lad2023code'],
  name: ['areaname', 'ladname', 'laname', 'name', 'geographyname', 'geogname', 'ladnm'],
  age: ['age'],
  sex: ['sex', 'gender'],
  year: ['year', 'midyear', 'mid_year', 'yearofestimate'],
  population: ['population', 'count', 'obsvalue', 'value', 'estimate'],
}
const REQUIRED: readonly Field[] = ['code', 'age', 'sex', 'year', 'population']
const LABELS: Record<Field, string> = {
  code: 'area code',
  name: 'area name',
  age: 'age',
  sex: 'sex',
  year: 'year',
  population: 'population',
}

const OLDEST_CHILD = 17

type Sex = 'male' | 'female' | 'persons'

function sexOf(text: string): Sex | null {
  switch (text.trim().toLowerCase()) {
    case '1':
    case 'm':
    case 'male':
    case 'males':
      return 'male'
    case '2':
    case 'f':
    case 'female':
    case 'females':
      return 'female'
    case '0':
    case '3':
    case 'p':
    case 'persons':
    case 'all':
    case 'all persons':
    case 'people':
    case 'total':
      return 'persons'
    default:
      return null
  }
}

/** An age in years; `90+` (ONS's top band) is 90; `all ages` totals are 'all' (not added: they hold every age). */
function ageOf(text: string): number | 'all' | null {
  const t = text.trim().toLowerCase()
  if (t === 'all' || t === 'all ages' || t === 'total') return 'all'
  const match = /^(\d{1,3})\+?$/.exec(t)
  if (match === null) return null
  const age = Number(match[1])
  return age <= 120 ? age : null
}

function yearOf(text: string): number | null {
  const match = /^(?:mid[-_ ]?)?(\d{4})$/i.exec(text.trim())
  if (match === null) return null
  const year = Number(match[1])
  return year >= 1900 && year <= 2100 ? year : null
}

function populationOf(text: string): number | null {
  const t = text.trim().replace(/,/g, '')
  if (!/^\d+$/.test(t)) return null
  const n = Number(t)
  return Number.isSafeInteger(n) ? n : null
}

const normalise = (header: string) =>
  header
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, '')

/**
 * Reads an ONS file and sums the children aged 0–17 of `area` (a GSS code such as E06000045) in each year: males
 * and females added, or the persons row of an age when the file has one (never both). Refused, with every problem
 * found, when a row of the area is unreadable, a figure is given twice or an age 0–17 is missing.
 * @example readOnsPopulation(bytes, 'mye.csv', 'E06000045') // ok({ area, areaName, rows, years: [{ year: 2019, children: 50123 }] })
 */
export function readOnsPopulation(
  bytes: Uint8Array,
  file: string,
  area: string,
): Result<OnsPopulationFile, ImportProblem> {
  let text: string
  try {
    text = decodeText(bytes).text
  } catch (error) {
    if (error instanceof TextFileProblem)
      return failed([{ file, row: error.line, column: null, value: null, reason: error.reason }])
    throw error
  }
  const rows: Array<{ cells: string[]; row: number }> = []
  const problems: ImportProblem[] = []
  const tokenizer = new CsvTokenizer(
    {
      row: (cells, row) => rows.push({ cells, row }),
      malformed: (row) =>
        problems.push({ file, row, column: null, value: null, reason: 'A quoted cell is not closed properly.' }),
    },
    () => ',',
  )
  tokenizer.write(text)
  tokenizer.end()
  if (problems.length > 0) return failed(problems)

  const header = rows[0]
  if (header === undefined || header.cells.every((c) => c.trim() === ''))
    return failed([{ file, row: null, column: null, value: null, reason: 'The file is empty.' }])
  const index: Partial<Record<Field, number>> = {}
  header.cells.forEach((cell, i) => {
    const name = normalise(cell)
    for (const field of Object.keys(HEADERS) as Field[]) {
      if (index[field] === undefined && HEADERS[field].includes(name)) index[field] = i
    }
  })
  const missing = REQUIRED.filter((f) => index[f] === undefined)
  if (missing.length > 0) {
    return failed([
      {
        file,
        row: 1,
        column: null,
        value: header.cells.join(','),
        reason: `This is not an ONS mid-year estimates file: it has no ${missing.map((f) => LABELS[f]).join(', ')} column. The columns should be area code, area name, age, sex, year and population.`,
      },
    ])
  }
  const col = index as Record<Exclude<Field, 'name'>, number> & { name?: number }
  const wanted = area.trim().toUpperCase()
  let areaName: string | null = null
  let read = 0
  const otherAreas = new Set<string>()
  // year → age → sex → { value, row }
  type BySex = Map<Sex, { value: number; row: number }>
  const figures = new Map<number, Map<number, BySex>>()

  for (const { cells, row } of rows.slice(1)) {
    if (cells.every((c) => c.trim() === '')) continue
    const code = (cells[col.code] ?? '').trim().toUpperCase()
    if (code !== wanted) {
      if (otherAreas.size < 5) otherAreas.add(code)
      continue
    }
    read++
    if (areaName === null && col.name !== undefined) areaName = (cells[col.name] ?? '').trim() || null
    const cell = (field: Exclude<Field, 'name'>) => cells[col[field]] ?? ''
    const problem = (field: Exclude<Field, 'name'>, reason: string) =>
      problems.push({ file, row, column: header.cells[col[field]] ?? LABELS[field], value: cell(field), reason })
    const age = ageOf(cell('age'))
    const sex = sexOf(cell('sex'))
    const year = yearOf(cell('year'))
    const value = populationOf(cell('population'))
    if (age === null) problem('age', 'The age should be a whole number of years, such as 0, 17 or 90+.')
    if (sex === null) problem('sex', 'The sex should be 1 or 2, M or F, Male or Female, or Persons or All.')
    if (year === null) problem('year', 'The year should be the year of the mid-year estimate, such as 2019.')
    if (value === null) problem('population', 'The population should be a whole number of people, such as 1520.')
    if (age === null || sex === null || year === null || value === null) continue
    if (age === 'all' || age > OLDEST_CHILD) continue
    const byAge = figures.get(year) ?? new Map<number, BySex>()
    figures.set(year, byAge)
    const bySex: BySex = byAge.get(age) ?? new Map<Sex, { value: number; row: number }>()
    byAge.set(age, bySex)
    const earlier = bySex.get(sex)
    if (earlier !== undefined) {
      problem(
        'population',
        `Row ${earlier.row} already gives the ${sex === 'persons' ? 'persons' : sex} population aged ${age} in ${year}: a figure must not be counted twice.`,
      )
      continue
    }
    bySex.set(sex, { value, row })
  }

  if (read === 0 && problems.length === 0) {
    const seen = [...otherAreas].filter((c) => c !== '')
    return failed([
      {
        file,
        row: null,
        column: LABELS.code,
        value: wanted,
        reason: `The file has no rows for area ${wanted}${seen.length > 0 ? ` (it has ${seen.join(', ')}…)` : ''}. Check the council's area code.`,
      },
    ])
  }

  // Unreadable cells would show again as missing ages: report them alone.
  if (problems.length > 0) return failed(problems)
  const years: ChildPopulation[] = []
  for (const year of [...figures.keys()].sort((a, b) => a - b)) {
    const byAge = figures.get(year) ?? new Map<number, BySex>()
    let children = 0
    const gaps: string[] = []
    for (let age = 0; age <= OLDEST_CHILD; age++) {
      const bySex = byAge.get(age)
      const persons = bySex?.get('persons')
      const male = bySex?.get('male')
      const female = bySex?.get('female')
      if (persons !== undefined) children += persons.value
      else if (male !== undefined && female !== undefined) children += male.value + female.value
      else
        gaps.push(male !== undefined ? `${age} (no females)` : female !== undefined ? `${age} (no males)` : String(age))
    }
    if (gaps.length > 0) {
      problems.push({
        file,
        row: null,
        column: LABELS.age,
        value: null,
        reason: `The ${year} estimates for ${wanted} lack ages ${gaps.join(', ')}: the child population needs every age 0–17, both sexes or a persons total.`,
      })
    }
    years.push({ year, children })
  }
  if (problems.length > 0) return failed(problems)
  return ok({ area: wanted, areaName, rows: read, years })
}

/** The financial year a mid-year estimate stands for: the estimate of 30 June Y serves April Y – March Y+1. */
export function financialYearOfEstimate(year: number): string {
  return `${year}-${String((year + 1) % 100).padStart(2, '0')}`
}

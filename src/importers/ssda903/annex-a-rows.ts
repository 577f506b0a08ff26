/**
 * An SSDA903 return as the Annex A import it stands for: each episode (episodes.csv) becomes a row of Annex A list 8
 * (looked-after children) and each care leaver of OC3 (oc3.csv) a row of list 9, written under those lists' own
 * column names, so a return is stored, re-read for drill-down (src/importers/annex-a/stored-rows.ts) and computed
 * exactly as an Annex A return holding those lists is. Missing episodes (missing.csv), which Annex A has no list
 * for, are stored as "list 12" as the file wrote them and re-read by the SSDA903 reader. docs/methodology.md
 * ("SSDA903") says which column feeds which field.
 */
import type { AnnexA, CareLeaver, LookedAfterEpisode, MissingEpisode } from '../../domain/annex-a/records.ts'
import { emptyAnnexA } from '../../domain/annex-a/records.ts'
import { RowBlocks } from '../../domain/annex-a/row-blocks.ts'
import { financialYearOf, type Period } from '../../domain/period.ts'
import type { AnnexAImport, AnnexAListRows, AnnexAProblem } from '../annex-a/read-annex-a.ts'
import type { ImportProblem } from '../problem.ts'
import { readStoredTable, type Ssda903Read, type Ssda903Row } from './read-ssda903.ts'

/** The Annex A columns a return fills, list by list. */
export const SSDA903_LIST_HEADERS: Readonly<Record<8 | 9, readonly string[]>> = {
  8: [
    'Child Unique ID',
    'Date of Birth',
    'Date Started to be Looked After',
    'Date Ceased to be Looked After',
    'Reason Ceased to be Looked After',
    'Placement Type',
    'Placement Provider',
    'Unaccompanied Asylum Seeking Child (UASC) within the Last 12 Months (Y/N)',
  ],
  9: ['Child Unique ID', 'Date of Birth', 'LA in Touch', 'Suitability of Accommodation'],
}

/** The list number missing.csv is stored under (Annex A's lists are 1–11; src/domain/measures/fields.ts). */
export const MISSING_LIST = 12

/**
 * Whether an SSDA903 return gives the figures of a measure reading `lists`: it holds looked-after children (list 8)
 * and care leavers (list 9) but no social work visits, contacts, referrals, assessments, enquiries or plans, so a
 * CIN or child protection measure, or `lac-visits-in-time`, gets none from it and its stored figures are left as
 * they are rather than overwritten with the return's zeros.
 * @example ssda903Feeds('lac-open', [8]) // true
 * @example ssda903Feeds('icpcs', [5]) // false
 */
export function ssda903Feeds(measureId: string, lists: readonly number[]): boolean {
  return measureId !== 'lac-visits-in-time' && lists.length > 0 && lists.every((list) => FED_LISTS.has(list))
}

/** The lists a return fills: looked-after children, care leavers, and its missing episodes (list 12). */
const FED_LISTS: ReadonlySet<number> = new Set([8, 9, MISSING_LIST])

/**
 * Written where the return held a value that could not be read, so the stored row re-reads as unreadable: it
 * matches none of Annex A's free-text patterns for these columns (which take any text with two d's as "Died").
 */
export const UNREADABLE_IN_SSDA903 = 'unreadable in the return'

/** Episode columns → list 8 record fields. */
const EPISODE_FIELDS = {
  DECOM: 'startDate',
  DEC: 'ceasedDate',
  REC: 'reasonCeased',
  PLACE: 'placementType',
  PLACE_PROVIDER: 'placementProvider',
} as const

function invalidFields<F extends string>(row: Ssda903Row, fields: Readonly<Record<string, F>>): Set<F> {
  const invalid = new Set<F>()
  for (const column of row.invalid) {
    const field = fields[column]
    if (field !== undefined) invalid.add(field)
  }
  return invalid
}

/**
 * The Annex A records a return gives: list 8 from its episodes (with the child's date of birth from header.csv and
 * UASC from uasc.csv) and list 9 from OC3. An OC3 accommodation code ending 1 is suitable, 2 unsuitable, and `0`
 * (no information) blank; IN_TOUCH YES is in touch, every other answer (NO, DIED, REFU, NREQ, RHOM) is not.
 */
export function annexAOfSsda903(read: Ssda903Read): AnnexA {
  const births = new Map<string, { date: string | null; invalid: boolean }>()
  for (const row of read.tables.get('header')?.rows ?? []) {
    const child = row.values.CHILD ?? ''
    if (child !== '' && !births.has(child))
      births.set(child, { date: row.values.DOB ?? null, invalid: row.invalid.has('DOB') })
  }
  const uasc = new Set((read.tables.get('uasc')?.rows ?? []).map((row) => row.values.CHILD ?? ''))
  const lookedAfter: LookedAfterEpisode[] = (read.tables.get('episodes')?.rows ?? []).map((row) => {
    const childId = row.values.CHILD ?? ''
    const birth = births.get(childId)
    const invalid = invalidFields<LookedAfterEpisode['invalid'] extends ReadonlySet<infer F> ? F : never>(
      row,
      EPISODE_FIELDS,
    )
    if (birth?.invalid === true) invalid.add('dateOfBirth')
    return {
      row: row.row,
      childId,
      dateOfBirth: birth?.date ?? null,
      invalid,
      startDate: row.values.DECOM ?? null,
      ceasedDate: row.values.DEC ?? null,
      reasonCeased: row.values.REC ?? null,
      placementType: row.values.PLACE ?? null,
      placementProvider: row.values.PLACE_PROVIDER ?? null,
      uasc: uasc.has(childId),
      lastVisitDate: null,
    }
  })
  const careLeavers: CareLeaver[] = (read.tables.get('oc3')?.rows ?? []).map((row) => {
    const accommodation = row.values.ACCOM ?? null
    const inTouch = row.values.IN_TOUCH ?? null
    return {
      row: row.row,
      childId: row.values.CHILD ?? '',
      dateOfBirth: row.values.DOB ?? null,
      invalid: invalidFields(row, { IN_TOUCH: 'inTouch', ACCOM: 'suitableAccommodation', DOB: 'dateOfBirth' }),
      inTouch: inTouch === null ? null : inTouch === 'YES',
      suitableAccommodation:
        accommodation === null || accommodation === '0' ? null : accommodation.endsWith('1') ? true : false,
    }
  })
  return emptyAnnexA({ lookedAfter, careLeavers, missing: missingEpisodesOf(read.tables.get('missing')?.rows ?? []) })
}

/** Missing episodes: MISSING M (missing from placement) or A (away without authorisation), with their dates. */
export function missingEpisodesOf(rows: readonly Ssda903Row[]): MissingEpisode[] {
  return rows.map((row) => ({
    row: row.row,
    childId: row.values.CHILD ?? '',
    dateOfBirth: row.values.DOB ?? null,
    invalid: invalidFields(row, { MIS_START: 'startDate', MIS_END: 'endDate', MISSING: 'missing', DOB: 'dateOfBirth' }),
    startDate: row.values.MIS_START ?? null,
    endDate: row.values.MIS_END ?? null,
    missing: row.values.MISSING == null ? null : row.values.MISSING === 'M',
  }))
}

/**
 * Stored missing episodes (list 12: missing.csv's own header and cells) read again as the file was.
 * @example readStoredMissing(['CHILD', 'MISSING', 'MIS_START'], [{ row: 2, cells: ['7', 'M', '03/04/2018'] }])
 */
export function readStoredMissing(
  headers: readonly string[],
  rows: ReadonlyArray<{ row: number; cells: readonly string[] }>,
): MissingEpisode[] {
  return missingEpisodesOf(readStoredTable('missing', headers, rows))
}

type Cell = string | boolean | null

function text(value: Cell): string {
  if (value === null) return ''
  if (typeof value === 'boolean') return value ? 'Yes' : 'No'
  return value
}

/** Each record's fields as a row of its Annex A list, the record's own row number kept (its line in the CSV). */
function listRows<R extends LookedAfterEpisode | CareLeaver>(
  list: 8 | 9,
  records: readonly R[],
  cells: (record: R) => Array<[field: string, value: Cell]>,
): AnnexAListRows {
  const blocks = new RowBlocks()
  for (const record of records) {
    blocks.add(
      record.row,
      cells(record).map(([field, value]) =>
        (record.invalid as ReadonlySet<string>).has(field) ? UNREADABLE_IN_SSDA903 : text(value),
      ),
    )
  }
  return { headers: [...SSDA903_LIST_HEADERS[list]], rows: blocks.rows, blocks: blocks.finish(), childIdIndex: 0 }
}

/** The return's records as Annex A lists 8 and 9 (list number → rows); missing.csv as list 12, as written. */
export function annexAListsOfSsda903(
  read: Ssda903Read,

  records: AnnexA,
  inTouchCodes: ReadonlyMap<number, string>,
): Record<number, AnnexAListRows> {
  return {
    8: listRows(8, records.lookedAfter, (r) => [
      ['childId', r.childId],
      ['dateOfBirth', r.dateOfBirth],
      ['startDate', r.startDate],
      ['ceasedDate', r.ceasedDate],
      ['reasonCeased', r.reasonCeased],
      ['placementType', r.placementType],
      ['placementProvider', r.placementProvider],
      ['uasc', r.uasc],
    ]),
    ...missingRows(read),
    9: listRows(9, records.careLeavers, (r) => [
      ['childId', r.childId],
      ['dateOfBirth', r.dateOfBirth],
      // The answer as the return gave it (DIED, REFU…): Annex A reads each the same way.
      ['inTouch', inTouchCodes.get(r.row) ?? text(r.inTouch)],
      [
        'suitableAccommodation',
        r.suitableAccommodation === null ? null : r.suitableAccommodation ? 'Suitable' : 'Unsuitable',
      ],
    ]),
  }
}

function missingRows(read: Ssda903Read): Record<number, AnnexAListRows> {
  const table = read.tables.get('missing')
  if (table === undefined) return {}
  const childIdIndex = table.headers.findIndex(
    (h) =>
      h
        .replace(/^\uFEFF/, '')
        .trim()
        .toUpperCase() === 'CHILD',
  )
  const blocks = new RowBlocks()
  for (const r of table.rows) blocks.add(r.row, [...r.cells])
  return {
    [MISSING_LIST]: {
      headers: [...table.headers],
      rows: blocks.rows,
      blocks: blocks.finish(),
      childIdIndex: childIdIndex < 0 ? null : childIdIndex,
    },
  }
}

/** An SSDA903 problem in the shape of an Annex A one: no list, the file and column as the column. */
function asAnnexAProblem(problem: ImportProblem): AnnexAProblem {
  return {
    list: null,
    row: problem.row,
    column: problem.column === null ? problem.file : `${problem.file}: ${problem.column}`,
    value: problem.value,
    reason: problem.reason,
  }
}

/**
 * The collection year a return covers and its months: April to the last month with an episode starting or ending
 * in it. The year is the financial year in which most episodes start or end (ties: the later), so one mistyped
 * date years ahead does not move it. Null when no episode has a readable date.
 */
export function monthsOfSsda903(records: AnnexA): { first: Period; last: Period } | null {
  const dates = new Map<string, number>()
  for (const r of records.lookedAfter)
    for (const date of [r.startDate, r.ceasedDate]) {
      if (date === null) continue
      const year = financialYearOf(date.slice(0, 7))
      dates.set(year, (dates.get(year) ?? 0) + 1)
    }
  let year: string | null = null
  for (const [candidate, count] of dates)
    if (year === null || count > (dates.get(year) ?? 0) || (count === dates.get(year) && candidate > year))
      year = candidate
  if (year === null) return null
  const first = `${year.slice(0, 4)}-04`
  const yearEnd = `${Number(year.slice(0, 4)) + 1}-03-31`
  let latest = first
  for (const r of records.lookedAfter)
    for (const date of [r.startDate, r.ceasedDate]) if (date !== null && date > latest && date <= yearEnd) latest = date
  return { first, last: latest.slice(0, 7) }
}

/**
 * A return read as the value `readAnnexA` returns, so it goes through the Annex A import unchanged: its records,
 * every problem (errors and warnings, each naming its file), lists 8 and 9, and the months it covers.
 */
export function asAnnexAImport(read: Ssda903Read, options: { keepRows: boolean }): AnnexAImport {
  const records = annexAOfSsda903(read)
  const inTouchCodes = new Map(
    (read.tables.get('oc3')?.rows ?? []).flatMap((row) =>
      row.values.IN_TOUCH == null ? [] : [[row.row, row.values.IN_TOUCH] as const],
    ),
  )
  const months = monthsOfSsda903(records)
  return {
    records,
    errors: read.errors.map(asAnnexAProblem),
    warnings: read.warnings.map(asAnnexAProblem),
    lists: [
      { list: 8, rows: records.lookedAfter.length, source: read.tables.get('episodes')?.file ?? 'episodes.csv' },
      ...(read.tables.has('oc3')
        ? [{ list: 9, rows: records.careLeavers.length, source: read.tables.get('oc3')?.file ?? 'oc3.csv' }]
        : []),
      ...(read.tables.has('missing')
        ? [{ list: MISSING_LIST, rows: records.missing.length, source: read.tables.get('missing')?.file ?? '' }]
        : []),
    ],
    ...(months === null ? {} : { covers: months }),
    ...(options.keepRows ? { rows: annexAListsOfSsda903(read, records, inTouchCodes) } : {}),
  }
}

/**
 * A children in need census as the Annex A import it stands for: the records the census reader made, each written
 * back as a row of Annex A list 3–7 under that list's own column names, so a census is stored, re-read for
 * drill-down (src/importers/annex-a/stored-rows.ts) and computed exactly as a return holding those lists is.
 */
import type { AnnexA, AnnexARecord } from '../../domain/annex-a/records.ts'
import { RowBlocks } from '../../domain/annex-a/row-blocks.ts'
import type { AnnexAImport, AnnexAListRows, AnnexAProblem } from '../annex-a/read-annex-a.ts'
import type { CinCensusRead, CinProblem } from './read-cin-census.ts'

/** The Annex A columns a census fills, list by list (the census holds nothing for the others). */
export const CENSUS_LIST_HEADERS: Readonly<Record<3 | 4 | 5 | 6 | 7, readonly string[]>> = {
  3: ['Child Unique ID', 'Date of Birth', 'Date of referral', 'Referral NFA?'],
  4: [
    'Child Unique ID',
    'Date of Birth',
    'Continuous Assessment Start Date',
    'Continuous Assessment Date of Authorisation',
    "Was the child assessed as requiring LA children's social care support?",
  ],
  5: [
    'Child Unique ID',
    'Date of Birth',
    'Strategy discussion initiating Section 47 Enquiry Start Date',
    'Date of Initial Child Protection Conference',
    'Did the Initial Child Protection Conference Result in a Child Protection Plan',
  ],
  6: ['Child Unique ID', 'Date of Birth', 'CIN Start Date', 'CIN Closure Date'],
  7: [
    'Child Unique ID',
    'Date of Birth',
    'Child Protection Plan Start Date',
    'Child Protection Plan End Date',
    'Number of Previous Child Protection Plans',
  ],
}

/**
 * Whether a census gives the figures of a measure reading `lists`: it holds lists 3–7 but no statutory visits, so
 * a measure of list 1 or 8–11 (contacts, looked-after children, care leavers) or of visits gets none from it, and
 * its stored figures are left as they are rather than overwritten with the census's zeros.
 * @example censusFeeds('icpcs', [5]) // true
 * @example censusFeeds('contacts-to-referrals', [1, 3]) // false
 */
export function censusFeeds(measureId: string, lists: readonly number[]): boolean {
  return measureId !== 'cp-visits-in-time' && lists.every((list) => list in CENSUS_LIST_HEADERS)
}

/**
 * Written where the census held a value that could not be read, so the stored row re-reads as unreadable (left out
 * of the measures that need it) rather than blank, exactly as the census was read.
 */
export const UNREADABLE_IN_CENSUS = 'unreadable in the census'

type Cell = string | number | boolean | null

function text(value: Cell): string {
  if (value === null) return ''
  if (typeof value === 'boolean') return value ? 'Yes' : 'No'
  return String(value)
}

/** One list's rows: each record's fields under `columns` (Annex A column name → record field). */
function listRows<R extends AnnexARecord<string>>(
  list: 3 | 4 | 5 | 6 | 7,
  records: readonly R[],
  columns: ReadonlyArray<keyof R & string>,
): AnnexAListRows {
  const headers = [...CENSUS_LIST_HEADERS[list]]
  const fields: string[] = ['childId', 'dateOfBirth', ...columns]
  const blocks = new RowBlocks()
  for (const record of records) {
    blocks.add(
      record.row,
      fields.map((field) => {
        if (record.invalid.has(field)) return UNREADABLE_IN_CENSUS
        return text((record as unknown as Record<string, Cell>)[field] ?? null)
      }),
    )
  }
  return { headers, rows: blocks.rows, blocks: blocks.finish(), childIdIndex: 0 }
}

/**
 * Numbers each list's records as the rows of an Annex A list (header = row 1, first record = row 2), in census
 * order. The reader numbers a record by its line in the XML, which two records share when the file is written on
 * one line; a stored row needs a number of its own in its list, and the drill-down names the same number.
 */
function numberRows(records: AnnexA): void {
  for (const list of [records.referrals, records.assessments, records.section47s, records.cin, records.plans]) {
    // The records are this import's own, just read: numbering them in place spares a copy of a million.
    list.forEach((record, i) => (record.row = i + 2))
  }
}

/**
 * The census's records as Annex A lists 3–7 (list number → rows), each under the row number its record holds.
 */
export function annexAListsOfRecords(records: AnnexA): Record<number, AnnexAListRows> {
  return {
    3: listRows(3, records.referrals, ['referralDate', 'nfa']),
    4: listRows(4, records.assessments, ['startDate', 'authorisationDate', 'requiresSupport']),
    5: listRows(5, records.section47s, ['strategyDate', 'icpcDate', 'icpcResultedInPlan']),
    6: listRows(6, records.cin, ['startDate', 'closureDate']),
    7: listRows(7, records.plans, ['startDate', 'endDate', 'previousPlans']),
  }
}

/** Where each list came from in the census, for the import's list of lists. */
const SOURCES: Record<number, string> = {
  3: 'census <CINdetails>',
  4: 'census <Assessments>',
  5: 'census <Section47>',
  6: 'census <CINdetails>',
  7: 'census <ChildProtectionPlans>',
}

/**
 * A census problem in the shape of an Annex A one, so `measures` and the data-quality report show either source the
 * same way: no list, the line as the row, the element path as the column, the child's LAchildID before the reason.
 */
export function asAnnexAProblem(problem: CinProblem): AnnexAProblem {
  return {
    list: null,
    row: problem.line,
    column: problem.path,
    value: problem.value,
    reason: problem.childId === null ? problem.reason : `child ${problem.childId}: ${problem.reason}`,
  }
}

/**
 * A census read as the value `readAnnexA` returns, so it goes through the Annex A import unchanged. Every census
 * problem is an error (a value that could not be read, dates out of order); a census has no missing columns.
 */
export function asAnnexAImport(read: CinCensusRead, options: { keepRows: boolean }): AnnexAImport {
  numberRows(read.records)
  const rows = annexAListsOfRecords(read.records)
  return {
    records: read.records,
    errors: read.problems.map(asAnnexAProblem),
    warnings: [],
    lists: [3, 4, 5, 6, 7].map((list) => ({
      list,
      rows: rows[list]?.rows ?? 0,
      source: SOURCES[list] ?? 'census',
    })),
    ...(options.keepRows ? { rows } : {}),
  }
}

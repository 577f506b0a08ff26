/**
 * Rebuilds the typed Annex A records of a stored import from the rows it stored (each list's own header and every
 * data row as text). The rows go through the same list readers as the file did, so they classify exactly as they
 * did when imported: one parse path, never a second reading of the cells.
 */
import { emptyAnnexA } from '../../domain/annex-a/records.ts'
import { matchHeaders } from './headers.ts'
import { MISSING_LIST, readStoredMissing } from '../ssda903/annex-a-rows.ts'
import { ListReader, type ImportCollector } from './list-reader.ts'
import { loadAnnexASpec } from './spec.ts'

/** One stored list: the header as the file had it, and each data row with its sheet row number. */
export interface StoredList {
  list: number
  headers: readonly string[]
  rows: ReadonlyArray<{ row: number; cells: readonly string[] }>
}

/**
 * The records, errors and warnings the list readers make of stored rows. Lists are read in list order, as the
 * importer does; a list with no stored header gives no records (the importer stored none either).
 * @example
 * const { records } = readStoredLists([
 *   { list: 3, headers: ['Child Unique ID', 'Date of referral', 'Referral NFA?'], rows: [{ row: 2, cells: ['C1', '2018-04-03', 'No'] }] },
 * ])
 * records.referrals[0] // { row: 2, childId: 'C1', referralDate: '2018-04-03', nfa: false, … }
 */
export function readStoredLists(lists: readonly StoredList[]): ImportCollector {
  const spec = loadAnnexASpec()
  const collector: ImportCollector = { records: emptyAnnexA(), errors: [], warnings: [], dateCache: new Map() }
  for (const stored of [...lists].sort((a, b) => a.list - b.list)) {
    if (stored.headers.length === 0) continue
    if (stored.list === MISSING_LIST) {
      // SSDA903's missing episodes, which Annex A has no list for: read by the SSDA903 reader, as imported.
      collector.records.missing.push(...readStoredMissing(stored.headers, stored.rows))
      continue
    }
    // A workbook's date cells were stored as ISO text; a bare day number is read in the 1900 date system.
    const reader = new ListReader(stored.list, spec, collector, { keepRows: false, date1904: false })
    reader.row(stored.headers, 1)
    for (const { row, cells } of stored.rows) reader.row(cells, row)
    reader.finish()
  }
  return collector
}

/**
 * Where a list's Child Unique ID is among the headers a file had (matched as the importer matches them), or null
 * when it has none: how a stored row is linked to the same child's other rows.
 * @example
 * childIdColumn(3, ['Date of referral', 'Child unique id']) // 1
 */
export function childIdColumn(list: number, headers: readonly string[]): number | null {
  const columns = loadAnnexASpec().lists.get(list) ?? []
  const c = columns.findIndex((column) => column.name === 'Child Unique ID')
  const index = c < 0 ? -1 : (matchHeaders(columns, headers)[c] ?? -1)
  return index < 0 ? null : index
}

/**
 * Reads the rows of one Annex A list, whatever file they came from: finds the header row and the spec columns in
 * it, validates every date cell, and turns each row into the typed record the measures read (records.ts). Problems
 * are values: a bad cell becomes an error and a null field named in the record's `invalid` set; a blank cell where
 * the template expects a value becomes a warning. Nothing here stops the other rows.
 *
 * This is the per-row hot path of a million-row import: column positions are resolved once from the header, parsed
 * values of repeating cells (dates, codes, Yes/No) are cached, and rows with no problems share one empty `invalid`.
 */
import type {
  AnnexA,
  Assessment,
  CareLeaver,
  CinEpisode,
  Contact,
  IsoDate,
  LookedAfterEpisode,
  ProtectionPlan,
  Referral,
  Section47,
} from '../../domain/annex-a/records.ts'
import { RowBlocks, ROWS_PER_BLOCK, type RowBlock } from '../../domain/annex-a/row-blocks.ts'
import { matchHeaders } from './headers.ts'
import type { AnnexASpec, CodeSpec, ColumnSpec } from './spec.ts'
import {
  codeOf,
  detach,
  isBlank,
  isoDateNumber,
  ukDateNumber,
  parseCount,
  parseDate,
  yesNoOf,
  type Parsed,
  type RawCell,
} from './values.ts'

/** A problem an officer is told about: where it is (list, sheet row, column as headed in the file) and why. */
export interface AnnexAProblem {
  list: number | null
  row: number | null
  column: string | null
  value: string | null
  reason: string
}

/**
 * One list's rows as text, for storing the import: the file's own headers and its non-blank data rows, each with
 * its sheet row number (header = 1), in blocks (domain/annex-a/row-blocks.ts).
 */
export interface AnnexAListRows {
  headers: string[]
  /** How many data rows the blocks hold. */
  rows: number
  blocks: RowBlock[]
  /** Index of the Child Unique ID column in `headers`, or null when the list has none. */
  childIdIndex: number | null
}

/** Where a list reader puts what it finds; shared by all lists of one import. */
export interface ImportCollector {
  records: AnnexA
  errors: AnnexAProblem[]
  warnings: AnnexAProblem[]
  /** Parsed date cells by their text: dates repeat a great deal across rows and lists. */
  dateCache: Map<string, Parsed<IsoDate>>
}

export interface ListReaderOptions {
  /** Keep every row as text (for storage). Off on the fast path. */
  keepRows: boolean
  /** Workbook numbers in date columns count from 1904 (old Mac workbooks). */
  date1904: boolean
  /** With `keepRows`: given each block of rows as it fills, instead of keeping it (an import storing as it reads). */
  onBlock?: ((block: RowBlock) => void) | undefined
}

/** Individual blank-cell warnings per column before the rest are summed up in one warning. */
export const BLANK_WARNINGS_PER_COLUMN = 100
const DATE_CACHE_LIMIT = 50_000
const VALUE_CACHE_LIMIT = 5_000
const NONE: ReadonlySet<never> = new Set<never>()

/** The columns each list's records read, by spec name: these get warnings when missing and errors when bad. */
const READ_COLUMNS: Record<number, readonly string[]> = {
  1: ['Date of Contact'],
  3: ['Date of referral', 'Referral NFA?'],
  4: [
    'Continuous Assessment Start Date',
    'Continuous Assessment Date of Authorisation',
    "Was the child assessed as requiring LA children's social care support?",
  ],
  5: [
    'Strategy discussion initiating Section 47 Enquiry Start Date',
    'Date of Initial Child Protection Conference',
    'Did the Initial Child Protection Conference Result in a Child Protection Plan',
  ],
  6: ['CIN Start Date', 'CIN Closure Date'],
  7: [
    'Child Protection Plan Start Date',
    'Child Protection Plan End Date',
    'Date of the Last Statutory Visit',
    'Number of Previous Child Protection Plans',
  ],
  8: [
    'Date Started to be Looked After',
    'Date Ceased to be Looked After',
    'Reason Ceased to be Looked After',
    'Placement Type',
    'Placement Provider',
    'Unaccompanied Asylum Seeking Child (UASC) within the Last 12 Months (Y/N)',
    'Date of Last Social Work Visit',
  ],
  9: ['LA in Touch', 'Suitability of Accommodation'],
}

/** Pairs of dates where the second cannot come before the first, with how the error is worded. */
const DATE_ORDER: Record<number, ReadonlyArray<{ earlier: string; later: string; reason: string }>> = {
  4: [
    {
      earlier: 'Continuous Assessment Start Date',
      later: 'Continuous Assessment Date of Authorisation',
      reason: 'The authorisation date is before the assessment start date',
    },
  ],
  5: [
    {
      earlier: 'Strategy discussion initiating Section 47 Enquiry Start Date',
      later: 'Date of Initial Child Protection Conference',
      reason: 'The ICPC date is before the strategy discussion date',
    },
  ],
  6: [
    {
      earlier: 'CIN Start Date',
      later: 'CIN Closure Date',
      reason: 'The CIN closure date is before the CIN start date',
    },
  ],
  7: [
    {
      earlier: 'Child Protection Plan Start Date',
      later: 'Child Protection Plan End Date',
      reason: 'The plan end date is before the plan start date',
    },
  ],
  8: [
    {
      earlier: 'Date Started to be Looked After',
      later: 'Date Ceased to be Looked After',
      reason: 'The date ceased to be looked after is before the date started',
    },
  ],
}

/** Codes the spec names that data-map.yml folds into others (special guardianship codes before 2020). */
const EXTRA_CODES: Record<string, readonly string[]> = { 'Reason Ceased to be Looked After': ['E43', 'E44'] }

/** How a coded column is described to an officer when a value is not recognised. */
const CODE_REASONS: Record<string, string> = {
  'Reason Ceased to be Looked After': 'Not a reason-ceased code we recognise (expected a code such as E11 or E4A)',
  'Placement Type': 'Not a placement type code we recognise (expected a code such as U1 or K2)',
  'Placement Provider': 'Not a placement provider code we recognise (expected PR0 to PR5)',
}

/** The text of a cell as the officer would see it. */
export function cellText(cell: RawCell | undefined): string {
  if (cell === undefined) return ''
  return typeof cell === 'number' ? String(cell) : cell
}

/** Child Unique ID as text: leading zeros kept, a workbook number 42 read as "42". */
function childIdOf(cell: RawCell | undefined): string {
  if (cell === undefined) return ''
  if (typeof cell === 'number') return String(cell)
  const trimmed = cell.trim()
  return detach(trimmed)
}

/** A small per-column cache of parsed cells, given up for columns with too many distinct values to be worth it. */
class ValueCache<T> {
  private readonly map = new Map<string, T>()
  private enabled = true
  get(key: RawCell): T | undefined {
    return this.enabled && typeof key === 'string' ? this.map.get(key) : undefined
  }
  set(key: RawCell, value: T): void {
    if (!this.enabled || typeof key !== 'string') return
    if (this.map.size >= VALUE_CACHE_LIMIT) {
      this.enabled = false
      this.map.clear()
      return
    }
    this.map.set(detach(key), value)
  }
}

interface DateColumn {
  cellIndex: number
  header: string
  canBeBlank: boolean
}

/** Whether an LA-in-Touch or suitability cell is readable, and what it means. */
type Verdict = Parsed<boolean>

/**
 * Reads one list. Feed it every row of the sheet or file in order (header first, blank rows allowed) with `row`,
 * then call `finish`.
 * @example
 * const reader = new ListReader(3, spec, collector, { keepRows: false, date1904: false })
 * reader.row(['Child Unique ID', 'Date of referral', 'Referral NFA?'], 1)
 * reader.row(['0042', '30/04/2018', 'b) No'], 2)
 * reader.finish() // collector.records.referrals[0] → { row: 2, childId: '0042', referralDate: '2018-04-30', nfa: false, … }
 */
export class ListReader {
  readonly list: number
  /** Data rows read (not counting the header and blank rows). */
  rows = 0
  private readonly columns: ColumnSpec[]
  private readonly codes: ReadonlyMap<string, CodeSpec[]>
  private readonly collector: ImportCollector
  private readonly options: ListReaderOptions
  private headerSeen = false
  private headers: string[] = []
  private dateColumns: DateColumn[] = []
  /** Parsed dates of the current row, by date column; null for blank or bad. */
  private dates: (IsoDate | null)[] = []
  /** The real dates met so far in ISO or UK cells, by dateNumber. */
  private readonly knownDates = new Map<number, IsoDate>()
  /** Bit d set when date column d of the current row is bad. */
  private badDates = 0
  private requiredColumns: Array<{ cellIndex: number; header: string }> = []
  private blankCounts = new Map<string, number>()
  private invalidFields: string[] = []
  private emit: (cells: readonly RawCell[], row: number) => void = () => undefined
  private kept: { headers: string[]; blocks: RowBlocks; childIdIndex: number | null } | null = null

  constructor(list: number, spec: AnnexASpec, collector: ImportCollector, options: ListReaderOptions) {
    this.list = list
    this.columns = spec.lists.get(list) ?? []
    this.codes = spec.codes.get(list) ?? new Map<string, CodeSpec[]>()
    this.collector = collector
    this.options = options
  }

  /** The rows kept as text, when `keepRows` was asked for and the list had a header. */
  get keptRows(): AnnexAListRows | null {
    if (this.kept === null) return null
    const { headers, blocks, childIdIndex } = this.kept
    return { headers, rows: blocks.rows, blocks: blocks.finish(), childIdIndex }
  }

  /** Takes the next row of the sheet: the first non-blank row is the header, the rest are data. */
  row(cells: readonly RawCell[], rowNumber: number): void {
    if (isBlankRow(cells)) return
    if (!this.headerSeen) {
      this.readHeader(cells)
      return
    }
    this.rows++
    if (this.kept !== null) {
      this.kept.blocks.add(rowNumber, cells)
    }
    this.readDates(cells, rowNumber)
    this.checkRequired(cells, rowNumber)
    this.emit(cells, rowNumber)
  }

  /** Ends the list: sums up blank cells beyond the individually reported ones, and warns about an empty sheet. */
  finish(): void {
    this.kept?.blocks.finish()
    if (!this.headerSeen) {
      this.warn(null, null, null, `List ${this.list} is empty: it has no header row`)
      return
    }
    for (const [header, count] of this.blankCounts) {
      if (count > BLANK_WARNINGS_PER_COLUMN) {
        this.warn(
          null,
          header,
          null,
          `${count - BLANK_WARNINGS_PER_COLUMN} more rows have a blank "${header}" (the first ${BLANK_WARNINGS_PER_COLUMN} are listed)`,
        )
      }
    }
  }

  private readHeader(cells: readonly RawCell[]): void {
    this.headerSeen = true
    const headers = cells.map((cell) => cellText(cell).trim())
    if (headers[0]?.charCodeAt(0) === 0xfeff) headers[0] = headers[0].slice(1)
    this.headers = headers
    const found = matchHeaders(this.columns, headers)
    const read = new Set(READ_COLUMNS[this.list] ?? [])
    const indexOf = new Map<string, number>()
    const dateSlot = new Map<string, number>()

    this.columns.forEach((column, c) => {
      const index = found[c] ?? -1
      indexOf.set(column.name, index)
      if (index < 0) {
        const where = `No "${column.name}" column was found in List ${this.list}`
        if (column.name === 'Child Unique ID') {
          this.warn(null, column.name, null, `${where}, so its rows cannot be linked to children`)
        } else if (read.has(column.name)) {
          this.warn(null, column.name, null, `${where}, so the measures that need it have no data from this list`)
        } else if (!column.canBeBlank) {
          this.warn(null, column.name, null, `${where} (no measure uses it)`)
        }
        return
      }
      const header = headers[index] ?? column.name
      if (column.type === 'date') {
        dateSlot.set(column.name, this.dateColumns.length)
        this.dateColumns.push({ cellIndex: index, header, canBeBlank: column.canBeBlank })
      } else if (!column.canBeBlank) {
        this.requiredColumns.push({ cellIndex: index, header })
      }
    })
    this.dates = new Array<IsoDate | null>(this.dateColumns.length).fill(null)

    if (this.options.keepRows) {
      const childIdIndex = indexOf.get('Child Unique ID') ?? -1
      this.kept = {
        headers,
        blocks: new RowBlocks(ROWS_PER_BLOCK, this.options.onBlock),
        childIdIndex: childIdIndex < 0 ? null : childIdIndex,
      }
    }

    const order = (DATE_ORDER[this.list] ?? []).flatMap((pair) => {
      const earlier = dateSlot.get(pair.earlier)
      const later = dateSlot.get(pair.later)
      return earlier === undefined || later === undefined ? [] : [{ earlier, later, reason: pair.reason }]
    })
    this.emit = this.recordBuilder(indexOf, dateSlot, order)
  }

  /** Validates every date cell of the row into `dates`, reporting each bad one. */
  private readDates(cells: readonly RawCell[], rowNumber: number): void {
    const columns = this.dateColumns
    const dates = this.dates
    let bad = 0
    for (let d = 0; d < columns.length; d++) {
      const raw = cells[(columns[d] as DateColumn).cellIndex]
      // Nearly every date cell is an ISO or UK date seen before: looked up by number, which is cheaper than by
      // text, and every record of one date shares one string (the cell's own dies young). The rest take the slow
      // path, which learns the dates that exist.
      if (typeof raw === 'string') {
        const key = dateNumber(raw)
        const known = key >= 0 ? this.knownDates.get(key) : undefined
        if (known !== undefined) {
          dates[d] = known
          continue
        }
      }
      if (!this.readDateCell(d, raw, rowNumber)) bad |= 1 << d
    }
    this.badDates = bad
  }

  /** Reads one date cell that is not a plain ISO date or a UK date seen before; false when it is bad. */
  private readDateCell(d: number, raw: RawCell | undefined, rowNumber: number): boolean {
    const column = this.dateColumns[d] as DateColumn
    if (raw === undefined || raw === '' || isBlank(raw)) {
      this.dates[d] = null
      if (!column.canBeBlank) this.blank(column.header, rowNumber)
      return true
    }
    const cache = this.collector.dateCache
    let parsed = typeof raw === 'string' ? cache.get(raw) : undefined
    if (parsed === undefined) {
      parsed = parseDate(typeof raw === 'number' && this.options.date1904 ? raw + 1462 : raw)
      if (typeof raw === 'string') {
        if (cache.size >= DATE_CACHE_LIMIT) cache.clear()
        cache.set(detach(raw), parsed)
      }
    }
    if (parsed.ok) {
      this.dates[d] = parsed.value
      const key = typeof raw === 'string' ? dateNumber(raw) : -1
      if (key >= 0 && this.knownDates.size < DATE_CACHE_LIMIT) this.knownDates.set(key, parsed.value)
      return true
    }
    this.dates[d] = null
    this.error(rowNumber, column.header, raw, parsed.reason)
    return false
  }

  /** Warns about blank cells in the other columns the template says must be filled in. */
  private checkRequired(cells: readonly RawCell[], rowNumber: number): void {
    const required = this.requiredColumns
    for (let i = 0; i < required.length; i++) {
      const column = required[i] as { cellIndex: number; header: string }
      const raw = cells[column.cellIndex]
      if (raw === undefined || raw === '' || isBlank(raw)) this.blank(column.header, rowNumber)
    }
  }

  private blank(header: string, rowNumber: number): void {
    const count = (this.blankCounts.get(header) ?? 0) + 1
    this.blankCounts.set(header, count)
    if (count <= BLANK_WARNINGS_PER_COLUMN) {
      this.warn(rowNumber, header, '', `"${header}" is blank, but Annex A expects it to be filled in`)
    }
  }

  private error(row: number, column: string, value: RawCell, reason: string): void {
    this.collector.errors.push({ list: this.list, row, column, value: detach(cellText(value)), reason })
  }

  private warn(row: number | null, column: string | null, value: string | null, reason: string): void {
    this.collector.warnings.push({ list: this.list, row, column, value, reason })
  }

  /** The function that turns a data row into this list's record (lists 2, 10 and 11 have none). */
  private recordBuilder(
    indexOf: ReadonlyMap<string, number>,
    dateSlot: ReadonlyMap<string, number>,
    order: ReadonlyArray<{ earlier: number; later: number; reason: string }>,
  ): (cells: readonly RawCell[], row: number) => void {
    const records = this.collector.records
    const childIdIndex = indexOf.get('Child Unique ID') ?? -1
    const date = (name: string, field: string): (() => IsoDate | null) => {
      const slot = dateSlot.get(name)
      if (slot === undefined) return () => null
      const bit = 1 << slot
      return () => {
        if ((this.badDates & bit) !== 0) this.invalidFields.push(field)
        return this.dates[slot] ?? null
      }
    }
    const dateOfBirth = date('Date of Birth', 'dateOfBirth')
    const yesNo = (name: string, field: string) =>
      this.cellField(indexOf.get(name) ?? -1, field, (cell) => {
        const answer = yesNoOf(cell)
        return answer === null ? { ok: false, reason: 'Expected Yes or No' } : { ok: true, value: answer }
      })
    const code = (name: string, field: string) => {
      const known = this.codes.get(name) ?? []
      const allowed = new Set([...known.map((entry) => entry.code), ...(EXTRA_CODES[name] ?? [])])
      const reason = CODE_REASONS[name] ?? 'Not a code we recognise'
      return this.cellField(indexOf.get(name) ?? -1, field, (cell): Parsed<string> => {
        const token = codeOf(cell)
        if (token !== null && allowed.has(token)) return { ok: true, value: token }
        // Free text such as "Adopted - consent dispensed": data-map.yml's patterns map it onto a code.
        const text = cellText(cell)
        const entry = known.find((candidate) => candidate.patterns.some((pattern) => pattern.test(text)))
        return entry === undefined ? { ok: false, reason } : { ok: true, value: entry.code }
      })
    }
    const checkOrder = (cells: readonly RawCell[], row: number): void => {
      for (const pair of order) {
        const earlier = this.dates[pair.earlier]
        const later = this.dates[pair.later]
        if (earlier != null && later != null && later < earlier) {
          const column = this.dateColumns[pair.later] as DateColumn
          this.error(row, column.header, cells[column.cellIndex] ?? '', `${pair.reason} (${ukDate(earlier)})`)
        }
      }
    }
    /** Starts a record: clears the invalid fields, checks the order of dates, and returns the child's ID. */
    const start = (cells: readonly RawCell[], row: number): string => {
      this.invalidFields.length = 0
      if (order.length > 0) checkOrder(cells, row)
      return childIdIndex < 0 ? '' : childIdOf(cells[childIdIndex])
    }
    const invalid = <F extends string>(): ReadonlySet<F> =>
      this.invalidFields.length === 0 ? NONE : (new Set(this.invalidFields) as Set<F>)

    switch (this.list) {
      case 1: {
        const contactDate = date('Date of Contact', 'contactDate')
        return (cells, row) => {
          const childId = start(cells, row)
          const record: Contact = {
            row,
            childId,
            dateOfBirth: dateOfBirth(),
            invalid: NONE,
            contactDate: contactDate(),
          }
          record.invalid = invalid()
          records.contacts.push(record)
        }
      }
      case 3: {
        const referralDate = date('Date of referral', 'referralDate')
        const nfa = yesNo('Referral NFA?', 'nfa')
        return (cells, row) => {
          const childId = start(cells, row)
          const record: Referral = {
            row,
            childId,
            dateOfBirth: dateOfBirth(),
            invalid: NONE,
            referralDate: referralDate(),
            nfa: nfa(cells, row),
          }
          record.invalid = invalid()
          records.referrals.push(record)
        }
      }
      case 4: {
        const startDate = date('Continuous Assessment Start Date', 'startDate')
        const authorisationDate = date('Continuous Assessment Date of Authorisation', 'authorisationDate')
        const requiresSupport = yesNo(
          "Was the child assessed as requiring LA children's social care support?",
          'requiresSupport',
        )
        return (cells, row) => {
          const childId = start(cells, row)
          const record: Assessment = {
            row,
            childId,
            dateOfBirth: dateOfBirth(),
            invalid: NONE,
            startDate: startDate(),
            authorisationDate: authorisationDate(),
            requiresSupport: requiresSupport(cells, row),
          }
          record.invalid = invalid()
          records.assessments.push(record)
        }
      }
      case 5: {
        const strategyDate = date('Strategy discussion initiating Section 47 Enquiry Start Date', 'strategyDate')
        const icpcDate = date('Date of Initial Child Protection Conference', 'icpcDate')
        const resulted = yesNo(
          'Did the Initial Child Protection Conference Result in a Child Protection Plan',
          'icpcResultedInPlan',
        )
        return (cells, row) => {
          const childId = start(cells, row)
          const record: Section47 = {
            row,
            childId,
            dateOfBirth: dateOfBirth(),
            invalid: NONE,
            strategyDate: strategyDate(),
            icpcDate: icpcDate(),
            icpcResultedInPlan: resulted(cells, row),
          }
          record.invalid = invalid()
          records.section47s.push(record)
        }
      }
      case 6: {
        const startDate = date('CIN Start Date', 'startDate')
        const closureDate = date('CIN Closure Date', 'closureDate')
        return (cells, row) => {
          const childId = start(cells, row)
          const record: CinEpisode = {
            row,
            childId,
            dateOfBirth: dateOfBirth(),
            invalid: NONE,
            startDate: startDate(),
            closureDate: closureDate(),
          }
          record.invalid = invalid()
          records.cin.push(record)
        }
      }
      case 7: {
        const startDate = date('Child Protection Plan Start Date', 'startDate')
        const endDate = date('Child Protection Plan End Date', 'endDate')
        const lastVisitDate = date('Date of the Last Statutory Visit', 'lastVisitDate')
        const previousPlans = this.cellField(
          indexOf.get('Number of Previous Child Protection Plans') ?? -1,
          'previousPlans',
          parseCount,
        )
        return (cells, row) => {
          const childId = start(cells, row)
          const record: ProtectionPlan = {
            row,
            childId,
            dateOfBirth: dateOfBirth(),
            invalid: NONE,
            startDate: startDate(),
            endDate: endDate(),
            lastVisitDate: lastVisitDate(),
            previousPlans: previousPlans(cells, row),
          }
          record.invalid = invalid()
          records.plans.push(record)
        }
      }
      case 8: {
        const startDate = date('Date Started to be Looked After', 'startDate')
        const ceasedDate = date('Date Ceased to be Looked After', 'ceasedDate')
        const reasonCeased = code('Reason Ceased to be Looked After', 'reasonCeased')
        const placementType = code('Placement Type', 'placementType')
        const placementProvider = code('Placement Provider', 'placementProvider')
        const uasc = yesNo('Unaccompanied Asylum Seeking Child (UASC) within the Last 12 Months (Y/N)', 'uasc')
        const lastVisitDate = date('Date of Last Social Work Visit', 'lastVisitDate')
        return (cells, row) => {
          const childId = start(cells, row)
          const record: LookedAfterEpisode = {
            row,
            childId,
            dateOfBirth: dateOfBirth(),
            invalid: NONE,
            startDate: startDate(),
            ceasedDate: ceasedDate(),
            reasonCeased: reasonCeased(cells, row),
            placementType: placementType(cells, row),
            placementProvider: placementProvider(cells, row),
            uasc: uasc(cells, row),
            lastVisitDate: lastVisitDate(),
          }
          record.invalid = invalid()
          records.lookedAfter.push(record)
        }
      }
      case 9: {
        const inTouch = this.cellField(indexOf.get('LA in Touch') ?? -1, 'inTouch', this.inTouchReader())
        const suitable = this.cellField(
          indexOf.get('Suitability of Accommodation') ?? -1,
          'suitableAccommodation',
          this.suitabilityReader(),
        )
        return (cells, row) => {
          const childId = start(cells, row)
          const record: CareLeaver = {
            row,
            childId,
            dateOfBirth: dateOfBirth(),
            invalid: NONE,
            inTouch: inTouch(cells, row),
            suitableAccommodation: suitable(cells, row),
          }
          record.invalid = invalid()
          records.careLeavers.push(record)
        }
      }
      default:
        // Lists 2, 10 and 11 feed no measure: their dates are still validated above.
        return () => undefined
    }
  }

  /**
   * A reader for one non-date cell of each row: blank is null; a value it cannot read is an error, null, and the
   * field named as invalid. Results are cached by the cell's text.
   */
  private cellField<T>(
    cellIndex: number,
    field: string,
    read: (cell: RawCell) => Parsed<T>,
  ): (cells: readonly RawCell[], row: number) => T | null {
    if (cellIndex < 0) return () => null
    const cache = new ValueCache<Parsed<T>>()
    const header = this.headers[cellIndex] ?? field
    return (cells, row) => {
      const raw = cells[cellIndex]
      if (raw === undefined || raw === '' || isBlank(raw)) return null
      let parsed = cache.get(raw)
      if (parsed === undefined) {
        parsed = read(typeof raw === 'string' ? raw.trim() : raw)
        cache.set(raw, parsed)
      }
      if (parsed.ok) return parsed.value
      this.invalidFields.push(field)
      this.error(row, header, raw, parsed.reason)
      return null
    }
  }

  /**
   * LA in Touch: true only for a Yes (the Yes/No rule). The other categories in data-map.yml (No, Died, REFU, NREQ,
   * RHOM) are valid and simply not Yes; anything else is an error.
   */
  private inTouchReader(): (cell: RawCell) => Verdict {
    const categories = (this.codes.get('LA in Touch') ?? []).filter((entry) => !/yes/i.test(entry.code))
    return (cell) => {
      const answer = yesNoOf(cell)
      if (answer !== null) return { ok: true, value: answer }
      const text = cellText(cell)
      if (categories.some((entry) => entry.patterns.some((pattern) => pattern.test(text)))) {
        return { ok: true, value: false }
      }
      return { ok: false, reason: 'Expected Yes, No, Died, REFU, NREQ or RHOM' }
    }
  }

  /**
   * Suitability of Accommodation: `Suitable` / `a) Suitable` is true, `Unsuitable` / `b) Unsuitable` false. The
   * data-map.yml patterns for unsuitable are tried first, because "Unsuitable" and "Not suitable" also contain
   * "suitable".
   */
  private suitabilityReader(): (cell: RawCell) => Verdict {
    const entries =
      this.codes.get('Suitability of Accomodation') ?? this.codes.get('Suitability of Accommodation') ?? []
    const unsuitable = entries.filter((entry) => /unsuitable/i.test(entry.code)).flatMap((entry) => entry.patterns)
    const suitable = entries.filter((entry) => !/unsuitable/i.test(entry.code)).flatMap((entry) => entry.patterns)
    return (cell) => {
      const text = cellText(cell)
      if (unsuitable.some((pattern) => pattern.test(text))) return { ok: true, value: false }
      if (suitable.some((pattern) => pattern.test(text))) return { ok: true, value: true }
      return { ok: false, reason: 'Expected Suitable or Unsuitable' }
    }
  }
}

/** An ISO or UK date cell as the number 20180430, or -1 (values.ts). */
function dateNumber(text: string): number {
  const iso = isoDateNumber(text)
  return iso >= 0 ? iso : ukDateNumber(text)
}

function isBlankRow(cells: readonly RawCell[]): boolean {
  for (let i = 0; i < cells.length; i++) {
    const cell = cells[i]
    if (cell !== undefined && cell !== '' && !isBlank(cell)) return false
  }
  return true
}

/** 2018-04-30 → 30/04/2018, the way officers write dates. */
function ukDate(iso: IsoDate): string {
  return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`
}

/**
 * Synthetic Ofsted Annex A returns of any size, written as a folder of `list-1.csv` … `list-11.csv` with the
 * template's column names (docs/spec/measures.md, "Input: Ofsted Annex A lists"). Scale 1 is a mid-size council:
 * about 1,400 contacts and 280 referrals a month over three years, with assessments, section 47 enquiries, ICPCs,
 * plans, children in need, looked-after children, care leavers and adoption flowing on from them. The data is made
 * up (no real child is in it) and the same seed always gives the same bytes.
 *
 * It is also a test bed: it mixes the value conventions real exports have (ISO and UK dates, a few Excel serial
 * numbers as text; `Yes` / `a) Yes` / `Y`; codes with descriptions), puts cases on the boundaries the measures
 * must get right (ICPCs at exactly 15 and 16 working days across Good Friday and Christmas, assessments at 45 and
 * 46 working days, re-referrals at exactly 12 months and 12 months and a day, closures on a month's last day), and
 * a short list of deliberately bad cells (DELIBERATE_BAD_CELLS) so that the error report has something to show.
 *
 * Rows are built as strings and written in large chunks through file write streams that are allowed to drain, so
 * a million rows take a few seconds and little memory.
 */
import { seededRandom } from '../domain/measures/testing.ts'
import feed from '../../reference/bank-holidays-england-and-wales.json' with { type: 'json' }
import { once } from 'node:events'
import { createWriteStream, type WriteStream } from 'node:fs'
import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { finished } from 'node:stream/promises'
import { parseBankHolidays } from '../domain/calendar/bank-holidays.ts'
import { dayNumber, fromDayNumber, monthEnd, monthsBefore } from '../domain/calendar/days.ts'
import { createWorkingDayCalendar } from '../domain/calendar/working-days.ts'
import { addMonths, isPeriod, type Period } from '../domain/period.ts'

/** The month the data ends with when none is given: the council's April 2018 pack. */
export const DEFAULT_END: Period = '2018-04'

/**
 * The scale that gives about a million rows across the eleven lists (1,009,676 with the default end and
 * seed; 86,258 rows at scale 1, 59% of them contacts).
 */
export const MILLION_ROW_SCALE = 11.8

/** Column names of each list, exactly as reference/annex-a/annex-a-merge.yml spells them, in template order. */
export const ANNEX_A_HEADERS: Readonly<Record<number, readonly string[]>> = {
  1: [
    'Child Unique ID',
    'Gender',
    'Ethnicity',
    'Date of Birth',
    'Age of Child (Years)',
    'Date of Contact',
    'Contact Source',
  ],
  2: [
    'Child Unique ID',
    'Gender',
    'Ethnicity',
    'Date of Birth',
    'Age of Child (Years)',
    'Assessment start date',
    'Assessment completion date',
    'Organisation completing assessment',
  ],
  3: [
    'Child Unique ID',
    'Gender',
    'Ethnicity',
    'Date of Birth',
    'Age of Child (Years)',
    'Date of referral',
    'Referral Source',
    'Referral NFA?',
    'Number of Referrals in Last 12 Months',
    'Allocated Team',
    'Allocated Worker',
  ],
  4: [
    'Child Unique ID',
    'Gender',
    'Ethnicity',
    'Date of Birth',
    'Age of Child (Years)',
    'Does the Child have a Disability',
    'Continuous Assessment Start Date',
    'Child Seen During Continuous Assessment',
    'Continuous Assessment Date of Authorisation',
    "Was the child assessed as requiring LA children's social care support?",
    'Allocated Team',
    'Allocated Worker',
  ],
  5: [
    'Child Unique ID',
    'Gender',
    'Ethnicity',
    'Date of Birth',
    'Age of Child (Years)',
    'Does the Child have a Disability',
    'Strategy discussion initiating Section 47 Enquiry Start Date',
    'Was an Initial Child Protection Conference deemed unnecessary?',
    'Date of Initial Child Protection Conference',
    'Did the Initial Child Protection Conference Result in a Child Protection Plan',
    'Number of Section 47 Enquiries in the last 12 months',
    'Number of ICPCs in the last 12 months',
    'Allocated Team',
    'Allocated Worker',
  ],
  6: [
    'Child Unique ID',
    'Gender',
    'Ethnicity',
    'Date of Birth',
    'Age of Child (Years)',
    'Does the Child have a Disability',
    'CIN Start Date',
    'Primary Need Code',
    'Date Child Was Last Seen',
    'CIN Closure Date',
    'Reason for Closure',
    'Case Status',
    'Allocated Team',
    'Allocated Worker',
  ],
  7: [
    'Child Unique ID',
    'Gender',
    'Ethnicity',
    'Date of Birth',
    'Age of Child (Years)',
    'Does the Child have a Disability',
    'Child Protection Plan Start Date',
    'Initial Category of Abuse',
    'Latest Category of Abuse',
    'Date of the Last Statutory Visit',
    'Was the Child Seen Alone?',
    'Date of latest review conference',
    'Child Protection Plan End Date',
    'Subject to Emergency Protection Order or Protected Under Police Powers in Last Six Months (Y/N)',
    'Number of Previous Child Protection Plans',
    'Allocated Team',
    'Allocated Worker',
  ],
  8: [
    'Child Unique ID',
    'Gender',
    'Ethnicity',
    'Date of Birth',
    'Age of Child (Years)',
    'Unaccompanied Asylum Seeking Child (UASC) within the Last 12 Months (Y/N)',
    'Does the Child have a Disability',
    'Date Started to be Looked After',
    "Child's Category of Need",
    'Is this a second or subsequent period of being a Looked After Child within the last 12 months (Y/N)',
    'Start date of current legal status',
    "Child's Legal Status",
    'Date of Latest Statutory Review',
    'Date of Last Social Work Visit',
    'What is the permanence plan for this child?',
    'Date of Last IRO Visit / Contact to the Child',
    'Date of Last Health Assessment',
    'Date of Last Dental Check',
    'Number of Placements in the Last 12 months',
    'Date Ceased to be Looked After',
    'Reason Ceased to be Looked After',
    'Start Date of Most Recent Placement',
    'Placement Type',
    'Placement Provider',
    'Placement postcode',
    'URN of Placement',
    'Placement Location',
    'LA of Placement',
    "Number of Episodes the Child has been 'Missing' from their Placement in the last 12 months",
    "Number of Episodes the Child has been 'Absent' from their Placement in the last 12 months",
    'Was the child offered a Return Interview after their last missing episode (Y/N)?',
    'Did the child accept a Return Interview after their last missing episode (Y/N)?',
    'Allocated Team',
    'Allocated Worker',
  ],
  9: [
    'Child Unique ID',
    'Gender',
    'Ethnicity',
    'Date of Birth',
    'Age of Child (Years)',
    'Does the Child have a Disability',
    'Allocated Team',
    'Allocated Worker',
    'Eligibility Category',
    'LA in Touch',
    'Type of Accommodation',
    'Suitability of Accommodation',
    'Activity Status',
  ],
  10: [
    'Child Unique ID',
    'Family identifier',
    'Gender',
    'Ethnicity',
    'Date of Birth',
    'Age of Child (Years)',
    'Does the Child have a Disability',
    'Date the Child Entered Care',
    'Date of Decision that Child Should be Placed for Adoption',
    'Date of Placement Order',
    'Date of Matching Child and Prospective Adopters',
    'Date Placed for Adoption',
    'Date of Adoption Order',
    'Date of Decision that Child Should No Longer be Placed for Adoption',
    'Reason Why Child No Longer Placed for Adoption',
    'Date the child was placed for fostering in FFA or concurrent planning placement',
  ],
  11: [
    'Individual adopter identifier',
    'Family identifier',
    'Gender',
    'Ethnicity',
    'Disability',
    'Is the (prospective) adopter fostering for adoption?',
    'Date enquiry received',
    'Date Stage 1 started',
    'Date Stage 1 ended',
    'Date Stage 2 started',
    'Date Stage 2 ended',
    'Date application submitted',
    'Date application approved',
    'Date adopter matched with child(ren)',
    'Date child/children placed with adopter(s)',
    'No. of children placed',
    'Date of Adoption Order',
    'Date of leaving adoption process',
    'Reason for leaving adoption process',
  ],
}

/** One deliberately bad cell: which list and column, the text written, and what an importer should say about it. */
export interface DeliberateBadCell {
  list: number
  column: string
  value: string
  why: string
  /** Put into the first row at or after this data row (1 = the first) that has the column filled in. */
  after: number
}

/**
 * The cells written wrong on purpose, one each, early in their list: every one must come back from the importer
 * as an error, and nothing else should. Lists 2, 10 and 11 feed no measure but their dates are still checked.
 */
export const DELIBERATE_BAD_CELLS: readonly DeliberateBadCell[] = [
  { list: 1, column: 'Date of Contact', value: '31/02/2018', why: 'there is no 31 February', after: 5 },
  { list: 1, column: 'Date of Birth', value: '#N/A', why: 'a spreadsheet lookup error, not a date', after: 9 },
  { list: 2, column: 'Assessment completion date', value: '2017-02-30', why: 'there is no 30 February', after: 3 },
  { list: 3, column: 'Date of referral', value: '#N/A', why: 'a spreadsheet lookup error, not a date', after: 4 },
  {
    list: 4,
    column: 'Continuous Assessment Date of Authorisation',
    value: 'nope',
    why: 'free text in a date column',
    after: 3,
  },
  {
    list: 4,
    column: "Was the child assessed as requiring LA children's social care support?",
    value: 'Unknown',
    why: 'neither Yes nor No',
    after: 6,
  },
  {
    list: 5,
    column: 'Date of Initial Child Protection Conference',
    value: '01/04/2001',
    why: 'the ICPC is dated before its strategy discussion (a mistyped year)',
    after: 2,
  },
  { list: 6, column: 'CIN Closure Date', value: '31/06/2017', why: 'there is no 31 June', after: 3 },
  { list: 7, column: 'Date of the Last Statutory Visit', value: 'TBC', why: 'free text in a date column', after: 2 },
  { list: 8, column: 'Date of Last Health Assessment', value: '00/00/0000', why: 'not a real date', after: 2 },
  { list: 8, column: 'Placement Provider', value: 'PR9', why: 'there is no provider code PR9', after: 4 },
  { list: 9, column: 'LA in Touch', value: 'Maybe', why: 'not one of the LA in Touch answers', after: 2 },
  {
    list: 10,
    column: 'Date of Decision that Child Should be Placed for Adoption',
    value: '#N/A',
    why: 'a spreadsheet lookup error, not a date',
    after: 1,
  },
  { list: 11, column: 'Date enquiry received', value: '32/13/2017', why: 'no 32nd day, no 13th month', after: 1 },
]

/** Where a deliberately bad cell ended up: the sheet row number as an officer sees it (header = 1). */
export interface BadCellWritten {
  list: number
  row: number
  column: string
  value: string
  why: string
}

export interface SyntheticAnnexAOptions {
  /** The folder to write `list-1.csv` … `list-11.csv` into; made if missing, files in it replaced. */
  outDir: string
  /** 1 is a mid-size council; volumes scale linearly (0.05 for a quick test, MILLION_ROW_SCALE for a million rows). */
  scale: number
  /** The last month of the three years of history (default DEFAULT_END). */
  end?: Period
  /** The same seed gives the same bytes (default 1). */
  seed?: number | string
  /** How the council runs (default DEFAULT_PROFILE, a mid-size council); give only what differs. */
  profile?: Partial<SyntheticProfile>
  /**
   * Write only what an extract from this month to the end would hold: events on or after its first day, and
   * episodes still open then (default: the whole history). The same options always give the same bytes.
   */
  keepFrom?: Period
}

/**
 * How a simulated council's work flows on from its front door, and how long its episodes last. Shares are of
 * the step before (a referral not closed with no further action, an enquiry); cumulative shares split a draw
 * into bands, shortest first.
 */
export interface SyntheticProfile {
  /** Referrals (not NFA) that get a single assessment. */
  assessmentShare: number
  /** Cumulative shares of assessments authorised in 1–10, 11–25, 26–35 and 36–45 working days; the rest take 46–80. */
  assessmentBands: readonly [number, number, number, number]
  /** Referrals (not NFA) that lead to a section 47 enquiry. */
  enquiryShare: number
  /** Enquiries that go to an initial child protection conference. */
  icpcShare: number
  /** Referrals (not NFA) after which the child becomes looked after. */
  lookedAfterShare: number
  /** Cumulative shares of looked-after episodes lasting up to 6 months and up to 2 years; the rest last 2–10 years. */
  lookedAfterBands: readonly [number, number]
  /** Looked-after children who came as unaccompanied asylum-seeking children. */
  uascShare: number
  /** Children in need, on plans and looked after, starting per month (at scale 1) before the history begins. */
  earlierStarts: { cin: number; plans: number; lookedAfter: number }
  /** Care leavers the council is in touch with, and of those the share in suitable accommodation. */
  careLeavers: { inTouch: number; suitable: number }
}

export interface SyntheticAnnexASummary {
  outDir: string
  scale: number
  end: Period
  seed: number
  /** Data rows written per list number (headers not counted). */
  rows: Record<number, number>
  total: number
  /** The deliberately bad cells, where each was written. */
  badCells: BadCellWritten[]
}

/** Thrown for options no caller should pass (a programmer error: the CLI checks them first). */
export class SyntheticOptionsError extends Error {
  override name = 'SyntheticOptionsError'
}

/**
 * A small, fast pseudo-random generator (mulberry32): numbers in [0, 1), the same sequence for the same seed.
 * The property tests use the same one, so it lives beside them.
 * @example
 * const random = createRandom(1)
 * random() // 0.6270739405881613, every time
 */
export const createRandom: (seed: number) => () => number = seededRandom

/**
 * A seed as a 32-bit whole number: a whole number is used as it is, any other text is hashed (FNV-1a).
 * @example seedFrom('42') // 42
 * @example seedFrom('council-a') // a fixed number
 */
export function seedFrom(seed: number | string): number {
  const text = String(seed).trim()
  if (/^\d{1,9}$/.test(text)) return Number(text)
  let hash = 0x811c9dc5
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193)
  return hash >>> 0
}

/**
 * The one-line summary the generator prints: rows per list, total and where the files are.
 * @example
 * summaryLine(summary) // 'Annex A scale 1, seed 1, to 2018-04: list-1 50,554 · list-2 5,400 … = 86,258 rows (14 deliberately bad cells) in /tmp/a'
 */
export function summaryLine(summary: SyntheticAnnexASummary): string {
  const lists = Object.entries(summary.rows)
    .map(([list, rows]) => `list-${list} ${rows.toLocaleString('en-GB')}`)
    .join(' · ')
  return `Annex A scale ${summary.scale}, seed ${summary.seed}, to ${summary.end}: ${lists} = ${summary.total.toLocaleString('en-GB')} rows (${summary.badCells.length} deliberately bad cells) in ${summary.outDir}`
}

/**
 * Writes a synthetic Annex A as a folder of CSV files and says how many rows each list got and where the
 * deliberately bad cells are. Throws SyntheticOptionsError for a scale that is not a positive number or an end
 * that is not `YYYY-MM`.
 * @example
 * const summary = await writeSyntheticAnnexA({ outDir: '/tmp/annex-a', scale: 1, end: '2018-04', seed: 7 })
 * summary.rows[1] // about 50,000 contacts
 */
export async function writeSyntheticAnnexA(options: SyntheticAnnexAOptions): Promise<SyntheticAnnexASummary> {
  const end = options.end ?? DEFAULT_END
  if (!isPeriod(end)) throw new SyntheticOptionsError(`The end month must be YYYY-MM, not ${end}`)
  if (!(Number.isFinite(options.scale) && options.scale > 0 && options.scale <= 1000)) {
    throw new SyntheticOptionsError(`The scale must be a number above 0 and at most 1000, not ${options.scale}`)
  }
  const keepFrom = options.keepFrom
  if (keepFrom !== undefined && !(isPeriod(keepFrom) && keepFrom <= end)) {
    throw new SyntheticOptionsError(`The first month kept must be YYYY-MM, no later than ${end}, not ${keepFrom}`)
  }
  const seed = seedFrom(options.seed ?? 1)
  const profile = { ...DEFAULT_PROFILE, ...options.profile }
  await mkdir(options.outDir, { recursive: true })
  const files = new Map<number, ListFile>()
  for (let list = 1; list <= 11; list++) {
    const headers = ANNEX_A_HEADERS[list] ?? []
    const poisons = DELIBERATE_BAD_CELLS.filter((cell) => cell.list === list).map((cell) => ({
      ...cell,
      index: headers.indexOf(cell.column),
    }))
    files.set(list, new ListFile(list, join(options.outDir, `list-${list}.csv`), headers, poisons))
  }
  try {
    await new Simulation(options.scale, end, seed, files, profile, keepFrom).run()
  } finally {
    await Promise.allSettled([...files.values()].map((file) => file.close()))
  }
  const rows: Record<number, number> = {}
  let total = 0
  const badCells: BadCellWritten[] = []
  for (const [list, file] of files) {
    file.throwIfFailed()
    rows[list] = file.rows
    total += file.rows
    badCells.push(...file.bad)
  }
  return { outDir: options.outDir, scale: options.scale, end, seed, rows, total, badCells }
}

// ---------------------------------------------------------------------------------------------------------------
// Writing

const CHUNK = 1 << 17
const EOL = '\r\n' // as Excel saves CSV

/** A CSV cell: quoted only when it has to be. */
function csv(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

interface Poison extends DeliberateBadCell {
  index: number
}

/** One list's CSV file: rows are joined into large strings and written when the stream can take them. */
class ListFile {
  readonly list: number
  rows = 0
  readonly bad: BadCellWritten[] = []
  private buffer: string
  private readonly stream: WriteStream
  private readonly poisons: Poison[]
  private waiting: Promise<unknown> | null = null
  private failure: Error | null = null

  constructor(list: number, path: string, headers: readonly string[], poisons: Poison[]) {
    this.list = list
    this.poisons = poisons
    this.stream = createWriteStream(path, { highWaterMark: 1 << 20 })
    this.stream.on('error', (error) => {
      this.failure = error
    })
    this.buffer = headers.map(csv).join(',') + EOL
  }

  /** Adds a row (cells already CSV-safe), first swapping in a deliberately bad cell if one is due here. */
  add(cells: string[]): void {
    const poison = this.poisons[0]
    if (poison !== undefined && this.rows + 1 >= poison.after && (cells[poison.index] ?? '') !== '') {
      cells[poison.index] = csv(poison.value)
      this.bad.push({
        list: this.list,
        row: this.rows + 2,
        column: poison.column,
        value: poison.value,
        why: poison.why,
      })
      this.poisons.shift()
    }
    this.rows++
    this.buffer += cells.join(',') + EOL
    if (this.buffer.length >= CHUNK) this.flush()
  }

  private flush(): void {
    if (this.buffer === '') return
    // Waiting for 'drain' is arranged at once, so that a drain while another file is being waited for is not missed.
    if (!this.stream.write(this.buffer) && this.waiting === null) this.waiting = once(this.stream, 'drain')
    this.buffer = ''
  }

  /** Resolves when the stream has taken what it was given (backpressure). */
  async drained(): Promise<void> {
    this.throwIfFailed()
    if (this.waiting === null) return
    const waiting = this.waiting
    this.waiting = null
    await waiting
  }

  async close(): Promise<void> {
    this.flush()
    this.stream.end()
    await finished(this.stream)
  }

  throwIfFailed(): void {
    if (this.failure !== null) throw this.failure
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Vocabulary: the values real exports carry, CSV-safe, with weights.

interface Weighted {
  values: string[]
  cumulative: number[]
}

function weighted(pairs: ReadonlyArray<readonly [string, number]>): Weighted {
  const values: string[] = []
  const cumulative: number[] = []
  let sum = 0
  for (const [value, weight] of pairs) {
    sum += weight
    values.push(csv(value))
    cumulative.push(sum)
  }
  return { values, cumulative: cumulative.map((c) => c / sum) }
}

const GENDER = weighted([
  ['a) Male', 44],
  ['b) Female', 44],
  ['Male', 5],
  ['Female', 5],
  ['c) Not stated/recorded', 2],
])
const ETHNICITY = weighted([
  ['a) WBRI', 68],
  ['d) WOTH', 5],
  ['f) MWBC', 3],
  ['h) MWAS', 2],
  ['i) MOTH', 3],
  ['j) AIND', 2],
  ['k) APKN', 4],
  ['m) AOTH', 1],
  ['n) BCRB', 1],
  ['o) BAFR', 3],
  ['r) OOTH', 2],
  ['s) NOBT', 5],
  ['White British', 1],
])
const DISABILITY = weighted([
  ['b) No', 85],
  ['a) Yes', 7],
  ['No', 6],
  ['Yes', 2],
])
const SOURCE = weighted([
  ['q) 6: Police', 28],
  ['e) 2A: Schools', 18],
  ['g) 3A: Health services', 6],
  ['j) 3D: Health services', 5],
  ['b) 1B: Individual', 8],
  ['a) 1A: Individual', 4],
  ['n) 5A: LA services', 7],
  ['m) 4: Housing', 3],
  ['r) 7: Other legal agency', 3],
  ['s) 8: Other', 6],
  ['t) 9: Anonymous', 5],
  ['u) 10: Unknown', 4],
  ['f) 2B: Education services', 3],
])
const YES = weighted([
  ['Yes', 50],
  ['a) Yes', 35],
  ['Y', 15],
])
const NO = weighted([
  ['No', 50],
  ['b) No', 35],
  ['N', 15],
])
const FRONT_DOOR_TEAMS = weighted([
  ['Multi Agency Safeguarding Hub', 4],
  ['Locality 1 Duty Team', 2],
  ['Locality 2 Duty Team', 2],
  ['Locality 3 Duty Team', 2],
  ['Locality 4 Duty Team', 2],
])
const CASE_TEAMS = weighted([
  ['Locality 1 Unit 1', 2],
  ['Locality 1 Unit 2', 2],
  ['Locality 2 Unit 1', 2],
  ['Locality 3 Unit 1', 2],
  ['Locality 3 Unit 2', 2],
  ['Locality 4 Unit 1', 2],
  ['Children with Disabilities Team', 1],
])
const CARE_TEAMS = weighted([
  ['Children in Care Team 1', 1],
  ['Children in Care Team 2', 1],
  ['Children in Care Team 3', 1],
])
const FIRST_NAMES = ['Alex', 'Sam', 'Priya', 'Tom', 'Aisha', 'Ben', 'Chloe', 'Dev', 'Ella', 'Femi', 'Grace', 'Hamza']
const LAST_NAMES = ['Ahmed', 'Brown', 'Clarke', 'Davies', 'Evans', 'Fisher', 'Green', 'Hughes', 'Iqbal', 'Jones']
const WORKERS = weighted(FIRST_NAMES.flatMap((first) => LAST_NAMES.map((last) => [`${first} ${last}`, 1] as const)))
const EARLY_HELP_ORGANISATIONS = weighted([
  ['Early Help Locality 1', 3],
  ['Early Help Locality 2', 3],
  ['Early Help Locality 3', 2],
  ['Top Town Academy', 1],
  ['Health Visiting Service', 1],
  ['Family Centre North', 1],
])
const NEED = weighted([
  ['N1 - Abuse or neglect', 50],
  ['N5 - Family dysfunction', 15],
  ['N4 - Family in acute stress', 12],
  ["N2 - Child's disability", 8],
  ['N3 - Parental disability or illness', 5],
  ['N6 - Socially unacceptable behaviour', 4],
  ['N8 - Absent parenting', 4],
  ['N7 - Low income', 1],
  ['N0 - Not stated', 1],
])
const CIN_CLOSURE_REASONS = weighted([
  ['RC7 - Services ceased for any other reason, including child no longer in need', 6],
  ['RC8 - Case closed after assessment, no further action', 3],
  ['RC5 - Transferred to services of another local authority', 1],
])
const ABUSE = weighted([
  ['a) Neglect', 45],
  ['d) Emotional abuse', 35],
  ['b) Physical abuse', 10],
  ['c) Sexual abuse', 4],
  ['e) Multiple/not recommended', 6],
])
const LEGAL_STATUS = weighted([
  ['C2: FCO', 50],
  ['V2: Single period under S20', 25],
  ['C1: ICO', 12],
  ['E1: Placement order', 8],
  ['J1: Remanded to LA or youth detention', 2],
  ['L2: EPO', 3],
])
const PERMANENCE = weighted([
  ['a) Return to family', 3],
  ['f) Long-term fostering', 4],
  ['c) SGO/CAO', 1],
  ['e) Long-term residential placement', 1],
  ['', 2],
])
const POSTCODES = ['TT1 4AB', 'TT2 7QD', 'TT3 1XY', 'TT5 9LP', 'OT1 2CD', 'OT4 6EF', 'AB12 3GH', 'ZZ9 8JK']
const LA_OF_PLACEMENT = weighted([
  ['Home Town', 6],
  ['Other Town 1', 2],
  ['Other Town 2', 1],
  ['WAL - Child placed in Wales', 0.3],
])
const ELIGIBILITY_ADULT = weighted([
  ['b) Former relevant child', 19],
  ['c) Qualifying care leaver', 1],
])
const IN_TOUCH_PAIRS: ReadonlyArray<readonly [string, number]> = [
  ['a) Yes', 50],
  ['Yes', 26],
  ['Y', 8],
  ['b) No', 4],
  ['REFU', 4],
  ['NREQ', 4],
  ['d) Refu', 2],
  ['c) Died', 0.3],
]
const SUITABLE_PAIRS: ReadonlyArray<readonly [string, number]> = [
  ['a) Suitable', 46],
  ['Suitable', 40],
  ['b) Unsuitable', 7],
  ['Unsuitable', 7],
]
const isInTouch = (answer: string): boolean => answer === 'a) Yes' || answer === 'Yes' || answer === 'Y'
const isSuitable = (answer: string): boolean => answer === 'a) Suitable' || answer === 'Suitable'

/** The share of the weight that `yes` answers carry. */
function shareOf(pairs: ReadonlyArray<readonly [string, number]>, yes: (value: string) => boolean): number {
  const total = pairs.reduce((sum, [, weight]) => sum + weight, 0)
  return pairs.reduce((sum, [value, weight]) => sum + (yes(value) ? weight : 0), 0) / total
}

/** The table with its `yes` answers scaled to carry `share` of the weight (the same table at its own share). */
function reweighted(
  pairs: ReadonlyArray<readonly [string, number]>,
  yes: (value: string) => boolean,
  share: number,
): Weighted {
  const own = shareOf(pairs, yes)
  const up = share / own
  const down = (1 - share) / (1 - own)
  return weighted(pairs.map(([value, weight]) => [value, weight * (yes(value) ? up : down)] as const))
}

/** A mid-size council: about 280 referrals a month, most assessed, a fifth going on to a section 47 enquiry. */
export const DEFAULT_PROFILE: SyntheticProfile = {
  assessmentShare: 0.96,
  assessmentBands: [0.15, 0.4, 0.6, 0.82],
  enquiryShare: 0.21,
  icpcShare: 0.45,
  lookedAfterShare: 0.045,
  lookedAfterBands: [0.35, 0.7],
  uascShare: 0.05,
  earlierStarts: { cin: 135, plans: 21, lookedAfter: 12 },
  careLeavers: { inTouch: shareOf(IN_TOUCH_PAIRS, isInTouch), suitable: shareOf(SUITABLE_PAIRS, isSuitable) },
}

const ACCOMMODATION = weighted([
  ['D: Semi-independent, transitional accommodation and self-contained accommodation', 30],
  ['U: Independent living', 25],
  ['Z: With former foster carers', 12],
  ['B: Parents/relatives', 12],
  ['E: Supported lodgings', 8],
  ['T: Foyers and similar supported accommodation', 5],
  ['X: In custody', 3],
  ['W: Bed and breakfast', 2],
  ['Y: Other accommodation', 3],
])
const ACTIVITY = weighted([
  ['F2: Full time in education other than higher', 20],
  ['F3: Full time in training or employment', 18],
  ['F1: Full time in higher education', 8],
  ['P3: Part time in training or employment', 6],
  ['G5: Not in education, employment or training - other', 30],
  ['G4: Not in education, employment or training - illness or disability', 8],
  ['G6: Not in education, employment or training - pregnancy or parenting', 10],
])
const NO_LONGER_ADOPTION = weighted([
  ['RD1 - The child’s needs changed subsequent to the decision', 1],
  ['RD2 - The Court did not make a placement order', 1],
  ['RD3 - Prospective adopters could not be found', 1],
  ['RD4 - Any other reason', 1],
])
const LEAVING_ADOPTION = weighted([
  ['1 - Adopter withdrew from process', 3],
  ['2 - Process put on hold', 2],
  ['3 - Application refused', 1],
])

/** A coded value three ways, as exports write them: the template label, `CODE - description`, and the code alone. */
interface Coded {
  code: string
  forms: [string, string, string]
}

function coded(code: string, label: string): Coded {
  const description = label.slice(label.indexOf(':') + 1).trim()
  return { code, forms: [csv(label), csv(`${code} - ${description}`), code] }
}

/** Codes and their template labels, by code. */
function codedTable(pairs: ReadonlyArray<readonly [string, string]>): Record<string, Coded> {
  const table: Record<string, Coded> = {}
  for (const [code, label] of pairs) table[code] = coded(code, label)
  return table
}

const REASON_CEASED = codedTable([
  ['E11', 'a) E11: Adopted - application unopposed'],
  ['E12', 'b) E12: Adopted - consent dispensed'],
  ['E2', 'c) E2: Died'],
  ['E3', 'd) E3: Care taken by another LA'],
  ['E4A', 'e) E4A: Returned home to live with parents or relatives - part of planning'],
  ['E4B', 'f) E4B: Returned home to live with parents or relatives - not part of planning'],
  ['E13', 'g) E13: Parents, relatives or other with no parental responsibility'],
  ['E41', 'h) E41: Residence order granted'],
  ['E43', 'E43: Special guardianship made to former foster carers'],
  ['E44', 'E44: Special guardianship made to carers other than former foster carers'],
  ['E45', 'i) E45: Special Guardianship Orders - former carer relative/friend'],
  ['E46', 'j) E46: Special Guardianship Orders - former carer other'],
  ['E47', 'k) E47: Special Guardianship Orders - relative/friend'],
  ['E48', 'l) E48: Special Guardianship Orders - other'],
  ['E5', 'm) E5: Moved into independent living - supported'],
  ['E6', 'n) E6: Moved into independent living - no support'],
  ['E9', 'p) E9: Sentenced to custody'],
  ['E14', 'q) E14: Accommodation on remand ended'],
  ['E8', 't) E8: Care ceased for any other reason'],
  ['E17', 'v) E17: Aged 18+ and remained with current carers'],
])
/** Reasons a child under 18 stops being looked after, by weight. E43/E44 are the pre-2020 SGO codes. */
const REASON_WEIGHTS: ReadonlyArray<readonly [string, number]> = [
  ['E4A', 30],
  ['E4B', 5],
  ['E11', 9],
  ['E12', 4],
  ['E45', 4],
  ['E46', 2],
  ['E47', 4],
  ['E48', 2],
  ['E43', 0.5],
  ['E44', 0.5],
  ['E41', 3],
  ['E13', 5],
  ['E8', 8],
  ['E3', 3],
  ['E9', 2],
  ['E14', 3],
  ['E2', 0.2],
]
const REASON_AT_18 = weighted([
  ['E5', 4],
  ['E6', 1],
  ['E17', 3],
  ['E8', 2],
])

const PLACEMENT_TYPE = codedTable([
  ['U1', 'a) U1: Foster placement - relatives - long term'],
  ['U2', 'b) U2: Foster placement - relative - FFA'],
  ['U3', 'c) U3: Foster placement - relative - not FFA'],
  ['U4', 'd) U4: Foster placement - long term'],
  ['U5', 'e) U5: Foster placement - FFA'],
  ['U6', 'f) U6: Foster placement - not FFA'],
  ['A3', 'g) A3: Placed for adoption - consent - current foster'],
  ['A5', 'i) A5: Placed for adoption - order - foster'],
  ['A6', 'j) A6: Placed for adoption - order - not foster'],
  ['P1', 'k) P1: Placed with parents'],
  ['H5', 'n) H5: Residential accommodation'],
  ['K2', "p) K2: Children's Homes"],
  ['R1', 'q) R1: Residential Care Home'],
  ['S1', 'u) S1: Residential school'],
  ['Z1', 'v) Z1: Other placements'],
])
const PLACEMENT_WEIGHTS: ReadonlyArray<readonly [string, number]> = [
  ['U1', 6],
  ['U2', 1],
  ['U3', 8],
  ['U4', 20],
  ['U5', 1],
  ['U6', 30],
  ['A3', 1],
  ['A5', 2],
  ['A6', 1],
  ['P1', 6],
  ['H5', 3],
  ['K2', 11],
  ['R1', 1],
  ['S1', 1],
  ['Z1', 1],
]
const PROVIDER = codedTable([
  ['PR0', 'a) PR0: Parents/Parental responsibility'],
  ['PR1', 'b) PR1: Own provision'],
  ['PR2', 'c) PR2: Other LA provision'],
  ['PR3', 'd) PR3: Other public provision'],
  ['PR4', 'e) PR4: Private provision'],
  ['PR5', 'f) PR5: Voluntary/third sector'],
])
/** Who provides each kind of placement: fostering is mostly the council's own, children's homes mostly private. */
const PROVIDER_WEIGHTS: Record<string, ReadonlyArray<readonly [string, number]>> = {
  U: [
    ['PR1', 55],
    ['PR4', 30],
    ['PR5', 10],
    ['PR2', 5],
  ],
  A: [
    ['PR1', 70],
    ['PR5', 30],
  ],
  P: [['PR0', 1]],
  K: [
    ['PR4', 65],
    ['PR1', 25],
    ['PR5', 10],
  ],
  other: [
    ['PR4', 50],
    ['PR3', 20],
    ['PR1', 30],
  ],
}
const REASONS = weighted(REASON_WEIGHTS)
/** Reasons for the looked-after episodes that end on a month's last day: adoptions and SGOs even at small scales. */
const MONTH_END_REASONS = ['E11', 'E45', 'E4A', 'E12', 'E47', 'E8', 'E48', 'E46', 'E11', 'E4A', 'E13', 'E41', 'E12']
const PLACEMENTS = weighted(PLACEMENT_WEIGHTS)
const PROVIDERS: Record<string, Weighted> = Object.fromEntries(
  Object.entries(PROVIDER_WEIGHTS).map(([key, pairs]) => [key, weighted(pairs)]),
)
const OTHER_PROVIDERS = weighted(PROVIDER_WEIGHTS.other ?? [])

/** The provider table for a placement type: fostering (U), adoption (A), parents (P), children's homes (K2). */
function providersFor(type: string): Weighted {
  const group = type === 'K2' ? 'K' : type.charAt(0)
  return (group === 'U' || group === 'A' || group === 'P' || group === 'K' ? PROVIDERS[group] : null) ?? OTHER_PROVIDERS
}

/** Contacts by calendar month (January first): quieter in August and at Christmas, busier in term time. */
const SEASON = [1.04, 1.02, 1.06, 0.97, 1.04, 1.02, 1.0, 0.84, 0.98, 1.06, 1.05, 0.92]

/** Volumes at scale 1, per month. Referrals, assessments, enquiries and plans flow from contacts. */
const CONTACTS_PER_MONTH = 1400
const EARLY_HELP_PER_MONTH = 150
const ADOPTERS_PER_MONTH = 4
const CARE_LEAVERS = 260

/** A weekend or bank holiday gets this share of a working day's contacts (the emergency duty team). */
const NON_WORKING_WEIGHT = 0.12

const EXCEL_EPOCH = 25_569 // Excel serial of 1970-01-01 (day 0)
const YEAR = 365.25

// ---------------------------------------------------------------------------------------------------------------
// Working days, indexed for adding and subtracting them quickly.

class WorkingDays {
  private readonly from: number
  /** cumulative[i]: working days in (from, from + i]. */
  private readonly cumulative: Int32Array
  /** days[k]: the working day whose cumulative count is k + 1. */
  private readonly days: Int32Array
  private readonly working: Uint8Array

  constructor(from: number, to: number) {
    const holidays = parseBankHolidays(feed)
    if (!holidays.ok) throw new Error('The bank holidays in reference/ do not load')
    const calendar = createWorkingDayCalendar(holidays.value)
    this.from = from
    this.cumulative = new Int32Array(to - from + 1)
    this.working = new Uint8Array(to - from + 1)
    const days: number[] = []
    for (let i = 0; i <= to - from; i++) {
      const isWorking = calendar.isWorkingDay(fromDayNumber(from + i))
      this.working[i] = isWorking ? 1 : 0
      if (i > 0 && isWorking) days.push(from + i)
      this.cumulative[i] = days.length
    }
    this.days = Int32Array.from(days)
  }

  private index(day: number): number {
    const i = day - this.from
    if (i < 0 || i >= this.cumulative.length) throw new RangeError(`Day ${fromDayNumber(day)} is outside the calendar`)
    return i
  }

  isWorking(day: number): boolean {
    return this.working[this.index(day)] === 1
  }

  /** The day `n` working days after `day` (wd(day, result) = n); `day` itself for 0. */
  add(day: number, n: number): number {
    if (n === 0) return day
    const k = (this.cumulative[this.index(day)] ?? 0) + n - 1
    const found = this.days[k]
    if (found === undefined) throw new RangeError('Working day beyond the calendar')
    return found
  }

  /** A working day `n` working days before `day` (wd(result, day) = n); `day` itself for 0. */
  before(day: number, n: number): number {
    if (n === 0) return day
    const found = this.days[(this.cumulative[this.index(day)] ?? 0) - n - 1]
    if (found === undefined) throw new RangeError('Working day before the calendar')
    return found
  }

  /** `day` if it is a working day, else the next one. */
  onOrAfter(day: number): number {
    let d = day
    while (!this.isWorking(d)) d++
    return d
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The simulation

interface Child {
  id: string
  /** Day number of birth. */
  dob: number
  /** Leave the date of birth blank (some exports do). */
  noDob: boolean
  gender: string
  ethnicity: string
  disability: string
  referrals: number[] | null
  enquiries: number[] | null
  icpcs: number[] | null
}

/** A fixed-size pool of recent children, overwritten oldest first: who comes back to the front door. */
class RecentPool {
  private readonly items: Child[] = []
  private next = 0
  constructor(private readonly capacity: number) {}
  add(child: Child): void {
    if (this.items.length < this.capacity) this.items.push(child)
    else this.items[this.next] = child
    this.next = (this.next + 1) % this.capacity
  }
  pick(u: number): Child | undefined {
    return this.items[Math.floor(u * this.items.length)]
  }
}

const DATE_BASE = dayNumber('1975-01-01')

class Simulation {
  private readonly random: () => number
  private readonly files: Map<number, ListFile>
  private readonly scale: number
  private readonly end: Period
  /** First day of the history, first day of the 13-month window, and the reference date R. */
  private readonly historyStart: number
  private readonly windowStart: number
  private readonly reference: number
  private readonly wd: WorkingDays
  private readonly contactPool: RecentPool
  private readonly referredPool: RecentPool
  private nextId: number
  private nextAdopter = 7_100_000
  private readonly isoCache: string[] = []
  private readonly ukCache: string[] = []
  /** Per-day expected contacts for the current month, per unit of day weight. */
  private perWeight = { contacts: 0, earlyHelp: 0, adopters: 0 }
  private readonly profile: SyntheticProfile
  private readonly inTouch: Weighted
  private readonly suitable: Weighted
  /** Rows whose last relevant day is before this are left out (keepFrom). */
  private readonly keepFrom: number

  constructor(
    scale: number,
    end: Period,
    seed: number,
    files: Map<number, ListFile>,
    profile: SyntheticProfile,
    keepFrom: Period | undefined,
  ) {
    this.random = createRandom(seed)
    this.profile = profile
    this.inTouch = reweighted(IN_TOUCH_PAIRS, isInTouch, profile.careLeavers.inTouch)
    this.suitable = reweighted(SUITABLE_PAIRS, isSuitable, profile.careLeavers.suitable)
    this.keepFrom = keepFrom === undefined ? Number.NEGATIVE_INFINITY : dayNumber(`${keepFrom}-01`)
    this.files = files
    this.scale = scale
    this.end = end
    // An extract needs only the year before its first month (re-referrals look back 12 months, and the children
    // who come back to the front door are the last year's): its simulation starts there, not three years back.
    const first = addMonths(end, -35)
    this.historyStart = dayNumber(
      `${keepFrom === undefined || addMonths(keepFrom, -13) < first ? first : addMonths(keepFrom, -13)}-01`,
    )
    this.windowStart = dayNumber(`${addMonths(end, -12)}-01`)
    this.reference = dayNumber(monthEnd(end))
    this.wd = new WorkingDays(this.historyStart - 800, this.reference + 800)
    this.contactPool = new RecentPool(Math.max(16, Math.ceil(CONTACTS_PER_MONTH * 12 * scale)))
    this.referredPool = new RecentPool(Math.max(8, Math.ceil(CONTACTS_PER_MONTH * 0.2 * 12 * scale)))
    this.nextId = 1_000_000 + this.int(0, 99_999)
  }

  async run(): Promise<void> {
    this.earlierEpisodes()
    this.careLeavers()
    for (let day = this.historyStart; day <= this.reference; day++) {
      const iso = this.iso(day)
      if (iso.endsWith('-01')) this.startMonth(iso.slice(0, 7))
      this.day(day)
      await this.drained()
    }
    this.boundaryCases()
    await this.drained()
  }

  private async drained(): Promise<void> {
    for (const file of this.files.values()) await file.drained()
  }

  /**
   * Writes a row unless it ends before the first month kept. `lastDay` is the last day the row concerns: the
   * event's date, or the day an episode closed (the reference date while it is open). A row left out is not
   * built, which is what makes an extract of a month quick.
   */
  private emit(list: number, lastDay: number, cells: () => string[]): void {
    if (lastDay < this.keepFrom) return
    const file = this.files.get(list)
    if (file === undefined) throw new Error(`No file for list ${list}`)
    file.add(cells())
  }

  // --- random helpers ---

  private int(low: number, high: number): number {
    return low + Math.floor(this.random() * (high - low + 1))
  }

  private chance(p: number): boolean {
    return this.random() < p
  }

  private pick(table: Weighted): string {
    const u = this.random()
    const cumulative = table.cumulative
    // The first entry whose cumulative share is above u (binary search: some tables have a hundred entries).
    let low = 0
    let high = cumulative.length - 1
    while (low < high) {
      const mid = (low + high) >>> 1
      if ((cumulative[mid] ?? 1) <= u) low = mid + 1
      else high = mid
    }
    return table.values[low] ?? ''
  }

  /** A count whose average is `mean`: a little spread, and the fraction kept by chance. */
  private count(mean: number): number {
    return Math.floor(mean * (0.8 + 0.4 * this.random()) + this.random())
  }

  private yesNo(answer: boolean): string {
    return this.pick(answer ? YES : NO)
  }

  private codedForm(value: Coded): string {
    const u = this.random()
    return u < 0.6 ? value.forms[0] : u < 0.8 ? value.forms[1] : value.forms[2]
  }

  private worker(): string {
    return this.pick(WORKERS)
  }

  // --- dates ---

  private iso(day: number): string {
    const i = day - DATE_BASE
    let text = this.isoCache[i]
    if (text === undefined) {
      text = fromDayNumber(day)
      if (i >= 0) this.isoCache[i] = text
    }
    return text
  }

  /** A date cell as exports write them: mostly ISO, a quarter UK style, a few Excel serial numbers as text. */
  private date(day: number): string {
    const u = this.random()
    if (u < 0.7) return this.iso(day)
    if (u < 0.97) {
      const i = day - DATE_BASE
      let text = this.ukCache[i]
      if (text === undefined) {
        const iso = this.iso(day)
        text = `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`
        if (i >= 0) this.ukCache[i] = text
      }
      return text
    }
    return String(day + EXCEL_EPOCH)
  }

  /** A date cell, or blank when the day is after the reference date (it has not happened yet). */
  private dateBy(day: number | null): string {
    return day === null || day > this.reference ? '' : this.date(day)
  }

  // --- children ---

  private child(day: number, minAge = 0, maxAge = 17): Child {
    this.nextId += 1 + this.int(0, 6)
    const n = this.nextId
    // Some systems pad IDs: 0042 and 42 are different children, so the padding is kept for the child's life.
    const id = this.chance(0.06) ? `${this.chance(0.5) ? '0' : '00'}${n}` : String(n)
    const age = minAge === 0 && this.chance(0.12) ? 0 : this.int(minAge, maxAge)
    const dob = day - Math.floor(age * YEAR) - this.int(0, 364)
    return {
      id,
      dob: Math.min(dob, day),
      noDob: this.chance(0.01),
      gender: this.pick(GENDER),
      ethnicity: this.pick(ETHNICITY),
      disability: this.pick(DISABILITY),
      referrals: null,
      enquiries: null,
      icpcs: null,
    }
  }

  /** The four cells every child list starts with after the ID: gender, ethnicity, date of birth, age. */
  private person(child: Child, day: number): [string, string, string, string] {
    if (child.noDob) return [child.gender, child.ethnicity, '', '']
    return [child.gender, child.ethnicity, this.date(child.dob), String(Math.floor((day - child.dob) / YEAR))]
  }

  // --- the calendar of events ---

  private startMonth(period: Period): void {
    const first = dayNumber(`${period}-01`)
    const last = dayNumber(monthEnd(period))
    let weight = 0
    for (let d = first; d <= last; d++) weight += this.wd.isWorking(d) ? 1 : NON_WORKING_WEIGHT
    const season = SEASON[Number(period.slice(5, 7)) - 1] ?? 1
    this.perWeight = {
      contacts: (CONTACTS_PER_MONTH * this.scale * season) / weight,
      earlyHelp: (EARLY_HELP_PER_MONTH * this.scale) / weight,
      adopters: (ADOPTERS_PER_MONTH * this.scale) / weight,
    }
  }

  private day(day: number): void {
    const weight = this.wd.isWorking(day) ? 1 : NON_WORKING_WEIGHT
    const contacts = this.count(this.perWeight.contacts * weight)
    for (let k = 0; k < contacts; k++) this.contactAndMaybeReferral(day)
    const earlyHelp = this.count(this.perWeight.earlyHelp * weight)
    for (let k = 0; k < earlyHelp; k++) this.earlyHelp(day)
    const adopters = this.count(this.perWeight.adopters * weight)
    for (let k = 0; k < adopters; k++) this.adopter(day)
  }

  /**
   * A contact; about one in five becomes a referral. Children referred in the last year come back most often,
   * which is what makes re-referrals (about a fifth of referrals).
   */
  private contactAndMaybeReferral(day: number): void {
    const u = this.random()
    let child: Child | undefined
    let referralChance = 0.19
    if (u < 0.05) {
      child = this.referredPool.pick(this.random())
      referralChance = 0.75
    } else if (u < 0.3) {
      child = this.contactPool.pick(this.random())
      referralChance = 0.12
    }
    if (child === undefined) {
      child = this.child(day)
      referralChance = 0.19
      this.contactPool.add(child)
    }
    this.contact(child, day)
    if (this.chance(referralChance)) this.referral(child, day, this.chance(0.07))
  }

  private contact(child: Child, day: number): void {
    this.emit(1, day, () => [child.id, ...this.person(child, day), this.date(day), this.pick(SOURCE)])
  }

  /** A referral and everything that follows from it. */
  private referral(child: Child, day: number, nfa: boolean, followUp = true): void {
    child.referrals ??= []
    const lastYear = child.referrals.filter((d) => d > day - 366).length
    child.referrals.push(day)
    this.emit(3, day, () => [
      child.id,
      ...this.person(child, day),
      this.date(day),
      this.pick(SOURCE),
      this.yesNo(nfa),
      String(lastYear),
      this.pick(FRONT_DOOR_TEAMS),
      this.worker(),
    ])
    if (!followUp) return
    this.referredPool.add(child)
    if (nfa) return
    if (this.chance(this.profile.assessmentShare)) this.assessment(child, day)
    if (this.chance(this.profile.enquiryShare)) this.enquiry(child, day)
    if (this.chance(this.profile.lookedAfterShare)) {
      const start = day + this.int(0, 40)
      if (start <= this.reference) this.lookedAfter(child, start, -Infinity)
    }
  }

  /** Working days an assessment takes: by default about 82% within 45, spread over the duration bands. */
  private assessmentWorkingDays(): number {
    const u = this.random()
    const [to10, to25, to35, to45] = this.profile.assessmentBands
    if (u < to10) return this.int(1, 10)
    if (u < to25) return this.int(11, 25)
    if (u < to35) return this.int(26, 35)
    if (u < to45) return this.int(36, 45)
    return this.int(46, 80)
  }

  private assessment(child: Child, referralDay: number): void {
    const start = this.wd.onOrAfter(referralDay + this.int(0, 2))
    if (start > this.reference) return
    const authorised = this.wd.add(start, this.assessmentWorkingDays())
    this.emitAssessment(child, start, authorised, this.chance(0.55))
    if (authorised > this.reference) this.cin(child, referralDay, null, true)
  }

  private emitAssessment(child: Child, start: number, authorised: number, support: boolean): void {
    const done = authorised <= this.reference
    this.emit(4, done ? authorised : this.reference, () => [
      child.id,
      ...this.person(child, start),
      child.disability,
      this.date(start),
      this.yesNo(this.chance(0.97)),
      done ? this.date(authorised) : '',
      done ? this.yesNo(support) : '',
      this.pick(CASE_TEAMS),
      this.worker(),
    ])
    if (done && support) this.cin(child, start, authorised, false)
  }

  /** A child in need episode from `start`; it closes some months after `from` (blank when still open). */
  private cin(child: Child, start: number, from: number | null, assessing: boolean): void {
    if (from === null) {
      this.emitCin(child, start, null, assessing)
      return
    }
    const u = this.random()
    const days = u < 0.3 ? this.int(30, 120) : u < 0.75 ? this.int(121, 365) : this.int(366, 900)
    this.emitCin(child, start, from + days, false)
  }

  private emitCin(child: Child, start: number, closure: number | null, assessing: boolean): void {
    const closed = closure !== null && closure <= this.reference
    const seen = closed ? Math.max(start, closure - this.int(0, 20)) : Math.max(start, this.reference - this.int(0, 40))
    this.emit(6, closed ? closure : this.reference, () => [
      child.id,
      ...this.person(child, start),
      child.disability,
      this.date(start),
      this.pick(NEED),
      this.date(seen),
      closed ? this.date(closure) : '',
      closed ? this.pick(CIN_CLOSURE_REASONS) : '',
      closed ? 'e) Closed episode' : assessing ? 'd) Open assessment' : 'c) Child in need plan',
      this.pick(CASE_TEAMS),
      this.worker(),
    ])
  }

  /** A section 47 enquiry; 45% go to an ICPC, mostly within 15 working days, and most ICPCs make a plan. */
  private enquiry(child: Child, referralDay: number): void {
    const strategy = this.wd.onOrAfter(referralDay + this.int(0, 3))
    if (strategy > this.reference) return
    if (!this.chance(this.profile.icpcShare)) {
      this.emitEnquiry(child, strategy, null, false)
      return
    }
    const days = this.chance(0.78) ? this.int(5, 15) : this.int(16, 28)
    this.emitEnquiry(child, strategy, this.wd.add(strategy, days), this.chance(0.85))
  }

  private emitEnquiry(child: Child, strategy: number, icpc: number | null, plan: boolean): void {
    child.enquiries ??= []
    child.icpcs ??= []
    const enquiries = child.enquiries.filter((d) => d > strategy - 366).length
    const icpcs = child.icpcs.filter((d) => d > strategy - 366).length
    child.enquiries.push(strategy)
    const held = icpc !== null && icpc <= this.reference
    if (held) child.icpcs.push(icpc)
    this.emit(5, icpc === null ? strategy : Math.min(icpc, this.reference), () => [
      child.id,
      ...this.person(child, strategy),
      child.disability,
      this.date(strategy),
      icpc === null ? this.yesNo(true) : this.yesNo(false),
      held ? this.date(icpc) : '',
      held ? this.yesNo(plan) : '',
      String(enquiries),
      String(icpcs),
      this.pick(CASE_TEAMS),
      this.worker(),
    ])
    if (held && plan) this.plan(child, icpc, -Infinity)
  }

  /** A child protection plan; written only when it is still open on or after `keepFrom`. */
  private plan(child: Child, start: number, keepFrom: number): void {
    const u = this.random()
    const days =
      u < 0.1 ? this.int(30, 90) : u < 0.6 ? this.int(91, 365) : u < 0.95 ? this.int(366, 730) : this.int(731, 1100)
    const end = start + days
    if (end < keepFrom) return
    const v = this.random()
    this.emitPlan(child, start, end, v < 0.8 ? 0 : v < 0.95 ? 1 : 2)
  }

  private emitPlan(child: Child, start: number, end: number, previous: number): void {
    const open = end > this.reference
    let visit: number
    if (open) {
      // About 80% of open plans were visited within 15 working days of the reference date.
      visit = Math.max(start, this.wd.before(this.reference, this.chance(0.8) ? this.int(0, 15) : this.int(16, 30)))
    } else {
      visit = Math.max(start, end - this.int(0, 14))
    }
    const review = start + this.int(80, 100)
    const category = this.pick(ABUSE)
    this.emit(7, Math.min(end, this.reference), () => [
      child.id,
      ...this.person(child, start),
      child.disability,
      this.date(start),
      category,
      this.chance(0.9) ? category : this.pick(ABUSE),
      this.date(visit),
      this.yesNo(this.chance(0.7)),
      review <= Math.min(end, this.reference) ? this.date(review) : '',
      open ? '' : this.date(end),
      this.yesNo(this.chance(0.04)),
      String(previous),
      this.pick(CASE_TEAMS),
      this.worker(),
    ])
  }

  /** A looked-after episode; it ends by the child's 18th birthday. Written when open on or after `keepFrom`. */
  private lookedAfter(child: Child, start: number, keepFrom: number): void {
    const u = this.random()
    const [upTo6Months, upTo2Years] = this.profile.lookedAfterBands
    let days = u < upTo6Months ? this.int(7, 180) : u < upTo2Years ? this.int(181, 730) : this.int(731, 3650)
    let reason = this.pick(REASONS)
    if ((reason === 'E11' || reason === 'E12') && days < 270) days = this.int(270, 900)
    let ceased = start + days
    const adult = child.dob + Math.ceil(18 * YEAR)
    if (ceased >= adult) {
      ceased = Math.max(start + 1, adult)
      reason = this.pick(REASON_AT_18)
    }
    if (ceased < keepFrom) return
    const uasc = this.chance(this.profile.uascShare)
    this.emitLookedAfter(child, start, ceased, reason, uasc)
  }

  private emitLookedAfter(child: Child, start: number, ceased: number, reason: string, uasc: boolean): void {
    const open = ceased > this.reference
    const until = open ? this.reference : ceased
    const type = this.pick(PLACEMENTS)
    const provider = this.pick(providersFor(type))
    let visit: number
    if (open) visit = this.reference - (this.chance(0.85) ? this.int(0, 42) : this.int(43, 90))
    else visit = ceased - this.int(0, 30)
    visit = Math.max(start, visit)
    const optional = (from: number, spread: number): string => {
      const d = until - this.int(0, spread)
      return d >= from && this.chance(0.9) ? this.date(d) : ''
    }
    const missing = this.chance(0.88) ? 0 : this.int(1, 6)
    const adoptionPlan = open && this.chance(0.08) && until - child.dob < 8 * YEAR
    this.emit(8, until, () => [
      child.id,
      ...this.person(child, start),
      this.yesNo(uasc),
      child.disability,
      this.date(start),
      this.pick(NEED),
      this.yesNo(this.chance(0.06)),
      this.date(Math.min(until, start + this.int(0, 60))),
      adoptionPlan ? csv('E1: Placement order') : this.pick(LEGAL_STATUS),
      optional(start + 20, 180),
      this.date(visit),
      adoptionPlan ? 'b) Adoption' : this.pick(PERMANENCE),
      optional(start, 120),
      optional(start + 28, 360),
      optional(start, 360),
      String(this.int(1, 3)),
      open ? '' : this.date(ceased),
      open ? '' : this.codedForm(REASON_CEASED[reason] ?? coded(reason, reason)),
      this.date(start + Math.floor(this.random() * (until - start + 1))),
      this.codedForm(PLACEMENT_TYPE[type] ?? coded(type, type)),
      this.codedForm(PROVIDER[provider] ?? coded(provider, provider)),
      POSTCODES[this.int(0, POSTCODES.length - 1)] ?? '',
      type === 'K2' || type === 'H5' ? `SC${this.int(100_000, 999_999)}` : '',
      this.chance(0.75) ? 'a) In' : 'b) Out',
      this.pick(LA_OF_PLACEMENT),
      String(missing),
      String(this.chance(0.9) ? 0 : this.int(1, 4)),
      missing > 0 ? this.yesNo(this.chance(0.8)) : '',
      missing > 0 ? this.yesNo(this.chance(0.6)) : '',
      this.pick(CARE_TEAMS),
      this.worker(),
    ])
    if ((!open && (reason === 'E11' || reason === 'E12')) || adoptionPlan) this.adoption(child, start, until, !open)
  }

  /** List 10: the adoption steps of a child who was adopted (by `until`) or has an adoption plan. */
  private adoption(child: Child, entered: number, until: number, adopted: boolean): void {
    const span = until - entered
    const at = (share: number): number => entered + Math.floor(span * share)
    const stopped = !adopted && this.chance(0.15)
    this.emit(10, adopted ? until : this.reference, () => [
      child.id,
      String(this.int(4_000_000, 15_000_000)),
      ...this.person(child, entered),
      child.disability,
      this.date(entered),
      this.date(at(0.25)),
      adopted || this.chance(0.6) ? this.date(at(0.4)) : '',
      adopted ? this.date(at(0.65)) : '',
      adopted ? this.date(at(0.72)) : '',
      adopted ? this.date(until) : '',
      stopped ? this.date(at(0.9)) : '',
      stopped ? this.pick(NO_LONGER_ADOPTION) : '',
      this.chance(0.1) ? this.date(at(0.3)) : '',
    ])
  }

  /** List 2: an early help assessment, completed within about two months unless still open. */
  private earlyHelp(day: number): void {
    const u = this.random()
    const child = (u < 0.3 ? this.contactPool.pick(this.random()) : undefined) ?? this.child(day)
    const done = this.chance(0.9) ? day + this.int(5, 60) : null
    const lastDay = Math.min(done ?? this.reference, this.reference)
    this.emit(2, lastDay, () => [
      child.id,
      ...this.person(child, day),
      this.date(day),
      this.dateBy(done),
      this.pick(EARLY_HELP_ORGANISATIONS),
    ])
  }

  /** List 11: a prospective adopter's journey from enquiry; steps after the reference date are blank. */
  private adopter(day: number): void {
    this.nextAdopter += this.int(1, 40)
    const leaves = this.chance(0.2)
    const steps: number[] = []
    let d = day
    for (const gap of [14, 40, 10, 90, 5, 30, 120, 20]) {
      d += this.int(Math.ceil(gap / 2), gap * 2)
      steps.push(d)
    }
    const leftAfter = leaves ? this.int(1, steps.length - 2) : steps.length
    const cells = steps.map((step, i) => (i < leftAfter ? this.dateBy(step) : ''))
    const placed = leftAfter === steps.length && (steps[7] ?? Infinity) <= this.reference
    const order = (steps[7] ?? 0) + this.int(60, 200)
    const left = leaves ? (steps[leftAfter - 1] ?? day) + this.int(1, 30) : null
    this.emit(11, this.reference, () => [
      `AD${this.nextAdopter}`,
      String(this.int(4_000_000, 15_000_000)),
      this.pick(GENDER),
      this.pick(ETHNICITY),
      this.pick(DISABILITY),
      this.yesNo(this.chance(0.15)),
      this.date(day),
      ...cells,
      placed ? String(this.chance(0.8) ? 1 : 2) : '',
      placed ? this.dateBy(order) : '',
      this.dateBy(left),
      left !== null && left <= this.reference ? this.pick(LEAVING_ADOPTION) : '',
    ])
  }

  /** List 9: the care leavers (17 to 21) the council is in touch with, or not, at the reference date. */
  private careLeavers(): void {
    const count = Math.max(this.inTouch.values.length, Math.round(CARE_LEAVERS * this.scale))
    let touched = 0
    for (let k = 0; k < count; k++) {
      const child = this.child(this.reference, 17, 21)
      const age = Math.floor((this.reference - child.dob) / YEAR)
      // Every answer at least once, so that even a tiny return shows them all.
      const inTouch = this.inTouch.values[k] ?? this.pick(this.inTouch)
      const touching = inTouch === 'a) Yes' || inTouch === 'Yes' || inTouch === 'Y'
      const t = touching ? touched++ : 0
      this.emit(9, this.reference, () => [
        child.id,
        ...this.person(child, this.reference),
        child.disability,
        'Care Leavers Team',
        this.worker(),
        age < 18 ? 'a) Relevant child' : this.pick(ELIGIBILITY_ADULT),
        inTouch,
        touching ? (ACCOMMODATION.values[t] ?? this.pick(ACCOMMODATION)) : '',
        touching ? (this.suitable.values[t] ?? this.pick(this.suitable)) : '',
        touching ? this.pick(ACTIVITY) : '',
      ])
    }
  }

  /**
   * Children in need, on plans and looked after from before the three years began and still so when they began:
   * without them the stock measures would start from nothing.
   */
  private earlierEpisodes(): void {
    const from = this.historyStart
    const starts = (perMonth: number, months: number, each: (day: number) => void): void => {
      for (let m = months; m >= 1; m--) {
        const n = this.count(perMonth * this.scale)
        for (let k = 0; k < n; k++) each(from - Math.floor(m * 30.44) + this.int(0, 29))
      }
    }
    const earlier = this.profile.earlierStarts
    starts(earlier.cin, 36, (day) => {
      const u = this.random()
      const days = u < 0.3 ? this.int(60, 150) : u < 0.75 ? this.int(151, 395) : this.int(396, 930)
      if (day + days >= from) this.emitCin(this.child(day), day, day + days, false)
    })
    starts(earlier.plans, 40, (day) => this.plan(this.child(day), day, from))
    starts(earlier.lookedAfter, 144, (day) => this.lookedAfter(this.child(day), day, from))
  }

  /**
   * Cases on the edges the measures must get right, a few of each, on fresh children so nothing else blurs them.
   */
  private boundaryCases(): void {
    const window = this.windowStart
    const R = this.reference
    // ICPCs at exactly 15 and 16 working days from a strategy discussion on the last working day before Good
    // Friday or Christmas Day, when the holidays fall inside the count.
    for (const event of feed.events) {
      if (event.title !== 'Good Friday' && event.title !== 'Christmas Day') continue
      const holiday = dayNumber(event.date)
      if (holiday < window - 20 || holiday > R) continue
      let strategy = holiday - 1
      while (!this.wd.isWorking(strategy)) strategy--
      for (const days of [15, 15, 16, 16]) {
        const icpc = this.wd.add(strategy, days)
        if (icpc > R) continue
        const child = this.child(strategy)
        this.contact(child, strategy)
        this.referral(child, strategy, false, false)
        this.emitEnquiry(child, strategy, icpc, this.chance(0.85))
      }
    }
    // Assessments authorised at exactly 45 and 46 working days, every month of the window.
    for (let m = -14; m <= -2; m++) {
      const start = this.wd.onOrAfter(dayNumber(`${addMonths(this.end, m)}-01`) + this.int(0, 9))
      for (const days of [45, 46]) {
        const authorised = this.wd.add(start, days)
        if (authorised > R) continue
        const child = this.child(start)
        this.contact(child, start)
        this.referral(child, start, false, false)
        this.emitAssessment(child, start, authorised, this.chance(0.55))
      }
    }
    // Re-referrals exactly 12 months after the first (a re-referral) and 12 months and a day (not one), including
    // a month-end date.
    for (const m of [-11, -8, -5, -2, -1]) {
      const period = addMonths(this.end, m)
      const second = m === -1 ? dayNumber(monthEnd(period)) : dayNumber(`${period}-${String(21 + m).padStart(2, '0')}`)
      for (const extra of [0, 1]) {
        const first = dayNumber(monthsBefore(this.iso(second), 12)) - extra
        const child = this.child(first, 1, 15)
        for (const day of [first, second]) {
          this.contact(child, day)
          this.referral(child, day, true, false)
        }
      }
    }
    // Episodes that close on the last day of a month: not open at that month's end.
    for (let m = -12; m <= 0; m++) {
      const last = dayNumber(monthEnd(addMonths(this.end, m)))
      const reason = MONTH_END_REASONS[m + 12] ?? 'E4A'
      const child = this.child(last - 200, 2, 14)
      this.emitCin(child, last - this.int(90, 270), last, false)
      this.emitPlan(this.child(last - 200, 0, 14), last - this.int(90, 400), last, 0)
      const looked = this.child(last - 400, 0, 12)
      this.emitLookedAfter(looked, last - this.int(60, 700), last, reason, false)
    }
  }
}

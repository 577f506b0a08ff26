/**
 * Reads a DfE children in need (CIN) census XML file as a stream: the bytes are decoded chunk by chunk (with the
 * checks every text file gets, src/importers/text-file.ts), parsed by saxes, and only one `<Child>` is held at a
 * time, so a 2 GB census is read in bounded memory. Each child becomes the same typed records Annex A lists 3–7
 * give (src/domain/annex-a/records.ts), so every measure is computed from a census with the same definitions.
 * docs/methodology.md ("CIN census") says which element feeds which field.
 *
 * Schema years 2017–18 to 2025–26 are accepted: element names are matched without regard to case or namespace
 * prefix, `Sex` and `GenderCurrent` are both read (neither feeds a measure), `ExpectedPersonBirthDate` stands in for
 * an unborn child's `PersonBirthDate`, yes/no values may be `true`/`false`, `1`/`0` or `Y`/`N`, and dates may be
 * `2018-04-30`, `2018-04-30Z`, `2018-04-30T00:00:00` or `30/04/2018`. Unknown elements are ignored.
 *
 * A value that cannot be read is a problem naming the child's LAchildID, the element path, the value and why; the
 * field is null and listed in the record's `invalid`, exactly as an unreadable Annex A cell. A document that is not
 * well-formed XML, or whose root is not `<Message>`, is refused whole with the line and column.
 */
import { createReadStream } from 'node:fs'
import { basename } from 'node:path'
import { SaxesParser } from 'saxes'
import {
  emptyAnnexA,
  type AnnexA,
  type Assessment,
  type CinEpisode,
  type IsoDate,
  type ProtectionPlan,
  type Referral,
  type Section47,
} from '../../domain/annex-a/records.ts'
import { failed, ok, type Result } from '../../domain/result.ts'
import type { ImportProblem } from '../problem.ts'
import { TextDecoding, TextFileProblem, visibleControlCharacters } from '../text-file.ts'
import { parseCount, parseDate } from '../annex-a/values.ts'

/** One thing wrong in a census: whose record, where in the document, what it held and why it is wrong. */
export interface CinProblem {
  /** The child's LAchildID; null when the problem is not about one child (or the child has none). */
  childId: string | null
  /** The element path, e.g. `Message/Children/Child/CINdetails/Assessments/AssessmentActualStartDate`. */
  path: string | null
  /** The line (1 = first) of the element or of the fault. */
  line: number | null
  column: number | null
  value: string | null
  reason: string
}

/** The `scrutineer cin-census summary` counts: elements as found in the file, valid or not. */
export interface CinCensusCounts {
  children: number
  referrals: number
  assessments: number
  section47: number
  icpcs: number
  cin_plans: number
  cp_plans: number
  /** Records or fields refused. */
  problems: number
}

export interface CinCensusRead {
  records: AnnexA
  counts: CinCensusCounts
  /** Values that could not be read, dates out of order, children without an LAchildID. */
  problems: CinProblem[]
  /** The header's `<Year>` and `<ReferenceDate>` as written (null when absent). */
  year: string | null
  referenceDate: string | null
}

/** The sentences an officer may read, exported so tests and docs quote the same words. */
export const cinCensusMessages = {
  wrongRoot: (name: string): string =>
    `This is not a children in need census: its first element is <${name}>, and a census starts with <Message>.`,
  notXml: (why: string): string =>
    `This file is not well-formed XML (${why}), so none of it was read. Export the census again from the case ` +
    'management system, or check the file is the census XML and not another file renamed.',
  damaged:
    ', which no census XML file contains: the file is damaged, or it is not the census XML (a workbook, PDF or ' +
    'other file renamed?).',
  missing: (name: string): string => `There is no file ${name}.`,
  folder: (name: string): string => `${name} is a folder: give the census XML file.`,
  forbidden: (name: string): string => `${name} cannot be opened: Scrutineer is not allowed to read it.`,
  noChildId: 'This child has no LAchildID, so none of its records can be used.',
  notADate: 'Expected a date such as 2018-04-30',
  notYesNo: 'Expected true or false',
  notCount: 'Expected a whole number',
  tooLong: (limit: number): string => `This value is longer than ${limit} characters, which no census value is.`,
  tooBig: (limit: number): string =>
    `This child has more than ${limit} elements, which no real record has: it was not read.`,
  tooDeep: (limit: number): string =>
    `Elements here are nested more than ${limit} deep, which no children in need census is: none of it was read.`,
  authorisedBeforeStart: 'The authorisation date is before the assessment start date',
  icpcBeforeStrategy: 'The ICPC date is before the section 47 start date',
  closedBeforeReferral: 'The CIN closure date is before the referral date',
  planEndsBeforeStart: 'The plan end date is before the plan start date',
} as const

/** Longest value kept; a longer one is cut and reported (a hostile file cannot make one element huge). */
const MAX_TEXT = 1000
/** Deepest nesting outside a child (a census nests four deep there). */
const MAX_DEPTH = 32
/** Most elements one `<Child>` may hold before it is refused (a real child has tens, a busy one a few hundred). */
const MAX_CHILD_ELEMENTS = 50_000

interface XmlNode {
  /** Lower-case local name, for matching across schema years. */
  key: string
  /** The name as written, for problem paths. */
  name: string
  line: number
  text: string
  tooLong: boolean
  children: XmlNode[]
}

class MalformedXml extends Error {
  constructor(
    readonly line: number | null,
    readonly column: number | null,
    readonly reason: string,
  ) {
    super(reason)
  }
}

function localName(name: string): string {
  const colon = name.indexOf(':')
  return colon < 0 ? name : name.slice(colon + 1)
}

function emptyCounts(): CinCensusCounts {
  return { children: 0, referrals: 0, assessments: 0, section47: 0, icpcs: 0, cin_plans: 0, cp_plans: 0, problems: 0 }
}

/**
 * Reads a census file (or any stream of its bytes). Never throws for anything in the file: a document that is not
 * a census is `{ ok: false, problems }` with the line and column.
 * @example
 * const read = await readCinCensus('fixtures/cin-census/CIN2rows.xml')
 * if (read.ok) read.value.counts // { children: 1, referrals: 1, assessments: 1, … }
 */
export async function readCinCensus(
  source: string | AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  options: { file?: string } = {},
): Promise<Result<CinCensusRead, CinProblem>> {
  const chunks = typeof source === 'string' ? createReadStream(source, { highWaterMark: 256 * 1024 }) : source
  const reader = new CensusReader()
  const decoding = new TextDecoding()
  try {
    for await (const chunk of chunks) reader.write(decoding.write(chunk as Uint8Array))
    reader.write(decoding.end())
    reader.close()
  } catch (error) {
    if (error instanceof MalformedXml) {
      return failed([
        { childId: null, path: null, line: error.line, column: error.column, value: null, reason: error.reason },
      ])
    }
    if (error instanceof TextFileProblem) {
      // The shared wording speaks of CSV and Excel; the officer here has an XML export.
      const reason = error.reason.replace(/, which no CSV or JSON file contains:.*$/s, cinCensusMessages.damaged)
      return failed([{ childId: null, path: null, line: error.line, column: null, value: null, reason }])
    }
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT' || code === 'EISDIR' || code === 'EACCES') {
      const name = options.file ?? (typeof source === 'string' ? basename(source) : 'the file')
      return failed([
        {
          childId: null,
          path: null,
          line: null,
          column: null,
          value: null,
          reason:
            code === 'ENOENT'
              ? cinCensusMessages.missing(name)
              : code === 'EISDIR'
                ? cinCensusMessages.folder(name)
                : cinCensusMessages.forbidden(name),
        },
      ])
    }
    throw error
  }
  return ok(reader.result())
}

/** The census problems in the shape every importer reports (row = line, column = element path). */
export function asImportProblems(file: string, problems: readonly CinProblem[]): ImportProblem[] {
  return problems.map((p) => ({
    file,
    row: p.line,
    column: p.path,
    value: p.value,
    reason:
      (p.childId === null ? '' : `child ${p.childId}: `) +
      p.reason +
      (p.column === null ? '' : ` (column ${p.column})`),
  }))
}

class CensusReader {
  private readonly parser = new SaxesParser({ position: true })
  /** Element names from the root to the current element (outside a child), for paths and the header. */
  private readonly path: string[] = []
  private readonly records: AnnexA = emptyAnnexA()
  private readonly counts = emptyCounts()
  private readonly problems: CinProblem[] = []
  private year: string | null = null
  private referenceDate: string | null = null
  private headerText = ''
  /** The `<Child>` being built, and the open elements inside it. */
  private child: XmlNode[] | null = null
  private childElements = 0
  private rootSeen = false
  /** How deep inside elements that are not held (a child past MAX_CHILD_ELEMENTS) the parser is. */
  private skipped = 0

  constructor() {
    const parser = this.parser
    parser.on('error', (error) => {
      // saxes prefixes its message with the position; the officer is given the line and column separately.
      const why = error.message.replace(/^(?:[^:]*:)?\d+:\d+: /, '').replace(/\.$/, '')
      throw new MalformedXml(parser.line, parser.column, cinCensusMessages.notXml(why))
    })
    parser.on('opentag', (tag) => this.open(localName(tag.name)))
    parser.on('closetag', () => this.closeElement())
    parser.on('text', (text) => this.text(text))
    parser.on('cdata', (text) => this.text(text))
  }

  write(text: string): void {
    if (text !== '') this.parser.write(text)
  }

  close(): void {
    this.parser.close()
  }

  result(): CinCensusRead {
    this.counts.problems = this.problems.length
    return {
      records: this.records,
      counts: this.counts,
      problems: this.problems,
      year: this.year,
      referenceDate: this.referenceDate,
    }
  }

  private open(name: string): void {
    const key = name.toLowerCase()
    if (!this.rootSeen) {
      this.rootSeen = true
      if (key !== 'message')
        throw new MalformedXml(this.parser.line, this.parser.column, cinCensusMessages.wrongRoot(name))
    }
    if (this.child !== null) {
      this.childElements++
      // Past the limit the child is refused anyway: stop holding its elements, only follow the nesting.
      if (this.childElements > MAX_CHILD_ELEMENTS) {
        this.skipped++
        this.countElement(key)
        return
      }
      const node: XmlNode = { key, name, line: this.parser.line, text: '', tooLong: false, children: [] }
      ;(this.child.at(-1) as XmlNode).children.push(node)
      this.child.push(node)
      this.countElement(key)
      return
    }
    if (key === 'child' && this.path.at(-1)?.toLowerCase() === 'children') {
      this.counts.children++
      this.childElements = 1
      this.child = [{ key, name, line: this.parser.line, text: '', tooLong: false, children: [] }]
      return
    }
    if (this.path.length >= MAX_DEPTH)
      throw new MalformedXml(this.parser.line, this.parser.column, cinCensusMessages.tooDeep(MAX_DEPTH))
    this.path.push(name)
    this.headerText = ''
  }

  private countElement(key: string): void {
    switch (key) {
      case 'cindetails':
        this.counts.referrals++
        break
      case 'assessments':
        this.counts.assessments++
        break
      case 'section47':
        this.counts.section47++
        break
      case 'cinplandates':
        this.counts.cin_plans++
        break
      case 'childprotectionplans':
        this.counts.cp_plans++
        break
    }
  }

  private closeElement(): void {
    if (this.skipped > 0) {
      this.skipped--
      return
    }
    if (this.child !== null) {
      const node = this.child.pop() as XmlNode
      if (node.key === 'dateofinitialcpc' && node.text.trim() !== '') this.counts.icpcs++
      if (this.child.length === 0) {
        this.child = null
        this.readChild(node)
      }
      return
    }
    const name = this.path.pop()?.toLowerCase()
    const parent = this.path.at(-1)?.toLowerCase()
    if (parent === 'collectiondetails') {
      if (name === 'year') this.year = this.headerText.trim()
      if (name === 'referencedate') this.referenceDate = this.headerText.trim()
    }
  }

  private text(text: string): void {
    if (this.child !== null) {
      const node = this.child.at(-1) as XmlNode
      if (node.text.length + text.length > MAX_TEXT) {
        node.tooLong = true
        node.text = (node.text + text).slice(0, MAX_TEXT)
      } else node.text += text
      return
    }
    if (this.headerText.length < MAX_TEXT) this.headerText += text
  }

  private readChild(child: XmlNode): void {
    const base = [...this.path, child.name].join('/')
    if (this.childElements > MAX_CHILD_ELEMENTS) {
      this.problems.push({
        childId: null,
        path: base,
        line: child.line,
        column: null,
        value: null,
        reason: cinCensusMessages.tooBig(MAX_CHILD_ELEMENTS),
      })
      return
    }
    const identifiers = first(child, 'childidentifiers')
    const idNode = identifiers === undefined ? undefined : first(identifiers, 'lachildid')
    const childId = idNode === undefined ? '' : ownCopy(idNode.text.trim())
    const fields = new FieldReader(this.problems, childId === '' ? null : childId)
    if (childId === '') {
      fields.problem(
        idNode === undefined ? child : idNode,
        idNode === undefined ? base : `${base}/${identifiers?.name ?? ''}/${idNode.name}`,
        null,
        cinCensusMessages.noChildId,
      )
      return
    }
    let dateOfBirth: IsoDate | null = null
    let dobInvalid = false
    if (identifiers !== undefined) {
      const idPath = `${base}/${identifiers.name}`
      const born = first(identifiers, 'personbirthdate')
      const expected = first(identifiers, 'expectedpersonbirthdate')
      const dob = born !== undefined && born.text.trim() !== '' ? born : expected
      const read = fields.date(dob, idPath)
      dateOfBirth = read.value
      dobInvalid = read.invalid
    }
    for (const details of child.children) {
      if (details.key !== 'cindetails') continue
      this.readDetails(details, `${base}/${details.name}`, childId, dateOfBirth, dobInvalid, fields)
    }
  }

  private readDetails(
    details: XmlNode,
    path: string,
    childId: string,
    dateOfBirth: IsoDate | null,
    dobInvalid: boolean,
    fields: FieldReader,
  ): void {
    // Each record is one object literal of a fixed shape (no spreads, no arrays when nothing is invalid): a census
    // of 50,000 children holds 175,000 of them until the import has stored them.
    const referral = fields.date(first(details, 'cinreferraldate'), path)
    const closure = fields.date(first(details, 'cinclosuredate'), path)
    const nfa = fields.yesNo(first(details, 'referralnfa'), path)
    fields.order(referral.value, closure, path, cinCensusMessages.closedBeforeReferral)
    const closureCode = first(details, 'reasonforclosure')?.text.trim().toUpperCase() ?? ''

    const referralRecord: Referral = {
      row: details.line,
      childId,
      dateOfBirth,
      invalid: invalidOf(dobInvalid, referral.invalid && 'referralDate', nfa.invalid && 'nfa'),
      referralDate: referral.value,
      nfa: nfa.value,
    }
    this.records.referrals.push(referralRecord)
    const episode: CinEpisode = {
      row: details.line,
      childId,
      dateOfBirth,
      invalid: invalidOf(dobInvalid, referral.invalid && 'startDate', closure.invalid && 'closureDate'),
      startDate: referral.value,
      closureDate: closure.value,
    }
    this.records.cin.push(episode)

    const planStarts = new Set<IsoDate>()
    for (const node of details.children) {
      if (node.key !== 'childprotectionplans') continue
      const at = `${path}/${node.name}`
      const start = fields.date(first(node, 'cppstartdate'), at)
      const end = fields.date(first(node, 'cppenddate'), at)
      const previous = fields.count(first(node, 'numberofpreviouscpp'), at)
      fields.order(start.value, end, at, cinCensusMessages.planEndsBeforeStart)
      if (start.value !== null) planStarts.add(start.value)
      const plan: ProtectionPlan = {
        row: node.line,
        childId,
        dateOfBirth,
        invalid: invalidOf(
          dobInvalid,
          start.invalid && 'startDate',
          end.invalid && 'endDate',
          previous.invalid && 'previousPlans',
        ),
        startDate: start.value,
        endDate: end.value,
        // The census holds no statutory visits: the CP visit measure cannot be computed from it.
        lastVisitDate: null,
        previousPlans: previous.value,
      }
      this.records.plans.push(plan)
    }
    for (const node of details.children) {
      if (node.key === 'assessments') {
        const at = `${path}/${node.name}`
        const start = fields.date(first(node, 'assessmentactualstartdate'), at)
        const authorised = fields.date(first(node, 'assessmentauthorisationdate'), at)
        fields.order(start.value, authorised, at, cinCensusMessages.authorisedBeforeStart)
        const assessment: Assessment = {
          row: node.line,
          childId,
          dateOfBirth,
          invalid: invalidOf(dobInvalid, start.invalid && 'startDate', authorised.invalid && 'authorisationDate'),
          startDate: start.value,
          authorisationDate: authorised.value,
          // RC8 is "case closed after assessment, no further action": the child was assessed as not needing support.
          requiresSupport: authorised.value === null ? null : closureCode !== 'RC8',
        }
        this.records.assessments.push(assessment)
      } else if (node.key === 'section47') {
        const at = `${path}/${node.name}`
        const strategy = fields.date(first(node, 's47actualstartdate'), at)
        const icpc = fields.date(first(node, 'dateofinitialcpc'), at)
        fields.order(strategy.value, icpc, at, cinCensusMessages.icpcBeforeStrategy)
        const section47: Section47 = {
          row: node.line,
          childId,
          dateOfBirth,
          invalid: invalidOf(dobInvalid, strategy.invalid && 'strategyDate', icpc.invalid && 'icpcDate'),
          strategyDate: strategy.value,
          icpcDate: icpc.value,
          // A conference "resulted in a plan" when a plan of the same episode starts on the conference's date.
          icpcResultedInPlan: icpc.value === null ? null : planStarts.has(icpc.value),
        }
        this.records.section47s.push(section47)
      }
    }
  }
}

/**
 * The text as a string of its own. V8 cuts a string of 13 characters or more out of a longer one by pointing into
 * it, so an LAchildID such as `COUNCIL-ID-0000001`, kept by each of the child's records, would keep alive the whole
 * 256 KB chunk of the document it was read from: with long ids, the whole census. Joining it to a space copies it.
 */
function ownCopy(text: string): string {
  return text.length < 13 ? text : (' ' + text).slice(1)
}

const NONE: ReadonlySet<never> = new Set()

/** The fields of a record that could not be read (`false`: that field could), shared and empty when none. */
function invalidOf<F extends string>(dobInvalid: boolean, ...fields: Array<F | false>): ReadonlySet<F | 'dateOfBirth'> {
  if (!dobInvalid && fields.every((f) => f === false)) return NONE
  const invalid = new Set<F | 'dateOfBirth'>()
  for (const field of fields) if (field !== false) invalid.add(field)
  if (dobInvalid) invalid.add('dateOfBirth')
  return invalid
}

function first(node: XmlNode, key: string): XmlNode | undefined {
  return node.children.find((c) => c.key === key)
}

interface Read<T> {
  value: T | null
  invalid: boolean
  node?: XmlNode
  path?: string
}

const ISO_DATE_TIME = /^(\d{4}-\d{2}-\d{2})(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?(?:Z|[+-]\d{2}:\d{2})?$/

/** Reads one child's values, reporting each one it cannot read against the child. */
class FieldReader {
  constructor(
    private readonly problems: CinProblem[],
    private readonly childId: string | null,
  ) {}

  problem(node: XmlNode, path: string, value: string | null, reason: string): void {
    // Kept until the import ends: copied, so that no problem keeps a chunk of the document alive (ownCopy).
    this.problems.push({
      childId: this.childId,
      path: ownCopy(path),
      line: node.line,
      column: null,
      value: value === null ? null : ownCopy(visibleControlCharacters(value)),
      reason,
    })
  }

  private read<T>(
    node: XmlNode | undefined,
    parent: string,
    parse: (text: string) => { ok: true; value: T } | { ok: false; reason: string },
  ): Read<T> {
    if (node === undefined) return { value: null, invalid: false }
    const path = `${parent}/${node.name}`
    const text = node.text.trim()
    if (node.tooLong) {
      this.problem(node, path, `${text.slice(0, 40)}…`, cinCensusMessages.tooLong(MAX_TEXT))
      return { value: null, invalid: true, node, path }
    }
    if (text === '') return { value: null, invalid: false, node, path }
    const parsed = parse(text)
    if (!parsed.ok) {
      this.problem(node, path, text, parsed.reason)
      return { value: null, invalid: true, node, path }
    }
    return { value: parsed.value, invalid: false, node, path }
  }

  date(node: XmlNode | undefined, parent: string): Read<IsoDate> {
    return this.read(node, parent, (text) => {
      const iso = ISO_DATE_TIME.exec(text)
      if (iso !== null) {
        const parsed = parseDate(iso[1] as string)
        return parsed.ok ? parsed : { ok: false, reason: `${text} is not a real date` }
      }
      // UK dates as some older extracts wrote them; never an Excel serial number in XML.
      if (text.includes('/')) return parseDate(text)
      return { ok: false, reason: cinCensusMessages.notADate }
    })
  }

  yesNo(node: XmlNode | undefined, parent: string): Read<boolean> {
    return this.read(node, parent, (text) => {
      switch (text.toLowerCase()) {
        case 'true':
        case '1':
        case 'y':
        case 'yes':
          return { ok: true, value: true }
        case 'false':
        case '0':
        case 'n':
        case 'no':
          return { ok: true, value: false }
      }
      return { ok: false, reason: cinCensusMessages.notYesNo }
    })
  }

  count(node: XmlNode | undefined, parent: string): Read<number> {
    return this.read(node, parent, (text) => {
      const parsed = parseCount(text)
      return parsed.ok ? parsed : { ok: false, reason: cinCensusMessages.notCount }
    })
  }

  /** Reports a later date before an earlier one (the values are kept, as the Annex A reader keeps them). */
  order(earlier: IsoDate | null, later: Read<IsoDate>, _parent: string, reason: string): void {
    if (earlier === null || later.value === null || later.value >= earlier || later.node === undefined) return
    this.problem(later.node, later.path ?? '', later.node.text.trim(), reason)
  }
}

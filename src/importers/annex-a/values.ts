/**
 * Reading single Annex A cells: dates, Yes/No answers, codes and whole numbers, exactly as docs/spec/measures.md
 * ("Input: Ofsted Annex A lists") says. These run once per cell of a million-row return, so they are hand-written
 * character loops rather than regular expressions or `Date` parsing.
 */
import type { IsoDate } from '../../domain/annex-a/records.ts'

/** A cell as a source hands it over: text from a CSV, or a number from a workbook. Dates are ISO text already. */
export type RawCell = string | number

/** What reading one cell gave: a value, nothing (a blank cell), or the reason an officer is told it is wrong. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string }

/** Excel counts days from 30 December 1899 (serial 1 is 1 January 1900), with a fictional 29 February 1900 (60). */
const LAST_SERIAL = 2_958_465 // 31 December 9999

/** True for a cell holding nothing but spaces. */
export function isBlank(cell: RawCell | undefined | null): boolean {
  if (cell === undefined || cell === null) return true
  if (typeof cell === 'number') return false
  const length = cell.length
  if (length === 0) return true
  for (let i = 0; i < length; i++) {
    const code = cell.charCodeAt(i)
    if (code !== 32 && code !== 9 && code !== 160 && code !== 10 && code !== 13) return false
  }
  return true
}

const DAYS_IN_MONTH = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]

function daysInMonth(year: number, month: number): number {
  if (month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)) return 29
  return DAYS_IN_MONTH[month] ?? 0
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : `${n}`
}

function isoOf(year: number, month: number, day: number): string {
  return `${year}-${pad2(month)}-${pad2(day)}`
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57
}

/** Reads the digits of `text` from `start` to `end` (exclusive) as a number, or -1 if any is not a digit. */
function digitsAt(text: string, start: number, end: number): number {
  let n = 0
  for (let i = start; i < end; i++) {
    const code = text.charCodeAt(i)
    if (!isDigit(code)) return -1
    n = n * 10 + (code - 48)
  }
  return n
}

/**
 * The ISO date of an Excel serial day number (1900 date system), or null for a number that is no day: 0, negatives,
 * fractions are floored first (a date with a time of day), and Excel's fictional 29 February 1900 (serial 60).
 * @example
 * excelSerialToIso(43220) // '2018-04-30'
 */
export function excelSerialToIso(serial: number): IsoDate | null {
  const day = Math.floor(serial)
  if (!(day >= 1 && day <= LAST_SERIAL) || day === 60) return null
  // Serials after the fictional 29 Feb 1900 count from 30 Dec 1899; those before it from 31 Dec 1899.
  const epochOffset = day > 60 ? 25_569 : 25_568
  const date = new Date((day - epochOffset) * 86_400_000)
  return isoOf(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate())
}

const NOT_A_DATE = 'Expected a date such as 30/04/2018'

/**
 * Reads a date cell: ISO `2018-04-30`, UK `30/04/2018` (day and month may have one digit), or an Excel serial day
 * number (a workbook number, or CSV text such as `43220`). Anything else is an error with a plain-English reason.
 * The cell must not be blank (check with isBlank first).
 * @example
 * parseDate('30/04/2018') // { ok: true, value: '2018-04-30' }
 * parseDate('31/02/2018') // { ok: false, reason: '31/02/2018 is not a real date' }
 */
export function parseDate(cell: RawCell): Parsed<IsoDate> {
  if (typeof cell === 'number') {
    const iso = excelSerialToIso(cell)
    return iso === null ? { ok: false, reason: `${cell} is not an Excel date number` } : { ok: true, value: iso }
  }
  const text = cell.trim()
  const length = text.length
  if (length === 10 && text.charCodeAt(4) === 45 && text.charCodeAt(7) === 45) {
    const year = digitsAt(text, 0, 4)
    const month = digitsAt(text, 5, 7)
    const day = digitsAt(text, 8, 10)
    if (year < 0 || month < 0 || day < 0) return { ok: false, reason: NOT_A_DATE }
    return realDate(text, year, month, day)
  }
  const firstSlash = text.indexOf('/')
  if (firstSlash > 0) {
    const secondSlash = text.indexOf('/', firstSlash + 1)
    if (
      firstSlash <= 2 &&
      secondSlash - firstSlash >= 2 &&
      secondSlash - firstSlash <= 3 &&
      length - secondSlash === 5
    ) {
      const day = digitsAt(text, 0, firstSlash)
      const month = digitsAt(text, firstSlash + 1, secondSlash)
      const year = digitsAt(text, secondSlash + 1, length)
      if (year < 0 || month < 0 || day < 0) return { ok: false, reason: NOT_A_DATE }
      return realDate(text, year, month, day)
    }
    return { ok: false, reason: NOT_A_DATE }
  }
  if (length > 0 && length <= 7) {
    const serial = digitsAt(text, 0, length)
    if (serial >= 0) {
      const iso = excelSerialToIso(serial)
      return iso === null ? { ok: false, reason: `${text} is not an Excel date number` } : { ok: true, value: iso }
    }
  }
  return { ok: false, reason: NOT_A_DATE }
}

/**
 * An ISO date cell (`2018-04-30`, nothing around it) as the number 20180430, for looking its date up by number
 * rather than by text; -1 for anything else. Says nothing about whether the date exists (parseDate does).
 * @example
 * isoDateNumber('2018-04-30') // 20180430
 */
export function isoDateNumber(text: string): number {
  if (text.length !== 10 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return -1
  const year = digitsAt(text, 0, 4)
  const month = digitsAt(text, 5, 7)
  const day = digitsAt(text, 8, 10)
  return year < 0 || month < 0 || day < 0 ? -1 : year * 10_000 + month * 100 + day
}

/**
 * A UK date cell (`30/04/2018`, `1/4/2018`, nothing around it) as the number 20180430, like isoDateNumber; -1 for
 * anything else. Says nothing about whether the date exists.
 * @example
 * ukDateNumber('1/4/2018') // 20180401
 */
export function ukDateNumber(text: string): number {
  const length = text.length
  if (length < 8 || length > 10) return -1
  const firstSlash = text.charCodeAt(1) === 47 ? 1 : text.charCodeAt(2) === 47 ? 2 : -1
  if (firstSlash < 0) return -1
  const secondSlash = length - 5
  if (text.charCodeAt(secondSlash) !== 47 || secondSlash - firstSlash < 2 || secondSlash - firstSlash > 3) return -1
  const day = digitsAt(text, 0, firstSlash)
  const month = digitsAt(text, firstSlash + 1, secondSlash)
  const year = digitsAt(text, secondSlash + 1, length)
  if (day < 0 || month < 0 || year < 0) return -1
  return year * 10_000 + month * 100 + day
}

function realDate(text: string, year: number, month: number, day: number): Parsed<IsoDate> {
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    return { ok: false, reason: `${text} is not a real date` }
  }
  return { ok: true, value: isoOf(year, month, day) }
}

/**
 * Where the answer starts after an optional list-letter prefix such as `a) ` or `zz) ` (Annex A drop-downs).
 * Returns 0 when there is no such prefix.
 */
function afterLetterPrefix(text: string): number {
  let i = 0
  const length = text.length
  while (i < length && i < 2) {
    const code = text.charCodeAt(i) | 32
    if (code < 97 || code > 122) break
    i++
  }
  if (i === 0 || i >= length || text.charCodeAt(i) !== 41) return 0
  i++
  while (i < length && text.charCodeAt(i) === 32) i++
  return i
}

const YES_NO_REASON = 'Expected Yes or No'

/**
 * Reads a Yes/No cell: `Yes`, `Y`, `a) Yes`, `No`, `N`, `b) No`, in any case. Anything else is an error.
 * @example
 * parseYesNo('a) Yes') // { ok: true, value: true }
 * parseYesNo('Unknown') // { ok: false, reason: 'Expected Yes or No' }
 */
export function parseYesNo(cell: RawCell): Parsed<boolean> {
  const answer = yesNoOf(cell)
  return answer === null ? { ok: false, reason: YES_NO_REASON } : { ok: true, value: answer }
}

/** True for a Yes, false for a No, null for anything else. */
export function yesNoOf(cell: RawCell): boolean | null {
  if (typeof cell === 'number') return null
  // The common spellings first, without allocating.
  switch (cell) {
    case 'Yes':
    case 'Y':
    case 'a) Yes':
      return true
    case 'No':
    case 'N':
    case 'b) No':
      return false
  }
  const text = cell.trim()
  const start = afterLetterPrefix(text)
  const prefix = start === 0 ? '' : text.slice(0, text.indexOf(')')).toLowerCase()
  const word = text.slice(start).toLowerCase()
  if ((word === 'yes' || word === 'y') && (prefix === '' || prefix === 'a')) return true
  if ((word === 'no' || word === 'n') && (prefix === '' || prefix === 'b')) return false
  return null
}

/**
 * The code in a coded cell: the first run of letters and digits after an optional `x) ` prefix, in capitals.
 * Returns null when there is none.
 * @example
 * codeOf('f) U6: Foster placement - not FFA') // 'U6'
 * codeOf('E11 - Adopted') // 'E11'
 */
export function codeOf(cell: RawCell): string | null {
  const text = typeof cell === 'number' ? String(cell) : cell.trim()
  let start = afterLetterPrefix(text)
  const length = text.length
  while (start < length && !isAlphanumeric(text.charCodeAt(start))) start++
  let end = start
  while (end < length && isAlphanumeric(text.charCodeAt(end))) end++
  return end > start ? text.slice(start, end).toUpperCase() : null
}

function isAlphanumeric(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122)
}

/**
 * Reads a whole number of zero or more, as text (`3`) or a workbook number.
 * @example
 * parseCount('2') // { ok: true, value: 2 }
 */
export function parseCount(cell: RawCell): Parsed<number> {
  if (typeof cell === 'number') {
    return Number.isInteger(cell) && cell >= 0
      ? { ok: true, value: cell }
      : { ok: false, reason: 'Expected a whole number' }
  }
  const text = cell.trim()
  const n = text.length > 0 && text.length <= 9 ? digitsAt(text, 0, text.length) : -1
  return n < 0 ? { ok: false, reason: 'Expected a whole number' } : { ok: true, value: n }
}

/**
 * A header or sheet name reduced for comparison: lower case, punctuation dropped, runs of spaces made one.
 * @example
 * normaliseHeader('Referral  NFA?') // 'referral nfa'
 */
export function normaliseHeader(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9\s]+/g, '')
    .replace(/\s+/g, ' ')
    .trim()
}

/**
 * The list number (1–11) a sheet or CSV file name stands for, or null. `List 1`, `list_1`, `List1`, `list-1`,
 * `List 1 - Contacts` are all list 1; `List 10` is list 10, never list 1.
 * @example
 * listNumberOf('List 10 - Adoption') // 10
 */
export function listNumberOf(name: string): number | null {
  const match = /(?:^|[^a-z])list[\s_-]*0*(\d{1,2})(?!\d)/i.exec(name)
  if (match === null) return null
  const n = Number(match[1])
  return n >= 1 && n <= 11 ? n : null
}

/** A copy of a string that does not keep a large parsed chunk alive (V8 slices long substrings from their parent). */
export function detach(text: string): string {
  return text.length < 13 ? text : Buffer.from(text, 'utf8').toString('utf8')
}

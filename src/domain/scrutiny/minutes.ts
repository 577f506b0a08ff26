/**
 * Minute numbers. A council numbers its committee's minutes in one sequence through the municipal year, starting
 * again at 1 with the new year: the panel's 22 March 2018 minutes run 29, 30, 31…, and its first meeting of
 * 2019-20 (6 June 2019) starts at 1 (seeds 001 and 003).
 */
import { municipalYearOf } from '../calendar/municipal-year.ts'
import { displayDate, type IsoDate } from '../calendar/days.ts'
import { memberLabel, OFFICE_SUFFIX, type Committee, type CommitteeMember, type Meeting } from './committee.ts'
import type { Recommendation } from './recommendations.ts'
import type { MemberAttendance, MemberAttendanceInput } from './attendance.ts'
import { romanNumeral } from './decisions.ts'

/** A meeting already minuted: its date and how many numbered minutes it has. */
export interface MinutedMeeting {
  date: IsoDate
  minuteCount: number
}

/**
 * The number of the first minute of a meeting on `date`, given the committee's other meetings: one more than the
 * minutes of the earlier meetings of the same municipal year.
 * @example firstMinuteNumber('2018-03-22', [{ date: '2018-01-25', minuteCount: 28 }]) // 29
 * @example firstMinuteNumber('2019-06-06', [{ date: '2019-03-28', minuteCount: 40 }]) // 1: a new municipal year
 */
export function firstMinuteNumber(date: IsoDate, meetings: readonly MinutedMeeting[]): number {
  const year = municipalYearOf(date)
  let before = 0
  for (const meeting of meetings) {
    if (meeting.date < date && municipalYearOf(meeting.date) === year) before += meeting.minuteCount
  }
  return before + 1
}

/**
 * The minutes themselves, as the council prints them (seeds 001 and 003): who was present (the chair and
 * vice-chair marked), apologies, officers in attendance, declarations made, then numbered minutes, each with its
 * text and any RESOLVED decision. Minutes are written as a draft and approved as a correct record at a later
 * meeting of the same committee; approved minutes are never changed.
 */

export const MINUTES_STATUSES = ['draft', 'approved'] as const
export type MinutesStatus = (typeof MINUTES_STATUSES)[number]

export interface MinuteItem {
  id: number
  /** The printed minute number: 29, 30, 31… through the municipal year. */
  number: number
  /** The agenda item this minute records, if it records one. */
  agendaItemId: number | null
  title: string
  /** The minute's text, paragraph by paragraph. */
  paragraphs: string[]
  /** The RESOLVED decision, without the word "RESOLVED"; null when the panel only noted the item. */
  resolved: string | null
  /** A change of chair printed above the minute, e.g. "Councillor O'Neill in the chair". */
  inTheChair: string | null
}

export interface Minutes {
  id: number
  meetingId: number
  present: CommitteeMember[]
  apologies: CommitteeMember[]
  /**
   * Each of the committee's members' attendance, when it was recorded member by member; empty for minutes written
   * before it was (their attendance is read from `present` and `apologies`: `attendanceFromLists`).
   */
  attendance?: MemberAttendance[]
  /** Officers in attendance, one line each ("Hillary Brooks, Service Director, Children and Families"). */
  officers: string[]
  /** Declarations of interest made at the meeting, one each. */
  declarations: string[]
  status: MinutesStatus
  /** The later meeting that approved them as a correct record, and its date. */
  approvedAtMeetingId: number | null
  approvedOn: IsoDate | null
  items: MinuteItem[]
}

/** Minutes with the meeting they record and the meeting that approved them, for pages and papers. */
export interface MeetingMinutes {
  committee: Committee
  meeting: Meeting
  minutes: Minutes
  approvedAt: Meeting | null
}

/** What democratic services type for the heading of the minutes: one entry per line. */
export interface MinutesInput {
  /** The committee's members' attendance, in the committee's order, when the form offers them one by one. */
  members?: MemberAttendanceInput[]
  /** Anyone else present (all who were, when `members` is not given), one a line. */
  present: string
  apologies: string
  officers: string
  declarations: string
}

/** What democratic services type for one minute. */
export interface MinuteItemInput {
  title: string
  text: string
  resolved: string
  inTheChair: string
  /** The agenda item's id as the form sends it, '' for none. */
  agendaItem: string
}

export interface MinutesProblem {
  field:
    | 'present'
    | 'apologies'
    | 'officers'
    | 'declarations'
    | 'title'
    | 'text'
    | 'resolved'
    | 'inTheChair'
    | 'agendaItem'
    | 'approvingMeeting'
    /** The choice for the committee's member at this index (from 0). */
    | `attendance-${number}`
  message: string
}

/** The parts of the minutes' heading, checked and parsed. */
export interface MinutesDetails {
  present: CommitteeMember[]
  apologies: CommitteeMember[]
  /** The committee's members one by one; empty when the minutes record attendance only as the printed lists. */
  attendance?: MemberAttendance[]
  officers: string[]
  declarations: string[]
}

export interface MinuteItemDetails {
  title: string
  paragraphs: string[]
  resolved: string | null
  inTheChair: string | null
  agendaItemId: number | null
}

const MAX_LINE = 300
const MAX_TEXT = 20000

/**
 * The non-empty lines of a text box, trimmed.
 * @example lines(' Keogh (Chair)\n\nMurphy ') // ['Keogh (Chair)', 'Murphy']
 */
export function lines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '')
}

/**
 * The paragraphs of a text box: blocks separated by a blank line, each with its lines joined by a space.
 * @example paragraphs('One\nline.\n\nTwo.') // ['One line.', 'Two.']
 */
export function paragraphs(text: string): string[] {
  return text
    .split(/\r?\n\s*\r?\n/)
    .map((block) => lines(block).join(' '))
    .filter((block) => block !== '')
}

/**
 * A member as typed on one line: "Councillor" marks a councillor, a bracketed office marks the chair or vice-chair;
 * anyone else is an appointed member. The reverse of `memberLabel` (committee.ts).
 * @example attendee('Councillor Keogh (Chair)') // { name: 'Keogh', kind: 'councillor', role: 'chair' }
 * @example attendee('Rob Sanders') // { name: 'Rob Sanders', kind: 'appointed', role: 'member' }
 */
export function attendee(line: string): CommitteeMember {
  let rest = line.trim()
  let role: CommitteeMember['role'] = 'member'
  const office = /\s*\((chair|vice[- ]chair|substitute)\)$/i.exec(rest)
  if (office?.[1] !== undefined) {
    const word = office[1].toLowerCase().replace(' ', '-')
    role = word === 'chair' ? 'chair' : word === 'substitute' ? 'substitute' : 'vice-chair'
    rest = rest.slice(0, office.index).trim()
  }
  const councillor = /^(councillor|cllr\.?)\s+/i.exec(rest)
  if (councillor !== null) return { name: rest.slice(councillor[0].length).trim(), kind: 'councillor', role }
  return { name: rest, kind: 'appointed', role }
}

/**
 * Who was present (or sent apologies), as the minutes print it: councillors first under "Councillors", then
 * appointed members by name under "Appointed Member(s)", as the minutes' text names them (seed 003: "Appointed
 * Member Rob Sanders"), so an appointed member is never printed as a councillor.
 * @example attendanceLine([{ name: 'Keogh', kind: 'councillor', role: 'chair' }, { name: 'Murphy', kind: 'councillor', role: 'member' }, { name: 'Rob Sanders', kind: 'appointed', role: 'member' }]) // 'Councillors Keogh (Chair) and Murphy; and Appointed Member Rob Sanders'
 */
export function attendanceLine(members: readonly CommitteeMember[]): string {
  const listed = (group: readonly CommitteeMember[], one: string, several: string): string => {
    const names = group.map(
      (m) =>
        m.name + OFFICE_SUFFIX[m.role] + (m.substituteFor === undefined ? '' : ` (substitute for ${m.substituteFor})`),
    )
    if (names.length === 0) return ''
    if (names.length === 1) return `${one} ${String(names[0])}`
    return `${several} ${names.slice(0, -1).join(', ')} and ${String(names.at(-1))}`
  }
  const councillors = listed(
    members.filter((m) => m.kind === 'councillor'),
    'Councillor',
    'Councillors',
  )
  const appointed = listed(
    members.filter((m) => m.kind !== 'councillor'),
    'Appointed Member',
    'Appointed Members',
  )
  if (councillors === '' || appointed === '') return councillors + appointed
  return `${councillors}; and ${appointed}`
}

/**
 * The printed lists from the members' attendance and anyone else typed in: those present (a substitute after the
 * members, "(substitute for Councillor Murphy)"), then those who sent apologies (with or without a substitute).
 */
export function printedAttendance(
  attendance: readonly MemberAttendance[],
  others: { present: readonly CommitteeMember[]; apologies: readonly CommitteeMember[] },
): { present: CommitteeMember[]; apologies: CommitteeMember[] } {
  const member = (a: MemberAttendance): CommitteeMember => ({ name: a.name, kind: a.kind, role: a.role })
  const substitutes = attendance
    .filter((a) => a.attendance === 'substituted' && a.substitute !== null)
    .map((a) => ({
      ...attendee(a.substitute ?? ''),
      role: 'member' as const,
      substituteFor: memberLabel({ ...member(a), role: 'member' }),
    }))
  return {
    present: [...attendance.filter((a) => a.attendance === 'present').map(member), ...substitutes, ...others.present],
    apologies: [
      ...attendance.filter((a) => a.attendance === 'apologies' || a.attendance === 'substituted').map(member),
      ...others.apologies,
    ],
  }
}

/**
 * Checks and reads the heading of the minutes: at least one member present, each line a sensible length.
 * @example minutesDetails({ present: 'Councillor Keogh (Chair)', apologies: '', officers: '', declarations: '' }) // { ok: true, value: { present: [{ name: 'Keogh', … }], … } }
 */
export function minutesDetails(
  input: MinutesInput,
  /** The committee's members' attendance, checked (`memberAttendance`), when the form offered them one by one. */
  attendance?: readonly MemberAttendance[],
): { ok: true; value: MinutesDetails } | { ok: false; problems: MinutesProblem[] } {
  const problems: MinutesProblem[] = []
  const present = lines(input.present)
  const membersPresent = (attendance ?? []).filter((a) => a.attendance !== 'absent' && a.attendance !== 'apologies')
  if (present.length === 0 && membersPresent.length === 0) {
    problems.push({
      field: 'present',
      message:
        attendance === undefined
          ? 'Enter the members present, one on each line'
          : 'Choose the members who were present, or enter who was',
    })
  }
  const fields = ['present', 'apologies', 'officers', 'declarations'] as const
  for (const field of fields) {
    if (lines(input[field]).some((line) => line.length > (field === 'declarations' ? MAX_TEXT : MAX_LINE))) {
      problems.push({
        field,
        message: `Each line must be ${field === 'declarations' ? MAX_TEXT : MAX_LINE} characters or fewer`,
      })
    }
  }
  const presentMembers = present.map(attendee)
  const chairs = [...presentMembers, ...membersPresent].filter((m) => m.role === 'chair')
  if (chairs.length > 1) {
    problems.push({ field: 'present', message: 'Only one member can be marked (Chair)' })
  }
  if (presentMembers.some((m) => m.name === '')) {
    problems.push({ field: 'present', message: 'Enter a name on each line, like Councillor Keogh (Chair)' })
  }
  if (problems.length > 0) return { ok: false, problems }
  const others = { present: presentMembers, apologies: lines(input.apologies).map(attendee) }
  const printed = attendance === undefined ? others : printedAttendance(attendance, others)
  return {
    ok: true,
    value: {
      ...printed,
      ...(attendance === undefined ? {} : { attendance: [...attendance] }),
      officers: lines(input.officers),
      declarations: lines(input.declarations),
    },
  }
}

/**
 * Checks and reads one minute: it needs a title, and text or a resolution. `agendaItemIds` are the meeting's
 * agenda items, the only ones it may record.
 */
export function minuteItemDetails(
  input: MinuteItemInput,
  agendaItemIds: readonly number[],
): { ok: true; value: MinuteItemDetails } | { ok: false; problems: MinutesProblem[] } {
  const problems: MinutesProblem[] = []
  const title = input.title.trim()
  if (title === '') problems.push({ field: 'title', message: 'Enter the title of the minute' })
  if (title.length > MAX_LINE)
    problems.push({ field: 'title', message: `The title must be ${MAX_LINE} characters or fewer` })
  if (input.text.trim() === '' && input.resolved.trim() === '') {
    problems.push({ field: 'text', message: 'Enter the text of the minute or what the panel resolved' })
  }
  if (input.text.length > MAX_TEXT)
    problems.push({ field: 'text', message: `The text must be ${MAX_TEXT} characters or fewer` })
  if (input.resolved.length > MAX_TEXT) {
    problems.push({ field: 'resolved', message: `The resolution must be ${MAX_TEXT} characters or fewer` })
  }
  if (input.inTheChair.length > MAX_LINE) {
    problems.push({ field: 'inTheChair', message: `Who was in the chair must be ${MAX_LINE} characters or fewer` })
  }
  let agendaItemId: number | null = null
  if (input.agendaItem !== '') {
    agendaItemId = /^\d{1,9}$/.test(input.agendaItem) ? Number(input.agendaItem) : NaN
    if (!agendaItemIds.includes(agendaItemId)) {
      problems.push({ field: 'agendaItem', message: "Choose an item of this meeting's agenda, or none" })
    }
  }
  if (problems.length > 0) return { ok: false, problems }
  const resolved = input.resolved.replace(/\r\n?/g, '\n').trim()
  const inTheChair = input.inTheChair.trim()
  return {
    ok: true,
    value: {
      title,
      paragraphs: paragraphs(input.text),
      resolved: resolved === '' ? null : resolved,
      inTheChair: inTheChair === '' ? null : inTheChair,
      agendaItemId,
    },
  }
}

/**
 * Why minutes cannot be approved at `approving`, if they cannot: they must still be a draft, and only a later
 * meeting of the same committee that has taken place (on or before `today`, the London date) and was not cancelled
 * approves them.
 * @example approvalProblem({ status: 'draft' }, { committeeId: 1, date: '2018-03-22' }, { committeeId: 1, date: '2018-06-07', status: 'held' }, '2026-11-30') // null
 */
export function approvalProblem(
  minutes: Pick<Minutes, 'status'>,
  minuted: Pick<Meeting, 'committeeId' | 'date'>,
  approving: Pick<Meeting, 'committeeId' | 'date' | 'status'>,
  today: IsoDate,
): string | null {
  if (minutes.status === 'approved') return 'These minutes have already been approved'
  if (approving.committeeId !== minuted.committeeId) return 'Minutes are approved at a meeting of the same committee'
  if (approving.date <= minuted.date) return 'Minutes are approved at a later meeting'
  if (approving.status === 'cancelled') return 'That meeting was cancelled: choose the meeting that approved them'
  if (approving.date > today) {
    return `The meeting on ${printedDate(approving.date)} has not taken place yet: minutes are approved at a meeting that has`
  }
  return null
}

/** A meeting already minuted, with the highest number its minutes were given (null if it has none). */
export interface NumberedMeeting extends MinutedMeeting {
  lastNumber: number | null
}

/**
 * The number of the next minute of a meeting: one after its last, or, for its first, the number the year's
 * sequence has reached: `firstMinuteNumber`, or one after the highest number an earlier meeting of the year was
 * given, whichever is more (minutes carried over from paper keep their printed numbers, 29 to 33 on 22 March 2018).
 * Numbers are given when a minute is added and never changed afterwards.
 * @example nextMinuteNumber([], '2018-04-19', [{ date: '2018-03-22', minuteCount: 5, lastNumber: 33 }]) // 34
 */
export function nextMinuteNumber(
  items: readonly Pick<MinuteItem, 'number'>[],
  date: IsoDate,
  otherMeetings: readonly NumberedMeeting[],
): number {
  if (items.length > 0) return Math.max(...items.map((i) => i.number)) + 1
  const year = municipalYearOf(date)
  const printed = otherMeetings
    .filter((m) => m.date < date && municipalYearOf(m.date) === year && m.lastNumber !== null)
    .map((m) => (m.lastNumber ?? 0) + 1)
  return Math.max(firstMinuteNumber(date, otherMeetings), ...printed)
}

/**
 * A date as minutes print it.
 * @example printedDate('2018-03-22') // '22 March 2018'
 */
export function printedDate(date: IsoDate): string {
  return displayDate(date)
}

/**
 * Whether a recommendation of the minute's meeting was made from this minute: by the minute number stored with it,
 * or, for one stored before numbers were kept, by the minute's title and its resolution as the text.
 * @example madeFromMinute({ minuteNumber: 7, title: 'x', text: 'y' }, { number: 7, title: 'z', resolved: 'w' }) // true
 */
export function madeFromMinute(
  recommendation: Pick<Recommendation, 'minuteNumber' | 'title' | 'text'>,
  item: Pick<MinuteItem, 'number' | 'title' | 'resolved'>,
): boolean {
  if (recommendation.minuteNumber !== undefined) return recommendation.minuteNumber === item.number
  return item.resolved !== null && recommendation.title === item.title && recommendation.text === item.resolved
}

/**
 * The recommendations a minute's resolution became, if it became any (`madeFromMinute`), among those of the
 * minute's meeting: one per numbered decision, in number order.
 */
export function recommendationsOf<
  R extends Pick<Recommendation, 'meetingId' | 'title' | 'text' | 'minuteNumber' | 'number'>,
>(item: Pick<MinuteItem, 'number' | 'title' | 'resolved'>, meetingId: number, recommendations: readonly R[]): R[] {
  if (item.resolved === null) return []
  return recommendations
    .filter((r) => r.meetingId === meetingId && madeFromMinute(r, item))
    .sort((a, b) => a.number - b.number)
}

/**
 * The RESOLVED text's lines as the minutes print them: when the resolution is numbered decisions (the rule of
 * `resolutionDecisions`), each decision's number is printed "(i)", "(ii)"… as the council's minutes do (seed 001),
 * whatever was typed ("1)", "(1)", "1."); everything else on the lines stays as written. Blank lines are dropped.
 * @example printedResolutionLines('that\n1) the plan be provided; and\n2) staffing be reviewed.') // ['that', '(i) the plan be provided; and', '(ii) staffing be reviewed.']
 */
export function printedResolutionLines(resolved: string): string[] {
  const all = resolved
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '')
  const first = all.findIndex((line) => DECISION_NUMBER.test(line))
  const leadIn = first < 0 ? all : all.slice(0, first)
  if (first < 0 || !leadIn.every((line) => /^that[:,]?$/i.test(line))) return all
  let decision = 0
  return all.map((line) => {
    if (!DECISION_NUMBER.test(line)) return line
    decision += 1
    return `(${romanNumeral(decision)}) ${line.replace(DECISION_NUMBER, '')}`
  })
}

/** A decision's number at the start of a line: "1)", "(1)", "1." or a roman "(i)" / "i)". */
const DECISION_NUMBER = /^(?:\(?\d{1,3}\)|\d{1,3}\.(?=\s)|\(?[ivx]{1,6}\))\s*/i

/**
 * The separate decisions of a RESOLVED text, one recommendation each: a decision starts at a numbered line
 * ("1)", "(1)", "1.", "(i)", "i)"), and any unnumbered lines after it belong to it. The number and a trailing
 * "; and" or ";" are dropped (the tracker numbers recommendations itself), and so is a lead-in line that is only
 * "that" or "That". A resolution with no numbered line, or with any other lead-in before them, stays one decision
 * as written. Line endings become "\n".
 * @example resolutionDecisions('that\r\n1) Officers provide the plan; and\r\n2) The Cabinet Member reviews MASH staffing.') // ['Officers provide the plan', 'The Cabinet Member reviews MASH staffing.']
 * @example resolutionDecisions('that the report be noted.') // ['that the report be noted.']
 */
export function resolutionDecisions(resolved: string): string[] {
  const all = resolved
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
  const first = all.findIndex((line) => DECISION_NUMBER.test(line))
  const numbered = all.filter((line) => DECISION_NUMBER.test(line)).length
  const leadIn = first < 0 ? all : all.slice(0, first)
  const splits = numbered >= 1 && leadIn.every((line) => /^that[:,]?$/i.test(line))
  if (!splits) return all.length === 0 ? [] : [all.join('\n')]
  const decisions: string[][] = []
  for (const line of all.slice(first)) {
    if (DECISION_NUMBER.test(line)) decisions.push([line.replace(DECISION_NUMBER, '')])
    else decisions.at(-1)?.push(line)
  }
  return decisions
    .map((parts) =>
      parts
        .join('\n')
        .replace(/\s*;\s*(?:and|or)?$/i, '')
        .trim(),
    )
    .filter((text) => text !== '')
}

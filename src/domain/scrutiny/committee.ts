/**
 * The scrutiny panel's own business: the committee, its members and contacts, its meetings and their agendas.
 * Shapes follow the council's papers (seed 001): the front sheet lists members ("Councillor Taggart (Chair)",
 * appointed members by name), the democratic support officer and scrutiny manager, the quorum, and the dates of
 * meetings of the municipal year; each agenda opens with the same standard items before the reports.
 */
import { isIsoDate, type IsoDate } from '../calendar/days.ts'
import type { PublicInformation } from './public-information.ts'

export type MemberRole = 'chair' | 'vice-chair' | 'member' | 'substitute'
/** Councillors are elected; appointed members (co-opted, e.g. diocesan or parent governor representatives) are not. */
export type MemberKind = 'councillor' | 'appointed'

export interface CommitteeMember {
  name: string
  kind: MemberKind
  role: MemberRole
  /** In a meeting's attendance only: the member this one substituted for ("Councillor Murphy"). */
  substituteFor?: string
}

export interface CommitteeContact {
  /** "Democratic Support Officer", "Scrutiny Manager". */
  role: string
  name: string
  phone: string | null
  email: string | null
}

export interface Committee {
  id: number
  slug: string
  name: string
  /** "Role of this Scrutiny Panel" on the front sheet. */
  purpose: string
  termsOfReference: string[]
  quorum: number
  members: CommitteeMember[]
  contacts: CommitteeContact[]
  /** The standing public information printed in every pack (see public-information.ts). */
  publicInformation: PublicInformation
}

export const MEETING_STATUSES = ['scheduled', 'held', 'cancelled'] as const
export type MeetingStatus = (typeof MEETING_STATUSES)[number]

export interface Meeting {
  id: number
  committeeId: number
  date: IsoDate
  /** 24-hour `HH:MM`, London time. */
  startTime: string
  venue: string
  status: MeetingStatus
  /** A notice printed under the date, e.g. "PLEASE NOTE TIME OF MEETING". */
  notice: string | null
}

/** The standard items every agenda of the panel may open with, in the order they are taken (seed 001, 003). */
export const STANDARD_ITEMS = {
  'election-of-vice-chair': {
    title: 'Election of Vice-Chair',
    description: 'To elect the Vice-Chair for the Municipal Year.',
  },
  apologies: {
    title: 'Apologies and changes in Panel membership (if any)',
    description: 'To note any changes in membership of the Panel made in accordance with Council Procedure Rule 4.3.',
  },
  'disclosure-of-interests': {
    title: 'Disclosure of personal and pecuniary interests',
    description:
      "In accordance with the Localism Act 2011, and the Council's Code of Conduct, Members to disclose any personal or pecuniary interests in any matter included on the agenda for this meeting.",
  },
  'scrutiny-interest': {
    title: 'Declarations of scrutiny interest',
    description:
      'Members are invited to declare any prior participation in any decision taken by a Committee, Sub-Committee, or Panel of the Council on the agenda and being scrutinised at this meeting.',
  },
  'party-whip': {
    title: 'Declaration of party political whip',
    description:
      'Members are invited to declare the application of any party political whip on any matter on the agenda and being scrutinised at this meeting.',
  },
  'statement-from-the-chair': { title: 'Statement from the Chair', description: '' },
  'previous-minutes': {
    title: 'Minutes of the previous meeting (including matters arising)',
    description:
      'To approve and sign as a correct record the Minutes of the previous meeting and to deal with any matters arising, attached.',
  },
  'monitoring-recommendations': {
    title: 'Monitoring scrutiny recommendations',
    description: 'To consider the progress of the recommendations made at previous meetings of the Panel.',
  },
} as const satisfies Record<string, { title: string; description: string }>

export type StandardItemKind = keyof typeof STANDARD_ITEMS
export type AgendaItemKind = StandardItemKind | 'report' | 'other'

export interface AgendaItem {
  id: number
  meetingId: number
  /** 1, 2, 3… in the order taken. */
  position: number
  kind: AgendaItemKind
  title: string
  description: string
  /** Pages of the Public Document Pack this item's papers occupy, once the pack is built. */
  pages: { from: number; to: number } | null
}

/**
 * A member as the front sheet lists them: councillors as "Councillor Name", appointed members by name, with
 * their office in brackets.
 * @example memberLabel({ name: 'Taggart', kind: 'councillor', role: 'chair' }) // 'Councillor Taggart (Chair)'
 * @example memberLabel({ name: 'Rob Sanders', kind: 'appointed', role: 'member' }) // 'Rob Sanders'
 */
export function memberLabel(member: CommitteeMember): string {
  const name = member.kind === 'councillor' ? `Councillor ${member.name}` : member.name
  return name + OFFICE_SUFFIX[member.role]
}

/** A member's office as printed after their name. */
export const OFFICE_SUFFIX: Readonly<Record<MemberRole, string>> = {
  chair: ' (Chair)',
  'vice-chair': ' (Vice-Chair)',
  member: '',
  substitute: ' (Substitute)',
}

/**
 * The last meeting before `date` that was not cancelled, from a committee's meetings in date order: the meeting
 * whose minutes come next for approval and since which a monitoring report counts.
 * @example previousMeeting([{ date: '2018-03-22', status: 'held' }, { date: '2018-05-01', status: 'cancelled' }], '2018-06-07') // { date: '2018-03-22', status: 'held' }
 */
export function previousMeeting<M extends Pick<Meeting, 'date' | 'status'>>(
  meetings: readonly M[],
  date: IsoDate,
): M | undefined {
  return meetings.filter((m) => m.date < date && m.status !== 'cancelled').at(-1)
}

/**
 * The agenda's page reference, as printed after an item's title.
 * @example pageReference({ from: 7, to: 18 }) // '(Pages 7 - 18)'
 * @example pageReference({ from: 5, to: 5 }) // '(Page 5)'
 */
export function pageReference(pages: { from: number; to: number } | null): string {
  if (pages === null) return ''
  return pages.from === pages.to ? `(Page ${pages.from})` : `(Pages ${pages.from} - ${pages.to})`
}

/** A problem with a meeting someone entered, tied to its field. */
export interface MeetingProblem {
  field: 'date' | 'startTime' | 'venue' | 'status'
  message: string
}

/** What a democratic services officer enters for a meeting. */
export interface MeetingInput {
  date: string
  startTime: string
  venue: string
  status?: string
}

/**
 * What is wrong with a meeting's details, in words for the form. Given `today` (the London date), a meeting dated
 * after it cannot be marked held: it has not taken place.
 * @example meetingProblems({ date: '2018-06-31', startTime: '17:30', venue: 'Civic Centre' }) // [{ field: 'date', message: 'Enter a real date for the meeting' }]
 */
export function meetingProblems(input: MeetingInput, today?: IsoDate): MeetingProblem[] {
  const problems: MeetingProblem[] = []
  if (!isIsoDate(input.date)) problems.push({ field: 'date', message: 'Enter a real date for the meeting' })
  if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(input.startTime)) {
    problems.push({ field: 'startTime', message: 'Enter the start time as hours and minutes, like 17:30' })
  }
  if (input.venue.trim() === '') problems.push({ field: 'venue', message: 'Enter where the meeting is held' })
  if (input.venue.length > 200) problems.push({ field: 'venue', message: 'The venue must be 200 characters or fewer' })
  if (input.status !== undefined && !(MEETING_STATUSES as readonly string[]).includes(input.status)) {
    problems.push({ field: 'status', message: 'Choose whether the meeting is scheduled, held or cancelled' })
  }
  if (today !== undefined && input.status === 'held' && isIsoDate(input.date) && input.date > today) {
    problems.push({
      field: 'status',
      message: 'A meeting can only be marked held on or after its date: leave it scheduled until it has taken place',
    })
  }
  return problems
}

/**
 * A meeting's time as papers print it.
 * @example meetingTime('17:30') // '5.30 pm'
 * @example meetingTime('09:00') // '9.00 am'
 * @example meetingTime('12:00') // '12.00 pm'
 */
export function meetingTime(startTime: string): string {
  const [h = 0, m = 0] = startTime.split(':').map(Number)
  const hour = h % 12 === 0 ? 12 : h % 12
  return `${hour}.${String(m).padStart(2, '0')} ${h < 12 ? 'am' : 'pm'}`
}

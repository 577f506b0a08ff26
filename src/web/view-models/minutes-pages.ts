/**
 * The minutes pages: `/meetings/{id}/minutes` (everyone: approved minutes, and drafts marked "Draft, subject to
 * approval"), and the forms democratic services write them with.
 */
import { markUpSection, type GlossaryEntry, type Segment } from '../../domain/glossary.ts'
import { memberLabel, type AgendaItem, type Committee, type Meeting } from '../../domain/scrutiny/committee.ts'
import {
  attendanceLine,
  printedResolutionLines,
  recommendationsOf,
  printedDate,
  type MeetingMinutes,
  type MinuteItem,
  type Minutes,
  type MinutesProblem,
} from '../../domain/scrutiny/minutes.ts'
import type { Recommendation } from '../../domain/scrutiny/recommendations.ts'
import { ATTENDANCE, attendanceFromLists, othersOf, type Attendance } from '../../domain/scrutiny/attendance.ts'

export function errorsOf(problems: readonly MinutesProblem[]) {
  return {
    errorList: problems.map((p) => ({ text: p.message, href: `#${p.field}` })),
    errors: Object.fromEntries(problems.map((p) => [p.field, { text: p.message }])) as Record<string, { text: string }>,
  }
}

/** The RESOLVED text as lines: its first line follows the word RESOLVED, the rest (numbered decisions) below it. */
function resolvedLines(resolved: string | null): { first: string; rest: string[] } | null {
  if (resolved === null) return null
  const [first = '', ...rest] = printedResolutionLines(resolved)
  return { first, rest }
}

/**
 * A minute's text and RESOLVED decision with the glossary's acronyms marked up: one minute is one section, so an
 * acronym is marked at its first use in the minute, whether in the text or the decision.
 */
function markedUpMinute(
  item: MinuteItem,
  glossary: readonly GlossaryEntry[],
): { paragraphs: Segment[][]; resolved: { first: Segment[]; rest: Segment[][] } | null } {
  const resolved = resolvedLines(item.resolved)
  const all = markUpSection(
    [...item.paragraphs, ...(resolved === null ? [] : [resolved.first, ...resolved.rest])],
    glossary,
  )
  const paragraphs = all.slice(0, item.paragraphs.length)
  if (resolved === null) return { paragraphs, resolved: null }
  const [first = [], ...rest] = all.slice(item.paragraphs.length)
  return { paragraphs, resolved: { first, rest } }
}

/**
 * The page of a meeting's minutes; `canManage` adds the links and forms democratic services use; `glossary` marks up
 * the acronyms in each minute's text and decision.
 */
export function minutesPageModel(
  view: MeetingMinutes,
  options: {
    canManage: boolean
    approvingMeetings: readonly Meeting[]
    chosenMeeting?: string
    problems?: readonly MinutesProblem[]
    glossary?: readonly GlossaryEntry[]
    /** The minute whose "Make a recommendation" was refused: its problems are shown by that minute's form. */
    recommendationMinute?: number
    leadOfficer?: string
    /** The recommendations made by this meeting, to link each minute to the one made from it. */
    recommendations?: ReadonlyArray<
      Pick<Recommendation, 'id' | 'meetingId' | 'title' | 'text' | 'minuteNumber' | 'number'>
    >
  },
) {
  const { committee, meeting, minutes, approvedAt } = view
  const refused = options.recommendationMinute
  const errors = errorsOf(options.problems ?? [])
  const recommendationError =
    refused === undefined || (options.problems ?? []).length === 0
      ? null
      : { text: (options.problems ?? []).map((p) => p.message).join('. ') }
  const base = `/meetings/${meeting.id}/minutes`
  const draft = minutes.status === 'draft'
  const manageDraft = options.canManage && draft
  return {
    pageTitle: `${(options.problems ?? []).length > 0 ? 'Error: ' : ''}Minutes, ${committee.name}, ${printedDate(meeting.date)}`,
    committee: committee.name,
    meetingHref: `/meetings/${meeting.id}`,
    heading: `Minutes of the meeting held on ${printedDate(meeting.date)}`,
    draft,
    approval:
      minutes.approvedOn === null
        ? null
        : {
            text: `Approved as a correct record at the meeting held on ${printedDate(approvedAt?.date ?? minutes.approvedOn)}`,
            href: approvedAt === null ? null : `/meetings/${approvedAt.id}`,
          },
    present: attendanceLine(minutes.present),
    apologies: attendanceLine(minutes.apologies),
    officers: minutes.officers,
    declarations: minutes.declarations,
    items: minutes.items.map((item) => ({
      number: item.number,
      title: item.title,
      inTheChair: item.inTheChair,
      ...markedUpMinute(item, options.glossary ?? []),
      editHref: manageDraft ? `${base}/items/${item.number}/edit` : null,
      ...recommendationOfMinute(item, options.canManage, meeting.id, options.recommendations ?? [], base),
      recommendationError: item.number === refused ? recommendationError : null,
      leadOfficer: item.number === refused ? (options.leadOfficer ?? '') : '',
    })),
    manage: manageDraft
      ? {
          editHref: `${base}/edit`,
          addItemHref: `${base}/items/new`,
          approveAction: `${base}/approve`,
          approvingMeetings: [
            { value: '', text: 'Choose the meeting' },
            ...options.approvingMeetings.map((m) => ({
              value: String(m.id),
              text: printedDate(m.date),
              selected: options.chosenMeeting === String(m.id),
            })),
          ],
        }
      : null,
    ...errors,
    // A refused recommendation's messages lead to the form of the minute it was asked for.
    errorList:
      refused === undefined
        ? errors.errorList
        : errors.errorList.map((e) => ({ ...e, href: `#leadOfficer-${refused}` })),
  }
}

/**
 * The form's values for the heading of the minutes. Each of the committee's members is a choice (`attendance-0`,
 * `substitute-0`, … in the committee's order): new minutes start with everyone present; minutes that recorded
 * attendance member by member show it; older minutes, which kept only the printed lists, are read from them. Anyone
 * named who is not a member of the committee stays in the free-text boxes.
 */
export function minutesFormValues(minutes: Minutes | null, committee: Committee): Record<string, string> {
  const values: Record<string, string> = { memberCount: String(committee.members.length) }
  if (minutes === null) {
    committee.members.forEach((_, i) => {
      values[`attendance-${i}`] = 'present'
      values[`substitute-${i}`] = ''
    })
    return { ...values, present: '', apologies: '', officers: '', declarations: '' }
  }
  const recorded = minutes.attendance ?? []
  const fromLists = attendanceFromLists(committee.members, minutes.present, minutes.apologies)
  const others = recorded.length > 0 ? othersOf(recorded, minutes.present, minutes.apologies) : fromLists.others
  committee.members.forEach((member, i) => {
    const found =
      recorded.length > 0
        ? recorded.find((a) => a.name === member.name && a.kind === member.kind)
        : fromLists.attendance[i]
    values[`attendance-${i}`] = found?.attendance ?? 'absent'
    values[`substitute-${i}`] = found?.substitute ?? ''
  })
  return {
    ...values,
    present: others.present.map(memberLabel).join('\n'),
    apologies: others.apologies.map(memberLabel).join('\n'),
    officers: minutes.officers.join('\n'),
    declarations: minutes.declarations.join('\n'),
  }
}

const ATTENDANCE_TEXT: Readonly<Record<Attendance, string>> = {
  present: 'Present',
  apologies: 'Apologies',
  substituted: 'Apologies, with a substitute',
  absent: 'Absent',
}

export function minutesFormModel(
  meeting: Meeting,
  committee: Committee,
  options: {
    isNew: boolean
    approved: boolean
    values: Record<string, string>
    problems: readonly MinutesProblem[]
  },
) {
  const title = options.isNew ? 'Write the minutes' : 'Change the minutes'
  const errors = errorsOf(options.problems)
  return {
    pageTitle: `${options.problems.length > 0 ? 'Error: ' : ''}${title}, ${printedDate(meeting.date)}`,
    title,
    caption: `${committee.name}, ${printedDate(meeting.date)}`,
    action: `/meetings/${meeting.id}/minutes/edit`,
    backHref: options.isNew ? `/meetings/${meeting.id}` : `/meetings/${meeting.id}/minutes`,
    approved: options.approved,
    memberCount: committee.members.length,
    members: committee.members.map((member, i) => ({
      name: `attendance-${i}`,
      legend: memberLabel(member),
      legendName: memberLabel({ ...member, role: 'member' }),
      substituteName: `substitute-${i}`,
      substituteValue: options.values[`substitute-${i}`] ?? '',
      errorMessage: errors.errors[`attendance-${i}`] ?? false,
      items: ATTENDANCE.map((value) => ({
        value,
        text: ATTENDANCE_TEXT[value],
        checked: options.values[`attendance-${i}`] === value,
      })),
    })),
    values: options.values,
    ...errors,
  }
}

/** The form's values for one minute. */
export function minuteItemFormValues(item: MinuteItem | null): Record<string, string> {
  if (item === null) return { title: '', text: '', resolved: '', inTheChair: '', agendaItem: '' }
  return {
    title: item.title,
    text: item.paragraphs.join('\n\n'),
    resolved: item.resolved ?? '',
    inTheChair: item.inTheChair ?? '',
    agendaItem: item.agendaItemId === null ? '' : String(item.agendaItemId),
  }
}

export function minuteItemFormModel(
  meeting: Meeting,
  committee: Committee,
  agenda: readonly AgendaItem[],
  options: {
    /** The minute's number when changing one; null when adding. */
    number: number | null
    approved: boolean
    values: Record<string, string>
    problems: readonly MinutesProblem[]
  },
) {
  const base = `/meetings/${meeting.id}/minutes`
  const title = options.number === null ? 'Add a minute' : `Change minute ${options.number}`
  return {
    pageTitle: `${options.problems.length > 0 ? 'Error: ' : ''}${title}, ${printedDate(meeting.date)}`,
    title,
    caption: `${committee.name}, ${printedDate(meeting.date)}`,
    action: options.number === null ? `${base}/items/new` : `${base}/items/${options.number}/edit`,
    backHref: base,
    approved: options.approved,
    agendaItems: [
      { value: '', text: 'None', selected: options.values.agendaItem === '' },
      ...agenda.map((a) => ({
        value: String(a.id),
        text: `${a.position}. ${a.title}`,
        selected: options.values.agendaItem === String(a.id),
      })),
    ],
    values: options.values,
    ...errorsOf(options.problems),
  }
}

/** The meeting page's link to its minutes: to read them if written; for democratic services, to write them. */
export function minutesLinkModel(meetingId: number, minutes: Minutes | null, canManage: boolean) {
  if (minutes !== null) {
    return {
      href: `/meetings/${meetingId}/minutes`,
      text: minutes.status === 'draft' ? 'Minutes (draft, subject to approval)' : 'Minutes',
    }
  }
  return canManage ? { href: `/meetings/${meetingId}/minutes/edit`, text: 'Write the minutes' } : null
}

/**
 * A minute's made recommendations (linked: one per numbered decision of its resolution), or for managers the form
 * to make them from its resolution.
 */
function recommendationOfMinute(
  item: MinuteItem,
  canManage: boolean,
  meetingId: number,
  recommendations: ReadonlyArray<
    Pick<Recommendation, 'id' | 'meetingId' | 'title' | 'text' | 'minuteNumber' | 'number'>
  >,
  base: string,
): { recommendations: Array<{ text: string; href: string }>; recommendationAction: string | null } {
  const made = recommendationsOf(item, meetingId, recommendations)
  if (made.length > 0) {
    return {
      recommendations: made.map((r) => ({
        text:
          made.length === 1
            ? `Recommendation made from minute ${item.number}`
            : `Recommendation ${r.number} made from minute ${item.number}`,
        href: `/recommendations/${r.id}`,
      })),
      recommendationAction: null,
    }
  }
  return {
    recommendations: [],
    recommendationAction: canManage && item.resolved !== null ? `${base}/items/${item.number}/recommendation` : null,
  }
}

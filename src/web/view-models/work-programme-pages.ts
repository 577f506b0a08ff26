/**
 * A committee's work programme, `/committees/{id}/work-programme`: items by the meeting or month they are planned
 * for, with purpose, lead officer and status; for democratic services the form to add one and, on each planned
 * item with a meeting, the button that moves it onto that meeting's agenda.
 */
import { formatPeriodLong } from '../../domain/period.ts'
import type { Committee, Meeting } from '../../domain/scrutiny/committee.ts'
import { printedDate } from '../../domain/scrutiny/minutes.ts'
import {
  changeProblem,
  moveProblem,
  WORK_PROGRAMME_STATUS_TEXT,
  type WorkProgrammeItem,
  type WorkProgrammeProblem,
} from '../../domain/scrutiny/work-programme.ts'

const STATUS_TAG = {
  planned: 'govuk-tag--blue',
  'on-agenda': 'govuk-tag--green',
  deferred: 'govuk-tag--yellow',
  done: 'govuk-tag--grey',
} as const

function errorsOf(problems: readonly WorkProgrammeProblem[]) {
  return {
    errorList: problems.map((p) => ({ text: p.message, href: `#${p.field}` })),
    errors: Object.fromEntries(problems.map((p) => [p.field, { text: p.message }])) as Record<string, { text: string }>,
  }
}

export function workProgrammePageModel(
  committee: Pick<Committee, 'id' | 'name'>,
  items: readonly WorkProgrammeItem[],
  meetings: readonly Meeting[],
  options: { canManage: boolean; problems?: readonly WorkProgrammeProblem[]; refusedItem?: number },
) {
  const byId = new Map(meetings.map((m) => [m.id, m]))
  const base = `/committees/${committee.id}/work-programme`
  const whenOf = (item: WorkProgrammeItem): { sort: string; text: string; href: string | null } => {
    const meeting = item.meetingId === null ? undefined : byId.get(item.meetingId)
    if (meeting !== undefined)
      return { sort: meeting.date, text: printedDate(meeting.date), href: `/meetings/${meeting.id}` }
    if (item.plannedMonth !== null)
      return { sort: `${item.plannedMonth}-99`, text: formatPeriodLong(item.plannedMonth), href: null }
    return { sort: '9999', text: 'Not yet planned', href: null }
  }
  const rows = items
    .map((item) => ({ item, when: whenOf(item) }))
    .sort((a, b) => (a.when.sort < b.when.sort ? -1 : a.when.sort > b.when.sort ? 1 : a.item.id - b.item.id))
  const errors = errorsOf(options.problems ?? [])
  return {
    pageTitle: `${(options.problems ?? []).length > 0 ? 'Error: ' : ''}Work programme, ${committee.name}`,
    committee: committee.name,
    committeeHref: `/committees/${committee.id}`,
    canManage: options.canManage,
    addHref: options.canManage ? `${base}/new` : null,
    rows: rows.map(({ item, when }) => {
      const meeting = item.meetingId === null ? null : (byId.get(item.meetingId) ?? null)
      return {
        id: item.id,
        title: item.title,
        purpose: item.purpose,
        leadOfficer: item.leadOfficer,
        when: when.text,
        whenHref: when.href,
        status: WORK_PROGRAMME_STATUS_TEXT[item.status],
        statusClass: STATUS_TAG[item.status],
        agendaHref: item.agendaItemId !== null && meeting !== null ? `/meetings/${meeting.id}` : null,
        moveAction: options.canManage && moveProblem(item, meeting) === null ? `${base}/${item.id}/agenda` : null,
        deferralReason: item.status === 'deferred' ? item.deferralReason : null,
        editHref: options.canManage && changeProblem(item.status, 'edit') === null ? `${base}/${item.id}/edit` : null,
        deferHref:
          options.canManage && changeProblem(item.status, 'defer') === null ? `${base}/${item.id}/defer` : null,
        doneAction: options.canManage && changeProblem(item.status, 'done') === null ? `${base}/${item.id}/done` : null,
        replanAction:
          options.canManage && changeProblem(item.status, 'replan') === null ? `${base}/${item.id}/planned` : null,
        error: options.refusedItem === item.id ? (errors.errorList[0]?.text ?? null) : null,
      }
    }),
    ...errors,
    errorList: errors.errorList.map((e) => ({
      ...e,
      href: options.refusedItem === undefined ? e.href : `#item-${options.refusedItem}`,
    })),
  }
}

function meetingChoices(meetings: readonly Meeting[], chosen: string | undefined, none: string) {
  return [
    { value: '', text: none, selected: (chosen ?? '') === '' },
    ...meetings.map((m) => ({ value: String(m.id), text: printedDate(m.date), selected: chosen === String(m.id) })),
  ]
}

/**
 * The form to add an item, or (given `item`) to change one: the meetings offered are those to come, and an item's
 * own meeting even once it has passed.
 */
export function workProgrammeFormModel(
  committee: Pick<Committee, 'id' | 'name'>,
  meetings: readonly Meeting[],
  values: Record<string, string>,
  problems: readonly WorkProgrammeProblem[],
  item?: { id: number; title: string },
) {
  const heading = item === undefined ? 'Add to the work programme' : 'Change a work programme item'
  const base = `/committees/${committee.id}/work-programme`
  return {
    pageTitle: `${problems.length > 0 ? 'Error: ' : ''}${heading}, ${committee.name}`,
    heading,
    caption: committee.name,
    action: item === undefined ? `${base}/new` : `${base}/${item.id}/edit`,
    button: item === undefined ? 'Add the item' : 'Save the changes',
    backHref: item === undefined ? base : `${base}#item-${item.id}`,
    meetings: meetingChoices(meetings, values.meeting, 'No meeting yet'),
    values,
    ...errorsOf(problems),
  }
}

/** The form to defer an item to a later meeting or month, with an optional reason. */
export function workProgrammeDeferModel(
  committee: Pick<Committee, 'id' | 'name'>,
  item: Pick<WorkProgrammeItem, 'id' | 'title'> & { when: string },
  meetings: readonly Meeting[],
  values: Record<string, string>,
  problems: readonly WorkProgrammeProblem[],
) {
  const base = `/committees/${committee.id}/work-programme`
  return {
    pageTitle: `${problems.length > 0 ? 'Error: ' : ''}Defer “${item.title}”, ${committee.name}`,
    caption: committee.name,
    title: item.title,
    when: item.when,
    action: `${base}/${item.id}/defer`,
    backHref: `${base}#item-${item.id}`,
    meetings: meetingChoices(meetings, values.meeting, 'No meeting yet'),
    values,
    ...errorsOf(problems),
  }
}

/** Where an item is planned for, as the page prints it: the meeting's date, the month, or "Not yet planned". */
export function plannedText(item: Pick<WorkProgrammeItem, 'meetingId' | 'plannedMonth'>, meetings: readonly Meeting[]) {
  const meeting = meetings.find((m) => m.id === item.meetingId)
  if (meeting !== undefined) return printedDate(meeting.date)
  return item.plannedMonth === null ? 'Not yet planned' : formatPeriodLong(item.plannedMonth)
}

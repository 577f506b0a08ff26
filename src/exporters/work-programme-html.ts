/**
 * A committee's work programme as the pack prints it, for an agenda item "Forward plan / work programme": the items
 * still to be considered (planned, on an agenda or deferred), by the meeting or month they are planned for, with
 * their purpose, lead officer and status. Every piece of text is escaped.
 */
import { formatPeriodLong } from '../domain/period.ts'
import type { Meeting } from '../domain/scrutiny/committee.ts'
import { printedDate } from '../domain/scrutiny/minutes.ts'
import { WORK_PROGRAMME_STATUS_TEXT, type WorkProgrammeItem } from '../domain/scrutiny/work-programme.ts'
import { escapeMarkup } from '../domain/markup-text.ts'

/**
 * Whether an agenda item's title asks for the work programme: "Forward plan / work programme", "Work Programme".
 * @example asksForWorkProgramme('Forward plan / work programme') // true
 */
export function asksForWorkProgramme(title: string): boolean {
  return /\b(forward plan|work programme)\b/i.test(title)
}

export function workProgrammeHtml(items: readonly WorkProgrammeItem[], meetings: readonly Meeting[]): string {
  const byId = new Map(meetings.map((m) => [m.id, m]))
  const rows = items
    .filter((i) => i.status !== 'done')
    .map((item) => {
      const meeting = item.meetingId === null ? undefined : byId.get(item.meetingId)
      const sort = meeting?.date ?? (item.plannedMonth === null ? '9999' : `${item.plannedMonth}-99`)
      const when =
        meeting !== undefined
          ? printedDate(meeting.date)
          : item.plannedMonth !== null
            ? formatPeriodLong(item.plannedMonth)
            : 'Not yet planned'
      return { sort, item, when }
    })
    .sort((a, b) => (a.sort < b.sort ? -1 : a.sort > b.sort ? 1 : a.item.id - b.item.id))
  if (rows.length === 0) return '<p class="govuk-body">Nothing further is planned.</p>'
  const cells = (row: (typeof rows)[number]) =>
    [
      escapeMarkup(row.when),
      `<strong>${escapeMarkup(row.item.title)}</strong><br>${escapeMarkup(row.item.purpose)}`,
      escapeMarkup(row.item.leadOfficer),
      escapeMarkup(WORK_PROGRAMME_STATUS_TEXT[row.item.status]),
    ]
      .map((c) => `<td class="govuk-table__cell">${c}</td>`)
      .join('')
  return [
    '<table class="govuk-table">',
    '<thead class="govuk-table__head"><tr class="govuk-table__row">',
    ['Meeting or month', 'Item', 'Lead officer', 'Status']
      .map((h) => `<th scope="col" class="govuk-table__header">${h}</th>`)
      .join(''),
    '</tr></thead>',
    `<tbody class="govuk-table__body">${rows.map((r) => `<tr class="govuk-table__row">${cells(r)}</tr>`).join('')}</tbody>`,
    '</table>',
  ].join('')
}

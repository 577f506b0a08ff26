/**
 * The recommendations tracker as CSV (`/recommendations.csv`): exactly the recommendations the tracker shows for the
 * same filters, one line each, with what was done as one field. Quoting and formula neutralising are the pack CSV's
 * (`csvField`): an update starting "=", "+", "-" or "@" is written with a leading apostrophe.
 */
import type { IsoDate } from '../domain/calendar/days.ts'
import { isOverdue, PROGRESS_STATUS_TEXT, type Recommendation } from '../domain/scrutiny/recommendations.ts'
import { csvField } from './pack-csv.ts'

const HEADINGS = [
  'id',
  'made_on',
  'title',
  'number',
  'recommendation',
  'lead_officer',
  'response_due',
  'progress_status',
  'overdue',
  'action_taken',
]

/**
 * UTF-8 with a byte order mark, CRLF line endings, RFC 4180 quoting; "overdue" judged as at `asOf`, as the page
 * judges it; the updates oldest first, each "YYYY-MM-DD: text" (or "undated: text") on a line of its own.
 * @example recommendationsToCsv([], '2018-06-01') // '\uFEFFid,made_on,title,…,action_taken\r\n'
 */
export function recommendationsToCsv(recommendations: readonly Recommendation[], asOf: IsoDate): string {
  const lines = recommendations.map((r) =>
    [
      r.id,
      r.madeOn,
      r.title,
      r.number,
      r.text,
      r.leadOfficer,
      r.responseDue,
      PROGRESS_STATUS_TEXT[r.status],
      isOverdue(r, asOf) ? 'yes' : 'no',
      r.updates.map((u) => `${u.dated ?? 'undated'}: ${u.text}`).join('\n'),
    ]
      .map(csvField)
      .join(','),
  )
  return `\uFEFF${[HEADINGS.join(','), ...lines].join('\r\n')}\r\n`
}

/**
 * The meeting calendar as iCalendar (RFC 5545), for councillors' and residents' calendars to subscribe to.
 * Times are London local time with the Europe/London time zone defined in the file, so a 5.30 pm meeting stays
 * 5.30 pm across the clock changes. Lines end CRLF and are folded at 75 octets, as the RFC requires.
 */
import type { Committee, Meeting } from '../domain/scrutiny/committee.ts'

/** Papers do not give an end time; calendars need one, so a meeting is shown as two hours long. */
const ASSUMED_LENGTH = 'PT2H'

const LONDON = [
  'BEGIN:VTIMEZONE',
  'TZID:Europe/London',
  'BEGIN:DAYLIGHT',
  'TZOFFSETFROM:+0000',
  'TZOFFSETTO:+0100',
  'TZNAME:BST',
  'DTSTART:19700329T010000',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
  'END:DAYLIGHT',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:+0100',
  'TZOFFSETTO:+0000',
  'TZNAME:GMT',
  'DTSTART:19701025T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
  'END:STANDARD',
  'END:VTIMEZONE',
]

/**
 * Escapes a text value: backslash, semicolon, comma and newlines.
 * @example escapeText('Room 3, Civic Centre') // 'Room 3\\, Civic Centre'
 */
export function escapeText(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n')
}

/** Folds a content line at 75 octets (UTF-8), never inside a character, continuing with a space. */
export function foldLine(line: string): string {
  const parts: string[] = []
  let current = ''
  let octets = 0
  for (const char of line) {
    const size = Buffer.byteLength(char)
    const limit = parts.length === 0 ? 75 : 74
    if (octets + size > limit) {
      parts.push(current)
      current = ''
      octets = 0
    }
    current += char
    octets += size
  }
  parts.push(current)
  return parts.join('\r\n ')
}

function basic(date: string, time: string): string {
  return `${date.replace(/-/g, '')}T${time.replace(':', '')}00`
}

export interface CalendarOptions {
  /** The site's address, for each event's link and unique id, e.g. `https://scrutiny.example.gov.uk`. */
  baseUrl: string
  councilName: string
  /** When the file is made, in UTC (ISO 8601): every event's DTSTAMP. */
  generatedAt: string
}

/**
 * The calendar of the given meetings.
 * @example meetingsToIcal([{ meeting, committee }], { baseUrl: 'https://x.gov.uk', councilName: 'Southampton City Council', generatedAt: '2018-05-30T09:00:00Z' })
 */
export function meetingsToIcal(
  entries: ReadonlyArray<{ meeting: Meeting; committee: Pick<Committee, 'name'> }>,
  options: CalendarOptions,
): string {
  const host = new URL(options.baseUrl).host
  const stamp = options.generatedAt.replace(/[-:]/g, '').replace(/\.\d+/, '').replace(/Z?$/, 'Z')
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:-//Scrutineer//${escapeText(options.councilName)} meetings//EN`,
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(`${options.councilName}: scrutiny meetings`)}`,
    ...LONDON,
  ]
  for (const { meeting, committee } of entries) {
    const url = `${options.baseUrl.replace(/\/$/, '')}/meetings/${meeting.id}`
    lines.push(
      'BEGIN:VEVENT',
      `UID:meeting-${meeting.id}@${host}`,
      `DTSTAMP:${stamp}`,
      `DTSTART;TZID=Europe/London:${basic(meeting.date, meeting.startTime)}`,
      `DURATION:${ASSUMED_LENGTH}`,
      `SUMMARY:${escapeText(meeting.status === 'cancelled' ? `CANCELLED: ${committee.name}` : committee.name)}`,
      `LOCATION:${escapeText(meeting.venue)}`,
      `DESCRIPTION:${escapeText(`Agenda and papers: ${url}`)}`,
      `URL:${url}`,
      `STATUS:${meeting.status === 'cancelled' ? 'CANCELLED' : 'CONFIRMED'}`,
      'END:VEVENT',
    )
  }
  lines.push('END:VCALENDAR')
  return lines.map(foldLine).join('\r\n') + '\r\n'
}

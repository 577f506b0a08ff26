/**
 * The panel's business as JSON: the public API's contract for committees, meetings and agenda items
 * (docs/api.md). Field names are stable; new fields may be added, none removed or renamed without a new version.
 */
import type { AgendaItem, Committee, Meeting } from '../domain/scrutiny/committee.ts'
import type { MinutesStatus } from '../domain/scrutiny/minutes.ts'

export const API_VERSION = 1

/**
 * The API's answer (with 400) to an id in the path that is not a positive whole number.
 * @example badIdError('abc') // { error: '"abc" is not an id: use a positive whole number, like 2.' }
 */
export function badIdError(text: string): { error: string } {
  return { error: `"${text}" is not an id: use a positive whole number, like 2.` }
}

export function committeeToJson(committee: Committee, baseUrl: string) {
  return {
    id: committee.id,
    slug: committee.slug,
    name: committee.name,
    purpose: committee.purpose,
    termsOfReference: committee.termsOfReference,
    quorum: committee.quorum,
    members: committee.members.map((m) => ({ name: m.name, kind: m.kind, role: m.role })),
    contacts: committee.contacts.map((c) => ({ role: c.role, name: c.name, phone: c.phone, email: c.email })),
    url: `${baseUrl}/committees/${committee.id}`,
  }
}

export function meetingToJson(meeting: Meeting, committee: Pick<Committee, 'id' | 'name'>, baseUrl: string) {
  return {
    id: meeting.id,
    committee: { id: committee.id, name: committee.name },
    date: meeting.date,
    startTime: meeting.startTime,
    timeZone: 'Europe/London',
    venue: meeting.venue,
    status: meeting.status,
    notice: meeting.notice,
    url: `${baseUrl}/meetings/${meeting.id}`,
  }
}

/**
 * An agenda item; `reportId` is its report's, when it has one: `report.url` is the item's page with the cover sheet,
 * `report.apiUrl` the report as JSON (`/api/reports/{id}`).
 */
export function agendaItemToJson(item: AgendaItem, links: { reportId: number | null; baseUrl: string }) {
  const { reportId, baseUrl } = links
  return {
    id: item.id,
    number: item.position,
    kind: item.kind,
    title: item.title,
    description: item.description,
    pages: item.pages,
    report:
      reportId === null
        ? null
        : {
            id: reportId,
            url: `${baseUrl}/meetings/${item.meetingId}/items/${item.position}`,
            apiUrl: `${baseUrl}/api/reports/${reportId}`,
          },
  }
}

/** The published version of a Public Document Pack, as the meeting's page describes it. */
export interface PublishedPackDetails {
  version: number
  /** ISO 8601 UTC. */
  publishedAt: string
  note: string | null
  pageCount: number
  byteSize: number
}

/**
 * The latest published Public Document Pack of a meeting, or null before one is published. The PDF is at `url`.
 * @example documentPackToJson(2, { version: 1, publishedAt: '2018-05-30T09:00:00.000Z', note: null, pageCount: 18, byteSize: 120000 }, 'https://x').url // 'https://x/meetings/2/pack.pdf'
 */
export function documentPackToJson(meetingId: number, pack: PublishedPackDetails | null, baseUrl: string) {
  if (pack === null) return null
  return {
    url: `${baseUrl}/meetings/${meetingId}/pack.pdf`,
    mediaType: 'application/pdf',
    version: pack.version,
    publishedAt: pack.publishedAt,
    note: pack.note,
    pageCount: pack.pageCount,
    byteSize: pack.byteSize,
  }
}

/** Where a meeting's minutes are, and whether they are a draft, or null before any are written. */
export function minutesLinkToJson(meetingId: number, status: MinutesStatus | null, baseUrl: string) {
  if (status === null) return null
  return {
    status,
    url: `${baseUrl}/meetings/${meetingId}/minutes`,
    apiUrl: `${baseUrl}/api/meetings/${meetingId}/minutes`,
  }
}

/**
 * The panel's business as JSON: the public API's contract for committees, meetings and agenda items
 * (docs/api.md). Field names are stable; new fields may be added, none removed or renamed without a new version.
 */
import type { AgendaItem, Committee, Meeting } from '../domain/scrutiny/committee.ts'

export const API_VERSION = 1

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

export function agendaItemToJson(item: AgendaItem) {
  return {
    id: item.id,
    number: item.position,
    kind: item.kind,
    title: item.title,
    description: item.description,
    pages: item.pages,
  }
}

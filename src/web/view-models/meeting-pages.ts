/**
 * The panel's public pages: the meeting calendar (/meetings), one meeting (/meetings/{id}) with its front sheet and
 * agenda, and a committee (/committees/{id}).
 */
import { longDate } from '../../domain/calendar/days.ts'
import {
  meetingTime,
  memberLabel,
  pageReference,
  type Committee,
  type Meeting,
  type MeetingStatus,
} from '../../domain/scrutiny/committee.ts'
import type { MeetingView } from '../../services/meeting-service.ts'
import { memberSlug } from '../../domain/scrutiny/members.ts'

const STATUS_TAGS: Record<MeetingStatus, { text: string; classes: string }> = {
  scheduled: { text: 'Scheduled', classes: 'govuk-tag--blue' },
  held: { text: 'Held', classes: 'govuk-tag--grey' },
  cancelled: { text: 'Cancelled', classes: 'govuk-tag--red' },
}

function meetingSummary(meeting: Meeting, committee: Pick<Committee, 'id' | 'name'>) {
  return {
    href: `/meetings/${meeting.id}`,
    committee: committee.name,
    committeeHref: `/committees/${committee.id}`,
    date: longDate(meeting.date),
    time: meetingTime(meeting.startTime),
    venue: meeting.venue,
    status: STATUS_TAGS[meeting.status],
  }
}

export function meetingsPageModel(
  year: string,
  years: readonly string[],
  entries: ReadonlyArray<{ meeting: Meeting; committee: Committee }>,
) {
  return {
    pageTitle: `Meetings ${year.replace('-', '/')} municipal year`,
    year,
    yearText: year.replace('-', '/'),
    years: years.map((y) => ({ text: y.replace('-', '/'), href: `/meetings?year=${y}`, current: y === year })),
    meetings: entries.map(({ meeting, committee }) => meetingSummary(meeting, committee)),
  }
}

export function meetingPageModel(view: MeetingView) {
  const { meeting, committee, agenda } = view
  return {
    pageTitle: `${committee.name}, ${longDate(meeting.date)}`,
    committee: {
      name: committee.name,
      href: `/committees/${committee.id}`,
      // Each member's page: their committees, attendance and declarations (src/web/routes/members.ts).
      members: committee.members.map((member) => ({
        text: memberLabel(member),
        href: `/members/${memberSlug(member.name, member.kind)}`,
      })),
      contacts: committee.contacts,
      quorum: committee.quorum,
    },
    date: longDate(meeting.date),
    time: meetingTime(meeting.startTime),
    venue: meeting.venue,
    notice: meeting.notice,
    status: STATUS_TAGS[meeting.status],
    cancelled: meeting.status === 'cancelled',
    monitoringReportHref: `/meetings/${meeting.id}/monitoring-report`,
    // Meetings scheduled in Scrutineer take the monitoring report as a numbered item; older agendas link it below.
    monitoringOnAgenda: agenda.some((item) => item.kind === 'monitoring-recommendations'),
    agenda: agenda.map((item) => ({
      number: item.position,
      title: item.title,
      description: item.description,
      pages: pageReference(item.pages),
      href: item.kind === 'monitoring-recommendations' ? `/meetings/${meeting.id}/monitoring-report` : null,
    })),
  }
}

export function committeePageModel(committee: Committee, meetings: ReadonlyArray<Meeting>) {
  return {
    pageTitle: committee.name,
    name: committee.name,
    purpose: committee.purpose,
    termsOfReference: committee.termsOfReference,
    quorum: committee.quorum,
    members: committee.members.map(memberLabel),
    contacts: committee.contacts,
    meetings: meetings.map((m) => meetingSummary(m, committee)),
  }
}

/**
 * The RSS feeds a page names in its head (`<link rel="alternate">`) and shows: the committee's own first when the
 * page is about one committee, then the feed of every committee.
 * @example feedLinks({ id: 1, name: 'Children and Families Scrutiny Panel' }).map((f) => f.href) // ['/committees/1/feed.rss', '/meetings.rss']
 */
export function feedLinks(committee: { id: number; name: string } | null): Array<{ title: string; href: string }> {
  const all = { title: 'Meetings, papers, minutes and responses of every committee (RSS)', href: '/meetings.rss' }
  if (committee === null) return [all]
  return [
    {
      title: `${committee.name}: meetings, papers, minutes and responses (RSS)`,
      href: `/committees/${committee.id}/feed.rss`,
    },
    all,
  ]
}

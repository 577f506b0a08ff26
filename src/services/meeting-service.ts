/**
 * The panel's meetings: committees and their members, the calendar of meetings, each meeting's agenda. Creating
 * a meeting checks it, starts its agenda with the standard items and records an audit event.
 */
import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import type { IsoDate } from '../domain/calendar/days.ts'
import { municipalYearEnd, municipalYearOf, municipalYearStart } from '../domain/calendar/municipal-year.ts'
import { failed, ok, type Result } from '../domain/result.ts'
import {
  meetingProblems,
  previousMeeting,
  STANDARD_ITEMS,
  type AgendaItem,
  type AgendaItemKind,
  type Committee,
  type Meeting,
  type MeetingInput,
  type MeetingProblem,
  type MeetingStatus,
  type StandardItemKind,
} from '../domain/scrutiny/committee.ts'
import { printedDate } from '../domain/scrutiny/minutes.ts'
import { NO_PUBLIC_INFORMATION, type PublicInformation } from '../domain/scrutiny/public-information.ts'
import type { DataAccess } from '../store/data-access.ts'
import type { NewAgendaItem, NewCommittee } from '../store/meeting-repository.ts'
import { recordChange, type ChangeContext } from './change-record.ts'

export const DEMO_PANEL_FILE = fileURLToPath(new URL('../../fixtures/scrutiny/panel.json', import.meta.url))

/** Who is acting, for the audit log. */
export type MeetingContext = ChangeContext

export interface MeetingView {
  meeting: Meeting
  committee: Committee
  agenda: AgendaItem[]
}

/**
 * The standard items a new meeting's agenda starts with: the election of a vice-chair only at the first meeting of
 * a year, the opening items, and monitoring scrutiny recommendations last (reports added later go before it).
 */
export function openingItems(firstOfYear: boolean): StandardItemKind[] {
  const items: StandardItemKind[] = [
    'apologies',
    'disclosure-of-interests',
    'scrutiny-interest',
    'party-whip',
    'statement-from-the-chair',
    'previous-minutes',
    'monitoring-recommendations',
  ]
  return firstOfYear ? ['election-of-vice-chair', ...items] : items
}

/**
 * The wording of a new meeting's standard items that name a year or a meeting, as seed 001 prints them: the
 * municipal year of the election, the date of the meeting whose minutes are approved (when there is one).
 * @example openingDescriptions('2026-27', '2026-12-03') // { 'election-of-vice-chair': 'To elect the Vice-Chair for the Municipal Year 2026/27.', 'previous-minutes': 'To approve … held on 3 December 2026 …' }
 */
export function openingDescriptions(
  year: string,
  previousMeeting: string | null,
): Partial<Record<StandardItemKind, string>> {
  return {
    'election-of-vice-chair': `To elect the Vice-Chair for the Municipal Year ${year.replace('-', '/')}.`,
    ...(previousMeeting === null
      ? {}
      : {
          'previous-minutes': `To approve and sign as a correct record the Minutes of the meeting held on ${printedDate(previousMeeting)} and to deal with any matters arising, attached.`,
        }),
  }
}

interface DemoPanel {
  committee: Omit<NewCommittee, 'publicInformation'> & { publicInformation?: PublicInformation }
  venue: string
  startTime: string
  meetings: Array<{
    date: string
    status: MeetingStatus
    notice?: string
    agenda?: Array<{
      kind: AgendaItemKind
      title?: string
      description?: string
    }>
  }>
}

function agendaItem(
  position: number,
  kind: AgendaItemKind,
  overrides: { title?: string; description?: string } = {},
): NewAgendaItem {
  const standard = kind === 'report' || kind === 'other' ? null : STANDARD_ITEMS[kind]
  return {
    position,
    kind,
    title: overrides.title ?? standard?.title ?? '',
    description: overrides.description ?? standard?.description ?? '',
    // Page references come only from a published pack (document-pack-service), never from the agenda's source.
    pages: null,
  }
}

export function meetingService(data: DataAccess) {
  return {
    async listCommittees(): Promise<Committee[]> {
      return data.meetings.findCommittees()
    },

    /** Meetings of every committee in one municipal year (May to April), with their committee. */
    async calendar(year: string): Promise<Array<{ meeting: Meeting; committee: Committee }>> {
      const [meetings, committees] = await Promise.all([
        data.meetings.findMeetings({ from: municipalYearStart(year), to: municipalYearEnd(year) }),
        data.meetings.findCommittees(),
      ])
      const byId = new Map(committees.map((c) => [c.id, c]))
      return meetings.flatMap((meeting) => {
        const committee = byId.get(meeting.committeeId)
        return committee === undefined ? [] : [{ meeting, committee }]
      })
    },

    /** Every meeting with its committee, for the iCal feed and the API. */
    async allMeetings(): Promise<Array<{ meeting: Meeting; committee: Committee }>> {
      const [meetings, committees] = await Promise.all([data.meetings.findMeetings(), data.meetings.findCommittees()])
      const byId = new Map(committees.map((c) => [c.id, c]))
      return meetings.flatMap((meeting) => {
        const committee = byId.get(meeting.committeeId)
        return committee === undefined ? [] : [{ meeting, committee }]
      })
    },

    /** The municipal years that have meetings, latest first. */
    async years(): Promise<string[]> {
      const meetings = await data.meetings.findMeetings()
      return [...new Set(meetings.map((m) => municipalYearOf(m.date)))].sort().reverse()
    },

    async getMeeting(id: number): Promise<MeetingView | null> {
      const meeting = await data.meetings.findMeeting(id)
      if (meeting === null) return null
      const [committee, agenda] = await Promise.all([
        data.meetings.findCommittee(meeting.committeeId),
        data.meetings.findAgenda(id),
      ])
      if (committee === null) return null
      return { meeting, committee, agenda }
    },

    /**
     * Schedules a meeting; its agenda starts with the standard items (with the election of a vice-chair at the
     * committee's first meeting of the municipal year).
     */
    async createMeeting(
      committeeId: number,
      input: MeetingInput & { notice?: string | null },
      context: MeetingContext,
    ): Promise<Result<number, MeetingProblem>> {
      const problems = meetingProblems(input)
      if (problems.length > 0) return failed(problems)
      return data.transaction(async (repos) => {
        const committee = await repos.meetings.findCommittee(committeeId)
        if (committee === null) return failed([{ field: 'date', message: 'That committee does not exist' }])
        const year = municipalYearOf(input.date)
        const meetings = await repos.meetings.findMeetings({ committeeId })
        // A cancelled meeting is not held, so the next one still elects the vice-chair and approves earlier minutes.
        const firstOfYear = meetings.every(
          (m) => municipalYearOf(m.date) !== year || m.date > input.date || m.status === 'cancelled',
        )
        const previous = previousMeeting(meetings, input.date)
        const descriptions = openingDescriptions(year, previous?.date ?? null)
        const meeting = {
          committeeId,
          date: input.date,
          startTime: input.startTime,
          venue: input.venue.trim(),
          status: (input.status ?? 'scheduled') as MeetingStatus,
          notice: input.notice?.trim() === '' ? null : (input.notice?.trim() ?? null),
        }
        const id = await repos.meetings.createMeeting(meeting)
        const kinds = openingItems(firstOfYear)
        for (const [i, kind] of kinds.entries()) {
          const description = descriptions[kind]
          await repos.meetings.addAgendaItem(
            id,
            agendaItem(i + 1, kind, description === undefined ? {} : { description }),
          )
        }
        await recordChange(
          repos.audit,
          context,
          'meeting.create',
          { type: 'meeting', id },
          { after: { committee: committee.name, ...meeting, agenda: kinds } },
        )
        return ok(id)
      })
    },

    /** Changes a meeting's date, time, venue, notice or status (cancelling it keeps it, marked cancelled). */
    async updateMeeting(
      id: number,
      input: MeetingInput & { status: string; notice?: string | null },
      context: MeetingContext,
      /** The London date: a meeting after it cannot be marked held. */
      today: IsoDate,
    ): Promise<Result<number, MeetingProblem>> {
      const problems = meetingProblems(input, today)
      if (problems.length > 0) return failed(problems)
      return data.transaction(async (repos) => {
        const before = await repos.meetings.findMeeting(id)
        if (before === null) return failed([{ field: 'date', message: 'That meeting does not exist' }])
        const after = {
          date: input.date,
          startTime: input.startTime,
          venue: input.venue.trim(),
          status: input.status as MeetingStatus,
          notice: input.notice?.trim() === '' ? null : (input.notice?.trim() ?? null),
        }
        await repos.meetings.updateMeeting(id, after)
        await recordChange(
          repos.audit,
          context,
          after.status === 'cancelled' && before.status !== 'cancelled' ? 'meeting.cancel' : 'meeting.update',
          { type: 'meeting', id },
          {
            before: {
              date: before.date,
              startTime: before.startTime,
              venue: before.venue,
              status: before.status,
              notice: before.notice,
            },
            after,
          },
        )
        return ok(id)
      })
    },

    /** Loads the demo panel (seed 001) into a database with no committees; returns whether it did. */
    async loadDemoIfEmpty(file: string = DEMO_PANEL_FILE): Promise<boolean> {
      if ((await data.meetings.countCommittees()) > 0) return false
      const demo = JSON.parse(await readFile(file, 'utf8')) as DemoPanel
      await data.transaction(async (repos) => {
        const committeeId = await repos.meetings.createCommittee({
          ...demo.committee,
          publicInformation: demo.committee.publicInformation ?? NO_PUBLIC_INFORMATION,
        })
        for (const entry of demo.meetings) {
          const id = await repos.meetings.createMeeting({
            committeeId,
            date: entry.date,
            startTime: demo.startTime,
            venue: demo.venue,
            status: entry.status,
            notice: entry.notice ?? null,
          })
          for (const [i, item] of (entry.agenda ?? []).entries()) {
            await repos.meetings.addAgendaItem(id, agendaItem(i + 1, item.kind, item))
          }
        }
        await recordChange(
          repos.audit,
          { actor: 'system (demo council)' },
          'committee.create',
          { type: 'committee', id: committeeId },
          { after: { name: demo.committee.name, meetings: demo.meetings.length } },
        )
      })
      return true
    },
  }
}

export type MeetingService = ReturnType<typeof meetingService>

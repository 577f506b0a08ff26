/**
 * Minutes of the panel's meetings: democratic services write the draft (who was present, apologies, officers,
 * declarations) and its numbered minutes, the panel approves them as a correct record at a later meeting, and a
 * resolution that asks something of the executive becomes a recommendation in the tracker. Every change is audited.
 */
import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import type { IsoDate } from '../domain/calendar/days.ts'
import { failed, ok, type Result } from '../domain/result.ts'
import type { CommitteeMember, Meeting } from '../domain/scrutiny/committee.ts'
import {
  approvalProblem,
  madeFromMinute,
  minuteItemDetails,
  minutesDetails,
  nextMinuteNumber,
  resolutionDecisions,
  type MeetingMinutes,
  type MinuteItemInput,
  type MinutesInput,
  type MinutesProblem,
} from '../domain/scrutiny/minutes.ts'
import { attendanceFromLists, memberAttendance, type MemberAttendance } from '../domain/scrutiny/attendance.ts'
import type { RegisteredDecision } from '../domain/scrutiny/decisions.ts'
import type { DataAccess } from '../store/data-access.ts'
import type { RecommendationService } from './recommendation-service.ts'
import { recordChange, type ChangeContext } from './change-record.ts'

export const DEMO_MINUTES_FILE = fileURLToPath(new URL('../../fixtures/scrutiny/minutes.json', import.meta.url))

export type MinutesContext = ChangeContext

const APPROVED = 'Approved minutes cannot be changed'

interface DemoMinutes {
  minutes: Array<{
    date: string
    approvedAt: string | null
    present: CommitteeMember[]
    apologies: CommitteeMember[]
    officers: string[]
    declarations: string[]
    items: Array<{
      number: number
      title: string
      paragraphs: string[]
      resolved: string | null
      inTheChair: string | null
    }>
  }>
}

export function minutesService(data: DataAccess, recommendations: RecommendationService) {
  async function view(meetingId: number): Promise<MeetingMinutes | null> {
    const minutes = await data.minutes.findByMeeting(meetingId)
    if (minutes === null) return null
    const meeting = await data.meetings.findMeeting(meetingId)
    if (meeting === null) return null
    const committee = await data.meetings.findCommittee(meeting.committeeId)
    if (committee === null) return null
    const approvedAt =
      minutes.approvedAtMeetingId === null ? null : await data.meetings.findMeeting(minutes.approvedAtMeetingId)
    return { committee, meeting, minutes, approvedAt }
  }

  return {
    /** A meeting's minutes, with the meeting and the meeting that approved them; null when none are written. */
    get: view,

    /**
     * The later meetings of the same committee that can approve a meeting's minutes, in date order: those that have
     * taken place (on or before `today`, the London date) and were not cancelled.
     */
    async approvingMeetings(meetingId: number, today: IsoDate): Promise<Meeting[]> {
      const meeting = await data.meetings.findMeeting(meetingId)
      if (meeting === null) return []
      const later = await data.meetings.findMeetings({ committeeId: meeting.committeeId })
      return later.filter((m) => m.date > meeting.date && m.date <= today && m.status !== 'cancelled')
    },

    /** Writes the draft minutes of a meeting, or changes the draft; approved minutes are refused. */
    async saveDraft(
      meetingId: number,
      input: MinutesInput,
      context: MinutesContext,
    ): Promise<Result<number, MinutesProblem>> {
      return data.transaction(async (repos) => {
        const meeting = await repos.meetings.findMeeting(meetingId)
        if (meeting === null) return failed([{ field: 'present', message: 'That meeting does not exist' }])
        let attendance: MemberAttendance[] | undefined
        if (input.members !== undefined) {
          const committee = await repos.meetings.findCommittee(meeting.committeeId)
          const checked = memberAttendance(committee?.members ?? [], input.members)
          if (!checked.ok) {
            return failed(
              checked.problems.map((p) => ({ field: `attendance-${p.index}` as const, message: p.message })),
            )
          }
          attendance = checked.value
        }
        const details = minutesDetails(input, attendance)
        if (!details.ok) return details
        const existing = await repos.minutes.findByMeeting(meetingId)
        if (existing?.status === 'approved') return failed([{ field: 'present', message: APPROVED }])
        let id: number
        if (existing === null) id = await repos.minutes.create(meetingId, details.value)
        else {
          id = existing.id
          await repos.minutes.update(id, details.value)
        }
        const before =
          existing === null
            ? null
            : {
                present: existing.present,
                apologies: existing.apologies,
                attendance: existing.attendance,
                officers: existing.officers,
                declarations: existing.declarations,
              }
        await recordChange(
          repos.audit,
          context,
          existing === null ? 'minutes.create' : 'minutes.update',
          { type: 'meeting', id: meetingId },
          { before, after: details.value },
        )
        return ok(id)
      })
    },

    /**
     * Adds a minute to a meeting's draft minutes; it takes the next number in the year's sequence. Returns its
     * number. Numbers are never changed afterwards, even if an earlier meeting's minutes gain or lose a minute.
     */
    async addItem(
      meetingId: number,
      input: MinuteItemInput,
      context: MinutesContext,
    ): Promise<Result<number, MinutesProblem>> {
      return data.transaction(async (repos) => {
        const meeting = await repos.meetings.findMeeting(meetingId)
        const minutes = await repos.minutes.findByMeeting(meetingId)
        if (meeting === null || minutes === null) {
          return failed([{ field: 'title', message: 'Write who was present before adding minutes' }])
        }
        if (minutes.status === 'approved') return failed([{ field: 'title', message: APPROVED }])
        const agenda = await repos.meetings.findAgenda(meetingId)
        const details = minuteItemDetails(
          input,
          agenda.map((a) => a.id),
        )
        if (!details.ok) return details
        const others = await repos.minutes.minutedMeetings(meeting.committeeId, meetingId)
        const number = nextMinuteNumber(minutes.items, meeting.date, others)
        await repos.minutes.addItem(minutes.id, { number, ...details.value })
        await recordChange(
          repos.audit,
          context,
          'minutes.item.add',
          { type: 'meeting', id: meetingId },
          { after: { number, ...details.value } },
        )
        return ok(number)
      })
    },

    /** Changes one minute of draft minutes; its number stays. */
    async editItem(
      meetingId: number,
      number: number,
      input: MinuteItemInput,
      context: MinutesContext,
    ): Promise<Result<number, MinutesProblem>> {
      return data.transaction(async (repos) => {
        const minutes = await repos.minutes.findByMeeting(meetingId)
        const item = minutes?.items.find((i) => i.number === number)
        if (minutes === null || item === undefined) {
          return failed([{ field: 'title', message: 'That minute does not exist' }])
        }
        if (minutes.status === 'approved') return failed([{ field: 'title', message: APPROVED }])
        const agenda = await repos.meetings.findAgenda(meetingId)
        const details = minuteItemDetails(
          input,
          agenda.map((a) => a.id),
        )
        if (!details.ok) return details
        await repos.minutes.updateItem(item.id, details.value)
        const before = {
          number: item.number,
          title: item.title,
          paragraphs: item.paragraphs,
          resolved: item.resolved,
          inTheChair: item.inTheChair,
          agendaItemId: item.agendaItemId,
        }
        await recordChange(
          repos.audit,
          context,
          'minutes.item.update',
          { type: 'meeting', id: meetingId },
          { before, after: { number, ...details.value } },
        )
        return ok(number)
      })
    },

    /** Records that a later meeting of the same committee approved the minutes as a correct record. */
    async approve(
      meetingId: number,
      approvingMeetingId: number,
      context: MinutesContext,
      /** The London date: only a meeting on or before it can have approved the minutes. */
      today: IsoDate,
    ): Promise<Result<number, MinutesProblem>> {
      return data.transaction(async (repos) => {
        const minutes = await repos.minutes.findByMeeting(meetingId)
        const meeting = await repos.meetings.findMeeting(meetingId)
        if (minutes === null || meeting === null) {
          return failed([{ field: 'approvingMeeting', message: 'This meeting has no minutes to approve' }])
        }
        const approving = await repos.meetings.findMeeting(approvingMeetingId)
        if (approving === null) {
          return failed([{ field: 'approvingMeeting', message: 'Choose the meeting that approved the minutes' }])
        }
        const problem = approvalProblem(minutes, meeting, approving, today)
        if (problem !== null) return failed([{ field: 'approvingMeeting', message: problem }])
        await repos.minutes.approve(minutes.id, { meetingId: approving.id, on: approving.date })
        await recordChange(
          repos.audit,
          context,
          'minutes.approve',
          { type: 'meeting', id: meetingId },
          {
            before: { status: 'draft' },
            after: { status: 'approved', approvedAtMeetingId: approving.id, approvedOn: approving.date },
          },
        )
        return ok(minutes.id)
      })
    },

    /**
     * Puts a minute's resolution in the recommendations tracker, made on the day of the meeting, titled with the
     * minute's title: one recommendation per numbered decision ("1) …", "(i) …"), numbered 1 to n in one
     * transaction, or one for an unnumbered resolution. A minute is sent once. Returns the recommendations' ids.
     */
    async makeRecommendation(
      meetingId: number,
      number: number,
      context: MinutesContext,
      options: { leadOfficer?: string } = {},
    ): Promise<Result<number[], MinutesProblem>> {
      const found = await view(meetingId)
      const item = found?.minutes.items.find((i) => i.number === number)
      if (found === null || item === undefined) {
        return failed([{ field: 'resolved', message: 'That minute does not exist' }])
      }
      const decisions = item.resolved === null ? [] : resolutionDecisions(item.resolved)
      if (decisions.length === 0) {
        return failed([
          { field: 'resolved', message: `Minute ${number} has no resolution to make a recommendation of` },
        ])
      }
      const title = item.title
      const made = (await recommendations.list()).filter((r) => r.meetingId === meetingId)
      if (made.some((r) => madeFromMinute(r, item))) {
        return failed([{ field: 'resolved', message: `A recommendation has already been made from minute ${number}` }])
      }
      const first = made.filter((r) => r.title === title).length + 1
      const result = await recommendations.createAll(
        decisions.map((text, i) => ({
          committeeId: found.committee.id,
          meetingId,
          madeOn: found.meeting.date,
          title,
          number: first + i,
          text,
          leadOfficer: options.leadOfficer ?? '',
          minuteNumber: number,
        })),
        context,
      )
      if (!result.ok) return failed(result.problems.map((p) => ({ field: 'resolved' as const, message: p.message })))
      return result
    },

    /**
     * Every numbered decision of every committee's minutes, latest meeting first, each with the recommendation made
     * from it (the recommendations a minute made are numbered in the order of its decisions).
     */
    async decisions(): Promise<RegisteredDecision[]> {
      const all = await data.minutes.allDecisions()
      const made = (await recommendations.list()).filter((r) => r.minuteNumber !== undefined)
      return all.map((d) => {
        const fromMinute = made
          .filter((r) => r.meetingId === d.meetingId && r.minuteNumber === d.minuteNumber)
          .sort((a, b) => a.number - b.number)
        const recommendation = fromMinute[d.number - 1]
        return {
          ...d,
          recommendation:
            recommendation === undefined ? null : { id: recommendation.id, status: recommendation.status },
        }
      })
    },

    /** Every recorded attendance at a committee's meetings, for its attendance table. */
    committeeAttendance(committeeId: number) {
      return data.minutes.committeeAttendance(committeeId)
    },

    /** Loads the demo minutes (seeds 001 and 003) into a database that has the demo panel but no minutes. */
    async loadDemoIfEmpty(file: string = DEMO_MINUTES_FILE): Promise<boolean> {
      const demo = JSON.parse(await readFile(file, 'utf8')) as DemoMinutes
      const [committee] = await data.meetings.findCommittees()
      if (committee === undefined) return false
      const meetings = await data.meetings.findMeetings({ committeeId: committee.id })
      const byDate = new Map(meetings.map((m) => [m.date, m]))
      for (const meeting of meetings) if ((await data.minutes.findByMeeting(meeting.id)) !== null) return false
      if (demo.minutes.some((m) => !byDate.has(m.date))) return false
      await data.transaction(async (repos) => {
        for (const entry of demo.minutes) {
          const meeting = byDate.get(entry.date)
          if (meeting === undefined) continue
          // The seeds' minutes name everyone who was a member at the time, present or with apologies: their
          // attendance is recorded member by member from those lists (no absence is invented).
          const { attendance } = attendanceFromLists(
            [...entry.present, ...entry.apologies],
            entry.present,
            entry.apologies,
          )
          const id = await repos.minutes.create(meeting.id, { ...entry, attendance })
          for (const item of entry.items) await repos.minutes.addItem(id, { ...item, agendaItemId: null })
          const approving = entry.approvedAt === null ? undefined : byDate.get(entry.approvedAt)
          if (approving !== undefined) await repos.minutes.approve(id, { meetingId: approving.id, on: approving.date })
          await recordChange(
            repos.audit,
            { actor: 'system (demo council)' },
            'minutes.create',
            { type: 'meeting', id: meeting.id },
            { after: { date: entry.date, items: entry.items.length, approvedAt: entry.approvedAt } },
          )
        }
      })
      return true
    },
  }
}

export type MinutesService = ReturnType<typeof minutesService>

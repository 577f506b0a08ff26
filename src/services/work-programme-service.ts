/**
 * Committees' work programmes: democratic services plan items for future meetings and move an item onto its
 * meeting's agenda in one action (the agenda item is made and the item marked "on an agenda" in one transaction).
 * Every change is audited.
 */
import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { londonDate } from '../domain/calendar/london-time.ts'
import { failed, ok, type Result } from '../domain/result.ts'
import type { Meeting } from '../domain/scrutiny/committee.ts'
import {
  changeProblem,
  deferral,
  editedDetails,
  moveProblem,
  workProgrammeDetails,
  type DeferralInput,
  type WorkProgrammeInput,
  type WorkProgrammeItem,
  type WorkProgrammeProblem,
  type WorkProgrammeStatus,
} from '../domain/scrutiny/work-programme.ts'
import type { DataAccess } from '../store/data-access.ts'
import { recordChange, type ChangeContext } from './change-record.ts'
import { appendReportItem } from './report-service.ts'

export const DEMO_WORK_PROGRAMME_FILE = fileURLToPath(
  new URL('../../fixtures/scrutiny/work-programme.json', import.meta.url),
)

interface DemoWorkProgramme {
  items: Array<{
    title: string
    purpose: string
    leadOfficer: string
    meetingDate: string | null
    plannedMonth: string | null
    status: WorkProgrammeStatus
  }>
}

export function workProgrammeService(data: DataAccess, options: { now: () => Date }) {
  const today = () => londonDate(options.now().toISOString())

  /** The committee's meetings an item can be planned for: today or later, not cancelled. */
  async function plannableMeetings(committeeId: number): Promise<Meeting[]> {
    const meetings = await data.meetings.findMeetings({ committeeId })
    return meetings.filter((m) => m.date >= today() && m.status !== 'cancelled')
  }

  /**
   * Runs one change to an item of `committeeId`'s programme in a transaction: `change` works out the new fields
   * from the item as it is inside the transaction (or refuses), and the change is stored and audited as `action`.
   */
  async function changeItem(
    committeeId: number,
    id: number,
    action: string,
    change: (item: WorkProgrammeItem) => Result<Partial<WorkProgrammeItem>, WorkProgrammeProblem>,
    context: ChangeContext,
  ): Promise<Result<WorkProgrammeItem, WorkProgrammeProblem>> {
    return data.transaction(async (repos) => {
      const item = await repos.workProgramme.find(id)
      if (item === null || item.committeeId !== committeeId) {
        return failed([{ field: 'status', message: 'That item is not in this committee’s work programme' }])
      }
      const changed = change(item)
      if (!changed.ok) return changed
      await repos.workProgramme.update(id, changed.value)
      const before = Object.fromEntries(Object.keys(changed.value).map((k) => [k, item[k as keyof WorkProgrammeItem]]))
      await recordChange(
        repos.audit,
        context,
        action,
        { type: 'committee', id: committeeId },
        { before: { id, ...before }, after: { id, ...changed.value } },
      )
      return ok({ ...item, ...changed.value })
    })
  }

  /** A change of status alone (done, back to planned), refused where the item's status does not allow it. */
  function changeStatus(
    committeeId: number,
    id: number,
    change: 'done' | 'replan',
    status: 'done' | 'planned',
    context: ChangeContext,
  ): Promise<Result<WorkProgrammeItem, WorkProgrammeProblem>> {
    return changeItem(
      committeeId,
      id,
      `work-programme.${change}`,
      (item) => {
        const problem = changeProblem(item.status, change)
        if (problem !== null) return failed([{ field: 'status' as const, message: problem }])
        return ok({ status, deferralReason: null })
      },
      context,
    )
  }

  return {
    /** A committee's work programme. */
    list(committeeId: number): Promise<WorkProgrammeItem[]> {
      return data.workProgramme.findByCommittee(committeeId)
    },

    plannableMeetings,

    /** Adds an item, planned. */
    async add(
      committeeId: number,
      input: WorkProgrammeInput,
      context: ChangeContext,
    ): Promise<Result<number, WorkProgrammeProblem>> {
      const meetings = await plannableMeetings(committeeId)
      const details = workProgrammeDetails(
        input,
        meetings.map((m) => m.id),
      )
      if (!details.ok) return details
      return data.transaction(async (repos) => {
        const id = await repos.workProgramme.add(committeeId, details.value, 'planned')
        await recordChange(
          repos.audit,
          context,
          'work-programme.add',
          { type: 'committee', id: committeeId },
          { after: { id, ...details.value, status: 'planned' } },
        )
        return ok(id)
      })
    },

    /** One item of a committee's programme, or null if it has no such item. */
    async item(committeeId: number, id: number): Promise<WorkProgrammeItem | null> {
      const item = await data.workProgramme.find(id)
      return item?.committeeId === committeeId ? item : null
    },

    /** Changes an item's title, purpose, lead officer and planned meeting or month (`editedDetails`). */
    async edit(
      committeeId: number,
      id: number,
      input: WorkProgrammeInput,
      context: ChangeContext,
    ): Promise<Result<WorkProgrammeItem, WorkProgrammeProblem>> {
      const meetingIds = (await plannableMeetings(committeeId)).map((m) => m.id)
      return changeItem(
        committeeId,
        id,
        'work-programme.edit',
        (item) => editedDetails(item, input, meetingIds),
        context,
      )
    },

    /** Defers an item to a new meeting or month, with the reason if one is given (`deferral`). */
    async defer(
      committeeId: number,
      id: number,
      input: DeferralInput,
      context: ChangeContext,
    ): Promise<Result<WorkProgrammeItem, WorkProgrammeProblem>> {
      const meetingIds = (await plannableMeetings(committeeId)).map((m) => m.id)
      return changeItem(
        committeeId,
        id,
        'work-programme.defer',
        (item) => {
          const checked = deferral(item, input, meetingIds)
          if (!checked.ok) return checked
          const { meetingId, plannedMonth, reason } = checked.value
          return ok({ meetingId, plannedMonth, status: 'deferred' as const, deferralReason: reason })
        },
        context,
      )
    },

    /** Marks an item done: the committee has dealt with it (at its meeting, or otherwise). */
    markDone(committeeId: number, id: number, context: ChangeContext) {
      return changeStatus(committeeId, id, 'done', 'done', context)
    },

    /** Puts a deferred item back to planned, for the meeting or month it was deferred to. */
    replan(committeeId: number, id: number, context: ChangeContext) {
      return changeStatus(committeeId, id, 'replan', 'planned', context)
    },

    /**
     * Moves an item onto its meeting's agenda: a report item titled as the item, its purpose as the description,
     * added as the agenda editor adds one; the item is then "on an agenda". Returns the meeting's id.
     */
    async moveOntoAgenda(id: number, context: ChangeContext): Promise<Result<number, WorkProgrammeProblem>> {
      return data.transaction(async (repos) => {
        const item = await repos.workProgramme.find(id)
        if (item === null) return failed([{ field: 'status', message: 'That item does not exist' }])
        const meeting = item.meetingId === null ? null : await repos.meetings.findMeeting(item.meetingId)
        const problem = moveProblem(item, meeting)
        if (problem !== null || meeting === null) return failed([{ field: 'status', message: problem ?? '' }])
        const agendaItemId = await appendReportItem(
          repos,
          meeting.id,
          { title: item.title, description: item.purpose },
          context,
        )
        await repos.workProgramme.setStatus(id, 'on-agenda', agendaItemId)
        await recordChange(
          repos.audit,
          context,
          'work-programme.move-onto-agenda',
          { type: 'committee', id: item.committeeId },
          {
            before: { id, status: item.status },
            after: { id, status: 'on-agenda', meetingId: meeting.id, agendaItemId },
          },
        )
        return ok(meeting.id)
      })
    },

    /** Loads the demo panel's 2019/20 work programme (seed 003) if the panel has none. */
    async loadDemoIfEmpty(file: string = DEMO_WORK_PROGRAMME_FILE): Promise<boolean> {
      const [committee] = await data.meetings.findCommittees()
      if (committee === undefined) return false
      if ((await data.workProgramme.findByCommittee(committee.id)).length > 0) return false
      const demo = JSON.parse(await readFile(file, 'utf8')) as DemoWorkProgramme
      const meetings = await data.meetings.findMeetings({ committeeId: committee.id })
      await data.transaction(async (repos) => {
        for (const item of demo.items) {
          const meeting = meetings.find((m) => m.date === item.meetingDate)
          const agenda = meeting === undefined ? [] : await repos.meetings.findAgenda(meeting.id)
          const id = await repos.workProgramme.add(
            committee.id,
            {
              title: item.title,
              purpose: item.purpose,
              leadOfficer: item.leadOfficer,
              meetingId: meeting?.id ?? null,
              plannedMonth: meeting === undefined ? item.plannedMonth : null,
            },
            item.status,
          )
          const onAgenda = agenda.find((a) => a.title === item.title)
          if (onAgenda !== undefined) await repos.workProgramme.setStatus(id, item.status, onAgenda.id)
        }
        await recordChange(
          repos.audit,
          { actor: 'system (demo council)' },
          'work-programme.load-demo',
          { type: 'committee', id: committee.id },
          { after: { items: demo.items.length } },
        )
      })
      return true
    },
  }
}

export type WorkProgrammeService = ReturnType<typeof workProgrammeService>

/**
 * What is waiting for a signed-in person, for their home page: the commentary an indicator owner has to write, what
 * a director has to sign off, when the next meeting's papers are due (democratic services) and how many
 * recommendations are overdue. It only reads; the counting rules are in src/domain/your-work.ts, the clear-days
 * rule in src/domain/scrutiny/notice.ts and "overdue" in src/domain/scrutiny/recommendations.ts.
 */
import type { IsoDate } from '../domain/calendar/days.ts'
import { londonDate } from '../domain/calendar/london-time.ts'
import type { Dataset } from '../domain/catalogue.ts'
import { progressOf } from '../domain/month-cycle.ts'
import { can, type Role } from '../domain/permissions.ts'
import type { Period } from '../domain/period.ts'
import type { Meeting } from '../domain/scrutiny/committee.ts'
import { latestPublicationDate } from '../domain/scrutiny/notice.ts'
import { isOverdue } from '../domain/scrutiny/recommendations.ts'
import {
  awaitingSignOff,
  commentaryToDo,
  monthInPreparation,
  nextMeeting,
  type CommentaryToDo,
} from '../domain/your-work.ts'
import type { DataAccess } from '../store/data-access.ts'
import type { CalendarService } from './calendar-service.ts'

/** One dataset's month in preparation, with what waits in it for this person. */
export interface MonthWork {
  dataset: Pick<Dataset, 'id' | 'title'>
  period: Period
}

/** Everything the home page tells a signed-in person; a part they have no part in is null. */
export interface YourWork {
  today: IsoDate
  /** Indicator owners: per dataset being prepared, their commentary to write and returned. */
  commentary: Array<MonthWork & CommentaryToDo> | null
  /** Directors: per dataset being prepared, the commentary and overview submitted for sign-off. */
  signOff: Array<MonthWork & { awaiting: number }> | null
  /** Democratic services: the next scheduled meeting and the last day its papers can be published. */
  papers: {
    meeting: Meeting
    committeeName: string
    dueBy: IsoDate
    /** Its latest public document pack's publication time, or null while none is published. */
    publishedAt: string | null
  } | null
  /** Democratic services and panel members: recommendations whose response is overdue today. */
  recommendations: { overdue: number } | null
  /** Performance officers and administrators: the months being prepared, for the cycle page. */
  months: MonthWork[] | null
}

/** Who is asking: their account and role. */
export interface Worker {
  id: number
  role: Role
}

export function workService(data: DataAccess, deps: { calendar: CalendarService; now: () => Date }) {
  /** Each dataset's month in preparation (datasets whose newest month is published are left out). */
  async function monthsInPreparation(): Promise<Array<MonthWork & { indicatorIds: readonly string[] }>> {
    const datasets = await data.catalogue.findDatasets()
    const months = await Promise.all(
      datasets.map(async (dataset) => {
        const [withFigures, published] = await Promise.all([
          data.observations.periodsWithData(dataset.indicatorIds),
          data.publications.periods(dataset.id),
        ])
        const period = monthInPreparation(withFigures, published)
        return period === null
          ? []
          : [{ dataset: { id: dataset.id, title: dataset.title }, period, indicatorIds: dataset.indicatorIds }]
      }),
    )
    return months.flat()
  }

  return {
    /** What waits for `worker` today (London time, from the service's clock). */
    async forWorker(worker: Worker): Promise<YourWork> {
      const today = londonDate(deps.now().toISOString())
      const writes = can(worker.role, 'write-commentary')
      const signs = can(worker.role, 'sign-off-pack')
      const prepares = can(worker.role, 'import-figures')
      const schedules = can(worker.role, 'manage-meetings')
      const follows = schedules || worker.role === 'panel-member'
      const months = writes || signs || prepares ? await monthsInPreparation() : []

      let commentary: YourWork['commentary'] = null
      if (writes) {
        commentary = await Promise.all(
          months.map(async ({ dataset, period, indicatorIds }) => {
            const [written, ownerships] = await Promise.all([
              data.commentary.listCommentary(dataset.id, period),
              data.catalogue.findOwnerships(indicatorIds),
            ])
            const byIndicator = new Map(written.map((c) => [c.indicatorId, c]))
            const lines = ownerships.map((o) => ({
              accountId: o.account?.id ?? null,
              progress: progressOf(byIndicator.get(o.indicatorId) ?? null),
            }))
            return { dataset, period, ...commentaryToDo(lines, worker.id) }
          }),
        )
      }

      let signOff: YourWork['signOff'] = null
      if (signs) {
        signOff = await Promise.all(
          months.map(async ({ dataset, period }) => {
            const [written, overview] = await Promise.all([
              data.commentary.listCommentary(dataset.id, period),
              data.commentary.findOverview(dataset.id, period),
            ])
            const progresses = [...written.map((c) => progressOf(c)), progressOf(overview)]
            return { dataset, period, awaiting: awaitingSignOff(progresses) }
          }),
        )
      }

      let papers: YourWork['papers'] = null
      if (schedules) {
        const meeting = nextMeeting(await data.meetings.findMeetings({ from: today }), today)
        if (meeting !== null) {
          const [committee, pack, calendar] = await Promise.all([
            data.meetings.findCommittee(meeting.committeeId),
            data.documentPacks.latest(meeting.id),
            deps.calendar.calendar(),
          ])
          papers = {
            meeting,
            committeeName: committee?.name ?? 'Meeting',
            dueBy: latestPublicationDate(meeting.date, calendar),
            publishedAt: pack?.publishedAt ?? null,
          }
        }
      }

      const recommendations = follows
        ? { overdue: (await data.recommendations.findAll()).filter((r) => isOverdue(r, today)).length }
        : null

      return {
        today,
        commentary,
        signOff,
        papers,
        recommendations,
        months: prepares ? months.map(({ dataset, period }) => ({ dataset, period })) : null,
      }
    },
  }
}

export type WorkService = ReturnType<typeof workService>

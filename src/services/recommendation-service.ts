/**
 * The recommendations tracker: each recommendation the panel makes of the executive, its response date (s.9FE),
 * dated updates on the action taken, and the monitoring report each meeting receives.
 */
import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { isIsoDate } from '../domain/calendar/days.ts'
import { failed, ok, type Result } from '../domain/result.ts'
import { previousMeeting, type Committee, type Meeting } from '../domain/scrutiny/committee.ts'
import {
  inMonitoringReport,
  isProgressStatus,
  responseDue,
  type ProgressStatus,
  type Recommendation,
  type RecommendationProblem,
} from '../domain/scrutiny/recommendations.ts'
import type { DataAccess } from '../store/data-access.ts'
import { recordChange, type ChangeContext } from './change-record.ts'

export const DEMO_RECOMMENDATIONS_FILE = fileURLToPath(
  new URL('../../fixtures/scrutiny/recommendations-2015-06-25.json', import.meta.url),
)

const MAX_TEXT = 4000

export type RecommendationContext = ChangeContext

/** What democratic services enter for a new recommendation. */
export interface RecommendationInput {
  committeeId: number
  meetingId: number | null
  madeOn: string
  title: string
  number: number
  text: string
  leadOfficer: string
  /** The minute of `meetingId` it is made from, when it comes from the minutes. */
  minuteNumber?: number
}

/** What democratic services enter for an update. */
export interface UpdateInput {
  dated: string
  text: string
  status: string
}

export interface MonitoringReport {
  meeting: Meeting
  committee: Committee
  recommendations: Recommendation[]
}

function recommendationProblems(input: RecommendationInput): RecommendationProblem[] {
  const problems: RecommendationProblem[] = []
  if (!isIsoDate(input.madeOn)) problems.push({ field: 'madeOn', message: 'Enter the date the panel made it' })
  if (input.title.trim() === '') problems.push({ field: 'title', message: 'Enter the title of the item it came from' })
  if (input.title.length > 300) problems.push({ field: 'title', message: 'The title must be 300 characters or fewer' })
  if (!Number.isInteger(input.number) || input.number < 1 || input.number > 999) {
    problems.push({ field: 'number', message: 'Enter its number in the item, like 1' })
  }
  if (input.text.trim() === '') problems.push({ field: 'text', message: 'Enter the recommendation' })
  if (input.text.length > MAX_TEXT) {
    problems.push({ field: 'text', message: `The recommendation must be ${MAX_TEXT} characters or fewer` })
  }
  if (input.leadOfficer.length > 200) {
    problems.push({ field: 'leadOfficer', message: 'The lead officer must be 200 characters or fewer' })
  }
  return problems
}

function updateProblems(input: UpdateInput): RecommendationProblem[] {
  const problems: RecommendationProblem[] = []
  if (!isIsoDate(input.dated)) problems.push({ field: 'dated', message: 'Enter the date of the action' })
  if (input.text.trim() === '') problems.push({ field: 'text', message: 'Enter what was done' })
  if (input.text.length > MAX_TEXT) {
    problems.push({ field: 'text', message: `The update must be ${MAX_TEXT} characters or fewer` })
  }
  if (input.status !== '' && !isProgressStatus(input.status)) {
    problems.push({ field: 'status', message: 'Choose a progress status' })
  }
  return problems
}

/** Text from a web form with its line endings as "\n" (browsers send "\r\n"). */
function withNewlines(text: string): string {
  return text.replace(/\r\n?/g, '\n')
}

interface DemoRecommendations {
  madeOn: string
  title: string
  recommendations: Array<{
    number: number
    text: string
    status: ProgressStatus
    updates: Array<{ dated: string | null; text: string }>
  }>
}

export function recommendationService(data: DataAccess) {
  /**
   * Records several recommendations together (the decisions of one resolution), all or none, in one
   * transaction. Returns their ids in order.
   */
  async function createAll(
    inputs: readonly RecommendationInput[],
    context: RecommendationContext,
  ): Promise<Result<number[], RecommendationProblem>> {
    const problems = inputs.flatMap(recommendationProblems)
    if (problems.length > 0) return failed(problems)
    return data.transaction(async (repos) => {
      const ids: number[] = []
      for (const input of inputs) {
        if ((await repos.meetings.findCommittee(input.committeeId)) === null) {
          return failed([{ field: 'title', message: 'That committee does not exist' }])
        }
        const recommendation = {
          committeeId: input.committeeId,
          meetingId: input.meetingId,
          madeOn: input.madeOn,
          title: input.title.trim(),
          number: input.number,
          text: withNewlines(input.text).trim(),
          leadOfficer: input.leadOfficer.trim() === '' ? null : input.leadOfficer.trim(),
          responseDue: responseDue(input.madeOn),
          status: 'awaiting-response' as const,
          respondedOn: null,
          ...(input.minuteNumber === undefined ? {} : { minuteNumber: input.minuteNumber }),
        }
        const id = await repos.recommendations.create(recommendation)
        await recordChange(
          repos.audit,
          context,
          'recommendation.create',
          { type: 'recommendation', id },
          { after: recommendation },
        )
        ids.push(id)
      }
      return ok(ids)
    })
  }

  return {
    /** Every recommendation, oldest first, with its updates. */
    async list(): Promise<Recommendation[]> {
      return data.recommendations.findAll()
    },

    async get(id: number): Promise<Recommendation | null> {
      return data.recommendations.find(id)
    },

    /** Records a recommendation; its response is due two months from the day it was made (s.9FE). */
    async create(
      input: RecommendationInput,
      context: RecommendationContext,
    ): Promise<Result<number, RecommendationProblem>> {
      const made = await createAll([input], context)
      return made.ok ? ok(made.value[0] ?? 0) : made
    },

    /** Records several recommendations (the decisions of one resolution) together, all or none. */
    createAll,

    /**
     * Adds a dated update; a status moves the recommendation on. The first update is the executive's response, so
     * its date becomes the response date.
     */
    async addUpdate(
      id: number,
      input: UpdateInput,
      context: RecommendationContext,
    ): Promise<Result<number, RecommendationProblem>> {
      const problems = updateProblems(input)
      if (problems.length > 0) return failed(problems)
      return data.transaction(async (repos) => {
        const before = await repos.recommendations.find(id)
        if (before === null) return failed([{ field: 'text', message: 'That recommendation does not exist' }])
        const status = input.status === '' ? null : (input.status as ProgressStatus)
        const updateId = await repos.recommendations.addUpdate(id, {
          dated: input.dated,
          text: withNewlines(input.text).trim(),
          status,
          recordedBy: context.actor,
        })
        const after = {
          status: status ?? (before.status === 'awaiting-response' ? 'accepted' : before.status),
          respondedOn: before.respondedOn ?? input.dated,
        }
        await repos.recommendations.setState(id, after)
        await recordChange(
          repos.audit,
          context,
          'recommendation.update',
          { type: 'recommendation', id },
          {
            before: { status: before.status, respondedOn: before.respondedOn },
            after: { ...after, update: { dated: input.dated, text: withNewlines(input.text).trim() } },
          },
        )
        return ok(updateId)
      })
    },

    /**
     * The "Monitoring Scrutiny Recommendations" report for a meeting: recommendations made before it that were
     * open on the day, and those closed since the committee's previous meeting.
     */
    async monitoringReport(meetingId: number): Promise<MonitoringReport | null> {
      const meeting = await data.meetings.findMeeting(meetingId)
      if (meeting === null) return null
      const committee = await data.meetings.findCommittee(meeting.committeeId)
      if (committee === null) return null
      const earlier = previousMeeting(await data.meetings.findMeetings({ committeeId: committee.id }), meeting.date)
      const all = await data.recommendations.findAll({ committeeId: committee.id })
      return {
        meeting,
        committee,
        recommendations: all.filter((r) => inMonitoringReport(r, meeting.date, earlier?.date ?? null)),
      }
    },

    /** Loads the demo recommendations (seed 004) when there are none; returns whether it did. */
    async loadDemoIfEmpty(file: string = DEMO_RECOMMENDATIONS_FILE): Promise<boolean> {
      if ((await data.recommendations.count()) > 0) return false
      const [committee] = await data.meetings.findCommittees()
      if (committee === undefined) return false
      const demo = JSON.parse(await readFile(file, 'utf8')) as DemoRecommendations
      await data.transaction(async (repos) => {
        for (const r of demo.recommendations) {
          const id = await repos.recommendations.create({
            committeeId: committee.id,
            meetingId: null,
            madeOn: demo.madeOn,
            title: demo.title,
            number: r.number,
            text: r.text,
            leadOfficer: null,
            responseDue: responseDue(demo.madeOn),
            status: r.status,
            respondedOn: null,
          })
          for (const u of r.updates) {
            await repos.recommendations.addUpdate(id, {
              dated: u.dated,
              text: u.text,
              status: null,
              recordedBy: 'system (demo council)',
            })
          }
        }
        await recordChange(
          repos.audit,
          { actor: 'system (demo council)' },
          'recommendation.load-demo',
          { type: 'committee', id: committee.id },
          { after: { recommendations: demo.recommendations.length, madeOn: demo.madeOn } },
        )
      })
      return true
    },
  }
}

export type RecommendationService = ReturnType<typeof recommendationService>

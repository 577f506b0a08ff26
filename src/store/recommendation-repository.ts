/**
 * Recommendations and their dated updates.
 */
import type { Kysely, Selectable } from 'kysely'
import {
  isProgressStatus,
  type ProgressStatus,
  type Recommendation,
  type RecommendationUpdate,
} from '../domain/scrutiny/recommendations.ts'
import type { Database, RecommendationTable, RecommendationUpdateTable } from './schema.ts'

export type NewRecommendation = Omit<Recommendation, 'id' | 'updates'>
export type NewRecommendationUpdate = Omit<RecommendationUpdate, 'id' | 'recordedAt'>

function status(text: string): ProgressStatus {
  return isProgressStatus(text) ? text : 'awaiting-response'
}

function toUpdate(row: Selectable<RecommendationUpdateTable>): RecommendationUpdate {
  return {
    id: row.id,
    dated: row.dated,
    text: row.text,
    status: row.status === null ? null : status(row.status),
    recordedBy: row.recorded_by,
    recordedAt: row.recorded_at,
  }
}

function toRecommendation(row: Selectable<RecommendationTable>, updates: RecommendationUpdate[]): Recommendation {
  return {
    id: row.id,
    committeeId: row.committee_id,
    meetingId: row.meeting_id,
    madeOn: row.made_on,
    title: row.title,
    number: row.number,
    text: row.text,
    leadOfficer: row.lead_officer,
    responseDue: row.response_due,
    status: status(row.status),
    respondedOn: row.responded_on,
    ...(row.minute_number === null ? {} : { minuteNumber: row.minute_number }),
    updates,
  }
}

export function recommendationRepository(db: Kysely<Database>) {
  async function withUpdates(rows: Array<Selectable<RecommendationTable>>): Promise<Recommendation[]> {
    if (rows.length === 0) return []
    const updates = await db
      .selectFrom('recommendation_update')
      .selectAll()
      .where(
        'recommendation_id',
        'in',
        rows.map((r) => r.id),
      )
      .orderBy('id')
      .execute()
    const byRecommendation = new Map<number, RecommendationUpdate[]>()
    for (const u of updates) {
      const list = byRecommendation.get(u.recommendation_id) ?? []
      list.push(toUpdate(u))
      byRecommendation.set(u.recommendation_id, list)
    }
    return rows.map((row) => toRecommendation(row, byRecommendation.get(row.id) ?? []))
  }

  return {
    async create(recommendation: NewRecommendation): Promise<number> {
      const { id } = await db
        .insertInto('recommendation')
        .values({
          committee_id: recommendation.committeeId,
          meeting_id: recommendation.meetingId,
          made_on: recommendation.madeOn,
          title: recommendation.title,
          number: recommendation.number,
          text: recommendation.text,
          lead_officer: recommendation.leadOfficer,
          response_due: recommendation.responseDue,
          status: recommendation.status,
          responded_on: recommendation.respondedOn,
          minute_number: recommendation.minuteNumber ?? null,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      return id
    },

    async addUpdate(recommendationId: number, update: NewRecommendationUpdate): Promise<number> {
      const { id } = await db
        .insertInto('recommendation_update')
        .values({
          recommendation_id: recommendationId,
          dated: update.dated,
          text: update.text,
          status: update.status,
          recorded_by: update.recordedBy,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      return id
    },

    async setState(id: number, state: { status: ProgressStatus; respondedOn: string | null }): Promise<void> {
      await db
        .updateTable('recommendation')
        .set({ status: state.status, responded_on: state.respondedOn })
        .where('id', '=', id)
        .execute()
    },

    /** Every recommendation of a committee (or all), oldest first, with its updates. */
    async findAll(filter: { committeeId?: number } = {}): Promise<Recommendation[]> {
      let query = db.selectFrom('recommendation').selectAll()
      if (filter.committeeId !== undefined) query = query.where('committee_id', '=', filter.committeeId)
      return withUpdates(await query.orderBy('made_on').orderBy('number').orderBy('id').execute())
    },

    async find(id: number): Promise<Recommendation | null> {
      const rows = await db.selectFrom('recommendation').selectAll().where('id', '=', id).execute()
      return (await withUpdates(rows))[0] ?? null
    },

    async count(): Promise<number> {
      const row = await db
        .selectFrom('recommendation')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
      return row.n
    },
  }
}

export type RecommendationRepository = ReturnType<typeof recommendationRepository>

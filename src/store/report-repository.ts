/**
 * Reports and their appendices, and the agenda edits that go with them (moving and removing items).
 */
import type { Kysely, Selectable } from 'kysely'
import type { Appendix, CoverSheet, Report, ReportContact, UploadMediaType } from '../domain/scrutiny/report.ts'
import type { Database, ReportAppendixTable, ReportTable } from './schema.ts'

/** An appendix as it is added: an uploaded file brings its bytes. */
export type NewAppendix =
  | { kind: 'dataset-pack' | 'performance-overview'; title: string; datasetId: string; period: string }
  | { kind: 'glossary'; title: string }
  | {
      kind: 'upload'
      title: string
      membersRoomOnly: boolean
      fileName: string
      mediaType: UploadMediaType
      sha256: string
      content: Uint8Array
      /** A PDF's text for search (src/importers/pdf-text.ts); none when left out. */
      textContent?: string | null
    }

/** An uploaded file with its bytes, for download or printing. */
export interface AppendixFile {
  appendixId: number
  reportId: number
  fileName: string
  mediaType: UploadMediaType
  membersRoomOnly: boolean
  content: Uint8Array
}

function list<T>(json: string): T[] {
  const value: unknown = JSON.parse(json)
  return Array.isArray(value) ? (value as T[]) : []
}

function toReport(row: Selectable<ReportTable>): Report {
  return {
    id: row.id,
    agendaItemId: row.agenda_item_id,
    decisionMaker: row.decision_maker,
    subject: row.subject,
    dateOfDecision: row.date_of_decision,
    reportOf: row.report_of,
    // Contacts stored before job titles were kept have none.
    contacts: list<ReportContact>(row.contacts).map((c) => ({ ...c, title: c.title ?? null })),
    confidentiality: row.confidentiality,
    briefSummary: row.brief_summary,
    recommendations: list<string>(row.recommendations),
    reasons: list<string>(row.reasons),
    alternativeOptions: list<string>(row.alternative_options),
    detail: list<string>(row.detail),
    resourceImplications: list<string>(row.resource_implications),
    legalImplications: list<string>(row.legal_implications),
    riskImplications: list<string>(row.risk_implications),
    policyFrameworkImplications: list<string>(row.policy_framework_implications),
    keyDecision: row.key_decision,
    wardsAffected: row.wards_affected,
    membersRoomDocuments: list<string>(row.members_room_documents),
    equalityImpactAssessment: row.equality_impact_assessment,
    dataProtectionImpactAssessment: row.data_protection_impact_assessment,
    backgroundDocuments: list<string>(row.background_documents),
  }
}

function toRow(sheet: CoverSheet) {
  return {
    decision_maker: sheet.decisionMaker,
    subject: sheet.subject,
    date_of_decision: sheet.dateOfDecision,
    report_of: sheet.reportOf,
    contacts: JSON.stringify(sheet.contacts),
    confidentiality: sheet.confidentiality,
    brief_summary: sheet.briefSummary,
    recommendations: JSON.stringify(sheet.recommendations),
    reasons: JSON.stringify(sheet.reasons),
    alternative_options: JSON.stringify(sheet.alternativeOptions),
    detail: JSON.stringify(sheet.detail),
    resource_implications: JSON.stringify(sheet.resourceImplications),
    legal_implications: JSON.stringify(sheet.legalImplications),
    risk_implications: JSON.stringify(sheet.riskImplications),
    policy_framework_implications: JSON.stringify(sheet.policyFrameworkImplications),
    key_decision: sheet.keyDecision,
    wards_affected: sheet.wardsAffected,
    members_room_documents: JSON.stringify(sheet.membersRoomDocuments),
    equality_impact_assessment: sheet.equalityImpactAssessment,
    data_protection_impact_assessment: sheet.dataProtectionImpactAssessment,
    background_documents: JSON.stringify(sheet.backgroundDocuments),
  }
}

type AppendixRow = Omit<Selectable<ReportAppendixTable>, 'content' | 'text_content'>

function toAppendix(row: AppendixRow): Appendix {
  const base = {
    id: row.id,
    reportId: row.report_id,
    position: row.position,
    title: row.title,
    membersRoomOnly: row.members_room_only,
  }
  if (row.kind === 'dataset-pack' || row.kind === 'performance-overview') {
    return { ...base, kind: row.kind, datasetId: row.dataset_id ?? '', period: row.period ?? '' }
  }
  if (row.kind === 'upload') {
    return {
      ...base,
      kind: 'upload',
      file: {
        fileName: row.file_name ?? '',
        mediaType: row.media_type as UploadMediaType,
        byteSize: row.byte_size ?? 0,
        sha256: row.sha256 ?? '',
      },
    }
  }
  return { ...base, kind: 'glossary' }
}

const APPENDIX_COLUMNS = [
  'id',
  'report_id',
  'position',
  'kind',
  'title',
  'members_room_only',
  'dataset_id',
  'period',
  'file_name',
  'media_type',
  'byte_size',
  'sha256',
] as const

export function reportRepository(db: Kysely<Database>) {
  return {
    async findByAgendaItem(agendaItemId: number): Promise<Report | null> {
      const row = await db
        .selectFrom('report')
        .selectAll()
        .where('agenda_item_id', '=', agendaItemId)
        .executeTakeFirst()
      return row ? toReport(row) : null
    },

    async find(id: number): Promise<Report | null> {
      const row = await db.selectFrom('report').selectAll().where('id', '=', id).executeTakeFirst()
      return row ? toReport(row) : null
    },

    /** The ids of the agenda items of a meeting that have a report. */
    async agendaItemsWithReports(meetingId: number): Promise<number[]> {
      const rows = await db
        .selectFrom('report')
        .innerJoin('agenda_item', 'agenda_item.id', 'report.agenda_item_id')
        .select('report.agenda_item_id')
        .where('agenda_item.meeting_id', '=', meetingId)
        .execute()
      return rows.map((r) => r.agenda_item_id)
    },

    /** Where an agenda item sits: its meeting and position. */
    async agendaItemOf(id: number): Promise<{ meetingId: number; position: number } | null> {
      const row = await db
        .selectFrom('agenda_item')
        .select(['meeting_id', 'position'])
        .where('id', '=', id)
        .executeTakeFirst()
      return row ? { meetingId: row.meeting_id, position: row.position } : null
    },

    /**
     * The agenda items whose report carries a month of a dataset as an appendix (its pack or its overview), with
     * each item's meeting, position and title; earliest meeting first.
     */
    async itemsCarryingMonth(
      datasetId: string,
      period: string,
    ): Promise<Array<{ meetingId: number; position: number; title: string; reportId: number }>> {
      const rows = await db
        .selectFrom('report_appendix')
        .innerJoin('report', 'report.id', 'report_appendix.report_id')
        .innerJoin('agenda_item', 'agenda_item.id', 'report.agenda_item_id')
        .innerJoin('meeting', 'meeting.id', 'agenda_item.meeting_id')
        .select([
          'meeting.date',
          'agenda_item.meeting_id',
          'agenda_item.position',
          'agenda_item.title',
          'report.id as report_id',
        ])
        // An item carrying both the month's pack and its overview is listed once.
        .distinct()
        .where('report_appendix.kind', 'in', ['dataset-pack', 'performance-overview'])
        .where('report_appendix.dataset_id', '=', datasetId)
        .where('report_appendix.period', '=', period)
        .orderBy('meeting.date')
        .orderBy('agenda_item.meeting_id')
        .orderBy('agenda_item.position')
        .execute()
      return rows.map((r) => ({
        meetingId: r.meeting_id,
        position: r.position,
        title: r.title,
        reportId: r.report_id,
      }))
    },

    async create(agendaItemId: number, sheet: CoverSheet): Promise<number> {
      const { id } = await db
        .insertInto('report')
        .values({ agenda_item_id: agendaItemId, ...toRow(sheet) })
        .returning('id')
        .executeTakeFirstOrThrow()
      return id
    },

    async update(id: number, sheet: CoverSheet): Promise<void> {
      await db.updateTable('report').set(toRow(sheet)).where('id', '=', id).execute()
    },

    async appendices(reportId: number): Promise<Appendix[]> {
      const rows = await db
        .selectFrom('report_appendix')
        .select(APPENDIX_COLUMNS)
        .where('report_id', '=', reportId)
        .orderBy('position')
        .execute()
      return rows.map(toAppendix)
    },

    async findAppendix(id: number): Promise<Appendix | null> {
      const row = await db
        .selectFrom('report_appendix')
        .select(APPENDIX_COLUMNS)
        .where('id', '=', id)
        .executeTakeFirst()
      return row ? toAppendix(row) : null
    },

    async appendixFile(id: number): Promise<AppendixFile | null> {
      const row = await db
        .selectFrom('report_appendix')
        .select(['id', 'report_id', 'file_name', 'media_type', 'members_room_only', 'content'])
        .where('id', '=', id)
        .where('kind', '=', 'upload')
        .executeTakeFirst()
      if (!row || row.content === null) return null
      return {
        appendixId: row.id,
        reportId: row.report_id,
        fileName: row.file_name ?? 'appendix',
        mediaType: row.media_type as UploadMediaType,
        membersRoomOnly: row.members_room_only,
        content: new Uint8Array(row.content.buffer, row.content.byteOffset, row.content.byteLength),
      }
    },

    /** Uploaded PDF appendices whose text has never been read for search (stored before it was), oldest first. */
    async appendicesWithoutText(limit: number): Promise<number[]> {
      const rows = await db
        .selectFrom('report_appendix')
        .select('id')
        .where('kind', '=', 'upload')
        .where('media_type', '=', 'application/pdf')
        .where('text_content', 'is', null)
        .orderBy('id')
        .limit(limit)
        .execute()
      return rows.map((row) => row.id)
    },

    /** Keeps an appendix's text for search ('' when it has none). */
    async setAppendixText(id: number, text: string): Promise<void> {
      await db.updateTable('report_appendix').set({ text_content: text }).where('id', '=', id).execute()
    },

    /** Adds an appendix after the last; returns its id. */
    async addAppendix(reportId: number, appendix: NewAppendix): Promise<number> {
      const last = await db
        .selectFrom('report_appendix')
        .select((eb) => eb.fn.max<number | null>('position').as('last'))
        .where('report_id', '=', reportId)
        .executeTakeFirst()
      const position = (last?.last ?? 0) + 1
      const common = { report_id: reportId, position, kind: appendix.kind, title: appendix.title }
      const values =
        appendix.kind === 'upload'
          ? {
              ...common,
              members_room_only: appendix.membersRoomOnly,
              file_name: appendix.fileName,
              media_type: appendix.mediaType,
              byte_size: appendix.content.length,
              sha256: appendix.sha256,
              content: appendix.content,
              text_content: appendix.textContent ?? null,
            }
          : appendix.kind === 'glossary'
            ? common
            : { ...common, dataset_id: appendix.datasetId, period: appendix.period }
      const { id } = await db.insertInto('report_appendix').values(values).returning('id').executeTakeFirstOrThrow()
      return id
    },

    /** Removes an appendix and closes the gap, so positions stay 1…n. */
    async removeAppendix(id: number): Promise<void> {
      const row = await db
        .deleteFrom('report_appendix')
        .where('id', '=', id)
        .returning(['report_id', 'position'])
        .executeTakeFirst()
      if (!row) return
      const later = await db
        .selectFrom('report_appendix')
        .select(['id', 'position'])
        .where('report_id', '=', row.report_id)
        .where('position', '>', row.position)
        .orderBy('position')
        .execute()
      for (const entry of later) {
        await db
          .updateTable('report_appendix')
          .set({ position: entry.position - 1 })
          .where('id', '=', entry.id)
          .execute()
      }
    },

    /** Swaps two agenda items' positions (the unique position is kept throughout). */
    async swapAgendaItems(first: { id: number; position: number }, second: { id: number; position: number }) {
      const parking = await db
        .selectFrom('agenda_item')
        .select((eb) => eb.fn.max<number>('position').as('last'))
        .executeTakeFirstOrThrow()
      await db
        .updateTable('agenda_item')
        .set({ position: parking.last + 1 })
        .where('id', '=', first.id)
        .execute()
      await db.updateTable('agenda_item').set({ position: first.position }).where('id', '=', second.id).execute()
      await db.updateTable('agenda_item').set({ position: second.position }).where('id', '=', first.id).execute()
    },

    /** Removes an agenda item and closes the gap, so positions stay 1…n. */
    async removeAgendaItem(item: { id: number; meetingId: number; position: number }): Promise<void> {
      await db.deleteFrom('agenda_item').where('id', '=', item.id).execute()
      const later = await db
        .selectFrom('agenda_item')
        .select(['id', 'position'])
        .where('meeting_id', '=', item.meetingId)
        .where('position', '>', item.position)
        .orderBy('position')
        .execute()
      for (const entry of later) {
        await db
          .updateTable('agenda_item')
          .set({ position: entry.position - 1 })
          .where('id', '=', entry.id)
          .execute()
      }
    },
  }
}

export type ReportRepository = ReturnType<typeof reportRepository>

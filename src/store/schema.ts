/**
 * The database as kysely sees it. Hand-written (HOUSE-STYLE.md): nullable columns are `| null`, never optional;
 * generated columns are `Generated<>`. Repositories turn these rows into domain types.
 */
import type { ColumnType, Generated } from 'kysely'

/** A timestamp the database fills in: read as an ISO string, written as an ISO string or left to its default. */
type Timestamp = ColumnType<string, string | undefined, string>

export interface DatasetTable {
  id: string
  title: string
  position: number
}

export interface IndicatorTable {
  id: string
  code: string
  title: string
  service_area: string
  unit: string
  polarity: string
  owner: string
  reporter: string
  outcome: string
  definition: string
  numerator_id: string | null
  denominator_id: string | null
  region_name: string
  benchmark_sn: number | null
  benchmark_sn_vintage: string | null
  benchmark_england: number | null
  benchmark_england_vintage: string | null
  benchmark_region: number | null
  benchmark_region_vintage: string | null
  rag_tolerance_percent: number
  /** The Annex A measure that fills this indicator, and which part of it (the value or the count). */
  measure_id: string | null
  measure_part: 'value' | 'count' | null
  /** The DfE benchmarks item (LAIT short_desc) that gives this indicator's benchmarks. */
  benchmark_item: string | null
  /** The account that owns the indicator (writes its commentary); `owner` is only its label. */
  owner_user_id: ColumnType<number | null, number | null | undefined, number | null>
  updated_at: Timestamp
}

export interface IndicatorTargetTable {
  indicator_id: string
  financial_year: string
  value: number
}

export interface DatasetIndicatorTable {
  dataset_id: string
  indicator_id: string
  position: number
}

export interface ImportBatchTable {
  id: Generated<number>
  kind: string
  source_file: string
  layout: string
  imported_at: Timestamp
  imported_by: string
  observation_count: number
  revision_count: number
  indicator_count: number
  removed_at: string | null
  removed_by: string | null
  summary: ColumnType<unknown, string | undefined, string>
  /** Set while an import is still storing its rows (when it last stored a block); null once loaded. */
  loading_heartbeat: ColumnType<string | null, string | null | undefined, string | null>
  /** The upload whose finished check stored this (still loading) import, waiting for its confirmation. */
  staged_for_upload: ColumnType<number | null, number | null | undefined, number | null>
}

export interface ObservationTable {
  indicator_id: string
  period: string
  value: number | null
  numerator: number | null
  denominator: number | null
  import_id: number | null
  updated_at: Timestamp
}

export interface ObservationRevisionTable {
  id: Generated<number>
  indicator_id: string
  period: string
  previous_value: number | null
  previous_numerator: number | null
  previous_denominator: number | null
  new_value: number | null
  new_numerator: number | null
  new_denominator: number | null
  revised_at: Timestamp
  import_id: number
  source_file: string
}

export interface AuditEventTable {
  id: Generated<number>
  at: Timestamp
  actor: string
  action: string
  subject_type: string
  subject_id: string
  correlation_id: string | null
  details: ColumnType<unknown, string, string>
  /** Filled in when the event's transaction commits (the audit-chain migration's trigger), never by the app. */
  chain_position: ColumnType<number | null, never, never>
  previous_hash: ColumnType<string | null, never, never>
  hash: ColumnType<string | null, never, never>
}

/** The audit chain's last position and hash: one row, moved on only by the chain's trigger. */
export interface AuditChainHeadTable {
  singleton: ColumnType<boolean, never, never>
  position: ColumnType<number, never, never>
  hash: ColumnType<string, never, never>
}

/** One row of an Annex A list as imported: every cell as text, keyed by the file's own header. */
/** A run of consecutive data rows of one list of an Annex A import, as JSON text (domain/annex-a/row-blocks.ts). */
export interface AnnexARowBlockTable {
  import_id: number
  list: number
  first_row: number
  last_row: number
  row_count: number
  rows: string
}

/**
 * Which stored rows a rule of an import (numbered as its summary names them) looks at in which months: JSON
 * arrays of row numbers and of the month ordinals [from, to) of each.
 */
export interface AnnexARuleRowsTable {
  import_id: number
  rule: number
  list: number
  row_count: number
  rows: string
  from_months: string
  to_months: string
}

/** One child a `view-children` audit event showed. Append-only, like the audit log. */
export interface AuditEventChildTable {
  event_id: number
  child_id: string
}

export interface ImportProblemTable {
  id: Generated<number>
  import_id: number
  severity: 'error' | 'warning'
  list: number | null
  row: number | null
  column_name: string | null
  value: string | null
  reason: string
}

export interface CouncilSettingTable {
  key: string
  value: ColumnType<unknown, string, string>
  updated_at: Timestamp
  updated_by: string
}

export interface BankHolidayTable {
  date: string
  title: string
}

export interface AppUserTable {
  id: Generated<number>
  /** Always lower case, so sign-in is case-insensitive. */
  email: string
  name: string
  role: string
  password_hash: string
  created_at: Timestamp
  disabled_at: string | null
}

/** Failed sign-ins of one account from one client address, and the back-off lock on that pair. */
export interface SignInFailureTable {
  user_id: number
  address: string
  failures: number
  last_failed_at: string
  locked_until: string | null
}

export interface UserSessionTable {
  /** SHA-256 (hex) of the token in the cookie; the token itself is never stored. */
  id: string
  user_id: number
  created_at: Timestamp
  last_seen_at: Timestamp
  revoked_at: string | null
  user_agent: string | null
}

/** A one-time set-up link for the first administrator: the SHA-256 (hex) of its token, never the token. */
export interface SetUpTokenTable {
  token_hash: string
  created_at: Timestamp
  expires_at: string
  used_at: string | null
}

export interface CommitteeTable {
  id: Generated<number>
  slug: string
  name: string
  purpose: string
  /** JSON array of strings. */
  terms_of_reference: string
  quorum: number
  /** JSON array of `{ heading, text }`, the standing public information in print order. */
  public_information: Generated<string>
  /** The line printed above the terms of reference; null for none. */
  terms_of_reference_lead_in: Generated<string | null>
}

/** A place on a committee's list (see the committee-member-link migration): the person is a `member`. */
export interface CommitteeMemberTable {
  committee_id: number
  position: number
  member_id: number
  role: 'chair' | 'vice-chair' | 'member' | 'substitute'
}

export interface CommitteeContactTable {
  committee_id: number
  position: number
  role: string
  name: string
  phone: string | null
  email: string | null
}

export interface MeetingTable {
  id: Generated<number>
  committee_id: number
  date: string
  start_time: string
  venue: string
  status: 'scheduled' | 'held' | 'cancelled'
  notice: string | null
}

export interface AgendaItemTable {
  id: Generated<number>
  meeting_id: number
  position: number
  kind: string
  title: string
  description: string
  page_from: number | null
  page_to: number | null
}

export interface RecommendationTable {
  id: Generated<number>
  committee_id: number
  meeting_id: number | null
  made_on: string
  title: string
  number: number
  text: string
  lead_officer: string | null
  response_due: string
  status: string
  responded_on: string | null
  /** The minute of `meeting_id` it was made from, if it was made from one. */
  minute_number: number | null
}

export interface RecommendationUpdateTable {
  id: Generated<number>
  recommendation_id: number
  dated: string | null
  text: string
  status: string | null
  recorded_by: string
  recorded_at: Timestamp
}

/** A process change recorded for an indicator's XmR chart: limits are worked out afresh from `period`. */
export interface SpcProcessChangeTable {
  id: Generated<number>
  indicator_id: string
  period: string
  reason: string
  recorded_by: string
  recorded_at: Timestamp
}

export interface GlossaryEntryTable {
  slug: string
  term: string
  acronym: string | null
  definition: string
  source: string | null
  updated_at: Timestamp
  updated_by: string
}

/** The sign-off workflow's columns, shared by commentary and the performance overview. */
interface WorkflowColumns {
  status: string
  author: string
  created_at: Timestamp
  updated_at: Timestamp
  submitted_by: string | null
  submitted_at: string | null
  approved_by: string | null
  approved_at: string | null
  returned_by: string | null
  returned_at: string | null
  return_reason: string | null
  published_by: string | null
  published_at: string | null
}

export interface CommentaryTable extends WorkflowColumns {
  dataset_id: string
  period: string
  indicator_id: string
  text: string
}

export interface PerformanceOverviewTable extends WorkflowColumns {
  dataset_id: string
  period: string
  /** Ordered `{ title, text }` pairs. */
  sections: ColumnType<unknown, string, string>
}

/** One published version of a month's pack; append-only (a trigger refuses updates and deletes). */
export interface PublicationTable {
  dataset_id: string
  period: string
  version: number
  published_by: string
  published_at: string
  /** The snapshot's canonical JSON, exactly the text that was hashed. */
  snapshot: string
  /** SHA-256 of `snapshot`, lower-case hex. */
  content_hash: string
}

/** One published version of a meeting's Public Document Pack, with its PDF. */
export interface DocumentPackTable {
  id: Generated<number>
  meeting_id: number
  version: number
  published_at: ColumnType<string, string, string>
  published_by: string
  note: string | null
  clear_days: number
  page_count: number
  /** JSON array of { agendaItemId, from, to }. */
  pages: string
  byte_size: number
  content: ColumnType<Uint8Array, Uint8Array, Uint8Array>
  /** Who the pack is for: the Public Document Pack, or the Members' Room edition of the same version. */
  audience: ColumnType<'public' | 'members', 'public' | 'members' | undefined, 'public' | 'members'>
}

/** A meeting's minutes; the lists are JSON arrays. */
export interface MinutesTable {
  id: Generated<number>
  meeting_id: number
  /** JSON array of { name, kind, role }. */
  present: string
  /** JSON array of { name, kind, role }. */
  apologies: string
  /** JSON array of lines. */
  officers: string
  /** JSON array of lines. */
  declarations: string
  status: 'draft' | 'approved'
  approved_at_meeting_id: number | null
  approved_on: string | null
}

/** One committee member's attendance at a meeting (see the attendance migration). */
export interface MinutesAttendanceTable {
  minutes_id: number
  position: number
  name: string
  kind: 'councillor' | 'appointed'
  role: 'chair' | 'vice-chair' | 'member'
  attendance: 'present' | 'apologies' | 'substituted' | 'absent'
  substitute: string | null
}

/** One numbered RESOLVED decision of a minute (see the minute-decisions migration). */
export interface MinuteDecisionTable {
  minute_item_id: number
  number: number
  text: string
}

/** A councillor or appointed member (see the members migration). */
export interface MemberTable {
  id: Generated<number>
  slug: string
  name: string
  kind: 'councillor' | 'appointed'
}

/** A member's place on a committee, the office held and from when to when (null: still). */
export interface MemberRoleTable {
  member_id: number
  committee_id: number
  role: 'chair' | 'vice-chair' | 'member'
  starts_on: string
  ends_on: string | null
}

/** One entry of a member's register of interests. */
export interface MemberInterestTable {
  id: Generated<number>
  member_id: number
  category: 'disclosable-pecuniary' | 'other-registrable' | 'non-registrable'
  description: string
  registered_on: string
  updated_on: string
  published: boolean
}

/** An item of a committee's work programme (see the work-programme migration). */
export interface WorkProgrammeItemTable {
  id: Generated<number>
  committee_id: number
  title: string
  purpose: string
  lead_officer: string
  meeting_id: number | null
  planned_month: string | null
  status: 'planned' | 'on-agenda' | 'deferred' | 'done'
  agenda_item_id: number | null
  deferral_reason: Generated<string | null>
}

export interface MinuteItemTable {
  id: Generated<number>
  minutes_id: number
  number: number
  agenda_item_id: number | null
  title: string
  /** JSON array of paragraphs. */
  paragraphs: string
  resolved: string | null
  in_the_chair: string | null
}

export interface Database {
  dataset: DatasetTable
  indicator: IndicatorTable
  indicator_target: IndicatorTargetTable
  dataset_indicator: DatasetIndicatorTable
  import_batch: ImportBatchTable
  observation: ObservationTable
  observation_revision: ObservationRevisionTable
  audit_event: AuditEventTable
  audit_chain_head: AuditChainHeadTable
  annex_a_row_block: AnnexARowBlockTable
  annex_a_rule_rows: AnnexARuleRowsTable
  audit_event_child: AuditEventChildTable
  import_problem: ImportProblemTable
  council_setting: CouncilSettingTable
  bank_holiday: BankHolidayTable
  app_user: AppUserTable
  user_session: UserSessionTable
  sign_in_failure: SignInFailureTable
  committee: CommitteeTable
  committee_member: CommitteeMemberTable
  committee_contact: CommitteeContactTable
  meeting: MeetingTable
  agenda_item: AgendaItemTable
  recommendation: RecommendationTable
  recommendation_update: RecommendationUpdateTable
  glossary_entry: GlossaryEntryTable
  spc_process_change: SpcProcessChangeTable
  commentary: CommentaryTable
  performance_overview: PerformanceOverviewTable
  publication: PublicationTable
  document_pack: DocumentPackTable
  minutes: MinutesTable
  minute_item: MinuteItemTable
  minutes_attendance: MinutesAttendanceTable
  minute_decision: MinuteDecisionTable
  member: MemberTable
  member_role: MemberRoleTable
  member_interest: MemberInterestTable
  work_programme_item: WorkProgrammeItemTable
  report: ReportTable
  report_appendix: ReportAppendixTable
  upload: UploadTable
  upload_part: UploadPartTable
  job: JobTable
  set_up_token: SetUpTokenTable
  benchmark_item: BenchmarkItemTable
  benchmark_value: BenchmarkValueTable
  benchmark_neighbour: BenchmarkNeighbourTable
  benchmark_council: BenchmarkCouncilTable
}

/** A report's cover sheet; list sections are JSON arrays of text. */
export interface ReportTable {
  id: Generated<number>
  agenda_item_id: number
  decision_maker: string
  subject: string
  date_of_decision: string
  report_of: string
  contacts: string
  confidentiality: string
  brief_summary: string
  recommendations: string
  reasons: string
  alternative_options: string
  detail: string
  resource_implications: string
  legal_implications: string
  risk_implications: string
  policy_framework_implications: string
  wards_affected: string
  members_room_documents: string
  background_documents: string
  key_decision: boolean
  equality_impact_assessment: boolean
  data_protection_impact_assessment: boolean
}

export interface ReportAppendixTable {
  id: Generated<number>
  report_id: number
  position: number
  kind: string
  title: string
  members_room_only: Generated<boolean>
  dataset_id: string | null
  period: string | null
  file_name: string | null
  media_type: string | null
  byte_size: number | null
  sha256: string | null
  content: ColumnType<Uint8Array | null, Uint8Array | null, Uint8Array | null>
  /** An uploaded PDF's text, for search (migration 2026-12-11T02-00-00-search); null for other kinds or none. */
  text_content: ColumnType<string | null, string | null | undefined, string | null>
}

/** A file an officer uploaded in the browser, its preview and what became of it (src/domain/upload.ts). */
export interface UploadTable {
  id: Generated<number>
  kind: string
  dataset_id: string | null
  file_name: string
  byte_size: ColumnType<number, number | undefined, number>
  sha256: string | null
  options: ColumnType<unknown, string | undefined, string>
  uploaded_by: string
  uploaded_at: Timestamp
  status: string
  preview: ColumnType<unknown, string | null | undefined, string | null>
  fingerprint: string | null
  checked_at: string | null
  confirmed_by: string | null
  confirmed_at: string | null
  job_id: number | null
  finished_at: string | null
  failure: string | null
  result_url: string | null
  bytes_removed_at: string | null
}

/** A part of an uploaded file's bytes, in order. */
export interface UploadPartTable {
  upload_id: number
  position: number
  bytes: Uint8Array
}

/** Long work run outside a web request (src/domain/jobs.ts). */
export interface JobTable {
  id: Generated<number>
  kind: string
  title: string
  queue: string | null
  status: ColumnType<
    'queued' | 'running' | 'succeeded' | 'failed',
    'queued' | undefined,
    'queued' | 'running' | 'succeeded' | 'failed'
  >
  percent: ColumnType<number, number | undefined, number>
  step: ColumnType<string, string | undefined, string>
  started_by: string
  created_at: string
  started_at: string | null
  finished_at: string | null
  heartbeat_at: string | null
  /** The process running it, for the log: host, process id and a random part. */
  runner: string | null
  payload: ColumnType<Record<string, unknown>, string, string>
  outcome: ColumnType<Record<string, unknown> | null, string | null | undefined, string | null>
  result_url: string | null
  result_label: string | null
  error: string | null
}

/** A DfE LAIT item and its data-dictionary polarity as written (`High`, `Low`, `-` …; null when not listed). */
export interface BenchmarkItemTable {
  item: string
  title: string
  polarity: string | null
}

/** One row of the DfE extract: a value, or DfE's marker and its reason when it was not published. */
export interface BenchmarkValueTable {
  item: string
  year: number
  la_number: number
  area: string
  region: string
  value: number | null
  marker: string | null
  reason: string | null
}

/** A council's statistical neighbour at `position` 1–10. */
export interface BenchmarkNeighbourTable {
  la_number: number
  position: number
  neighbour: number
}

/** A row of DfE's LA code list. */
export interface BenchmarkCouncilTable {
  la_number: number
  name: string
  region: string
  type: string
}

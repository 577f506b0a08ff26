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
}

/**
 * The Annex A imports list (/imports) and one import's data-quality report (/imports/{id}). Officers only:
 * problem values can quote what a child's record held.
 */
import type { DataQualityReport } from '../../services/annex-a-service.ts'
import type { ImportRecord } from '../../store/import-repository.ts'
import { formatTimestamp } from './indicator-page.ts'

export interface ImportListModel {
  pageTitle: string
  imports: Array<{
    href: string
    id: number
    file: string
    when: string
    by: string
    status: string
    rows: string
    errors: string
    months: string
  }>
}

interface Summary {
  lists?: Array<{ rows: number }>
  errors?: number
  months?: string[]
  end?: string
}

function count(n: number): string {
  return n.toLocaleString('en-GB')
}

export function importListModel(imports: readonly ImportRecord[]): ImportListModel {
  return {
    pageTitle: 'Annex A imports',
    imports: imports.map((i) => {
      const summary = i.summary as Summary
      const rows = (summary.lists ?? []).reduce((sum, l) => sum + l.rows, 0)
      return {
        href: `/imports/${i.id}`,
        id: i.id,
        // A census is stored as an Annex A import of lists 3–7: the list says which it was.
        file: i.layout === 'cin-census' ? `${i.sourceFile} (CIN census)` : i.sourceFile,
        when: formatTimestamp(i.importedAt),
        by: i.importedBy,
        status: i.removedAt === null ? 'Stored' : `Records removed ${formatTimestamp(i.removedAt)}`,
        rows: count(rows),
        errors: count(summary.errors ?? 0),
        months:
          summary.months && summary.months.length > 0
            ? `${summary.months[0] ?? ''} to ${summary.months.at(-1) ?? ''}`
            : '',
      }
    }),
  }
}

export interface ProblemRowModel {
  list: string
  row: string
  column: string
  value: string
  reason: string
}

export interface DataQualityModel {
  pageTitle: string
  file: string
  when: string
  by: string
  removed: string | null
  lists: Array<{ list: string; source: string; rows: string; errors: string; warnings: string }>
  errorCount: string
  warningCount: string
  errors: ProblemRowModel[]
  warnings: ProblemRowModel[]
}

function problemRow(p: DataQualityReport['errors'][number]): ProblemRowModel {
  return {
    list: p.list === null ? '' : String(p.list),
    row: p.row === null ? '' : String(p.row),
    column: p.column ?? '',
    value: p.value ?? '',
    reason: p.reason,
  }
}

export function dataQualityModel(report: DataQualityReport): DataQualityModel {
  const r = report.importRecord
  return {
    pageTitle: `Data quality: import ${r.id}`,
    file: r.sourceFile,
    when: formatTimestamp(r.importedAt),
    by: r.importedBy,
    removed: r.removedAt === null ? null : formatTimestamp(r.removedAt),
    lists: report.lists.map((l) => ({
      list: `List ${l.list}`,
      source: l.source,
      rows: count(l.rows),
      errors: count(l.errors),
      warnings: count(l.warnings),
    })),
    errorCount: count(report.errors.length),
    warningCount: count(report.warnings.length),
    errors: report.errors.map(problemRow),
    warnings: report.warnings.map(problemRow),
  }
}

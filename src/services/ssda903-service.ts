/**
 * An SSDA903 (children looked after) return read and its measures computed, storing nothing (`scrutineer measures
 * --ssda903`). The return gives the same records as Annex A lists 8 and 9, so the measures are computed by the same
 * code with the same definitions (docs/methodology.md, "SSDA903"). `import ssda903` is the Annex A import
 * (annex-a-service.ts) with the source `ssda903`.
 */
import type { AnnexA } from '../domain/annex-a/records.ts'
import { computeMeasures } from '../domain/measures/compute.ts'
import { failed, ok, type Result } from '../domain/result.ts'
import type { ImportProblem } from '../importers/problem.ts'
import { asAnnexAImport } from '../importers/ssda903/annex-a-rows.ts'
import { readSsda903 } from '../importers/ssda903/read-ssda903.ts'
import type { ComputeFromFileOptions, MeasuresReport } from './annex-a-service.ts'

/** Reads a return (a folder or .zip of its CSV files) and computes every measure from it. */
export async function measuresFromSsda903(
  path: string,
  options: ComputeFromFileOptions,
): Promise<Result<MeasuresReport & { annexA: AnnexA }, ImportProblem>> {
  const read = await readSsda903(path)
  if (!read.ok) return failed(read.problems)
  const imported = asAnnexAImport(read.value, { keepRows: false })
  const computed = computeMeasures(imported.records, options)
  return ok({ ...computed, errors: imported.errors, annexA: imported.records })
}
